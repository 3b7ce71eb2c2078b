-- Customer verification levels (L1 signed in, L2 stepped up) and the
-- step-ups agents ask customers for. Owned by internal/auth.

-- What a customer proved, and when. An L2 row counts until expires_at; an
-- L1 row (expires_at 0) counts for its ticket, and for tickets opened
-- before it.
CREATE TABLE customer_verifications (
    id          {{pk}},
    customer_id BIGINT  NOT NULL REFERENCES customers (id),
    ticket_id   BIGINT  REFERENCES tickets (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL,
    method      TEXT    NOT NULL,
    verified_at BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX customer_verifications_customer ON customer_verifications (customer_id, id);

-- A step-up an agent asked for on a ticket: pending until the customer
-- confirms a fresh code (completed) or expires_at passes.
CREATE TABLE customer_step_ups (
    id           {{pk}},
    ticket_id    BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    customer_id  BIGINT NOT NULL REFERENCES customers (id),
    requested_by BIGINT REFERENCES agents (id),
    status       TEXT   NOT NULL,
    requested_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    completed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX customer_step_ups_customer ON customer_step_ups (customer_id, status);
CREATE INDEX customer_step_ups_ticket ON customer_step_ups (ticket_id, id);
