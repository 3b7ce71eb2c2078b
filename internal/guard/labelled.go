package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A password or a 2FA code looks like any other word or number; only the
// customer's own label gives it away ("my password is ...", "2FA code:
// ..."). The labels below cover the 17 languages of the product.

// pwLabel is a word that introduces a password. strict labels ("pwd",
// "pass") are common inside other phrases, so they count only when a colon
// or an equals sign follows.
type pwLabel struct {
	text   string
	strict bool
}

var passwordLabels = []pwLabel{
	{"password", false}, {"passwd", false}, {"passcode", false}, {"passphrase", false}, {"pwd", true}, {"pass", true}, {"pw", true},
	{"contraseña", false}, {"contrasena", false}, {"clave", true},
	{"senha", false},
	{"пароль", false}, {"паролем", false}, {"пароля", true},
	{"şifre", false}, {"şifrem", false}, {"sifre", false}, {"sifrem", false}, {"parola", false}, {"parolam", false},
	{"mot de passe", false}, {"mdp", true},
	{"passwort", false}, {"kennwort", false},
	{"kata sandi", false}, {"katasandi", false}, {"sandi", false},
	{"hasło", false}, {"haslo", false},
	{"mật khẩu", false}, {"mat khau", false}, {"mk", true},
	{"パスワード", false}, {"暗証番号", false},
	{"비밀번호", false}, {"비번", false}, {"패스워드", false},
	{"密码", false}, {"密碼", false}, {"口令", false},
	{"كلمة المرور", false}, {"كلمة السر", false}, {"كلمة سر", false}, {"الباسورد", false},
	{"รหัสผ่าน", false}, {"พาสเวิร์ด", false},
}

// Words that may stand between a label and its connector: "password for
// my account is ...", "mật khẩu của tôi là ...".
var pwFillers = setOf(
	"for", "to", "of", "my", "the", "account", "acc", "login", "on", "at", "wallet", "exchange", "app", "email", "mail",
	"de", "mi", "cuenta", "da", "minha", "conta", "do", "mio", "del", "della", "mia", "от", "моего", "аккаунта", "аккаунт",
	"кабинета", "мой", "mon", "compte", "du", "für", "mein", "meines", "konto", "kontos", "zum", "của", "tôi", "mình",
	"tài", "khoản", "saya", "akun", "aku", "mojego", "konta", "moje", "mое", "від", "мого", "акаунта", "акаунту",
	"hesabımın", "hesap", "hesabım", "benim", "是", "的",
)

// Connectors between a label and the secret. A symbol (":", "=") makes the
// label certain; a verb ("is", "es", "ist") leaves room for "my password
// is wrong", so the value is checked harder.
var pwSymbols = []string{":", "：", "=", "->", "→", "-", "—", "–"}
var pwVerbs = setOf(
	"is", "was", "es", "era", "é", "est", "c'est", "ist", "lautet", "war", "è", "adalah", "yaitu", "ialah",
	"to", "jest", "là", "это", "це", "是", "为", "為", "は", "는", "은", "คือ", "هي", "هو", "şu", "olan",
)

// Values that follow "my password is" without being a password.
var pwStopwords = setOf(
	"not", "wrong", "incorrect", "correct", "right", "invalid", "valid", "expired", "blocked", "locked", "lost", "forgotten",
	"forgot", "stolen", "changed", "compromised", "hacked", "weak", "strong", "too", "very", "still", "same", "different",
	"the", "a", "an", "my", "your", "in", "on", "at", "for", "being", "been", "no", "ok", "okay", "fine", "working",
	"accepted", "rejected", "saved", "stored", "required", "needed", "set", "reset", "new", "old", "also", "just", "only",
	"now", "already", "definitely", "probably", "case", "what", "which", "that", "this", "it", "here", "below", "above",
	"attached", "hidden", "secret", "private", "safe", "secure", "known", "unknown", "updated", "long", "short", "empty",
	"blank", "sent", "doesn't", "didn't", "isn't", "won't", "can't", "does", "did", "has", "have", "will", "should", "must",
	"may", "might", "and", "or", "but", "with", "without", "when", "if", "because", "since", "after", "before", "please",
	"pls", "help", "change", "changing", "recover", "recovery", "again", "correctly", "somehow", "suddenly", "never",
	"always", "mine", "2fa", "otp", "good", "bad", "wrongly", "expire", "expiring", "manager", "field", "box", "policy", "rules",
	"requirements", "reset?", "incorrectly", "fails", "failed", "failing", "showing", "shown", "not working", "asking",
	"protected", "encrypted", "unchanged", "easy", "simple", "complex", "complicated", "stored", "saved", "there",
	"no", "es", "incorrecta", "incorrecto", "correcta", "válida", "valida", "inválida", "invalida", "equivocada", "la",
	"el", "mi", "tu", "su", "que", "muy", "demasiado", "nueva", "vieja", "olvidé", "olvide", "cambiada", "bloqueada",
	"segura", "está", "esta", "funciona", "não", "nao", "errada", "incorreta", "correta", "o", "minha", "sua", "muito",
	"nova", "antiga", "esqueci", "não funciona", "не", "неверный", "неправильный", "правильный", "верный", "был",
	"была", "слишком", "очень", "новый", "старый", "забыл", "забыла", "для", "на", "и", "а", "мой", "моя", "ваш",
	"заблокирован", "сменил", "украден", "не подходит", "подходит", "невірний", "неправильний", "був", "занадто",
	"забув", "від", "мій", "yanlış", "yanlis", "doğru", "dogru", "değil", "degil", "çok", "yeni", "eski", "unuttum",
	"hatalı", "hatali", "bu", "bir", "ve", "ile", "için", "icin", "pas", "faux", "bon", "mauvais", "trop", "très",
	"tres", "nouveau", "ancien", "oublié", "oublie", "le", "mon", "ma", "votre", "du", "bloqué", "nicht", "falsch",
	"richtig", "korrekt", "ungültig", "zu", "sehr", "neu", "alt", "vergessen", "der", "die", "das", "mein", "meine",
	"ihr", "gesperrt", "non", "sbagliata", "errata", "corretta", "giusta", "troppo", "molto", "vecchia", "dimenticato",
	"il", "tua", "di", "che", "bloccata", "tidak", "salah", "benar", "sudah", "baru", "lama", "lupa", "saya", "anda",
	"yang", "dan", "terlalu", "sangat", "diblokir", "nie", "jest", "błędne", "bledne", "nieprawidłowe", "prawidłowe",
	"poprawne", "zbyt", "bardzo", "nowe", "stare", "zapomniałem", "zapomnialem", "moje", "twoje", "do", "không",
	"khong", "sai", "đúng", "dung", "mới", "moi", "cũ", "cu", "quên", "quen", "của", "cua", "tôi", "toi", "bạn", "ban",
	"bị", "bi", "là", "la", "đã", "da", "rồi", "roi", "لا", "خطأ", "صحيحة", "خاطئة",
)

// findPasswords redacts values that the customer labels as a password.
func (s *scanner) findPasswords() {
	l := s.lower
	for _, at := range passwordIndex.find(l) {
		lb, p := passwordLabels[at.label], at.pos
		if labelBoundary(l, p, len(lb.text)) {
			s.passwordAfter(p+len(lb.text), lb.strict)
		}
	}
}

// labelBoundary reports whether the label at p stands as a word. Labels in
// scripts without spaces (Chinese, Japanese, Thai) need no boundary, and
// Korean or Turkish suffixes may follow a label.
func labelBoundary(l string, p, n int) bool {
	first, _ := utf8.DecodeRuneInString(l[p:])
	if !spacedScript(first) {
		return true
	}
	if p > 0 {
		if r, _ := utf8.DecodeLastRuneInString(l[:p]); spacedScript(r) && unicode.IsLetter(r) {
			return false
		}
	}
	if p+n < len(l) {
		if r, _ := utf8.DecodeRuneInString(l[p+n:]); spacedScript(r) && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// spacedScript reports letters of scripts that put spaces between words
// (not Chinese, Japanese or Thai).
func spacedScript(r rune) bool {
	return r < 0x2E80 && !(r >= 0x0E00 && r <= 0x0E7F)
}

// passwordAfter reads "[fillers] connector value" from p.
func (s *scanner) passwordAfter(p int, strict bool) {
	t, l := s.text, s.lower
	q := skipInline(l, p)
	for range 4 {
		w, e := nextWord(l, q)
		if w == "" || !pwFillers[w] {
			break
		}
		q = skipInline(l, e)
	}
	symbol, verb := false, false
	for range 2 {
		matched := false
		for _, sym := range pwSymbols {
			if strings.HasPrefix(l[q:], sym) {
				q += len(sym)
				if sym == ":" || sym == "：" || sym == "=" {
					q = skipSpace(l, q) // "Password:\n hunter2"
				} else {
					q = skipInline(l, q)
				}
				symbol, matched = true, true
				break
			}
		}
		if !matched {
			if w, e := nextWord(l, q); w != "" && pwVerbs[w] {
				q = skipInline(l, e)
				if q < len(l) && (l[q] == '\n' || l[q] == '\r') {
					q = skipSpace(l, q) // "my password is" ⏎ "Hunter2", two messages
				}
				verb, matched = true, true
			}
		}
		if !matched {
			break
		}
	}
	if strict && !symbol {
		return
	}
	if !symbol && !verb && q == p {
		return // "password123" is one word, not a label and a value
	}
	start, end := valueAt(t, q)
	if start >= end {
		return
	}
	v := l[start:end]
	runes := utf8.RuneCountInString(v)
	inner := strings.Trim(v, `"'“”‘’«»「」『』`+"`")
	if pwStopwords[inner] || strings.Trim(inner, "*x•·.#?") == "" || strings.HasPrefix(inner, "http") {
		return
	}
	var letters, digits, others int
	for _, r := range inner {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		default:
			others++
		}
	}
	rank := rankContext
	switch {
	case symbol:
		if runes < 3 {
			return
		}
	case verb:
		if runes < 4 {
			return
		}
		rank = rankMedium
	default: // bare: "password Hunter2!" needs a value that looks like one
		mixed := letters > 0 && (digits > 0 || others > 0)
		if runes < 6 || !(mixed || digits == runes) {
			return
		}
		rank = rankMedium
	}
	s.add(hit{Finding: Finding{Kind: KindPassword, Start: start, End: end}, rank: rank})
}

// skipInline skips spaces and tabs, not line breaks: a label and its
// value share a line.
func skipInline(l string, p int) int {
	for p < len(l) {
		r, size := utf8.DecodeRuneInString(l[p:])
		if r == '\n' || r == '\r' || !unicode.IsSpace(r) && !isZeroWidth(r) {
			break
		}
		p += size
	}
	return p
}

func skipSpace(l string, p int) int {
	for p < len(l) {
		r, size := utf8.DecodeRuneInString(l[p:])
		if !unicode.IsSpace(r) && !isZeroWidth(r) {
			break
		}
		p += size
	}
	return p
}

// nextWord returns the word (letters, marks and apostrophes) at p. In
// scripts without spaces it returns one character, enough to find "是".
func nextWord(l string, p int) (string, int) {
	e := p
	for e < len(l) {
		r, size := utf8.DecodeRuneInString(l[e:])
		if r >= 0x2E80 && unicode.IsLetter(r) {
			if e == p {
				e += size
			}
			break
		}
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' {
			break
		}
		e += size
	}
	return l[p:e], e
}

// valueAt returns the span of the secret value at p: a quoted string, or
// a run of characters up to white space or a character of the scripts
// that do not use spaces (so "密码是abc123，谢谢" gives "abc123").
func valueAt(t string, p int) (int, int) {
	if p >= len(t) {
		return p, p
	}
	r, size := utf8.DecodeRuneInString(t[p:])
	if closing, ok := quotePairs[r]; ok {
		if e := strings.IndexRune(t[p+size:], closing); e > 0 && e <= 128 {
			return p, p + size + e + utf8.RuneLen(closing)
		}
	}
	e := p
	for e < len(t) && e-p < 128 {
		r, size := utf8.DecodeRuneInString(t[e:])
		if unicode.IsSpace(r) || isZeroWidth(r) || r >= 0x2E80 && (unicode.IsLetter(r) || unicode.IsPunct(r)) || r >= 0x0E00 && r <= 0x0E7F {
			break
		}
		e += size
	}
	// Sentence punctuation after the value is not part of it.
	for e > p {
		r, size := utf8.DecodeLastRuneInString(t[p:e])
		if !strings.ContainsRune(".,;:?)]}\"'”’»", r) {
			break
		}
		e -= size
	}
	return p, e
}

var quotePairs = map[rune]rune{'"': '"', '\'': '\'', '“': '”', '‘': '’', '«': '»', '「': '」', '『': '』', '`': '`'}

var otpLabels = []string{
	"2fa", "2-fa", "otp", "totp", "mfa", "authenticator", "google auth", "ga code", "verification code", "verify code",
	"auth code", "authentication code", "security code", "sms code", "confirmation code", "one-time code",
	"one time code", "2-step", "two-factor", "two factor", "login code",
	"验证码", "驗證碼", "谷歌验证", "動態碼", "动态码", "校验码",
	"código de verificación", "codigo de verificacion", "código de autenticación", "código de seguridad",
	"código sms", "código de verificação", "codigo de verificacao", "código de autenticação", "código de segurança",
	"код подтверждения", "код из смс", "проверочный код", "код аутентификатора", "код из приложения", "одноразовый код",
	"код підтвердження", "код з смс", "doğrulama kodu", "dogrulama kodu", "onay kodu", "sms kodu", "güvenlik kodu",
	"mã xác thực", "mã xác minh", "mã otp", "mã 2fa", "mã sms", "code de vérification", "code de confirmation",
	"code sms", "code d'authentification", "bestätigungscode", "verifizierungscode", "sicherheitscode",
	"authentifizierungscode", "codice di verifica", "codice di sicurezza", "codice sms", "kode verifikasi",
	"kode keamanan", "kod weryfikacyjny", "kod sms", "kod potwierdzający", "kod uwierzytelniający",
	"認証コード", "確認コード", "ワンタイムパスワード", "2段階認証", "二段階認証", "인증 코드", "인증코드", "인증번호", "otp 번호",
	"رمز التحقق", "رمز التأكيد", "رمز المصادقة", "รหัสยืนยัน", "รหัส otp", "รหัส 2fa",
}

// Words that, between a label and a number, show the number is something
// else: "the verification code never came, order 1234567".
var otpBlockers = setOf(
	"order", "id", "uid", "ticket", "account", "phone", "number", "tx", "txid", "amount", "usdt", "btc", "eth", "balance",
	"case", "ref", "reference", "user", "wallet", "address", "invoice", "since", "at", "on", "after", "minutes",
	"hours", "pedido", "orden", "заказ", "номер", "sipariş", "commande", "bestellung", "ordine", "pesanan", "zamówienie",
)

// Words that may sit between a 2FA label and its code without making it
// less certain: "my 2FA code is 123456", "Google Authenticator code: ...".
var otpFree = setOf(
	"code", "codes", "is", "was", "are", "my", "the", "from", "app", "here", "it's", "its", "now", "current", "latest",
	"new", "google", "authenticator", "auth", "es", "é", "est", "ist", "è", "là", "это", "це", "mi", "el", "la", "le",
	"der", "die", "das", "de", "do", "da", "di", "du", "kod", "kodu", "kode", "código", "codigo", "codice", "mã", "код",
	"lautet", "adalah", "jest", "to", "mon", "meu", "mio", "mein", "saya", "moj", "mój", "benim",
)

// findOTPs redacts 6-8 digit codes next to a 2FA/OTP label.
func (s *scanner) findOTPs() {
	l := s.lower
	if !hasDigitRun(l, 3) {
		return
	}
	for _, at := range otpIndex.find(l) {
		lb, p := otpLabels[at.label], at.pos
		if labelBoundary(l, p, len(lb)) {
			if a, b, words := s.codeAfter(p + len(lb)); a >= 0 {
				rank := rankContext
				if words > 0 {
					rank = rankMedium
				}
				s.add(hit{Finding: Finding{Kind: KindOTP, Start: a, End: b}, rank: rank})
			} else if a, b := s.codeBefore(p); a >= 0 {
				s.add(hit{Finding: Finding{Kind: KindOTP, Start: a, End: b}, rank: rankMedium})
			}
		}
	}
}

func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// codeAfter finds a code within a short distance after the label, with at
// most four harmless words and no sentence end in between.
func (s *scanner) codeAfter(p int) (int, int, int) {
	l := s.lower
	words := 0
	for q := p; q < len(l) && q-p <= 48; {
		c := l[q]
		switch {
		case '0' <= c && c <= '9':
			if a, b := codeAt(l, q); a >= 0 {
				return a, b, words
			}
			return -1, -1, 0
		case c == '\n':
			// The code may follow on the next line ("my 2FA code is" ⏎
			// "123456"), but nothing else may.
			n := skipSpace(l, q)
			if n >= len(l) || !isDigit(l[n]) {
				return -1, -1, 0
			}
			q = n
		case c == '.' || c == '!' || c == '?' || c == ',' || c == ';':
			return -1, -1, 0
		case c < 0x80 && !isASCIIWordByte(c):
			q++
		default:
			r, size := utf8.DecodeRuneInString(l[q:])
			if r == '。' || r == '！' || r == '？' || r == '，' {
				return -1, -1, 0
			}
			if !unicode.IsLetter(r) {
				q += size
				continue
			}
			w, e := nextWord(l, q)
			if w == "" {
				q += size
				continue
			}
			if otpBlockers[w] {
				return -1, -1, 0
			}
			if r < 0x2E80 && !otpFree[w] {
				words++
				if words > 4 {
					return -1, -1, 0
				}
			}
			q = e
		}
	}
	return -1, -1, 0
}

// codeBefore finds "123456 is my 2FA code": a code ending shortly before
// the label, with at most three words between.
func (s *scanner) codeBefore(p int) (int, int) {
	l := s.lower
	lo := max(0, p-28)
	gap := l[lo:p]
	e := strings.LastIndexAny(gap, "0123456789")
	if e < 0 {
		return -1, -1
	}
	e += lo + 1
	between := l[e:p]
	if strings.ContainsAny(between, ".!?\n,;") || len(strings.Fields(between)) > 3 {
		return -1, -1
	}
	b := e
	for b > 0 && (isDigit(l[b-1]) || (l[b-1] == ' ' || l[b-1] == '-') && b > 1 && isDigit(l[b-2])) {
		b--
	}
	a, end := codeAt(l, b)
	if a < 0 || end != e {
		return -1, -1
	}
	return a, end
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// codeAt reads a 6-8 digit code at p, written whole or in up to three
// groups ("123 456", "1234-5678"), that is not part of a longer number,
// an amount or a word.
func codeAt(l string, p int) (int, int) {
	if p > 0 && (isDigit(l[p-1]) || l[p-1] == '.' || l[p-1] == ',' || l[p-1] == '$' || isASCIIWordByte(l[p-1])) {
		return -1, -1
	}
	digits, groups, q := 0, 0, p
	for {
		g := q
		for q < len(l) && isDigit(l[q]) {
			q++
		}
		if q == g {
			return -1, -1
		}
		if groups > 0 && q-g < 3 {
			q = g - 1 // not a group of this code: stop before the separator
			break
		}
		digits += q - g
		groups++
		if groups < 3 && digits < 6 && q+1 < len(l) && (l[q] == ' ' || l[q] == '-') && isDigit(l[q+1]) {
			q++
			continue
		}
		break
	}
	if digits < 6 || digits > 8 {
		return -1, -1
	}
	if q < len(l) {
		c := l[q]
		if isASCIIWordByte(c) || ((c == '.' || c == ',') && q+1 < len(l) && isDigit(l[q+1])) {
			return -1, -1
		}
		rest := strings.TrimLeft(l[q:min(len(l), q+8)], " ")
		for _, cur := range []string{"usdt", "usd", "btc", "eth", "$", "€", "руб", "tl", "eur"} {
			if strings.HasPrefix(rest, cur) {
				return -1, -1
			}
		}
	}
	return p, q
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
