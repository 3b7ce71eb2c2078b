-- Retention of the bus tables (issue 7): consumed_events learns when each
-- event was handled, and the columns the pruner deletes by are indexed.
-- Rows handled before this migration count as handled now, so that none is
-- pruned while the stream could still redeliver its event.
ALTER TABLE consumed_events ADD COLUMN consumed_at BIGINT NOT NULL DEFAULT 0;
UPDATE consumed_events SET consumed_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
CREATE INDEX consumed_events_at ON consumed_events (consumed_at);
CREATE INDEX event_log_received ON event_log (received_at);
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
