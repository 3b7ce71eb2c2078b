package nlu

// Cues for the scams that reach an exchange's support in calm words: the
// customer tells a story (a wallet connected to a site, a number that
// stopped working, a mentor's investment group) and the loss comes late
// or only by implication. Each pattern is named here once;
// scamPattern.inOne says when it makes a case high stakes. A customer who only asks how to
// avoid one (askingCues) and has sent or lost nothing is not in one.

// signedCues: the customer connected a wallet to a site or signed or
// approved something there (a drainer takes the tokens afterwards).
var signedCues = cueSet{
	"en": {"drainer", "connected my wallet", "connect my wallet", "signed a transaction", "signed a message", "signed something", "signed the transaction", "signed it", "signature request", "setapprovalforall", "unlimited approval", "token approval", "approved a contract", "approved the contract", "approved a transaction", "approved the transaction", "airdrop site", "airdrop link", "fake airdrop", "claim site", "walletconnect", "permit signature"},
	"ru": {"дрейнер", "подключил кошел", "подключила кошел", "подписал транзакц", "подписала транзакц", "подписал разрешение", "дал разрешение", "апрув", "сайт аирдроп", "сайт airdrop", "фейковый аирдроп"},
	"uk": {"дрейнер", "підключив гаман", "підключила гаман", "підписав транзакц", "підписала транзакц", "дав дозвіл", "апрув", "фейковий аірдроп"},
	"es": {"drainer", "conecte mi billetera", "conecte mi wallet", "conecte la wallet", "firme una transaccion", "firme la transaccion", "firme algo", "aprobe un contrato", "aprobe el contrato", "airdrop falso"},
	"pt": {"drainer", "conectei minha carteira", "conectei a carteira", "conectei minha wallet", "assinei uma transacao", "assinei a transacao", "assinei algo", "aprovei um contrato", "aprovei o contrato", "airdrop falso"},
	"fr": {"drainer", "connecte mon portefeuille", "connecte mon wallet", "signe une transaction", "signe la transaction", "j'ai signe", "approuve un contrat", "approuve le contrat", "faux airdrop"},
	"de": {"drainer", "wallet verbunden", "wallet verknupft", "transaktion signiert", "etwas signiert", "signiert", "genehmigung erteilt", "vertrag genehmigt", "falscher airdrop", "fake airdrop"},
	"it": {"drainer", "collegato il mio wallet", "collegato il wallet", "collegato il portafoglio", "ho firmato", "approvato un contratto", "approvato il contratto", "airdrop falso"},
	"pl": {"drainer", "podlaczylem portfel", "podlaczylam portfel", "podpisalem", "podpisalam", "zatwierdzilem kontrakt", "zatwierdzilam kontrakt", "falszywy airdrop"},
	"tr": {"drainer", "cuzdanimi bagladim", "cuzdani bagladim", "imzaladim", "onay verdim", "sahte airdrop"},
	"id": {"drainer", "menghubungkan dompet", "connect wallet", "konek wallet", "sambungkan dompet", "tanda tangan transaksi", "saya tanda tangan", "approve kontrak", "airdrop palsu"},
	"vi": {"drainer", "ket noi vi", "da ky giao dich", "ky giao dich", "cap quyen", "airdrop gia"},
	"ar": {"درينر", "ربطت محفظتي", "ربطت المحفظة", "وقعت على", "وقعت معاملة", "موافقة على العقد", "ايردروب مزيف"},
	"zh": {"连接了钱包", "连接钱包", "签了名", "签名了", "签名授权", "无限授权", "授权了", "空投网站", "假空投"},
	"ja": {"ウォレットを接続", "ウォレット接続", "署名し", "承認してしまい", "承認した", "偽のエアドロップ", "ドレイナー"},
	"ko": {"지갑을 연결", "지갑 연결", "서명했", "승인했", "가짜 에어드랍", "드레이너"},
	"th": {"เชื่อมกระเป๋า", "เชื่อมต่อกระเป๋า", "เซ็นธุรกรรม", "กดอนุมัติ", "อนุมัติสัญญา", "แอร์ดรอปปลอม"},
}

// poisonedCues: a look-alike address, typically copied from the
// customer's own history after a scammer's zero-value transfer.
var poisonedCues = cueSet{
	"en": {"address poisoning", "poisoned address", "poisoning", "look-alike address", "lookalike address", "similar address", "same first and last", "first and last characters", "first and last few", "middle characters", "copied the address from my history", "copied it from my history", "copied from my history", "copied from the history", "zero-value transfer", "zero value transfer", "0 usdt transfer"},
	"ru": {"отравлен", "похожий адрес", "похожего адреса", "первые и последние символ", "скопировал адрес из истории", "скопировала адрес из истории", "нулевая транзакц", "нулевой перевод"},
	"uk": {"отруєн", "схожа адреса", "схожу адресу", "перші та останні символ", "скопіював адресу з історії", "скопіювала адресу з історії", "нульова транзакц", "нульовий переказ"},
	"es": {"envenenamiento", "direccion parecida", "direccion similar", "primeros y ultimos caracteres", "copie la direccion del historial", "transferencia de 0", "transferencia de valor cero"},
	"pt": {"envenenamento", "endereco parecido", "endereco semelhante", "primeiros e ultimos caracteres", "copiei o endereco do historico", "transferencia de 0", "transferencia de valor zero"},
	"fr": {"empoisonnement", "adresse ressemblante", "adresse similaire", "premiers et derniers caracteres", "copie l'adresse depuis l'historique", "copie l'adresse dans l'historique", "transfert a zero", "transfert de 0"},
	"de": {"address poisoning", "vergiftet", "ahnliche adresse", "ahnlichen adresse", "ersten und letzten zeichen", "adresse aus dem verlauf kopiert", "adresse aus der historie kopiert", "null-transaktion", "0-usdt-transfer"},
	"it": {"avvelenamento", "indirizzo simile", "indirizzo somigliante", "primi e ultimi caratteri", "copiato l'indirizzo dalla cronologia", "trasferimento da 0", "trasferimento a valore zero"},
	"pl": {"zatrucie adresu", "zatruty adres", "podobny adres", "podobnego adresu", "pierwsze i ostatnie znaki", "skopiowalem adres z historii", "skopiowalam adres z historii", "przelew na 0"},
	"tr": {"adres zehirlenmesi", "zehirlen", "benzer adres", "ilk ve son karakter", "adresi gecmisten kopyaladim", "islem gecmisinden kopyaladim", "0 usdt transfer", "sifir degerli"},
	"id": {"peracunan alamat", "address poisoning", "alamat mirip", "alamat yang mirip", "karakter awal dan akhir", "salin alamat dari riwayat", "menyalin alamat dari riwayat", "transfer 0 usdt"},
	"vi": {"dau doc dia chi", "dia chi gia mao", "dia chi giong", "dia chi na na", "ky tu dau va cuoi", "copy dia chi tu lich su", "sao chep dia chi tu lich su", "giao dich 0 usdt"},
	"ar": {"تسميم العنوان", "عنوان مشابه", "عنوان شبيه", "الأحرف الأولى والأخيرة", "نسخت العنوان من السجل", "تحويل بقيمة صفر"},
	"zh": {"地址投毒", "投毒", "相似地址", "相似的地址", "首尾几位", "前几位和后几位", "从历史记录复制", "从记录里复制", "零转账", "0u转账"},
	"ja": {"アドレスポイズニング", "似たアドレス", "よく似たアドレス", "最初と最後の文字", "履歴からコピー", "0円送金", "ゼロ送金"},
	"ko": {"주소 포이즈닝", "주소 오염", "비슷한 주소", "유사한 주소", "앞뒤 자리", "앞자리와 뒷자리", "기록에서 복사", "내역에서 복사", "0원 전송"},
	"th": {"ที่อยู่ปลอมที่คล้าย", "ที่อยู่คล้าย", "ที่อยู่ที่คล้าย", "ตัวหน้าและตัวท้าย", "คัดลอกที่อยู่จากประวัติ", "โอน 0"},
}

// simSwapCues: the customer's phone number was taken over.
var simSwapCues = cueSet{
	"en": {"sim swap", "sim-swap", "sim swapped", "swapped my sim", "ported my number", "number was ported", "number got ported", "duplicate sim", "number was transferred", "my number was moved", "sim was reissued", "reissued my sim", "new sim was issued"},
	"ru": {"сим-своп", "сим своп", "перевыпустили сим", "перевыпустил сим", "дубликат сим", "сим-карта перестала", "симка перестала", "сим перестала", "номер перенесли"},
	"uk": {"сім-своп", "сім своп", "перевипустили сім", "дублікат сім", "сім-карта перестала", "сімка перестала", "номер перенесли"},
	"es": {"sim swap", "duplicaron mi sim", "duplicado de mi sim", "duplicado de sim", "clonaron mi sim", "mi sim dejo de funcionar", "portaron mi numero"},
	"pt": {"sim swap", "clonaram meu chip", "clonaram o chip", "chip clonado", "meu chip parou", "portaram meu numero", "portabilidade do meu numero"},
	"fr": {"sim swap", "duplicata de ma sim", "duplique ma carte sim", "ma carte sim ne fonctionne plus", "ma sim ne marche plus", "porte mon numero"},
	"de": {"sim-swap", "sim swap", "ersatz-sim", "zweitsim", "meine nummer wurde portiert", "nummer portiert"},
	"it": {"sim swap", "duplicato della sim", "duplicato la mia sim", "sim clonata", "la sim non funziona piu", "portato il mio numero"},
	"pl": {"sim swap", "duplikat karty sim", "duplikat sim", "karta sim przestala", "sim przestala", "przeniesiono moj numer"},
	"tr": {"sim swap", "sim kartim kopyalan", "sim kopyalan", "yeni sim cikarmis", "sim kartim calismiyor", "hattim kapandi", "numaram tasinmis", "hattimi tasimis"},
	"id": {"sim swap", "kartu sim saya diganti", "sim saya diganti", "sim diganti", "sim card saya mati", "kartu sim mati", "nomor saya dipindah"},
	"vi": {"sim swap", "bi doi sim", "doi sim cua toi", "sim mat song", "sim bi chiem", "lam lai sim"},
	"ar": {"تبديل الشريحة", "سرقة الشريحة", "شريحتي توقفت", "الشريحة توقفت", "نقلوا رقمي", "استخرجوا شريحة", "شريحة بدل فاقد", "استخرج شريحة"},
	"zh": {"换卡", "补办了我的", "补卡", "手机卡被", "sim卡被", "号码被转"},
	"ja": {"simスワップ", "sim交換", "simが使えなく", "simが突然", "電話番号が乗っ取", "simが再発行", "sim再発行"},
	"ko": {"유심 복제", "유심이 복제", "유심 교체", "심스와핑", "심 스와핑", "유심이 갑자기", "번호가 이동", "유심이 재발급", "유심 재발급"},
	"th": {"ซิมสวอป", "ถูกสวมซิม", "สวมซิม", "ซิมใช้ไม่ได้", "เบอร์ถูกย้าย", "ออกซิมใหม่"},
}

// lostSignalCues: the phone lost its network, the first sign of a SIM
// swap but also of a trip abroad: it counts with money gone.
var lostSignalCues = cueSet{
	"en": {"phone lost signal", "lost all signal", "no signal on my phone", "no service on my phone"},
	"ru": {"пропала связь"},
	"uk": {"зник зв'язок", "пропав зв'язок"},
	"es": {"me quede sin senal", "sin senal"},
	"pt": {"fiquei sem sinal", "sem sinal"},
	"fr": {"plus de reseau", "perdu le reseau"},
	"de": {"kein netz", "keinen empfang"},
	"it": {"senza campo", "senza segnale"},
	"pl": {"brak zasiegu", "stracilem zasieg", "stracilam zasieg"},
	"tr": {"telefonum cekmiyor"},
	"id": {"tidak ada sinyal", "hilang sinyal"},
	"vi": {"mat song", "khong co song"},
	"ar": {"فقدت الإشارة", "لا توجد إشارة"},
	"zh": {"手机没信号", "突然没信号"},
	"ja": {"圏外になり", "圏外に"},
	"ko": {"신호가 안"},
	"th": {"ไม่มีสัญญาณ"},
}

// investmentCues: an "investment" that is a scam: a group or mentor
// promising returns, a platform that wants a tax or fee before it pays
// out, a friend met online who teaches trading.
var investmentCues = cueSet{
	"en": {"investment group", "trading group", "signal group", "vip group", "mentor", "trading teacher", "guaranteed profit", "guaranteed return", "met on a dating", "dating app", "met online", "online girlfriend", "online boyfriend", "task job", "recharge task", "investment platform", "double my"},
	"ru": {"инвестиционн групп", "инвест групп", "наставник", "ментор", "гарантированн доход", "гарантированн прибыл", "познакомились в интернете", "на сайте знакомств", "инвестиционн платформ", "инвест платформ"},
	"uk": {"інвестиційн груп", "наставник", "ментор", "гарантован дохід", "гарантован прибут", "познайомилися в інтернеті", "на сайті знайомств", "інвестиційн платформ"},
	"es": {"grupo de inversion", "grupo de trading", "grupo de senales", "mentor", "ganancia garantizada", "ganancias garantizadas", "app de citas", "conoci en internet", "plataforma de inversion"},
	"pt": {"grupo de investimento", "grupo de trading", "grupo de sinais", "mentor", "lucro garantido", "retorno garantido", "app de namoro", "conheci na internet", "plataforma de investimento"},
	"fr": {"groupe d'investissement", "groupe de trading", "groupe de signaux", "mentor", "gain garanti", "gains garantis", "rendement garanti", "site de rencontre", "application de rencontre", "rencontre en ligne", "plateforme d'investissement"},
	"de": {"coach", "trading-plattform", "investmentgruppe", "investment-gruppe", "trading-gruppe", "tradinggruppe", "signalgruppe", "mentor", "garantierte rendite", "garantierter gewinn", "dating-app", "online kennengelernt", "investmentplattform", "anlageplattform"},
	"it": {"gruppo di investimento", "gruppo di trading", "gruppo di segnali", "mentore", "mentor", "guadagno garantito", "rendimento garantito", "app di incontri", "conosciuto online", "piattaforma di investimento"},
	"pl": {"grupa inwestycyjn", "grupa tradingow", "grupa sygnal", "mentor", "gwarantowany zysk", "gwarantowane zyski", "aplikacji randkow", "poznalem w internecie", "poznalam w internecie", "platforma inwestycyjn"},
	"tr": {"yatirim grubu", "trade grubu", "sinyal grubu", "mentor", "hoca", "garantili kazanc", "garanti kazanc", "arkadaslik uygulama", "internette tanistim", "yatirim platformu"},
	"id": {"grup investasi", "grup trading", "grup sinyal", "mentor", "profit pasti", "keuntungan dijamin", "untung dijamin", "aplikasi kencan", "kenalan online", "kenal di internet", "platform investasi", "kerja tugas", "tugas online"},
	"vi": {"nhom dau tu", "nhom trading", "nhom tin hieu", "thay day trade", "mentor", "loi nhuan dam bao", "cam ket loi nhuan", "app hen ho", "quen qua mang", "nen tang dau tu", "lam nhiem vu"},
	"ar": {"مجموعة استثمار", "مجموعة تداول", "مجموعة توصيات", "مرشد", "أرباح مضمونة", "ارباح مضمونة", "ربح مضمون", "تطبيق مواعدة", "تعرفت عليه عبر الإنترنت", "منصة استثمار"},
	"zh": {"投资群", "炒币群", "带单", "老师", "导师", "稳赚", "保证收益", "保本", "交友软件", "网上认识", "杀猪盘", "投资平台", "刷单"},
	"ja": {"投資グループ", "投資サークル", "先生", "メンター", "必ず儲か", "利益保証", "元本保証", "マッチングアプリ", "ネットで知り合", "投資プラットフォーム"},
	"ko": {"투자 그룹", "리딩방", "리딩 방", "투자방", "멘토", "선생님", "수익 보장", "원금 보장", "데이팅 앱", "온라인에서 만난", "투자 플랫폼"},
	"th": {"กลุ่มลงทุน", "กลุ่มเทรด", "โค้ช", "อาจารย์สอนเทรด", "การันตีกำไร", "กำไรแน่นอน", "แอปหาคู่", "รู้จักทางออนไลน์", "แพลตฟอร์มลงทุน"},
}

// feeToWithdrawCues: a platform that holds the customer's money until a
// "tax" or "unlock fee" is paid: the end of an investment scam, whoever
// introduced it.
var feeToWithdrawCues = cueSet{
	"en": {"pay tax to withdraw", "unlock fee", "release fee", "unfreeze fee", "verification fee", "pay a deposit to withdraw", "margin to withdraw", "tax to withdraw", "tax before i can withdraw", "tax before withdrawing"},
	"ru": {"налог за вывод", "комиссию за разморозк", "за разблокировку", "налог для вывода", "налог перед выводом", "просят заплатить налог"},
	"uk": {"податок за виведення", "за розблокування", "податок для виведення", "податок перед виведенням"},
	"es": {"impuesto para retirar", "tarifa de desbloqueo", "comision para liberar", "impuesto antes de retirar"},
	"pt": {"pagar uma taxa para sacar", "taxa de liberacao", "taxa de desbloqueio", "imposto para sacar", "imposto antes de sacar"},
	"fr": {"taxe pour retirer", "frais de deblocage", "taxe avant de retirer"},
	"de": {"steuern bevor", "steuer bevor", "gebuhr zur freigabe", "freischaltgebuhr", "entsperrgebuhr", "steuer vor der auszahlung", "steuern vor der auszahlung", "steuern zahlen, bevor ich auszahlen"},
	"it": {"tassa per prelevare", "commissione di sblocco", "tassa prima di prelevare", "per prelevare devo pagare"},
	"pl": {"podatek za wyplate", "oplata za odblokowanie", "podatek przed wyplata", "zeby wyplacic musze zaplacic"},
	"tr": {"cekim icin vergi", "kilit acma ucreti", "cekmek icin vergi"},
	"id": {"pajak penarikan", "biaya pembukaan", "biaya unfreeze", "pajak sebelum penarikan", "bayar pajak dulu"},
	"vi": {"phi mo khoa", "phi giai ngan", "dong thue de rut", "nop thue moi rut", "rut thi bat dong thue"},
	"ar": {"رسوم فك التجميد", "رسوم السحب أولا", "ضريبة قبل السحب", "ضريبة للسحب"},
	"zh": {"交税才能", "个人所得税", "解冻费", "保证金才能提", "先交税"},
	"ja": {"手数料を払わないと", "凍結解除", "税金を払わないと出金", "出金するには税金"},
	"ko": {"출금 수수료를 먼저", "동결 해제", "출금하려면 세금", "세금을 내야 출금"},
	"th": {"เสียภาษีก่อนถอน", "ค่าปลดล็อก", "จ่ายภาษีก่อนถอน", "ต้องจ่ายภาษีก่อน"},
}

// threatCues: threats, blackmail, coercion: a person in danger or under
// pressure needs a person, whatever the intent.
var threatCues = cueSet{
	"en": {"threaten", "blackmail", "extort", "ransom", "kidnap", "gunpoint", "forced me to", "forcing me to", "they know where i live", "hurt my family", "hurt me", "kill me", "coerc"},
	"ru": {"угрожа", "шантаж", "вымога", "похитил", "заставили перевести", "заставляют", "знают где я живу", "убьют"},
	"uk": {"погрожу", "шантаж", "вимагання", "вимагають викуп", "викрал", "змусили переказати", "змушують", "знають де я живу", "вб'ють"},
	"es": {"amenaz", "chantaje", "extorsion", "secuestr", "me obligaron", "me obligan", "saben donde vivo", "me van a matar"},
	"pt": {"ameac", "chantage", "extorsao", "sequestr", "me obrigaram", "me obrigam", "sabem onde moro", "vao me matar"},
	"fr": {"menace", "chantage", "extorsion", "rancon", "enlevement", "kidnapp", "m'ont force", "me forcent", "savent ou j'habite", "vont me tuer"},
	"de": {"droh", "erpress", "entfuhr", "gezwungen", "zwingen mich", "wissen wo ich wohne", "umbringen"},
	"it": {"minacc", "ricatt", "estorsion", "rapit", "mi hanno costretto", "mi costringono", "sanno dove abito", "ammazzare"},
	"pl": {"grozil", "groza mi", "grozba", "grozby", "szantaz", "wymusz", "porwa", "zmusili mnie", "zmuszaja mnie", "wiedza gdzie mieszkam", "zabija mnie"},
	"tr": {"tehdit", "santaj", "zorla gonder", "zorla transfer", "zorladilar", "kacirdilar", "evimi biliyorlar", "oldurecek"},
	"id": {"mengancam", "ancam", "diancam", "memeras", "diperas", "diculik", "dipaksa", "tahu rumah saya", "membunuh saya"},
	"vi": {"de doa", "doa giet", "tong tien", "bat coc", "ep toi", "bi ep", "biet nha toi"},
	"ar": {"يهدد", "تهديد", "هددني", "ابتزاز", "يبتز", "اختطاف", "أجبروني", "اجبروني", "يعرفون أين أسكن", "سيقتلونني"},
	"zh": {"威胁", "恐吓", "勒索", "敲诈", "绑架", "逼我转", "强迫我", "知道我住", "要杀"},
	"ja": {"脅され", "脅迫", "恐喝", "ゆすら", "誘拐", "強要", "無理やり送金", "殺す"},
	"ko": {"협박", "갈취", "납치", "강요", "억지로 송금", "죽이겠"},
	"th": {"ข่มขู่", "แบล็กเมล์", "รีดไถ", "ลักพาตัว", "บังคับให้โอน", "จะฆ่า"},
}

// askingCues: the customer asks how to recognise or avoid a scam, in
// general or before anything happened.
var askingCues = cueSet{
	"en": {"how to avoid", "how can i avoid", "how do i avoid", "how to protect", "how can i protect", "how do i protect", "how to prevent", "how can i prevent", "how do i prevent", "how to recognise", "how to recognize", "how to spot", "how do i know if", "is it safe", "any tips", "before i", "just want to check", "in case", "protect myself", "to protect my", "worried about", "afraid of", "to be safe", "just in case", "how do i switch", "how do i change", "i keep reading", "i read about"},
	"ru": {"как избежать", "как защитить", "как обезопасить", "как распознать", "как понять", "безопасно ли", "на всякий случай", "защититься", "на всякий", "боюсь сим", "читал про", "читала про"},
	"uk": {"як уникнути", "як захистити", "як убезпечити", "як розпізнати", "чи безпечно", "про всяк випадок", "захиститися", "про всяк"},
	"es": {"como evitar", "como protejo", "como proteger", "como prevenir", "como reconocer", "como saber si", "es seguro", "por si acaso", "protegerme", "para evitar"},
	"pt": {"como evitar", "como proteger", "como me proteger", "como prevenir", "como reconhecer", "como saber se", "e seguro", "por precaucao", "me proteger", "para evitar", "por seguranca"},
	"fr": {"comment eviter", "comment proteger", "comment me proteger", "comment prevenir", "comment reconnaitre", "comment savoir si", "est-ce sur", "par precaution", "me proteger", "pour eviter", "prudent"},
	"de": {"wie vermeide", "wie schutze", "wie kann ich mich schutzen", "wie erkenne", "woran erkenne", "ist es sicher", "vorsichtshalber", "zur sicherheit", "schutzen", "um zu vermeiden"},
	"it": {"come evitare", "come proteggere", "come posso proteggermi", "come prevenire", "come riconoscere", "e sicuro", "per sicurezza", "per precauzione", "proteggermi", "per evitare", "per sicurezza", "ho letto"},
	"pl": {"jak uniknac", "jak sie chronic", "jak zabezpieczyc", "jak rozpoznac", "czy to bezpieczne", "na wszelki wypadek", "zabezpieczyc", "chronic sie", "zeby uniknac", "boje sie sim", "czytalem o", "czytalam o"},
	"tr": {"nasil korunur", "nasil korunabilirim", "nasil onlerim", "nasil anlarim", "nasil anlasilir", "guvenli mi", "onlem olarak", "korunmak", "korkuyorum", "onlem"},
	"id": {"bagaimana cara menghindari", "cara menghindari", "cara melindungi", "cara mencegah", "cara mengenali", "apakah aman", "untuk berjaga", "biar aman", "untuk mencegah", "supaya aman"},
	"vi": {"lam sao de tranh", "cach tranh", "cach phong tranh", "cach bao ve", "cach nhan biet", "co an toan khong", "de phong", "cho an toan", "de phong", "phong tranh"},
	"ar": {"كيف أتجنب", "كيف اتجنب", "كيف أحمي", "كيف احمي", "كيف أتعرف", "هل من الآمن", "للاحتياط", "لحماية", "للحماية"},
	"zh": {"如何避免", "怎么避免", "如何防范", "怎么防范", "怎么防止", "如何识别", "怎么识别", "安全吗", "以防万一", "防范", "听说", "为了安全"},
	"ja": {"防ぐには", "防ぐ方法", "避けるには", "見分け方", "見分けるには", "安全ですか", "念のため", "心配なので", "防ぎたい"},
	"ko": {"예방하려면", "예방 방법", "피하려면", "구별하는 방법", "어떻게 알 수", "안전한가요", "혹시 몰라", "걱정돼서", "걱정되어", "예방"},
	"th": {"ป้องกันอย่างไร", "วิธีป้องกัน", "หลีกเลี่ยงอย่างไร", "สังเกตอย่างไร", "ปลอดภัยไหม", "เผื่อไว้", "ป้องกัน", "กันไว้"},
}

// scamPattern is what the scam cues found in one text.
type scamPattern struct {
	signed, poisoned, simSwap, lostSignal, investment, feeToWithdraw, threat, asking bool
}

// scamFolded are the scam cue sets, folded once.
type scamFolded struct {
	signed, poisoned, simSwap, lostSignal, investment, feeToWithdraw, threat, asking foldedCues
}

func newScamFolded() scamFolded {
	return scamFolded{signedCues.folded(), poisonedCues.folded(), simSwapCues.folded(), lostSignalCues.folded(),
		investmentCues.folded(), feeToWithdrawCues.folded(), threatCues.folded(), askingCues.folded()}
}

// match reads the folded, lower-cased text t.
func (f scamFolded) match(t string) scamPattern {
	return scamPattern{
		signed: hasCue(t, f.signed), poisoned: hasCue(t, f.poisoned), simSwap: hasCue(t, f.simSwap), lostSignal: hasCue(t, f.lostSignal),
		investment: hasCue(t, f.investment), feeToWithdraw: hasCue(t, f.feeToWithdraw), threat: hasCue(t, f.threat), asking: hasCue(t, f.asking),
	}
}

// inOne: the patterns say a scam has happened or is under way. A drainer
// needs the tokens to be gone or sent, an "investment" money sent or
// gone, a lost network money gone; a look-alike address, a taken-over
// number, a fee demanded before a payout and threats count alone.
// Leaning to a person when unsure, only a customer who asks how to avoid
// one (or how to protect themselves) and has neither sent nor lost
// anything is left out; threats never are.
func (p scamPattern) inOne(sent, gone bool) bool {
	if p.threat {
		return true
	}
	if p.asking && !sent && !gone {
		return false
	}
	return p.signed && (gone || sent) || p.poisoned || p.simSwap || p.lostSignal && gone || p.investment && (sent || gone) || p.feeToWithdraw
}
