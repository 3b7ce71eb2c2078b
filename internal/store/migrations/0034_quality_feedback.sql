-- QA scorecards (internal/academy/quality) and product feedback
-- (internal/academy/feedback).
--
-- A QA session is a reviewer's sample of conversations ('review') or one
-- conversation several reviewers score to compare ('calibration'). Each
-- reviewer scores a ticket once per session. Scores keep the weight the
-- category had when the review was written, so a later change of the
-- scorecard does not rewrite old totals.

CREATE TABLE qa_sessions (
    id          {{pk}},
    kind        TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    source      TEXT   NOT NULL DEFAULT '',
    created_by  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX qa_sessions_created ON qa_sessions (created_at);

-- The conversations of a session, why each was sampled, and the agent the
-- review is about (the assignee when it was sampled).
CREATE TABLE qa_session_tickets (
    session_id BIGINT NOT NULL REFERENCES qa_sessions (id) ON DELETE CASCADE,
    ticket_id  BIGINT NOT NULL,
    agent_id   BIGINT NOT NULL,
    reason     TEXT   NOT NULL,
    PRIMARY KEY (session_id, ticket_id)
);

-- total is per mille of the best possible weighted score.
CREATE TABLE qa_reviews (
    id          {{pk}},
    session_id  BIGINT  NOT NULL REFERENCES qa_sessions (id) ON DELETE CASCADE,
    ticket_id   BIGINT  NOT NULL,
    agent_id    BIGINT  NOT NULL,
    reviewer_id BIGINT  NOT NULL,
    total       INTEGER NOT NULL,
    safety_fail INTEGER NOT NULL DEFAULT 0,
    comment     TEXT    NOT NULL DEFAULT '',
    state       TEXT    NOT NULL DEFAULT 'final',
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    UNIQUE (session_id, ticket_id, reviewer_id)
);
CREATE INDEX qa_reviews_agent ON qa_reviews (agent_id, created_at);
CREATE INDEX qa_reviews_ticket ON qa_reviews (ticket_id);

CREATE TABLE qa_scores (
    review_id BIGINT  NOT NULL REFERENCES qa_reviews (id) ON DELETE CASCADE,
    category  TEXT    NOT NULL,
    score     INTEGER NOT NULL,
    weight    INTEGER NOT NULL,
    PRIMARY KEY (review_id, category)
);

-- One dispute per review: the agent's reason, then the outcome ('upheld':
-- the scores stand; 'revised': the resolver changed them).
CREATE TABLE qa_disputes (
    id          {{pk}},
    review_id   BIGINT NOT NULL UNIQUE REFERENCES qa_reviews (id) ON DELETE CASCADE,
    agent_id    BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    resolved_by BIGINT NOT NULL DEFAULT 0,
    resolved_at BIGINT NOT NULL DEFAULT 0,
    outcome     TEXT   NOT NULL DEFAULT '',
    note        TEXT   NOT NULL DEFAULT ''
);

-- Guard events per ticket, kept by the quality consumer from the bus:
-- 'outbound_blocked' (an agent's message was refused) and
-- 'secret_redacted' (a customer's secret was cut). They pre-fill the
-- "never asked for a secret" category and feed the guard sample.
CREATE TABLE qa_signals (
    ticket_id BIGINT NOT NULL,
    kind      TEXT   NOT NULL,
    count     BIGINT NOT NULL DEFAULT 0,
    last_at   BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, kind)
);
CREATE INDEX qa_signals_last ON qa_signals (last_at);

-- Product feedback an agent tagged on a ticket: one row per ticket, kind
-- and product area.
CREATE TABLE feedback_tags (
    id           {{pk}},
    ticket_id    BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL,
    product_area TEXT   NOT NULL,
    note         TEXT   NOT NULL DEFAULT '',
    agent_id     BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (ticket_id, kind, product_area)
);
CREATE INDEX feedback_tags_area ON feedback_tags (product_area, created_at);
CREATE INDEX feedback_tags_created ON feedback_tags (created_at);
