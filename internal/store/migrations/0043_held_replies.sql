-- Agents' replies the outbound guard held for review (internal/ticket,
-- ticket_held.go): not refused, not sent. The agent rephrases (the reply
-- stays held and is never sent) or asks a supervisor, who releases it (it
-- is then sent as the agent's message, message_id) or rejects it.
-- body is what would be sent: the agent's text with any secret pasted in
-- it already cut out, sealed like a message body. status: held, review
-- (a supervisor was asked), released or rejected. note is the
-- supervisor's reason; decided_by the supervisor.
CREATE TABLE held_replies (
    id         {{pk}},
    ticket_id  BIGINT  NOT NULL,
    author_id  BIGINT  NOT NULL,
    body       TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'held',
    note       TEXT    NOT NULL DEFAULT '',
    decided_by BIGINT,
    message_id BIGINT,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX held_replies_status ON held_replies (status, id);
CREATE INDEX held_replies_ticket ON held_replies (ticket_id, id);
