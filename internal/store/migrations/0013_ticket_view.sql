-- The ticket view: macros (canned replies per language), @mentions in
-- internal notes, merged tickets and each agent's notification settings.

-- A macro is one canned reply in one language; macros that are translations
-- of each other share a name.
CREATE TABLE macros (
    id         {{pk}},
    name       TEXT   NOT NULL,
    language   TEXT   NOT NULL,
    body       TEXT   NOT NULL,
    created_by BIGINT REFERENCES agents (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (name, language)
);

-- One row per agent an internal note mentions; read_at 0 until the agent
-- has opened the ticket since.
CREATE TABLE mentions (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id  BIGINT,
    created_at BIGINT NOT NULL,
    read_at    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, agent_id)
);
CREATE INDEX mentions_agent ON mentions (agent_id, read_at, ticket_id);
CREATE INDEX mentions_ticket ON mentions (ticket_id);

-- A ticket merged into another is closed and points at it.
ALTER TABLE tickets ADD COLUMN merged_into BIGINT REFERENCES tickets (id);

-- Which browser notifications an agent wants; no row means all of them.
CREATE TABLE agent_notifications (
    agent_id    BIGINT  PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    assignments INTEGER NOT NULL,
    mentions    INTEGER NOT NULL,
    replies     INTEGER NOT NULL,
    updated_at  BIGINT  NOT NULL
);
