package nlu

import "testing"

// TestScamAndCompletedCues checks the cue rules for scams that open as a
// calm question (an impostor or a remote session, then the money), for the
// patterns of scam_cues.go (asked about or lived through) and for
// withdrawals the exchange shows as completed. The sentences are written
// for this test, not taken from a labelled set.
func TestScamAndCompletedCues(t *testing.T) {
	cues := newSignalCues()
	cases := []struct {
		name, text, intent string
		sum                float64
		want               bool
	}{
		{"impostor with your logo, money sent", "is the account with your logo on instagram yours? I sent them 500 USDT to unlock my bonus", IntentPhishingReport, 500, true},
		{"impostor with your logo, nothing sent", "is the account with your logo on instagram yours? it keeps messaging me", IntentPhishingReport, 0, false},
		{"remote app, money gone (de)", "Darf euer Support TeamViewer verlangen? Seit der Sitzung sind meine Coins weg", IntentPhishingReport, 0, true},
		{"remote app asked, nothing lost (en)", "a caller asked me to install AnyDesk, I hung up. is that you?", IntentPhishingReport, 0, false},
		{"impostor steering the customer (fr)", "Un faux conseiller m'a guidé au téléphone pour ouvrir un portefeuille protégé", IntentPhishingReport, 0, true},
		{"said he was from your team (ar)", "واحد وقال إنه من الدعم وحولت له المبلغ", IntentPhishingReport, 0, true},
		{"completed withdrawal, modest sum (pl)", "wypłata 0,3 BTC ma status zakończona, a w portfelu pusto od rana", IntentWithdrawalDelayed, 30_000, false},
		{"completed withdrawal, very large sum (en)", "withdrawal of 2 BTC shows completed but my wallet got nothing", IntentWithdrawalDelayed, 200_000, true},
		{"withdrawal not completed, large sum (en)", "my withdrawal of 0.3 BTC has not completed after a day", IntentWithdrawalDelayed, 30_000, true},
		{"withdrawal not completed, large sum (de)", "Auszahlung von 0,3 BTC ist seit gestern nicht abgeschlossen", IntentWithdrawalDelayed, 30_000, true},
		{"pending withdrawal, large sum (en)", "my withdrawal of 0.3 BTC is still pending after a day", IntentWithdrawalDelayed, 30_000, true},
		{"drainer: signed, tokens gone (en)", "hooked up my wallet to a mint page, signed the transaction it showed and my tokens are gone", IntentPhishingReport, 0, true},
		{"wallet connected, nothing lost (es)", "conecté mi billetera a una web de NFTs, ¿cómo reviso los permisos?", IntentOther, 0, false},
		{"look-alike address (pt)", "mandei 900 USDT para um endereço parecido com o meu, copiei do histórico", IntentWithdrawalDelayed, 900, true},
		{"SIM swap told as it happened (de)", "Mein Handy hatte plötzlich kein Netz, der Anbieter sagt, jemand hat eine Ersatz-SIM bekommen", IntentAccountCompromised, 0, true},
		{"SIM swap asked about (en)", "how do I protect my account against a SIM swap?", IntentTwoFactorReset, 0, false},
		{"fee before a payout (ko)", "출금하려면 세금을 내야 한다는데 이 사이트 맞나요", IntentOther, 0, true},
		{"investment group, money sent (id)", "saya ikut grup investasi dan sudah transfer 300 USDT ke mentornya", IntentPhishingReport, 300, true},
		{"investment group asked about (fr)", "un groupe d'investissement sur Telegram m'invite, comment savoir si c'est sérieux ?", IntentPhishingReport, 0, false},
		{"network lost abroad, codes late (en)", "no signal on my phone while travelling, SMS codes do not arrive", IntentTwoFactorReset, 0, false},
		{"network lost, then money gone (it)", "ieri il telefono era senza segnale e oggi i miei USDT sono spariti", IntentAccountCompromised, 0, true},
		{"a tax question (es)", "¿tengo que pagar impuesto por mis ganancias en cripto?", IntentFees, 0, false},
		{"a transaction history question (tr)", "işlem geçmişinden ekstre nasıl indiririm?", IntentOther, 0, false},
		{"threat (ru)", "мне угрожают и требуют перевести биткоин", IntentTalkToHuman, 0, true},
		{"remote app and money sent (it)", "ho installato TeamViewer su richiesta e poi ho inviato 200 USDT", IntentPhishingReport, 200, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := cues.hits(c.text).highStakes(c.intent, 0.9, c.sum); got != c.want {
				t.Errorf("highStakes(%q) = %v, want %v (hits %+v)", c.text, got, c.want, cues.hits(c.text))
			}
		})
	}
}

// TestCautiousFear: fear said while asking how to stay safe is not
// distress; fear with money gone or sent still is.
func TestCautiousFear(t *testing.T) {
	cues := newSignalCues()
	cases := []struct {
		text string
		want bool
	}{
		{"боюсь сим-свопа, как перейти на приложение для 2FA?", false},
		{"I'm scared of scams, how do I protect my account?", false},
		{"I'm scared, how do I protect my account? my coins are gone", true},
		{"korkuyorum, hesabım boşaltıldı", true},
	}
	for _, c := range cases {
		if got := cues.hits(c.text).distress; got != c.want {
			t.Errorf("distress(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
