-- The inbox shows each ticket's next SLA due time and sorts by it, and an
-- agent can snooze a ticket (internal/sla, internal/ticket).

-- The ticket's next SLA due time, kept by the SLA package whenever it
-- writes the ticket's timers: the earliest due time of its first
-- response, next response and resolution targets that are running or
-- breached (NULL: none). sla_warn_at is that target's warning time (0:
-- none or passed), sla_target its name, sla_paused 1 when no target runs
-- but one is paused (waiting on the customer). The inbox's "due soonest"
-- order reads the expression index; tickets with no due time sort last.
ALTER TABLE tickets ADD COLUMN sla_due_at BIGINT;
ALTER TABLE tickets ADD COLUMN sla_warn_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_target TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN sla_paused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_sla_due ON tickets ((COALESCE(sla_due_at, 253402300799999)), id);

-- Backfill from the timers, as the SLA package computes it.
UPDATE tickets SET sla_due_at = (
    SELECT MIN(s.due_at) FROM sla_timers s
    WHERE s.ticket_id = tickets.id AND s.state IN ('running', 'breached') AND s.due_at > 0);
UPDATE tickets SET
    sla_target = COALESCE((SELECT MIN(s.target) FROM sla_timers s
        WHERE s.ticket_id = tickets.id AND s.state IN ('running', 'breached') AND s.due_at = tickets.sla_due_at), ''),
    sla_warn_at = COALESCE((SELECT MIN(s.warn_at) FROM sla_timers s
        WHERE s.ticket_id = tickets.id AND s.state = 'running' AND s.warned = 0 AND s.due_at = tickets.sla_due_at), 0)
WHERE sla_due_at IS NOT NULL;
UPDATE tickets SET sla_paused = 1
WHERE sla_due_at IS NULL AND EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = tickets.id AND s.state = 'paused');

-- Whether a policy's clocks pause while the ticket waits on the customer
-- (the default, as before this migration).
ALTER TABLE sla_policies ADD COLUMN pause_pending INTEGER NOT NULL DEFAULT 1;

-- A snoozed ticket leaves the working views of the inbox until
-- snooze_until (NULL: no time set) or, with snooze_reply, the customer's
-- next message, whichever comes first. The waker reads snooze_until
-- through its partial index.
ALTER TABLE tickets ADD COLUMN snoozed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN snooze_until BIGINT;
ALTER TABLE tickets ADD COLUMN snooze_reply INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN snoozed_by BIGINT;
CREATE INDEX tickets_snooze_until ON tickets (snooze_until) WHERE snooze_until IS NOT NULL;
