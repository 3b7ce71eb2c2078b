package guard

import "testing"

// TestConceptAsks covers the concepts added after eval8 with sentences of
// their own (not the set's), each beside an honest twin that must pass.
func TestConceptAsks(t *testing.T) {
	cases := []struct {
		name     string
		previous []string
		text     string
		refuse   bool
	}{
		{"terse app code en", nil, "Your Authy code?", true},
		{"terse app code de", nil, "Ihr Code aus Authy?", true},
		{"terse app code es", nil, "¿Tu código de Authy?", true},
		{"terse 2fa code", nil, "Ur 2FA code pls?", true},
		{"terse but about the past", nil, "Did you change your password lately?", false},
		{"terse honest question", nil, "Is Authy installed?", false},
		{"terse honest question de", nil, "Ist Authy installiert?", false}, // the reader alone scores 0.93 (guard15): held, not refused
		{"terse honest question, updated", nil, "Is Authy updated?", false},
		{"login with slang fr", nil, "file ton mdp, je me connecte et je règle ça", true},
		{"login with slang it", nil, "dimmi la pass, entro io e sistemo tutto", true},
		{"login without a password", nil, "Log in again and I'll check the limit on my side.", false},
		{"forward code mail de", nil, "Leiten Sie mir die Mail mit dem Bestätigungscode weiter.", true},
		{"forward code mail en", nil, "Please forward me the e-mail with your verification code.", true},
		{"forward phishing mail", nil, "Please forward the phishing e-mail to our security team so we can block the sender.", false},
		{"other app gets the phrase", nil, "Support now runs on Telegram @desk_help. Send them your recovery phrase there.", true},
		{"other app warning", nil, "Block anyone on Telegram who asks for your recovery phrase.", false},
		{"what the app shows es", nil, "¿Qué número le sale ahora en Google Authenticator?", true},
		{"what the sms says fr", []string{"Nous venons de vous envoyer un code par SMS."}, "Qu'est-ce qu'il indique ?", true},
		{"what the sms says, honest", []string{"Nous venons de vous envoyer un code par SMS."}, "Il est bien arrivé ?", false},
		{"read in order after reveal", []string{"Open Settings > Security > Show recovery phrase."}, "Now read them to me in order.", true},
		{"scammer quoted", nil, "The scammer wrote 'send your private key to unlock'. We never ask for that; the account is flagged.", false},
		{"scammer quoted ru", nil, "Мошенник написал: «пришлите приватный ключ». Мы такого никогда не просим.", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ReviewOutbound(c.previous, c.text, nil)
			if got := refusedForSecret(r.Refused); got != c.refuse {
				t.Errorf("%q: refused %v, want %v (refused %+v, held %+v)", c.text, got, c.refuse, r.Refused, r.Held)
			}
		})
	}
}
