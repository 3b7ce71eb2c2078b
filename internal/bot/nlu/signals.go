package nlu

import (
	"strconv"
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

// scamCues: a scam in progress or already done: funds or secrets given to
// an impostor, or a large loss.
var scamCues = cueSet{
	"en": {"scammed", "got scammed", "been scammed", "i sent them", "already sent", "i gave them", "i gave him", "gave my seed", "gave them my", "shared my seed", "told them my", "fake payment", "fake receipt", "fake screenshot", "life savings", "all my savings", "my savings", "entire savings", "whole savings", "all my money", "everything i had", "lost everything", "my salary", "payroll"},
	"ru": {"обманули", "развели", "мошенники украли", "уже отправил", "я отправил им", "сказал им сид", "фейковый чек", "поддельный чек", "сбережения", "все мои деньги", "все деньги", "всю зарплату", "зарплат", "потерял все"},
	"uk": {"ошукали", "обдурили", "вже відправив", "фейковий чек", "заощадження", "всі мої гроші", "зарплат", "втратив усе"},
	"es": {"me estafaron", "estafado", "fui estafad", "ya envie", "ya les envie", "les di mi", "le di mi", "comprobante falso", "pago falso", "ahorros", "todo mi dinero", "mi sueldo", "perdi todo"},
	"pt": {"cai num golpe", "cai em golpe", "levei um golpe", "fui enganad", "ja enviei", "ja mandei", "passei minha", "dei minha frase", "comprovante falso", "pagamento falso", "economias", "todo meu dinheiro", "meu salario", "perdi tudo"},
	"fr": {"arnaque", "je me suis fait avoir", "escroque", "deja envoye", "je leur ai envoye", "je lui ai donne", "donne ma phrase", "faux paiement", "faux justificatif", "economies", "tout mon argent", "mon salaire", "tout perdu"},
	"de": {"betrogen", "abgezockt", "reingelegt", "schon gesendet", "bereits uberwiesen", "habe ihnen", "seed phrase gegeben", "gefalschte zahlung", "fake zahlung", "ersparnisse", "mein ganzes geld", "gehalt", "alles verloren"},
	"it": {"truffato", "truffata", "sono stato fregato", "gia inviato", "ho gia mandato", "gli ho dato", "pagamento falso", "ricevuta falsa", "risparmi", "tutti i miei soldi", "stipendio", "perso tutto"},
	"pl": {"oszukali", "oszukany", "oszukana", "juz wyslalem", "wyslalem im", "podalem", "falszywe potwierdzenie", "oszczednosci", "wszystkie pieniadze", "wyplat", "stracilem wszystko"},
	"tr": {"dolandirildim", "dolandirildi", "kandirildim", "zaten gonderdim", "onlara gonderdim", "kelimelerimi verdim", "sahte dekont", "sahte odeme", "birikim", "butun param", "tum param", "maasim", "her seyimi kaybettim"},
	"id": {"ditipu", "tertipu", "kena tipu", "sudah kirim", "sudah saya kirim", "saya berikan", "bukti palsu", "tabungan", "semua uang saya", "gaji saya", "kehilangan semua"},
	"vi": {"bi lua", "da gui cho", "da chuyen cho ho", "da dua", "bien lai gia", "tiet kiem", "tat ca tien", "luong cua toi", "mat het"},
	"ar": {"تعرضت للاحتيال", "نصبوا علي", "احتالوا", "أرسلت لهم", "ارسلت لهم", "اعطيتهم", "إيصال مزور", "مدخرات", "كل أموالي", "كل اموالي", "راتبي", "خسرت كل"},
	"zh": {"被骗", "上当", "已经转给", "已经转了", "已经给了", "告诉了他助记词", "假截图", "假付款", "积蓄", "所有的钱", "全部的钱", "工资", "全亏了", "亏光"},
	"ja": {"騙され", "だまされ", "もう送って", "送ってしまった", "教えてしまった", "偽の振込", "貯金", "全財産", "給料", "全部失"},
	"ko": {"사기당", "속았", "이미 보냈", "알려줬", "가짜 입금", "저축", "전 재산", "월급", "전부 잃", "다 잃"},
	"th": {"โดนโกง", "ถูกโกง", "โดนหลอก", "ถูกหลอก", "โอนไปแล้ว", "ให้ไปแล้ว", "สลิปปลอม", "เงินเก็บ", "เงินทั้งหมด", "เงินเดือน", "หมดตัว"},
}

// distressCues: panic, despair, urgency.
var distressCues = cueSet{
	"en": {"please help", "help me", "help!!", "urgent", "asap", "emergency", "desperate", "panic", "scared", "terrified", "crying", "kill myself", "suicide", "ruined", "i'm begging", "i beg", "going crazy", "freaking out", "nightmare"},
	"ru": {"помогите", "срочно", "паник", "в отчаянии", "умоляю", "боюсь", "плачу", "покончу с собой", "кошмар", "караул"},
	"uk": {"допоможіть", "терміново", "панік", "у відчаї", "благаю", "боюся", "плачу"},
	"es": {"ayuda por favor", "ayudenme", "ayúdenme", "urgente", "desesperad", "panico", "tengo miedo", "llorando", "por favor por favor", "me quiero morir", "suicid"},
	"pt": {"socorro", "me ajudem", "urgente", "desesperad", "panico", "estou com medo", "chorando", "pelo amor de deus", "suicid"},
	"fr": {"aidez-moi", "aidez moi", "au secours", "urgent", "desespere", "panique", "j'ai peur", "je pleure", "je vous en supplie", "suicid"},
	"de": {"hilfe", "helft mir", "dringend", "verzweifelt", "panik", "ich habe angst", "weine", "bitte bitte", "selbstmord", "notfall"},
	"it": {"aiuto", "aiutatemi", "urgente", "disperat", "panico", "ho paura", "piango", "vi prego", "suicid"},
	"pl": {"pomocy", "pomozcie", "pilne", "pilnie", "zrozpaczon", "panik", "boje sie", "placze", "blagam", "samobojst"},
	"tr": {"yardim edin", "imdat", "acil", "caresiz", "panik", "korkuyorum", "agliyorum", "yalvariyorum", "intihar"},
	"id": {"tolong saya", "tolong bantu", "darurat", "mendesak", "putus asa", "panik", "takut", "menangis", "saya mohon", "bunuh diri"},
	"vi": {"cuu toi", "giup toi voi", "khan cap", "gap lam", "tuyet vong", "hoang loan", "so qua", "dang khoc", "xin hay", "tu tu"},
	"ar": {"ساعدوني", "النجدة", "عاجل", "ضروري جدا", "يائس", "خائف", "أبكي", "ابكي", "أرجوكم", "ارجوكم", "انتحار"},
	"zh": {"救命", "求求", "紧急", "急急", "着急", "绝望", "崩溃", "害怕", "哭了", "不想活", "自杀", "快点"},
	"ja": {"助けて", "至急", "緊急", "絶望", "パニック", "怖い", "泣", "お願いします！", "死にたい"},
	"ko": {"도와주세요", "살려", "급해요", "긴급", "절망", "패닉", "무서워", "울고", "제발", "죽고 싶"},
	"th": {"ช่วยด้วย", "ด่วน", "สิ้นหวัง", "ตกใจ", "กลัว", "ร้องไห้", "ขอร้อง", "ฆ่าตัวตาย"},
}

// humanCues: asking for a person.
var humanCues = cueSet{
	"en": {"human", "real person", "live person", "live agent", "an agent", "real agent", "to an agent", "operator", "speak to someone", "talk to someone", "speak with someone", "talk to a person", "speak to a person", "representative", "not a bot", "no bot", "stop the bot", "call me", "connect me to support"},
	"ru": {"человек", "оператор", "живой", "живого", "живым", "с сотрудником", "не бот", "без бота", "позвоните мне"},
	"uk": {"людин", "оператор", "живого", "живу", "зі співробітником", "не бот"},
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
	compromised, scam, distress, human foldedCues
}

func newSignalCues() *signalCues {
	return &signalCues{compromisedCues.folded(), scamCues.folded(), distressCues.folded(), humanCues.folded()}
}

// lossThreshold is the sum, in dollars or the stablecoins that track them,
// from which a loss is high stakes: money handed to a fraudster counts
// from a smaller sum than money that is late.
func lossThreshold(intent string) float64 {
	switch intent {
	case IntentP2PDispute, IntentPhishingReport:
		return 2000
	}
	return 10000
}

// cueHits are the cues a message carries.
type cueHits struct {
	compromised, scam, distress, human bool
	// humanFirst: the request for a person opens the message, which is
	// then mainly that request.
	humanFirst bool
}

func (sc *signalCues) hits(text string) cueHits {
	t := foldMarks(strings.ToLower(text))
	return cueHits{
		compromised: hasCue(t, sc.compromised),
		scam:        hasCue(t, sc.scam),
		distress:    hasCue(t, sc.distress) || shouting(text),
		human:       hasCue(t, sc.human),
		humanFirst:  leadingCue(t, sc.human),
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
func (h cueHits) highStakes(intent string, confidence float64, es []Entity) bool {
	switch {
	case h.compromised || h.scam:
		return true
	case intent == IntentAccountCompromised && confidence >= 0.5:
		return true
	case lossIntent(intent) && largeAmount(es, lossThreshold(intent)):
		return true
	}
	return false
}

// lossIntent: the intents where a large sum makes the case high stakes.
func lossIntent(intent string) bool {
	switch intent {
	case IntentDepositMissing, IntentWithdrawalDelayed, IntentP2PDispute, IntentFuturesLiquidation, IntentPhishingReport, IntentCardPayment:
		return true
	}
	return false
}

// largeAmount reports whether an amount entity is at least largeLoss in a
// dollar-like unit, or a bitcoin or ether amount of that order.
func largeAmount(es []Entity, limit float64) bool {
	for _, e := range es {
		if e.Kind != EntityAmount {
			continue
		}
		n, unit := parseAmount(e.Value)
		switch unit {
		case "USD", "USDT", "USDC", "EUR", "FDUSD", "DAI", "$", "€", "£":
			if n >= limit {
				return true
			}
		case "BTC", "WBTC": // at a price of the order of 100,000 dollars
			if n >= limit/100_000 {
				return true
			}
		case "ETH": // of the order of 3,000 dollars
			if n >= limit/3000 {
				return true
			}
		case "":
			if n >= 10*limit {
				return true
			}
		}
	}
	return false
}

// parseAmount reads "5,000 USDT", "$12k", "1.5 btc", "10.000 €".
func parseAmount(v string) (float64, string) {
	unit := ""
	var num strings.Builder
	mult := 1.0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			num.WriteRune(r)
		case r == 'k' || r == 'K':
			mult = 1000
		case strings.ContainsRune("$€£", r):
			unit = string(r)
		case unicode.IsLetter(r):
			unit += string(unicode.ToUpper(r))
		}
	}
	s := num.String()
	// "5,000.50" and "5.000,50": the last separator followed by exactly
	// two digits or fewer is decimal; the others group thousands.
	last := strings.LastIndexAny(s, ".,")
	if last >= 0 && len(s)-last-1 == 3 {
		s = strings.NewReplacer(",", "", ".", "").Replace(s)
	} else if last >= 0 {
		s = strings.NewReplacer(",", "", ".", "").Replace(s[:last]) + "." + s[last+1:]
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, unit
	}
	return n * mult, unit
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
