-- E-mail as a channel (internal/email). email_messages is every mail in or
-- out of the channel: inbound ones by their Message-ID (stored once: a
-- replayed or re-fetched mail is a duplicate), outbound ones by the ticket
-- message they carry (sent once, even across a restart). raw is the full
-- mail, sealed with the message-body keyring (AAD "email:<id>"), kept for
-- the record while the ticket shows only what the customer wrote.
CREATE TABLE email_messages (
    id             {{pk}},
    direction      TEXT   NOT NULL,            -- 'in' or 'out'
    rfc_message_id TEXT   NOT NULL,
    ticket_id      BIGINT REFERENCES tickets (id) ON DELETE CASCADE,
    message_id     BIGINT,                     -- the ticket message
    from_addr      TEXT   NOT NULL DEFAULT '',
    to_addr        TEXT   NOT NULL DEFAULT '',
    status         TEXT   NOT NULL,            -- in: ticket, reply, ignored, refused; out: queued, sent, failed
    reason         TEXT   NOT NULL DEFAULT '', -- why ignored or refused, or the last send error
    auth           TEXT   NOT NULL DEFAULT '', -- pass, fail, none (inbound DMARC)
    source         TEXT   NOT NULL DEFAULT '', -- 'smtp' or the mailbox's name
    raw            TEXT   NOT NULL DEFAULT '',
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_at        BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    sent_at        BIGINT
);
CREATE UNIQUE INDEX email_messages_rfc ON email_messages (direction, rfc_message_id);
CREATE UNIQUE INDEX email_messages_out ON email_messages (message_id) WHERE direction = 'out';
CREATE INDEX email_messages_ticket ON email_messages (ticket_id, id);
CREATE INDEX email_messages_queue ON email_messages (status, next_at) WHERE direction = 'out';

-- The IMAP mailboxes polled: where sync stands (by UID within a
-- UIDVALIDITY) and whether it works, for the admins' mailbox page.
CREATE TABLE email_mailboxes (
    name         TEXT    NOT NULL PRIMARY KEY,
    uid_validity BIGINT  NOT NULL DEFAULT 0,
    last_uid     BIGINT  NOT NULL DEFAULT 0,
    fetched      BIGINT  NOT NULL DEFAULT 0,
    failures     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    last_ok_at   BIGINT  NOT NULL DEFAULT 0,
    updated_at   BIGINT  NOT NULL
);
