-- The support bot (internal/bot): per chat conversation, whether the bot
-- still speaks or a person has taken over, the self-service flow in
-- progress (so that it resumes after a reconnect, on any node), what was
-- tried (for the hand-off summary), and the last answer given (the bot
-- never gives the same one twice in a row).
CREATE TABLE bot_conversations (
    ticket_id     BIGINT  NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    mode          TEXT    NOT NULL DEFAULT 'bot',
    flow          TEXT    NOT NULL DEFAULT '',
    step          TEXT    NOT NULL DEFAULT '',
    data          TEXT    NOT NULL DEFAULT '{}',
    tried         TEXT    NOT NULL DEFAULT '[]',
    last_answer   TEXT    NOT NULL DEFAULT '',
    last_message  BIGINT  NOT NULL DEFAULT 0,
    -- A toolbar button or a flow's choice arrives as a customer message
    -- (its label); input_message names that message and input what it
    -- chose ("flow:<name>" or "choice:<id>"), written with the message.
    input_message BIGINT  NOT NULL DEFAULT 0,
    input         TEXT    NOT NULL DEFAULT '',
    lang          TEXT    NOT NULL DEFAULT 'en',
    handed_off_at BIGINT  NOT NULL DEFAULT 0,
    updated_at    BIGINT  NOT NULL
);
