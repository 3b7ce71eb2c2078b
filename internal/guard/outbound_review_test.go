package guard

import "testing"

// TestReviewConcepts: one or two sentences per concept of the review layer
// (outbound_review.go), written for this test in several languages: what
// each concept refuses, and the honest shapes beside it that must pass
// unheld.
func TestReviewConcepts(t *testing.T) {
	cases := []struct {
		concept  string
		previous []string
		text     string
		want     string // "refuse", "hold" or "allow"
	}{
		// A channel that exposes what the customer shows.
		{"screen share", nil, "We'll start a screen share now. Open your wallet, tap Show recovery phrase and leave it visible for a minute.", "refuse"},
		{"remote desktop", nil, "Instale o TeamViewer e depois abra o backup da carteira para eu conferir.", "refuse"},
		{"video call", nil, "Halten Sie während des Videoanrufs den Zettel mit den Wörtern in die Kamera.", "refuse"},
		{"voice message", nil, "Mandami un messaggio vocale e leggi le parole del backup una per una.", "refuse"},
		{"bot", nil, "Our verification bot will message you; reply to it with the code you got by SMS.", "refuse"},
		{"call", nil, "Я вам сейчас позвоню, когда придёт код из SMS, продиктуйте его по телефону.", "refuse"},
		{"screen share warning", nil, "Never share your screen with anyone while your recovery phrase is open.", "allow"},
		{"own bot", nil, "Create an API key with trade permission only and paste it into your trading bot yourself.", "allow"},
		// A form, a letter.
		{"form", nil, "Fill in the verification form at wallet-check.example with your 24 words.", "refuse"},
		{"formal letter", nil, "Dear client,\nWe kindly request that you provide the private key of your wallet by reply to this e-mail.\nCompliance", "refuse"},
		{"formal notice", nil, "Estimado cliente:\nNuestro personal nunca le pedirá contraseñas, códigos de verificación ni la frase de recuperación.\nAtención al cliente", "allow"},
		// Parts of a code, a phrase.
		{"part of a code", nil, "No hace falta el código entero, con los últimos 3 dígitos alcanza.", "refuse"},
		{"card digits", nil, "Please confirm the last 4 digits of the card number, not the PIN.", "allow"},
		{"positions", nil, "Not all of them, just words 4, 8 and 11 so I can check the wallet is yours.", "refuse"},
		// The phrase named bare, under pressure.
		{"pressure", nil, "Tu cuenta se liquida en 5 minutos, la única forma de pararlo es que me pases la frase.", "refuse"},
		{"bare phrase elsewhere", nil, "Tell me the phrase in the error banner so I can look it up.", "allow"},
		// Follow-ups and what the screen shows.
		{"follow-up", []string{"Thanks, I have the first six words.", "Now send me 7 to 12."}, "and the rest?", "refuse"},
		{"follow-up after honest", []string{"Your order was filled at 12:04.", "The fee was 0.1%."}, "and the rest?", "allow"},
		{"what appears", []string{"Open MetaMask > Account details > Show private key.", "Enter your password and a long string appears."}, "Copy what appears and paste it here.", "refuse"},
		// Reports quote requests as evidence.
		{"escalation note", nil, "Escalating to security: customer received an SMS 'send your seed phrase to unlock'. Number blocked.", "allow"},
		// Lists under one negation.
		{"list negation, verb last", nil, "고객님, 직원은 채팅, 전화로 비밀번호, 인증번호를 절대 묻지 않습니다.", "allow"},
	}
	for _, c := range cases {
		r := rulesReview(c.previous, c.text)
		got := "allow"
		switch {
		case refusedForSecret(r.Refused):
			got = "refuse"
		case len(r.Held) > 0:
			got = "hold"
		}
		if got != c.want {
			t.Errorf("%s: %q: %s, want %s (refused %+v, held %+v)", c.concept, c.text, got, c.want, r.Refused, r.Held)
		}
	}
}

// TestReviewHolds: a seed phrase or key named beside an act, with no
// warning anywhere in the message and no rule that refuses it, is held
// for review, never refused or let through; a warning in the message
// lifts the hold.
func TestReviewHolds(t *testing.T) {
	held := "Show the recovery phrase on the screen and check the words."
	r := rulesReview(nil, held)
	if refusedForSecret(r.Refused) || len(r.Held) != 1 || r.Held[0].Kind != ViolationHeldForReview {
		t.Fatalf("%q: refused %+v, held %+v; want one hold", held, r.Refused, r.Held)
	}
	if h := r.Held[0]; h.Start != 0 || h.End != len(held) || h.Detail == "" {
		t.Fatalf("hold %+v does not span the sentence %q", h, held)
	}
	warned := held + " Never send it to anyone, us included."
	if r := rulesReview(nil, warned); len(r.Held) != 0 || refusedForSecret(r.Refused) {
		t.Fatalf("%q: refused %+v, held %+v; want allowed", warned, r.Refused, r.Held)
	}
}

// rulesReview is the clause rules' and review layer's reading alone,
// before the learned reader (outbound_model.go) has its say: the tests
// above are of the concepts of those layers.
func rulesReview(previous []string, text string) Review {
	r := readOutbound(previous, text)
	return Review{Refused: r.refused, Held: r.held}
}
