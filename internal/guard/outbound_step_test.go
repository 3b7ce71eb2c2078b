package guard

import "testing"

// TestStepAfterEarlierMessages: a late turn that names a secret with no
// verb after a marker of the next step ("now the code from the app",
// "Last step: your PIN") asks for it once the writer's earlier messages
// have walked the customer through a procedure; on its own, or when the
// clause goes on to say something of the secret, or warns, it does not.
func TestStepAfterEarlierMessages(t *testing.T) {
	prev := []string{"Your refund of 200 EUR is approved.", "We will send it to your bank card."}
	for _, c := range []struct {
		prev    []string
		text    string
		refused bool
	}{
		{prev, "Great, now the confirmation code from your banking app.", true},
		{prev, "Last step: the PIN of your card.", true},
		{prev, "And then the password of your e-mail, so the transfer goes out.", true},
		{[]string{"Возврат одобрен.", "Отправим его на вашу карту."}, "Хорошо, теперь пароль от онлайн-банка.", true},
		{[]string{"Der Betrag ist freigegeben.", "Wir überweisen auf Ihre Karte."}, "Und jetzt den Sicherheitscode aus Ihrer Banking-App.", true},
		{[]string{"Zwrot został zatwierdzony.", "Wyślemy go na kartę."}, "Ostatni krok: kod z aplikacji banku.", true},
		{[]string{"O reembolso foi aprovado.", "Vamos mandar para o seu cartão."}, "Agora o código de confirmação do app do banco.", true},
		{nil, "Now the confirmation code from your banking app.", false},
		{prev, "Now the tracking code of the card's parcel.", false}, // a bare "code" may be anything's
		{prev, "Now the code will arrive by SMS within a minute; type it in the app yourself.", false},
		{prev, "Last step: never share the PIN of your card, not even with us.", false},
		{prev, "Now the password of your e-mail is the one to change first.", false},
	} {
		r := readOutbound(c.prev, c.text)
		if got := len(r.refused) > 0; got != c.refused {
			t.Errorf("%q after %q: refused %v, want %v", c.text, c.prev, got, c.refused)
		}
	}
}
