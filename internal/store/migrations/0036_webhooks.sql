-- Outgoing webhooks (internal/webhook): subscriptions, one delivery per
-- event and subscription (retried with back-off until it lands), and each
-- attempt of it for the delivery log.

-- secret is sealed (internal/seal) with the row's id as additional data.
-- events is the comma-separated list of event types the subscriber takes.
-- A subscription that keeps failing is switched off (active = 0) with a
-- reason; consecutive_failures and failing_since say how close it is.
-- lease_until is set while one node delivers the subscription's queue, so
-- that no two nodes attempt its deliveries at once (and order holds).
CREATE TABLE webhook_subscriptions (
    id                   {{pk}},
    name                 TEXT    NOT NULL,
    url                  TEXT    NOT NULL,
    events               TEXT    NOT NULL,
    scope                TEXT    NOT NULL DEFAULT 'metadata',
    secret               TEXT    NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1,
    disabled_reason      TEXT    NOT NULL DEFAULT '',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since        BIGINT,
    lease_until          BIGINT  NOT NULL DEFAULT 0,
    created_by           TEXT    NOT NULL DEFAULT '',
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL
);

-- One event for one subscription. payload is the signed body, sealed
-- (a message.created body may be in it). state: pending (waiting for
-- next_at, or for the deliveries before it) or delivered. resend_of names
-- the delivery an admin sent again.
CREATE TABLE webhook_deliveries (
    id              {{pk}},
    subscription_id BIGINT  NOT NULL,
    event_id        BIGINT  NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         BIGINT  NOT NULL,
    resend_of       BIGINT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, state, event_id, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);

-- Every attempt: HTTP status (0 when none came), latency, the start of the
-- response (truncated) or the error.
CREATE TABLE webhook_attempts (
    id               {{pk}},
    delivery_id      BIGINT  NOT NULL,
    subscription_id  BIGINT  NOT NULL,
    attempt          INTEGER NOT NULL,
    at               BIGINT  NOT NULL,
    ok               INTEGER NOT NULL,
    status_code      INTEGER NOT NULL,
    latency_ms       BIGINT  NOT NULL,
    response_excerpt TEXT    NOT NULL DEFAULT '',
    error            TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, id);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
