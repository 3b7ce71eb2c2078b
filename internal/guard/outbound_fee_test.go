package guard

import "testing"

// TestFeeAtLinkAsks: a charge "paid" at a stranger's link where the card
// and the bank's one-time code are typed sends the code out of the
// customer's hands, so the rules refuse it; a warning about such texts,
// a condition, or the exchange's own card payment pass.
func TestFeeAtLinkAsks(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"courier fee, address", "Your parcel is waiting at the depot. Pay the £2.10 redelivery fee at royal-redeliver.co.uk, entering your card details and the code your bank texts you.", true},
		{"customs, Spanish", "Su envío está retenido en aduana. Pague la tasa de 1,99 € en correos-aduana.es con los datos de la tarjeta y el código que le envíe su banco.", true},
		{"fine, Portuguese, no verb for the code", "Você tem uma multa pendente. Pague em detran-multas.com.br com o cartão e o código do banco.", true},
		{"parcel, Russian link word", "Посылка ждёт на почте. Оплатите доставку по ссылке, введя данные карты и код из СМС банка.", true},
		{"customs, Polish", "Paczka czeka na cło 3,50 zł. Zapłać na poczta-clo.pl, podając dane karty i kod 3D Secure.", true},
		{"redelivery, Japanese", "再配達のお手続きはリンク先でカード番号と認証コードを入力してください。", true},

		{"warning, conditional", "If a text asks you to pay a customs fee at a link with your card details and the code from your bank, it is a scam.", false},
		{"warning, negated", "Never pay a redelivery fee at a link, and never type your card details or your bank's code there.", false},
		{"the exchange's own checkout", "To buy USDT with a card, go to groundcrew.com/buy, enter the card number and confirm the 3-D Secure code in your bank's app.", false},
		{"a card fee, no charge owed", "The card fee is 1.5%; type the 3-D Secure code on the checkout page at groundcrew.com/buy if your bank asks.", false},
		{"a fee, no card", "Pay the redelivery fee at royalmail.com; we do not need anything from you.", false},
	}
	for _, tt := range tests {
		wantRuleVerdict(t, tt.name, tt.text, tt.refused)
	}
}

// TestCardListCarriesVerb: a verb whose object is a card's data heads a
// list of it, so the security code at the end of the list is asked for
// too; the same list in a warning is not.
func TestCardListCarriesVerb(t *testing.T) {
	tests := []struct {
		text    string
		refused bool
	}{
		{"For the chargeback please send the card number, the expiry date and the CVV.", true},
		{"Para el reembolso envíe el número de tarjeta, la fecha de caducidad y el CVV.", true},
		{"Per lo storno mi mandi il numero della carta, la scadenza e il CVV.", true},
		{"Never send anyone the card number, the expiry date or the CVV.", false},
	}
	for _, tt := range tests {
		wantRuleVerdict(t, "", tt.text, tt.refused)
	}
}

// TestPortugueseNoIsNotNegation: Portuguese "no" is "in the"; it does
// not negate an ask ("preciso da senha do app no Nubank"), while "não"
// still does.
func TestPortugueseNoIsNotNegation(t *testing.T) {
	tests := []struct {
		text    string
		refused bool
	}{
		{"Para fazer o estorno no cartão de crédito, me passe o número, a validade e o código de segurança.", true},
		{"Para devolver o dinheiro no Mercado Pago eu preciso da senha do aplicativo.", true},
		{"Não passe a senha do app para ninguém, nem no chat.", false},
		{"No envíe su contraseña a nadie.", false},
	}
	for _, tt := range tests {
		wantRuleVerdict(t, "", tt.text, tt.refused)
	}
	if !portuguese("Você recebeu o código?") || portuguese("¿Recibió el código?") || portuguese("Anh nhận được mã chưa?") {
		t.Error("portuguese() misreads the language of a short text")
	}
}

// wantRuleVerdict checks the rules' verdict alone on one message.
func wantRuleVerdict(t *testing.T, name, text string, refused bool) {
	t.Helper()
	if got := len(readOutbound(nil, text).refused) > 0; got != refused {
		t.Errorf("%s: refused %v, want %v: %q", name, got, refused, text)
	}
}

// TestRefundAtLinkAsks: a refund "paid out" at a stranger's link where
// the customer logs in to online banking or a public e-ID, with no card
// named, sends the login and the code out of the customer's hands; a
// warning about such texts, or the real portal typed in by the customer
// alone, passes.
func TestRefundAtLinkAsks(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"tax refund, e-ID login", "You are owed a tax refund of £380. Claim it at hmrc-refunds-online.uk: sign in with your Government Gateway password and the code we text you.", true},
		{"utility refund, online banking", "Votre fournisseur d'électricité vous doit un remboursement de 64 €. Sur le lien, entrez l'identifiant et le mot de passe de votre banque en ligne, puis le code reçu.", true},
		{"fine named with a court's words", "交通违法提醒：您有一笔罚款未缴，逾期加收滞纳金。点击链接缴纳，填写银行卡号、有效期和动态验证码。", true},
		{"Italian, SPID", "Rimborso IRPEF di 240 € disponibile: accedi dal link con le credenziali SPID e inserisci il codice OTP che ricevi.", true},

		{"warning about refund texts", "Type your e-Devlet password only at turkiye.gov.tr yourself, and never open a link from anyone promising a tax refund.", false},
		{"a warning sentence holds the refund", "Scammers promise a refund at a link and ask for your online banking password; never enter it there.", false},
		{"the refund, nothing typed", "Your refund of 12 USDT is on its way; you can see it under Wallet > History, no link needed.", false},
	}
	for _, tt := range tests {
		wantRuleVerdict(t, tt.name, tt.text, tt.refused)
	}
}
