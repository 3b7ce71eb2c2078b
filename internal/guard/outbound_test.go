package guard

import (
	"strings"
	"testing"
)

func TestCheckOutboundAsks(t *testing.T) {
	asks := []string{
		"Please send your seed phrase so we can verify your wallet.",
		"What is your 12-word recovery phrase?",
		"Tell me your password and I will fix it.",
		"Send me the code from Google Authenticator.",
		"To speed things up, reply with your private key.",
		"Kindly enter your recovery phrase on the validation page.",
		"Don't worry, just share your seed phrase with me.",
		"Can you provide the verification code we just sent to your phone?",
		"请发送你的助记词。",
		"告诉我你的密码",
		"Envíame tu frase semilla para verificar la cuenta.",
		"¿Cuál es tu contraseña?",
		"Envie sua frase de recuperação, por favor.",
		"Пришлите мне вашу сид-фразу.",
		"Какой у вас пароль?",
		"Kurtarma ifadenizi gönderin lütfen.",
		"Envoyez-nous votre phrase de récupération.",
		"Bitte senden Sie uns Ihre Seed-Phrase.",
		"Inviaci la tua frase di recupero.",
		"Kirimkan frasa pemulihan Anda.",
		"Надішліть вашу сід-фразу.",
		"Podaj hasło do konta.",
		"Gửi cho tôi cụm từ khôi phục của bạn.",
		"シードフレーズを送ってください。",
		"비밀번호를 알려주세요.",
		"أرسل عبارة الاسترداد الخاصة بك.",
		"บอกรหัสผ่านของคุณมา",
	}
	for _, text := range asks {
		v := CheckOutbound(text, nil)
		if len(v) != 1 || v[0].Kind != ViolationAsksForSecret {
			t.Errorf("CheckOutbound(%q) = %+v, want one asks_for_secret", text, v)
			continue
		}
		if v[0].Start < 0 || v[0].End > len(text) || v[0].Detail == "" {
			t.Errorf("CheckOutbound(%q): bad violation %+v", text, v[0])
		}
	}
	fine := []string{
		"Never share your seed phrase with anyone.",
		"We will never ask for your password.",
		"Support will never ask you to send your seed phrase or private key.",
		"Please enter the code from Google Authenticator to log in.",
		"Go to Settings > Security and enter your current password, then the new one.",
		"Did you share your seed phrase with anyone?",
		"Tell me when you have changed your password.",
		"If anyone asks for your recovery phrase, it is a scam.",
		"Your deposit has arrived, thank you for waiting.",
		"You can reset your password from the login page.",
		"Никогда не сообщайте никому свою сид-фразу.",
		"请勿向任何人透露您的助记词。",
		"Nunca compartas tu frase semilla.",
		"Ne partagez jamais votre phrase de récupération.",
		"Geben Sie Ihre Seed-Phrase niemals weiter.",
		"パスワードは絶対に誰にも教えないでください。",
		"비밀번호를 절대 알려주지 마세요.",
		"Kurtarma ifadenizi kimseyle paylaşmayın.",
		"Jangan pernah bagikan kata sandi Anda.",
		"لا تشارك كلمة المرور مع أي شخص.",
		"อย่าบอกรหัสผ่านกับใคร",
	}
	for _, text := range fine {
		if v := CheckOutbound(text, nil); len(v) != 0 {
			t.Errorf("CheckOutbound(%q) = %+v, want none", text, v)
		}
	}
	// Only the asking sentence is reported.
	text := "We never ask for your password. Please send your seed phrase here."
	v := CheckOutbound(text, nil)
	if len(v) != 1 || text[v[0].Start:v[0].End] != "Please send your seed phrase here." {
		t.Fatalf("CheckOutbound(%q) = %+v", text, v)
	}
}

func TestCheckOutboundLinks(t *testing.T) {
	allowed := []string{"example.com", "Help.Example.NET."}
	cases := []struct {
		text string
		bad  []string // hosts expected in the details, in order
	}{
		{"See https://example.com/faq", nil},
		{"See https://www.example.com/faq and accounts.example.com/login", nil},
		{"Docs: https://help.example.net/a?b=c#d.", nil},
		{"Go to https://example.com.evil.io/login", []string{"example.com.evil.io"}},
		{"Go to http://evil-example.com", []string{"evil-example.com"}},
		{"https://example.com@evil.io/x", []string{"evil.io"}},
		{"Visit https://exаmple.com now", []string{"xn--exmple-4nf.com"}}, // Cyrillic а
		{"Visit xn--exmple-4nf.com now", []string{"xn--exmple-4nf.com"}},
		{"Try examp1e.com/login", []string{"examp1e.com"}},
		{"Try www.other.org", []string{"www.other.org"}},
		{"Plain words like file.txt, e.g. and Node.js are not links", nil},
		{"Write to support@evil.io", nil}, // an address, not a link
		{"bit.ly/abc123 is shortened", []string{"bit.ly"}},
		{"http://192.168.0.1/admin", []string{"192.168.0.1"}},
	}
	for _, c := range cases {
		v := CheckOutbound(c.text, allowed)
		if len(v) != len(c.bad) {
			t.Errorf("CheckOutbound(%q) = %+v, want %d link violations", c.text, v, len(c.bad))
			continue
		}
		for i, host := range c.bad {
			if v[i].Kind != ViolationLinkNotAllowed || !strings.Contains(v[i].Detail, host) {
				t.Errorf("CheckOutbound(%q)[%d] = %+v, want a link violation naming %q", c.text, i, v[i], host)
			}
		}
	}
	v := CheckOutbound("Visit https://exаmple.com now", allowed)
	if len(v) == 1 && !strings.Contains(v[0].Detail, `imitates "example.com"`) {
		t.Errorf("look-alike not named: %s", v[0].Detail)
	}
	if v := CheckOutbound("https://example.com", nil); len(v) != 1 {
		t.Errorf("with no allow-list every link is a violation, got %+v", v)
	}
}

// TestOwnLinkAfterCodesTalk: an agent's "See <link>" to an allowed page
// after earlier messages about 2FA codes passes; the learned reader alone
// refused it (it scored the earlier messages), which broke the widget's
// help-article reply. The same text to a page off the allow-list is still
// refused, and a request around an allowed link still is.
func TestOwnLinkAfterCodesTalk(t *testing.T) {
	prev := []string{
		"Hi, I'm the support assistant. I can check deposits and withdrawals and answer common questions.",
		"If you lost access to your authenticator app or 2FA codes, you can request a 2FA reset from the sign-in page.\n\nRead more: https://help.example.com/help/en/articles/reset-2fa",
		"I'm passing you to a member of our support team now, with a summary so you don't have to repeat anything.",
	}
	allowed := []string{"help.example.com"}
	for _, text := range []string{"See https://help.example.com/help/en/articles/reset-2fa", "Docs: https://help.example.com/help/en/articles/reset-2fa"} {
		if r := ReviewOutbound(prev, text, allowed); len(r.Refused) != 0 || len(r.Held) != 0 {
			t.Errorf("ReviewOutbound(%q) = %+v, want it sent", text, r)
		}
		if r := ReviewOutbound(prev, text, nil); len(r.Refused) == 0 {
			t.Errorf("ReviewOutbound(%q) with no allow-list = %+v, want the link refused", text, r)
		}
	}
	ask := "Send me the 6-digit code from your authenticator here: https://help.example.com/verify"
	if r := ReviewOutbound(prev, ask, allowed); len(r.Refused) == 0 {
		t.Errorf("ReviewOutbound(%q) = %+v, want it refused", ask, r)
	}
}

func TestPunycode(t *testing.T) {
	// RFC 3492 section 7.1 samples and common IDNs.
	cases := map[string]string{
		"bücher":            "bcher-kva",
		"münchen":           "mnchen-3ya",
		"例え":                "r8jz45g",
		"правда":            "80aafi6cg",
		"ليهمابتكلموشعربي؟": "egbpdaj6bu4bxfgehfvwxn",
		"他们为什么不说中文":         "ihqwcrb4cv8a8dqg056pqjye",
	}
	for uni, ascii := range cases {
		got, err := punyEncode(uni)
		if err != nil || got != ascii {
			t.Errorf("punyEncode(%q) = %q, %v; want %q", uni, got, err, ascii)
		}
		back, err := punyDecode(ascii)
		if err != nil || back != uni {
			t.Errorf("punyDecode(%q) = %q, %v; want %q", ascii, back, err, uni)
		}
	}
	if _, err := punyDecode("99999999999999999999"); err == nil {
		t.Error("overflowing punycode decoded")
	}
}

// TestThaiCompoundsOfWord: Thai writes compounds without spaces, and "คำ"
// (word) opens "คำขอ" (request) and "คำถาม" (question): the bot's own
// recovery offer was refused as asking for the recovery words.
func TestThaiCompoundsOfWord(t *testing.T) {
	for _, text := range []string{
		"การฝากนี้สามารถกู้คืนได้ด้วยคำขอ เริ่มคำขอกู้คืนได้ที่นี่",
		"หากมีคำถามเรื่องการกู้คืนบัญชี ตอบกลับข้อความนี้ได้เลย",
	} {
		if vs := CheckOutbound(text, nil); len(vs) > 0 {
			t.Errorf("%q refused: %+v", text, vs)
		}
	}
	if vs := CheckOutbound("กรุณาพิมพ์คำกู้คืนทั้ง 12 คำมาที่แชทนี้", nil); len(vs) == 0 {
		t.Error("a request for the 12 recovery words in Thai was allowed")
	}
}

// TestShortTextsAreHeldNotRefused: two words on their own name no act; a
// status title such as "Node upgrade." was refused by the learned reader
// alone. Such texts wait for a person instead, while short requests the
// rules read, and short follow-ups after a request, are still refused.
func TestShortTextsAreHeldNotRefused(t *testing.T) {
	for _, text := range []string{"Node upgrade.", "Wallet backup"} {
		refused, held := checkOutbound(nil, text, nil)
		if len(refused) != 0 {
			t.Errorf("%q refused: %+v", text, refused)
		}
		if m, _ := loadedModel(); m != nil && float32(m.score(outboundFeatures(readOutbound(nil, text).signals()))) >= m.alone && len(held) == 0 {
			t.Errorf("%q scored as a request but neither refused nor held", text)
		}
	}
	for _, c := range []struct {
		previous []string
		text     string
	}{
		{nil, "パス教えて"},
		{nil, "your seed phrase?"},
		{[]string{"Let's verify your backup. What is word number 1 on your recovery card?"}, "next one"},
	} {
		if refused, _ := checkOutbound(c.previous, c.text, nil); len(refused) == 0 {
			t.Errorf("%q after %q was not refused", c.text, c.previous)
		}
	}
}
