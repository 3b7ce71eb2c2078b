package ticketguard

import (
	"strings"
	"testing"
)

// TestScreen: the screen redacts a pasted phrase over two messages of one
// conversation (the rolling state carries the first half), refuses an
// agent's request for it, and passes an ordinary reply.
func TestScreen(t *testing.T) {
	s := New("exchange.example")
	first := s.Inbound(nil, 0, "my words are abandon abandon abandon abandon abandon abandon")
	second := s.Inbound(first.State, 1, "abandon abandon abandon abandon abandon about")
	if strings.Contains(second.Text, "abandon") || strings.Contains(second.Text, "about") || len(second.Earlier) == 0 {
		t.Fatalf("the phrase's second half was kept or its first half not cut: %+v", second)
	}
	if why := s.Outbound(nil, "Please send me your 12-word recovery phrase so I can check the wallet."); why == "" {
		t.Error("a request for the recovery phrase passed")
	}
	if why := s.Outbound(nil, "Your deposit has 3 of 12 confirmations; it will be credited soon."); why != "" {
		t.Errorf("an ordinary reply was refused: %s", why)
	}
	if s.Detector() == nil || s.Warning("en", []string{"seed_phrase"}) == "" {
		t.Error("no detector or no warning")
	}
}

// TestScreenReview: Review refuses what Outbound refuses; what the
// guard's rules refuse but its learned reader vetoes is held, not passed;
// an ordinary reply is neither.
func TestScreenReview(t *testing.T) {
	s := New("exchange.example")
	cases := []struct {
		text         string
		refuse, hold bool
	}{
		{"Internal: customer posted a photo of their recovery sheet in chat. Attachment deleted, advised a fresh wallet and moving funds.", false, true},
		{"Please send me your 12-word recovery phrase so I can check the wallet.", true, false},
		{"Your deposit has 3 of 12 confirmations; it will be credited soon.", false, false},
	}
	for _, c := range cases {
		refuse, hold := s.Review(nil, c.text)
		if (refuse != "") != c.refuse || (hold != "") != c.hold {
			t.Errorf("%q: refuse %q, hold %q; want refuse %v, hold %v", c.text, refuse, hold, c.refuse, c.hold)
		}
		if refuse != s.Outbound(nil, c.text) {
			t.Errorf("%q: Review refuses %q, Outbound %q", c.text, refuse, s.Outbound(nil, c.text))
		}
	}
}
