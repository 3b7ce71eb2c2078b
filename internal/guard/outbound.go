package guard

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Violation is one reason to hold back an outbound message.
type Violation struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Kinds of violation.
const (
	ViolationAsksForSecret  = "asks_for_secret"
	ViolationLinkNotAllowed = "link_not_allowed"
)

// CheckOutbound checks a message that an agent or a bot is about to send.
// It reports every sentence that asks the customer for a seed phrase,
// private key, password or 2FA code (telling them never to share one is
// fine), and every link whose host is not one of allowedDomains or a
// subdomain of one. Internationalized hosts are compared in their ASCII
// form, and flagged with the look-alike they imitate when there is one.
// An empty allow-list allows no links.
func CheckOutbound(text string, allowedDomains []string) []Violation {
	lower := lowerSameLength(text)
	var out []Violation
	out = append(out, asksForSecret(text, lower)...)
	out = append(out, badLinks(text, lower, allowedDomains)...)
	return out
}

// secretClass is what a noun names; verbs that only make sense as a
// request for the strong class ("enter", "import") apply to it alone,
// since "enter your password to log in" is ordinary advice.
type secretClass uint8

const (
	classSeed secretClass = iota + 1
	classPassword
	classCode
)

type nounEntry struct {
	text  string
	class secretClass
	label string
}

var secretNouns = func() []nounEntry {
	var out []nounEntry
	add := func(class secretClass, label string, words ...string) {
		for _, w := range words {
			out = append(out, nounEntry{w, class, label})
		}
	}
	add(classSeed, "seed phrase",
		"seed phrase", "seed", "recovery phrase", "secret phrase", "mnemonic", "12-word", "12 word", "24-word", "24 word",
		"backup phrase", "wallet phrase", "recovery words", "passphrase", "wallet words", "seed words",
		"助记词", "助記詞", "恢复短语", "种子短语", "種子短語", "frase semilla", "frase de recuperación", "frase de recuperacion",
		"frase secreta", "frase de recuperação", "frase de recuperacao", "frase semente", "frase-semente", "сид-фраз",
		"сид фраз", "seed-фраз", "seed фраз", "мнемони", "фразу восстановления", "фраза восстановления", "секретную фразу",
		"сід-фраз", "сід фраз", "фразу відновлення", "kurtarma ifade", "gizli ifade", "seed ifade", "phrase de récupération",
		"phrase de recuperation", "phrase secrète", "wiederherstellungsphrase", "wiederherstellungssatz", "frase di recupero",
		"frase segreta", "frasa pemulihan", "frasa rahasia", "fraz odzyskiwania", "frazę odzyskiwania", "fraza odzyskiwania",
		"cụm từ khôi phục", "cụm từ bí mật", "シードフレーズ", "リカバリーフレーズ", "復元フレーズ", "ニーモニック", "시드 구문",
		"시드구문", "복구 구문", "니모닉", "عبارة الاسترداد", "عبارة الاسترجاع", "العبارة السرية", "วลีกู้คืน", "วลีสำรอง", "ซีดเฟรส")
	add(classSeed, "private key",
		"private key", "privkey", "keystore", "私钥", "私鑰", "clave privada", "chave privada", "приватный ключ",
		"приватного ключа", "закрытый ключ", "приватний ключ", "özel anahtar", "ozel anahtar", "clé privée", "cle privee",
		"privater schlüssel", "privaten schlüssel", "chiave privata", "kunci pribadi", "kunci privat", "klucz prywatny",
		"khóa riêng", "khoá riêng", "khóa bí mật", "秘密鍵", "개인 키", "개인키", "المفتاح الخاص", "คีย์ส่วนตัว")
	add(classPassword, "password",
		"password", "passcode", "pin", "密码", "密碼", "contraseña", "contrasena", "senha", "пароль", "пароля", "şifre",
		"sifre", "parola", "mot de passe", "passwort", "kennwort", "kata sandi", "hasło", "haslo", "mật khẩu", "パスワード",
		"비밀번호", "كلمة المرور", "كلمة السر", "รหัสผ่าน")
	add(classCode, "2FA code",
		"2fa", "otp", "authenticator", "verification code", "sms code", "security code", "one-time code", "6-digit code",
		"code from", "code you received", "code we sent", "code that you received", "auth code", "login code",
		"confirmation code", "验证码", "驗證碼", "código 2fa", "código de verificación", "codigo de verificacion",
		"código de autenticación", "código de verificação", "codigo de verificacao", "código de autenticação",
		"код 2fa", "код подтверждения", "код из", "код аутентификатора", "проверочный код", "код підтвердження", "код з",
		"doğrulama kodu", "dogrulama kodu", "2fa kodu", "sms kodu", "onay kodu", "code de vérification",
		"code de verification", "code d'authentification", "code sms", "bestätigungscode", "verifizierungscode",
		"sms-code", "codice 2fa", "codice di verifica", "codice sms", "kode 2fa", "kode verifikasi", "kode otp", "kod 2fa",
		"kod weryfikacyjny", "kod z", "kod sms", "mã 2fa", "mã xác thực", "mã xác minh", "mã otp", "認証コード", "確認コード",
		"인증 코드", "인증코드", "인증번호", "رمز التحقق", "رمز المصادقة", "รหัสยืนยัน", "รหัส otp")
	return out
}()

type verbEntry struct {
	text       string
	strongOnly bool // asks only when the secret is a seed phrase or key
}

var requestVerbs = func() []verbEntry {
	var out []verbEntry
	add := func(strong bool, words ...string) {
		for _, w := range words {
			out = append(out, verbEntry{w, strong})
		}
	}
	add(false,
		"send", "share", "tell", "give", "provide", "paste", "write", "dm", "reply with", "submit", "upload", "forward",
		"read me", "read out", "read it", "what is your", "what's your", "whats your", "what are your", "need your",
		"require your", "show me", "post", "drop", "can i have", "may i have", "can i get",
		"发送", "发给", "发我", "发一下", "告诉", "提供", "给我", "分享", "是多少", "是什么", "截图",
		"envía", "envia", "envíe", "envie", "enviar", "comparte", "compartir", "comparta", "dime", "dinos", "dígame",
		"digame", "proporciona", "proporcione", "facilita", "escribe", "escriba", "cuál es", "cual es", "necesito",
		"necesitamos", "pega", "mande", "manda", "compartilhe", "compartilhar", "diga", "informe", "forneça", "forneca",
		"passe", "me passa", "qual é", "qual e", "precisamos", "пришлите", "пришли", "отправьте", "отправь", "сообщите",
		"сообщи", "скажите", "скажи", "назовите", "назови", "предоставьте", "дайте", "напишите", "напиши", "продиктуйте",
		"какой у вас", "какой ваш", "какая у вас", "надішліть", "надішли", "надіслати", "повідомте", "скажіть",
		"назвіть", "напишіть", "який ваш", "яка ваша", "gönder", "gonder", "paylaşın", "paylaş", "paylasin", "söyle",
		"soyle", "iletin", "ilet", "verin", "yazın", "yazin", "nedir", "envoyez", "envoie", "envoyer", "partagez",
		"partager", "donnez", "donne", "communiquez", "indiquez", "dites", "écrivez", "ecrivez", "quel est", "fournissez",
		"transmettez", "senden", "schicken", "schick", "teilen", "nennen", "geben", "mitteilen", "sagen", "wie lautet",
		"übermitteln", "schreiben", "invia", "inviaci", "inviami", "inviare", "mandaci", "condividi", "condividere",
		"dimmi", "dicci", "comunica", "fornisci", "qual è", "scrivi", "kirim", "kirimkan", "bagikan", "berikan",
		"beri tahu", "beritahu", "sebutkan", "tuliskan", "apa", "wyślij", "wyslij", "prześlij", "przeslij", "podaj",
		"udostępnij", "powiedz", "jakie jest", "jaki jest", "napisz", "gửi", "cung cấp", "cho tôi", "cho chúng tôi", "nói",
		"chia sẻ", "là gì", "đọc", "送って", "送信して", "教えて", "お知らせ", "提供して", "共有して", "보내", "알려", "공유",
		"제공", "말씀해", "불러", "أرسل", "ارسل", "شارك", "أخبرني", "اخبرني", "أعطني", "زودنا", "ما هي", "ما هو", "اكتب",
		"ส่ง", "บอก", "แจ้ง", "แชร์", "คืออะไร")
	add(true,
		"enter", "type", "input", "import", "fill in", "confirm", "verify", "validate", "sync", "connect", "restore",
		"输入", "填写", "导入", "introduce", "ingrese", "ingresa", "digite", "введите", "введи", "введіть", "girin",
		"saisissez", "eingeben", "inserisci", "masukkan", "wpisz", "nhập", "入力", "입력", "أدخل", "กรอก", "พิมพ์")
	return out
}()

var negations = []string{
	"never", "don't", "do not", "dont", "doesn't", "does not", "won't", "will not", "wont", "shouldn't", "should not",
	"must not", "mustn't", "nobody", "no one", "no-one", "under no circumstances", "not ", "nor ", "refuse",
	"不要", "切勿", "请勿", "請勿", "绝不", "絕不", "永远不会", "永遠不會", "不会", "不會", "不得", "别", "勿",
	"nunca", "jamás", "jamas", "ningún", "ningun", "no ", "não", "nao ", "jamais", "никогда", "нельзя", "ни в коем",
	"никому", "не ", "ніколи", "нікому", "asla", "hiçbir", "hicbir", "mayın", "meyin", "mayin", "meyiniz", "mayınız",
	"ne ", "n'", "niemals", "nie ", "nicht", "kein", "mai ", "non ", "jangan", "tidak pernah", "tidak akan",
	"tak pernah", "nigdy", "không bao giờ", "đừng", "không được", "không nên", "tuyệt đối không", "しないで", "ないで",
	"絶対に", "決して", "ことはありません", "절대", "마세요", "않습니다", "않아요", "하지 마", "لا ", "لن ", "أبدا", "أبدًا",
	"ไม่", "อย่า", "ห้าม", "cannot", "can't", "can not",
}

// Turkish negates inside the verb: "paylaşmayın" (do not share).
var negationSuffixes = []string{"mayın", "meyin", "mayin", "meyiniz", "mayınız", "mayiniz", "maz ", "mez "}

// Questions about what already happened ask nothing: "did you share your
// seed phrase with anyone?"
var pastQuestions = []string{
	"did you", "have you", "had you", "has anyone", "did anyone", "were you", "has someone", "did someone",
	"avez-vous", "haben sie", "hast du", "você já", "voce ja", "has compartido", "¿has", "вы кому-нибудь", "вы сообщали",
	"вы отправляли", "ви комусь", "czy ktoś", "czy podałeś", "apakah anda pernah", "bạn đã", "您是否", "你是否", "有没有",
}

// Phrases that contain a negation word without negating the request.
var fakeNegations = []string{
	"don't hesitate", "do not hesitate", "don't forget", "do not forget", "don't worry", "do not worry", "not sure",
	"if not", "not yet", "no problem", "no worries", "no need to worry", "if you don't", "if you do not", "unless",
	"no dude", "não se preocupe", "no se preocupe", "no dude en", "n'hésitez pas", "не волнуйтесь", "не переживайте",
	"не стесняйтесь", "nie martw", "non esitare", "不用担心", "别担心",
}

// Words that warn about scams: a sentence about them describes a request
// rather than making one ("if anyone asks for your seed phrase, it is a
// scam").
var scamWords = []string{
	"scam", "fraud", "phishing", "impersonat", "fake", "beware", "anyone who", "if someone", "if anyone", "someone asks",
	"estafa", "fraude", "golpe", "мошенни", "шахра", "dolandırıcı", "dolandirici", "lừa đảo", "arnaque", "escroc",
	"betrug", "truffa", "penipu", "oszust", "詐欺", "사기", "诈骗", "骗子", "騙", "احتيال", "หลอกลวง", "มิจฉาชีพ",
}

// Words that, between a verb and a secret, show the secret is not the
// verb's object: "tell me when you have changed your password".
var clauseBreaks = []string{
	" when ", " once ", " after ", " if ", " whether ", " whenever ", " cuando ", " quand ", " wenn ", " когда ",
	" коли ", " quando ", " khi ", " kiedy ", " ketika ", " sobald ", " dès que ",
}

type span struct{ start, end int }

// sentences splits text into sentences and lines; a period counts only
// when followed by a space or the end, so domains stay whole.
func sentences(lower string) []span {
	var out []span
	start := 0
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		end := false
		switch r {
		case '\n', '!', '?', ';', '。', '！', '？', '；':
			end = true
		case '.':
			end = i+1 >= len(lower) || lower[i+1] == ' ' || lower[i+1] == '\n'
		}
		i += size
		if end {
			out = append(out, span{start, i})
			start = i
		}
	}
	if start < len(lower) {
		out = append(out, span{start, len(lower)})
	}
	return out
}

func asksForSecret(text, lower string) []Violation {
	var out []Violation
	for _, sp := range sentences(lower) {
		sent := lower[sp.start:sp.end]
		if containsAny(sent, scamWords) || containsAny(sent, pastQuestions) || negated(sent) {
			continue
		}
		if n, ok := requestIn(sent); ok {
			a, b := trimSpan(text, sp.start, sp.end)
			out = append(out, Violation{
				Kind:   ViolationAsksForSecret,
				Detail: fmt.Sprintf("This message asks the customer for their %s. Support never asks for one; rephrase the message.", n.label),
				Start:  a, End: b,
			})
		}
	}
	return out
}

func negated(sent string) bool {
	padded := " " + sent + " "
	for _, f := range fakeNegations {
		padded = strings.ReplaceAll(padded, f, strings.Repeat("_", len(f)))
	}
	for _, n := range negations {
		if indexWord(padded, n, false) >= 0 {
			return true
		}
	}
	for _, n := range negationSuffixes {
		if strings.Contains(padded, n) {
			return true
		}
	}
	return false
}

// indexWord finds w in s where it starts a word (for scripts that put
// spaces between words) and, if whole is set, also ends one, allowing a
// few attached pronouns ("envíame", "inviaci").
func indexWord(s, w string, whole bool) int { return indexWordFrom(s, w, 0, whole) }

// indexWordFrom is indexWord starting the search at from.
func indexWordFrom(s, w string, from int, whole bool) int {
	first, _ := utf8.DecodeRuneInString(w)
	spaced := unicode.IsLetter(first) && first < 0x2E80 && !(first >= 0x0E00 && first <= 0x0E7F)
	for off := from; off < len(s); {
		p := strings.Index(s[off:], w)
		if p < 0 {
			return -1
		}
		p += off
		off = p + 1
		if !spaced {
			return p
		}
		if p > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:p]); unicode.IsLetter(r) {
				continue
			}
		}
		if whole {
			rest := s[p+len(w):]
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) && !hasAttachedPronoun(rest) {
				continue
			}
		}
		return p
	}
	return -1
}

func hasAttachedPronoun(rest string) bool {
	for _, suf := range []string{"me", "nos", "ci", "mi", "lo", "la", "le", "kan"} {
		if strings.HasPrefix(rest, suf) {
			r, _ := utf8.DecodeRuneInString(rest[len(suf):])
			if !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// requestIn finds a secret noun with a request verb within a short
// distance of it, on either side (Japanese and Korean put the verb last).
func requestIn(sent string) (nounEntry, bool) {
	for _, n := range secretNouns {
		for off := 0; off < len(sent); {
			p := indexWordFrom(sent, n.text, off, len(n.text) <= 5)
			if p < 0 {
				break
			}
			off = p + 1
			for _, v := range requestVerbs {
				if v.strongOnly && n.class != classSeed {
					continue
				}
				if verbNear(sent, v.text, p, p+len(n.text)) {
					return n, true
				}
			}
		}
	}
	return nounEntry{}, false
}

func verbNear(sent, verb string, ns, ne int) bool {
	const reach = 60
	lo, hi := max(0, ns-reach), min(len(sent), ne+reach)
	for off := lo; off < hi; {
		p := indexWordFrom(sent, verb, off, true)
		if p < 0 || p >= hi {
			return false
		}
		off = p + 1
		if p < ne && p+len(verb) > ns {
			continue // inside the noun itself
		}
		var between string
		if p < ns {
			between = sent[p+len(verb) : ns]
		} else {
			between = sent[ne:p]
		}
		if containsAny(" "+between+" ", clauseBreaks) {
			continue
		}
		return true
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func trimSpan(text string, a, b int) (int, int) {
	for a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t' || text[a] == '\r') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\n' || text[b-1] == '\t' || text[b-1] == '\r') {
		b--
	}
	return a, b
}

// Top-level domains that a bare "name.tld" must end in to count as a link
// (a scheme or "www." makes anything a link).
var linkTLDs = setOf(
	"com", "net", "org", "io", "app", "xyz", "info", "biz", "uk", "de", "fr", "ru", "cn", "jp", "kr",
	"br", "es", "pl", "tr", "vn", "th", "ua", "ar", "link", "site", "online", "top", "live", "pro",
	"finance", "exchange", "wallet", "support", "help", "page", "dev", "tech", "cc", "tv", "to", "ly", "gg", "ai",
	"club", "shop", "store", "cloud", "eu", "ch", "nl", "se", "fi", "dk", "cz", "pt", "gr", "ro",
	"hu", "sg", "hk", "tw", "ph", "ae", "sa", "eg", "mx", "cl", "pe", "ca", "au", "nz", "za", "ng", "ke",
	"network", "digital", "money", "cash", "trade", "market", "capital", "fund", "bank", "claims", "gift",
	"click", "buzz", "icu", "vip", "one", "world", "today", "space", "website", "tk", "ml", "ga", "cf", "gq", "ws",
	"su", "kz", "by", "ir", "pk", "bd", "lk", "np", "mn", "uz", "az", "ge", "il", "qa", "kw", "om",
)

type link struct {
	start, end int
	host       string
}

// findLinks finds URLs with a scheme, "www." hosts and bare domain names.
func findLinks(text, lower string) []link {
	var out []link
	isDelim := func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("<>()[]{}\"'`|，。、「」（）【】《》！？；：", r)
	}
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if isDelim(r) {
			i += size
			continue
		}
		j := i
		for j < len(lower) {
			r2, s2 := utf8.DecodeRuneInString(lower[j:])
			if isDelim(r2) {
				break
			}
			j += s2
		}
		chunk := lower[i:j]
		start, end := i, j
		i = j
		for end > start && strings.ContainsRune(".,;:!?", rune(lower[end-1])) {
			end--
		}
		chunk = lower[start:end]
		if strings.Contains(chunk, "@") && !strings.Contains(chunk, "://") {
			continue // an e-mail address, not a link
		}
		var host string
		switch {
		case strings.Contains(chunk, "://"):
			k := strings.Index(chunk, "://")
			start += k - schemeLen(chunk[:k])
			u, err := url.Parse(text[start:end])
			if err != nil || u.Host == "" {
				host = hostPart(chunk[k+3:])
			} else {
				host = strings.ToLower(u.Hostname())
			}
		case strings.HasPrefix(chunk, "www."):
			host = hostPart(chunk)
		default:
			h := hostPart(chunk)
			if !looksLikeDomain(h, strings.ContainsAny(chunk, "/?#")) {
				continue
			}
			host = h
		}
		host = strings.TrimSuffix(host, ".")
		if host != "" {
			out = append(out, link{start, end, host})
		}
	}
	return out
}

// schemeLen is the length of the scheme letters just before "://".
func schemeLen(s string) int {
	n := 0
	for n < len(s) && isASCIIWordByte(s[len(s)-1-n]) {
		n++
	}
	return n
}

func hostPart(s string) string {
	if k := strings.IndexAny(s, "/?#"); k >= 0 {
		s = s[:k]
	}
	if k := strings.LastIndexByte(s, '@'); k >= 0 {
		s = s[k+1:]
	}
	if k := strings.LastIndexByte(s, ':'); k >= 0 && !strings.Contains(s[k:], "]") {
		s = s[:k]
	}
	return s
}

func looksLikeDomain(h string, hasPath bool) bool {
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsMark(r))) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	switch {
	case linkTLDs[tld], idnTLDs[tld], strings.HasPrefix(tld, "xn--"):
		return true
	case wordTLDs[tld]:
		return hasPath
	}
	return false
}

// Country domains that are also short words ("hi.my", "log.in"): a bare
// name in them counts as a link only with a path after it.
var wordTLDs = setOf("my", "in", "it", "to", "me", "at", "no", "be", "am", "id", "is", "so", "do", "us", "as", "co")

var idnTLDs = setOf("рф", "укр", "бел", "рус", "онлайн", "сайт", "орг", "ком", "中国", "中國", "香港", "台湾", "台灣", "公司",
	"网络", "網絡", "한국", "ไทย", "مصر", "السعودية", "امارات")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func badLinks(text, lower string, allowed []string) []Violation {
	links := findLinks(text, lower)
	if len(links) == 0 {
		return nil
	}
	allow := make([]string, 0, len(allowed))
	for _, a := range allowed {
		a = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(a)), "*."), ".")
		if a == "" {
			continue
		}
		if ascii, err := hostToASCII(norm.NFKC.String(a)); err == nil {
			a = ascii
		}
		allow = append(allow, a)
	}
	var out []Violation
	for _, l := range links {
		host := norm.NFKC.String(l.host)
		ascii, err := hostToASCII(host)
		if err != nil {
			ascii = host
		}
		if domainAllowed(ascii, allow) {
			continue
		}
		out = append(out, Violation{Kind: ViolationLinkNotAllowed, Detail: linkDetail(ascii, allow), Start: l.start, End: l.end})
	}
	return out
}

func domainAllowed(host string, allow []string) bool {
	for _, a := range allow {
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

func linkDetail(ascii string, allow []string) string {
	uni := hostToUnicode(ascii)
	var b strings.Builder
	if uni != ascii {
		fmt.Fprintf(&b, "The link goes to %q (an internationalized domain, really %q), which is not on the allow-list.", uni, ascii)
	} else {
		fmt.Fprintf(&b, "The link goes to %q, which is not on the allow-list.", ascii)
	}
	if like := lookalike(uni, allow); like != "" {
		fmt.Fprintf(&b, " It imitates %q: likely phishing.", like)
	}
	if len(allow) == 0 {
		b.WriteString(" No domains are allowed for links.")
	}
	return b.String()
}

// lookalike returns the allowed domain that host imitates: the same
// after folding look-alike characters, one letter off, or the allowed
// name inside another domain ("binance.com.login-verify.io").
func lookalike(host string, allow []string) string {
	hs := skeleton(host)
	for _, a := range allow {
		as := skeleton(a)
		switch {
		case hs == as || strings.HasSuffix(hs, "."+as):
			return a
		case strings.Contains(hs, as) || strings.Contains(hs, strings.TrimSuffix(as, tldOf(as))):
			return a
		case withinOneEdit(registrable(hs), registrable(as)):
			return a
		}
	}
	return ""
}

func tldOf(h string) string {
	if k := strings.LastIndexByte(h, '.'); k >= 0 {
		return h[k:]
	}
	return ""
}

func registrable(h string) string {
	labels := strings.Split(h, ".")
	if len(labels) >= 2 {
		return labels[len(labels)-2] + "." + labels[len(labels)-1]
	}
	return h
}

// skeleton folds a host name to the letters it looks like: accents off,
// Cyrillic and Greek look-alikes to Latin, 0 to o, 1 to l, rn to m.
func skeleton(h string) string {
	var b []byte
	latin := false
	for i := 0; i < len(h); {
		r, size := utf8.DecodeRuneInString(h[i:])
		b, latin = appendRuneKey(b, h[i:i+size], r, latin)
		i += size
	}
	s := string(b)
	s = strings.NewReplacer("0", "o", "1", "l", "rn", "m", "vv", "w", "ı", "i").Replace(s)
	return s
}
