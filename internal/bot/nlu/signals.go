package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Signal cues are ways customers say a thing, per language; a cue matches
// at the start of a word of the lower-cased, diacritic-free text (so
// "hacke" matches "hacked" and "hacker"), or anywhere for scripts written
// without spaces. All languages' cues apply to every message, since
// customers mix languages. These lists are knowledge, not tuning.
type cueSet map[string][]string

// compromisedCues: someone else is in the account or took the funds.
var compromisedCues = cueSet{
	"en": {"hacked", "hacker", "got hack", "been hack", "stolen", "stole ", "stealing", "unauthori", "drained", "draining", "someone is withdrawing", "someone is taking", "someone logged", "someone accessed", "someone withdrew", "someone changed my", "wasn't me", "was not me", "not me who", "i didn't make", "i did not make", "account takeover", "taken over"},
	"ru": {"взлом", "взломал", "украл", "украден", "кража", "не я ", "был не я", "кто-то зашел", "кто-то вывел", "кто-то сменил", "увели", "слили"},
	"uk": {"злам", "вкрал", "вкрадено", "крадіжк", "хтось зайшов", "хтось вивів", "хтось змінив", "це був не я"},
	"es": {"hacke", "jacke", "robaron", "robado", "robo ", "alguien entro", "alguien retiro", "alguien cambio", "no fui yo", "no autoriz", "vaciaron"},
	"pt": {"hacke", "hackea", "roubaram", "roubado", "roubo ", "invadi", "alguem entrou", "alguem sacou", "alguem trocou", "nao fui eu", "nao autoriz"},
	"fr": {"pirate", "piratage", "vole ", "volé", "on m'a vole", "quelqu'un s'est connecte", "quelqu'un a retire", "quelqu'un a change", "ce n'etait pas moi", "non autoris", "vide mon compte"},
	"de": {"gehackt", "hacker", "gestohlen", "geklaut", "jemand hat sich", "jemand hat mein", "jemand hat alles", "das war ich nicht", "nicht autorisiert", "unbefugt", "leergeraumt"},
	"it": {"hackerat", "hackerato", "rubato", "rubati", "furto", "qualcuno e entrato", "qualcuno ha prelevato", "qualcuno ha cambiato", "non ero io", "non autorizzat", "svuotato"},
	"pl": {"zhakowa", "włam", "wlam", "ukradl", "ukradzion", "kradziez", "ktos zalogowal", "ktos wyplacil", "ktos zmienil", "to nie bylem ja", "nieautoryzowan"},
	"tr": {"hacklen", "hack", "calindi", "caldilar", "calinti", "biri hesabima", "biri girdi", "ben degildim", "izinsiz", "yetkisiz", "bosaltildi"},
	"id": {"diretas", "di-hack", "dihack", "kena hack", "dicuri", "kecurian", "seseorang masuk", "seseorang menarik", "seseorang mengganti", "bukan saya", "tanpa izin", "dikuras"},
	"vi": {"bi hack", "hack", "danh cap", "bi trom", "trom mat", "co nguoi dang nhap", "co nguoi rut", "ai do da doi", "khong phai toi", "khong phai la toi", "bi lay mat"},
	"ar": {"اختراق", "اخترق", "تم اختراق", "هكر", "سرق", "سرقة", "شخص دخل", "شخص سحب", "لم يكن انا", "لم أكن أنا", "دون اذن"},
	"zh": {"被盗", "盗号", "被黑", "黑客", "被偷", "偷走", "不是我操作", "不是我本人", "不是我", "被人登录", "被转走", "被提走"},
	"ja": {"ハッキング", "乗っ取", "盗まれ", "不正ログイン", "不正アクセス", "身に覚えのない", "私ではない", "勝手に出金"},
	"ko": {"해킹", "도난", "도둑맞", "털렸", "제가 아니", "제가 하지 않은", "무단", "누가 제 계정"},
	"th": {"โดนแฮก", "ถูกแฮก", "แฮก", "ถูกขโมย", "โดนขโมย", "ไม่ใช่ฉัน", "มีคนเข้าบัญชี", "มีคนถอน"},
}

// scamCues: a scam already done (the customer says they were scammed,
// fell for a fake payment, gave away a seed phrase) or a large loss in
// words (savings, salary, everything). Money sent to someone posing as
// staff is impostorCues with sentCues.
var scamCues = cueSet{
	"en": {"scammed", "got scammed", "been scammed", "gave my seed", "shared my seed", "fake payment", "fake receipt", "fake screenshot", "life savings", "all my savings", "my savings", "entire savings", "whole savings", "all my money", "everything i had", "lost everything", "my salary", "payroll"},
	"ru": {"обманули", "развели", "мошенники украли", "фейковый чек", "поддельный чек", "сбережения", "все мои деньги", "все деньги", "всю зарплату", "зарплат", "потерял все"},
	"uk": {"ошукали", "обдурили", "фейковий чек", "заощадження", "всі мої гроші", "зарплат", "втратив усе"},
	"es": {"me estafaron", "estafado", "fui estafad", "comprobante falso", "pago falso", "ahorros", "todo mi dinero", "mi sueldo", "perdi todo"},
	"pt": {"cai num golpe", "cai em golpe", "levei um golpe", "fui enganad", "dei minha frase", "comprovante falso", "pagamento falso", "economias", "todo meu dinheiro", "meu salario", "perdi tudo"},
	"fr": {"arnaque", "je me suis fait avoir", "escroque", "donne ma phrase", "faux paiement", "faux justificatif", "economies", "tout mon argent", "mon salaire", "tout perdu"},
	"de": {"betrogen", "abgezockt", "reingelegt", "seed phrase gegeben", "gefalschte zahlung", "fake zahlung", "ersparnisse", "mein ganzes geld", "gehalt", "alles verloren"},
	"it": {"truffato", "truffata", "sono stato fregato", "pagamento falso", "ricevuta falsa", "risparmi", "tutti i miei soldi", "stipendio", "perso tutto"},
	"pl": {"oszukali", "oszukany", "oszukana", "falszywe potwierdzenie", "oszczednosci", "wszystkie pieniadze", "stracilem wszystko"},
	"tr": {"dolandirildim", "dolandirildi", "kandirildim", "kelimelerimi verdim", "sahte dekont", "sahte odeme", "birikim", "butun param", "tum param", "maasim", "her seyimi kaybettim"},
	"id": {"ditipu", "tertipu", "kena tipu", "bukti palsu", "tabungan", "semua uang saya", "gaji saya", "kehilangan semua"},
	"vi": {"bi lua", "bien lai gia", "tiet kiem", "tat ca tien", "luong cua toi", "mat het"},
	"ar": {"تعرضت للاحتيال", "نصبوا علي", "احتالوا", "إيصال مزور", "مدخرات", "كل أموالي", "كل اموالي", "راتبي", "خسرت كل"},
	"zh": {"被骗", "上当", "告诉了他助记词", "假截图", "假付款", "积蓄", "所有的钱", "全部的钱", "工资", "全亏了", "亏光"},
	"ja": {"騙され", "だまされ", "教えてしまった", "偽の振込", "貯金", "全財産", "給料", "全部失"},
	"ko": {"사기당", "속았", "알려줬", "가짜 입금", "저축", "전 재산", "월급", "전부 잃", "다 잃"},
	"th": {"โดนโกง", "ถูกโกง", "โดนหลอก", "ถูกหลอก", "สลิปปลอม", "เงินเก็บ", "เงินทั้งหมด", "เงินเดือน", "หมดตัว"},
}

// impostorCues: someone posing as the exchange's staff.
var impostorCues = cueSet{
	"en": {"pretending to be", "pretended to be", "claiming to be", "claimed to be", "posing as", "fake support", "fake agent", "fake admin", "said he was from", "said they were from", "called himself", "'support", "\"support", "safe wallet", "secure wallet", "so-called support"},
	"ru": {"назвался", "представился", "представились", "якобы поддержк", "фейковая поддержка", "лже-поддержк", "выдавал себя", "безопасный кошел"},
	"uk": {"назвався", "представився", "нібито підтримк", "фейкова підтримка", "видавав себе", "безпечний гаман"},
	"es": {"se hizo pasar", "haciendose pasar", "falso soporte", "falso agente", "dijo ser", "decia ser", "billetera segura", "cartera segura"},
	"pt": {"se passando", "se passou por", "falso suporte", "falso atendente", "dizendo ser", "disse ser", "carteira segura"},
	"fr": {"se faisant passer", "s'est fait passer", "faux support", "faux conseiller", "pretendait etre", "portefeuille securise"},
	"de": {"gab sich als", "gibt sich als", "angeblich vom support", "falscher support", "falscher mitarbeiter", "sichere wallet"},
	"it": {"fingendosi", "si e finto", "finto supporto", "finto operatore", "diceva di essere", "wallet sicuro", "portafoglio sicuro"},
	"pl": {"podszywal", "podszywajac", "falszywy konsultant", "falszywy support", "podal sie za", "bezpieczny portfel"},
	"tr": {"kendini destek", "destek ekibi oldugunu", "sahte destek", "sahte temsilci", "calisani oldugunu", "guvenli cuzdan"},
	"id": {"mengaku", "ngaku", "cs palsu", "admin palsu", "agen palsu", "dompet aman"},
	"vi": {"tu xung", "gia danh", "gia lam", "ho tro gia", "nhan vien gia", "vi an toan"},
	"ar": {"ادعى", "يدعي", "انتحل", "ينتحل", "دعم مزيف", "موظف مزيف", "محفظة آمنة"},
	"zh": {"冒充", "自称", "假客服", "假冒", "安全钱包"},
	"ja": {"名乗る", "名乗って", "偽のサポート", "偽サポート", "偽の担当", "安全なウォレット"},
	"ko": {"사칭", "라고 하는", "가짜 상담원", "가짜 고객센터", "안전한 지갑"},
	"th": {"อ้างว่าเป็น", "อ้างเป็น", "แอดมินปลอม", "เจ้าหน้าที่ปลอม", "กระเป๋าที่ปลอดภัย"},
}

// sentCues: the customer already sent money or secrets.
var sentCues = cueSet{
	"en": {"i sent", "i transferred", "i paid", "i gave", "i shared", "i told them", "already sent", "already paid", "i entered my seed"},
	"ru": {"отправил", "отправила", "перевел", "перевела", "оплатил", "скинул", "сказал им", "сообщил"},
	"uk": {"відправив", "відправила", "переказав", "переказала", "оплатив", "сказав їм"},
	"es": {"envie", "transferi", "pague", "les di", "le di", "le pase", "les pase"},
	"pt": {"enviei", "transferi", "paguei", "passei", "mandei", "dei a"},
	"fr": {"j'ai envoye", "j'ai transfere", "j'ai paye", "j'ai donne", "je leur ai"},
	"de": {"ich habe", "uberwiesen", "geschickt", "gesendet", "bezahlt"},
	"it": {"ho inviato", "ho mandato", "ho trasferito", "ho pagato", "gli ho dato"},
	"pl": {"wyslalem", "wyslalam", "przelalem", "przelalam", "zaplacilem", "podalem"},
	"tr": {"gonderdim", "yolladim", "transfer ettim", "odedim", "verdim"},
	"id": {"sudah kirim", "saya kirim", "saya transfer", "sudah transfer", "sudah bayar", "saya kasih", "saya berikan"},
	"vi": {"da chuyen", "da gui", "da dua", "da nap cho", "minh chuyen", "toi chuyen", "toi gui"},
	"ar": {"ارسلت", "أرسلت", "حولت", "دفعت", "اعطيت", "أعطيت"},
	"zh": {"转了", "转给", "付了", "给了他", "打了", "发给"},
	"ja": {"送ってしまい", "送金した", "送金しました", "送りました", "払いました", "教えました"},
	"ko": {"보냈", "송금했", "이체했", "알려줬"},
	"th": {"โอนไปแล้ว", "โอนไป", "จ่ายไปแล้ว", "ให้ไปแล้ว"},
}

// distressCues: panic, despair, fear (not a mere "help" or "urgent",
// which ordinary requests say too).
var distressCues = cueSet{
	"en": {"help!!", "desperate", "panic", "scared", "terrified", "crying", "kill myself", "suicide", "ruined", "i'm begging", "i beg", "going crazy", "freaking out", "nightmare", "i can't breathe", "heart attack"},
	"ru": {"паник", "в отчаянии", "умоляю", "боюсь", "плачу", "покончу с собой", "кошмар", "караул", "схожу с ума"},
	"uk": {"панік", "у відчаї", "благаю", "боюся", "плачу", "жах"},
	"es": {"desesperad", "panico", "tengo miedo", "llorando", "por favor por favor", "me quiero morir", "suicid", "socorro"},
	"pt": {"socorro", "desesperad", "panico", "estou com medo", "chorando", "pelo amor de deus", "suicid"},
	"fr": {"au secours", "desespere", "panique", "j'ai peur", "je pleure", "je vous en supplie", "suicid"},
	"de": {"verzweifelt", "panik", "ich habe angst", "weine", "bitte bitte", "selbstmord"},
	"it": {"disperat", "panico", "ho paura", "piango", "vi prego", "vi supplico", "suicid"},
	"pl": {"zrozpaczon", "panik", "boje sie", "placze", "blagam", "samobojst"},
	"tr": {"imdat", "caresiz", "panik", "korkuyorum", "agliyorum", "yalvariyorum", "intihar"},
	"id": {"putus asa", "panik", "takut sekali", "menangis", "saya mohon", "bunuh diri"},
	"vi": {"cuu toi", "tuyet vong", "hoang loan", "so qua", "dang khoc", "tu tu"},
	"ar": {"النجدة", "يائس", "خائف", "أبكي", "ابكي", "أرجوكم", "ارجوكم", "انتحار"},
	"zh": {"救命", "求求", "绝望", "崩溃", "害怕", "哭了", "不想活", "自杀"},
	"ja": {"助けて", "絶望", "パニック", "怖い", "泣いて", "死にたい"},
	"ko": {"살려", "절망", "패닉", "무서워", "울고", "죽고 싶"},
	"th": {"ช่วยด้วย", "สิ้นหวัง", "ตกใจมาก", "กลัวมาก", "ร้องไห้", "ขอร้อง", "ฆ่าตัวตาย"},
}

// humanCues: asking for a person.
var humanCues = cueSet{
	"en": {"human", "real person", "live person", "live agent", "an agent", "real agent", "to an agent", "operator", "speak to someone", "talk to someone", "speak with someone", "talk to a person", "speak to a person", "representative", "not a bot", "no bot", "stop the bot", "call me", "connect me to support"},
	"ru": {"с человеком", "живой человек", "живым человеком", "живого человека", "нужен человек", "дайте человека", "позовите человека", "оператор", "с сотрудником", "не бот", "без бота", "позвоните мне"},
	"uk": {"з людиною", "жива людина", "живою людиною", "живу людину", "потрібна людина", "оператор", "зі співробітником", "не бот"},
	"es": {"humano", "persona real", "un agente", "operador", "asesor", "hablar con alguien", "no quiero un bot", "no quiero bot", "con una persona"},
	"pt": {"humano", "pessoa real", "atendente", "um agente", "operador", "falar com alguem", "nao quero robo", "nao quero bot", "com uma pessoa"},
	"fr": {"humain", "vraie personne", "un conseiller", "un agent", "operateur", "parler a quelqu'un", "pas de robot", "pas un robot", "service client"},
	"de": {"mensch", "echte person", "echten person", "mit einem mitarbeiter", "einen mitarbeiter", "berater", "agenten", "keinen bot", "kein bot"},
	"it": {"umano", "persona vera", "persona reale", "operatore", "un agente", "parlare con qualcuno", "non voglio un bot", "assistenza clienti"},
	"pl": {"człowiek", "czlowiek", "czlowiekiem", "konsultant", "prawdziw", "żywy", "zywy", "nie chce bota", "obsluga klienta", "obsługa klienta"},
	"tr": {"insanla", "gercek bir kisi", "temsilciye", "temsilciyle", "canli destek", "bot istemiyorum", "musteri hizmetleriyle", "yetkiliyle"},
	"id": {"manusia", "orang sungguhan", "orang asli", "ke agen", "dengan agen", "operator", "tidak mau bot", "bukan bot"},
	"vi": {"nguoi that", "gap nhan vien", "noi chuyen voi nhan vien", "tu van vien", "tong dai vien", "khong muon bot", "gap nguoi", "nguoi ho tro truc tiep"},
	"ar": {"انسان", "إنسان", "شخص حقيقي", "مع موظف", "إلى موظف", "الى موظف", "وكيل دعم", "لا أريد روبوت", "لا اريد روبوت"},
	"zh": {"人工", "真人", "客服人员", "转人工", "活人", "不要机器人"},
	"ja": {"人と話", "オペレーター", "担当者と", "担当者をお願い", "有人対応", "人間", "ボットは嫌", "ボットではなく"},
	"ko": {"상담원", "상담사", "사람이랑", "사람과", "진짜 사람", "실제 상담", "봇 말고", "고객센터"},
	"th": {"คุยกับคน", "ขอเจ้าหน้าที่", "ขอสายเจ้าหน้าที่", "คุยกับเจ้าหน้าที่", "คนจริง", "ไม่เอาบอท"},
}

// foldedCues is a cue set folded like the text it is matched against.
type foldedCues []string

func (c cueSet) folded() foldedCues {
	var out foldedCues
	for _, list := range c {
		for _, cue := range list {
			out = append(out, foldMarks(strings.ToLower(cue)))
		}
	}
	return out
}

// signalCues are the cue sets, folded once.
type signalCues struct {
	compromised, scam, impostor, sent, distress, human foldedCues
}

func newSignalCues() *signalCues {
	return &signalCues{compromisedCues.folded(), scamCues.folded(), impostorCues.folded(), sentCues.folded(),
		distressCues.folded(), humanCues.folded()}
}

// lossThreshold is the sum, in dollars or the stablecoins that track them,
// from which a loss is high stakes: money handed to a fraudster counts
// from a smaller sum than money that is late.
func lossThreshold(intent string) float64 {
	switch intent {
	case IntentP2PDispute:
		return 2000
	}
	return 10000
}

// cueHits are the cues a message carries.
type cueHits struct {
	compromised, scam, impostor, distress, human bool
	// humanFirst: the request for a person opens the message, which is
	// then mainly that request.
	humanFirst bool
}

func (sc *signalCues) hits(text string) cueHits {
	t := foldMarks(strings.ToLower(text))
	return cueHits{
		compromised: hasCue(t, sc.compromised),
		// A scam in progress: named as such, or money or secrets already
		// given to someone posing as staff.
		scam:       hasCue(t, sc.scam) || hasCue(t, sc.impostor) && hasCue(t, sc.sent),
		distress:   hasCue(t, sc.distress) || shouting(text),
		human:      hasCue(t, sc.human),
		humanFirst: leadingCue(t, sc.human),
	}
}

// leadingCue reports whether a cue starts within the first third of t or
// its first 40 bytes.
func leadingCue(t string, cues foldedCues) bool {
	at := cueAt(t, cues)
	return at >= 0 && (at < 40 || at < len(t)/3)
}

// highStakes decides from the cues, the final intent and its confidence,
// and the amounts: someone else in the account, a scam that already took
// money or secrets, or a large sum lost.
func (h cueHits) highStakes(intent string, confidence, sum float64) bool {
	switch {
	case h.compromised || h.scam:
		return true
	case intent == IntentAccountCompromised && confidence >= 0.3:
		return true
	case lossIntent(intent) && sum >= lossThreshold(intent):
		return true
	}
	return false
}

// lossIntent: the intents where a large sum makes the case high stakes.
// (A phishing report names sums the impostor asks for; money already sent
// shows in the scam cues instead.)
func lossIntent(intent string) bool {
	switch intent {
	case IntentDepositMissing, IntentWithdrawalDelayed, IntentP2PDispute, IntentFuturesLiquidation, IntentCardPayment:
		return true
	}
	return false
}

// shouting: several exclamation marks, or a message mostly in capitals.
func shouting(text string) bool {
	if strings.Count(text, "!") >= 3 || strings.Contains(text, "!!!") {
		return true
	}
	upper, letters := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) && (unicode.IsUpper(r) || unicode.IsLower(r)) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 12 && upper*10 >= letters*8
}

// hasCue reports whether any cue starts at a word start in t; cues in
// scripts without spaces match anywhere.
func hasCue(t string, cues foldedCues) bool { return cueAt(t, cues) >= 0 }

// cueAt returns the earliest byte offset at which a cue matches, or -1.
func cueAt(t string, cues foldedCues) int {
	best := -1
	for _, c := range cues {
		first, _ := utf8.DecodeRuneInString(c)
		anywhere := unspaced(first) || unicode.Is(unicode.Hangul, first)
		for from := 0; from < len(t); {
			i := strings.Index(t[from:], c)
			if i < 0 {
				break
			}
			at := from + i
			prev, _ := utf8.DecodeLastRuneInString(t[:at])
			if anywhere || at == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				if best < 0 || at < best {
					best = at
				}
				break
			}
			from = at + 1
		}
	}
	return best
}
