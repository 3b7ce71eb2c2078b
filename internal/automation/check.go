package automation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Check refuses a set of enabled rules that could loop (rule A's actions
// trigger rule B whose actions trigger A again) or conflict (two rules on
// the same trigger setting one field to different values). The error shows
// the cycle or the pair.
func Check(rules []Rule) error {
	on := make([]Rule, 0, len(rules))
	for _, r := range rules {
		if r.Enabled {
			on = append(on, r)
		}
	}
	if err := findConflict(on); err != nil {
		return err
	}
	return findCycle(on)
}

// sets is what a rule's actions set: field -> value ("tags" holds each tag
// added, as "tags:<tag>").
func sets(r Rule) map[string]string {
	out := map[string]string{}
	for _, a := range r.Then {
		switch a.Type {
		case SetStatus:
			out["status"] = a.Value
		case SetPriority:
			out["priority"] = a.Value
		case SetArea:
			out["product_area"] = a.Value
		case SetField:
			out["custom."+a.Field] = a.Value
		case AddTags:
			for _, t := range a.Values {
				out["tags:"+strings.ToLower(t)] = strings.ToLower(t)
			}
		}
	}
	return out
}

// fires is which triggers a rule's actions can start, with the field that
// starts each (for the message).
func fires(r Rule) map[string]string {
	out := map[string]string{}
	for field := range sets(r) {
		if field == "status" {
			out[OnStatusChanged] = "status"
			continue
		}
		out[OnFieldsChanged] = strings.SplitN(field, ":", 2)[0]
	}
	return out
}

// refutes reports whether a's changes make one of b's conditions false
// whatever else the ticket holds: then a cannot start b.
func refutes(a, b Rule) bool {
	set := sets(a)
	for _, c := range b.If {
		if c.Field == "tags" {
			if c.Op == "is_not" || c.Op == "not_contains" {
				for _, v := range c.Values {
					if _, ok := set["tags:"+v]; ok {
						return true
					}
				}
			}
			continue
		}
		v, ok := set[c.Field]
		if !ok {
			continue
		}
		probe := Facts{Ticket: ticketWith(c.Field, v)}
		if !c.holds(probe) {
			return true
		}
	}
	return false
}

func ticketWith(field, v string) ticket.Ticket {
	t := ticket.Ticket{CustomFields: map[string]string{}}
	switch field {
	case "status":
		t.Status = ticket.Status(v)
	case "priority":
		t.Priority = ticket.Priority(v)
	case "product_area":
		t.ProductArea = v
	default:
		t.CustomFields[strings.TrimPrefix(field, "custom.")] = v
	}
	return t
}

// findCycle walks the graph "a's actions start b" depth-first.
func findCycle(rules []Rule) error {
	next := make([][]int, len(rules))
	why := map[[2]int]string{}
	for i, a := range rules {
		for j, b := range rules {
			field, ok := fires(a)[b.When.Event]
			if !ok || refutes(a, b) {
				continue
			}
			next[i] = append(next[i], j)
			why[[2]int{i, j}] = fmt.Sprintf("%q sets %s, which triggers %q (%s)", a.Name, field, b.Name, b.When.Event)
		}
	}
	state := make([]int, len(rules)) // 0 unseen, 1 on the path, 2 done
	var path []int
	var visit func(i int) []int
	visit = func(i int) []int {
		state[i] = 1
		path = append(path, i)
		for _, j := range next[i] {
			if state[j] == 1 {
				k := slices.Index(path, j)
				return append(slices.Clone(path[k:]), j)
			}
			if state[j] == 0 {
				if c := visit(j); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[i] = 2
		return nil
	}
	for i := range rules {
		if state[i] != 0 {
			continue
		}
		if c := visit(i); c != nil {
			steps := make([]string, 0, len(c)-1)
			for k := 0; k+1 < len(c); k++ {
				steps = append(steps, why[[2]int{c[k], c[k+1]}])
			}
			return errs.E(errs.Conflict, "rules loop: %s", strings.Join(steps, "; then "))
		}
	}
	return nil
}

// findConflict: two rules on the same trigger set one field to different
// values, unless their conditions cannot both hold (each requires a
// different value of some field).
func findConflict(rules []Rule) error {
	for i, a := range rules {
		for _, b := range rules[i+1:] {
			if a.When != b.When || exclusive(a, b) {
				continue
			}
			sa, sb := sets(a), sets(b)
			for field, va := range sa {
				if vb, ok := sb[field]; ok && va != vb && !strings.HasPrefix(field, "tags:") {
					return errs.E(errs.Conflict, "rules conflict: %q sets %s to %q and %q sets it to %q, both on %s",
						a.Name, field, va, b.Name, vb, a.When.Event)
				}
			}
		}
	}
	return nil
}

// exclusive: some field must be one set of values for a and a disjoint set
// for b.
func exclusive(a, b Rule) bool {
	for _, ca := range a.If {
		if ca.Op != "is" || ca.Field == "tags" {
			continue
		}
		for _, cb := range b.If {
			if cb.Op == "is" && cb.Field == ca.Field && !anyEqual(ca.Values, cb.Values) {
				return true
			}
		}
	}
	return false
}
