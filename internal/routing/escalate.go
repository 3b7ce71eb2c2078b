package routing

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Escalation is an agent's move of a ticket to another tier (up or down)
// or to the security or recovery specialists.
type Escalation struct {
	ToTier     int    `json:"to_tier"`    // 1-3; 0 with Specialist: the specialists' tier
	Specialist string `json:"specialist"` // "", "security" or "recovery"
	Reason     string `json:"reason"`     // required
	Summary    string `json:"summary"`    // the hand-off: what is known, what was tried
	TeamID     *int64 `json:"team_id"`    // optional: the team that takes it over
}

// specialistTier is where the specialists work.
var specialistTier = map[string]int{"security": 3, "recovery": 2}

// Escalate records e on ticket id with its hand-off summary, routes the
// ticket to its new queue, and tells the customer what happens next in
// their language, all in one transaction.
func (s *Service) Escalate(ctx context.Context, v ticket.Viewer, id int64, e Escalation) (ticket.Escalation, error) {
	if e.Specialist != "" && !slices.Contains(Specialists, e.Specialist) {
		return ticket.Escalation{}, errs.Field("specialist", "specialist must be one of %v", Specialists)
	}
	if e.Specialist != "" && e.ToTier == 0 {
		e.ToTier = specialistTier[e.Specialist]
	}
	if strings.TrimSpace(e.Summary) == "" && (e.Specialist != "" || e.ToTier > 1) {
		f, err := s.tickets.RouteFacts(ctx, id)
		if err == nil && e.ToTier > f.Tier {
			return ticket.Escalation{}, errs.Field("summary", "an escalation needs a hand-off summary: what is known and what was tried")
		}
	}
	var out ticket.Escalation
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		out, err = s.tickets.EscalateWithSummary(ctx, v, id, ticket.SpecialistEscalation{ToTier: e.ToTier, Specialist: e.Specialist, Reason: e.Reason, Summary: e.Summary, TeamID: e.TeamID})
		if err != nil {
			return err
		}
		f, err := s.tickets.RouteFacts(ctx, id)
		if err != nil {
			return err
		}
		_, err = s.tickets.SystemMessage(ctx, id, NextStep(f.Language, out.FromTier, out.ToTier, e.Specialist))
		return err
	})
	if err != nil {
		return ticket.Escalation{}, err
	}
	if _, err := s.Route(ctx, id); err != nil {
		return out, err
	}
	return out, nil
}

// NextStep is what the customer is told after an escalation, in lang
// (English when lang is not one of the 17).
func NextStep(lang string, from, to int, specialist string) string {
	kind := "up"
	switch {
	case specialist == "security":
		kind = "security"
	case specialist == "recovery":
		kind = "recovery"
	case to < from:
		kind = "down"
	}
	m, ok := nextSteps[lang]
	if !ok {
		m = nextSteps["en"]
	}
	return m[kind]
}

// nextSteps: what happens next, per language and kind of move.
var nextSteps = map[string]map[string]string{
	"en": {"up": "Your request has been passed to a specialist team with a summary of what we know so far. You do not need to repeat anything; they will reply here.",
		"down":     "Your request is back with our support team, who will continue here.",
		"security": "Your request has been passed to our security team with a summary. They will reply here. Never share your password, 2FA codes or seed phrase with anyone, including us.",
		"recovery": "Your request has been passed to our recovery team with a summary. They will check the transaction and reply here."},
	"zh": {"up": "您的请求已连同目前掌握的情况摘要转交给专业团队。您无需重复说明，他们会在此回复。",
		"down":     "您的请求已转回我们的支持团队，他们将在此继续处理。",
		"security": "您的请求已连同摘要转交给我们的安全团队，他们会在此回复。切勿向任何人（包括我们）透露您的密码、双重验证码或助记词。",
		"recovery": "您的请求已连同摘要转交给我们的资产找回团队，他们会核查该交易并在此回复。"},
	"es": {"up": "Hemos pasado su solicitud a un equipo especializado con un resumen de lo que sabemos. No necesita repetir nada; le responderán aquí.",
		"down":     "Su solicitud ha vuelto a nuestro equipo de soporte, que continuará aquí.",
		"security": "Hemos pasado su solicitud a nuestro equipo de seguridad con un resumen. Le responderán aquí. Nunca comparta su contraseña, códigos 2FA ni frase semilla con nadie, ni siquiera con nosotros.",
		"recovery": "Hemos pasado su solicitud a nuestro equipo de recuperación con un resumen. Revisarán la transacción y le responderán aquí."},
	"pt": {"up": "Sua solicitação foi encaminhada a uma equipe especializada com um resumo do que sabemos. Não precisa repetir nada; eles responderão aqui.",
		"down":     "Sua solicitação voltou para nossa equipe de suporte, que continuará aqui.",
		"security": "Sua solicitação foi encaminhada à nossa equipe de segurança com um resumo. Eles responderão aqui. Nunca compartilhe sua senha, códigos 2FA ou frase-semente com ninguém, nem conosco.",
		"recovery": "Sua solicitação foi encaminhada à nossa equipe de recuperação com um resumo. Eles verificarão a transação e responderão aqui."},
	"ru": {"up": "Ваш запрос передан профильной команде вместе с кратким описанием того, что уже известно. Повторять ничего не нужно — ответ придёт здесь.",
		"down":     "Ваш запрос возвращён нашей службе поддержки, которая продолжит работу здесь.",
		"security": "Ваш запрос передан нашей службе безопасности вместе с описанием. Ответ придёт здесь. Никому не сообщайте пароль, коды 2FA или сид-фразу — даже нам.",
		"recovery": "Ваш запрос передан команде по восстановлению средств вместе с описанием. Они проверят транзакцию и ответят здесь."},
	"tr": {"up": "Talebiniz, şu ana kadar bildiklerimizin bir özetiyle birlikte uzman ekibe iletildi. Hiçbir şeyi tekrar etmenize gerek yok; size buradan yanıt verecekler.",
		"down":     "Talebiniz destek ekibimize geri döndü; buradan devam edecekler.",
		"security": "Talebiniz bir özetle birlikte güvenlik ekibimize iletildi. Size buradan yanıt verecekler. Şifrenizi, 2FA kodlarınızı veya kurtarma ifadenizi bizimle dahil hiç kimseyle paylaşmayın.",
		"recovery": "Talebiniz bir özetle birlikte kurtarma ekibimize iletildi. İşlemi inceleyip size buradan yanıt verecekler."},
	"vi": {"up": "Yêu cầu của bạn đã được chuyển đến nhóm chuyên trách kèm bản tóm tắt những gì chúng tôi biết. Bạn không cần nhắc lại; họ sẽ trả lời tại đây.",
		"down":     "Yêu cầu của bạn đã được chuyển lại cho nhóm hỗ trợ, họ sẽ tiếp tục tại đây.",
		"security": "Yêu cầu của bạn đã được chuyển đến nhóm bảo mật kèm bản tóm tắt. Họ sẽ trả lời tại đây. Đừng bao giờ chia sẻ mật khẩu, mã 2FA hay cụm từ khôi phục với bất kỳ ai, kể cả chúng tôi.",
		"recovery": "Yêu cầu của bạn đã được chuyển đến nhóm khôi phục tài sản kèm bản tóm tắt. Họ sẽ kiểm tra giao dịch và trả lời tại đây."},
	"fr": {"up": "Votre demande a été transmise à une équipe spécialisée avec un résumé de ce que nous savons. Inutile de tout répéter ; elle vous répondra ici.",
		"down":     "Votre demande est revenue à notre équipe d'assistance, qui poursuivra ici.",
		"security": "Votre demande a été transmise à notre équipe sécurité avec un résumé. Elle vous répondra ici. Ne communiquez jamais votre mot de passe, vos codes 2FA ou votre phrase de récupération à personne, pas même à nous.",
		"recovery": "Votre demande a été transmise à notre équipe de récupération avec un résumé. Elle vérifiera la transaction et vous répondra ici."},
	"de": {"up": "Ihre Anfrage wurde mit einer Zusammenfassung des bisherigen Stands an ein Fachteam übergeben. Sie müssen nichts wiederholen; die Antwort kommt hier.",
		"down":     "Ihre Anfrage liegt wieder bei unserem Support-Team, das hier weitermacht.",
		"security": "Ihre Anfrage wurde mit einer Zusammenfassung an unser Sicherheitsteam übergeben. Die Antwort kommt hier. Geben Sie Passwort, 2FA-Codes oder Seed-Phrase niemals weiter, auch nicht an uns.",
		"recovery": "Ihre Anfrage wurde mit einer Zusammenfassung an unser Wiederherstellungsteam übergeben. Es prüft die Transaktion und antwortet hier."},
	"it": {"up": "La tua richiesta è stata passata a un team specializzato con un riepilogo di quanto sappiamo. Non devi ripetere nulla; ti risponderanno qui.",
		"down":     "La tua richiesta è tornata al nostro team di assistenza, che proseguirà qui.",
		"security": "La tua richiesta è stata passata al nostro team di sicurezza con un riepilogo. Ti risponderanno qui. Non condividere mai password, codici 2FA o frase seed con nessuno, nemmeno con noi.",
		"recovery": "La tua richiesta è stata passata al nostro team di recupero con un riepilogo. Verificheranno la transazione e ti risponderanno qui."},
	"id": {"up": "Permintaan Anda telah diteruskan ke tim spesialis beserta ringkasan yang kami ketahui. Anda tidak perlu mengulang apa pun; mereka akan membalas di sini.",
		"down":     "Permintaan Anda kembali ke tim dukungan kami, yang akan melanjutkan di sini.",
		"security": "Permintaan Anda telah diteruskan ke tim keamanan kami beserta ringkasannya. Mereka akan membalas di sini. Jangan pernah membagikan kata sandi, kode 2FA, atau frasa pemulihan kepada siapa pun, termasuk kami.",
		"recovery": "Permintaan Anda telah diteruskan ke tim pemulihan kami beserta ringkasannya. Mereka akan memeriksa transaksi dan membalas di sini."},
	"ar": {"up": "تم تحويل طلبك إلى فريق متخصص مع ملخص لما نعرفه حتى الآن. لا داعي لتكرار أي شيء؛ سيردّون عليك هنا.",
		"down":     "عاد طلبك إلى فريق الدعم لدينا، وسيواصلون هنا.",
		"security": "تم تحويل طلبك إلى فريق الأمان مع ملخص. سيردّون عليك هنا. لا تشارك أبدًا كلمة المرور أو رموز المصادقة الثنائية أو عبارة الاسترداد مع أي أحد، حتى معنا.",
		"recovery": "تم تحويل طلبك إلى فريق الاسترداد مع ملخص. سيتحققون من المعاملة ويردّون عليك هنا."},
	"uk": {"up": "Ваш запит передано профільній команді разом із коротким описом того, що вже відомо. Нічого повторювати не потрібно — відповідь надійде тут.",
		"down":     "Ваш запит повернуто нашій службі підтримки, яка продовжить тут.",
		"security": "Ваш запит передано нашій службі безпеки разом з описом. Відповідь надійде тут. Нікому не повідомляйте пароль, коди 2FA чи сід-фразу — навіть нам.",
		"recovery": "Ваш запит передано команді з відновлення коштів разом з описом. Вони перевірять транзакцію й відповідять тут."},
	"pl": {"up": "Twoje zgłoszenie zostało przekazane zespołowi specjalistów wraz z podsumowaniem tego, co wiemy. Nie musisz niczego powtarzać; odpowiedzą tutaj.",
		"down":     "Twoje zgłoszenie wróciło do naszego zespołu wsparcia, który będzie kontynuował tutaj.",
		"security": "Twoje zgłoszenie zostało przekazane naszemu zespołowi bezpieczeństwa wraz z podsumowaniem. Odpowiedzą tutaj. Nigdy nikomu nie podawaj hasła, kodów 2FA ani frazy odzyskiwania, nawet nam.",
		"recovery": "Twoje zgłoszenie zostało przekazane naszemu zespołowi odzyskiwania wraz z podsumowaniem. Sprawdzą transakcję i odpowiedzą tutaj."},
	"ja": {"up": "お問い合わせは、これまでの状況の要約とともに専門チームへ引き継がれました。同じ説明を繰り返す必要はありません。こちらで回答いたします。",
		"down":     "お問い合わせはサポートチームに戻りました。引き続きこちらで対応いたします。",
		"security": "お問い合わせは要約とともにセキュリティチームへ引き継がれました。こちらで回答いたします。パスワード、2FAコード、シードフレーズは当社を含め誰にも教えないでください。",
		"recovery": "お問い合わせは要約とともに資産復旧チームへ引き継がれました。取引を確認のうえ、こちらで回答いたします。"},
	"ko": {"up": "문의가 지금까지 파악된 내용의 요약과 함께 전문 팀에 전달되었습니다. 다시 설명하실 필요 없이 이곳에서 답변드립니다.",
		"down":     "문의가 고객지원팀으로 다시 돌아왔으며 이곳에서 계속 도와드립니다.",
		"security": "문의가 요약과 함께 보안팀에 전달되었습니다. 이곳에서 답변드립니다. 비밀번호, 2FA 코드, 시드 문구는 저희를 포함해 누구에게도 알려주지 마세요.",
		"recovery": "문의가 요약과 함께 자산 복구팀에 전달되었습니다. 거래를 확인한 후 이곳에서 답변드립니다."},
	"th": {"up": "คำขอของคุณถูกส่งต่อไปยังทีมผู้เชี่ยวชาญพร้อมสรุปข้อมูลที่เราทราบแล้ว คุณไม่จำเป็นต้องอธิบายซ้ำ ทีมงานจะตอบกลับที่นี่",
		"down":     "คำขอของคุณกลับมาอยู่กับทีมสนับสนุนของเราแล้ว และจะดำเนินการต่อที่นี่",
		"security": "คำขอของคุณถูกส่งต่อไปยังทีมความปลอดภัยพร้อมสรุปข้อมูล ทีมงานจะตอบกลับที่นี่ อย่าเปิดเผยรหัสผ่าน รหัส 2FA หรือวลีกู้คืนกับใครก็ตาม รวมถึงเรา",
		"recovery": "คำขอของคุณถูกส่งต่อไปยังทีมกู้คืนสินทรัพย์พร้อมสรุปข้อมูล ทีมงานจะตรวจสอบธุรกรรมและตอบกลับที่นี่"},
}

// TicketRoute is a ticket's routing as the ticket page and the API show it.
type TicketRoute struct {
	TicketID    int64            `json:"ticket_id"`
	QueueID     *int64           `json:"queue_id"`
	QueueName   string           `json:"queue_name"`
	Reason      string           `json:"reason"`
	Waiting     bool             `json:"waiting"`
	Position    int              `json:"position,omitempty"`
	WaitSeconds int              `json:"wait_seconds,omitempty"`
	Unstaffed   bool             `json:"unstaffed"` // waiting, and no agent who fits is online
	Offer       *Offer           `json:"offer,omitempty"`
	HandOffs    []ticket.HandOff `json:"escalations"`
}

// TicketRoute reads ticket id's routing (the caller checks the agent may see it).
func (s *Service) TicketRoute(ctx context.Context, id int64) (TicketRoute, error) {
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return TicketRoute{}, err
	}
	r := TicketRoute{TicketID: id, QueueID: f.QueueID, Reason: f.QueueReason}
	if f.QueueID != nil {
		if err := s.db.QueryRow(ctx, `SELECT name FROM routing_queues WHERE id = ?`, *f.QueueID).Scan(&r.QueueName); err != nil {
			return TicketRoute{}, fmt.Errorf("route of ticket %d: %w", id, err)
		}
	}
	pos, wait, ok, err := s.QueueInfo(ctx, id)
	if err != nil {
		return TicketRoute{}, err
	}
	if ok {
		r.Waiting, r.Position, r.WaitSeconds = true, pos, int(wait.Seconds())
		r.Unstaffed = s.index.Eligible(needOf(f)) == 0
	}
	if o, exists, err := s.offerOf(ctx, id); err != nil {
		return TicketRoute{}, err
	} else if exists && o.expiresAt > s.db.Now() {
		r.Offer = &Offer{TicketID: id, AgentID: o.agentID, ExpiresAt: o.expiresAt}
	}
	if r.HandOffs, err = s.tickets.HandOffs(ctx, id); err != nil {
		return TicketRoute{}, err
	}
	return r, nil
}
