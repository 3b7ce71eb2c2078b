-- Three indexes of the bus tables that only pruning read (issue 7, item
-- 16): outbox_published added an entry to every publish UPDATE,
-- event_log_received one to every recorded event, consumed_events_at one
-- to every consumer's claim. Pruning now walks each table's key from the
-- oldest row instead (internal/bus, prune.go), and the relay's resend at
-- start-up walks the outbox's.
DROP INDEX outbox_published;
DROP INDEX event_log_received;
DROP INDEX consumed_events_at;
