package workforce

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// SetSurge turns the surge setting on or off, for every node: while on,
// any Tier 1 agent may take a Tier 1 ticket of any product area in their
// languages. Turning it on tells each customer waiting in chat their place
// and the current wait, in their language (from routing's queue info).
// It returns how many customers were told.
func (s *Service) SetSurge(ctx context.Context, on bool, by int64) (int, error) {
	changed := false
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE workforce_settings SET surge = ?, updated_at = ? WHERE id = 1 AND surge <> ?`, boolInt(on), tx.Now(), boolInt(on))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		changed = true
		return SurgeChanged.Emit(ctx, tx, SurgeChangedEvent{On: on, AgentID: by})
	})
	if err != nil {
		return 0, fmt.Errorf("set surge: %w", err)
	}
	s.routing.Index().SetWiden(on)
	if !changed || !on {
		return 0, nil
	}
	return s.tellWaiting(ctx)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxTold bounds how many waiting customers one switch tells (the rest see
// the widget's own estimate).
const maxTold = 500

// tellWaiting posts each waiting chat customer's place and wait.
func (s *Service) tellWaiting(ctx context.Context) (int, error) {
	rows, err := s.db.Query(ctx, `SELECT id, language FROM tickets WHERE queue_id IS NOT NULL AND assignee_id IS NULL AND channel = 'chat'
		AND status NOT IN ('solved', 'closed') ORDER BY id LIMIT ?`, maxTold)
	if err != nil {
		return 0, fmt.Errorf("surge: waiting chats: %w", err)
	}
	type waiting struct {
		id   int64
		lang string
	}
	var ws []waiting
	for rows.Next() {
		var w waiting
		if err := rows.Scan(&w.id, &w.lang); err != nil {
			rows.Close()
			return 0, fmt.Errorf("surge: waiting chats: %w", err)
		}
		ws = append(ws, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("surge: waiting chats: %w", err)
	}
	told := 0
	for _, w := range ws {
		pos, wait, ok, err := s.routing.QueueInfo(ctx, w.id)
		if err != nil {
			return told, err
		}
		if !ok {
			continue
		}
		if _, err := s.tickets.SystemMessage(ctx, w.id, WaitNotice(w.lang, pos, wait)); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}

// waitTexts: the busy notice with the wait ({n} place, {m} minutes), and
// without one (no agent who could take the ticket is online).
var waitTexts = map[string][2]string{
	"en": {"We are busier than usual right now. You are number {n} in line; the current wait is about {m} min. Thank you for your patience.", "We are busier than usual right now. You are number {n} in line; an agent will answer as soon as one is free."},
	"zh": {"我们目前比平时更繁忙。您排在第 {n} 位，当前等待时间约 {m} 分钟。感谢您的耐心。", "我们目前比平时更繁忙。您排在第 {n} 位，客服空闲后会立即回复您。"},
	"es": {"Ahora tenemos más consultas de lo habitual. Es el número {n} en la cola; la espera actual es de unos {m} min. Gracias por su paciencia.", "Ahora tenemos más consultas de lo habitual. Es el número {n} en la cola; un agente le responderá en cuanto quede libre."},
	"pt": {"Estamos com mais atendimentos do que o normal. Você é o número {n} na fila; a espera atual é de cerca de {m} min. Obrigado pela paciência.", "Estamos com mais atendimentos do que o normal. Você é o número {n} na fila; um agente responderá assim que estiver livre."},
	"ru": {"Сейчас обращений больше обычного. Вы {n}-й в очереди; ожидание сейчас около {m} мин. Спасибо за терпение.", "Сейчас обращений больше обычного. Вы {n}-й в очереди; специалист ответит, как только освободится."},
	"tr": {"Şu anda her zamankinden yoğunuz. Sırada {n}. sıradasınız; şu anki bekleme süresi yaklaşık {m} dk. Sabrınız için teşekkürler.", "Şu anda her zamankinden yoğunuz. Sırada {n}. sıradasınız; bir temsilci müsait olur olmaz yanıt verecek."},
	"vi": {"Hiện chúng tôi đang bận hơn bình thường. Bạn đang ở vị trí số {n}; thời gian chờ hiện tại khoảng {m} phút. Cảm ơn bạn đã kiên nhẫn.", "Hiện chúng tôi đang bận hơn bình thường. Bạn đang ở vị trí số {n}; nhân viên sẽ trả lời ngay khi rảnh."},
	"fr": {"Nous sommes plus sollicités que d'habitude. Vous êtes numéro {n} dans la file ; l'attente actuelle est d'environ {m} min. Merci de votre patience.", "Nous sommes plus sollicités que d'habitude. Vous êtes numéro {n} dans la file ; un agent vous répondra dès qu'il sera disponible."},
	"de": {"Wir haben gerade mehr Anfragen als sonst. Sie sind Nummer {n} in der Warteschlange; die Wartezeit beträgt derzeit etwa {m} Min. Danke für Ihre Geduld.", "Wir haben gerade mehr Anfragen als sonst. Sie sind Nummer {n} in der Warteschlange; ein Mitarbeiter antwortet, sobald einer frei ist."},
	"it": {"Al momento siamo più impegnati del solito. Sei il numero {n} in coda; l'attesa attuale è di circa {m} min. Grazie per la pazienza.", "Al momento siamo più impegnati del solito. Sei il numero {n} in coda; un operatore risponderà appena libero."},
	"id": {"Saat ini kami lebih sibuk dari biasanya. Anda nomor {n} dalam antrean; waktu tunggu saat ini sekitar {m} menit. Terima kasih atas kesabaran Anda.", "Saat ini kami lebih sibuk dari biasanya. Anda nomor {n} dalam antrean; agen akan menjawab begitu ada yang tersedia."},
	"ar": {"نحن أكثر انشغالاً من المعتاد الآن. ترتيبك {n} في قائمة الانتظار؛ مدة الانتظار الحالية نحو {m} دقيقة. شكراً لصبرك.", "نحن أكثر انشغالاً من المعتاد الآن. ترتيبك {n} في قائمة الانتظار؛ سيرد عليك أحد الموظفين فور توفره."},
	"uk": {"Зараз звернень більше, ніж зазвичай. Ви {n}-й у черзі; очікування зараз близько {m} хв. Дякуємо за терпіння.", "Зараз звернень більше, ніж зазвичай. Ви {n}-й у черзі; фахівець відповість, щойно звільниться."},
	"pl": {"Mamy teraz więcej zgłoszeń niż zwykle. Jesteś {n}. w kolejce; obecny czas oczekiwania to około {m} min. Dziękujemy za cierpliwość.", "Mamy teraz więcej zgłoszeń niż zwykle. Jesteś {n}. w kolejce; konsultant odpowie, gdy tylko będzie wolny."},
	"ja": {"現在、通常より混み合っています。お客様は {n} 番目です。現在の待ち時間は約 {m} 分です。ご了承ください。", "現在、通常より混み合っています。お客様は {n} 番目です。担当者の手が空き次第、お答えします。"},
	"ko": {"현재 평소보다 문의가 많습니다. 고객님은 대기 {n}번째이며, 현재 대기 시간은 약 {m}분입니다. 양해해 주셔서 감사합니다.", "현재 평소보다 문의가 많습니다. 고객님은 대기 {n}번째이며, 상담원이 비는 대로 답변드리겠습니다."},
	"th": {"ขณะนี้มีผู้ติดต่อมากกว่าปกติ คุณอยู่ลำดับที่ {n} เวลารอโดยประมาณ {m} นาที ขอบคุณที่รอครับ/ค่ะ", "ขณะนี้มีผู้ติดต่อมากกว่าปกติ คุณอยู่ลำดับที่ {n} เจ้าหน้าที่จะตอบทันทีที่ว่าง"},
}

// WaitNotice is the busy notice in lang (English when unknown); a wait of
// 0 says no estimate.
func WaitNotice(lang string, position int, wait time.Duration) string {
	t, ok := waitTexts[lang]
	if !ok {
		t = waitTexts["en"]
	}
	text := t[1]
	if wait > 0 {
		text = strings.ReplaceAll(t[0], "{m}", strconv.Itoa(max(1, int((wait+time.Minute-1)/time.Minute))))
	}
	return strings.ReplaceAll(text, "{n}", strconv.Itoa(position))
}
