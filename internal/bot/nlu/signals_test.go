package nlu

import "testing"

// TestScamAndCompletedCues checks the cue rules for scams that open as a
// calm question (an impostor or a remote session, then the money) and for
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
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := cues.hits(c.text).highStakes(c.intent, 0.9, c.sum); got != c.want {
				t.Errorf("highStakes(%q) = %v, want %v (hits %+v)", c.text, got, c.want, cues.hits(c.text))
			}
		})
	}
}
