-- Routing (internal/routing): queues with ordered rules, each ticket's
-- queue and the reason it is there, agents' skills, capacity and
-- availability, chat offers, and escalation hand-off summaries.

-- A queue and its rule (internal/routing.ParseRule). Rules are tried by
-- position, lowest first; the catch-all queue matches every ticket and is
-- always last.
CREATE TABLE routing_queues (
    id         {{pk}},
    name       TEXT    NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    rule       TEXT    NOT NULL DEFAULT '',
    catch_all  INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);

-- The queue a ticket is in, and why (which rule, which values matched).
ALTER TABLE tickets ADD COLUMN queue_id BIGINT REFERENCES routing_queues (id);
ALTER TABLE tickets ADD COLUMN queue_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX tickets_queue ON tickets (queue_id, assignee_id, id);

-- The exchange's VIP level of a customer (0: none), for queue rules.
ALTER TABLE customers ADD COLUMN vip_level INTEGER NOT NULL DEFAULT 0;

-- An agent's skills (comma-separated lists), capacity and availability.
-- No row: no skills, offline.
CREATE TABLE agent_routing (
    agent_id         BIGINT  PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    languages        TEXT    NOT NULL DEFAULT '',
    areas            TEXT    NOT NULL DEFAULT '',
    tiers            TEXT    NOT NULL DEFAULT '1',
    certifications   TEXT    NOT NULL DEFAULT '',
    max_chats        INTEGER NOT NULL DEFAULT 3,
    max_tickets      INTEGER NOT NULL DEFAULT 25,
    availability     TEXT    NOT NULL DEFAULT 'offline',
    availability_at  BIGINT  NOT NULL DEFAULT 0,
    last_assigned_at BIGINT  NOT NULL DEFAULT 0,
    updated_at       BIGINT  NOT NULL DEFAULT 0
);

-- Open workspace connections per agent and node: the agent goes away when
-- the sum over nodes drops to zero.
CREATE TABLE agent_connections (
    agent_id BIGINT  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    node     TEXT    NOT NULL,
    open     INTEGER NOT NULL,
    seen_at  BIGINT  NOT NULL,
    PRIMARY KEY (agent_id, node)
);

-- A chat ticket offered to one agent until expires_at; passed lists the
-- agents who let it pass (declined, timed out, went away), comma-separated.
CREATE TABLE routing_offers (
    ticket_id  BIGINT NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    offered_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    passed     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX routing_offers_expiry ON routing_offers (expires_at);
CREATE INDEX routing_offers_agent ON routing_offers (agent_id);

-- When a ticket entered its queue and when it was assigned: the waiting
-- times the customer's estimate is drawn from.
CREATE TABLE routing_waits (
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    queue_id    BIGINT NOT NULL REFERENCES routing_queues (id) ON DELETE CASCADE,
    queued_at   BIGINT NOT NULL,
    assigned_at BIGINT NOT NULL
);
CREATE INDEX routing_waits_queue ON routing_waits (queue_id, assigned_at);

-- An agent's escalation: where to (a tier, or security/recovery
-- specialists) and the hand-off summary for whoever takes it.
ALTER TABLE escalations ADD COLUMN specialist TEXT NOT NULL DEFAULT '';
ALTER TABLE escalations ADD COLUMN summary TEXT NOT NULL DEFAULT '';
