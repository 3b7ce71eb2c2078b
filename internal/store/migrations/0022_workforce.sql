-- Workforce and well-being (internal/workforce): the surge switch and the
-- breathing-room length, conversations flagged abusive or distressing,
-- each agent's breathing room, shifts and on-call rotas, and the
-- assignment-to-solve spans that handle times are drawn from.

-- One row: surge widens Tier 1 routing to every product area;
-- breathing_minutes is how long an agent gets no chat after a flag.
CREATE TABLE workforce_settings (
    id                INTEGER PRIMARY KEY,
    surge             INTEGER NOT NULL DEFAULT 0,
    breathing_minutes INTEGER NOT NULL DEFAULT 5,
    updated_at        BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO workforce_settings (id) VALUES (1);

-- A conversation flagged abusive or distressing, by its agent (source
-- 'agent', agent_id set) or by the abuse-word check ('detected').
CREATE TABLE ticket_flags (
    id         {{pk}},
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL,
    source     TEXT   NOT NULL,
    agent_id   BIGINT REFERENCES agents (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ticket_flags_ticket ON ticket_flags (ticket_id, id);

-- No chat is offered to the agent before until_at.
CREATE TABLE agent_breathing (
    agent_id  BIGINT NOT NULL PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    until_at  BIGINT NOT NULL,
    ticket_id BIGINT,
    kind      TEXT   NOT NULL
);

-- A shift: kind 'shift' (on the queues), 'oncall' (reachable), 'manager'
-- (a manager's support shift, counted in the quarterly manager rota).
CREATE TABLE shifts (
    id         {{pk}},
    team_id    BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX shifts_time ON shifts (starts_at, ends_at);
CREATE INDEX shifts_agent ON shifts (agent_id, starts_at);

-- A ticket held by an agent from assigned_at until solved_at (0: still
-- held): the workload page's handle times.
CREATE TABLE agent_handles (
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    agent_id    BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    assigned_at BIGINT NOT NULL,
    solved_at   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, agent_id, assigned_at)
);
CREATE INDEX agent_handles_agent ON agent_handles (agent_id, solved_at);
