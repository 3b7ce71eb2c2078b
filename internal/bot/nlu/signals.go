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
	"en": {"hacked", "hacker", "got hack", "been hack", "stolen", "stole ", "stealing", "unauthori", "drained", "draining", "someone is withdrawing", "someone is taking", "someone logged", "someone accessed", "someone withdrew", "someone changed my", "wasn't me", "was not me", "not me who", "i didn't make", "i did not make", "account takeover", "taken over", "being stolen", "are stealing", "is stealing", "stealing my", "i didn't withdraw", "i did not withdraw", "not my withdrawal", "unknown device", "login i didn't", "unrecognized login", "emptied my", "i didnt make", "i didnt withdraw", "being withdrawn"},
	"ru": {"взлом", "взломал", "украл", "украден", "кража", "не я ", "был не я", "кто-то зашел", "кто-то вывел", "кто-то сменил", "увели", "слили", "воруют", "ворует", "крадут", "обворовали", "украли", "не выводил", "не выводила", "неизвестного устройства", "чужой вход", "обнулили"},
	"uk": {"злам", "вкрал", "вкрадено", "крадіжк", "хтось зайшов", "хтось вивів", "хтось змінив", "це був не я", "крадуть", "вкрали", "обікрали", "не виводив", "не виводила", "чужий вхід"},
	"es": {"hacke", "jacke", "robaron", "robado", "robo ", "alguien entro", "alguien retiro", "alguien cambio", "no fui yo", "retiro no autoriz", "acceso no autoriz", "transaccion no autoriz", "movimiento no autoriz", "no autorice", "vaciaron", "robando", "me roban", "me robaron", "no retire", "yo no hice", "inicio de sesion desconocido", "dispositivo desconocido"},
	"pt": {"hacke", "hackea", "roubaram", "roubado", "roubo ", "invadi", "alguem entrou", "alguem sacou", "alguem trocou", "nao fui eu", "saque nao autoriz", "acesso nao autoriz", "transacao nao autoriz", "nao autorizei", "roubando", "me roubaram", "nao saquei", "nao fui eu que", "dispositivo desconhecido", "login desconhecido", "limparam minha conta", "eu nao fiz", "nao fiz nenhum", "nao fiz esses"},
	"fr": {"pirate", "piratage", "vole ", "volé", "on m'a vole", "quelqu'un s'est connecte", "quelqu'un a retire", "quelqu'un a change", "ce n'etait pas moi", "retrait non autoris", "acces non autoris", "operation non autoris", "je n'ai pas autorise", "vide mon compte", "on me vole", "en train de voler", "volent", "vide mon", "je n'ai pas retire", "appareil inconnu", "connexion inconnue"},
	"de": {"gehackt", "hacker", "gestohlen", "geklaut", "jemand hat sich", "jemand hat mein", "jemand hat alles", "das war ich nicht", "nicht autorisiert", "unbefugt", "leergeraumt", "klauen", "stehlen", "wird geklaut", "nicht ich", "habe ich nicht abgehoben", "unbekanntes gerat", "unbekannten gerat", "fremder login"},
	"it": {"hackerat", "hackerato", "rubato", "rubati", "furto", "qualcuno e entrato", "qualcuno ha prelevato", "qualcuno ha cambiato", "non ero io", "prelievo non autorizzat", "accesso non autorizzat", "operazione non autorizzat", "non ho autorizzato", "svuotato", "rubando", "mi rubano", "mi hanno rubato", "non ho prelevato", "dispositivo sconosciuto", "accesso sconosciuto"},
	"pl": {"zhakowa", "włam", "wlam", "ukradl", "ukradzion", "kradziez", "ktos zalogowal", "ktos wyplacil", "ktos zmienil", "to nie bylem ja", "nieautoryzowan", "kradna", "kradnie", "okradl", "okradzion", "nie wyplacalem", "nie wyplacalam", "nieznane urzadzenie", "nieznanego urzadzenia"},
	"tr": {"hacklen", "hack", "calindi", "caldilar", "calinti", "biri hesabima", "biri girdi", "ben degildim", "izinsiz", "yetkisiz", "bosaltildi", "caliniyor", "caliyorlar", "caldi", "ben cekmedim", "tanimadigim cihaz", "bilinmeyen cihaz", "hesabimi bosalt"},
	"id": {"diretas", "di-hack", "dihack", "kena hack", "dicuri", "kecurian", "seseorang masuk", "seseorang menarik", "seseorang mengganti", "bukan saya", "tanpa izin", "dikuras", "dibobol", "mencuri", "nyuri", "bukan saya yang", "perangkat tidak dikenal", "login asing"},
	"vi": {"bi hack", "hack", "danh cap", "bi trom", "trom mat", "co nguoi dang nhap", "co nguoi rut", "ai do da doi", "khong phai toi", "khong phai la toi", "bi lay mat", "an cap", "lay cap", "dang bi rut", "bi rut het", "toi khong rut", "khong phai minh", "thiet bi la", "dang nhap la", "em khong lam", "toi khong lam", "minh khong lam", "khong phai em"},
	"ar": {"اختراق", "اخترق", "تم اختراق", "هكر", "سرق", "سرقة", "شخص دخل", "شخص سحب", "لم يكن انا", "لم أكن أنا", "دون اذن", "تنسرق", "يسرق", "يسرقون", "تسرق", "سرقو", "سرقوا", "لم أسحب", "لم اسحب", "جهاز غير معروف", "لم أقم به", "لم اقم به"},
	"zh": {"被盗", "盗号", "被黑", "黑客", "被偷", "偷走", "不是我操作", "不是我本人", "不是我", "被人登录", "被转走", "被提走", "偷", "盗走", "不是我提的", "陌生设备", "异地登录", "被人提币", "被清空"},
	"ja": {"ハッキング", "乗っ取", "盗まれ", "不正ログイン", "不正アクセス", "身に覚えのない", "私ではない", "勝手に出金", "盗ま", "抜かれ", "引き出され", "知らない端末", "身に覚えがない", "覚えのない出金", "私ではありません"},
	"ko": {"해킹", "도난", "도둑맞", "털렸", "제가 아니", "제가 하지 않은", "무단", "누가 제 계정", "털리", "훔쳐", "제가 안 한", "안 한 출금", "모르는 ip", "해외 로그인", "모르는 기기", "제가 한 게 아닙"},
	"th": {"โดนแฮก", "ถูกแฮก", "แฮก", "ถูกขโมย", "โดนขโมย", "ไม่ใช่ฉัน", "มีคนเข้าบัญชี", "มีคนถอน", "ขโมย", "ไม่ได้ถอนเอง", "อุปกรณ์ที่ไม่รู้จัก", "เงินหาย"},
}

// scamCues: a scam already done (the customer says they were scammed,
// fell for a fake payment, gave away a seed phrase). Money sent to
// someone posing as staff is impostorCues with sentCues.
var scamCues = cueSet{
	"en": {"scammed", "got scammed", "been scammed", "gave my seed", "shared my seed", "fake payment", "fake receipt", "fake screenshot", "fake proof", "fake payment proof", "edited screenshot", "photoshopped", "forged receipt"},
	"ru": {"обманули", "развели", "мошенники украли", "фейковый чек", "поддельный чек", "поддельный скрин", "фейковый скрин", "скрин поддельн", "чек поддельн"},
	"uk": {"ошукали", "обдурили", "фейковий чек", "підроблений скрин", "фейковий скрин", "скрін підроблен", "чек підроблен"},
	"es": {"me estafaron", "estafado", "fui estafad", "comprobante falso", "pago falso", "captura falsa", "comprobante editado"},
	"pt": {"cai num golpe", "cai em golpe", "levei um golpe", "fui enganad", "dei minha frase", "comprovante falso", "pagamento falso", "print falso", "comprovante editado"},
	"fr": {"arnaque", "je me suis fait avoir", "escroque", "donne ma phrase", "faux paiement", "faux justificatif", "fausse capture", "capture truquee", "preuve falsifiee"},
	"de": {"betrogen", "abgezockt", "reingelegt", "seed phrase gegeben", "gefalschte zahlung", "fake zahlung", "gefalschter screenshot", "gefalschter beleg"},
	"it": {"truffato", "truffata", "sono stato fregato", "pagamento falso", "ricevuta falsa", "screenshot falso", "ricevuta modificata"},
	"pl": {"oszukali", "oszukany", "oszukana", "falszywe potwierdzenie", "falszywy screen", "sfalszowane potwierdzenie"},
	"tr": {"dolandirildim", "dolandirildi", "kandirildim", "kelimelerimi verdim", "sahte dekont", "sahte odeme", "sahte ekran goruntusu", "sahte makbuz"},
	"id": {"ditipu", "tertipu", "kena tipu", "bukti palsu", "bukti transfer palsu", "struk palsu", "editan bukti"},
	"vi": {"bi lua", "bien lai gia", "bill gia", "hoa don gia", "anh chuyen khoan gia", "lo nha", "bill chuyen khoan gia", "anh bill gia", "bill fake"},
	"ar": {"تعرضت للاحتيال", "نصبوا علي", "احتالوا", "إيصال مزور", "إيصال مزيف", "ايصال مزيف", "صورة تحويل مزورة"},
	"zh": {"被骗", "上当", "告诉了他助记词", "假截图", "假付款", "假的转账截图", "p图", "伪造的付款", "假凭证"},
	"ja": {"騙され", "だまされ", "教えてしまった", "偽の振込", "偽の振込画面", "偽造された", "振込明細を偽"},
	"ko": {"사기당", "속았", "알려줬", "가짜 입금", "가짜 입금 내역", "조작된 캡처", "위조된 영수증"},
	"th": {"โดนโกง", "ถูกโกง", "โดนหลอก", "ถูกหลอก", "สลิปปลอม", "สลิปโอนปลอม", "หลักฐานปลอม"},
}

// lossCues: a large loss in words (savings, salaries, a pension,
// everything). The Earn products are called savings too, so these count
// only where a loss fits the intent (see highStakes).
var lossCues = cueSet{
	"en": {"life savings", "all my savings", "my savings", "entire savings", "whole savings", "all my money", "everything i had", "lost everything", "my salary", "payroll", "salaries", "wages", "employees' pay", "my pension", "retirement", "tuition", "lost it all", "wiped out", "all my funds"},
	"ru": {"сбережения", "все мои деньги", "все деньги", "всю зарплату", "зарплат", "потерял все", "пенси", "накоплени", "все сбережения", "зарплату сотрудник", "слил все", "все потерял", "всё потерял"},
	"uk": {"заощадження", "всі мої гроші", "зарплат", "втратив усе", "пенсі", "накопичен", "зарплату працівник", "все втратив", "усе втратила"},
	"es": {"ahorros", "todo mi dinero", "mi sueldo", "perdi todo", "nomina", "sueldos", "salarios", "mi jubilacion", "todos mis ahorros", "lo perdi todo"},
	"pt": {"economias", "todo meu dinheiro", "meu salario", "perdi tudo", "folha de pagamento", "dinheiro da folha", "salarios", "aposentadoria", "perdi todo", "todas as minhas economias"},
	"fr": {"economies", "tout mon argent", "mon salaire", "tout perdu", "salaires", "la paie", "ma retraite", "toutes mes economies"},
	"de": {"ersparnisse", "mein ganzes geld", "gehalt", "alles verloren", "gehalter", "lohne", "rente", "altersvorsorge", "meine ganzen ersparnisse"},
	"it": {"risparmi", "tutti i miei soldi", "stipendio", "perso tutto", "stipendi", "pensione", "tutti i miei risparmi", "ho perso tutto"},
	"pl": {"oszczednosci", "wszystkie pieniadze", "stracilem wszystko", "pensje", "wyplaty pracownikow", "emerytur", "stracilam wszystko", "wszystkie oszczednosci"},
	"tr": {"birikim", "butun param", "tum param", "maasim", "her seyimi kaybettim", "maaslar", "maas", "emeklilik", "birikimim", "hepsini kaybettim"},
	"id": {"tabungan", "semua uang saya", "gaji saya", "kehilangan semua", "gaji karyawan", "gaji", "pensiun", "tabungan saya", "semua tabungan", "habis semua", "ludes"},
	"vi": {"tiet kiem", "tat ca tien", "luong cua toi", "mat het", "tien luong", "luong nhan vien", "tien tiet kiem", "mat sach", "chay tai khoan", "mat trang"},
	"ar": {"مدخرات", "كل أموالي", "كل اموالي", "راتبي", "خسرت كل", "رواتب", "الرواتب", "تقاعد", "كل مدخراتي", "خسرت كل شي", "خسرت كل شيء"},
	"zh": {"积蓄", "所有的钱", "全部的钱", "工资", "全亏了", "亏光", "工资款", "员工工资", "养老", "血本无归", "全没了", "积蓄全"},
	"ja": {"貯金", "全財産", "給料", "全部失", "給与", "年金", "老後", "全部なくなり", "全額失"},
	"ko": {"저축", "전 재산", "월급", "전부 잃", "다 잃", "급여", "모은 돈", "다 날렸", "전부 날렸", "노후"},
	"th": {"เงินเก็บ", "เงินทั้งหมด", "เงินเดือน", "หมดตัว", "เงินเดือนพนักงาน", "เงินเกษียณ", "เงินเก็บทั้งหมด", "หมดเนื้อหมดตัว"},
}

// impostorCues: someone posing as the exchange's staff.
var impostorCues = cueSet{
	"en": {"pretending to be", "pretended to be", "claiming to be", "claimed to be", "posing as", "fake support", "fake agent", "fake admin", "said he was from", "said they were from", "called himself", "'support", "\"support", "safe wallet", "secure wallet", "so-called support", "said it was support", "says he's from", "says she's from", "from \"support\"", "support agent on telegram", "admin on telegram", "with your logo", "using your logo", "said she was from", "protected wallet"},
	"ru": {"назвался", "представился", "представились", "якобы поддержк", "фейковая поддержка", "лже-поддержк", "выдавал себя", "безопасный кошел", "якобы из", "якобы сотрудник", "представляется", "с вашим логотипом", "с логотипом", "сказал что он из"},
	"uk": {"назвався", "представився", "нібито підтримк", "фейкова підтримка", "видавав себе", "безпечний гаман", "нібито з", "нібито співробітник", "з вашим логотипом", "з логотипом", "сказав що він з"},
	"es": {"se hizo pasar", "haciendose pasar", "falso soporte", "falso agente", "dijo ser", "decia ser", "billetera segura", "cartera segura", "dice ser", "que dice ser", "dice que es de soporte", "con su logo", "con el logo", "con logo de"},
	"pt": {"se passando", "se passou por", "falso suporte", "falso atendente", "dizendo ser", "disse ser", "carteira segura", "diz ser", "que diz ser", "se dizendo", "com o logo", "com a logo", "com logo de", "carteira protegida"},
	"fr": {"se faisant passer", "s'est fait passer", "faux support", "faux conseiller", "pretendait etre", "portefeuille securise", "wallet securise", "se dit du", "qui se dit", "pretend etre", "se presentant comme", "avec votre logo", "avec le logo", "portefeuille protege"},
	"de": {"gab sich als", "gibt sich als", "angeblich vom support", "falscher support", "falscher mitarbeiter", "sichere wallet", "angeblich vom", "angeblicher support", "gibt sich aus", "mit eurem logo", "mit ihrem logo", "mit dem logo", "geschutzte wallet"},
	"it": {"fingendosi", "si e finto", "finto supporto", "finto operatore", "diceva di essere", "wallet sicuro", "portafoglio sicuro", "dice di essere", "che dice di", "si spaccia", "spacciandosi", "con il vostro logo", "con il logo", "wallet protetto"},
	"pl": {"podszywal", "podszywajac", "falszywy konsultant", "falszywy support", "podal sie za", "bezpieczny portfel", "podaje sie za", "rzekomo z", "rzekomy", "z waszym logo", "z logo", "chroniony portfel"},
	"tr": {"kendini destek", "destek ekibi oldugunu", "sahte destek", "sahte temsilci", "calisani oldugunu", "guvenli cuzdan", "destekten oldugunu", "yetkili oldugunu", "sozde destek", "logonuzla", "logonuzu", "logosuyla"},
	"id": {"mengaku", "ngaku", "cs palsu", "admin palsu", "agen palsu", "dompet aman", "mengaku dari", "mengaku cs", "mengaku admin", "pakai logo", "dengan logo"},
	"vi": {"tu xung", "gia danh", "gia lam", "ho tro gia", "nhan vien gia", "vi an toan", "xung la", "tu nhan la", "bao la nhan vien", "nhan la ho tro", "logo cua ben", "dung logo", "logo giong"},
	"ar": {"ادعى", "يدعي", "انتحل", "ينتحل", "دعم مزيف", "موظف مزيف", "محفظة آمنة", "يقول إنه من", "يقول انه من", "مدعي", "بشعار", "قال إنه من", "قال انه من", "قالوا إنهم من"},
	"zh": {"冒充", "自称", "假客服", "假冒", "安全钱包", "说是客服", "号称", "自称是", "你们的logo", "你们的标志", "说是你们"},
	"ja": {"名乗る", "名乗って", "偽のサポート", "偽サポート", "偽の担当", "安全なウォレット", "サポートを名乗", "と名乗", "偽物", "ロゴを使", "同じロゴ"},
	"ko": {"사칭", "라고 하는", "가짜 상담원", "가짜 고객센터", "안전한 지갑", "안전 지갑", "라는 사람", "직원이라는", "직원이라고", "고객센터라고", "로고를 쓴", "로고를 사용", "로고로"},
	"th": {"อ้างว่าเป็น", "อ้างเป็น", "แอดมินปลอม", "เจ้าหน้าที่ปลอม", "กระเป๋าที่ปลอดภัย", "อ้างตัว", "แอบอ้าง", "ใช้โลโก้", "โลโก้ของคุณ"},
}

// sentCues: the customer already sent money or secrets.
var sentCues = cueSet{
	"en": {"i sent", "i transferred", "i paid", "i gave", "i shared", "i told them", "already sent", "already paid", "i entered my seed", "already transferred", "i moved my", "i already"},
	"ru": {"отправил", "отправила", "перевел", "перевела", "оплатил", "скинул", "сказал им", "сообщил", "уже отправил", "уже перевел", "уже скинул"},
	"uk": {"відправив", "відправила", "переказав", "переказала", "оплатив", "сказав їм", "вже відправив", "вже переказав", "уже надіслав"},
	"es": {"envie", "transferi", "pague", "les di", "le di", "le pase", "les pase", "ya envie", "ya transferi", "ya pague", "ya le", "mande", "le mande", "les mande"},
	"pt": {"enviei", "transferi", "paguei", "passei", "mandei", "dei a", "ja enviei", "ja transferi", "ja paguei", "ja mandei"},
	"fr": {"j'ai envoye", "j'ai transfere", "j'ai paye", "j'ai donne", "je leur ai", "je lui ai", "deja envoye", "deja paye", "deja transfere", "j'ai deja"},
	"de": {"ich habe", "uberwiesen", "geschickt", "gesendet", "bezahlt", "schon uberwiesen", "bereits uberwiesen", "schon geschickt", "bereits gesendet"},
	"it": {"ho inviato", "ho mandato", "ho trasferito", "ho pagato", "gli ho dato", "gia mandato", "gia inviato", "gia pagato", "gia trasferito"},
	"pl": {"wyslalem", "wyslalam", "przelalem", "przelalam", "zaplacilem", "podalem", "juz wyslalem", "juz przelalem", "juz wyslalam"},
	"tr": {"gonderdim", "yolladim", "transfer ettim", "odedim", "verdim", "gonderdim bile", "zaten gonderdim", "attim"},
	"id": {"sudah kirim", "saya kirim", "saya transfer", "sudah transfer", "sudah bayar", "saya kasih", "saya berikan", "udah kirim", "udah transfer", "udh kirim", "udh transfer", "sy kirim", "sy transfer", "sudah saya kirim", "aku kirim", "udah aku", "sudah aku", "aku transfer"},
	"vi": {"da chuyen", "da gui", "da dua", "da nap cho", "minh chuyen", "toi chuyen", "toi gui", "em chuyen", "chuyen roi", "gui roi", "minh da", "em da"},
	"ar": {"ارسلت", "أرسلت", "حولت", "دفعت", "اعطيت", "أعطيت", "بالفعل أرسلت", "حولت لهم", "ارسلت لهم", "أرسلت له"},
	"zh": {"转了", "转给", "付了", "给了他", "打了", "发给", "已经转", "已经付", "转过去"},
	"ja": {"送ってしまい", "送金した", "送金しました", "送りました", "払いました", "教えました", "送ってしまった", "送金してしまい", "渡してしまい"},
	"ko": {"보냈", "송금했", "이체했", "알려줬", "옮겼", "넘겨줬"},
	"th": {"โอนไปแล้ว", "โอนไป", "จ่ายไปแล้ว", "ให้ไปแล้ว", "โอนให้", "ส่งให้ไปแล้ว"},
}

// remoteCues: someone else worked the customer's device or steered their
// hands: remote-access apps (no exchange's staff asks for one), shared
// screens and "he walked me through it". Said of an impostor or followed
// by missing money, it is a scam that already happened.
var remoteCues = cueSet{
	"en": {"anydesk", "teamviewer", "rustdesk", "quicksupport", "quick support", "ultraviewer", "airdroid", "screen shar", "remote access", "walked me through", "guided me", "any desk", "team viewer", "remote desktop", "screenconnect", "supremo", "splashtop", "ammyy", "chrome remote", "control my phone", "controlled my phone", "control of my computer", "controlled my computer", "took control"},
	"ru": {"демонстрац экрана", "удаленный доступ", "удалённый доступ", "провел меня", "под диктовку", "anydesk", "teamviewer", "rustdesk", "удаленное управление", "управлял моим", "подключился к моему телефону", "подключился к компьютеру"},
	"uk": {"демонстрац екрана", "віддалений доступ", "провів мене", "під диктовку", "anydesk", "teamviewer", "віддалене керування", "керував моїм", "підключився до мого телефону"},
	"es": {"compartir pantalla", "acceso remoto", "me guio", "anydesk", "teamviewer", "control remoto", "controlaba mi", "tomo el control"},
	"pt": {"compartilhar tela", "acesso remoto", "me guiou", "anydesk", "teamviewer", "controle remoto", "controlava meu", "assumiu o controle"},
	"fr": {"partage d'ecran", "acces a distance", "m'a guide", "anydesk", "teamviewer", "prise de controle", "controle a distance", "controlait mon"},
	"de": {"bildschirm teilen", "fernzugriff", "fernwartung", "hat mich durch", "anydesk", "teamviewer", "fernsteuerung", "steuerte mein", "kontrolle uber meinen"},
	"it": {"condivisione schermo", "accesso remoto", "mi ha guidato", "anydesk", "teamviewer", "controllo remoto", "controllava il mio", "preso il controllo"},
	"pl": {"udostepni ekran", "zdalny dostep", "poprowadzil mnie", "anydesk", "teamviewer", "zdalne sterowanie", "przejal kontrole", "sterowal moim"},
	"tr": {"ekran paylas", "uzaktan erisim", "adim adim yaptirdi", "anydesk", "teamviewer", "uzaktan kontrol", "telefonumu kontrol", "bilgisayarimi kontrol"},
	"id": {"berbagi layar", "akses jarak jauh", "memandu saya", "dipandu", "anydesk", "teamviewer", "remote hp", "kontrol jarak jauh", "mengendalikan hp"},
	"vi": {"chia se man hinh", "truy cap tu xa", "huong dan toi", "huong dan minh", "anydesk", "teamviewer", "ultraviewer", "dieu khien tu xa", "dieu khien may"},
	"ar": {"مشاركة الشاشة", "التحكم عن بعد", "وجهني", "anydesk", "teamviewer", "اني ديسك", "تيم فيور", "تحكم بجهازي", "تحكم في جهازي"},
	"zh": {"共享屏幕", "屏幕共享", "远程控制", "远程协助", "指导我操作", "教我操作", "anydesk", "teamviewer", "向日葵", "todesk", "远程软件", "远程操作"},
	"ja": {"画面共有", "遠隔操作", "リモート操作", "指示通りに", "anydesk", "teamviewer", "遠隔サポート", "リモートアプリ"},
	"ko": {"화면 공유", "원격 제어", "원격으로", "시키는 대로", "anydesk", "teamviewer", "원격 앱", "원격 프로그램", "원격 접속"},
	"th": {"แชร์หน้าจอ", "รีโมท", "ควบคุมระยะไกล", "ให้ทำตาม", "anydesk", "teamviewer", "แอปรีโมท", "ควบคุมเครื่อง"},
}

// goneCues: money that was there is now missing.
var goneCues = cueSet{
	"en": {"gone", "missing", "disappeared", "vanished", "wallet is empty", "balance is zero", "transferred out", "moved out", "all gone", "were taken", "got taken", "emptied", "zero balance", "wiped"},
	"ru": {"пропали", "исчезли", "пусто", "обнулил", "вывели", "списали", "обнулился", "все ушло", "всё ушло"},
	"uk": {"зникли", "пропали", "порожн", "вивели", "списали", "обнулився", "все зникло"},
	"es": {"desaparecieron", "desaparecio", "me faltan", "vacia", "sacaron", "vaciaron", "en cero", "se llevaron"},
	"pt": {"sumiu", "sumiram", "desapareceu", "desapareceram", "zerad", "vazia", "tiraram", "esvaziaram", "foram transferidos", "levaram"},
	"fr": {"disparu", "il me manque", "vide", "vide", "transferes ailleurs", "plus rien", "tout est parti"},
	"de": {"weg", "verschwunden", "fehlen", "leer", "abgezogen", "abgebucht", "alles weg", "nichts mehr"},
	"it": {"spariti", "sparito", "mi mancano", "vuoto", "prelevati", "svuotato", "non c'e piu niente", "portato via"},
	"pl": {"zniknel", "zniknely", "brakuje", "pusty", "puste", "wyczyszczon", "zabrali", "nic nie zostalo"},
	"tr": {"gitti", "kayboldu", "yok oldu", "bosalmis", "bosaltildi", "sifirlandi", "cekilmis"},
	"id": {"hilang", "raib", "kosong", "ludes", "terkuras", "dikuras", "terkirim keluar", "saldo nol"},
	"vi": {"bien mat", "mat sach", "khong con", "mat het", "bay mau", "ve 0", "bi rut"},
	"ar": {"اختفت", "اختفى", "فاضية", "فاضي", "راحت", "ضاعت", "سحبوا", "اختفى رصيدي", "صفر"},
	"zh": {"不见了", "没了", "消失", "被转走", "清空", "归零", "全被转"},
	"ja": {"消えた", "なくなって", "残高がゼロ", "全部なくな", "送金されて", "引き出されて", "ゼロに"},
	"ko": {"사라졌", "없어졌", "빠져나갔", "전부 빠져", "사라짐", "0원"},
	"th": {"หายไป", "หายหมด", "หายหมด", "ถูกโอนออก", "เหลือศูนย์"},
}

// completedCues: the exchange shows a withdrawal as done, so the coins are
// on the chain where they can be traced; a late arrival is then a routing
// question, not a loss, unless the sum is very large.
var completedCues = cueSet{
	"en": {"completed", "status complete", "successful", "status success"},
	"ru": {"завершен", "выполнен", "успешно"},
	"uk": {"виконано", "завершено", "успішно"},
	"es": {"completad", "exitos"},
	"pt": {"concluid", "completad"},
	"fr": {"termine", "effectue", "complete"},
	"de": {"abgeschlossen", "erfolgreich"},
	"it": {"completat", "eseguit"},
	"pl": {"zakonczon", "zrealizowan"},
	"tr": {"tamamlandi", "basarili"},
	"id": {"selesai", "berhasil", "sukses"},
	"vi": {"hoan thanh", "thanh cong"},
	"ar": {"مكتمل", "اكتمل", "تمت بنجاح", "ناجح"},
	"zh": {"已完成", "成功", "完成"},
	"ja": {"完了", "成功"},
	"ko": {"완료", "성공"},
	"th": {"สำเร็จ", "เสร็จสิ้น"},
}

// notCompletedCues: the same words negated ("not completed yet"), which
// leave a pending withdrawal's sum to count in full.
var notCompletedCues = cueSet{
	"en": {"not completed", "not complete", "hasn't completed", "hasnt completed", "isn't complete", "never completed", "not successful", "unsuccessful"},
	"ru": {"не завершен", "не выполнен", "не успешно", "неуспешно"},
	"uk": {"не виконано", "не завершено", "неуспішно"},
	"es": {"no se ha completado", "no completad", "no exitos", "sin completar"},
	"pt": {"nao concluid", "nao foi concluid", "nao completad"},
	"fr": {"pas termine", "pas complete", "pas effectue", "non effectue"},
	"de": {"nicht abgeschlossen", "nicht erfolgreich"},
	"it": {"non completat", "non eseguit", "non e stato completat"},
	"pl": {"nie zakonczon", "niezakonczon", "nie zrealizowan", "niezrealizowan"},
	"tr": {"basarisiz"},
	"id": {"belum selesai", "tidak berhasil", "belum berhasil", "gagal"},
	"vi": {"chua hoan thanh", "khong thanh cong", "chua thanh cong"},
	"ar": {"غير مكتمل", "لم يكتمل", "لم تكتمل", "غير ناجح"},
	"zh": {"未完成", "没完成", "没有完成", "不成功", "没成功", "未成功"},
	"ja": {"完了していない", "完了してない", "未完了", "完了しない"},
	"ko": {"완료되지", "완료가 안", "미완료", "완료 안"},
	"th": {"ไม่สำเร็จ", "ยังไม่เสร็จ"},
}

// distressCues: panic, despair, fear (not a mere "help" or "urgent",
// which ordinary requests say too). Self-harm is despairCues of harm.go,
// which counts as distress too.
var distressCues = cueSet{
	"en": {"don't know how to tell", "dont know how to tell", "can't tell my", "cant tell my", "wife doesn't know", "family doesn't know", "m not ok", "im not ok", "i am not ok", "not doing ok", "can't sleep", "cant sleep", "i'm shaking", "hands are shaking", "help!!", "desperate", "panic", "scared", "terrified", "crying", "ruined", "i'm begging", "i beg", "going crazy", "freaking out", "nightmare", "i can't breathe", "heart attack", "don't know what to do", "dont know what to do", "losing my mind"},
	"ru": {"не знаю как сказать", "не знаю, как сказать", "жена не знает", "семья не знает", "мне плохо", "я не в порядке", "не могу спать", "трясет", "трясутся руки", "паник", "в отчаянии", "умоляю", "боюсь", "плачу", "кошмар", "караул", "схожу с ума", "не знаю что делать", "не знаю, что делать"},
	"uk": {"не знаю як сказати", "не знаю, як сказати", "дружина не знає", "сім'я не знає", "мені погано", "я не в порядку", "не можу спати", "трусить", "панік", "у відчаї", "благаю", "боюся", "плачу", "жах", "не знаю що робити", "не знаю, що робити"},
	"es": {"no se como decirle", "no se como decirselo", "mi familia no sabe", "no estoy bien", "estoy fatal", "no puedo dormir", "estoy temblando", "desesperad", "panico", "tengo miedo", "llorando", "por favor por favor", "socorro", "no se que hacer"},
	"pt": {"nao sei como contar", "minha familia nao sabe", "minha esposa nao sabe", "nao estou bem", "to mal", "nao consigo dormir", "estou tremendo", "socorro", "desesperad", "panico", "estou com medo", "chorando", "pelo amor de deus", "nao sei o que fazer"},
	"fr": {"comment le dire a", "comment lui dire", "comment l'annoncer", "je ne vais pas bien", "je vais pas bien", "ca va pas du tout", "je n'arrive pas a dormir", "je tremble", "au secours", "desespere", "panique", "j'ai peur", "je pleure", "je vous en supplie", "je ne sais pas quoi faire", "je sais pas quoi faire"},
	"de": {"wie ich es sagen soll", "wie ich das sagen soll", "weiss es noch nicht", "mir geht es nicht gut", "mir gehts nicht gut", "mir geht's nicht gut", "mir geht es schlecht", "kann nicht schlafen", "ich zittere", "verzweifelt", "panik", "ich habe angst", "weine", "bitte bitte", "weiss nicht was ich tun", "weiss nicht, was ich tun"},
	"it": {"non so come dirlo", "non so come dirglielo", "la mia famiglia non sa", "non sto bene", "sto malissimo", "non riesco a dormire", "sto tremando", "disperat", "panico", "ho paura", "piango", "vi prego", "vi supplico", "non so cosa fare", "non so che fare"},
	"pl": {"nie wiem jak powiedziec", "nie wiem, jak powiedziec", "rodzina nie wie", "nie jest ze mna dobrze", "jest mi zle", "nie moge spac", "trzese sie", "zrozpaczon", "panik", "boje sie", "placze", "blagam", "nie wiem co robic", "nie wiem, co robic"},
	"tr": {"nasil soyleyecegimi", "ailem bilmiyor", "esim bilmiyor", "iyi degilim", "uyuyamiyorum", "titriyorum", "imdat", "caresiz", "panik", "korkuyorum", "agliyorum", "yalvariyorum", "ne yapacagimi bilmiyorum"},
	"id": {"gimana bilangnya", "keluarga belum tahu", "istri belum tahu", "keluarga gak tau", "tidak baik-baik saja", "gak baik-baik aja", "nggak baik-baik aja", "tidak bisa tidur", "gak bisa tidur", "stres berat", "putus asa", "panik", "takut sekali", "menangis", "saya mohon", "tidak tahu harus", "nggak tahu harus", "gak tau harus"},
	"vi": {"nha em chua biet", "gia dinh chua biet", "chua dam noi", "khong dam noi", "em khong on", "toi khong on", "minh khong on", "khong ngu duoc", "run het nguoi", "cuu toi", "tuyet vong", "hoang loan", "so qua", "dang khoc", "khong biet phai lam sao", "khong biet lam sao", "sap dien", "phat dien", "dien mat"},
	"ar": {"ما أدري كيف أقول", "لا أعرف كيف أقول", "أهلي ما يدرون", "لست بخير", "مو بخير", "مش كويس", "لا أستطيع النوم", "ما قدرت أنام", "النجدة", "يائس", "خائف", "أبكي", "ابكي", "أرجوكم", "ارجوكم", "لا أعرف ماذا أفعل", "لا اعرف ماذا افعل"},
	"zh": {"不敢告诉", "家里人还不知道", "不知道怎么跟家里", "我不太好", "我很不好", "睡不着", "心态崩了", "浑身发抖", "救命", "求求", "绝望", "崩溃", "害怕", "哭了", "不知道怎么办", "怎么办啊", "急死"},
	"ja": {"家族に言えない", "妻に言えない", "どう伝えれば", "大丈夫じゃない", "眠れない", "手が震え", "助けて", "絶望", "パニック", "怖い", "泣いて", "どうしたらいいか", "どうすればいいか分から"},
	"ko": {"가족한테 말 못", "아내한테 말 못", "어떻게 말해야 할지 모르", "괜찮지 않", "잠을 못", "손이 떨", "멘붕", "살려", "절망", "패닉", "무서워", "울고", "제발", "어떡해", "어떻게 해야 할지"},
	"th": {"ไม่กล้าบอก", "จะบอกที่บ้านยังไง", "ไม่โอเค", "นอนไม่หลับ", "มือสั่น", "ช่วยด้วย", "สิ้นหวัง", "ตกใจมาก", "กลัวมาก", "ร้องไห้", "ขอร้อง", "ไม่รู้จะทำยังไง"},
}

// humanCues: asking for a person, also by asking to be called back or
// answered by e-mail, which only a person does.
var humanCues = cueSet{
	"en": {"call me back", "call back", "by email instead", "answer me by email", "reply by email", "human", "real person", "actual person", "live person", "live agent", "an agent", "real agent", "to an agent", "operator", "speak to someone", "talk to someone", "speak with someone", "talk to a person", "speak to a person", "representative", "not a bot", "no bot", "stop the bot", "call me", "connect me to support"},
	"ru": {"перезвоните", "перезвонить", "ответьте на почту", "ответьте пожалуйста на почту", "с человеком", "на специалиста", "со специалистом", "живой человек", "живым человеком", "живого человека", "нужен человек", "дайте человека", "позовите человека", "оператор", "с сотрудником", "не бот", "без бота", "позвоните мне"},
	"uk": {"передзвоніть", "передзвонити", "відповісти на пошту", "відповідь на пошту", "з людиною", "на спеціаліста", "зі спеціалістом", "жива людина", "живою людиною", "живу людину", "потрібна людина", "оператор", "зі співробітником", "не бот"},
	"es": {"me podrian llamar", "llamenme", "responder por correo", "respuesta por correo", "humano", "persona real", "un agente", "operador", "asesor", "hablar con alguien", "no quiero un bot", "no quiero bot", "con una persona"},
	"pt": {"me ligar", "me liga", "resposta por email", "responder por email", "humano", "pessoa real", "atendente", "um agente", "operador", "falar com alguem", "nao quero robo", "nao quero bot", "com uma pessoa"},
	"fr": {"etre rappele", "me rappeler", "rappelez-moi", "repondre par mail", "humain", "vraie personne", "un conseiller", "un agent", "operateur", "parler a quelqu'un", "pas de robot", "pas un robot", "service client"},
	"de": {"ruckruf", "rufen sie mich", "per email antworten", "per mail antworten", "mensch", "echte person", "echten mitarbeiter", "echten person", "mit einem mitarbeiter", "einen mitarbeiter", "berater", "agenten", "keinen bot", "kein bot"},
	"it": {"richiamarmi", "chiamarmi", "rispondete via mail", "rispondere via mail", "umano", "persona vera", "persona reale", "operatore", "un agente", "parlare con qualcuno", "non voglio un bot", "assistenza clienti"},
	"pl": {"oddzwonic", "zadzwonic do mnie", "odpowiedziec mailem", "człowiek", "czlowiek", "czlowiekiem", "konsultant", "prawdziw", "żywy", "zywy", "nie chce bota", "obsluga klienta", "obsługa klienta"},
	"tr": {"beni arayabilir", "geri arama", "mail ile donus", "insanla", "gercek bir kisi", "temsilciye", "temsilciyle", "canli destek", "bot istemiyorum", "musteri hizmetleriyle", "yetkiliyle"},
	"id": {"telpon saya", "telepon saya", "balas lewat email", "balas via email", "manusia", "orang sungguhan", "orang asli", "ke agen", "dengan agen", "operator", "tidak mau bot", "bukan bot"},
	"vi": {"goi lai cho", "tra loi qua email", "nguoi that", "noi chuyen voi nguoi", "gap nhan vien", "noi chuyen voi nhan vien", "tu van vien", "tong dai vien", "khong muon bot", "gap nguoi", "nguoi ho tro truc tiep"},
	"ar": {"تتصلون علي", "اتصلوا علي", "الرد على الايميل", "انسان", "إنسان", "شخص حقيقي", "مع موظف", "إلى موظف", "الى موظف", "وكيل دعم", "لا أريد روبوت", "لا اريد روبوت"},
	"zh": {"回个电话", "回电话", "邮件回复", "人工", "真人", "客服人员", "转人工", "活人", "不要机器人"},
	"ja": {"折り返し", "電話をください", "メールで返信", "メールで回答", "人と話", "オペレーター", "担当者と", "担当者をお願い", "有人対応", "人間", "ボットは嫌", "ボットではなく"},
	"ko": {"전화 한 통", "전화 주", "메일로 답변", "상담원", "상담사", "사람이랑", "사람과", "진짜 사람", "실제 상담", "봇 말고", "고객센터"},
	"th": {"โทรกลับ", "ตอบทางอีเมล", "คุยกับคน", "ขอเจ้าหน้าที่", "ขอสายเจ้าหน้าที่", "คุยกับเจ้าหน้าที่", "คนจริง", "ไม่เอาบอท"},
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
	compromised, scam, loss, impostor, sent, distress, human, remote, gone, completed, notCompleted foldedCues
	patterns                                                                                        scamFolded
	harm                                                                                            harmFolded
}

func newSignalCues() *signalCues {
	return &signalCues{compromisedCues.folded(), scamCues.folded(), lossCues.folded(), impostorCues.folded(),
		sentCues.folded(), distressCues.folded(), humanCues.folded(), remoteCues.folded(), goneCues.folded(),
		completedCues.folded(), notCompletedCues.folded(), newScamFolded(), newHarmFolded()}
}

// lossThreshold is the sum, in dollars or the stablecoins that track them,
// from which a loss is high stakes: money handed to a fraudster counts
// from a smaller sum than money that is late.
func lossThreshold(intent string, completed bool) float64 {
	switch {
	case intent == IntentP2PDispute:
		return 2000
	case intent == IntentWithdrawalDelayed && completed:
		return 100_000 // see completedCues
	}
	return 10000
}

// cueHits are the cues a message carries.
type cueHits struct {
	compromised, scam, loss, impostor, sent, distress, human bool
	// completed: the message says a transfer shows as done.
	completed bool
	// lured: a drainer's signature, an "investment" or a fee before a
	// payout; swapped: the customer's number was taken over.
	lured, swapped bool
	// humanFirst: the request for a person opens the message, which is
	// then mainly that request.
	humanFirst bool
	// gone: money that was there is missing; cautious: the customer asks
	// how to stay safe and has neither sent nor lost anything.
	gone, cautious bool
	// harm: the cues of harm.go.
	harm harmHits
}

func (sc *signalCues) hits(text string) cueHits {
	t := foldMarks(strings.ToLower(text))
	sent, remote, gone := hasCue(t, sc.sent), hasCue(t, sc.remote), hasCue(t, sc.gone)
	impostor := hasCue(t, sc.impostor)
	pattern := sc.patterns.match(t)
	// Fear said while asking how to stay safe ("I'm afraid of SIM
	// swaps: how do I switch to an app?") is caution, not distress. A
	// customer who names a sum they put in ("I put 37,000 USDT into their
	// platform: is this a scam?") asks too late for that.
	cautious := pattern.asking && !sent && !gone && largestSum(text) < smallSum
	harm := sc.harm.hits(t)
	return cueHits{
		compromised: hasCue(t, sc.compromised),
		// A scam that already happened: named as such; money or secrets
		// given to someone posing as staff, or that someone steering the
		// customer's device; a remote session followed by money sent or
		// missing; or one of the patterns of scam_cues.go. However calmly
		// the message opens, these come later.
		scam:       hasCue(t, sc.scam) || impostor && (sent || remote) || remote && (sent || gone) || pattern.inOne(sent, gone),
		completed:  hasCue(t, sc.completed) && !hasCue(t, sc.notCompleted),
		lured:      !cautious && (pattern.signed && (gone || sent) || pattern.investment || pattern.feeToWithdraw),
		swapped:    !cautious && pattern.simSwap,
		loss:       hasCue(t, sc.loss),
		sent:       sent,
		distress:   hasCue(t, sc.distress) && !cautious || shouting(text) || harm.despair,
		human:      hasCue(t, sc.human),
		humanFirst: leadingCue(t, sc.human),
		gone:       gone,
		cautious:   cautious,
		harm:       harm,
	}
}

// leadingCue reports whether a cue starts within the first third of t or
// its first 40 bytes.
func leadingCue(t string, cues foldedCues) bool {
	at := cueAt(t, cues)
	return at >= 0 && (at < 40 || at < len(t)/3)
}

// highStakes decides from the cues, the final intent and its confidence,
// and the largest sum named: someone else in the account, a scam that
// already took money or secrets, or a large sum lost.
func (h cueHits) highStakes(intent string, confidence, sum float64) bool {
	switch {
	case h.compromised || h.scam:
		return true
	case h.loss && !ordinaryIntents[intent]:
		return true
	case intent == IntentAccountCompromised && confidence >= 0.3:
		return true
	case lossIntent(intent) && sum >= lossThreshold(intent, h.completed):
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

// wordStart reports whether a word starts at byte at of t. Arabic joins
// "and" (و) and "so" (ف) to the next word, so a cue may follow either.
func wordStart(t string, at int) bool {
	prev, n := utf8.DecodeLastRuneInString(t[:at])
	if at == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
		return true
	}
	if prev != 'و' && prev != 'ف' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(t[:at-n])
	return at == n || !unicode.IsLetter(before) && !unicode.IsDigit(before)
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
			if anywhere || wordStart(t, at) {
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
