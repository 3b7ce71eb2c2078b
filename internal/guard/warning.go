package guard

import (
	"slices"
	"strings"
)

// warningText holds the sentences of the customer warning in one language:
// removed (always), never asks (always), funds (a seed phrase or key was
// found), password (a password was found), code (a 2FA code was found).
type warningText struct {
	removed, neverAsks, funds, password, code string
	sep                                       string // between sentences
}

var warnings = map[string]warningText{
	"en": {
		removed:   "For your safety, we removed sensitive information from your message.",
		neverAsks: "Our support team will never ask for your seed phrase, private keys, passwords or 2FA codes.",
		funds:     "If it was a real seed phrase or private key, treat it as compromised and move your funds to a new wallet right now.",
		password:  "If it was your real password, change it right away.",
		code:      "Never share 2FA codes with anyone. If someone else may have your code, change your password now.",
		sep:       " ",
	},
	"zh": {
		removed:   "为了您的安全，我们已从您的消息中删除了敏感信息。",
		neverAsks: "我们的客服团队绝不会向您索要助记词、私钥、密码或双重验证（2FA）码。",
		funds:     "如果这是真实的助记词或私钥，请视其为已泄露，并立即将资金转移到新的钱包。",
		password:  "如果这是您的真实密码，请立即修改。",
		code:      "切勿与任何人分享双重验证码。如果其他人可能已获得您的验证码，请立即修改密码。",
	},
	"es": {
		removed:   "Por tu seguridad, hemos eliminado información confidencial de tu mensaje.",
		neverAsks: "Nuestro equipo de soporte nunca te pedirá tu frase semilla, claves privadas, contraseñas ni códigos 2FA.",
		funds:     "Si era una frase semilla o una clave privada real, considérala comprometida y transfiere tus fondos a una billetera nueva ahora mismo.",
		password:  "Si era tu contraseña real, cámbiala de inmediato.",
		code:      "Nunca compartas códigos 2FA con nadie. Si otra persona podría tener tu código, cambia tu contraseña ahora.",
		sep:       " ",
	},
	"pt": {
		removed:   "Para sua segurança, removemos informações confidenciais da sua mensagem.",
		neverAsks: "Nossa equipe de suporte nunca pedirá sua frase de recuperação, chaves privadas, senhas ou códigos 2FA.",
		funds:     "Se era uma frase de recuperação ou chave privada real, considere-a comprometida e transfira seus fundos para uma nova carteira agora mesmo.",
		password:  "Se era sua senha real, altere-a imediatamente.",
		code:      "Nunca compartilhe códigos 2FA com ninguém. Se outra pessoa puder ter o seu código, altere sua senha agora.",
		sep:       " ",
	},
	"ru": {
		removed:   "В целях вашей безопасности мы удалили конфиденциальные данные из вашего сообщения.",
		neverAsks: "Наша служба поддержки никогда не попросит у вас сид-фразу, приватные ключи, пароли или коды 2FA.",
		funds:     "Если это была настоящая сид-фраза или приватный ключ, считайте их скомпрометированными и немедленно переведите средства на новый кошелёк.",
		password:  "Если это был ваш настоящий пароль, немедленно смените его.",
		code:      "Никогда никому не сообщайте коды 2FA. Если ваш код мог попасть к кому-то ещё, смените пароль прямо сейчас.",
		sep:       " ",
	},
	"tr": {
		removed:   "Güvenliğiniz için mesajınızdaki hassas bilgileri kaldırdık.",
		neverAsks: "Destek ekibimiz sizden asla kurtarma ifadenizi (seed phrase), özel anahtarlarınızı, şifrelerinizi veya 2FA kodlarınızı istemez.",
		funds:     "Bu gerçek bir kurtarma ifadesi veya özel anahtarsa, ele geçirilmiş kabul edin ve fonlarınızı hemen yeni bir cüzdana taşıyın.",
		password:  "Bu gerçek şifrenizse, hemen değiştirin.",
		code:      "2FA kodlarınızı asla kimseyle paylaşmayın. Kodunuz başka birinin eline geçmiş olabilirse, şifrenizi hemen değiştirin.",
		sep:       " ",
	},
	"vi": {
		removed:   "Vì sự an toàn của bạn, chúng tôi đã xóa thông tin nhạy cảm khỏi tin nhắn của bạn.",
		neverAsks: "Đội ngũ hỗ trợ của chúng tôi sẽ không bao giờ yêu cầu cụm từ khôi phục (seed phrase), khóa riêng tư, mật khẩu hoặc mã 2FA của bạn.",
		funds:     "Nếu đó là cụm từ khôi phục hoặc khóa riêng tư thật, hãy coi như chúng đã bị lộ và chuyển tiền của bạn sang một ví mới ngay lập tức.",
		password:  "Nếu đó là mật khẩu thật của bạn, hãy đổi mật khẩu ngay.",
		code:      "Không bao giờ chia sẻ mã 2FA với bất kỳ ai. Nếu người khác có thể đã biết mã của bạn, hãy đổi mật khẩu ngay bây giờ.",
		sep:       " ",
	},
	"fr": {
		removed:   "Pour votre sécurité, nous avons supprimé des informations sensibles de votre message.",
		neverAsks: "Notre équipe d'assistance ne vous demandera jamais votre phrase de récupération, vos clés privées, vos mots de passe ni vos codes 2FA.",
		funds:     "S'il s'agissait d'une véritable phrase de récupération ou clé privée, considérez-la comme compromise et transférez immédiatement vos fonds vers un nouveau portefeuille.",
		password:  "S'il s'agissait de votre véritable mot de passe, changez-le immédiatement.",
		code:      "Ne partagez jamais vos codes 2FA avec qui que ce soit. Si quelqu'un d'autre a pu obtenir votre code, changez votre mot de passe dès maintenant.",
		sep:       " ",
	},
	"de": {
		removed:   "Zu Ihrer Sicherheit haben wir vertrauliche Daten aus Ihrer Nachricht entfernt.",
		neverAsks: "Unser Support-Team wird Sie niemals nach Ihrer Seed-Phrase, Ihren privaten Schlüsseln, Passwörtern oder 2FA-Codes fragen.",
		funds:     "Falls es sich um eine echte Seed-Phrase oder einen echten privaten Schlüssel handelte, betrachten Sie diese als kompromittiert und übertragen Sie Ihr Guthaben sofort auf eine neue Wallet.",
		password:  "Falls es Ihr echtes Passwort war, ändern Sie es sofort.",
		code:      "Geben Sie 2FA-Codes niemals an andere weiter. Falls jemand anderes Ihren Code haben könnte, ändern Sie jetzt Ihr Passwort.",
		sep:       " ",
	},
	"it": {
		removed:   "Per la tua sicurezza, abbiamo rimosso informazioni riservate dal tuo messaggio.",
		neverAsks: "Il nostro team di assistenza non ti chiederà mai la tua frase di recupero, le chiavi private, le password o i codici 2FA.",
		funds:     "Se si trattava di una vera frase di recupero o chiave privata, considerala compromessa e trasferisci subito i tuoi fondi su un nuovo wallet.",
		password:  "Se era la tua vera password, cambiala subito.",
		code:      "Non condividere mai i codici 2FA con nessuno. Se qualcun altro potrebbe avere il tuo codice, cambia subito la password.",
		sep:       " ",
	},
	"id": {
		removed:   "Demi keamanan Anda, kami telah menghapus informasi sensitif dari pesan Anda.",
		neverAsks: "Tim dukungan kami tidak akan pernah meminta frasa pemulihan (seed phrase), kunci pribadi, kata sandi, atau kode 2FA Anda.",
		funds:     "Jika itu adalah frasa pemulihan atau kunci pribadi yang asli, anggap sudah bocor dan segera pindahkan dana Anda ke dompet baru sekarang juga.",
		password:  "Jika itu kata sandi Anda yang asli, segera ganti.",
		code:      "Jangan pernah membagikan kode 2FA kepada siapa pun. Jika orang lain mungkin mengetahui kode Anda, segera ganti kata sandi Anda.",
		sep:       " ",
	},
	"ar": {
		removed:   "حرصًا على أمانك، أزلنا معلومات حساسة من رسالتك.",
		neverAsks: "لن يطلب منك فريق الدعم لدينا أبدًا عبارة الاسترداد أو المفاتيح الخاصة أو كلمات المرور أو رموز المصادقة الثنائية (2FA).",
		funds:     "إذا كان ما أرسلته عبارة استرداد أو مفتاحًا خاصًا حقيقيًا، فاعتبره مكشوفًا وانقل أموالك إلى محفظة جديدة فورًا.",
		password:  "إذا كانت هذه كلمة مرورك الحقيقية، فغيّرها على الفور.",
		code:      "لا تشارك رموز المصادقة الثنائية مع أي شخص أبدًا. إذا كان من المحتمل أن يكون رمزك لدى شخص آخر، فغيّر كلمة المرور الآن.",
		sep:       " ",
	},
	"uk": {
		removed:   "З міркувань вашої безпеки ми видалили конфіденційні дані з вашого повідомлення.",
		neverAsks: "Наша служба підтримки ніколи не проситиме у вас сид-фразу, приватні ключі, паролі чи коди 2FA.",
		funds:     "Якщо це була справжня сид-фраза або приватний ключ, вважайте їх скомпрометованими та негайно переведіть кошти на новий гаманець.",
		password:  "Якщо це був ваш справжній пароль, негайно змініть його.",
		code:      "Ніколи нікому не повідомляйте коди 2FA. Якщо ваш код міг потрапити до когось іще, змініть пароль просто зараз.",
		sep:       " ",
	},
	"pl": {
		removed:   "Dla Twojego bezpieczeństwa usunęliśmy poufne informacje z Twojej wiadomości.",
		neverAsks: "Nasz zespół wsparcia nigdy nie poprosi Cię o frazę odzyskiwania (seed phrase), klucze prywatne, hasła ani kody 2FA.",
		funds:     "Jeśli była to prawdziwa fraza odzyskiwania lub klucz prywatny, uznaj je za przejęte i natychmiast przenieś środki do nowego portfela.",
		password:  "Jeśli było to Twoje prawdziwe hasło, natychmiast je zmień.",
		code:      "Nigdy nikomu nie udostępniaj kodów 2FA. Jeśli ktoś inny mógł poznać Twój kod, zmień hasło już teraz.",
		sep:       " ",
	},
	"ja": {
		removed:   "お客様の安全のため、メッセージから機密情報を削除しました。",
		neverAsks: "サポートチームがシードフレーズ、秘密鍵、パスワード、2FA（二段階認証）コードをお尋ねすることは絶対にありません。",
		funds:     "本物のシードフレーズまたは秘密鍵だった場合は、漏えいしたものとみなし、今すぐ資産を新しいウォレットに移してください。",
		password:  "本物のパスワードだった場合は、すぐに変更してください。",
		code:      "2FAコードは誰とも共有しないでください。他人にコードを知られた可能性がある場合は、今すぐパスワードを変更してください。",
	},
	"ko": {
		removed:   "고객님의 안전을 위해 메시지에서 민감한 정보를 삭제했습니다.",
		neverAsks: "저희 고객지원팀은 시드 문구, 개인 키, 비밀번호 또는 2FA 코드를 절대 요청하지 않습니다.",
		funds:     "실제 시드 문구나 개인 키였다면 이미 노출된 것으로 간주하고 지금 바로 자산을 새 지갑으로 옮기세요.",
		password:  "실제 비밀번호였다면 즉시 변경하세요.",
		code:      "2FA 코드는 누구와도 공유하지 마세요. 다른 사람이 코드를 알았을 수 있다면 지금 바로 비밀번호를 변경하세요.",
		sep:       " ",
	},
	"th": {
		removed:   "เพื่อความปลอดภัยของคุณ เราได้ลบข้อมูลที่ละเอียดอ่อนออกจากข้อความของคุณแล้ว",
		neverAsks: "ทีมสนับสนุนของเราจะไม่ขอวลีกู้คืน (seed phrase) คีย์ส่วนตัว รหัสผ่าน หรือรหัส 2FA ของคุณโดยเด็ดขาด",
		funds:     "หากเป็นวลีกู้คืนหรือคีย์ส่วนตัวจริง ให้ถือว่าข้อมูลนั้นรั่วไหลแล้ว และย้ายเงินทุนของคุณไปยังกระเป๋าเงินใหม่ทันที",
		password:  "หากเป็นรหัสผ่านจริงของคุณ โปรดเปลี่ยนรหัสผ่านทันที",
		code:      "อย่าแชร์รหัส 2FA กับผู้ใดเด็ดขาด หากผู้อื่นอาจทราบรหัสของคุณ โปรดเปลี่ยนรหัสผ่านทันที",
		sep:       " ",
	},
}

// Languages lists the languages Warning speaks.
func Languages() []string {
	out := make([]string, 0, len(warnings))
	for l := range warnings {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Warning is the message shown to the customer right after secrets of the
// given kinds were removed from what they sent, in their language (a tag
// such as "pt-BR" or "zh_TW" counts as its base language; unknown
// languages get English). It is empty when kinds is.
func Warning(lang string, kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	w, ok := warnings[baseLanguage(lang)]
	if !ok {
		w = warnings["en"]
	}
	parts := []string{w.removed, w.neverAsks}
	var funds, password, code bool
	for _, k := range kinds {
		switch k {
		case KindPassword:
			password = true
		case KindOTP:
			code = true
		default:
			funds = true
		}
	}
	if funds {
		parts = append(parts, w.funds)
	}
	if password {
		parts = append(parts, w.password)
	}
	if code {
		parts = append(parts, w.code)
	}
	return strings.Join(parts, w.sep)
}

func baseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}
