package portal

import "github.com/groundcrew/groundcrew/internal/ticket"

// words are the pages' own strings in one language.
type words struct {
	Title, Help, Empty, Promised, Updated, Reply, Send, You, Support, Back string
	SignIn, BadToken, Expired, Stale, EmptyReply, TooLong, Failed          string
	Status                                                                 map[ticket.Status]string
}

func uiWords(lang string) words {
	if w, ok := ui[lang]; ok {
		return w
	}
	return ui["en"]
}

// st builds the status labels in the order new, open, pending customer,
// on hold, solved, closed.
func st(n, o, p, h, s, c string) map[ticket.Status]string {
	return map[ticket.Status]string{ticket.StatusNew: n, ticket.StatusOpen: o, ticket.StatusPendingCustomer: p,
		ticket.StatusOnHold: h, ticket.StatusSolved: s, ticket.StatusClosed: c}
}

var ui = map[string]words{
	"en": {Title: "My requests", Help: "Help center", Empty: "You have no requests yet.", Promised: "Answer expected by", Updated: "Updated",
		Reply: "Your reply", Send: "Send", You: "You", Support: "Support", Back: "All my requests",
		SignIn: "Sign in on the exchange to see your requests.", BadToken: "This sign-in link is not valid. Open My requests from the exchange again.",
		Expired: "This sign-in link has expired. Open My requests from the exchange again.", Stale: "This page was open too long. Reload it and send again.",
		EmptyReply: "Write a message first.", TooLong: "This message is too long.", Failed: "Something went wrong. Please try again.",
		Status: st("Received", "In progress", "Waiting for you", "On hold", "Solved", "Closed")},
	"zh": {Title: "我的请求", Help: "帮助中心", Empty: "您还没有请求。", Promised: "预计答复时间", Updated: "更新于",
		Reply: "您的回复", Send: "发送", You: "您", Support: "客服", Back: "我的全部请求",
		SignIn: "请在交易所登录后查看您的请求。", BadToken: "此登录链接无效。请从交易所重新打开“我的请求”。",
		Expired: "此登录链接已过期。请从交易所重新打开“我的请求”。", Stale: "页面打开太久了。请刷新后重新发送。",
		EmptyReply: "请先输入消息。", TooLong: "消息太长。", Failed: "出错了，请重试。",
		Status: st("已收到", "处理中", "等待您回复", "暂停", "已解决", "已关闭")},
	"es": {Title: "Mis solicitudes", Help: "Centro de ayuda", Empty: "Aún no tienes solicitudes.", Promised: "Respuesta prevista antes de", Updated: "Actualizada",
		Reply: "Tu respuesta", Send: "Enviar", You: "Tú", Support: "Soporte", Back: "Todas mis solicitudes",
		SignIn: "Inicia sesión en el exchange para ver tus solicitudes.", BadToken: "Este enlace de acceso no es válido. Abre Mis solicitudes desde el exchange.",
		Expired: "Este enlace de acceso ha caducado. Abre Mis solicitudes desde el exchange.", Stale: "La página estuvo abierta demasiado tiempo. Recárgala y envía de nuevo.",
		EmptyReply: "Escribe un mensaje primero.", TooLong: "El mensaje es demasiado largo.", Failed: "Algo salió mal. Inténtalo de nuevo.",
		Status: st("Recibida", "En curso", "Esperando tu respuesta", "En pausa", "Resuelta", "Cerrada")},
	"pt": {Title: "Minhas solicitações", Help: "Central de ajuda", Empty: "Você ainda não tem solicitações.", Promised: "Resposta prevista até", Updated: "Atualizada",
		Reply: "Sua resposta", Send: "Enviar", You: "Você", Support: "Suporte", Back: "Todas as minhas solicitações",
		SignIn: "Entre na exchange para ver suas solicitações.", BadToken: "Este link de acesso não é válido. Abra Minhas solicitações pela exchange.",
		Expired: "Este link de acesso expirou. Abra Minhas solicitações pela exchange.", Stale: "A página ficou aberta tempo demais. Recarregue e envie de novo.",
		EmptyReply: "Escreva uma mensagem primeiro.", TooLong: "A mensagem é longa demais.", Failed: "Algo deu errado. Tente novamente.",
		Status: st("Recebida", "Em andamento", "Aguardando você", "Em espera", "Resolvida", "Fechada")},
	"ru": {Title: "Мои обращения", Help: "Центр помощи", Empty: "У вас пока нет обращений.", Promised: "Ответ ожидается до", Updated: "Обновлено",
		Reply: "Ваш ответ", Send: "Отправить", You: "Вы", Support: "Поддержка", Back: "Все мои обращения",
		SignIn: "Войдите на бирже, чтобы увидеть свои обращения.", BadToken: "Ссылка для входа недействительна. Откройте «Мои обращения» на бирже ещё раз.",
		Expired: "Срок действия ссылки истёк. Откройте «Мои обращения» на бирже ещё раз.", Stale: "Страница была открыта слишком долго. Обновите её и отправьте снова.",
		EmptyReply: "Сначала напишите сообщение.", TooLong: "Сообщение слишком длинное.", Failed: "Что-то пошло не так. Попробуйте ещё раз.",
		Status: st("Получено", "В работе", "Ждём вашего ответа", "Приостановлено", "Решено", "Закрыто")},
	"tr": {Title: "Taleplerim", Help: "Yardım merkezi", Empty: "Henüz talebiniz yok.", Promised: "Beklenen yanıt zamanı", Updated: "Güncellendi",
		Reply: "Yanıtınız", Send: "Gönder", You: "Siz", Support: "Destek", Back: "Tüm taleplerim",
		SignIn: "Taleplerinizi görmek için borsada oturum açın.", BadToken: "Bu giriş bağlantısı geçersiz. Taleplerim'i borsadan yeniden açın.",
		Expired: "Bu giriş bağlantısının süresi doldu. Taleplerim'i borsadan yeniden açın.", Stale: "Sayfa çok uzun süre açık kaldı. Yenileyip tekrar gönderin.",
		EmptyReply: "Önce bir mesaj yazın.", TooLong: "Mesaj çok uzun.", Failed: "Bir sorun oluştu. Lütfen tekrar deneyin.",
		Status: st("Alındı", "İşlemde", "Yanıtınız bekleniyor", "Beklemede", "Çözüldü", "Kapandı")},
	"vi": {Title: "Yêu cầu của tôi", Help: "Trung tâm trợ giúp", Empty: "Bạn chưa có yêu cầu nào.", Promised: "Dự kiến trả lời trước", Updated: "Cập nhật",
		Reply: "Trả lời của bạn", Send: "Gửi", You: "Bạn", Support: "Hỗ trợ", Back: "Tất cả yêu cầu của tôi",
		SignIn: "Hãy đăng nhập trên sàn để xem các yêu cầu của bạn.", BadToken: "Liên kết đăng nhập không hợp lệ. Hãy mở lại Yêu cầu của tôi từ sàn.",
		Expired: "Liên kết đăng nhập đã hết hạn. Hãy mở lại Yêu cầu của tôi từ sàn.", Stale: "Trang đã mở quá lâu. Hãy tải lại và gửi lại.",
		EmptyReply: "Hãy viết tin nhắn trước.", TooLong: "Tin nhắn quá dài.", Failed: "Đã có lỗi. Vui lòng thử lại.",
		Status: st("Đã nhận", "Đang xử lý", "Chờ bạn", "Tạm dừng", "Đã giải quyết", "Đã đóng")},
	"fr": {Title: "Mes demandes", Help: "Centre d'aide", Empty: "Vous n'avez pas encore de demande.", Promised: "Réponse attendue avant", Updated: "Mise à jour",
		Reply: "Votre réponse", Send: "Envoyer", You: "Vous", Support: "Support", Back: "Toutes mes demandes",
		SignIn: "Connectez-vous sur la plateforme pour voir vos demandes.", BadToken: "Ce lien de connexion n'est pas valide. Rouvrez Mes demandes depuis la plateforme.",
		Expired: "Ce lien de connexion a expiré. Rouvrez Mes demandes depuis la plateforme.", Stale: "La page est restée ouverte trop longtemps. Rechargez-la et renvoyez.",
		EmptyReply: "Écrivez d'abord un message.", TooLong: "Ce message est trop long.", Failed: "Une erreur s'est produite. Réessayez.",
		Status: st("Reçue", "En cours", "En attente de votre réponse", "En pause", "Résolue", "Close")},
	"de": {Title: "Meine Anfragen", Help: "Hilfe-Center", Empty: "Sie haben noch keine Anfragen.", Promised: "Antwort erwartet bis", Updated: "Aktualisiert",
		Reply: "Ihre Antwort", Send: "Senden", You: "Sie", Support: "Support", Back: "Alle meine Anfragen",
		SignIn: "Melden Sie sich an der Börse an, um Ihre Anfragen zu sehen.", BadToken: "Dieser Anmeldelink ist ungültig. Öffnen Sie Meine Anfragen erneut über die Börse.",
		Expired: "Dieser Anmeldelink ist abgelaufen. Öffnen Sie Meine Anfragen erneut über die Börse.", Stale: "Die Seite war zu lange offen. Laden Sie sie neu und senden Sie erneut.",
		EmptyReply: "Schreiben Sie zuerst eine Nachricht.", TooLong: "Die Nachricht ist zu lang.", Failed: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
		Status: st("Eingegangen", "In Bearbeitung", "Wartet auf Sie", "Zurückgestellt", "Gelöst", "Geschlossen")},
	"it": {Title: "Le mie richieste", Help: "Centro assistenza", Empty: "Non hai ancora richieste.", Promised: "Risposta prevista entro", Updated: "Aggiornata",
		Reply: "La tua risposta", Send: "Invia", You: "Tu", Support: "Assistenza", Back: "Tutte le mie richieste",
		SignIn: "Accedi sull'exchange per vedere le tue richieste.", BadToken: "Questo link di accesso non è valido. Riapri Le mie richieste dall'exchange.",
		Expired: "Questo link di accesso è scaduto. Riapri Le mie richieste dall'exchange.", Stale: "La pagina è rimasta aperta troppo a lungo. Ricaricala e invia di nuovo.",
		EmptyReply: "Scrivi prima un messaggio.", TooLong: "Il messaggio è troppo lungo.", Failed: "Qualcosa è andato storto. Riprova.",
		Status: st("Ricevuta", "In corso", "In attesa di te", "In sospeso", "Risolta", "Chiusa")},
	"id": {Title: "Permintaan saya", Help: "Pusat bantuan", Empty: "Anda belum punya permintaan.", Promised: "Jawaban diharapkan sebelum", Updated: "Diperbarui",
		Reply: "Balasan Anda", Send: "Kirim", You: "Anda", Support: "Dukungan", Back: "Semua permintaan saya",
		SignIn: "Masuk di bursa untuk melihat permintaan Anda.", BadToken: "Tautan masuk ini tidak valid. Buka lagi Permintaan saya dari bursa.",
		Expired: "Tautan masuk ini sudah kedaluwarsa. Buka lagi Permintaan saya dari bursa.", Stale: "Halaman terbuka terlalu lama. Muat ulang dan kirim lagi.",
		EmptyReply: "Tulis pesan terlebih dahulu.", TooLong: "Pesan terlalu panjang.", Failed: "Terjadi kesalahan. Silakan coba lagi.",
		Status: st("Diterima", "Diproses", "Menunggu Anda", "Ditunda", "Selesai", "Ditutup")},
	"ar": {Title: "طلباتي", Help: "مركز المساعدة", Empty: "ليس لديك أي طلبات بعد.", Promised: "الرد المتوقع قبل", Updated: "آخر تحديث",
		Reply: "ردك", Send: "إرسال", You: "أنت", Support: "الدعم", Back: "كل طلباتي",
		SignIn: "سجّل الدخول في المنصة لرؤية طلباتك.", BadToken: "رابط الدخول هذا غير صالح. افتح «طلباتي» من المنصة مرة أخرى.",
		Expired: "انتهت صلاحية رابط الدخول. افتح «طلباتي» من المنصة مرة أخرى.", Stale: "بقيت الصفحة مفتوحة مدة طويلة. أعد تحميلها وأرسل مجددًا.",
		EmptyReply: "اكتب رسالة أولًا.", TooLong: "الرسالة طويلة جدًا.", Failed: "حدث خطأ. حاول مرة أخرى.",
		Status: st("تم الاستلام", "قيد المعالجة", "بانتظار ردك", "معلّق", "تم الحل", "مغلق")},
	"uk": {Title: "Мої звернення", Help: "Центр допомоги", Empty: "У вас ще немає звернень.", Promised: "Відповідь очікується до", Updated: "Оновлено",
		Reply: "Ваша відповідь", Send: "Надіслати", You: "Ви", Support: "Підтримка", Back: "Усі мої звернення",
		SignIn: "Увійдіть на біржі, щоб побачити свої звернення.", BadToken: "Посилання для входу недійсне. Відкрийте «Мої звернення» на біржі ще раз.",
		Expired: "Термін дії посилання минув. Відкрийте «Мої звернення» на біржі ще раз.", Stale: "Сторінка була відкрита надто довго. Оновіть її та надішліть знову.",
		EmptyReply: "Спочатку напишіть повідомлення.", TooLong: "Повідомлення задовге.", Failed: "Щось пішло не так. Спробуйте ще раз.",
		Status: st("Отримано", "У роботі", "Чекаємо на вас", "Призупинено", "Вирішено", "Закрито")},
	"pl": {Title: "Moje zgłoszenia", Help: "Centrum pomocy", Empty: "Nie masz jeszcze zgłoszeń.", Promised: "Odpowiedź spodziewana do", Updated: "Zaktualizowano",
		Reply: "Twoja odpowiedź", Send: "Wyślij", You: "Ty", Support: "Wsparcie", Back: "Wszystkie moje zgłoszenia",
		SignIn: "Zaloguj się na giełdzie, aby zobaczyć swoje zgłoszenia.", BadToken: "Ten link logowania jest nieprawidłowy. Otwórz Moje zgłoszenia z giełdy ponownie.",
		Expired: "Ten link logowania wygasł. Otwórz Moje zgłoszenia z giełdy ponownie.", Stale: "Strona była otwarta zbyt długo. Odśwież ją i wyślij ponownie.",
		EmptyReply: "Najpierw napisz wiadomość.", TooLong: "Wiadomość jest za długa.", Failed: "Coś poszło nie tak. Spróbuj ponownie.",
		Status: st("Przyjęte", "W toku", "Czeka na ciebie", "Wstrzymane", "Rozwiązane", "Zamknięte")},
	"ja": {Title: "お問い合わせ履歴", Help: "ヘルプセンター", Empty: "お問い合わせはまだありません。", Promised: "回答予定", Updated: "更新",
		Reply: "返信", Send: "送信", You: "あなた", Support: "サポート", Back: "すべてのお問い合わせ",
		SignIn: "お問い合わせを見るには取引所でログインしてください。", BadToken: "このログインリンクは無効です。取引所からもう一度開いてください。",
		Expired: "このログインリンクは期限切れです。取引所からもう一度開いてください。", Stale: "ページを長時間開いていました。再読み込みして送信し直してください。",
		EmptyReply: "先にメッセージを入力してください。", TooLong: "メッセージが長すぎます。", Failed: "問題が発生しました。もう一度お試しください。",
		Status: st("受付済み", "対応中", "お客様の返信待ち", "保留中", "解決済み", "終了")},
	"ko": {Title: "내 문의", Help: "고객센터", Empty: "아직 문의가 없습니다.", Promised: "답변 예정 시각", Updated: "업데이트",
		Reply: "답장", Send: "보내기", You: "나", Support: "지원팀", Back: "내 문의 전체",
		SignIn: "문의를 보려면 거래소에서 로그인하세요.", BadToken: "로그인 링크가 유효하지 않습니다. 거래소에서 내 문의를 다시 여세요.",
		Expired: "로그인 링크가 만료되었습니다. 거래소에서 내 문의를 다시 여세요.", Stale: "페이지가 너무 오래 열려 있었습니다. 새로 고친 후 다시 보내세요.",
		EmptyReply: "먼저 메시지를 입력하세요.", TooLong: "메시지가 너무 깁니다.", Failed: "문제가 발생했습니다. 다시 시도하세요.",
		Status: st("접수됨", "처리 중", "답변 대기", "보류", "해결됨", "종료")},
	"th": {Title: "คำขอของฉัน", Help: "ศูนย์ช่วยเหลือ", Empty: "คุณยังไม่มีคำขอ", Promised: "คาดว่าจะตอบภายใน", Updated: "อัปเดต",
		Reply: "คำตอบของคุณ", Send: "ส่ง", You: "คุณ", Support: "ฝ่ายสนับสนุน", Back: "คำขอทั้งหมดของฉัน",
		SignIn: "เข้าสู่ระบบที่กระดานเทรดเพื่อดูคำขอของคุณ", BadToken: "ลิงก์เข้าสู่ระบบนี้ไม่ถูกต้อง โปรดเปิดคำขอของฉันจากกระดานเทรดอีกครั้ง",
		Expired: "ลิงก์เข้าสู่ระบบหมดอายุแล้ว โปรดเปิดคำขอของฉันจากกระดานเทรดอีกครั้ง", Stale: "หน้านี้เปิดไว้นานเกินไป โปรดโหลดใหม่แล้วส่งอีกครั้ง",
		EmptyReply: "โปรดเขียนข้อความก่อน", TooLong: "ข้อความยาวเกินไป", Failed: "เกิดข้อผิดพลาด โปรดลองอีกครั้ง",
		Status: st("ได้รับแล้ว", "กำลังดำเนินการ", "รอคุณตอบ", "พักไว้", "แก้ไขแล้ว", "ปิดแล้ว")},
}

// closedNote replaces the reply box on a closed request, which takes no
// more messages.
var closedNote = map[string]string{
	"en": "This request is closed. To write to us again, open a new chat.",
	"zh": "此请求已关闭。如需再次联系我们，请开始新的对话。",
	"es": "Esta solicitud está cerrada. Para volver a escribirnos, abre un chat nuevo.",
	"pt": "Esta solicitação está fechada. Para nos escrever de novo, abra um novo chat.",
	"ru": "Обращение закрыто. Чтобы написать нам снова, начните новый чат.",
	"tr": "Bu talep kapandı. Bize tekrar yazmak için yeni bir sohbet başlatın.",
	"vi": "Yêu cầu này đã đóng. Để viết cho chúng tôi lần nữa, hãy mở cuộc trò chuyện mới.",
	"fr": "Cette demande est close. Pour nous écrire à nouveau, ouvrez un nouveau chat.",
	"de": "Diese Anfrage ist geschlossen. Um uns erneut zu schreiben, starten Sie einen neuen Chat.",
	"it": "Questa richiesta è chiusa. Per scriverci di nuovo, apri una nuova chat.",
	"id": "Permintaan ini sudah ditutup. Untuk menghubungi kami lagi, buka obrolan baru.",
	"ar": "هذا الطلب مغلق. لمراسلتنا مجددًا، افتح محادثة جديدة.",
	"uk": "Звернення закрито. Щоб написати нам знову, почніть новий чат.",
	"pl": "To zgłoszenie jest zamknięte. Aby napisać do nas ponownie, otwórz nowy czat.",
	"ja": "このお問い合わせは終了しています。新しいチャットを開始してください。",
	"ko": "이 문의는 종료되었습니다. 다시 문의하려면 새 채팅을 시작하세요.",
	"th": "คำขอนี้ปิดแล้ว หากต้องการติดต่อเราอีกครั้ง โปรดเริ่มแชทใหม่",
}
