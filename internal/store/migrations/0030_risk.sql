-- Risk events in, proactive outreach out (internal/risk).

-- Every event the exchange's risk engine sent, once per event_id (replay
-- protection beyond the signature's time window). detail: the event as
-- JSON. outreach_id: the outreach it started or joined (NULL: recorded only).
CREATE TABLE risk_events (
    id          {{pk}},
    event_id    TEXT   NOT NULL,
    user_id     TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    detail      TEXT   NOT NULL,
    outreach_id BIGINT
);
CREATE UNIQUE INDEX risk_events_event ON risk_events (event_id);
CREATE INDEX risk_events_user ON risk_events (user_id, occurred_at);
CREATE INDEX risk_events_outreach ON risk_events (outreach_id);

-- What each kind of event does; admins change them. notify: start (or
-- join) an outreach; email, telegram: also on those channels (the widget
-- notice always shows). severity: info, warning, critical.
CREATE TABLE risk_rules (
    kind       TEXT    PRIMARY KEY,
    notify     INTEGER NOT NULL,
    email      INTEGER NOT NULL,
    telegram   INTEGER NOT NULL,
    severity   TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL DEFAULT 0,
    updated_by TEXT    NOT NULL DEFAULT ''
);
INSERT INTO risk_rules (kind, notify, email, telegram, severity) VALUES
    ('sign_in_failures', 1, 0, 1, 'warning'),
    ('new_device_sign_in', 1, 1, 1, 'warning'),
    ('password_changed', 1, 1, 1, 'warning'),
    ('two_factor_reset', 1, 1, 1, 'critical'),
    ('two_factor_disabled', 1, 1, 1, 'critical'),
    ('withdrawal_address_added', 1, 1, 1, 'warning'),
    ('api_key_created', 1, 1, 1, 'warning'),
    ('large_withdrawal', 1, 1, 1, 'critical'),
    ('withdrawal_to_flagged_address', 1, 1, 1, 'critical'),
    ('account_frozen', 0, 0, 0, 'info');

-- One outreach: the alert a customer got about one burst of events (later
-- events within the window join it instead of alerting again). mailed:
-- whether its e-mail was queued. used_at: "This wasn't me" / the disable
-- link was used (once); ticket_id: the security ticket it opened.
CREATE TABLE risk_outreach (
    id            {{pk}},
    user_id       TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    email         INTEGER NOT NULL,
    telegram      INTEGER NOT NULL,
    opened_at     BIGINT  NOT NULL,
    last_event_at BIGINT  NOT NULL,
    events        INTEGER NOT NULL,
    delivered_at  BIGINT,
    mailed        INTEGER NOT NULL DEFAULT 0,
    telegrammed   INTEGER NOT NULL DEFAULT 0,
    used_at       BIGINT,
    used_via      TEXT    NOT NULL DEFAULT '',
    ticket_id     BIGINT,
    freeze_result TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX risk_outreach_user ON risk_outreach (user_id, opened_at);
CREATE INDEX risk_outreach_ticket ON risk_outreach (ticket_id);

-- One row per user: the outreach events join until window_until, and how
-- many outreaches started in the current day (day_start), for the cap.
-- Taking this row first serialises two nodes deciding for one user.
CREATE TABLE risk_windows (
    user_id      TEXT   PRIMARY KEY,
    outreach_id  BIGINT NOT NULL DEFAULT 0,
    window_until BIGINT NOT NULL DEFAULT 0,
    day_start    BIGINT NOT NULL DEFAULT 0,
    day_count    INTEGER NOT NULL DEFAULT 0
);
