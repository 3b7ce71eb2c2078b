-- Status page and incident mode (internal/status): incidents and scheduled
-- maintenance with their updates in up to 17 languages, the components
-- they affect, the tickets they brought, and e-mail subscriptions.

-- kind: incident or maintenance. state: open, resolved (incidents),
-- scheduled, open, resolved (maintenance). impact: degraded,
-- deposits_delayed, withdrawals_suspended, maintenance. source: operator,
-- or the automatic feed that opened it (watch:tron:stalled,
-- exchange:tron:deposits), which resolves it again. titles: JSON object
-- language -> text, English always present. asset: "" for the whole network.
-- first_ticket, first_message: the lowest ticket and message ids that are
-- new to the incident (an older ticket joins it only by a newer message).
CREATE TABLE status_incidents (
    id          {{pk}},
    kind        TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    impact      TEXT    NOT NULL,
    source      TEXT    NOT NULL DEFAULT 'operator',
    asset       TEXT    NOT NULL DEFAULT '',
    titles      TEXT    NOT NULL,
    starts_at   BIGINT  NOT NULL,
    ends_at     BIGINT  NOT NULL DEFAULT 0,
    reminded    INTEGER NOT NULL DEFAULT 0,
    first_ticket BIGINT NOT NULL DEFAULT 0,
    first_message BIGINT NOT NULL DEFAULT 0,
    created_by  TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL,
    resolved_at BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX status_incidents_state ON status_incidents (state);
CREATE INDEX status_incidents_source ON status_incidents (source, state);

-- The components an incident affects: "network:tron", "product:withdrawals".
CREATE TABLE status_incident_components (
    incident_id BIGINT NOT NULL REFERENCES status_incidents (id) ON DELETE CASCADE,
    component   TEXT   NOT NULL,
    PRIMARY KEY (incident_id, component)
);
CREATE INDEX status_incident_components_component ON status_incident_components (component);

-- An incident's updates, oldest first; bodies: JSON language -> text.
CREATE TABLE status_updates (
    id          {{pk}},
    incident_id BIGINT NOT NULL REFERENCES status_incidents (id) ON DELETE CASCADE,
    state       TEXT   NOT NULL,
    bodies      TEXT   NOT NULL,
    author      TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX status_updates_incident ON status_updates (incident_id, id);

-- Tickets an incident brought (tagged when they matched it), and whether
-- their customer was told of the resolution.
CREATE TABLE status_incident_tickets (
    incident_id BIGINT  NOT NULL REFERENCES status_incidents (id) ON DELETE CASCADE,
    ticket_id   BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    linked_at   BIGINT  NOT NULL,
    notified_at BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (incident_id, ticket_id)
);
CREATE INDEX status_incident_tickets_ticket ON status_incident_tickets (ticket_id);

-- E-mail subscriptions per network ("" for all of them), confirmed by the
-- double opt-in token sent to the address; token_hash is its SHA-256.
CREATE TABLE status_subscriptions (
    id           {{pk}},
    email        TEXT   NOT NULL,
    network      TEXT   NOT NULL,
    lang         TEXT   NOT NULL DEFAULT 'en',
    token_hash   TEXT   NOT NULL,
    confirmed_at BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX status_subscriptions_email_network ON status_subscriptions (email, network);
CREATE UNIQUE INDEX status_subscriptions_token ON status_subscriptions (token_hash);
