-- Foundation schema. Times are Unix milliseconds (BIGINT) on both engines.
-- {{pk}} becomes the engine's auto-increment primary key.

CREATE TABLE outbox (
    id           {{pk}},
    type         TEXT   NOT NULL,
    data         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Which events each idempotent consumer has already handled.
CREATE TABLE consumed_events (
    consumer TEXT   NOT NULL,
    event_id BIGINT NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- Written by the recorder consumer: the bus's view of every event.
CREATE TABLE event_log (
    event_id    BIGINT PRIMARY KEY,
    type        TEXT   NOT NULL,
    data        TEXT   NOT NULL,
    received_at BIGINT NOT NULL
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE teams (
    id           {{pk}},
    name         TEXT   NOT NULL UNIQUE,
    product_area TEXT   NOT NULL DEFAULT '',
    language     TEXT   NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);

CREATE TABLE agents (
    id            {{pk}},
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '',
    totp_secret   TEXT    NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE team_members (
    team_id  BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    agent_id BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members (agent_id);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id           {{pk}},
    agent_id     BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    token_hash   TEXT   NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    revoked_at   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE customers (
    id          {{pk}},
    external_id TEXT   NOT NULL DEFAULT '',
    email       TEXT   NOT NULL DEFAULT '',
    name        TEXT   NOT NULL DEFAULT '',
    language    TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX customers_external_id ON customers (external_id) WHERE external_id <> '';
CREATE INDEX customers_email ON customers (email);

CREATE TABLE tickets (
    id              {{pk}},
    subject         TEXT    NOT NULL,
    customer_id     BIGINT  NOT NULL REFERENCES customers (id),
    channel         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    priority        TEXT    NOT NULL,
    product_area    TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    tier            INTEGER NOT NULL,
    team_id         BIGINT  REFERENCES teams (id),
    assignee_id     BIGINT  REFERENCES agents (id),
    custom_fields   TEXT    NOT NULL DEFAULT '{}',
    message_count   INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    last_message_at BIGINT  NOT NULL
);
CREATE INDEX tickets_updated ON tickets (updated_at, id);
CREATE INDEX tickets_status ON tickets (status, updated_at);
CREATE INDEX tickets_team ON tickets (team_id, updated_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at);
CREATE INDEX tickets_customer ON tickets (customer_id);

CREATE TABLE ticket_tags (
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       TEXT   NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag ON ticket_tags (tag);

-- Customer, agent, bot and system messages, and internal notes (internal = 1).
CREATE TABLE messages (
    id          {{pk}},
    ticket_id   BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_kind TEXT    NOT NULL,
    author_id   BIGINT,
    internal    INTEGER NOT NULL DEFAULT 0,
    body        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX messages_ticket ON messages (ticket_id, id);

CREATE TABLE escalations (
    id         {{pk}},
    ticket_id  BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    from_tier  INTEGER NOT NULL,
    to_tier    INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    agent_id   BIGINT  REFERENCES agents (id),
    created_at BIGINT  NOT NULL
);
CREATE INDEX escalations_ticket ON escalations (ticket_id, id);

-- Replays of create requests that carried an Idempotency-Key header.
CREATE TABLE idempotency_keys (
    principal    TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (principal, idem_key)
);

-- Append-only, hash-chained. audit_head holds the last link so that writers
-- on PostgreSQL serialise on one row lock.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_kind  TEXT   NOT NULL,
    actor_id    TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    target_kind TEXT   NOT NULL,
    target_id   TEXT   NOT NULL,
    ip          TEXT   NOT NULL,
    detail      TEXT   NOT NULL,
    prev_hash   TEXT   NOT NULL,
    hash        TEXT   NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
