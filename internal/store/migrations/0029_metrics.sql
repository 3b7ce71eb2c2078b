-- Service metrics (internal/metrics): figures pre-aggregated from events by
-- the durable metrics consumer, so that dashboards read a few rollup rows
-- however many tickets there are.
--
-- Rollups: one row per time bucket x dimension x key ('all' with key '',
-- 'channel', 'queue', 'team', 'agent', 'language', 'product_area',
-- 'intent'). Counts and sums of milliseconds; averages and rates are
-- divided out when read. metric_hourly's bucket is Unix hours, metric_daily's
-- Unix days (UTC), metric_monthly's months since year 0 (year*12 + month-1,
-- UTC); all three are written together, and a period is read as whole
-- months, whole days and hours at its edges. The key is (dim, bucket,
-- dim_key): every read is a range of buckets of one dimension, grouped by
-- key or by bucket; a second index by key would tempt the planner into
-- scanning a dimension's whole history to skip a sort.

CREATE TABLE metric_hourly (
    bucket         BIGINT NOT NULL,
    dim            TEXT   NOT NULL,
    dim_key        TEXT   NOT NULL,
    created        BIGINT NOT NULL DEFAULT 0,
    bot_tickets    BIGINT NOT NULL DEFAULT 0,
    replies        BIGINT NOT NULL DEFAULT 0,
    frt_n          BIGINT NOT NULL DEFAULT 0,
    frt_ms         BIGINT NOT NULL DEFAULT 0,
    nrt_n          BIGINT NOT NULL DEFAULT 0,
    nrt_ms         BIGINT NOT NULL DEFAULT 0,
    solved         BIGINT NOT NULL DEFAULT 0,
    first_solved   BIGINT NOT NULL DEFAULT 0,
    res_ms         BIGINT NOT NULL DEFAULT 0,
    fcr            BIGINT NOT NULL DEFAULT 0,
    reopened       BIGINT NOT NULL DEFAULT 0,
    auto_solved    BIGINT NOT NULL DEFAULT 0,
    bot_solved     BIGINT NOT NULL DEFAULT 0,
    sla_frt_met    BIGINT NOT NULL DEFAULT 0,
    sla_frt_breach BIGINT NOT NULL DEFAULT 0,
    sla_nrt_met    BIGINT NOT NULL DEFAULT 0,
    sla_nrt_breach BIGINT NOT NULL DEFAULT 0,
    sla_res_met    BIGINT NOT NULL DEFAULT 0,
    sla_res_breach BIGINT NOT NULL DEFAULT 0,
    breaches       BIGINT NOT NULL DEFAULT 0,
    handle_n       BIGINT NOT NULL DEFAULT 0,
    handle_ms      BIGINT NOT NULL DEFAULT 0,
    csat_n         BIGINT NOT NULL DEFAULT 0,
    csat_sum       BIGINT NOT NULL DEFAULT 0,
    csat_good      BIGINT NOT NULL DEFAULT 0,
    csat_bot_n     BIGINT NOT NULL DEFAULT 0,
    csat_bot_sum   BIGINT NOT NULL DEFAULT 0,
    nps_n          BIGINT NOT NULL DEFAULT 0,
    nps_pro        BIGINT NOT NULL DEFAULT 0,
    nps_det        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, bucket, dim_key)
);

CREATE TABLE metric_daily (
    bucket         BIGINT NOT NULL,
    dim            TEXT   NOT NULL,
    dim_key        TEXT   NOT NULL,
    created        BIGINT NOT NULL DEFAULT 0,
    bot_tickets    BIGINT NOT NULL DEFAULT 0,
    replies        BIGINT NOT NULL DEFAULT 0,
    frt_n          BIGINT NOT NULL DEFAULT 0,
    frt_ms         BIGINT NOT NULL DEFAULT 0,
    nrt_n          BIGINT NOT NULL DEFAULT 0,
    nrt_ms         BIGINT NOT NULL DEFAULT 0,
    solved         BIGINT NOT NULL DEFAULT 0,
    first_solved   BIGINT NOT NULL DEFAULT 0,
    res_ms         BIGINT NOT NULL DEFAULT 0,
    fcr            BIGINT NOT NULL DEFAULT 0,
    reopened       BIGINT NOT NULL DEFAULT 0,
    auto_solved    BIGINT NOT NULL DEFAULT 0,
    bot_solved     BIGINT NOT NULL DEFAULT 0,
    sla_frt_met    BIGINT NOT NULL DEFAULT 0,
    sla_frt_breach BIGINT NOT NULL DEFAULT 0,
    sla_nrt_met    BIGINT NOT NULL DEFAULT 0,
    sla_nrt_breach BIGINT NOT NULL DEFAULT 0,
    sla_res_met    BIGINT NOT NULL DEFAULT 0,
    sla_res_breach BIGINT NOT NULL DEFAULT 0,
    breaches       BIGINT NOT NULL DEFAULT 0,
    handle_n       BIGINT NOT NULL DEFAULT 0,
    handle_ms      BIGINT NOT NULL DEFAULT 0,
    csat_n         BIGINT NOT NULL DEFAULT 0,
    csat_sum       BIGINT NOT NULL DEFAULT 0,
    csat_good      BIGINT NOT NULL DEFAULT 0,
    csat_bot_n     BIGINT NOT NULL DEFAULT 0,
    csat_bot_sum   BIGINT NOT NULL DEFAULT 0,
    nps_n          BIGINT NOT NULL DEFAULT 0,
    nps_pro        BIGINT NOT NULL DEFAULT 0,
    nps_det        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, bucket, dim_key)
);

CREATE TABLE metric_monthly (
    bucket         BIGINT NOT NULL,
    dim            TEXT   NOT NULL,
    dim_key        TEXT   NOT NULL,
    created        BIGINT NOT NULL DEFAULT 0,
    bot_tickets    BIGINT NOT NULL DEFAULT 0,
    replies        BIGINT NOT NULL DEFAULT 0,
    frt_n          BIGINT NOT NULL DEFAULT 0,
    frt_ms         BIGINT NOT NULL DEFAULT 0,
    nrt_n          BIGINT NOT NULL DEFAULT 0,
    nrt_ms         BIGINT NOT NULL DEFAULT 0,
    solved         BIGINT NOT NULL DEFAULT 0,
    first_solved   BIGINT NOT NULL DEFAULT 0,
    res_ms         BIGINT NOT NULL DEFAULT 0,
    fcr            BIGINT NOT NULL DEFAULT 0,
    reopened       BIGINT NOT NULL DEFAULT 0,
    auto_solved    BIGINT NOT NULL DEFAULT 0,
    bot_solved     BIGINT NOT NULL DEFAULT 0,
    sla_frt_met    BIGINT NOT NULL DEFAULT 0,
    sla_frt_breach BIGINT NOT NULL DEFAULT 0,
    sla_nrt_met    BIGINT NOT NULL DEFAULT 0,
    sla_nrt_breach BIGINT NOT NULL DEFAULT 0,
    sla_res_met    BIGINT NOT NULL DEFAULT 0,
    sla_res_breach BIGINT NOT NULL DEFAULT 0,
    breaches       BIGINT NOT NULL DEFAULT 0,
    handle_n       BIGINT NOT NULL DEFAULT 0,
    handle_ms      BIGINT NOT NULL DEFAULT 0,
    csat_n         BIGINT NOT NULL DEFAULT 0,
    csat_sum       BIGINT NOT NULL DEFAULT 0,
    csat_good      BIGINT NOT NULL DEFAULT 0,
    csat_bot_n     BIGINT NOT NULL DEFAULT 0,
    csat_bot_sum   BIGINT NOT NULL DEFAULT 0,
    nps_n          BIGINT NOT NULL DEFAULT 0,
    nps_pro        BIGINT NOT NULL DEFAULT 0,
    nps_det        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, bucket, dim_key)
);

-- The consumer's per-ticket state, built from events only: the dimensions a
-- ticket is counted under and where its clocks stand. open = 1 rows are the
-- live backlog.
CREATE TABLE metric_tickets (
    ticket_id      BIGINT NOT NULL PRIMARY KEY,
    customer_id    BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    channel        TEXT   NOT NULL DEFAULT '',
    queue_id       BIGINT NOT NULL DEFAULT 0,
    team_id        BIGINT NOT NULL DEFAULT 0,
    agent_id       BIGINT NOT NULL DEFAULT 0,
    language       TEXT   NOT NULL DEFAULT '',
    product_area   TEXT   NOT NULL DEFAULT '',
    intent         TEXT   NOT NULL DEFAULT '',
    priority       TEXT   NOT NULL DEFAULT '',
    tier           INTEGER NOT NULL DEFAULT 1,
    status         TEXT   NOT NULL DEFAULT 'new',
    open           INTEGER NOT NULL DEFAULT 1,
    first_reply_at BIGINT NOT NULL DEFAULT 0,
    waiting_since  BIGINT NOT NULL DEFAULT 0,
    last_touch     BIGINT NOT NULL DEFAULT 0,
    human_replies  INTEGER NOT NULL DEFAULT 0,
    bot_messages   INTEGER NOT NULL DEFAULT 0,
    solved_at      BIGINT NOT NULL DEFAULT 0,
    solves         INTEGER NOT NULL DEFAULT 0,
    reopens        INTEGER NOT NULL DEFAULT 0,
    pending_since  BIGINT NOT NULL DEFAULT 0,
    paused_ms      BIGINT NOT NULL DEFAULT 0,
    breached       TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX metric_tickets_open ON metric_tickets (open, created_at);

-- Admin settings: whether CSAT is asked, how often a customer may be asked
-- for NPS at most, and how long a solve must hold to count as resolved at
-- first contact.
CREATE TABLE metric_settings (
    id              INTEGER PRIMARY KEY,
    csat_enabled    INTEGER NOT NULL DEFAULT 1,
    nps_enabled     INTEGER NOT NULL DEFAULT 1,
    nps_every_days  INTEGER NOT NULL DEFAULT 90,
    fcr_window_hours INTEGER NOT NULL DEFAULT 168,
    spike_factor    INTEGER NOT NULL DEFAULT 3,
    spike_min       INTEGER NOT NULL DEFAULT 10,
    updated_at      BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO metric_settings (id) VALUES (1);

-- A survey offered to a customer: kind 'csat' (after a solve) or 'nps'.
-- The link carries id and an HMAC of it; one answer per survey.
CREATE TABLE surveys (
    id          {{pk}},
    kind        TEXT   NOT NULL,
    ticket_id   BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    agent_id    BIGINT NOT NULL DEFAULT 0,
    bot_part    TEXT   NOT NULL DEFAULT '',
    language    TEXT   NOT NULL DEFAULT 'en',
    channel     TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    answered_at BIGINT NOT NULL DEFAULT 0,
    score       INTEGER,
    comment     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX surveys_customer ON surveys (customer_id, kind, created_at);
CREATE INDEX surveys_ticket ON surveys (ticket_id, kind);

-- Contact-driver spikes: a product area or intent whose hourly volume
-- jumped; one row per key and hour.
CREATE TABLE metric_alerts (
    id         {{pk}},
    dim        TEXT   NOT NULL,
    dim_key    TEXT   NOT NULL,
    bucket     BIGINT NOT NULL,
    count      BIGINT NOT NULL,
    baseline   BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (dim, dim_key, bucket)
);
