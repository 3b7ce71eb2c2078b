package detect

import "strings"

// frequentWords are each language's very frequent short words and the
// everyday words of a support message, written the way customers type them
// (Vietnamese also without its diacritics). A word listed for several
// languages counts for each with its weight shared.
var frequentWords = map[string]string{
	"en": `broken scam hacked stolen after before update updated check arrive cant can't won't isn't doesn't wasn't hrs mins still unfair unfairly liquidated refund blocked closed close someone anyone why
rewards reward declined rejected wen wagmi ngmi hodl gm
done nothing wrong
seller buyer chat
failed fail missing stuck waiting lost access need back today went gone coins says balance insufficient
good morning evening hey guys sir pls plz asap
i my me the is are was to and a of in it you your not have has had for on with this that
please help can why how what when where account money deposit deposited withdrawal withdraw withdrew still yet
been wallet received receive arrived sent order funds did does do don't didn't i'm it's thanks thank hi hello
transaction card verify verification locked hours days no but from there here got wrong issue problem`,
	"es": `estafaron robaron estafa robo ayúdenme ayúdame ayudenme ayudame pásame pasame cae cayó onda humano persona agente mande mandé cerrar comisión comisiones alta muy
recibido urgente listo
dale acreditado firma
gracias
correo sigo acceso perdí
buenas buenos noches tardes tarda plata porfa oye gracias cuál cual dónde donde estafa
sin necesito quiero puedo pueden hablar días veces esperando también muy hay eso esto sí vez bien tiene estoy soy son hasta desde nunca ningún ninguna alguien tres dos
el la los las de del que y en mi mis por para con no es está están se un una dinero retiro retirar
cuenta hola ayuda todavía aún ya hace llegó llega pero como cómo qué cuando cuándo favor depósito deposité
tarjeta he han fue hice al lo le me su porque nada tengo mi sigue aparece saldo recibí envié`,
	"pt": `roubado roubada roubaram fui caiu travado travada fechar taxa taxas alta atendente humano
recebido pronto
obrigado
acesso perdi ao travou sumiu
boa bom noite tarde dia golpe pq ta tá pra pro vc pfv cade nao voce tbm demorando obg valeu
sem preciso quero posso podem falar dias vezes esperando também muito tem isso estou sou são até desde nunca nenhum alguém obrigado obrigada cadê três duas
o a os as de do da dos das que e em no na meu minha não é está por para com um uma dinheiro saque
sacar conta olá ola oi ajuda ainda já faz chegou chega mas como quando favor depósito depositei cartão fiz foi
ao me seu sua porque nada tenho continua aparece saldo recebi enviei você vocês isso essa esse`,
	"fr": `frais trop élevé élevés élevée bloqué bloquée refusé refusée vérification identité disparu tout alors perdu volé fermer mon ça
rien
merci
bonsoir salut arnaque pourquoi marche peux veux appli vais suis ai fais
le la les de du des que et en mon ma mes pas est je j'ai ne un une pour avec sur dans argent retrait
retirer compte bonjour aide toujours encore depuis reçu mais comment quand svp merci dépôt carte fait été
au il elle vous votre ce c'est n'est qu'il rien j'ai toujours solde envoyé arrivé`,
	"de": `gesperrt wieso weshalb gehackt gestohlen verloren zinsen gebühren hoch schließen geschlossen
ohne grund über oder auch nur sehr jetzt heute gestern mehr alle diese dieser durch gegen euch uns wir sind waren
erledigt falsch
danke
betrug bei guten abend morgen tag servus moin dringend funktioniert kann bin nichts immer
der die das den dem ich mein meine meinen nicht ist ein eine und zu mit auf für bitte hilfe geld
auszahlung konto hallo noch schon seit angekommen aber wie wann einzahlung karte habe hat wurde wird
es sie kein keine warum was wo mir mich ihr guthaben gesendet erhalten`,
	"it": `fermo fermi bloccata risolto risolta chiudere chiuso hackerato rubato rubati truffato interessi commissioni alte
è dov'è c'è cos'è fatto niente
attendo aspetto aspettando bene voglio parlare operatore dimenticata bloccato sblocco sbloccare liquidato costa meno ore
grazie
cosa faccio fare devo posso può sul nel alla questo questa sempre solo tutto tutti qui dimenticato
truffa sul buonasera buongiorno salve perche perché cosi così anche sto
il lo la i gli le di del della che e in mio mia miei non è ho per con un una soldi prelievo conto
ciao aiuto ancora già da arrivato arrivati ma come quando favore deposito carta fatto stato sono
al mi ha perché niente nessun saldo ricevuto inviato ricevo`,
	"id": `bunga biaya mahal tutup ditutup dibekukan dicuri seminggu minggu sehari bulan
beres kabar
durung mlebu piye opo wis uwis sampun dereng nggih mboten kuwi kowe sampeyan mbak tulung nyuwun suwun nuwun lho wae iso ndak wes kenek koyo piro endi ngendi neng nang karo duwit
duit gue gw elu woy woi anjir anjay bjir njir cuy agan mimin bg tf topup depo cair nyangkut ketahan ketutup knp napa gmn engga enggak lg dgn yg utk buat tp trs jd krn soalnya doang loh yah
posisi likuidasi sendiri dicek cek kena siap butuh bantuan segera tunggu nungguin tolongin bantuin cekin udahan kapan gimana kok belom blom
udah udh sdh blm tdk gk bgt banget aja nih sih gimana ganggu ribet mau lupa gede koin juga kalau kalo sama
makasih terima kasih
wd
gagal nunggu lagi terus katanya padahal cukup hilang kemana pergi akses
selamat pagi siang sore malam min gan bang ya dong deh
saya tidak sudah belum yang di ke dan ini itu dari untuk dengan tolong bantu uang penarikan akun
halo masih sejak sampai tapi bagaimana kapan deposit kartu ada bisa kenapa mengapa akan jam hari dana
kok gak nggak ga sy kak mohon sudah saldo masuk kirim dikirim apa aku`,
	"tr": `durdu kilitlendi reddedildi canlı destek faiz faizi acil kapatmak kapat çalındı dolandırıldım komisyon yüksek
teşekkürler teşekkür sağol
şifre şifremi unuttum yardım hesabım için sorun yaşıyorum
nereye gitti geldi bekliyorum
selam iyi günler akşamlar nerde kaldı
nerede param hesaptan şu ki mu mü musunuz mısınız sonra önce hiçbir şey daha olarak gibi kadar istiyorum yapamıyorum beklemede para
ben benim bir ve bu için ile değil ama çok mi mı hesabım para çekim çekme hesap merhaba yardım hala
hâlâ henüz gelmedi neden nasıl ne zaman yatırma kart yaptım oldu lütfen saat gün
da de bana paramı hesabıma gönderdim yatırdım bakiye hiç yok var`,
	"vi": `lãi phí cao đóng mất
cảm ơn
quên quen mật mat khẩu khau đăng dang nhập nhap khóa khoa lệnh lenh duyệt duyet mạng mang phí phi
ho tro gap oi ad nhe nha ko dc gi j luon nhung
tôi toi không khong của cua là và va đã rút rut tiền tien nạp nap tài tai khoản khoan chưa chua
được duoc giúp giup xin chào chao bao lâu lau nhận nhan gửi gui mình minh sao vẫn van ạ em anh chị chi
về ve vào vao mà ma này nay rồi roi bị bi cho`,
	"pl": `stoi odrzucone odrzucony zablokowany znowu samo wisi hasło hasła prowizja prowizji duża dużo zamknąć zamknięte odsetki kurde zapomniałem zapomniałam zablokowane zablokowali ukradli oszustwo konta
zrobione gotowe
dziękuję dalej
dobranoc hej cześć czesc kasa moge czemu dlugo dzięki dzieki
ile czy jak że tak ten są być był jestem mogę można trzeba bardzo też tylko trwa
nie jest się na w z do i to mój moje moja mi pieniądze wypłata wypłaty konto dzień dobry pomoc
jeszcze już od dotarły ale jak kiedy proszę wpłata karta zrobiłem było mam
mnie moich czy dlaczego co nic saldo wysłałem otrzymałem środki`,
	"ru": `пропало пропали исчезли комиссия закрыть
ошибка приложение пишет
депозит завис висит пришёл заблокирован обманули
отправил отправила отправить получить получается вывести восстановить пароль подтверждения почту приходит вижу видно свой своей моего моей истории заявка заявку заявки отменить отменена отклонен отклонили причины пустой ноль после зачислили вернуть верните позовите поддержка поддержку скажите подскажите запроса аккаунт заблокировали заблокирован ничего делал сделал ждать долго сколько продавец продавцу ликвидировали фьючерсах платеж платёж перевел потерял доступ понял номер тикета дайте добавьте загружается подходит
перевод кошелек
найти нужна нужно помощь срочно очень можно надо вы вас ваш если или только тоже сейчас сегодня вчера
мошенник привет спасибо
могу пришел пришло работает жду ответа дня войти хочу
я мой моя мои не на в и с у что это деньги вывод счет счёт средства еще ещё уже до сих пор
почему как когда помогите пожалуйста получил пришли пополнение карта здравствуйте добрый день
мне меня где так нет был была были`,
	"uk": `зникло зникли зник проходить комісія закрити
дякую
депозит вивід завис висить прийшов прийшли заблоковано ошукали обдурили чому
відправив надіслав отримати вивести відновити пароль підтвердження пошту приходить бачу свій своїй історії заявка заявку скасувати скасовано відхилено причини порожній нуль після зарахували повернути поверніть покличте підтримка підкажіть скажіть запит акаунт заблокували нічого робив зробив чекати довго скільки продавець продавцю ліквідували ф'ючерсах платіж втратив доступ зрозумів номер дайте додайте завантажується закрити криптовалюта нема грошей балансі мережею нарахують доброго підходить
помилка додаток пише
переказ гаманець
потрібна потрібно допомога терміново дуже можна треба ви вас ваш якщо або тільки також зараз сьогодні вчора
шахрай привіт
можу працює чекаю відповідь дні увійти хочу
я мій моя мої не на в і з у що це гроші виведення рахунок кошти ще вже досі чому як коли
допоможіть будь ласка отримав надійшли поповнення картка вітаю добрий день мені мене де так немає
був була були та й`,
}

// loanwords are English words customers of every language drop into their
// own sentences ("help", "pls", "sir"); they count only a little for
// English.
var loanwords = map[string]bool{
	"locked": true, "help": true, "hi": true, "hello": true, "problem": true, "issue": true,
	"thanks": true, "pls": true, "asap": true, "sir": true,
}

// productWords are the exchange's own terms, English in every language's
// messages ("mi withdraw sigue en pending", "staking ödülü gelmedi"):
// they say nothing of the writer's language when other words are there,
// and only a little for English when they are all there is ("kyc
// pending"). Tickers and acronyms such as KYC and P2P never reach here
// (clean.go).
var productWords = map[string]bool{
	"withdraw": true, "withdrawal": true, "withdrawals": true, "deposit": true, "deposits": true,
	"deposited": true, "pending": true, "staking": true, "stake": true, "futures": true,
	"spot": true, "margin": true, "wallet": true, "transfer": true, "swap": true, "airdrop": true,
	"login": true, "account": true, "order": true, "transaction": true, "verify": true,
	"verification": true, "funds": true, "card": true, "chat": true, "seller": true, "buyer": true,
	"freeze": true, "earn": true, "convert": true, "launchpad": true,
}

// wordWeights maps a word to the languages it is frequent in, each with
// its share of one point.
var wordWeights = buildWordWeights()

type langWeight struct {
	lang   string
	weight float64
}

// buildWordWeights also lists each word without its accents, at a little
// less weight: customers on phones type "hesabim", "nao" and "rut tien".
func buildWordWeights() map[string][]langWeight {
	type entry struct {
		langs  []string
		weight float64
	}
	seen := map[string]*entry{}
	add := func(w, lang string, weight float64) {
		e := seen[w]
		if e == nil {
			e = &entry{weight: weight}
			seen[w] = e
		}
		if !contains(e.langs, lang) {
			e.langs = append(e.langs, lang)
		}
		e.weight = max(e.weight, weight)
	}
	for lang, list := range frequentWords {
		for _, w := range strings.Fields(list) {
			add(w, lang, 1)
		}
	}
	for lang, list := range frequentWords {
		for _, w := range strings.Fields(list) {
			if f := fold(w); f != w && seen[f] == nil || f != w && !contains(seen[f].langs, lang) {
				add(f, lang, 0.7)
			}
		}
	}
	m := make(map[string][]langWeight, len(seen))
	for w, e := range seen {
		for _, l := range e.langs {
			m[w] = append(m[w], langWeight{l, e.weight / float64(len(e.langs))})
		}
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// letterHints are letters that one or a few of the Latin or Cyrillic
// languages use: weight per occurrence, shared among those listed.
var letterHints = map[rune]struct {
	langs  []string
	weight float64
}{
	'ş': {[]string{"tr"}, 3}, 'ğ': {[]string{"tr"}, 3}, 'ı': {[]string{"tr"}, 3},
	'ç': {[]string{"tr", "pt", "fr"}, 1.5}, 'ö': {[]string{"tr", "de"}, 1.5}, 'ü': {[]string{"tr", "de"}, 1.5},
	'ß': {[]string{"de"}, 3}, 'ä': {[]string{"de"}, 2.5},
	'ą': {[]string{"pl"}, 3}, 'ę': {[]string{"pl"}, 3}, 'ł': {[]string{"pl"}, 3}, 'ń': {[]string{"pl"}, 3},
	'ś': {[]string{"pl"}, 3}, 'ź': {[]string{"pl"}, 3}, 'ż': {[]string{"pl"}, 3}, 'ć': {[]string{"pl"}, 3},
	'ñ': {[]string{"es"}, 3}, '¿': {[]string{"es"}, 3}, '¡': {[]string{"es"}, 3},
	'ã': {[]string{"pt", "vi"}, 2.5}, 'õ': {[]string{"pt", "vi"}, 2.5},
	'á': {[]string{"es", "pt", "vi"}, 1}, 'í': {[]string{"es", "pt", "vi"}, 1}, 'ó': {[]string{"es", "pt", "pl", "vi"}, 1},
	'ú': {[]string{"es", "pt", "vi"}, 1}, 'é': {[]string{"es", "pt", "fr", "vi"}, 1},
	'â': {[]string{"pt", "fr", "vi", "tr"}, 1}, 'ê': {[]string{"pt", "fr", "vi"}, 1}, 'ô': {[]string{"pt", "fr", "vi"}, 1},
	'è': {[]string{"fr", "it", "vi"}, 1.5}, 'à': {[]string{"fr", "it", "pt", "vi"}, 1}, 'ù': {[]string{"fr", "it", "vi"}, 1.5},
	'ò': {[]string{"it", "vi"}, 2}, 'ì': {[]string{"it", "vi"}, 2},
	'œ': {[]string{"fr"}, 3}, 'û': {[]string{"fr"}, 2}, 'î': {[]string{"fr"}, 2}, 'ï': {[]string{"fr"}, 2}, 'ë': {[]string{"fr"}, 2},
	'ơ': {[]string{"vi"}, 4}, 'ư': {[]string{"vi"}, 4}, 'đ': {[]string{"vi"}, 4}, 'ă': {[]string{"vi"}, 4},
	'і': {[]string{"uk"}, 3}, 'ї': {[]string{"uk"}, 4}, 'є': {[]string{"uk"}, 4}, 'ґ': {[]string{"uk"}, 4},
	'ы': {[]string{"ru"}, 3}, 'э': {[]string{"ru"}, 3}, 'ъ': {[]string{"ru"}, 3}, 'ё': {[]string{"ru"}, 3},
}

// suffixHints are word endings typical of one language.
var suffixHints = []struct {
	suffix string
	lang   string
	weight float64
}{
	{"ção", "pt", 2.5}, {"ções", "pt", 2.5}, {"ão", "pt", 1.5}, {"nh", "vi", 0.5}, {"ng", "vi", 0.3},
	{"ción", "es", 2.5}, {"ung", "de", 1}, {"iert", "de", 1.5}, {"ieren", "de", 1}, {"heit", "de", 1.5}, {"keit", "de", 1.5}, {"sch", "de", 0.5},
	{"zione", "it", 2}, {"mento", "it", 0.5}, {"tion", "en", 0.5}, {"tion", "fr", 0.5}, {"ing", "en", 0.7},
	{"eux", "fr", 1}, {"ment", "fr", 0.5}, {"kan", "id", 1.5}, {"nya", "id", 2}, {"ku", "id", 0.8}, {"lah", "id", 1},
	{"lar", "tr", 1}, {"ler", "tr", 1}, {"mıyor", "tr", 2}, {"miyor", "tr", 2}, {"dım", "tr", 2}, {"dim", "tr", 1},
	{"ość", "pl", 2}, {"ować", "pl", 2}, {"ego", "pl", 0.5}, {"ться", "ru", 2}, {"ться", "uk", 0.5},
	{"ть", "ru", 1.2}, {"ти", "uk", 0.4}, {"ие", "ru", 1}, {"ение", "ru", 0.5}, {"ет", "ru", 0.8}, {"тися", "uk", 2}, {"ает", "ru", 0.8}, {"ння", "uk", 2.5},
	{"шел", "ru", 1.5}, {"шов", "uk", 1.5}, {"ил", "ru", 1}, {"ал", "ru", 0.8}, {"ив", "uk", 1}, {"ав", "uk", 0.8},
	{"medi", "tr", 1.5}, {"madi", "tr", 1.5}, {"digim", "tr", 2}, {"dugum", "tr", 2}, {"ccio", "it", 1}, {"ato", "it", 0.5},
	{"aron", "es", 1.5}, {"ieron", "es", 1.5}, {"aram", "pt", 1.5}, {"eram", "pt", 1}, {"enme", "es", 1.5}, {"adme", "es", 1.5},
	{"alem", "pl", 2}, {"ilem", "pl", 2}, {"ylem", "pl", 2}, {"łem", "pl", 2}, {"łam", "pl", 2}, {"ąć", "pl", 2}, {"eć", "pl", 2},
	{"ated", "en", 1}, {"ied", "en", 1}, {"ally", "en", 1}, {"fully", "en", 1},
	{"ился", "ru", 1.5}, {"ался", "ru", 1.5}, {"ився", "uk", 1.5}, {"ався", "uk", 1.5}, {"ildi", "tr", 1.5}, {"ıldı", "tr", 2}, {"lendi", "tr", 1.5},
	{"lerim", "tr", 2}, {"larım", "tr", 2}, {"yorum", "tr", 2.5}, {"yor", "tr", 2}, {"cja", "pl", 1.5}, {"dan", "tr", 0.5}, {"tan", "tr", 0.5}, {"ого", "ru", 0.5}, {"ий", "uk", 0.5}, {"ый", "ru", 2},
}

// prefixHints are elisions and prefixes typical of one language.
var prefixHints = []struct {
	prefix string
	lang   string
	weight float64
}{
	{"j'", "fr", 2}, {"qu'", "fr", 2}, {"n'", "fr", 1.5}, {"d'", "fr", 1}, {"l'", "fr", 0.7}, {"c'", "fr", 1},
	{"l'", "it", 0.7}, {"dell'", "it", 2}, {"all'", "it", 2}, {"nell'", "it", 2}, {"un'", "it", 2},
	{"meng", "id", 1.5}, {"mem", "id", 0.7}, {"ber", "id", 0.5}, {"di", "id", 0.2}, {"ter", "id", 0.3},
	{"kh", "vi", 1}, {"nh", "vi", 1}, {"ngh", "vi", 1},
	{"ge", "de", 0.3}, {"nie", "pl", 0.5}, {"prz", "pl", 2}, {"wy", "pl", 0.7}, {"sz", "pl", 1},
}

// infixHints are letter groups inside a word that one language writes:
// Polish cz, sz and rz survive typing without diacritics ("prosze",
// "dzieki", "zaplacilem"); German writes rz in a few words (kurz).
var infixHints = []struct {
	infix  string
	lang   string
	weight float64
}{
	{"cz", "pl", 1.2}, {"sz", "pl", 1}, {"rz", "pl", 0.7}, {"szcz", "pl", 1},
}
