-- Fraud patterns (internal/risk/fraud): entities customers mention
-- (addresses, TxIDs, domains, phone numbers, Telegram and X handles),
-- linked across tickets. One row per entity; its mentions say which
-- tickets and customers reported it. alerted_at is set once, by the
-- consumer that saw the report completing a cluster, so a cluster raises
-- one alert. seq orders the flagged list for the exchange's since-cursor
-- (0 while not flagged).
CREATE TABLE fraud_entities (
    id         {{pk}},
    kind       TEXT   NOT NULL,
    value      TEXT   NOT NULL,
    imitates   TEXT   NOT NULL DEFAULT '',
    state      TEXT   NOT NULL DEFAULT 'open',
    reason     TEXT   NOT NULL DEFAULT '',
    decided_by BIGINT,
    decided_at BIGINT,
    alerted_at BIGINT,
    seq        BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (kind, value)
);
CREATE UNIQUE INDEX fraud_entities_seq ON fraud_entities (seq) WHERE seq > 0;
CREATE INDEX fraud_entities_state ON fraud_entities (state, alerted_at);

-- A mention: one entity in one customer message (or one agent note); the
-- primary key makes a redelivered event one row.
CREATE TABLE fraud_mentions (
    entity_id   BIGINT NOT NULL,
    message_id  BIGINT NOT NULL,
    ticket_id   BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    source      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (entity_id, message_id)
);
CREATE INDEX fraud_mentions_ticket ON fraud_mentions (ticket_id);
CREATE INDEX fraud_mentions_entity_time ON fraud_mentions (entity_id, created_at);

-- The warnings sent for a flagged entity on a ticket: once per ticket.
CREATE TABLE fraud_warnings (
    entity_id  BIGINT NOT NULL,
    ticket_id  BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (entity_id, ticket_id)
);

-- Admin-editable cluster rule; no row means the defaults.
CREATE TABLE fraud_settings (
    id           INTEGER PRIMARY KEY,
    threshold    INTEGER NOT NULL,
    window_hours INTEGER NOT NULL,
    updated_at   BIGINT  NOT NULL
);
