package kb

// The help center's own words in the 17 languages. Categories are named in
// Categories' order.
type ui struct {
	Name        string // the language's name in itself
	HelpCenter  string
	Search      string // the button
	SearchHint  string // the field's placeholder
	Categories  [6]string
	Helpful     string
	Yes, No     string
	Thanks      string
	Related     string
	NotInLang   string // shown above an English fallback
	NoResults   string
	ResultsFor  string // followed by the query
	Popular     string
	TooMany     string // feedback refused by the rate limit
	ContactHint string
}

var uiText = map[string]ui{
	"en": {"English", "Help Center", "Search", "Search for answers…",
		[6]string{"Deposits", "Withdrawals", "Account security", "Identity verification", "Trading and earn", "Your account"},
		"Was this article helpful?", "Yes", "No", "Thank you for your feedback.", "Related articles",
		"This article is not available in your language yet; here it is in English.", "No articles found. Try other words.", "Results for", "Popular articles",
		"Too many answers from your network; please try again later.", "Still need help? Open the chat."},
	"zh": {"中文", "帮助中心", "搜索", "搜索答案…",
		[6]string{"充值", "提现", "账户安全", "身份认证", "交易与理财", "您的账户"},
		"这篇文章对您有帮助吗？", "有帮助", "没有帮助", "感谢您的反馈。", "相关文章",
		"本文暂无您的语言版本，以下为英文原文。", "未找到文章，请换个说法试试。", "搜索结果：", "热门文章",
		"您的网络提交次数过多，请稍后再试。", "仍需帮助？请打开在线聊天。"},
	"es": {"Español", "Centro de ayuda", "Buscar", "Busca respuestas…",
		[6]string{"Depósitos", "Retiros", "Seguridad de la cuenta", "Verificación de identidad", "Trading y earn", "Tu cuenta"},
		"¿Te resultó útil este artículo?", "Sí", "No", "Gracias por tu opinión.", "Artículos relacionados",
		"Este artículo aún no está disponible en tu idioma; aquí lo tienes en inglés.", "No se encontraron artículos. Prueba con otras palabras.", "Resultados para", "Artículos populares",
		"Demasiadas respuestas desde tu red; inténtalo más tarde.", "¿Sigues necesitando ayuda? Abre el chat."},
	"pt": {"Português", "Central de ajuda", "Pesquisar", "Pesquise respostas…",
		[6]string{"Depósitos", "Saques", "Segurança da conta", "Verificação de identidade", "Trading e earn", "Sua conta"},
		"Este artigo foi útil?", "Sim", "Não", "Obrigado pelo seu feedback.", "Artigos relacionados",
		"Este artigo ainda não está disponível no seu idioma; aqui está em inglês.", "Nenhum artigo encontrado. Tente outras palavras.", "Resultados para", "Artigos populares",
		"Respostas demais da sua rede; tente novamente mais tarde.", "Ainda precisa de ajuda? Abra o chat."},
	"ru": {"Русский", "Центр помощи", "Найти", "Поиск ответов…",
		[6]string{"Депозиты", "Вывод средств", "Безопасность аккаунта", "Верификация личности", "Торговля и доход", "Ваш аккаунт"},
		"Была ли статья полезной?", "Да", "Нет", "Спасибо за отзыв.", "Похожие статьи",
		"Эта статья пока не переведена на ваш язык; ниже английская версия.", "Статьи не найдены. Попробуйте другие слова.", "Результаты по запросу", "Популярные статьи",
		"Слишком много ответов из вашей сети; попробуйте позже.", "Нужна помощь? Откройте чат."},
	"tr": {"Türkçe", "Yardım Merkezi", "Ara", "Yanıt arayın…",
		[6]string{"Yatırmalar", "Çekimler", "Hesap güvenliği", "Kimlik doğrulama", "İşlem ve kazanç", "Hesabınız"},
		"Bu makale yardımcı oldu mu?", "Evet", "Hayır", "Geri bildiriminiz için teşekkürler.", "İlgili makaleler",
		"Bu makale henüz dilinizde yok; İngilizcesi aşağıda.", "Makale bulunamadı. Başka kelimeler deneyin.", "Sonuçlar:", "Popüler makaleler",
		"Ağınızdan çok fazla yanıt geldi; lütfen daha sonra tekrar deneyin.", "Hâlâ yardım mı gerekiyor? Sohbeti açın."},
	"vi": {"Tiếng Việt", "Trung tâm trợ giúp", "Tìm kiếm", "Tìm câu trả lời…",
		[6]string{"Nạp tiền", "Rút tiền", "Bảo mật tài khoản", "Xác minh danh tính", "Giao dịch và sinh lời", "Tài khoản của bạn"},
		"Bài viết này có hữu ích không?", "Có", "Không", "Cảm ơn phản hồi của bạn.", "Bài viết liên quan",
		"Bài viết này chưa có bằng ngôn ngữ của bạn; dưới đây là bản tiếng Anh.", "Không tìm thấy bài viết. Hãy thử từ khác.", "Kết quả cho", "Bài viết phổ biến",
		"Quá nhiều phản hồi từ mạng của bạn; vui lòng thử lại sau.", "Vẫn cần trợ giúp? Hãy mở cửa sổ chat."},
	"fr": {"Français", "Centre d'aide", "Rechercher", "Rechercher une réponse…",
		[6]string{"Dépôts", "Retraits", "Sécurité du compte", "Vérification d'identité", "Trading et earn", "Votre compte"},
		"Cet article vous a-t-il aidé ?", "Oui", "Non", "Merci pour votre retour.", "Articles associés",
		"Cet article n'est pas encore traduit dans votre langue ; le voici en anglais.", "Aucun article trouvé. Essayez d'autres mots.", "Résultats pour", "Articles populaires",
		"Trop de réponses depuis votre réseau ; réessayez plus tard.", "Besoin d'aide ? Ouvrez le chat."},
	"de": {"Deutsch", "Hilfe-Center", "Suchen", "Antworten suchen…",
		[6]string{"Einzahlungen", "Auszahlungen", "Kontosicherheit", "Identitätsprüfung", "Handel und Earn", "Ihr Konto"},
		"War dieser Artikel hilfreich?", "Ja", "Nein", "Danke für Ihr Feedback.", "Ähnliche Artikel",
		"Dieser Artikel ist noch nicht in Ihrer Sprache verfügbar; hier ist die englische Fassung.", "Keine Artikel gefunden. Versuchen Sie andere Wörter.", "Ergebnisse für", "Beliebte Artikel",
		"Zu viele Antworten aus Ihrem Netz; bitte später erneut versuchen.", "Brauchen Sie weitere Hilfe? Öffnen Sie den Chat."},
	"it": {"Italiano", "Centro assistenza", "Cerca", "Cerca una risposta…",
		[6]string{"Depositi", "Prelievi", "Sicurezza dell'account", "Verifica dell'identità", "Trading ed earn", "Il tuo account"},
		"Questo articolo ti è stato utile?", "Sì", "No", "Grazie per il tuo feedback.", "Articoli correlati",
		"Questo articolo non è ancora disponibile nella tua lingua; eccolo in inglese.", "Nessun articolo trovato. Prova con altre parole.", "Risultati per", "Articoli più letti",
		"Troppe risposte dalla tua rete; riprova più tardi.", "Serve ancora aiuto? Apri la chat."},
	"id": {"Bahasa Indonesia", "Pusat Bantuan", "Cari", "Cari jawaban…",
		[6]string{"Deposit", "Penarikan", "Keamanan akun", "Verifikasi identitas", "Trading dan earn", "Akun Anda"},
		"Apakah artikel ini membantu?", "Ya", "Tidak", "Terima kasih atas masukan Anda.", "Artikel terkait",
		"Artikel ini belum tersedia dalam bahasa Anda; berikut versi bahasa Inggris.", "Artikel tidak ditemukan. Coba kata lain.", "Hasil untuk", "Artikel populer",
		"Terlalu banyak jawaban dari jaringan Anda; coba lagi nanti.", "Masih butuh bantuan? Buka chat."},
	"ar": {"العربية", "مركز المساعدة", "بحث", "ابحث عن إجابة…",
		[6]string{"الإيداعات", "السحوبات", "أمان الحساب", "التحقق من الهوية", "التداول والربح", "حسابك"},
		"هل كانت هذه المقالة مفيدة؟", "نعم", "لا", "شكرًا على ملاحظاتك.", "مقالات ذات صلة",
		"هذه المقالة غير متوفرة بلغتك بعد؛ إليك النسخة الإنجليزية.", "لم يتم العثور على مقالات. جرّب كلمات أخرى.", "نتائج البحث عن", "المقالات الشائعة",
		"إجابات كثيرة جدًا من شبكتك؛ حاول مرة أخرى لاحقًا.", "هل ما زلت بحاجة إلى مساعدة؟ افتح المحادثة."},
	"uk": {"Українська", "Центр допомоги", "Знайти", "Пошук відповідей…",
		[6]string{"Депозити", "Виведення коштів", "Безпека акаунта", "Верифікація особи", "Торгівля та дохід", "Ваш акаунт"},
		"Чи була ця стаття корисною?", "Так", "Ні", "Дякуємо за відгук.", "Схожі статті",
		"Ця стаття ще не перекладена вашою мовою; нижче англійська версія.", "Статей не знайдено. Спробуйте інші слова.", "Результати за запитом", "Популярні статті",
		"Забагато відповідей з вашої мережі; спробуйте пізніше.", "Потрібна допомога? Відкрийте чат."},
	"pl": {"Polski", "Centrum pomocy", "Szukaj", "Szukaj odpowiedzi…",
		[6]string{"Wpłaty", "Wypłaty", "Bezpieczeństwo konta", "Weryfikacja tożsamości", "Handel i earn", "Twoje konto"},
		"Czy ten artykuł był pomocny?", "Tak", "Nie", "Dziękujemy za opinię.", "Powiązane artykuły",
		"Ten artykuł nie jest jeszcze dostępny w Twoim języku; oto wersja angielska.", "Nie znaleziono artykułów. Spróbuj innych słów.", "Wyniki dla", "Popularne artykuły",
		"Zbyt wiele odpowiedzi z Twojej sieci; spróbuj później.", "Nadal potrzebujesz pomocy? Otwórz czat."},
	"ja": {"日本語", "ヘルプセンター", "検索", "答えを検索…",
		[6]string{"入金", "出金", "アカウントのセキュリティ", "本人確認", "取引と運用", "お客様のアカウント"},
		"この記事は役に立ちましたか？", "はい", "いいえ", "フィードバックをありがとうございます。", "関連記事",
		"この記事はまだお客様の言語に翻訳されていません。英語版を表示しています。", "記事が見つかりません。別の言葉でお試しください。", "検索結果：", "よく読まれている記事",
		"お使いのネットワークからの回答が多すぎます。後でもう一度お試しください。", "まだお困りですか？チャットを開いてください。"},
	"ko": {"한국어", "고객센터", "검색", "답변 검색…",
		[6]string{"입금", "출금", "계정 보안", "신원 인증", "거래 및 이자", "내 계정"},
		"이 글이 도움이 되었나요?", "예", "아니요", "의견을 보내 주셔서 감사합니다.", "관련 글",
		"이 글은 아직 사용자의 언어로 번역되지 않았습니다. 영어 원문을 보여 드립니다.", "글을 찾지 못했습니다. 다른 단어로 검색해 보세요.", "검색 결과:", "인기 글",
		"네트워크에서 응답이 너무 많습니다. 잠시 후 다시 시도하세요.", "아직 도움이 필요하신가요? 채팅을 열어 주세요."},
	"th": {"ไทย", "ศูนย์ช่วยเหลือ", "ค้นหา", "ค้นหาคำตอบ…",
		[6]string{"การฝากเงิน", "การถอนเงิน", "ความปลอดภัยของบัญชี", "การยืนยันตัวตน", "การเทรดและรายได้", "บัญชีของคุณ"},
		"บทความนี้มีประโยชน์หรือไม่", "ใช่", "ไม่", "ขอบคุณสำหรับความคิดเห็น", "บทความที่เกี่ยวข้อง",
		"บทความนี้ยังไม่มีในภาษาของคุณ จึงแสดงฉบับภาษาอังกฤษ", "ไม่พบบทความ ลองใช้คำอื่น", "ผลการค้นหาสำหรับ", "บทความยอดนิยม",
		"มีการตอบจากเครือข่ายของคุณมากเกินไป โปรดลองอีกครั้งภายหลัง", "ยังต้องการความช่วยเหลือ? เปิดแชท"},
}

// categoryName is category's name in lang.
func categoryName(lang, category string) string {
	for i, c := range Categories {
		if c == category {
			return uiText[lang].Categories[i]
		}
	}
	return category
}
