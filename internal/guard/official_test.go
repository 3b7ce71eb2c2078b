package guard

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestNormalizeChannel(t *testing.T) {
	cases := []struct {
		kind, in          string
		normalized, shown string // shown "" means: refused
	}{
		{ChannelTelegram, "@GroundcrewExchangeSupport", "groundcrewexchangesupport", "@GroundcrewExchangeSupport"},
		{ChannelTelegram, "https://t.me/GroundcrewExchangeSupport", "groundcrewexchangesupport", "@GroundcrewExchangeSupport"},
		{ChannelTelegram, "t.me/s/GroundcrewExchangeSupport/", "groundcrewexchangesupport", "@GroundcrewExchangeSupport"},
		{ChannelTelegram, "tg://resolve?domain=GroundcrewExchangeSupport", "groundcrewexchangesupport", "@GroundcrewExchangeSupport"},
		{ChannelTelegram, "@gc", "", ""},                     // too short for Telegram
		{ChannelTelegram, "@Groundсrew_Support", "", ""},     // a Cyrillic с: no real account has one
		{ChannelTelegram, "https://t.me/+AbCdEf123", "", ""}, // an invite link names no account
		{ChannelXHandle, "https://x.com/GroundcrewHelp", "groundcrewhelp", "@GroundcrewHelp"},
		{ChannelXHandle, "twitter.com/GroundcrewHelp?lang=en", "groundcrewhelp", "@GroundcrewHelp"},
		{ChannelXHandle, "@ThisHandleIsFarTooLong", "", ""},
		{ChannelEmail, "Support <SUPPORT@Groundcrew.Example>", "support@groundcrew.example", "support@groundcrew.example"},
		{ChannelEmail, "mailto:security@groundcrew.example?subject=phish", "security@groundcrew.example", "security@groundcrew.example"},
		{ChannelEmail, "help@bücher.example", "help@xn--bcher-kva.example", "help@bücher.example"},
		{ChannelEmail, "not an address", "", ""},
		{ChannelEmailDomain, "GROUNDCREW.EXAMPLE.", "groundcrew.example", "groundcrew.example"},
		{ChannelURLDomain, "https://www.groundcrew.example/login?x=1", "www.groundcrew.example", "www.groundcrew.example"},
		{ChannelURLDomain, "ｇroundcrew.example", "groundcrew.example", "groundcrew.example"}, // full-width folds as browsers fold it
		{ChannelURLDomain, "bücher.example", "xn--bcher-kva.example", "bücher.example"},
		{ChannelURLDomain, "127.0.0.1:8080", "127.0.0.1", "127.0.0.1"},
		{ChannelURLDomain, "-bad-.example", "", ""},
		{ChannelPhone, "+1 (800) 555-0199", "+18005550199", "+1 (800) 555-0199"},
		{ChannelPhone, "0044 20 7946 0958", "+442079460958", "0044 20 7946 0958"},
		{ChannelPhone, "800 555 0199", "", ""}, // no country code
		{ChannelPhone, "+1 800 CALL NOW", "", ""},
		{"fax", "+1 800 555 0199", "", ""},
	}
	for _, c := range cases {
		n, shown, err := normalizeChannel(c.kind, c.in)
		if c.shown == "" {
			if err == nil {
				t.Errorf("normalizeChannel(%s, %q) = %q, want refused", c.kind, c.in, n)
			}
			continue
		}
		if err != nil || n != c.normalized || shown != c.shown {
			t.Errorf("normalizeChannel(%s, %q) = %q, %q, %v; want %q, %q", c.kind, c.in, n, shown, err, c.normalized, c.shown)
		}
	}
}

func TestParseVerificationCode(t *testing.T) {
	code := NewVerificationCode()
	if got, ok := ParseVerificationCode(code); !ok || got != code {
		t.Fatalf("a new code %q does not parse back: %q %v", code, got, ok)
	}
	cases := []struct{ in, want string }{
		{"GC-7K3M-9XQ2", "GC-7K3M-9XQ2"},
		{"gc 7k3m 9xq2", "GC-7K3M-9XQ2"},
		{"GC7K3M9XQ2", "GC-7K3M-9XQ2"},
		{"7K3M-9XQ2", "GC-7K3M-9XQ2"},
		{"GC-7K3M-9XQ2 ", "GC-7K3M-9XQ2"},
		{"gc-ok3m-lxq2", "GC-0K3M-1XQ2"}, // O for 0, L for 1
		{"support1", ""},                 // a word, not a code
		{"GC-7K3M-9XQ", ""},
		{"GC-7K3M-9XQ2U", ""},
		{"GC-7K-3M9XQ2", ""},
		{"GC-UUUU-UUUU", ""},
	}
	for _, c := range cases {
		got, ok := ParseVerificationCode(c.in)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("ParseVerificationCode(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// demoRegistry is the demo's official channels.
func demoRegistry(t testing.TB) []Channel {
	t.Helper()
	var out []Channel
	for i, c := range []NewChannel{
		{Kind: ChannelEmail, Value: "support@groundcrew.example", Label: "Support e-mail"},
		{Kind: ChannelEmail, Value: "security@groundcrew.example", Label: "Security team"},
		{Kind: ChannelEmailDomain, Value: "mail.groundcrew.example", Label: "Notifications"},
		{Kind: ChannelURLDomain, Value: "groundcrew.example", Label: "Website"},
		{Kind: ChannelURLDomain, Value: "127.0.0.1", Label: "This help center"},
		{Kind: ChannelTelegram, Value: "@GroundcrewExchangeSupport", Label: "Telegram support"},
		{Kind: ChannelXHandle, Value: "@GroundcrewHelp", Label: "X support"},
		{Kind: ChannelPhone, Value: "+1 800 555 0199", Label: "Phone line"},
	} {
		n, shown, err := normalizeChannel(c.Kind, c.Value)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Channel{ID: int64(i + 1), Kind: c.Kind, Value: shown, Label: c.Label, Active: true, normalized: n})
	}
	return out
}

func TestMatch(t *testing.T) {
	reg := demoRegistry(t)
	cases := []struct {
		name, in string
		kind     string
		verdict  string
		imitates string // for look-alikes; "-" for none
	}{
		// The real ones, however they are written.
		{"real Telegram", "@GroundcrewExchangeSupport", TargetHandle, VerdictOfficial, ""},
		{"real Telegram, lower case", "groundcrewexchangesupport", TargetHandle, VerdictOfficial, ""},
		{"real Telegram link", "https://t.me/GroundcrewExchangeSupport", TargetTelegram, VerdictOfficial, ""},
		{"real X link", "https://x.com/GroundcrewHelp/status/1", TargetXHandle, VerdictOfficial, ""},
		{"real X account named on Telegram", "t.me/GroundcrewHelp", TargetTelegram, VerdictLookalike, "@GroundcrewHelp"},
		{"real e-mail", "SUPPORT@groundcrew.example", TargetEmail, VerdictOfficial, ""},
		{"address at the official e-mail domain", "no-reply@mail.groundcrew.example", TargetEmail, VerdictOfficial, ""},
		{"real site, deep link", "https://www.groundcrew.example/account/security?tab=2", TargetURL, VerdictOfficial, ""},
		{"real site, bare", "groundcrew.example", TargetURL, VerdictOfficial, ""},
		{"this help center", "http://127.0.0.1:8080/verify", TargetURL, VerdictOfficial, ""},
		{"real phone", "+1 (800) 555-0199", TargetPhone, VerdictOfficial, ""},
		{"real phone, national form", "800.555.0199", TargetPhone, VerdictOfficial, ""},

		// Fake Telegram accounts.
		{"one letter added", "@GroundcrewExchangeSuppport", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"underscores", "@Groundcrew_Exchange_Support", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"zero for o", "t.me/Gr0undcrewExchangeSupport", TargetTelegram, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"Cyrillic letters", "@GroundсrewExchangeSuрport", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"invisible character", "@Groundcrew\u200bExchangeSupport", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"suffix", "@GroundcrewExchangeSupport_Bot", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"our name", "@GroundcrewRefundsDesk", TargetHandle, VerdictLookalike, "@GroundcrewExchangeSupport"},
		{"unrelated", "@CryptoHelpDesk", TargetHandle, VerdictNotOfficial, "-"},

		// Fake e-mail.
		{"look-alike domain", "support@groundcrew-exchange.example", TargetEmail, VerdictLookalike, "support@groundcrew.example"},
		{"digit for letter", "security@gr0undcrew.example", TargetEmail, VerdictLookalike, "security@groundcrew.example"},
		{"punycode domain", "support@xn--grundcrew-12h.example", TargetEmail, VerdictLookalike, "support@groundcrew.example"},
		{"our domain, unknown mailbox", "refunds@groundcrew.example", TargetEmail, VerdictNotOfficial, "-"},
		{"free mail", "groundcrew.support@gmail.example", TargetEmail, VerdictNotOfficial, "-"},

		// Fake links.
		{"punycode look-alike", "https://xn--grundcrew-12h.example/login", TargetURL, VerdictLookalike, "groundcrew.example"},
		{"Unicode look-alike", "https://grоundcrew.example/login", TargetURL, VerdictLookalike, "groundcrew.example"},
		{"our domain inside another", "https://groundcrew.example.account-verify.example/", TargetURL, VerdictLookalike, "groundcrew.example"},
		{"user-info trick", "https://groundcrew.example@evil.example/", TargetURL, VerdictNotOfficial, "-"},
		{"our name, another TLD", "groundcrew.io", TargetURL, VerdictLookalike, "groundcrew.example"},
		{"unrelated site", "https://example.org", TargetURL, VerdictNotOfficial, "-"},

		// Fake phone numbers.
		{"one digit off", "+1 800 555 0198", TargetPhone, VerdictLookalike, "+1 800 555 0199"},
		{"another number", "+44 20 7946 0958", TargetPhone, VerdictNotOfficial, "-"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tg, err := parseTarget(c.in)
			if err != nil {
				t.Fatalf("parseTarget(%q): %v", c.in, err)
			}
			if tg.kind != c.kind {
				t.Fatalf("parseTarget(%q) kind %s, want %s", c.in, tg.kind, c.kind)
			}
			out := match(tg, reg)
			if out.verdict != c.verdict {
				t.Fatalf("%q: verdict %s, want %s (%+v)", c.in, out.verdict, c.verdict, out)
			}
			switch c.imitates {
			case "":
			case "-":
				if out.imitates != "" {
					t.Errorf("%q imitates %q, want nothing", c.in, out.imitates)
				}
			default:
				if out.imitates != c.imitates {
					t.Errorf("%q imitates %q, want %q", c.in, out.imitates, c.imitates)
				}
			}
		})
	}
}

func TestParseTargetRefuses(t *testing.T) {
	for _, in := range []string{"", "   ", "hello world", "javascript:alert(1)", "ftp://groundcrew.example/x", "a@", strings.Repeat("a", MaxVerifyInput+1), "\xff\xfe"} {
		if tg, err := parseTarget(in); err == nil {
			t.Errorf("parseTarget(%q) = %+v, want an error", in, tg)
		} else if !errs.Is(err, errs.Invalid) {
			t.Errorf("parseTarget(%q): %v is not Invalid", in, err)
		}
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"support", "support", 2, 0},
		{"support", "suppport", 2, 1},
		{"support", "suppotr", 2, 1}, // a swap
		{"support", "sup", 2, 3},
		{"abc", "xyz", 5, 3},
		{"", "ab", 5, 2},
	}
	for _, c := range cases {
		if got := editDistance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestWithAntiPhishingPhrase(t *testing.T) {
	if got := WithAntiPhishingPhrase("pt-BR", " lua\u200b azul\n", "Olá!"); got != "Sua frase antiphishing: lua azul\n\nOlá!" {
		t.Errorf("got %q", got)
	}
	if got := WithAntiPhishingPhrase("en", "", "Hello"); got != "Hello" {
		t.Errorf("no phrase: got %q", got)
	}
	if got := AntiPhishingLabel("xx"); got != "Your anti-phishing phrase" {
		t.Errorf("unknown language: %q", got)
	}
	for _, l := range Languages() {
		if _, ok := antiPhishingLabels[l]; !ok {
			t.Errorf("no anti-phishing label in %s", l)
		}
	}
}

// Store and Verify on a real database.

type fakeAuditor struct{ records []fakeRecord }

type fakeRecord struct {
	action, kind, id string
	detail           any
}

func (f *fakeAuditor) Record(ctx context.Context, action, targetKind, targetID string, detail any) error {
	f.records = append(f.records, fakeRecord{action, targetKind, targetID, detail})
	return nil
}

type fakeAgents map[string]VerifiedAgent

func (f fakeAgents) AgentByVerificationCode(ctx context.Context, code string) (VerifiedAgent, error) {
	if a, ok := f[code]; ok {
		return a, nil
	}
	return VerifiedAgent{}, errs.E(errs.NotFound, "no agent")
}

func TestOfficialRegistryAndVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		au := &fakeAuditor{}
		o := NewOfficial(db, au, fakeAgents{"GC-7K3M-9XQ2": {ID: 7, FirstName: "Priya", Team: "Deposits EN"}}, "")
		tg, err := o.AddChannel(ctx, NewChannel{Kind: ChannelTelegram, Value: "https://t.me/GroundcrewExchangeSupport"})
		if err != nil {
			t.Fatal(err)
		}
		if tg.Value != "@GroundcrewExchangeSupport" || tg.Label != defaultLabels[ChannelTelegram] || !tg.Active {
			t.Fatalf("added %+v", tg)
		}
		if _, err := o.AddChannel(ctx, NewChannel{Kind: ChannelTelegram, Value: "@groundcrewexchangesupport"}); !errs.Is(err, errs.Conflict) {
			t.Fatalf("the same account twice: %v, want a conflict", err)
		}
		off := false
		old, err := o.AddChannel(ctx, NewChannel{Kind: ChannelTelegram, Value: "@GroundcrewOldSupport", Active: &off})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.AddChannel(ctx, NewChannel{Kind: ChannelEmail, Value: "security@groundcrew.example"}); err != nil {
			t.Fatal(err)
		}
		if _, err := o.AddChannel(ctx, NewChannel{Kind: "fax", Value: "1"}); !errs.Is(err, errs.Invalid) {
			t.Fatalf("unknown kind: %v", err)
		}

		v, err := o.Verify(ctx, "@GroundcrewExchangeSupport")
		if err != nil || !v.Official || v.Verdict != VerdictOfficial || v.Label != defaultLabels[ChannelTelegram] || v.Report != nil {
			t.Fatalf("real account: %+v, %v", v, err)
		}
		v, _ = o.Verify(ctx, "@GroundcrewExchangeSuppport")
		if v.Official || v.Verdict != VerdictLookalike || v.Message != "@GroundcrewExchangeSuppport looks like our @GroundcrewExchangeSupport but is NOT us." {
			t.Fatalf("fake account: %+v", v)
		}
		if v.Report == nil || v.Report.Address != "security@groundcrew.example" || !strings.Contains(v.Report.Text, "Report it") {
			t.Fatalf("fake account: report %+v", v.Report)
		}
		// An inactive channel is not official.
		if v, _ = o.Verify(ctx, "@GroundcrewOldSupport"); v.Official {
			t.Fatalf("inactive channel verified: %+v", v)
		}
		v, _ = o.Verify(ctx, "gc 7k3m 9xq2")
		if !v.Official || v.Agent == nil || v.Agent.FirstName != "Priya" || v.Agent.Team != "Deposits EN" {
			t.Fatalf("agent code: %+v", v)
		}
		v, _ = o.Verify(ctx, "GC-AAAA-BBBB")
		if v.Official || v.Verdict != VerdictNotOfficial || !strings.Contains(v.Message, "NOT") {
			t.Fatalf("unknown code: %+v", v)
		}
		if _, err := o.Verify(ctx, "what is this"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("nonsense: %v", err)
		}

		// Every check is audited: the kind and the verdict, an e-mail's domain
		// but never its mailbox, nothing of a phone number.
		au.records = nil
		o.Verify(ctx, "my.name@private.example")
		o.Verify(ctx, "+44 20 7946 0958")
		for _, r := range au.records {
			if r.action != "verify.checked" {
				t.Errorf("audit action %q", r.action)
			}
			d := r.detail.(map[string]any)
			for _, v := range d {
				if s, ok := v.(string); ok && (strings.Contains(s, "my.name") || strings.Contains(s, "7946")) {
					t.Errorf("audit record keeps personal data: %+v", d)
				}
			}
		}
		if len(au.records) != 2 {
			t.Fatalf("%d audit records for 2 checks", len(au.records))
		}

		if err := o.RemoveChannel(ctx, tg.ID); err != nil {
			t.Fatal(err)
		}
		if err := o.RemoveChannel(ctx, tg.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("remove twice: %v", err)
		}
		if v, _ = o.Verify(ctx, "@GroundcrewExchangeSupport"); v.Official {
			t.Fatalf("removed channel still verifies: %+v", v)
		}
		cs, err := o.Channels(ctx)
		if err != nil || len(cs) != 2 || cs[0].ID != old.ID {
			t.Fatalf("channels after removal: %+v %v", cs, err)
		}
	})
}
