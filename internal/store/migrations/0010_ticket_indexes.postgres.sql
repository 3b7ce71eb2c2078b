-- Ticket lists filter by status, team or assignee and order by id (see
-- ticket.Store.List); nothing reads tickets in updated_at order. Indexing
-- updated_at four times made every new message's UPDATE of its ticket a
-- new row version with six new index entries; with no indexed column
-- changed it is a heap-only (HOT) update. The indexes now follow the
-- queries: the filter column, then id.
DROP INDEX tickets_updated;
DROP INDEX tickets_status;
DROP INDEX tickets_team;
DROP INDEX tickets_assignee;
CREATE INDEX tickets_status ON tickets (status, id);
CREATE INDEX tickets_team ON tickets (team_id, id);
CREATE INDEX tickets_assignee ON tickets (assignee_id, id);
-- Room on each page for the next versions of its rows: a heap-only update
-- needs free space on the row's own page.
ALTER TABLE tickets SET (fillfactor = 70);

-- The ref of the conversation's latest customer text (a message id, or 0
-- for the subject), kept with the guard's rolling state so that a new
-- message need not look it up. NULL: not known yet (a state saved before
-- this migration), looked up once.
ALTER TABLE screen_state ADD COLUMN last_ref BIGINT;
