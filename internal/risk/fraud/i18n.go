package fraud

// customerWarnings is what a customer reads when they mention a flagged
// entity, in the 17 languages. It names no value (the customer knows which
// one they wrote) and asks for nothing: the outbound guard must pass it.
var customerWarnings = map[string]string{
	"en": "Security warning: the address or account you mentioned has been reported to us as used by scammers. Do not send anything to it, and do not trust messages that come from it.",
	"zh": "安全警告：您提到的地址或账户已被举报为诈骗者使用。请不要向其发送任何资产，也不要相信来自它的消息。",
	"es": "Aviso de seguridad: la dirección o cuenta que mencionó nos ha sido denunciada como utilizada por estafadores. No le envíe nada y no confíe en los mensajes que provengan de ella.",
	"pt": "Aviso de segurança: o endereço ou a conta que você mencionou foi denunciado a nós como usado por golpistas. Não envie nada para ele e não confie em mensagens que venham dele.",
	"ru": "Предупреждение безопасности: упомянутый вами адрес или аккаунт был заявлен нам как используемый мошенниками. Ничего на него не отправляйте и не доверяйте сообщениям от него.",
	"tr": "Güvenlik uyarısı: bahsettiğiniz adres veya hesap, dolandırıcılar tarafından kullanıldığı gerekçesiyle bize bildirildi. Ona hiçbir şey göndermeyin ve ondan gelen mesajlara güvenmeyin.",
	"vi": "Cảnh báo bảo mật: địa chỉ hoặc tài khoản bạn nhắc đến đã bị báo cáo với chúng tôi là do kẻ lừa đảo sử dụng. Đừng gửi bất cứ thứ gì đến đó và đừng tin các tin nhắn đến từ đó.",
	"fr": "Alerte de sécurité : l'adresse ou le compte que vous avez mentionné nous a été signalé comme utilisé par des escrocs. N'y envoyez rien et ne vous fiez pas aux messages qui en proviennent.",
	"de": "Sicherheitswarnung: Die von Ihnen genannte Adresse bzw. das Konto wurde uns als von Betrügern genutzt gemeldet. Senden Sie nichts dorthin und vertrauen Sie keinen Nachrichten, die von dort kommen.",
	"it": "Avviso di sicurezza: l'indirizzo o l'account che hai menzionato ci è stato segnalato come usato da truffatori. Non inviargli nulla e non fidarti dei messaggi che ne provengono.",
	"id": "Peringatan keamanan: alamat atau akun yang Anda sebutkan telah dilaporkan kepada kami sebagai digunakan oleh penipu. Jangan kirim apa pun ke sana dan jangan percayai pesan yang berasal darinya.",
	"ar": "تحذير أمني: تم الإبلاغ إلينا عن العنوان أو الحساب الذي ذكرته على أنه يستخدمه محتالون. لا ترسل إليه أي شيء، ولا تثق في الرسائل الواردة منه.",
	"uk": "Попередження безпеки: згадану вами адресу або обліковий запис нам повідомили як такі, що їх використовують шахраї. Нічого на них не надсилайте і не довіряйте повідомленням звідти.",
	"pl": "Ostrzeżenie bezpieczeństwa: adres lub konto, o którym wspomniałeś, zostało nam zgłoszone jako używane przez oszustów. Nie wysyłaj na nie niczego i nie ufaj wiadomościom, które z niego pochodzą.",
	"ja": "セキュリティ警告：お客様が言及したアドレスまたはアカウントは、詐欺師が使用しているとして当社に報告されています。そこには何も送らず、そこから届くメッセージを信用しないでください。",
	"ko": "보안 경고: 말씀하신 주소 또는 계정은 사기범이 사용하는 것으로 저희에게 신고되었습니다. 그곳으로 아무것도 보내지 마시고, 그곳에서 오는 메시지를 믿지 마십시오.",
	"th": "คำเตือนด้านความปลอดภัย: ที่อยู่หรือบัญชีที่คุณกล่าวถึงได้รับการรายงานมายังเราว่าถูกใช้โดยมิจฉาชีพ อย่าส่งสิ่งใดไปยังที่อยู่นั้น และอย่าเชื่อข้อความที่มาจากที่นั้น",
}

// Languages are the languages of the customer warning.
var Languages = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

// CustomerWarning is the warning in lang, or in English for a language
// the platform does not speak.
func CustomerWarning(lang string) string {
	if w, ok := customerWarnings[lang]; ok {
		return w
	}
	return customerWarnings["en"]
}
