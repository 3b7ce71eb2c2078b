-- SLA policies, their calendars and the per-ticket timers (internal/sla).

-- A calendar says when an SLA clock runs: hours '' is 24/7; otherwise a
-- weekly schedule such as 'mon-fri 09:00-18:00; sat 10:00-14:00' in
-- time_zone (an IANA name), minus the holidays ('2026-12-25 2027-01-01').
CREATE TABLE sla_calendars (
    id         {{pk}},
    name       TEXT   NOT NULL,
    time_zone  TEXT   NOT NULL DEFAULT 'UTC',
    hours      TEXT   NOT NULL DEFAULT '',
    holidays   TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sla_calendars_name ON sla_calendars (name);

-- A team's calendar, used by a policy that names none.
CREATE TABLE sla_team_calendars (
    team_id     BIGINT NOT NULL PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    calendar_id BIGINT NOT NULL REFERENCES sla_calendars (id) ON DELETE CASCADE
);

-- A policy's empty criteria (tier 0) match anything; the most specific
-- matching policy wins. Targets are business milliseconds, 0 for none.
CREATE TABLE sla_policies (
    id                {{pk}},
    name              TEXT    NOT NULL,
    priority          TEXT    NOT NULL DEFAULT '',
    product_area      TEXT    NOT NULL DEFAULT '',
    tier              INTEGER NOT NULL DEFAULT 0,
    channel           TEXT    NOT NULL DEFAULT '',
    segment           TEXT    NOT NULL DEFAULT '',
    first_response_ms BIGINT  NOT NULL DEFAULT 0,
    next_response_ms  BIGINT  NOT NULL DEFAULT 0,
    resolution_ms     BIGINT  NOT NULL DEFAULT 0,
    warn_percent      INTEGER NOT NULL DEFAULT 80,
    calendar_id       BIGINT  REFERENCES sla_calendars (id),
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);

-- One row per ticket and target (first_response, next_response,
-- resolution). state: running, paused, met, breached, stopped. used_ms is
-- the business time spent before running_since; due_at and warn_at are
-- wall times while running. next_at is when the scheduler must look at the
-- row next (the warning or the breach), NULL when nothing is pending: the
-- scheduler reads only rows with next_at <= now through its index.
CREATE TABLE sla_timers (
    ticket_id     BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    target        TEXT    NOT NULL,
    policy_id     BIGINT,
    calendar_id   BIGINT,
    state         TEXT    NOT NULL,
    budget_ms     BIGINT  NOT NULL,
    warn_percent  INTEGER NOT NULL,
    used_ms       BIGINT  NOT NULL DEFAULT 0,
    started_at    BIGINT  NOT NULL,
    running_since BIGINT  NOT NULL DEFAULT 0,
    due_at        BIGINT  NOT NULL DEFAULT 0,
    warn_at       BIGINT  NOT NULL DEFAULT 0,
    warned        INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT,
    ended_at      BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, target)
);
CREATE INDEX sla_timers_next ON sla_timers (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX sla_timers_due ON sla_timers (due_at, ticket_id) WHERE state = 'running';

-- Who made a system escalation ('sla', 'routing'); '' for an agent's.
ALTER TABLE escalations ADD COLUMN actor TEXT NOT NULL DEFAULT '';

-- Shipped defaults, as exchanges publish them: general questions answered
-- within 24 hours, urgent account-security cases within 4 hours to
-- resolution, chat answered within minutes.
INSERT INTO sla_calendars (name, time_zone, hours, holidays, created_at, updated_at)
VALUES ('Business hours (UTC)', 'UTC', 'mon-fri 09:00-18:00', '2026-12-25 2027-01-01', 0, 0);

INSERT INTO sla_policies (name, priority, product_area, tier, channel, segment, first_response_ms, next_response_ms, resolution_ms, warn_percent, calendar_id, created_at, updated_at) VALUES
    ('General questions', '', '', 0, '', '', 86400000, 86400000, 259200000, 80, NULL, 0, 0),
    ('Chat', '', '', 0, 'chat', '', 300000, 600000, 86400000, 80, NULL, 0, 0),
    ('High priority', 'high', '', 0, '', '', 14400000, 28800000, 172800000, 80, NULL, 0, 0),
    ('Urgent', 'urgent', '', 0, '', '', 3600000, 7200000, 28800000, 80, NULL, 0, 0),
    ('Urgent security', 'urgent', 'account_security', 0, '', '', 900000, 3600000, 14400000, 75, NULL, 0, 0),
    ('VIP', '', '', 0, '', 'vip', 7200000, 14400000, 86400000, 80, NULL, 0, 0);
