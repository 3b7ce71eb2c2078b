package phone

// pageText is the callback form's words in one language.
type pageText struct {
	Title, Intro, Number, Date, From, To, Submit, Done, Never string
}

// pageTexts are the callback form in the 17 languages.
var pageTexts = map[string]pageText{
	"en": {"Ask us to call you back", "Leave your number and when it suits you; an agent calls you in that window.", "Phone number (with country code)", "Day", "From", "To", "Call me back", "Done: we will call you in the window you chose.", "On the phone we never ask for your seed phrase, password or 2FA codes. To check it is us, we send a confirmation to your exchange app."},
	"zh": {"请我们给您回电", "留下您的号码和方便的时间，客服会在该时段给您回电。", "电话号码（含国家代码）", "日期", "从", "到", "请给我回电", "已完成：我们会在您选择的时段给您回电。", "电话中我们绝不会索要助记词、密码或双重验证码。为确认是我们，我们会向您的交易所 App 发送确认请求。"},
	"es": {"Pídenos que te llamemos", "Deja tu número y cuándo te viene bien; un agente te llamará en ese horario.", "Teléfono (con código de país)", "Día", "Desde", "Hasta", "Llamadme", "Listo: te llamaremos en el horario elegido.", "Por teléfono nunca pedimos tu frase semilla, contraseña ni códigos 2FA. Para confirmar que somos nosotros, enviamos una confirmación a tu app del exchange."},
	"pt": {"Peça para ligarmos para você", "Deixe seu número e o melhor horário; um agente ligará nesse período.", "Telefone (com código do país)", "Dia", "De", "Até", "Liguem para mim", "Pronto: ligaremos no horário escolhido.", "Por telefone nunca pedimos sua frase-semente, senha ou códigos 2FA. Para confirmar que somos nós, enviamos uma confirmação ao seu app da exchange."},
	"ru": {"Заказать обратный звонок", "Оставьте номер и удобное время — сотрудник позвонит в этот интервал.", "Номер телефона (с кодом страны)", "День", "С", "До", "Перезвоните мне", "Готово: мы позвоним в выбранное время.", "По телефону мы никогда не просим сид-фразу, пароль или коды 2FA. Чтобы подтвердить, что это мы, мы отправим запрос в приложение биржи."},
	"tr": {"Sizi geri arayalım", "Numaranızı ve uygun zamanı bırakın; bir temsilci sizi bu aralıkta arar.", "Telefon numarası (ülke koduyla)", "Gün", "Başlangıç", "Bitiş", "Beni geri arayın", "Tamam: seçtiğiniz aralıkta sizi arayacağız.", "Telefonda kurtarma ifadenizi, şifrenizi veya 2FA kodlarınızı asla istemeyiz. Biz olduğumuzu doğrulamak için borsa uygulamanıza bir onay göndeririz."},
	"vi": {"Yêu cầu gọi lại", "Để lại số điện thoại và thời gian phù hợp; nhân viên sẽ gọi trong khung giờ đó.", "Số điện thoại (kèm mã quốc gia)", "Ngày", "Từ", "Đến", "Gọi lại cho tôi", "Xong: chúng tôi sẽ gọi trong khung giờ bạn chọn.", "Qua điện thoại chúng tôi không bao giờ hỏi cụm từ khôi phục, mật khẩu hay mã 2FA. Để xác nhận là chúng tôi, chúng tôi gửi yêu cầu xác nhận tới ứng dụng sàn của bạn."},
	"fr": {"Demander à être rappelé", "Laissez votre numéro et le créneau qui vous convient ; un agent vous appelle dans ce créneau.", "Numéro (avec l'indicatif du pays)", "Jour", "De", "À", "Rappelez-moi", "C'est noté : nous vous appellerons dans le créneau choisi.", "Au téléphone, nous ne demandons jamais votre phrase de récupération, mot de passe ou codes 2FA. Pour prouver que c'est nous, nous envoyons une confirmation dans votre app de la plateforme."},
	"de": {"Rückruf anfordern", "Hinterlassen Sie Ihre Nummer und eine passende Zeit; ein Mitarbeiter ruft Sie in diesem Zeitraum an.", "Telefonnummer (mit Ländervorwahl)", "Tag", "Von", "Bis", "Bitte zurückrufen", "Erledigt: Wir rufen Sie im gewählten Zeitraum an.", "Am Telefon fragen wir nie nach Ihrer Seed-Phrase, Ihrem Passwort oder 2FA-Codes. Um zu zeigen, dass wir es sind, senden wir eine Bestätigung an Ihre Börsen-App."},
	"it": {"Chiedi di essere richiamato", "Lascia il tuo numero e quando ti è comodo; un operatore ti chiamerà in quella fascia.", "Numero di telefono (con prefisso internazionale)", "Giorno", "Dalle", "Alle", "Richiamatemi", "Fatto: ti chiameremo nella fascia scelta.", "Al telefono non chiediamo mai la frase seed, la password o i codici 2FA. Per confermare che siamo noi, inviamo una conferma alla tua app dell'exchange."},
	"id": {"Minta kami menelepon balik", "Tinggalkan nomor dan waktu yang cocok; agen akan menelepon pada rentang itu.", "Nomor telepon (dengan kode negara)", "Hari", "Dari", "Sampai", "Telepon saya", "Selesai: kami akan menelepon pada waktu yang Anda pilih.", "Di telepon kami tidak pernah meminta frasa pemulihan, kata sandi, atau kode 2FA. Untuk memastikan itu kami, kami mengirim konfirmasi ke aplikasi bursa Anda."},
	"ar": {"اطلب أن نتصل بك", "اترك رقمك والوقت المناسب لك، وسيتصل بك أحد الموظفين خلاله.", "رقم الهاتف (مع رمز الدولة)", "اليوم", "من", "إلى", "اتصلوا بي", "تم: سنتصل بك في الوقت الذي اخترته.", "لا نطلب أبدًا عبر الهاتف عبارة الاسترداد أو كلمة المرور أو رموز التحقق الثنائي. للتأكد من أننا نحن، نرسل طلب تأكيد إلى تطبيق المنصة لديك."},
	"uk": {"Замовити зворотний дзвінок", "Залиште номер і зручний час — співробітник зателефонує в цей проміжок.", "Номер телефону (з кодом країни)", "День", "З", "До", "Передзвоніть мені", "Готово: ми зателефонуємо у вибраний час.", "Телефоном ми ніколи не просимо сид-фразу, пароль чи коди 2FA. Щоб підтвердити, що це ми, ми надішлемо запит у застосунок біржі."},
	"pl": {"Poproś o oddzwonienie", "Zostaw numer i dogodną porę; konsultant zadzwoni w tym czasie.", "Numer telefonu (z kodem kraju)", "Dzień", "Od", "Do", "Oddzwońcie do mnie", "Gotowe: zadzwonimy w wybranym czasie.", "Przez telefon nigdy nie prosimy o frazę seed, hasło ani kody 2FA. Aby potwierdzić, że to my, wysyłamy potwierdzenie do aplikacji giełdy."},
	"ja": {"折り返し電話を依頼", "電話番号とご都合のよい時間帯を入力してください。その時間帯に担当者がお電話します。", "電話番号（国番号から）", "日付", "開始", "終了", "折り返し電話を依頼する", "受け付けました。ご指定の時間帯にお電話します。", "電話でシードフレーズ、パスワード、2FAコードを尋ねることは決してありません。本人確認は取引所アプリへの確認依頼で行います。"},
	"ko": {"전화 요청하기", "번호와 편한 시간을 남겨 주시면 상담원이 그 시간에 전화드립니다.", "전화번호 (국가 번호 포함)", "날짜", "부터", "까지", "전화 요청", "완료: 선택하신 시간에 전화드리겠습니다.", "전화로 시드 문구, 비밀번호, 2FA 코드를 절대 묻지 않습니다. 본인 확인은 거래소 앱으로 보내는 확인 요청으로 합니다."},
	"th": {"ขอให้เราโทรกลับ", "ฝากเบอร์และเวลาที่สะดวก เจ้าหน้าที่จะโทรหาคุณในช่วงเวลานั้น", "เบอร์โทรศัพท์ (พร้อมรหัสประเทศ)", "วันที่", "ตั้งแต่", "ถึง", "โทรกลับหาฉัน", "เรียบร้อย: เราจะโทรหาคุณในช่วงเวลาที่เลือก", "ทางโทรศัพท์เราไม่เคยขอวลีกู้คืน รหัสผ่าน หรือรหัส 2FA เพื่อยืนยันว่าเป็นเรา เราจะส่งคำขอยืนยันไปยังแอปของกระดานเทรดของคุณ"},
}

func textsFor(lang string) (pageText, string) {
	if t, ok := pageTexts[lang]; ok {
		return t, lang
	}
	return pageTexts["en"], "en"
}
