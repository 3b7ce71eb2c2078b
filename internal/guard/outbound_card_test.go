package guard

import (
	"strings"
	"testing"
)

// TestCardSecretsAreAsked: a payment card's security code, its PIN and a
// 3-D Secure code are a secret kind of their own, with the ask and warn
// logic of the others: asked for into the chat, the rules refuse and name
// the card's code; a warning about them, or an instruction to type them
// on the card issuer's own page, passes.
func TestCardSecretsAreAsked(t *testing.T) {
	requests := []string{
		"Please type the CVV2 from the back of your Visa here so I can push the refund.",
		"Send me your card PIN and I will unblock the payment.",
		"Tell me the 3-D Secure code your bank just texted you.",
		"请把银行卡密码发给我，我帮您处理退款。",
		"Envíame el código CVV de tu tarjeta para procesar el reembolso.",
		"Me manda a senha do cartão aqui no chat para liberar o estorno.",
		"Напишите мне пин-код карты, чтобы мы вернули деньги.",
		"İade için kart şifrenizi buraya yazın lütfen.",
		"Anh gửi em mã CVV của thẻ để hoàn tiền nhé.",
		"Envoyez-moi le cryptogramme de votre carte pour le remboursement.",
		"Nennen Sie mir bitte die Kartenprüfnummer, dann buche ich zurück.",
		"Scrivimi il codice CVV della carta per il rimborso.",
		"Kirim kode CVV kartu Anda ke sini untuk proses refund.",
		"Podaj mi kod CVV karty, to zwrócę środki.",
		"返金のためにカードの暗証番号をこちらに送ってください。",
		"환불을 위해 카드 비밀번호를 여기로 보내 주세요.",
		"أرسل لي رمز CVV الخاص ببطاقتك لإتمام الاسترداد.",
		"ส่งรหัส CVV ของบัตรมาให้เราเพื่อคืนเงินค่ะ",
	}
	for _, text := range requests {
		r := readOutbound(nil, text)
		if len(r.refused) == 0 {
			t.Errorf("%q: the rules do not refuse it", text)
			continue
		}
		if !strings.Contains(r.refused[0].Detail, secretLabel(classCard)) {
			t.Errorf("%q: refused as %q, want the card's code named", text, r.refused[0].Detail)
		}
	}
	honest := []string{
		"We will never ask for your CVV or your card PIN; never share them with anyone.",
		"Nunca compartas el código CVV de tu tarjeta, ni con nosotros.",
		"Никому не сообщайте пин-код карты, даже нам.",
		"Ne communiquez jamais le cryptogramme de votre carte.",
		"Geben Sie die pushTAN nur selbst in der App Ihrer Bank frei.",
		"请勿向任何人透露银行卡密码。",
		"카드 비밀번호는 절대 다른 사람에게 알려주지 마세요.",
		"Enter the 3-D Secure code only on your bank's own page, never in this chat.",
	}
	for _, text := range honest {
		if r := readOutbound(nil, text); len(r.refused) > 0 {
			t.Errorf("%q: refused (%s)", text, r.refused[0].Detail)
		}
	}
}
