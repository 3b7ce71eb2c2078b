package nlu

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestClauses(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"one clause only", []string{"one clause only"}},
		{"lost 2.800 USDT, help! now", []string{"lost 2.800 USDT", "help", "now"}},
		{"1,5 BTC gone. what now?", []string{"1,5 BTC gone", "what now"}},
		{"退款在哪里？有人登录了我的账户。", []string{"退款在哪里", "有人登录了我的账户"}},
		{"  ", nil},
	} {
		if got := clauses(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("clauses(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestLeanToHuman: reports of a scam or takeover with a sign of harm go to
// a person; questions about staying safe and small ordinary transfers do
// not. The messages are written for this test and are in no labelled set.
func TestLeanToHuman(t *testing.T) {
	a := New(testRegistry())
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"a man from your support team called me, I read him the sms code and 3,400 USDT left my account", true},
		{"joined a telegram trading club, put 12k into their site and now they want a release fee first", true},
		{"quick one about the referral bonus. Also there is a login from Jakarta last night and my email was changed by someone else", true},
		{"HUMAN PLEASE, someone is withdrawing my coins right now", true},
		{"how can I tell if the person messaging me is really from your support, before I reply with anything?", false},
		{"sent 10 usdt to my brother by internal transfer, it arrived, where do I find the receipt", false},
		{"my account is frozen. I did nothing wrong", false},
	} {
		res := a.Inspect(context.Background(), tc.text, "")
		if got := res.HighStakes || res.Distress; got != tc.want {
			t.Errorf("%q: flagged %v (intent %s %.2f), want %v", tc.text, got, res.Intent, res.Confidence, tc.want)
		}
	}
}

// FuzzClauses: clauses never panics on customer text and returns only
// trimmed, non-empty pieces of it.
func FuzzClauses(f *testing.F) {
	for _, s := range []string{"", "a. b, c! d?", "2.800 USDT,", "。，、！", "\xff.\xfe,", "..,,!!", "ok ، ثم؟"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range clauses(text) {
			if c == "" || c != strings.TrimSpace(c) || !strings.Contains(text, c) {
				t.Fatalf("clauses(%q) gave %q", text, c)
			}
		}
	})
}
