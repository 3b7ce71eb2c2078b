-- The training and testing center (internal/academy): courses of lessons
-- (knowledge-base and internal articles) with a quiz, certifications that a
-- course's quiz grants, and the attempts and holdings of agents.

-- gates: comma-separated things the certification gates ("queue:security",
-- "queue:tier2", "tool:account_actions", "tool:recovery_approval"); an
-- agent needs a current holding of one certification that gates a thing
-- to do it. version: bumped when the policy behind it changes, which sends
-- every holder back to the quiz. course_id: the course whose quiz grants it.
CREATE TABLE academy_certifications (
    id          {{pk}},
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    pass_mark   INTEGER NOT NULL,
    valid_days  INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    version_note TEXT   NOT NULL DEFAULT '',
    gates       TEXT    NOT NULL DEFAULT '',
    course_id   BIGINT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- pass_mark: percent of questions right; time_limit: seconds to submit a
-- started quiz; path_position: the course's place in a new agent's
-- learning path (0: not on it).
CREATE TABLE academy_courses (
    id            {{pk}},
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
    pass_mark     INTEGER NOT NULL,
    time_limit    INTEGER NOT NULL,
    path_position INTEGER NOT NULL DEFAULT 0,
    path_unlocks  TEXT    NOT NULL DEFAULT '',
    created_by    BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

-- A lesson is one knowledge-base article (public or internal), read in order.
CREATE TABLE academy_lessons (
    course_id  BIGINT  NOT NULL REFERENCES academy_courses (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    article_id BIGINT  NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (course_id, position)
);

-- kind: choice (a plain multiple-choice question) or scenario (a
-- customer's situation, then what the agent does). choices: JSON array of
-- strings; correct: the index of the right one.
CREATE TABLE academy_questions (
    id          {{pk}},
    course_id   BIGINT  NOT NULL REFERENCES academy_courses (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    scenario    TEXT    NOT NULL DEFAULT '',
    prompt      TEXT    NOT NULL,
    choices     TEXT    NOT NULL,
    correct     INTEGER NOT NULL,
    explanation TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX academy_questions_course ON academy_questions (course_id, position);

-- An attempt starts when the agent opens the quiz; deadline is started_at
-- plus the time limit. submitted_at 0: not submitted. answers: JSON object
-- question id -> choice index.
CREATE TABLE academy_attempts (
    id           {{pk}},
    agent_id     BIGINT  NOT NULL,
    course_id    BIGINT  NOT NULL REFERENCES academy_courses (id) ON DELETE CASCADE,
    started_at   BIGINT  NOT NULL,
    deadline     BIGINT  NOT NULL,
    submitted_at BIGINT  NOT NULL DEFAULT 0,
    answers      TEXT    NOT NULL DEFAULT '{}',
    correct      INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    score        INTEGER NOT NULL DEFAULT 0,
    passed       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX academy_attempts_agent ON academy_attempts (agent_id, course_id);

-- An agent's latest pass of a certification: valid until expires_at, and
-- only while version is the certification's version.
CREATE TABLE academy_holdings (
    agent_id         BIGINT  NOT NULL,
    certification_id BIGINT  NOT NULL REFERENCES academy_certifications (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    attempt_id       BIGINT  NOT NULL DEFAULT 0,
    passed_at        BIGINT  NOT NULL,
    expires_at       BIGINT  NOT NULL,
    PRIMARY KEY (agent_id, certification_id)
);
CREATE INDEX academy_holdings_cert ON academy_holdings (certification_id);
