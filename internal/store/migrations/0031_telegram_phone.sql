-- The Telegram bot (internal/telegram) and phone support (internal/phone).

-- One row per Telegram chat with the bot. customer_ref is the customer
-- the chat writes as: "telegram:<chat id>" until the customer links their
-- exchange account with a signed deep link, then the exchange's user id.
CREATE TABLE telegram_chats (
    chat_id      BIGINT PRIMARY KEY,
    customer_ref TEXT    NOT NULL,
    linked       INTEGER NOT NULL DEFAULT 0,
    language     TEXT    NOT NULL DEFAULT 'en',
    greeted      INTEGER NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);

-- Every update_id taken in, so a replayed update is stored once.
CREATE TABLE telegram_updates (
    update_id   BIGINT PRIMARY KEY,
    received_at BIGINT NOT NULL
);

-- Which chat each Telegram ticket belongs to, for the replies.
CREATE TABLE telegram_tickets (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    chat_id   BIGINT NOT NULL
);
CREATE INDEX telegram_tickets_chat ON telegram_tickets (chat_id, ticket_id);

-- Deep-link tokens: the token carries id, expiry and an HMAC; the row
-- makes it single use.
CREATE TABLE telegram_links (
    id          TEXT   PRIMARY KEY,
    external_id TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    chat_id     BIGINT
);

-- What the bot has to send. A reply to a ticket keeps the message id and
-- its sealed body (never clear text); the bot's own notices keep text.
-- claimed_until lets one node at a time send a row.
CREATE TABLE telegram_outbox (
    id            {{pk}},
    chat_id       BIGINT  NOT NULL,
    message_id    BIGINT,
    ticket_id     BIGINT,
    sealed        TEXT    NOT NULL DEFAULT '',
    withheld      INTEGER NOT NULL DEFAULT 0,
    text          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT  NOT NULL,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    last_error    TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    sent_at       BIGINT
);
CREATE UNIQUE INDEX telegram_outbox_message ON telegram_outbox (message_id);
CREATE INDEX telegram_outbox_due ON telegram_outbox (status, next_at);

-- Calls, one row per provider call id. state only moves forward
-- (ringing, answered, ended); missed is an ended call never answered.
CREATE TABLE phone_calls (
    id            {{pk}},
    call_id       TEXT    NOT NULL,
    ticket_id     BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    number        TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    agent         TEXT    NOT NULL DEFAULT '',
    started_at    BIGINT  NOT NULL,
    answered_at   BIGINT,
    ended_at      BIGINT,
    duration_s    INTEGER NOT NULL DEFAULT 0,
    recording_url TEXT    NOT NULL DEFAULT '',
    missed        INTEGER NOT NULL DEFAULT 0,
    updated_at    BIGINT  NOT NULL
);
CREATE UNIQUE INDEX phone_calls_call ON phone_calls (call_id);
CREATE INDEX phone_calls_ticket ON phone_calls (ticket_id);

-- Provider event ids taken in: a replayed event changes nothing.
CREATE TABLE phone_events (
    event_id    TEXT   PRIMARY KEY,
    call_id     TEXT   NOT NULL,
    received_at BIGINT NOT NULL
);

-- Known numbers of exchange users (E.164), to match callers.
CREATE TABLE phone_numbers (
    number      TEXT   PRIMARY KEY,
    external_id TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Callback tasks: from a missed call, the widget or the help center.
CREATE TABLE phone_callbacks (
    id           {{pk}},
    ticket_id    BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    number       TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    window_start BIGINT  NOT NULL,
    window_end   BIGINT  NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'scheduled',
    call_id      TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX phone_callbacks_due ON phone_callbacks (status, window_start);
CREATE INDEX phone_callbacks_ticket ON phone_callbacks (ticket_id);
