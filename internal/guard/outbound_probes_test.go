package guard

import (
	"os"
	"strings"
	"testing"
)

// loadProbes reads one message a line, skipping blank lines and # comments.
func loadProbes(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read probes: %v", err)
	}
	var out []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestOutboundConceptProbes runs the probes written for the concepts
// added after eval4 (pressure, pictures, calls, replies, parts of the
// phrase, the writer as receiver, other apps) in several languages: every honest
// probe passes, and at most two requests get through (the two known:
// a Russian passive "где записана фраза" with no seed hint the
// vocabulary reads, and German "sobald wir ... erhalten" split around
// its object). Before these concepts (commit 434cc87), 45 of 82 requests
// were refused and 214 of 239 honest probes passed.
func TestOutboundConceptProbes(t *testing.T) {
	for _, m := range loadProbes(t, "testdata/probes/outbound_honest.txt") {
		if vs := CheckOutbound(m, nil); refusedForSecret(vs) {
			t.Errorf("honest probe refused: %q", m)
		}
	}
	reqs := loadProbes(t, "testdata/probes/outbound_requests.txt")
	missed := 0
	for _, m := range reqs {
		if !refusedForSecret(CheckOutbound(m, nil)) {
			missed++
			t.Logf("request probe let through: %q", m)
		}
	}
	if len(reqs) < 35 || missed > 2 {
		t.Errorf("%d of %d request probes let through, want at most 2", missed, len(reqs))
	}
}

// TestOutboundFormProbe: a form whose field names a seed phrase after a
// word of its own ("Wallet recovery phrase:") asks for it.
func TestOutboundFormProbe(t *testing.T) {
	for _, m := range []string{
		"Please fill in and send back:\nName:\nEmail:\nAccount seed phrase:",
		"Por favor complete y responda:\nNombre:\nCorreo:\nFrase semilla:",
	} {
		if !refusedForSecret(CheckOutbound(m, nil)) {
			t.Errorf("form let through: %q", m)
		}
	}
	honest := "Please fill in and send back:\nName:\nEmail:\nDeposit address:"
	if refusedForSecret(CheckOutbound(honest, nil)) {
		t.Errorf("honest form refused: %q", honest)
	}
}
