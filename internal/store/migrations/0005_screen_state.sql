-- The inbound guard's rolling state of each conversation: the last words
-- that could belong to a seed phrase sent in pieces (subject, then one
-- message after another) and where each sits, so that a phrase completed
-- by a new message is found without reading the conversation again.
-- Sealed with the message-body keyring (AAD "screen_state:ticket=<id>").
-- warn: kinds of secret cut from a new ticket's subject or form fields,
-- for the warning that follows the customer's first message.
CREATE TABLE screen_state (
    ticket_id  BIGINT NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    state      TEXT   NOT NULL,
    warn       TEXT   NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
