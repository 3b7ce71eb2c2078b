-- Live chat (internal/chat). A visitor is one browser, known by its resume
-- token, of which only the SHA-256 is kept; its anonymous conversations
-- belong to the customer external_id 'visitor:<id>'.
CREATE TABLE chat_visitors (
    id           {{pk}},
    token_hash   TEXT   NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

-- The client message ids a conversation has stored, so that a message sent
-- again after a reconnect is acknowledged, not stored twice.
CREATE TABLE chat_sends (
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
    client_id  TEXT   NOT NULL,
    message_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, client_id)
);

-- Identity tokens with a jti, and the visitor that used each first: the
-- same token from another browser is a replay. Kept until the token expires.
CREATE TABLE chat_token_uses (
    jti_hash   TEXT   PRIMARY KEY,
    visitor_id BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX chat_token_uses_expires ON chat_token_uses (expires_at);

-- Read receipts: the highest message id the customer and the agents have read.
CREATE TABLE chat_reads (
    ticket_id      BIGINT PRIMARY KEY REFERENCES tickets(id),
    customer_seq   BIGINT NOT NULL DEFAULT 0,
    agent_seq      BIGINT NOT NULL DEFAULT 0,
    updated_at     BIGINT NOT NULL
);
