package telegram

import "strings"

// welcome is the bot's first message in each of the 17 languages: how to
// tell the official bot from impostors. {bot} is the bot's @username and
// {site} the exchange's site, where /verify lives.
var welcome = map[string]string{
	"en": "Hello! This is the official support bot of the exchange: {bot}.\nHow to tell us from fakes:\n• Our username is exactly {bot}; open it only from links on {site}.\n• We never write to you first, and never ask for your seed phrase, password, 2FA codes or for a transfer of funds.\n• Check any account, link or agent at {site}/verify, or send /verify @name here.\nWrite your question and an agent will answer in this chat.",
	"zh": "您好！这是交易所的官方客服机器人：{bot}。\n如何识别假冒者：\n• 我们的用户名严格为 {bot}，只通过 {site} 上的链接打开。\n• 我们绝不会主动联系您，也绝不会索要助记词、密码、双重验证码或要求您转账。\n• 在 {site}/verify 核实任何账号、链接或客服，或在此发送 /verify @用户名。\n请写下您的问题，客服会在此回复。",
	"es": "¡Hola! Este es el bot oficial de soporte del exchange: {bot}.\nCómo distinguirnos de los falsos:\n• Nuestro usuario es exactamente {bot}; ábrelo solo desde enlaces en {site}.\n• Nunca te escribimos primero ni te pedimos tu frase semilla, contraseña, códigos 2FA ni que transfieras fondos.\n• Verifica cualquier cuenta, enlace o agente en {site}/verify, o envía aquí /verify @nombre.\nEscribe tu pregunta y un agente te responderá en este chat.",
	"pt": "Olá! Este é o bot oficial de suporte da exchange: {bot}.\nComo nos distinguir de falsos:\n• Nosso usuário é exatamente {bot}; abra-o apenas por links em {site}.\n• Nunca escrevemos primeiro e nunca pedimos sua frase-semente, senha, códigos 2FA ou transferência de fundos.\n• Verifique qualquer conta, link ou agente em {site}/verify, ou envie /verify @nome aqui.\nEscreva sua pergunta e um agente responderá neste chat.",
	"ru": "Здравствуйте! Это официальный бот поддержки биржи: {bot}.\nКак отличить нас от мошенников:\n• Наше имя пользователя — ровно {bot}; открывайте его только по ссылкам на {site}.\n• Мы никогда не пишем первыми и никогда не просим сид-фразу, пароль, коды 2FA или перевод средств.\n• Проверьте любой аккаунт, ссылку или сотрудника на {site}/verify или отправьте здесь /verify @имя.\nНапишите вопрос, и сотрудник ответит в этом чате.",
	"tr": "Merhaba! Bu, borsanın resmi destek botudur: {bot}.\nSahtelerinden nasıl ayırt edersiniz:\n• Kullanıcı adımız tam olarak {bot}; yalnızca {site} üzerindeki bağlantılardan açın.\n• Size asla ilk biz yazmayız; kurtarma ifadenizi, şifrenizi, 2FA kodlarınızı veya para transferi asla istemeyiz.\n• Herhangi bir hesabı, bağlantıyı veya temsilciyi {site}/verify adresinde doğrulayın ya da burada /verify @ad gönderin.\nSorunuzu yazın, bir temsilci bu sohbette yanıtlayacak.",
	"vi": "Xin chào! Đây là bot hỗ trợ chính thức của sàn: {bot}.\nCách phân biệt với kẻ giả mạo:\n• Tên người dùng của chúng tôi chính xác là {bot}; chỉ mở từ liên kết trên {site}.\n• Chúng tôi không bao giờ nhắn trước, không bao giờ hỏi cụm từ khôi phục, mật khẩu, mã 2FA hay yêu cầu chuyển tiền.\n• Kiểm tra mọi tài khoản, liên kết hoặc nhân viên tại {site}/verify, hoặc gửi /verify @tên tại đây.\nHãy viết câu hỏi, nhân viên sẽ trả lời trong cuộc trò chuyện này.",
	"fr": "Bonjour ! Ceci est le bot officiel du support de la plateforme : {bot}.\nComment nous distinguer des imposteurs :\n• Notre nom d'utilisateur est exactement {bot} ; ouvrez-le seulement depuis les liens sur {site}.\n• Nous ne vous écrivons jamais en premier et ne demandons jamais votre phrase de récupération, mot de passe, codes 2FA ni un transfert de fonds.\n• Vérifiez tout compte, lien ou agent sur {site}/verify, ou envoyez ici /verify @nom.\nÉcrivez votre question, un agent vous répondra dans ce chat.",
	"de": "Hallo! Dies ist der offizielle Support-Bot der Börse: {bot}.\nSo erkennen Sie Fälschungen:\n• Unser Benutzername lautet genau {bot}; öffnen Sie ihn nur über Links auf {site}.\n• Wir schreiben Sie nie zuerst an und fragen nie nach Ihrer Seed-Phrase, Ihrem Passwort, 2FA-Codes oder einer Überweisung.\n• Prüfen Sie jedes Konto, jeden Link oder Mitarbeiter unter {site}/verify oder senden Sie hier /verify @name.\nSchreiben Sie Ihre Frage, ein Mitarbeiter antwortet in diesem Chat.",
	"it": "Ciao! Questo è il bot ufficiale di assistenza dell'exchange: {bot}.\nCome riconoscerci dai falsi:\n• Il nostro nome utente è esattamente {bot}; aprilo solo dai link su {site}.\n• Non ti scriviamo mai per primi e non chiediamo mai la frase seed, la password, i codici 2FA o di trasferire fondi.\n• Verifica qualsiasi account, link o operatore su {site}/verify, oppure invia qui /verify @nome.\nScrivi la tua domanda e un operatore risponderà in questa chat.",
	"id": "Halo! Ini adalah bot dukungan resmi bursa: {bot}.\nCara membedakan kami dari penipu:\n• Nama pengguna kami persis {bot}; buka hanya dari tautan di {site}.\n• Kami tidak pernah menghubungi Anda lebih dulu, tidak pernah meminta frasa pemulihan, kata sandi, kode 2FA, atau transfer dana.\n• Periksa akun, tautan, atau agen apa pun di {site}/verify, atau kirim /verify @nama di sini.\nTulis pertanyaan Anda dan agen akan menjawab di obrolan ini.",
	"ar": "مرحبًا! هذا هو بوت الدعم الرسمي للمنصة: {bot}.\nكيف تميّزنا عن المحتالين:\n• اسم المستخدم لدينا هو {bot} تمامًا؛ افتحه فقط من الروابط على {site}.\n• لا نراسلك أولًا أبدًا، ولا نطلب عبارة الاسترداد أو كلمة المرور أو رموز التحقق الثنائي أو تحويل أموال.\n• تحقّق من أي حساب أو رابط أو موظف على {site}/verify، أو أرسل هنا ‎/verify @الاسم.\nاكتب سؤالك وسيرد عليك أحد الموظفين في هذه المحادثة.",
	"uk": "Вітаємо! Це офіційний бот підтримки біржі: {bot}.\nЯк відрізнити нас від шахраїв:\n• Наше ім'я користувача — саме {bot}; відкривайте його лише за посиланнями на {site}.\n• Ми ніколи не пишемо першими і ніколи не просимо сид-фразу, пароль, коди 2FA чи переказ коштів.\n• Перевірте будь-який акаунт, посилання чи співробітника на {site}/verify або надішліть тут /verify @ім'я.\nНапишіть запитання, і співробітник відповість у цьому чаті.",
	"pl": "Cześć! To oficjalny bot wsparcia giełdy: {bot}.\nJak odróżnić nas od oszustów:\n• Nasza nazwa użytkownika to dokładnie {bot}; otwieraj ją tylko z linków na {site}.\n• Nigdy nie piszemy pierwsi i nigdy nie prosimy o frazę seed, hasło, kody 2FA ani o przelew środków.\n• Sprawdź każde konto, link lub konsultanta na {site}/verify albo wyślij tutaj /verify @nazwa.\nNapisz pytanie, a konsultant odpowie w tym czacie.",
	"ja": "こんにちは！こちらは取引所の公式サポートボット {bot} です。\n偽物の見分け方：\n• ユーザー名は正確に {bot} です。{site} 上のリンクからのみ開いてください。\n• 私たちから先に連絡することはなく、シードフレーズ、パスワード、2FAコード、送金を求めることは決してありません。\n• アカウント、リンク、担当者は {site}/verify で確認するか、ここで /verify @名前 を送信してください。\nご質問を書いてください。担当者がこのチャットでお答えします。",
	"ko": "안녕하세요! 거래소 공식 고객지원 봇 {bot}입니다.\n사칭을 구별하는 방법:\n• 저희 사용자 이름은 정확히 {bot}입니다. {site}의 링크로만 여세요.\n• 저희는 먼저 연락하지 않으며 시드 문구, 비밀번호, 2FA 코드나 자금 이체를 절대 요구하지 않습니다.\n• 모든 계정, 링크, 상담원은 {site}/verify에서 확인하거나 여기에서 /verify @이름을 보내세요.\n질문을 남겨 주시면 상담원이 이 채팅에서 답변드립니다.",
	"th": "สวัสดี! นี่คือบอทซัพพอร์ตอย่างเป็นทางการของกระดานเทรด: {bot}\nวิธีแยกเราออกจากมิจฉาชีพ:\n• ชื่อผู้ใช้ของเราคือ {bot} เท่านั้น เปิดจากลิงก์บน {site} เท่านั้น\n• เราไม่ทักคุณก่อน และไม่เคยขอวลีกู้คืน รหัสผ่าน รหัส 2FA หรือให้โอนเงิน\n• ตรวจสอบบัญชี ลิงก์ หรือเจ้าหน้าที่ได้ที่ {site}/verify หรือส่ง /verify @ชื่อ ที่นี่\nพิมพ์คำถามของคุณ แล้วเจ้าหน้าที่จะตอบในแชทนี้",
}

// Welcome is the first message in lang (English when unknown).
func Welcome(lang, bot, site string) string {
	t, ok := welcome[lang]
	if !ok {
		t = welcome["en"]
	}
	return strings.NewReplacer("{bot}", bot, "{site}", site).Replace(t)
}

// Notices the bot sends besides the welcome; English, short.
const (
	noticeLinked   = "Your exchange account is now linked to this chat. Agents see that you signed in through the exchange."
	noticeOnlyText = "Please write your question as text. Never send screenshots of your seed phrase, keys or 2FA codes."
	// After a captioned picture or file: the caption went to the agents,
	// the file did not.
	noticeCaptionOnly = "We read only the text of your message; the picture or file itself was not kept. Please describe what it shows in words. Never send screenshots of your seed phrase, keys or 2FA codes."
	noticeTooLong     = "Your message is too long; please split it into shorter messages."
	noticeGroupsOnly  = "Please write to this bot in a private chat."
	// A link for another account in a chat that is linked already: the
	// link may be someone else's (anyone can send one).
	noticeLinkedElsewhere = "This chat is already linked to your exchange account, so it was not linked to another exchange account. Never open a link someone sent you to link this chat."
)
