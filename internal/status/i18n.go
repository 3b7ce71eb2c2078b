package status

import (
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// ui is the status page's own words in one language.
type ui struct {
	Name         string // the language's name in itself
	Title        string
	AllOK        string
	SomeIssues   string
	States       [5]string // in States' order
	Networks     string
	Products     string
	Active       string
	Upcoming     string
	Recent       string
	NoIncidents  string
	Updated      string
	Subscribe    string
	Email        string
	AllNetworks  string
	SubscribeBtn string
	CheckInbox   string
	Confirmed    string
	Unsubscribed string
	BadEmail     string
	StatusPage   string // the banner's link
	Resolved     string // told to linked tickets; %s is the incident's title
	From, Until  string
	Feed         string
	Help         string // the footer's link to the help center
}

// stateName is st's label in lang.
func stateName(lang string, st State) string { return text(lang).States[slices.Index(States, st)] }

// text is lang's words, English for an unknown language.
func text(lang string) ui {
	if t, ok := uiText[lang]; ok {
		return t
	}
	return uiText[SourceLang]
}

// langOr is lang if it is one of the 17, else English.
func langOr(lang string) string {
	if slices.Contains(ticket.Languages, lang) {
		return lang
	}
	return SourceLang
}

// preferredLang is the first of the 17 an Accept-Language header names.
func preferredLang(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if slices.Contains(ticket.Languages, base) {
			return base
		}
	}
	return SourceLang
}

// dir is the writing direction of lang.
func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

var uiText = map[string]ui{
	"en": {"English", "System status", "All systems operational", "Some services are affected",
		[5]string{"Operational", "Maintenance", "Degraded", "Deposits delayed", "Withdrawals suspended"},
		"Networks", "Products", "Current incidents", "Scheduled maintenance", "Past incidents", "No incidents in the last 14 days.", "Updated",
		"Get updates by e-mail", "E-mail address", "All networks", "Subscribe",
		"Almost done: open the link we sent you to confirm.", "You are subscribed.", "You are unsubscribed.", "Please enter a valid e-mail address.",
		"Status page", "Update: the issue “%s” is resolved. Thank you for your patience.", "From", "Until", "Atom feed", "Help Center"},
	"zh": {"中文", "系统状态", "所有系统运行正常", "部分服务受到影响",
		[5]string{"正常", "维护中", "性能下降", "充值延迟", "提现暂停"},
		"网络", "产品", "当前事件", "计划维护", "历史事件", "过去 14 天没有事件。", "更新于",
		"通过电子邮件接收更新", "电子邮件地址", "所有网络", "订阅",
		"还差一步：请打开我们发送给您的链接进行确认。", "您已订阅。", "您已取消订阅。", "请输入有效的电子邮件地址。",
		"状态页面", "更新：问题“%s”已解决。感谢您的耐心等待。", "开始", "结束", "Atom 订阅源", "帮助中心"},
	"es": {"Español", "Estado del sistema", "Todos los sistemas funcionan", "Algunos servicios están afectados",
		[5]string{"Operativo", "Mantenimiento", "Degradado", "Depósitos retrasados", "Retiros suspendidos"},
		"Redes", "Productos", "Incidentes actuales", "Mantenimiento programado", "Incidentes anteriores", "Sin incidentes en los últimos 14 días.", "Actualizado",
		"Recibe novedades por correo", "Correo electrónico", "Todas las redes", "Suscribirse",
		"Casi listo: abre el enlace que te enviamos para confirmar.", "Estás suscrito.", "Has cancelado la suscripción.", "Introduce un correo electrónico válido.",
		"Página de estado", "Novedad: el problema «%s» está resuelto. Gracias por tu paciencia.", "Desde", "Hasta", "Feed Atom", "Centro de ayuda"},
	"pt": {"Português", "Status do sistema", "Todos os sistemas operacionais", "Alguns serviços estão afetados",
		[5]string{"Operacional", "Manutenção", "Degradado", "Depósitos atrasados", "Saques suspensos"},
		"Redes", "Produtos", "Incidentes atuais", "Manutenção programada", "Incidentes anteriores", "Nenhum incidente nos últimos 14 dias.", "Atualizado",
		"Receba atualizações por e-mail", "Endereço de e-mail", "Todas as redes", "Assinar",
		"Quase lá: abra o link que enviamos para confirmar.", "Sua assinatura está ativa.", "Sua assinatura foi cancelada.", "Informe um e-mail válido.",
		"Página de status", "Atualização: o problema “%s” foi resolvido. Obrigado pela paciência.", "De", "Até", "Feed Atom", "Central de ajuda"},
	"ru": {"Русский", "Состояние систем", "Все системы работают", "Часть сервисов работает с перебоями",
		[5]string{"Работает", "Техработы", "Перебои", "Задержка депозитов", "Вывод приостановлен"},
		"Сети", "Продукты", "Текущие инциденты", "Плановые работы", "Прошедшие инциденты", "За последние 14 дней инцидентов не было.", "Обновлено",
		"Получать новости по e-mail", "Адрес e-mail", "Все сети", "Подписаться",
		"Почти готово: откройте ссылку из письма, чтобы подтвердить.", "Вы подписаны.", "Вы отписались.", "Введите корректный адрес e-mail.",
		"Страница статуса", "Обновление: проблема «%s» решена. Спасибо за терпение.", "С", "До", "Лента Atom", "Центр помощи"},
	"tr": {"Türkçe", "Sistem durumu", "Tüm sistemler çalışıyor", "Bazı hizmetler etkileniyor",
		[5]string{"Çalışıyor", "Bakım", "Yavaşlama", "Yatırmalar gecikiyor", "Çekimler durduruldu"},
		"Ağlar", "Ürünler", "Güncel olaylar", "Planlı bakım", "Geçmiş olaylar", "Son 14 günde olay yok.", "Güncellendi",
		"Güncellemeleri e-postayla alın", "E-posta adresi", "Tüm ağlar", "Abone ol",
		"Neredeyse bitti: onaylamak için gönderdiğimiz bağlantıyı açın.", "Abone oldunuz.", "Aboneliğiniz iptal edildi.", "Lütfen geçerli bir e-posta adresi girin.",
		"Durum sayfası", "Güncelleme: “%s” sorunu çözüldü. Sabrınız için teşekkürler.", "Başlangıç", "Bitiş", "Atom akışı", "Yardım Merkezi"},
	"vi": {"Tiếng Việt", "Trạng thái hệ thống", "Mọi hệ thống hoạt động bình thường", "Một số dịch vụ bị ảnh hưởng",
		[5]string{"Hoạt động", "Bảo trì", "Suy giảm", "Nạp tiền chậm", "Tạm dừng rút tiền"},
		"Mạng lưới", "Sản phẩm", "Sự cố hiện tại", "Bảo trì theo lịch", "Sự cố trước đây", "Không có sự cố trong 14 ngày qua.", "Cập nhật",
		"Nhận cập nhật qua e-mail", "Địa chỉ e-mail", "Tất cả mạng", "Đăng ký",
		"Sắp xong: hãy mở liên kết chúng tôi đã gửi để xác nhận.", "Bạn đã đăng ký.", "Bạn đã hủy đăng ký.", "Vui lòng nhập e-mail hợp lệ.",
		"Trang trạng thái", "Cập nhật: sự cố “%s” đã được khắc phục. Cảm ơn bạn đã kiên nhẫn.", "Từ", "Đến", "Nguồn Atom", "Trung tâm trợ giúp"},
	"fr": {"Français", "État des services", "Tous les systèmes fonctionnent", "Certains services sont perturbés",
		[5]string{"Opérationnel", "Maintenance", "Dégradé", "Dépôts retardés", "Retraits suspendus"},
		"Réseaux", "Produits", "Incidents en cours", "Maintenance planifiée", "Incidents passés", "Aucun incident ces 14 derniers jours.", "Mis à jour",
		"Recevoir les mises à jour par e-mail", "Adresse e-mail", "Tous les réseaux", "S'abonner",
		"Presque fini : ouvrez le lien que nous vous avons envoyé pour confirmer.", "Vous êtes abonné.", "Vous êtes désabonné.", "Saisissez une adresse e-mail valide.",
		"Page d'état", "Mise à jour : le problème « %s » est résolu. Merci de votre patience.", "Du", "Au", "Flux Atom", "Centre d'aide"},
	"de": {"Deutsch", "Systemstatus", "Alle Systeme in Betrieb", "Einige Dienste sind beeinträchtigt",
		[5]string{"In Betrieb", "Wartung", "Beeinträchtigt", "Einzahlungen verzögert", "Auszahlungen ausgesetzt"},
		"Netzwerke", "Produkte", "Aktuelle Störungen", "Geplante Wartung", "Frühere Störungen", "Keine Störungen in den letzten 14 Tagen.", "Aktualisiert",
		"Updates per E-Mail erhalten", "E-Mail-Adresse", "Alle Netzwerke", "Abonnieren",
		"Fast geschafft: Öffnen Sie den Link, den wir Ihnen geschickt haben.", "Sie haben abonniert.", "Sie haben sich abgemeldet.", "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
		"Statusseite", "Update: Das Problem „%s“ ist behoben. Danke für Ihre Geduld.", "Von", "Bis", "Atom-Feed", "Hilfe-Center"},
	"it": {"Italiano", "Stato del sistema", "Tutti i sistemi operativi", "Alcuni servizi hanno problemi",
		[5]string{"Operativo", "Manutenzione", "Rallentato", "Depositi in ritardo", "Prelievi sospesi"},
		"Reti", "Prodotti", "Incidenti in corso", "Manutenzione programmata", "Incidenti passati", "Nessun incidente negli ultimi 14 giorni.", "Aggiornato",
		"Ricevi aggiornamenti via e-mail", "Indirizzo e-mail", "Tutte le reti", "Iscriviti",
		"Quasi fatto: apri il link che ti abbiamo inviato per confermare.", "Sei iscritto.", "Iscrizione annullata.", "Inserisci un indirizzo e-mail valido.",
		"Pagina di stato", "Aggiornamento: il problema «%s» è risolto. Grazie per la pazienza.", "Dal", "Al", "Feed Atom", "Centro assistenza"},
	"id": {"Bahasa Indonesia", "Status sistem", "Semua sistem berjalan normal", "Beberapa layanan terganggu",
		[5]string{"Normal", "Pemeliharaan", "Terganggu", "Deposit tertunda", "Penarikan dihentikan"},
		"Jaringan", "Produk", "Insiden saat ini", "Pemeliharaan terjadwal", "Insiden sebelumnya", "Tidak ada insiden dalam 14 hari terakhir.", "Diperbarui",
		"Dapatkan kabar lewat e-mail", "Alamat e-mail", "Semua jaringan", "Berlangganan",
		"Hampir selesai: buka tautan yang kami kirim untuk konfirmasi.", "Anda sudah berlangganan.", "Langganan Anda dihentikan.", "Masukkan alamat e-mail yang valid.",
		"Halaman status", "Kabar terbaru: masalah “%s” sudah teratasi. Terima kasih atas kesabaran Anda.", "Dari", "Sampai", "Feed Atom", "Pusat Bantuan"},
	"ar": {"العربية", "حالة الأنظمة", "جميع الأنظمة تعمل", "بعض الخدمات متأثرة",
		[5]string{"تعمل", "صيانة", "أداء منخفض", "تأخر الإيداعات", "السحوبات معلّقة"},
		"الشبكات", "المنتجات", "الحوادث الحالية", "صيانة مجدولة", "حوادث سابقة", "لا حوادث خلال آخر 14 يومًا.", "آخر تحديث",
		"تلقَّ التحديثات عبر البريد الإلكتروني", "البريد الإلكتروني", "جميع الشبكات", "اشترك",
		"اقتربت: افتح الرابط الذي أرسلناه إليك للتأكيد.", "تم اشتراكك.", "تم إلغاء اشتراكك.", "يرجى إدخال بريد إلكتروني صالح.",
		"صفحة الحالة", "تحديث: تم حل المشكلة «%s». شكرًا لصبرك.", "من", "حتى", "موجز Atom", "مركز المساعدة"},
	"uk": {"Українська", "Стан систем", "Усі системи працюють", "Частина сервісів працює з перебоями",
		[5]string{"Працює", "Техроботи", "Перебої", "Затримка депозитів", "Виведення призупинено"},
		"Мережі", "Продукти", "Поточні інциденти", "Планові роботи", "Минулі інциденти", "За останні 14 днів інцидентів не було.", "Оновлено",
		"Отримувати новини e-mail", "Адреса e-mail", "Усі мережі", "Підписатися",
		"Майже готово: відкрийте посилання з листа, щоб підтвердити.", "Ви підписані.", "Ви відписалися.", "Введіть коректну адресу e-mail.",
		"Сторінка статусу", "Оновлення: проблему «%s» вирішено. Дякуємо за терпіння.", "З", "До", "Стрічка Atom", "Центр допомоги"},
	"pl": {"Polski", "Status systemu", "Wszystkie systemy działają", "Część usług ma problemy",
		[5]string{"Działa", "Konserwacja", "Spowolnienie", "Opóźnione wpłaty", "Wypłaty wstrzymane"},
		"Sieci", "Produkty", "Bieżące incydenty", "Planowana konserwacja", "Wcześniejsze incydenty", "Brak incydentów w ciągu ostatnich 14 dni.", "Zaktualizowano",
		"Otrzymuj informacje e-mailem", "Adres e-mail", "Wszystkie sieci", "Subskrybuj",
		"Prawie gotowe: otwórz link, który wysłaliśmy, aby potwierdzić.", "Subskrypcja aktywna.", "Subskrypcja anulowana.", "Podaj prawidłowy adres e-mail.",
		"Strona statusu", "Aktualizacja: problem „%s” został rozwiązany. Dziękujemy za cierpliwość.", "Od", "Do", "Kanał Atom", "Centrum pomocy"},
	"ja": {"日本語", "システムステータス", "すべてのシステムは正常です", "一部のサービスに影響があります",
		[5]string{"正常", "メンテナンス", "低下", "入金遅延", "出金停止"},
		"ネットワーク", "プロダクト", "現在の障害", "予定メンテナンス", "過去の障害", "過去 14 日間に障害はありません。", "更新",
		"メールで更新を受け取る", "メールアドレス", "すべてのネットワーク", "登録",
		"あと少しです：お送りしたリンクを開いて確認してください。", "登録しました。", "登録を解除しました。", "有効なメールアドレスを入力してください。",
		"ステータスページ", "更新：「%s」の問題は解決しました。ご協力ありがとうございました。", "開始", "終了", "Atom フィード", "ヘルプセンター"},
	"ko": {"한국어", "시스템 상태", "모든 시스템 정상", "일부 서비스에 문제가 있습니다",
		[5]string{"정상", "점검 중", "성능 저하", "입금 지연", "출금 중단"},
		"네트워크", "상품", "현재 장애", "예정된 점검", "지난 장애", "지난 14일 동안 장애가 없었습니다.", "업데이트",
		"이메일로 소식 받기", "이메일 주소", "모든 네트워크", "구독",
		"거의 다 됐습니다: 보내 드린 링크를 열어 확인해 주세요.", "구독되었습니다.", "구독이 해지되었습니다.", "올바른 이메일 주소를 입력하세요.",
		"상태 페이지", "업데이트: “%s” 문제가 해결되었습니다. 기다려 주셔서 감사합니다.", "시작", "종료", "Atom 피드", "고객센터"},
	"th": {"ไทย", "สถานะระบบ", "ทุกระบบทำงานปกติ", "บางบริการได้รับผลกระทบ",
		[5]string{"ปกติ", "ปิดปรับปรุง", "ทำงานช้าลง", "การฝากล่าช้า", "ระงับการถอน"},
		"เครือข่าย", "ผลิตภัณฑ์", "เหตุขัดข้องปัจจุบัน", "การปิดปรับปรุงตามกำหนด", "เหตุขัดข้องที่ผ่านมา", "ไม่มีเหตุขัดข้องใน 14 วันที่ผ่านมา", "อัปเดต",
		"รับข่าวสารทางอีเมล", "อีเมล", "ทุกเครือข่าย", "สมัครรับ",
		"เกือบเสร็จแล้ว: เปิดลิงก์ที่เราส่งให้เพื่อยืนยัน", "สมัครรับข่าวสารแล้ว", "ยกเลิกการรับข่าวสารแล้ว", "โปรดกรอกอีเมลที่ถูกต้อง",
		"หน้าสถานะ", "อัปเดต: ปัญหา “%s” ได้รับการแก้ไขแล้ว ขอบคุณที่รอ", "ตั้งแต่", "ถึง", "ฟีด Atom", "ศูนย์ช่วยเหลือ"},
}
