package metrics

// surveyText is what the survey page says, in one language.
type surveyText struct {
	Dir                                  string // "rtl" for Arabic
	CSATQ, NPSQ                          string
	CSATLow, CSATHigh, NPSLow, NPSHigh   string
	Comment, Send, Thanks                string
	BadLink, Answered, Expired, Reopened string
	Replaced, Other, Range, TooLong      string
}

// refusal is the text for r.
func (t surveyText) refusal(r Refusal) string {
	switch r {
	case RefAnswered:
		return t.Answered
	case RefExpired:
		return t.Expired
	case RefReopened:
		return t.Reopened
	case RefReplaced:
		return t.Replaced
	case RefOther:
		return t.Other
	case RefRange:
		return t.Range
	case RefComment:
		return t.TooLong
	}
	return t.BadLink
}

// textFor is the survey text in lang, English when there is none.
func textFor(lang string) surveyText {
	if t, ok := surveyTexts[lang]; ok {
		return t
	}
	return surveyTexts["en"]
}

// surveyTexts holds the 17 customer languages (DESIGN.md).
var surveyTexts = map[string]surveyText{
	"en": {"", "How would you rate the help you received?", "How likely are you to recommend us to a friend or colleague?",
		"Very poor", "Excellent", "Not at all likely", "Extremely likely",
		"Anything you would like to add? (optional)", "Send", "Thank you for your feedback!",
		"This survey link is not valid.", "You have answered this survey already. Thank you!", "This survey has closed.",
		"This conversation was reopened. We will ask again when it is solved.", "A newer survey replaced this one.",
		"This survey was sent to someone else.", "Please choose a score on the scale.", "Your comment is too long."},
	"zh": {"", "您如何评价此次获得的帮助？", "您有多大可能向朋友或同事推荐我们？",
		"很差", "非常好", "完全不可能", "极有可能",
		"还有什么想补充的吗？（选填）", "提交", "感谢您的反馈！",
		"此调查链接无效。", "您已回答过此调查，谢谢！", "此调查已关闭。",
		"此对话已重新打开。问题解决后我们会再次询问。", "此调查已被更新的调查取代。",
		"此调查是发给其他人的。", "请在量表上选择一个分数。", "您的评论太长了。"},
	"es": {"", "¿Cómo valorarías la ayuda que recibiste?", "¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?",
		"Muy mala", "Excelente", "Nada probable", "Muy probable",
		"¿Algo que quieras añadir? (opcional)", "Enviar", "¡Gracias por tu opinión!",
		"Este enlace de encuesta no es válido.", "Ya respondiste esta encuesta. ¡Gracias!", "Esta encuesta está cerrada.",
		"Esta conversación se reabrió. Te preguntaremos de nuevo cuando se resuelva.", "Una encuesta más reciente sustituyó a esta.",
		"Esta encuesta se envió a otra persona.", "Elige una puntuación de la escala.", "Tu comentario es demasiado largo."},
	"pt": {"", "Como você avalia a ajuda que recebeu?", "Qual a probabilidade de você nos recomendar a um amigo ou colega?",
		"Muito ruim", "Excelente", "Nada provável", "Extremamente provável",
		"Algo que queira acrescentar? (opcional)", "Enviar", "Obrigado pelo seu feedback!",
		"Este link de pesquisa não é válido.", "Você já respondeu a esta pesquisa. Obrigado!", "Esta pesquisa foi encerrada.",
		"Esta conversa foi reaberta. Perguntaremos novamente quando for resolvida.", "Uma pesquisa mais recente substituiu esta.",
		"Esta pesquisa foi enviada para outra pessoa.", "Escolha uma nota da escala.", "Seu comentário é longo demais."},
	"ru": {"", "Как вы оцениваете полученную помощь?", "Насколько вероятно, что вы порекомендуете нас другу или коллеге?",
		"Очень плохо", "Отлично", "Совсем маловероятно", "Очень вероятно",
		"Хотите что-то добавить? (необязательно)", "Отправить", "Спасибо за отзыв!",
		"Ссылка на опрос недействительна.", "Вы уже ответили на этот опрос. Спасибо!", "Опрос закрыт.",
		"Обращение открыто снова. Мы спросим ещё раз, когда вопрос будет решён.", "Этот опрос заменён более новым.",
		"Этот опрос был отправлен другому человеку.", "Выберите оценку на шкале.", "Комментарий слишком длинный."},
	"tr": {"", "Aldığınız yardımı nasıl değerlendirirsiniz?", "Bizi bir arkadaşınıza veya iş arkadaşınıza önerme olasılığınız nedir?",
		"Çok kötü", "Mükemmel", "Hiç olası değil", "Son derece olası",
		"Eklemek istediğiniz bir şey var mı? (isteğe bağlı)", "Gönder", "Geri bildiriminiz için teşekkürler!",
		"Bu anket bağlantısı geçerli değil.", "Bu anketi zaten yanıtladınız. Teşekkürler!", "Bu anket kapandı.",
		"Bu görüşme yeniden açıldı. Çözüldüğünde tekrar soracağız.", "Bu anketin yerini daha yeni bir anket aldı.",
		"Bu anket başka birine gönderildi.", "Lütfen ölçekten bir puan seçin.", "Yorumunuz çok uzun."},
	"vi": {"", "Bạn đánh giá thế nào về sự hỗ trợ đã nhận được?", "Bạn có khả năng giới thiệu chúng tôi cho bạn bè hoặc đồng nghiệp đến mức nào?",
		"Rất tệ", "Xuất sắc", "Hoàn toàn không", "Rất có thể",
		"Bạn muốn bổ sung điều gì không? (không bắt buộc)", "Gửi", "Cảm ơn phản hồi của bạn!",
		"Liên kết khảo sát này không hợp lệ.", "Bạn đã trả lời khảo sát này rồi. Xin cảm ơn!", "Khảo sát này đã đóng.",
		"Cuộc trò chuyện đã được mở lại. Chúng tôi sẽ hỏi lại khi vấn đề được giải quyết.", "Một khảo sát mới hơn đã thay thế khảo sát này.",
		"Khảo sát này được gửi cho người khác.", "Vui lòng chọn một điểm trên thang.", "Bình luận của bạn quá dài."},
	"fr": {"", "Comment évaluez-vous l'aide reçue ?", "Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?",
		"Très mauvaise", "Excellente", "Pas du tout probable", "Très probable",
		"Quelque chose à ajouter ? (facultatif)", "Envoyer", "Merci pour votre avis !",
		"Ce lien d'enquête n'est pas valide.", "Vous avez déjà répondu à cette enquête. Merci !", "Cette enquête est close.",
		"Cette conversation a été rouverte. Nous vous redemanderons une fois résolue.", "Une enquête plus récente a remplacé celle-ci.",
		"Cette enquête a été envoyée à quelqu'un d'autre.", "Choisissez une note sur l'échelle.", "Votre commentaire est trop long."},
	"de": {"", "Wie bewerten Sie die erhaltene Hilfe?", "Wie wahrscheinlich ist es, dass Sie uns Freunden oder Kollegen empfehlen?",
		"Sehr schlecht", "Ausgezeichnet", "Überhaupt nicht wahrscheinlich", "Äußerst wahrscheinlich",
		"Möchten Sie noch etwas ergänzen? (optional)", "Senden", "Danke für Ihr Feedback!",
		"Dieser Umfragelink ist ungültig.", "Sie haben diese Umfrage bereits beantwortet. Danke!", "Diese Umfrage ist geschlossen.",
		"Dieses Gespräch wurde wieder geöffnet. Wir fragen erneut, wenn es gelöst ist.", "Eine neuere Umfrage hat diese ersetzt.",
		"Diese Umfrage wurde an jemand anderen gesendet.", "Bitte wählen Sie einen Wert auf der Skala.", "Ihr Kommentar ist zu lang."},
	"it": {"", "Come valuti l'aiuto ricevuto?", "Quanto è probabile che ci consigli a un amico o a un collega?",
		"Pessimo", "Eccellente", "Per niente probabile", "Estremamente probabile",
		"Vuoi aggiungere qualcosa? (facoltativo)", "Invia", "Grazie per il tuo feedback!",
		"Questo link al sondaggio non è valido.", "Hai già risposto a questo sondaggio. Grazie!", "Questo sondaggio è chiuso.",
		"Questa conversazione è stata riaperta. Te lo chiederemo di nuovo quando sarà risolta.", "Un sondaggio più recente ha sostituito questo.",
		"Questo sondaggio è stato inviato a un'altra persona.", "Scegli un punteggio sulla scala.", "Il tuo commento è troppo lungo."},
	"id": {"", "Bagaimana penilaian Anda atas bantuan yang diterima?", "Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau rekan?",
		"Sangat buruk", "Sangat baik", "Sama sekali tidak", "Sangat mungkin",
		"Ada yang ingin ditambahkan? (opsional)", "Kirim", "Terima kasih atas masukan Anda!",
		"Tautan survei ini tidak valid.", "Anda sudah menjawab survei ini. Terima kasih!", "Survei ini sudah ditutup.",
		"Percakapan ini dibuka kembali. Kami akan bertanya lagi setelah selesai.", "Survei yang lebih baru menggantikan survei ini.",
		"Survei ini dikirim ke orang lain.", "Silakan pilih skor pada skala.", "Komentar Anda terlalu panjang."},
	"ar": {"rtl", "كيف تقيّم المساعدة التي تلقيتها؟", "ما مدى احتمال أن توصي بنا لصديق أو زميل؟",
		"سيئة جدًا", "ممتازة", "غير محتمل إطلاقًا", "محتمل جدًا",
		"هل تود إضافة شيء؟ (اختياري)", "إرسال", "شكرًا على ملاحظاتك!",
		"رابط الاستبيان هذا غير صالح.", "لقد أجبت عن هذا الاستبيان من قبل. شكرًا!", "تم إغلاق هذا الاستبيان.",
		"أُعيد فتح هذه المحادثة. سنسألك مرة أخرى عند حلها.", "حلّ استبيان أحدث محل هذا الاستبيان.",
		"أُرسل هذا الاستبيان إلى شخص آخر.", "يرجى اختيار درجة على المقياس.", "تعليقك طويل جدًا."},
	"uk": {"", "Як ви оцінюєте отриману допомогу?", "Наскільки ймовірно, що ви порекомендуєте нас другові чи колезі?",
		"Дуже погано", "Чудово", "Зовсім малоймовірно", "Дуже ймовірно",
		"Бажаєте щось додати? (необов'язково)", "Надіслати", "Дякуємо за відгук!",
		"Посилання на опитування недійсне.", "Ви вже відповіли на це опитування. Дякуємо!", "Опитування закрито.",
		"Звернення знову відкрито. Ми запитаємо ще раз, коли питання буде розв'язано.", "Це опитування замінене новішим.",
		"Це опитування було надіслано іншій людині.", "Оберіть оцінку на шкалі.", "Коментар задовгий."},
	"pl": {"", "Jak oceniasz otrzymaną pomoc?", "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?",
		"Bardzo źle", "Doskonale", "Zupełnie nieprawdopodobne", "Bardzo prawdopodobne",
		"Chcesz coś dodać? (opcjonalnie)", "Wyślij", "Dziękujemy za opinię!",
		"Ten link do ankiety jest nieprawidłowy.", "Ta ankieta została już wypełniona. Dziękujemy!", "Ta ankieta jest zamknięta.",
		"Ta rozmowa została wznowiona. Zapytamy ponownie, gdy sprawa zostanie rozwiązana.", "Nowsza ankieta zastąpiła tę.",
		"Ta ankieta została wysłana do kogoś innego.", "Wybierz ocenę na skali.", "Komentarz jest za długi."},
	"ja": {"", "今回のサポートはいかがでしたか？", "友人や同僚に当社を勧める可能性はどのくらいありますか？",
		"非常に悪い", "非常に良い", "まったくない", "非常に高い",
		"ほかにご意見はありますか？（任意）", "送信", "ご意見ありがとうございます！",
		"このアンケートのリンクは無効です。", "このアンケートには回答済みです。ありがとうございます！", "このアンケートは終了しました。",
		"このお問い合わせは再開されました。解決後に改めてお伺いします。", "新しいアンケートに置き換えられました。",
		"このアンケートは別の方に送られたものです。", "スケールから点数を選んでください。", "コメントが長すぎます。"},
	"ko": {"", "받으신 도움을 어떻게 평가하시겠습니까?", "친구나 동료에게 저희를 추천할 가능성은 얼마나 됩니까?",
		"매우 나쁨", "매우 좋음", "전혀 없음", "매우 높음",
		"덧붙이고 싶은 말씀이 있나요? (선택)", "보내기", "의견을 주셔서 감사합니다!",
		"이 설문 링크는 유효하지 않습니다.", "이미 이 설문에 답하셨습니다. 감사합니다!", "이 설문은 마감되었습니다.",
		"이 대화가 다시 열렸습니다. 해결되면 다시 여쭙겠습니다.", "더 새로운 설문이 이 설문을 대체했습니다.",
		"이 설문은 다른 분께 보낸 것입니다.", "척도에서 점수를 골라 주세요.", "의견이 너무 깁니다."},
	"th": {"", "คุณให้คะแนนความช่วยเหลือที่ได้รับอย่างไร", "คุณมีแนวโน้มจะแนะนำเราให้เพื่อนหรือเพื่อนร่วมงานมากน้อยเพียงใด",
		"แย่มาก", "ยอดเยี่ยม", "ไม่แนะนำเลย", "แนะนำอย่างยิ่ง",
		"มีอะไรอยากเพิ่มเติมไหม (ไม่บังคับ)", "ส่ง", "ขอบคุณสำหรับความคิดเห็น!",
		"ลิงก์แบบสำรวจนี้ไม่ถูกต้อง", "คุณตอบแบบสำรวจนี้แล้ว ขอบคุณ!", "แบบสำรวจนี้ปิดแล้ว",
		"การสนทนานี้ถูกเปิดอีกครั้ง เราจะถามอีกครั้งเมื่อแก้ไขเสร็จ", "แบบสำรวจใหม่กว่าได้แทนที่แบบสำรวจนี้",
		"แบบสำรวจนี้ส่งถึงบุคคลอื่น", "โปรดเลือกคะแนนบนมาตรวัด", "ความคิดเห็นของคุณยาวเกินไป"},
}
