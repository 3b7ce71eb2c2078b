-- Automation rules (internal/automation): when an event happens or a time
-- passes, if conditions hold, then actions.

-- definition is the rule's JSON (when, if, then) as automation.Parse reads
-- it; position orders rules that fire on the same event.
CREATE TABLE automation_rules (
    id         {{pk}},
    name       TEXT    NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    position   INTEGER NOT NULL DEFAULT 0,
    definition TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX automation_rules_name ON automation_rules (name);

-- Time-based rules: one row per ticket and rule while its time runs; the
-- scheduler reads only rows with due_at <= now through the index.
-- since is when the waiting began (the ticket went pending); last_message
-- the ticket's newest message id then, so a customer message after it
-- (id greater) means the customer replied.
CREATE TABLE automation_due (
    ticket_id    BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    rule_id      BIGINT NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
    since        BIGINT NOT NULL,
    last_message BIGINT NOT NULL,
    due_at       BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, rule_id)
);
CREATE INDEX automation_due_at ON automation_due (due_at);

-- Every change automation made to a ticket, for the runtime loop guard
-- (more than N a minute stops automation on the ticket) and the history.
CREATE TABLE automation_runs (
    ticket_id BIGINT NOT NULL,
    rule_id   BIGINT NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX automation_runs_ticket ON automation_runs (ticket_id, at);
CREATE INDEX automation_runs_at ON automation_runs (at);

-- Tickets the guard stopped: automation leaves them alone until an admin
-- clears the flag.
CREATE TABLE automation_stopped (
    ticket_id BIGINT NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    rule_id   BIGINT NOT NULL,
    at        BIGINT NOT NULL
);

-- Webhook calls to make, an outbox: written in the rule's transaction and
-- sent by a background sender, never from a request; retried with backoff.
-- state: pending, sent, failed.
CREATE TABLE automation_webhooks (
    id         {{pk}},
    rule_id    BIGINT  NOT NULL,
    ticket_id  BIGINT  NOT NULL,
    url        TEXT    NOT NULL,
    secret     TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'pending',
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    BIGINT  NOT NULL,
    last_error TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL
);
CREATE INDEX automation_webhooks_next ON automation_webhooks (next_at) WHERE state = 'pending';
CREATE INDEX automation_webhooks_created ON automation_webhooks (created_at);
