package chat_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
)

// unsignedJWT is header.claims with the given signature part, for tokens
// no library would make (alg none, an RS256 header on an HMAC).
func unsignedJWT(t *testing.T, header, claims map[string]any, sig string) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	return base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c) + "." + sig
}

// TestIdentityTokens: only a well-formed HS256 JWT signed with the
// installation's secret, with sub, a live exp and an iat not in the future,
// signs a customer in; every other token is refused with its code, and the
// socket is closed.
func TestIdentityTokens(t *testing.T) {
	n := newNode(t, "sqlite")
	now := time.Now()
	claims := map[string]any{"sub": "u-1", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	hs384, _ := jwt.NewWithClaims(jwt.SigningMethodHS384, jwt.MapClaims(claims)).SignedString([]byte(identitySecret))
	forged, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims(claims)).SignedString([]byte("not-the-secret"))
	good := userJWT(t, "u-1", nil)
	parts := strings.Split(good, ".")
	cases := []struct {
		name, token, code string
	}{
		{"forged", forged, chat.CodeUnauthorised},
		{"expired", userJWT(t, "u-1", jwt.MapClaims{"iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}), chat.CodeTokenExpired},
		{"alg none", unsignedJWT(t, map[string]any{"alg": "none", "typ": "JWT"}, claims, ""), chat.CodeUnauthorised},
		{"RS256 header", unsignedJWT(t, map[string]any{"alg": "RS256", "typ": "JWT"}, claims, parts[2]), chat.CodeUnauthorised},
		{"HS384", hs384, chat.CodeUnauthorised},
		{"no exp", userJWT(t, "u-1", jwt.MapClaims{"exp": nil}), chat.CodeUnauthorised},
		{"no iat", userJWT(t, "u-1", jwt.MapClaims{"iat": nil}), chat.CodeUnauthorised},
		{"no sub", userJWT(t, "", nil), chat.CodeUnauthorised},
		{"iat in the future", userJWT(t, "u-1", jwt.MapClaims{"iat": now.Add(10 * time.Minute).Unix(), "exp": now.Add(time.Hour).Unix()}), chat.CodeUnauthorised},
		{"lives two days", userJWT(t, "u-1", jwt.MapClaims{"exp": now.Add(48 * time.Hour).Unix()}), chat.CodeUnauthorised},
		{"claims swapped", parts[0] + "." + strings.Split(userJWT(t, "admin", nil), ".")[1] + "." + parts[2], chat.CodeUnauthorised},
		{"bad email", userJWT(t, "u-1", jwt.MapClaims{"email": "a@b.c <x@y.z>"}), chat.CodeUnauthorised},
		{"lvl 7", userJWT(t, "u-1", jwt.MapClaims{"lvl": 7}), chat.CodeUnauthorised},
		{"garbage", "a.b.c", chat.CodeUnauthorised},
		// Signed, but with a sub no store keeps: before, an internal error.
		{"NUL in sub", userJWT(t, "u-1\x00", nil), chat.CodeUnauthorised},
		{"NUL in name", userJWT(t, "u-1", jwt.MapClaims{"name": "A\x00na"}), chat.CodeUnauthorised},
	}
	for _, tc := range cases {
		_, err := n.tryDial(chat.In{Token: tc.token}, nil)
		fe, ok := err.(*chat.FrameError)
		if !ok || fe.Code != tc.code || !fe.Fatal {
			t.Errorf("%s: dial error %v, want %s", tc.name, err, tc.code)
		}
	}
	c := n.dial(chat.In{Token: good})
	if c.Welcome.Level != "L1" || c.Welcome.Customer == nil || c.Welcome.Customer.Name != "Ana u-1" {
		t.Fatalf("welcome %s", c.Welcome.Raw)
	}
	// The older two-part identity token signs in too.
	old := auth.IdentitySigner{Secret: []byte(identitySecret)}.Sign("u-2", 10*time.Minute)
	if c := n.dial(chat.In{Token: old}); c.Welcome.Level != "L1" {
		t.Fatalf("two-part token: welcome %s", c.Welcome.Raw)
	}
}

// TestLongLivedTokenWithoutJTI: a token without a jti, which any browser
// holding a copy could replay, signs in only if it lives ten minutes at
// most (exp - iat; for the two-part token, which has no iat, exp from
// now); a longer one gets token_too_long, on the socket, in identify and
// on an upload. With a jti (used once) it may live longer, and an
// installation may allow a longer life.
func TestLongLivedTokenWithoutJTI(t *testing.T) {
	n := newNode(t, "sqlite")
	now := time.Now()
	hour := jwt.MapClaims{"exp": now.Add(time.Hour).Unix()}
	twoPart := auth.IdentitySigner{Secret: []byte(identitySecret)}.Sign("u-3", time.Hour)
	for name, tok := range map[string]string{"JWT": userJWT(t, "u-3", hour), "two-part": twoPart,
		"JWT, eleven minutes": userJWT(t, "u-3", jwt.MapClaims{"exp": now.Add(11 * time.Minute).Unix()})} {
		_, err := n.tryDial(chat.In{Token: tok}, nil)
		if fe, ok := err.(*chat.FrameError); !ok || fe.Code != chat.CodeTokenTooLong || !fe.Fatal {
			t.Errorf("%s: dial error %v, want token_too_long", name, err)
		}
	}
	// identify: the frame says so and the socket stays anonymous.
	c := n.dial(chat.In{})
	ctx, cancel := timeout()
	defer cancel()
	if err := c.Write(ctx, chat.In{Type: "identify", Token: userJWT(t, "u-3", hour)}); err != nil {
		t.Fatal(err)
	}
	if f := expect(t, c, "error"); !strings.Contains(string(f.Raw), chat.CodeTokenTooLong) {
		t.Errorf("identify: %s", f.Raw)
	}
	w := n.dial(chat.In{})
	if got := n.upload(t, upload{resume: w.Welcome.Resume, identity: userJWT(t, "u-3", hour), body: pngBytes(t)}); got.status != 401 {
		t.Errorf("upload with a long-lived token: HTTP %d", got.status)
	}
	if c := n.dial(chat.In{Token: userJWT(t, "u-4", jwt.MapClaims{"exp": now.Add(time.Hour).Unix(), "jti": "long-but-once"})}); c.Welcome.Level != "L1" {
		t.Errorf("an hour with a jti: welcome %s", c.Welcome.Raw)
	}
	longer := newNode(t, "sqlite", func(c *server.Config) { c.WidgetTokenLife = 2 * time.Hour })
	if c := longer.dial(chat.In{Token: userJWT(t, "u-5", hour)}); c.Welcome.Level != "L1" {
		t.Errorf("an hour where two are allowed: welcome %s", c.Welcome.Raw)
	}
}

// TestReplayedToken: a token with a jti is the browser's that used it first;
// the same token from another browser is a replay. The first browser may
// reconnect with it.
func TestReplayedToken(t *testing.T) {
	n := newNode(t, "sqlite")
	tok := userJWT(t, "u-9", jwt.MapClaims{"jti": "4f1c-once"})
	first := n.dial(chat.In{Token: tok})
	again := n.dial(chat.In{Token: tok, Resume: first.Welcome.Resume})
	if again.Welcome.Level != "L1" {
		t.Fatalf("reconnect: %s", again.Welcome.Raw)
	}
	for name, hello := range map[string]chat.In{
		"no resume":       {Token: tok},
		"another browser": {Token: tok, Resume: n.dial(chat.In{}).Welcome.Resume},
	} {
		_, err := n.tryDial(hello, nil)
		if fe, ok := err.(*chat.FrameError); !ok || fe.Code != chat.CodeTokenReplayed {
			t.Errorf("%s: dial error %v, want token_replayed", name, err)
		}
	}
}

// TestAnonymousThenSignedIn: a visitor's conversation follows them when
// they sign in (the agent sees a note saying so); afterwards the resume
// token alone no longer opens it, and a bad identify changes nothing.
func TestAnonymousThenSignedIn(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{Lang: "es"})
		ack := n.send(c, "Hola, mi depósito no llegó")
		conv := ack.Conv()
		ctx, cancel := timeout()
		defer cancel()
		if err := c.Write(ctx, chat.In{Type: "identify", Token: "not.a.token"}); err != nil {
			t.Fatal(err)
		}
		if f := expect(t, c, "error"); f.Code != chat.CodeUnauthorised || f.Fatal {
			t.Fatalf("bad identify: %s", f.Raw)
		}
		if err := c.Identify(ctx, userJWT(t, "ex-555", jwt.MapClaims{"email": "ana@example.com"})); err != nil {
			t.Fatal(err)
		}
		w := expect(t, c, "welcome")
		if w.Level != "L1" || w.Conv() != conv {
			t.Fatalf("welcome after identify %s", w.Raw)
		}
		synced := messagesUntil(t, c, func(f chat.Frame) bool { return f.Type == "synced" })
		if len(synced) != 0 {
			t.Fatalf("identify replayed %d messages the socket had", len(synced))
		}
		tk := n.ticket(conv)
		if tk.Customer.ExternalID != "ex-555" {
			t.Fatalf("ticket customer %q, want ex-555", tk.Customer.ExternalID)
		}
		note := false
		for _, m := range tk.Messages {
			if m.Internal && m.AuthorKind == "system" && contains(m.Body, "signed in as exchange user ex-555") {
				note = true
			}
		}
		if !note {
			t.Fatalf("no note for the agent in %+v", tk.Messages)
		}
		if ack := n.send(c, "¿Y ahora?"); ack.Conv() != conv {
			t.Fatalf("signed-in send went to %d", ack.Conv())
		}
		// The browser's resume token alone: the conversation is no longer its.
		_, err := n.tryDial(chat.In{Resume: c.Welcome.Resume, Conversation: conv}, nil)
		if fe, ok := err.(*chat.FrameError); !ok || fe.Code != chat.CodeConversationNotYours {
			t.Fatalf("resume without the token: %v", err)
		}
		if anon := n.dial(chat.In{Resume: c.Welcome.Resume}); anon.Welcome.Conv() != 0 {
			t.Fatalf("anonymous visitor still sees %d", anon.Welcome.Conv())
		}
		// With the token, from anywhere: the customer's conversation.
		if back := n.dial(chat.In{Token: userJWT(t, "ex-555", nil)}); back.Welcome.Conv() != conv {
			t.Fatalf("signed-in customer's welcome %s", back.Welcome.Raw)
		}
	})
}

// TestRedactedSecret: a seed phrase typed into the widget is stored
// redacted; the customer's socket gets the redacted text and the guard's
// warning in their language.
func TestRedactedSecret(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{Lang: "en"})
		phrase := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		ctx, cancel := timeout()
		defer cancel()
		if err := c.Send(ctx, "s-1", "my wallet words are "+phrase); err != nil {
			t.Fatal(err)
		}
		var ack chat.Frame
		var msgs []chat.Frame
		for len(msgs) < 2 {
			f := next(t, c)
			switch f.Type {
			case "ack":
				ack = f
			case "message":
				msgs = append(msgs, f)
			}
		}
		if !ack.Redacted || contains(ack.Text, "abandon ability") {
			t.Fatalf("ack %s", ack.Raw)
		}
		if msgs[0].Seq != ack.Seq || msgs[0].Text != ack.Text || msgs[1].Author != "system" || msgs[1].Text == "" {
			t.Fatalf("messages after a redaction: %s / %s", msgs[0].Raw, msgs[1].Raw)
		}
		tk := n.ticket(ack.Conv())
		if tk.Subject != chat.Subject {
			t.Fatalf("subject %q", tk.Subject)
		}
		for _, m := range tk.Messages {
			if contains(m.Body, "abandon ability") {
				t.Fatalf("the phrase was stored: %q", m.Body)
			}
		}
	})
}

// TestSignInJoinsScreenState: half a seed phrase typed anonymously and
// the other half after signing in is one phrase to the guard, cut from
// both messages, whether the customer is new or had chatted before (their
// own state then comes first). A customer whose earlier words are not
// part of it keeps them.
func TestSignInJoinsScreenState(t *testing.T) {
	const first, second = "letter advice cage absurd amount doctor", "acoustic avoid letter advice cage above"
	eachEngine(t, func(t *testing.T, n *node) {
		for _, earlier := range []string{"", "hello, my account is locked"} {
			sub := fmt.Sprintf("u-join-%d", len(earlier))
			if earlier != "" {
				old := n.dial(chat.In{Token: userJWT(t, sub, nil)})
				n.send(old, earlier)
				old.Close()
			}
			c := n.dial(chat.In{Lang: "en"})
			conv := n.send(c, "my words: "+first).Conv()
			identifyIn(t, c, sub, conv)
			if ack := n.send(c, second); !ack.Redacted {
				t.Errorf("%s: the second half was not redacted: %s", sub, ack.Raw)
			}
			var text strings.Builder
			for _, m := range n.ticket(conv).Messages {
				text.WriteString(m.Body + "\n")
			}
			for _, w := range []string{"absurd", "doctor", "acoustic", "above"} {
				if strings.Contains(text.String(), w) {
					t.Errorf("%s: the conversation kept %q:\n%s", sub, w, text.String())
				}
			}
		}
	})
}

// identifyIn signs the anonymous socket c in as sub and waits until it
// continues conversation conv, replayed.
func identifyIn(t *testing.T, c *chat.Client, sub string, conv int64) {
	t.Helper()
	ctx, cancel := timeout()
	defer cancel()
	if err := c.Identify(ctx, userJWT(t, sub, nil)); err != nil {
		t.Fatal(err)
	}
	if w := expect(t, c, "welcome"); w.Level != "L1" || w.Conv() != conv {
		t.Fatalf("welcome after identify %s", w.Raw)
	}
	messagesUntil(t, c, func(f chat.Frame) bool { return f.Type == "synced" })
}

// TestSignInJoinsScreenStateByTime: the visitor types the first quarter
// of a phrase anonymously, the customer the second in another browser
// where they are signed in, and after the sign-in a line and the last
// third. The pieces stand apart, so the guard joins them only in the order
// they were typed (the checksum); conversation by conversation, they would
// be kept.
func TestSignInJoinsScreenStateByTime(t *testing.T) {
	const sub = "u-join-time"
	eachEngine(t, func(t *testing.T, n *node) {
		// The other browser's conversation is open already: its subject
		// is "hi", not the piece sent below.
		other := n.dial(chat.In{Token: userJWT(t, sub, nil)})
		defer other.Close()
		otherConv := n.send(other, "hi").Conv()
		c := n.dial(chat.In{Lang: "en"})
		conv := n.send(c, "letter advice cage absurd").Conv()
		n.send(other, "amount doctor acoustic avoid")
		identifyIn(t, c, sub, conv)
		if ack := n.send(c, "sorry, here is the rest of it\nletter advice cage above"); !ack.Redacted {
			t.Errorf("the last third was not redacted: %s", ack.Raw)
		}
		for _, id := range []int64{conv, otherConv} {
			for _, m := range n.ticket(id).Messages {
				for _, w := range []string{"absurd", "amount", "avoid", "above"} {
					if strings.Contains(m.Body, w) {
						t.Errorf("conversation %d kept %q: %q", id, w, m.Body)
					}
				}
			}
		}
	})
}

// TestSignInContinuesTheAnonymousConversation: a visitor writes
// anonymously, then signs in by reloading the page; the frame, now keyed
// by the customer, names the customer's conversation from an earlier
// visit in its hello. The socket continues the conversation just attached,
// where the visitor was writing, not that older one.
func TestSignInContinuesTheAnonymousConversation(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		older := n.send(n.dial(chat.In{Token: userJWT(t, "u-back", nil)}), "a question from last week").Conv()
		anon := n.dial(chat.In{Lang: "en"})
		current := n.send(anon, "where is my deposit?").Conv()
		anon.Close()
		c := n.dial(chat.In{Resume: anon.Welcome.Resume, Token: userJWT(t, "u-back", nil), Conversation: older, LastSeq: 1})
		if c.Welcome.Level != "L1" || c.Welcome.Conv() != current {
			t.Fatalf("welcome %s, want conversation %d (the anonymous one, now the customer's), not %d", c.Welcome.Raw, current, older)
		}
		msgs := messagesUntil(t, c, func(f chat.Frame) bool { return f.Type == "synced" })
		if len(msgs) == 0 || msgs[0].Text != "where is my deposit?" {
			t.Fatalf("replay %v, want the anonymous conversation from its start", msgs)
		}
		// With nothing attached, the hello's conversation stands.
		if again := n.dial(chat.In{Token: userJWT(t, "u-back", nil), Conversation: older}); again.Welcome.Conv() != older {
			t.Fatalf("welcome %s, want the conversation asked for (%d)", again.Welcome.Raw, older)
		}
	})
}
