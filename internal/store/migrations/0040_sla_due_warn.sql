-- 0038's backfill took a ticket's warning time from any running, unwarned
-- target due at the same moment as the one shown; the SLA package keeps
-- the shown target's own warning (none once it was sent or the target
-- breached). Recomputed from the timers as internal/sla's saveDue does;
-- a row the SLA package wrote since is unchanged by this. (MIN(target) in
-- 0038 picks the target the SLA package picks on a tie: its order,
-- first_response, next_response, resolution, is alphabetical.)
UPDATE tickets SET sla_warn_at = COALESCE((SELECT s.warn_at FROM sla_timers s
    WHERE s.ticket_id = tickets.id AND s.target = tickets.sla_target AND s.state = 'running' AND s.warned = 0), 0)
WHERE sla_due_at IS NOT NULL;
