-- Alerts raised for agents (alert.raised events), kept so that each agent
-- sees the ones addressed to them: a role ("supervisor"), a team
-- ("team:<name>"), a team's on-call ("oncall:<name>") or a queue
-- ("queue:<name>"). event_id makes a redelivered event one row.
CREATE TABLE agent_alerts (
    id         {{pk}},
    event_id   BIGINT NOT NULL UNIQUE,
    alert      TEXT   NOT NULL,
    severity   TEXT   NOT NULL,
    audience   TEXT   NOT NULL,
    message    TEXT   NOT NULL,
    ticket_id  BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX agent_alerts_created ON agent_alerts (created_at);
