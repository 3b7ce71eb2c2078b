package sla

import "time"

// State is where a timer is.
type State string

const (
	Running  State = "running"  // the clock runs; due_at is set
	Paused   State = "paused"   // waiting on the customer; used_ms holds the time spent
	Met      State = "met"      // answered or solved in time (or after a breach was recorded)
	Breached State = "breached" // due_at passed while running
	Stopped  State = "stopped"  // no longer applies (ticket solved before an answer was due)
)

// Timer is one target of one ticket. Times are Unix milliseconds, as the
// tables store them.
type Timer struct {
	TicketID     int64
	Target       Target
	PolicyID     int64
	CalendarID   int64 // 0: 24/7
	State        State
	BudgetMS     int64 // the target in calendar time
	WarnPercent  int
	UsedMS       int64 // calendar time spent before RunningSince
	StartedAt    int64
	RunningSince int64 // 0 unless Running
	DueAt        int64 // wall time of the breach; 0 unless Running (or kept after a breach)
	WarnAt       int64
	Warned       bool
	EndedAt      int64 // when it was met, breached or stopped
	// BreachedBefore: met after a breach (kept for the record).
	BreachedBefore bool
}

// NextAt is when the scheduler must look at the timer next: the warning if
// it is still to come, else the breach; 0 when nothing is pending.
func (t *Timer) NextAt() int64 {
	if t.State != Running {
		return 0
	}
	if !t.Warned && t.WarnAt > 0 && t.WarnAt < t.DueAt {
		return t.WarnAt
	}
	return t.DueAt
}

// Final says the timer will not run again by itself.
func (t *Timer) Final() bool { return t.State == Met || t.State == Breached || t.State == Stopped }

// start (re)starts the timer at now with a fresh budget.
func (t *Timer) start(cal *Calendar, now int64) {
	t.State, t.UsedMS, t.StartedAt, t.Warned, t.EndedAt, t.BreachedBefore = Running, 0, now, false, 0, false
	t.run(cal, now)
}

// run sets the clock running from now with what is left of the budget.
func (t *Timer) run(cal *Calendar, now int64) {
	t.State, t.RunningSince = Running, now
	left := max(t.BudgetMS-t.UsedMS, 0)
	t.DueAt = addMS(cal, now, left)
	warnLeft := t.BudgetMS*int64(t.WarnPercent)/100 - t.UsedMS
	if warnLeft <= 0 {
		t.Warned = true // a pause ended past the warning: nothing to warn of again
		t.WarnAt = 0
		return
	}
	t.WarnAt = addMS(cal, now, warnLeft)
}

// pause stops the clock at now, keeping the time spent.
func (t *Timer) pause(cal *Calendar, now int64) {
	if t.State != Running {
		return
	}
	t.UsedMS += spentMS(cal, t.RunningSince, now)
	t.State, t.RunningSince, t.DueAt, t.WarnAt = Paused, 0, 0, 0
}

// resume restarts a paused clock at now.
func (t *Timer) resume(cal *Calendar, now int64) {
	if t.State == Paused {
		t.run(cal, now)
	}
}

// end marks the timer met (or stopped) at now, keeping the time it ran.
// A breached timer that is then met stays marked as breached.
func (t *Timer) end(state State, cal *Calendar, now int64) {
	switch t.State {
	case Met, Stopped:
		return
	case Breached:
		if state == Met {
			t.State, t.BreachedBefore = Met, true
		}
		return
	case Running:
		t.UsedMS += spentMS(cal, t.RunningSince, now)
	}
	t.State, t.EndedAt, t.RunningSince, t.WarnAt, t.DueAt = state, now, 0, 0, 0
}

// rebudget applies a new policy's target to a timer that is not final,
// keeping the time already spent.
func (t *Timer) rebudget(p Policy, old, cal *Calendar, calendarID int64, now int64) {
	if t.Final() {
		return
	}
	running := t.State == Running
	if running {
		t.pause(old, now)
	}
	t.PolicyID, t.BudgetMS, t.WarnPercent, t.CalendarID = p.ID, p.Budget(t.Target).Milliseconds(), p.WarnPercent, calendarID
	if running {
		t.run(cal, now)
	}
}

// Due is what the scheduler does for the timer at now: warn when the
// warning time has come and breach when the due time has.
func (t *Timer) Due(now int64) (warn, breach bool) {
	if t.State != Running {
		return false, false
	}
	breach = t.DueAt <= now
	warn = !t.Warned && t.WarnAt > 0 && t.WarnAt <= now
	return warn, breach
}

// fire applies what Due said.
func (t *Timer) fire(now int64) (warn, breach bool) {
	warn, breach = t.Due(now)
	if warn {
		t.Warned = true
	}
	if breach {
		t.State, t.EndedAt = Breached, now
		t.Warned = true
	}
	return warn, breach
}

func addMS(cal *Calendar, from, d int64) int64 {
	at, ok := cal.Add(time.UnixMilli(from), time.Duration(d)*time.Millisecond)
	if !ok {
		// A calendar with no open hours in two years: the target cannot
		// run out, and a far due time says so without breaking the index.
		return from + int64(maxSearchDays)*24*3600*1000
	}
	return at.UnixMilli()
}

func spentMS(cal *Calendar, from, to int64) int64 {
	return cal.Between(time.UnixMilli(from), time.UnixMilli(to)).Milliseconds()
}
