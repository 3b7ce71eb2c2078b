package ticket

import (
	"database/sql"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// A ticket's next SLA due time, as internal/sla keeps it on the ticket row
// (migration 0038), and its state for the inbox's colours.

// SLA states of DueInfo.State.
const (
	DueOK       = "ok"       // running, the warning time not reached
	DueWarning  = "warning"  // running past the warning time
	DueBreached = "breached" // the due time has passed
	DuePaused   = "paused"   // no clock runs: waiting on the customer
)

// DueInfo is the SLA target due next on a ticket.
type DueInfo struct {
	Target string     `json:"target,omitempty"` // first_response, next_response or resolution; "" when paused
	DueAt  *time.Time `json:"due_at"`           // nil when paused
	State  string     `json:"state"`            // ok, warning, breached or paused
	warnAt int64
}

// noDue is the sort key of a ticket with no due time: after every real one
// (the year 9999), as in the tickets_sla_due index.
const noDue = "253402300799999"

// dueSortKey is the inbox's "due soonest" sort expression; it must match
// the index's expression for the index to serve it.
const dueSortKey = "COALESCE(t.sla_due_at, " + noDue + ")"

// dueColumns follow ticketColumns.
const dueColumns = `t.sla_due_at, t.sla_warn_at, t.sla_target, t.sla_paused`

// dueScan holds the due columns of a row until dueInfo reads them.
type dueScan struct {
	at     sql.NullInt64
	warnAt int64
	target string
	paused int
}

func (d *dueScan) dest() []any { return []any{&d.at, &d.warnAt, &d.target, &d.paused} }

// info is the row's due target without its state (settle sets it).
func (d *dueScan) info() *DueInfo {
	switch {
	case d.at.Valid:
		at := store.Time(d.at.Int64)
		return &DueInfo{Target: d.target, DueAt: &at, warnAt: d.warnAt}
	case d.paused != 0:
		return &DueInfo{State: DuePaused}
	}
	return nil
}

// settle sets the state as of now (Unix ms).
func (d *DueInfo) settle(now int64) {
	if d == nil || d.DueAt == nil {
		return
	}
	switch due := d.DueAt.UnixMilli(); {
	case due <= now:
		d.State = DueBreached
	case d.warnAt > 0 && d.warnAt <= now:
		d.State = DueWarning
	default:
		d.State = DueOK
	}
}
