package automation

import (
	"context"
	"fmt"
)

// securityWords are stems meaning "hacked" or "stolen" in the 17
// languages (DESIGN.md), matched as substrings of the folded message:
// Chinese, Japanese and Thai have no spaces to match words by.
var securityWords = []string{
	// en
	"hacked", "hacker", "stolen", "stole my", "compromised", "unauthorized withdrawal", "unauthorised withdrawal", "drained",
	// zh
	"被盗", "被黑", "盗号", "黑客", "被偷",
	// es
	"hackeado", "hackearon", "robado", "robaron",
	// pt
	"hackeada", "hackearam", "roubado", "roubada", "roubaram", "invadida", "invadiram",
	// ru
	"взлом", "украли", "украден", "похитили",
	// tr
	"hacklendi", "hacklen", "çalındı", "çaldılar",
	// vi
	"bị hack", "đánh cắp", "bị trộm", "mất cắp",
	// fr
	"piraté", "hacké", "volé", "volés",
	// de
	"gehackt", "gestohlen", "geklaut",
	// it
	"hackerato", "hackerata", "rubato", "rubati", "derubato",
	// id
	"diretas", "dibobol", "dicuri", "kena hack",
	// ar
	"اختراق", "اخترق", "سرقة", "سرقت", "مسروق",
	// uk
	"зламали", "злам", "вкрали", "викрали",
	// pl
	"zhakowan", "włamani", "ukradzion", "skradzion",
	// ja
	"ハッキング", "盗まれ", "乗っ取", "不正アクセス",
	// ko
	"해킹", "도난", "털렸", "도용",
	// th
	"แฮก", "แฮ็ก", "ขโมย",
}

// DemoSecurityQueue and DemoOnCall are what the shipped security rule
// names: the demo's security queue and the on-call agents of its team.
const (
	DemoSecurityQueue = "Security · Tier 3"
	DemoOnCall        = "oncall:Account Security"
)

// DemoRules are the rules shipped with the demo: a message about a hack
// or stolen funds makes the ticket urgent, moves it to the security queue
// and notifies security's on-call; a pending ticket with no customer reply
// is reminded after 48 hours and solved 48 hours later.
func DemoRules() []Rule {
	return []Rule{
		{Name: "Hacked or stolen funds → security", Enabled: true, Position: 1,
			When: When{Event: OnCustomerMessage},
			If:   []Condition{{Field: "text", Op: "contains", Values: append([]string(nil), securityWords...)}},
			Then: []Action{
				{Type: SetPriority, Value: "urgent"},
				{Type: AddTags, Values: []string{"security-incident"}},
				{Type: ToQueue, Value: DemoSecurityQueue},
				{Type: Notify, Value: DemoOnCall},
			}},
		{Name: "No reply for 48 h → remind", Enabled: true, Position: 2,
			When: When{Event: OnNoCustomerReply, Hours: 48},
			If:   []Condition{{Field: "tags", Op: "not_contains", Values: []string{"no-auto-close"}}},
			Then: []Action{
				{Type: SendMacro, Value: "We are still here to help. Could you reply with the details we asked for? If we do not hear from you within 48 hours, we will close this ticket; you can always reopen it by replying."},
				{Type: AddTags, Values: []string{"reminded"}},
			}},
		{Name: "No reply for 96 h → solve", Enabled: true, Position: 3,
			When: When{Event: OnNoCustomerReply, Hours: 96},
			If:   []Condition{{Field: "tags", Op: "contains", Values: []string{"reminded"}}},
			Then: []Action{{Type: SetStatus, Value: "solved"}, {Type: AddTags, Values: []string{"auto-solved"}}},
		},
	}
}

// SeedDemo saves the demo rules that are not there yet (by name).
func (s *Service) SeedDemo(ctx context.Context) error {
	have, err := s.Rules(ctx)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for _, r := range have {
		names[r.Name] = true
	}
	for _, r := range DemoRules() {
		if names[r.Name] {
			continue
		}
		if _, err := s.Save(ctx, r); err != nil {
			return fmt.Errorf("seed demo rule %q: %w", r.Name, err)
		}
	}
	return nil
}
