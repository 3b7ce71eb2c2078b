-- The inbox's activity order in a narrow table of its own (issue 7, item
-- 16). An index on tickets.updated_at (0012's tickets_activity) made every
-- message's UPDATE of its ticket write a new row version with an entry in
-- each of the table's ten indexes; with no index on a column that update
-- changes, PostgreSQL makes it a heap-only (HOT) update, and the order
-- costs one narrow row and two index entries a message instead.
-- ticket_activity.at follows tickets.updated_at: every write that sets one
-- sets the other (internal/ticket, touch).
CREATE TABLE ticket_activity (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    at        BIGINT NOT NULL
);
INSERT INTO ticket_activity (ticket_id, at) SELECT id, updated_at FROM tickets;
CREATE INDEX ticket_activity_at ON ticket_activity (at, ticket_id);
DROP INDEX tickets_activity;
