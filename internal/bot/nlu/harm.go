package nlu

// Harm a person must see at once. The fourth blind set showed five kinds
// of message that named no theft, scam or sum the other rules know yet
// put a customer's money, safety or life at risk. Each rule below is a
// general one, said in every language, and none depends on the intent the
// classifier picks: despair counts whatever the message is about.

// despairCues: self-harm or no wish to live, mostly after a loss. Always
// high stakes, even in a message that otherwise only asks something.
var despairCues = cueSet{
	"en": {"see the point anymore", "no point anymore", "no point in living", "kill myself", "suicide", "no reason to live", "nothing to live for", "want to die", "wanna die", "end it all", "ending it", "end my life", "don't want to live", "dont want to live", "can't go on", "cant go on"},
	"ru": {"не хочу больше жить", "больше не хочу жить", "покончу с собой", "покончить с собой", "смысла жить", "смысла дальше жить", "не хочу жить", "жить не хочу", "хочу умереть", "наложу на себя руки", "уйти из жизни"},
	"uk": {"не хочу більше жити", "більше не хочу жити", "покінчу з собою", "накласти на себе руки", "не хочу жити", "як з цим жити", "хочу померти", "думаю про найгірше", "сенсу жити"},
	"es": {"me quiero morir", "quiero morirme", "suicid", "no quiero vivir", "quitarme la vida", "no tengo razon para vivir", "acabar con todo", "acabar con mi vida"},
	"pt": {"quero morrer", "suicid", "tirar minha vida", "tirar a minha vida", "nao quero mais viver", "pensando em besteira", "acabar com tudo", "sem motivo pra viver", "sem razao para viver"},
	"fr": {"suicid", "envie de mourir", "je veux mourir", "en finir", "plus envie de vivre", "mettre fin a mes jours", "aucune raison de vivre"},
	"de": {"selbstmord", "suizid", "will sterben", "will nicht mehr leben", "mich umbringen", "allem ein ende", "kein grund mehr zu leben", "ein ende machen"},
	"it": {"suicid", "voglio morire", "farla finita", "togliermi la vita", "non voglio piu vivere", "nessun motivo per vivere"},
	"pl": {"samobojst", "chce umrzec", "odebrac sobie zycie", "nie chce zyc", "skoncze ze soba", "nie ma po co zyc"},
	"tr": {"intihar", "olmek istiyorum", "yasamak istemiyorum", "canima kiyacagim", "yasamanin anlami yok", "hepsini bitirecegim"},
	"id": {"bunuh diri", "ingin mati", "pengen mati", "mau mati aja", "tidak ingin hidup", "gak mau hidup", "mengakhiri hidup"},
	"vi": {"tu tu", "muon chet", "khong muon song", "ket thuc cuoc doi", "khong con ly do de song", "chet cho xong"},
	"ar": {"انتحار", "انتحر", "أريد أن أموت", "اريد ان اموت", "ابي اموت", "ما أبي أعيش", "لا أريد أن أعيش", "لا اريد ان اعيش", "أنهي حياتي", "انهي حياتي"},
	"zh": {"活着也没什么意思", "活着没意思", "活着没什么意思", "不想活", "自杀", "想死", "活不下去", "轻生", "了结自己"},
	"ja": {"死にたい", "自殺", "生きていけない", "生きる意味", "消えたい", "終わりにしたい"},
	"ko": {"죽고 싶", "자살", "살 이유가 없", "살고 싶지 않", "극단적인 생각", "끝내고 싶"},
	"th": {"ฆ่าตัวตาย", "อยากตาย", "ไม่อยากอยู่แล้ว", "ไม่อยากมีชีวิตอยู่", "จบชีวิต"},
}

// unmadeCues: something in the account the customer says they did not
// create or make (an API key, a withdrawal, a whitelisted address). Said
// of anything that can move money, it is a takeover.
var unmadeCues = cueSet{
	"en": {"didn't create", "did not create", "never created", "didnt create", "i never made", "not created by me", "i didn't add", "i did not add", "never added", "i didn't set up", "never set up"},
	"ru": {"не создавал", "не создавала", "не добавлял", "не добавляла"},
	"uk": {"не створював", "не створювала", "не додавав", "не додавала"},
	"es": {"no cree", "nunca cree", "no agregue", "no añadi", "no hice yo", "yo no cree"},
	"pt": {"nao criei", "nunca criei", "nao adicionei", "eu nao criei"},
	"fr": {"n'ai jamais cree", "n'ai pas cree", "jamais creees", "jamais crees", "n'ai pas ajoute", "je n'ai jamais ajoute"},
	"de": {"nie erstellt", "nicht erstellt", "nie angelegt", "nicht angelegt", "nie hinzugefugt"},
	"it": {"non ho mai creato", "non ho creato", "mai create", "mai creata", "non ho aggiunto"},
	"pl": {"nie tworzylem", "nie tworzylam", "nie utworzylem", "nie utworzylam", "nie dodawalem", "nie dodalem"},
	"tr": {"olusturmadigim", "ben olusturmadim", "eklemedigim", "ben eklemedim"},
	"id": {"tidak pernah buat", "gak pernah buat", "nggak pernah bikin", "bukan saya yang buat", "tidak saya buat", "tidak pernah membuat"},
	"vi": {"khong tao", "khong he tao", "chua tung tao", "khong phai em tao", "khong phai minh tao"},
	"ar": {"ما سويته", "ما سويتها", "لم أنشئه", "لم انشئه", "لم أنشئها", "ما أنشأته", "لم أضفه"},
	"zh": {"不是我创建", "我没有创建", "我没创建", "没建过", "没创建过", "并非我创建", "不是我建的", "没有添加过"},
	"ja": {"作った覚えのない", "作成した覚えのない", "作成していない", "登録した覚えのない", "作っていない"},
	"ko": {"만든 적 없는", "만든 적이 없는", "생성한 적 없는", "생성한 적이 없", "등록한 적 없는", "만들지 않은"},
	"th": {"ไม่ได้สร้าง", "ไม่เคยสร้าง", "ไม่ได้เพิ่ม"},
}

// drainingCues: money leaving the account while the customer writes.
var drainingCues = cueSet{
	"en": {"withdrawing my", "being withdrawn", "withdrawals keep", "withdrawals going out", "taking my money", "draining my", "one after another", "right now withdraw"},
	"ru": {"выводят", "идут выводы", "списывают", "один за другим", "уходят деньги", "выводятся"},
	"uk": {"виводять", "виводи йдуть", "списують", "один за одним", "йдуть виводи"},
	"es": {"estan retirando", "me estan sacando", "estan sacando", "sacando los fondos", "sacando mi", "retirando mi", "uno tras otro"},
	"pt": {"estao sacando", "estao tirando", "fazendo saque", "sacando meu", "um atras do outro"},
	"fr": {"retraits partent", "en train de retirer", "retirent mon", "retirent mes", "l'un apres l'autre", "vident mon"},
	"de": {"wird abgebucht", "werden abgebucht", "buchen ab", "laufen abhebungen", "ziehen mein", "eine nach der anderen"},
	"it": {"stanno svuotando", "stanno prelevando", "stanno portando via", "uno dopo l'altro"},
	"pl": {"wyplacaja", "wyprowadzaja", "czyszcza moje", "schodza wyplaty", "jedna po drugiej"},
	"tr": {"para cekiliyor", "cekim yapiliyor", "ard arda cekim", "cekiyorlar", "bosaltiyorlar"},
	"id": {"sedang ditarik", "terus ditarik", "lagi ditarik", "sedang dikuras", "terus keluar"},
	"vi": {"dang bi rut", "lien tuc bi rut", "dang rut tien", "rut lien tuc"},
	"ar": {"ينسحب", "سحوبات من حسابي", "يسحبون", "قاعدة تصير", "تنسحب"},
	"zh": {"正在被提", "正在被转", "一直在提币", "一直在转出", "不停地提", "不停提"},
	"ja": {"出金され続け", "次々と出金", "出金が続い", "引き出され続け", "今まさに出金"},
	"ko": {"출금이 계속", "계속 출금", "빠져나가고 있", "출금되고 있"},
	"th": {"กำลังถูกถอน", "ถอนออกไปเรื่อยๆ", "ถูกถอนอยู่", "ถอนออกเรื่อยๆ"},
}

// disownedCues: the customer disowns what is happening in the account
// ("withdrawals running, not mine"). Said while asking for a person, it
// is a takeover under way, however few the words.
var disownedCues = cueSet{
	"en": {"not mine", "not by me", "not from me"},
	"ru": {"не мои", "не мой", "не моя", "не от меня"},
	"uk": {"не мої", "не мій", "не моя", "не від мене"},
	"es": {"no son mios", "no es mio", "no son mias", "que no hice"},
	"pt": {"nao sao meus", "nao e meu", "que nao fiz"},
	"fr": {"pas les miens", "pas de moi", "pas moi"},
	"de": {"nicht von mir", "nicht meine", "nicht meiner"},
	"it": {"non miei", "non mie", "non sono miei", "non da me"},
	"pl": {"nie moje", "nie moja", "nie ode mnie"},
	"tr": {"benim degil", "bana ait degil"},
	"id": {"bukan punya saya", "bukan punyaku", "bukan dari saya"},
	"vi": {"khong phai cua em", "khong phai cua toi", "khong phai cua minh"},
	"ar": {"مو مني", "ليست لي", "مش مني", "ليس مني"},
	"zh": {"不是我的", "不是我做的"},
	"ja": {"私のではない", "自分のではない"},
	"ko": {"제 것이 아닌", "내 것이 아닌"},
	"th": {"ไม่ใช่ของฉัน", "ไม่ใช่ของผม"},
}

// exposeCues: someone says they will publish or spread the customer's
// documents, selfies or images (the threats themselves are threatCues of
// scam_cues.go). Said with a demand for money, it is extortion.
var exposeCues = cueSet{
	"en": {"publish", "leak", "post it", "post them", "expose me", "post it online", "send it to my", "spread it", "make it public"},
	"ru": {"опубликуют", "опубликует", "сольют", "сольет", "выложат", "выложит", "разошлют", "угроз"},
	"uk": {"опублікують", "опублікує", "оприлюдн", "злиють", "викладуть", "розішлють", "погроз"},
	"es": {"publica", "publicar", "filtrar", "difundir", "subir a internet", "mandarla a mis"},
	"pt": {"vaza", "vazar", "publicar", "divulgar", "espalhar", "expor"},
	"fr": {"publier", "publient", "publie", "diffuser", "divulguer", "envoyer a mes proches"},
	"de": {"veroffentlich", "verbreiten", "ins netz stellen", "an meine kontakte"},
	"it": {"pubblic", "diffonder", "divulgare", "mettere in rete"},
	"pl": {"opublikuje", "opublikuja", "rozesle", "upubliczni", "wrzuci do sieci"},
	"tr": {"paylasacak", "paylasacag", "yayacak", "yayacag", "yayinlayacak", "yayinlayacag", "ifsa"},
	"id": {"nyebar", "menyebar", "sebar", "disebar", "publikasi"},
	"vi": {"phat tan", "tung len mang", "dang len mang", "gui cho nguoi than"},
	"ar": {"ينشر", "سينشر", "نشر صور", "يفضح", "يسرب"},
	"zh": {"曝光", "公开我的", "发到网上", "散布", "发给我的家人"},
	"ja": {"晒す", "晒され", "ばらまく", "拡散する", "公開する"},
	"ko": {"뿌린다", "뿌리겠", "유포", "공개하겠"},
	"th": {"จะปล่อย", "เผยแพร่", "แฉ", "ประจาน"},
}

// needCues: what late money was meant for when going without it harms a
// person at once: a hospital, treatment or medicine, school fees, a
// funeral, the rent or a home's deposit, a loan's instalment. Money for
// these that has not arrived, came back or is held goes to a person
// whatever its size, unless the sum is small.
var needCues = cueSet{
	"en": {"hospital", "surgery", "medical bill", "chemo", "medicine", "medication", "school fees", "tuition", "funeral", "rent", "house deposit", "down payment", "mortgage", "loan payment", "instalment", "installment"},
	"ru": {"больниц", "лечени", "лекарств", "на операцию", "обучени", "за учебу", "похорон", "аренд", "за квартиру", "ипотек", "платеж по кредиту", "взнос по кредиту"},
	"uk": {"лікарн", "лікуванн", "ліки", "на операцію", "навчанн", "похорон", "оренд", "іпотек", "платіж по кредиту"},
	"es": {"hospital", "cirugia", "tratamiento", "medicinas", "medicamentos", "colegiatura", "matricula", "funeral", "entierro", "alquiler", "hipoteca", "cuota del prestamo"},
	"pt": {"hospital", "cirurgia", "tratamento", "remedio", "mensalidade", "faculdade", "funeral", "enterro", "aluguel", "entrada do apartamento", "parcela do emprestimo", "financiamento"},
	"fr": {"hopital", "chirurgie", "medicaments", "scolarite", "obseques", "enterrement", "loyer", "apport pour", "echeance du pret", "mensualite"},
	"de": {"krankenhaus", "klinik", "behandlung", "medikament", "schulgeld", "studiengebuhr", "beerdigung", "miete", "kaution", "kreditrate"},
	"it": {"ospedale", "intervento chirurgico", "cure", "medicine", "retta", "tasse universitarie", "funerale", "affitto", "mutuo"},
	"pl": {"szpital", "leczeni", "leki", "na operacje", "czesne", "pogrzeb", "czynsz", "rata kredytu"},
	"tr": {"hastane", "ameliyat", "tedavi", "ilac", "okul taksidi", "okul ucreti", "harc", "cenaze", "kira", "kredi taksidi"},
	"id": {"rumah sakit", "pengobatan", "obat", "spp", "uang sekolah", "biaya kuliah", "pemakaman", "sewa rumah", "kontrakan", "cicilan"},
	"vi": {"benh vien", "vien phi", "phau thuat", "chua benh", "tien thuoc", "hoc phi", "dam tang", "tien nha", "tra gop", "thue nha"},
	"ar": {"المستشفى", "للمستشفى", "مستشفى", "علاج", "دواء", "ادوية", "أدوية", "رسوم مدرسة", "رسوم المدرسة", "الرسوم الدراسية", "جنازة", "عزاء", "إيجار", "ايجار", "قسط"},
	"zh": {"医院", "住院", "手术", "医药费", "治疗", "看病", "学费", "丧事", "葬礼", "房租", "首付", "房款", "还贷", "房贷", "月供"},
	"ja": {"病院", "入院", "手術", "治療", "薬代", "学費", "葬儀", "家賃", "頭金", "ローンの返済"},
	"ko": {"병원", "입원", "수술", "치료", "약값", "학비", "학원비", "등록금", "장례", "월세", "전세", "잔금", "보증금", "대출", "할부"},
	"th": {"โรงพยาบาล", "ผ่าตัด", "ค่ารักษา", "ค่ายา", "ค่าเทอม", "ค่าเรียน", "งานศพ", "ค่าเช่า", "ค่างวด"},
}

// vitalCues: the same needs in words that also mean other things (an
// "operation" is a surgery or a bank transfer; wages, a payroll), which
// count only with a large sum.
var vitalCues = cueSet{
	"en": {"operation", "payroll", "salaries", "wages"},
	"ru": {"операци", "зарплат"},
	"uk": {"операці", "зарплат"},
	"es": {"operacion", "nomina", "sueldos"},
	"pt": {"operacao", "folha de pagamento", "salarios"},
	"fr": {"operation", "traitement", "salaires", "la paie"},
	"de": {"operation", "gehalter", "lohne"},
	"it": {"intervento", "operazione", "stipendi"},
	"pl": {"operacj", "wyplaty dla pracownikow", "pensje"},
	"tr": {"maaslar"},
	"id": {"operasi", "gaji karyawan"},
	"vi": {"luong nhan vien"},
	"ar": {"عملية", "رواتب"},
	"zh": {"工资"},
	"ja": {"給料", "給与"},
	"ko": {"월급", "급여"},
	"th": {"เงินเดือน"},
}

// bankCues: the customer's own bank account or card, which a bank or the
// police can freeze when money received in a P2P sale is reported as a
// fraud's.
var bankCues = cueSet{
	"en": {"bank", "my card"},
	"ru": {"банк", "карту", "карта", "счет в банке"},
	"uk": {"банк", "картк", "карту"},
	"es": {"banco", "cuenta bancaria", "tarjeta"},
	"pt": {"banco", "conta bancaria", "cartao"},
	"fr": {"banque", "compte bancaire", "ma carte"},
	"de": {"bank", "karte"},
	"it": {"banca", "conto corrente", "conto bancario", "carta"},
	"pl": {"bank", "konto bankowe", "karta", "karte"},
	"tr": {"banka", "kart"},
	"id": {"bank", "rekening", "kartu"},
	"vi": {"ngan hang", "the atm"},
	"ar": {"بنك", "البنك", "مصرف", "المصرف", "بطاقة", "البطاقة"},
	"zh": {"银行", "卡被"},
	"ja": {"銀行", "口座"},
	"ko": {"은행", "계좌"},
	"th": {"ธนาคาร", "บัญชีธนาคาร"},
}

// frozenCues: held by someone with the power to (frozen, blocked, seized).
var frozenCues = cueSet{
	"en": {"frozen", "froze", "freez", "blocked", "seized", "locked"},
	"ru": {"заморо", "заблокир", "арест", "блокир"},
	"uk": {"заморож", "заблок", "арешт", "блокув"},
	"es": {"congel", "bloque", "embarg"},
	"pt": {"congel", "bloque"},
	"fr": {"gele", "bloque", "saisi"},
	"de": {"eingefroren", "gesperrt", "blockiert", "sperrt"},
	"it": {"bloccat", "congelat", "sequestr", "ha bloccato"},
	"pl": {"zablokow", "zamroz", "zajet"},
	"tr": {"donduruldu", "dondurdu", "bloke", "engellendi", "el konuldu"},
	"id": {"diblokir", "dibekukan", "blokir", "beku"},
	"vi": {"phong toa", "bi khoa", "dong bang", "bi chan"},
	"ar": {"تجميد", "جمد", "مجمد", "حظر", "محظور", "موقوف", "إيقاف", "بلوك"},
	"zh": {"冻结", "冻了", "封了", "止付"},
	"ja": {"凍結", "止められ", "差し押さえ"},
	"ko": {"동결", "정지", "막혔", "묶였"},
	"th": {"อายัด", "ระงับ", "แช่แข็ง"},
}

// policeCues: the police or a prosecutor, named in a trade's story.
var policeCues = cueSet{
	"en": {"police", "cybercrime", "cyber crime"},
	"ru": {"полици", "следовател", "мвд"},
	"uk": {"поліці", "кіберполіц", "слідч"},
	"es": {"policia", "fiscalia"},
	"pt": {"policia", "delegacia", "boletim de ocorrencia"},
	"fr": {"police", "gendarmerie"},
	"de": {"polizei", "staatsanwalt"},
	"it": {"polizia", "carabinieri", "procura"},
	"pl": {"policj", "prokurat"},
	"tr": {"polis", "savcilik", "emniyet"},
	"id": {"polisi", "kepolisian", "polda", "polres"},
	"vi": {"cong an", "canh sat"},
	"ar": {"الشرطة", "شرطة", "النيابة"},
	"zh": {"派出所", "警察", "公安", "涉案"},
	"ja": {"警察"},
	"ko": {"경찰", "수사기관"},
	"th": {"ตำรวจ", "แจ้งความ"},
}

// vitalSum is the sum, in dollars, from which late money whose purpose
// vitalCues name is high stakes.
const vitalSum = 5000

// harmFolded are the cue sets above, folded once.
type harmFolded struct {
	despair, unmade, draining, disowned, expose, need, vital, bank, frozen, police foldedCues
}

func newHarmFolded() harmFolded {
	return harmFolded{despairCues.folded(), unmadeCues.folded(), drainingCues.folded(), disownedCues.folded(), exposeCues.folded(), needCues.folded(), vitalCues.folded(),
		bankCues.folded(), frozenCues.folded(), policeCues.folded()}
}

// harmHits are the harm cues a message carries. The sets that matter
// only for some intents or with a plea for a person are looked up when
// asked (has), not for every message: each set is a scan of the text.
type harmHits struct {
	despair, unmade, draining, expose bool
	t                                 string // the folded text
	sets                              *harmFolded
}

func (hf *harmFolded) hits(t string) harmHits {
	return harmHits{hasCue(t, hf.despair), hasCue(t, hf.unmade), hasCue(t, hf.draining), hasCue(t, hf.expose), t, hf}
}

// has reports whether the message carries a cue of the set pick names.
func (h harmHits) has(pick func(*harmFolded) foldedCues) bool {
	return h.sets != nil && hasCue(h.t, pick(h.sets))
}

func disowned(hf *harmFolded) foldedCues { return hf.disowned }
func need(hf *harmFolded) foldedCues     { return hf.need }
func vital(hf *harmFolded) foldedCues    { return hf.vital }
func bank(hf *harmFolded) foldedCues     { return hf.bank }
func frozen(hf *harmFolded) foldedCues   { return hf.frozen }
func police(hf *harmFolded) foldedCues   { return hf.police }

// mustHandOn: despair; something the customer did not make in the account
// together with a sign of money moving or a takeover; a plea for a person
// while money leaves or about something in the account the customer
// disowns; a threat made with the customer's documents or
// images; a P2P trade after which the customer's bank account is frozen
// or the police are involved (the money they live on is held, and the
// records must reach them quickly), or after which the other side,
// paid, blocked the customer; or money that is late or held and meant
// for a need (needCues; vitalCues with a large sum).
func (h cueHits) mustHandOn(intent string, sum float64) bool {
	switch {
	case h.harm.despair:
		return true
	case h.cautious:
		return false
	case h.harm.unmade && (intent == IntentAPIKeys || intent == IntentAccountCompromised || h.gone):
		return true
	case (h.human || intent == IntentTalkToHuman) && (h.harm.draining || h.harm.has(disowned)):
		return true
	case h.harm.expose && (intent == IntentIdentityVerification || h.sent || sum > 0):
		return true
	case intent == IntentP2PDispute && (h.harm.has(police) || h.harm.has(frozen) && (h.sent || h.harm.has(bank))):
		return true
	case lateMoney(intent) && (h.harm.has(need) && (sum == 0 || sum >= smallSum) || sum >= vitalSum && h.harm.has(vital)):
		return true
	}
	return false
}

// lateMoney: the intents of money that has not arrived, is lost or cannot
// be moved. Not a card payment: a customer paying the rent by card asks
// how, and a card payment gone wrong names its sum.
func lateMoney(intent string) bool {
	switch intent {
	case IntentDepositMissing, IntentWithdrawalDelayed, IntentP2PDispute, IntentFuturesLiquidation,
		IntentAccountLocked, IntentWithdrawalSuspended:
		return true
	}
	return false
}
