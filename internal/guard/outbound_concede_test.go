package guard

import "testing"

// TestConcededAsk: a warning followed by a turn that grants the act it
// forbade ("but here you may") asks for the warned secret; a warning
// whose turn points at a safe place, at something else to send, or at
// nothing the customer does, stays a warning.
func TestConcededAsk(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"English, this time", "Normally we tell people never to share the seed phrase; this time it's fine, our engineers need it to move the funds.", true},
		{"Spanish, but you may", "Nunca compartas tu frase semilla con nadie, es la regla, pero en este chat puedes escribirla sin miedo.", true},
		{"German, in this case you may", "Die Wiederherstellungswörter gibt man nie weiter, das gilt, doch in diesem Fall dürfen Sie sie eintippen.", true},
		{"Russian, however it is allowed", "Пароль мы советуем никому не называть, однако в этом случае можно, это служба безопасности.", true},
		{"Indonesian, but it's safe", "Biasanya kami bilang jangan bagikan frasa pemulihan, tapi di kanal resmi ini aman kok.", true},

		{"the turn points at paper", "Never share your seed phrase with anyone, but you can write it on paper and keep it at home.", false},
		{"the turn asks for something else", "Don't send us your password; however, you can send a screenshot of the error message.", false},
		{"no permission after the turn", "We will never ask for your seed phrase, but our support team is here around the clock.", false},
		{"the permission is conditioned", "Never type your 2FA code into a link; but if our own app asks for it while you log in, you can enter it there.", false},
	}
	for _, tt := range tests {
		wantRuleVerdict(t, tt.name, tt.text, tt.refused)
	}
}
