package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bot/llm"
	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// turn is one customer message and what the bot knows around it.
type turn struct {
	t      ticket.Ticket
	c      conversation
	text   string
	a      nlu.Analysis
	level  auth.Level
	userID string // the exchange user id; "" for an anonymous visitor
	input  string // the button pressed with this message, if any
	// introduced: the bot has said what it is in this conversation.
	introduced bool
}

func (u *turn) lang() string { return u.c.Lang }

// Turn handles one customer message of a chat ticket: a button press
// runs its flow; text is analysed and answered, or handed off. A message
// handled before (redelivery) is skipped.
func (b *Bot) Turn(ctx context.Context, m ticket.MessageCreatedEvent) error {
	t, err := b.cfg.Tickets.Head(ctx, ticket.Viewer{AllTeams: true}, m.TicketID)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		return err
	}
	if t.Channel != "chat" || t.Status == ticket.StatusClosed || t.MergedInto != nil {
		return nil
	}
	c, err := load(ctx, b.cfg.DB, t.ID)
	if err != nil {
		return err
	}
	if m.MessageID <= c.LastMessage {
		return nil
	}
	// The bot answers what customers write in the widget (a message with a
	// client id), not messages a channel integration or the demo seed
	// stored in a chat ticket.
	var fromWidget int64
	if err := b.cfg.DB.QueryRow(ctx, `SELECT COUNT(*) FROM chat_sends WHERE ticket_id = ? AND message_id = ?`, t.ID, m.MessageID).Scan(&fromWidget); err != nil {
		return fmt.Errorf("bot turn on ticket %d: %w", t.ID, err)
	}
	if fromWidget == 0 {
		return nil
	}
	text, err := b.cfg.Tickets.OpenEventBody(ctx, m)
	if err != nil {
		return err
	}
	u := &turn{t: t, c: c, text: text}
	if !c.found {
		u.c.Lang = orLang(t.Language)
	}
	if c.InputMessage == m.MessageID {
		u.input = c.Input
	}
	u.c.LastMessage = m.MessageID
	if err := b.know(ctx, u); err != nil {
		return err
	}
	wasBot := u.c.Mode == modeBot
	if err := b.respond(ctx, u); err != nil {
		return err
	}
	if err := save(ctx, b.cfg.DB, &u.c); err != nil {
		return err
	}
	b.notify(t.ID)
	if wasBot && u.c.Mode != modeBot && b.cfg.HandedOff != nil {
		if err := b.cfg.HandedOff(ctx, t.ID); err != nil {
			b.log.Warn("bot: routing after the hand-off", "ticket", t.ID, "err", err)
		}
	}
	return nil
}

// resume continues ticketID's flow that waits for a step-up, if it does.
func (b *Bot) resume(ctx context.Context, ticketID int64) error {
	c, err := load(ctx, b.cfg.DB, ticketID)
	if err != nil || !c.found || c.Step != stepStepUp {
		return err
	}
	t, err := b.cfg.Tickets.Head(ctx, ticket.Viewer{AllTeams: true}, ticketID)
	if err != nil {
		return err
	}
	u := &turn{t: t, c: c, input: "choice:continue"}
	if err := b.know(ctx, u); err != nil {
		return err
	}
	if u.level < flows[c.Flow].level {
		return nil // a step-up for another request; the customer presses Continue
	}
	if err := b.choose(ctx, u, "continue"); err != nil {
		return err
	}
	if err := save(ctx, b.cfg.DB, &u.c); err != nil {
		return err
	}
	b.notify(ticketID)
	return nil
}

// know fills in the customer's level and exchange user, and the analysis.
func (b *Bot) know(ctx context.Context, u *turn) error {
	if ext := u.t.Customer.ExternalID; ext != "" && !strings.HasPrefix(ext, "visitor:") {
		u.userID = ext
	}
	lv, err := b.cfg.Levels.Status(ctx, u.t.Customer.ID, u.t.ID, u.t.CreatedAt)
	if err != nil {
		return err
	}
	u.level = lv.Level
	var said int64
	if err := b.cfg.DB.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'bot' AND internal = 0`, u.t.ID).Scan(&said); err != nil {
		return fmt.Errorf("bot turn on ticket %d: %w", u.t.ID, err)
	}
	u.introduced = said > 0
	if u.input == "" {
		u.a = b.cfg.Analyzer.Analyze(ctx, u.text, u.c.Lang)
		if slices.Contains(ticket.Languages, u.a.Lang) && wordy(u.text, u.a.Entities) {
			u.c.Lang = u.a.Lang
		}
	}
	return nil
}

// respond decides what the bot does with the turn.
func (b *Bot) respond(ctx context.Context, u *turn) error {
	switch {
	case strings.HasPrefix(u.input, "flow:"):
		return b.startFlow(ctx, u, strings.TrimPrefix(u.input, "flow:"))
	case strings.HasPrefix(u.input, "choice:"):
		return b.choose(ctx, u, strings.TrimPrefix(u.input, "choice:"))
	}
	if u.c.Mode != modeBot {
		// A person has the conversation: the bot stays out of it, but a
		// flow that waits for text (a TxID) still takes it.
		if u.c.Flow != "" && u.c.Step == stepAwaitTxID {
			return b.advance(ctx, u, "")
		}
		if u.a.HighStakes && u.c.Mode != modeSecurity {
			// It turned serious while waiting: security, urgent, once.
			return b.compromised(ctx, u)
		}
		return nil
	}
	a := u.a
	switch {
	case !meaningful(u.text):
		return b.reply(ctx, u, "rephrase", say(u.lang(), "rephrase"))
	case a.HighStakes || a.Intent == nlu.IntentAccountCompromised && a.Confidence >= b.cfg.MinConfidence:
		return b.compromised(ctx, u)
	case a.Intent == nlu.IntentPhishingReport && a.Confidence >= sureConfidence:
		return b.scam(ctx, u)
	case a.WantsHuman || a.Intent == nlu.IntentTalkToHuman && a.Confidence >= sureConfidence || asksForPerson(u.text):
		return b.handOff(ctx, u, handOffHuman, "the customer asked for a person")
	case a.Distress:
		return b.handOff(ctx, u, handOffDistress, "the customer is distressed")
	case u.c.Flow != "" && u.c.Step == stepAwaitTxID:
		return b.advance(ctx, u, "")
	}
	if hasEntity(a, nlu.EntityTxID) && (a.Intent == nlu.IntentDepositMissing || a.Intent == nlu.IntentOther || a.Confidence < b.cfg.MinConfidence) {
		return b.startFlow(ctx, u, flowDeposit)
	}
	if a.Confidence >= b.cfg.MinConfidence {
		if f, ok := intentFlows[a.Intent]; ok {
			return b.offerOrStart(ctx, u, f)
		}
	}
	return b.answerFromArticles(ctx, u)
}

// sureConfidence is the confidence at which the bot hands off on an
// intent alone (asking for a person, reporting a scam) without the
// analyser's explicit signal.
const sureConfidence = 0.85

// intentFlows are the flows the bot runs or offers for an intent.
var intentFlows = map[string]string{
	nlu.IntentDepositMissing:       flowDeposit,
	nlu.IntentWithdrawalDelayed:    flowWithdrawal,
	nlu.IntentWithdrawalSuspended:  flowUnlock,
	nlu.IntentTwoFactorReset:       flowTwoFactor,
	nlu.IntentIdentityVerification: flowKYC,
}

// offerOrStart runs the deposit and withdrawal checks at once (they only
// read, and answer what was asked), and offers the others with the
// article that fits the question best: the customer decides.
func (b *Bot) offerOrStart(ctx context.Context, u *turn, flow string) error {
	if flow == flowDeposit || flow == flowWithdrawal {
		return b.startFlow(ctx, u, flow)
	}
	hits := b.articles(ctx, u)
	text := say(u.lang(), "offer")
	key := "offer:" + flow
	if len(hits) > 0 {
		text = articleText(u.lang(), hits[0], b.cfg.PublicURL) + "\n\n" + text
	}
	u.c.Flow, u.c.Step, u.c.Data = flowOffer, stepOffer, map[string]string{"offer": flow}
	return b.reply(ctx, u, key, text)
}

// compromised: a hacked account or a scam in progress goes to the
// security specialists as urgent at once, and a signed-in customer is
// offered the freeze.
func (b *Bot) compromised(ctx context.Context, u *turn) error {
	if err := b.handOff(ctx, u, handOffSecurity, "high stakes: "+u.a.Intent); err != nil {
		return err
	}
	if u.userID == "" || u.level < auth.L1 {
		return nil
	}
	u.c.Flow, u.c.Step, u.c.Data = flowFreeze, stepConfirm, map[string]string{}
	return b.post(ctx, u, say(u.lang(), "offer_freeze"))
}

// scam: a fake "support" asking for secrets, a scam in progress: the
// article that says what support never asks for, and the security team,
// at high priority.
func (b *Bot) scam(ctx context.Context, u *turn) error {
	if hits := b.articles(ctx, u); len(hits) > 0 {
		// An article about scams quotes what scammers ask for; should the
		// outbound guard refuse it, the customer still reaches security.
		text := articleText(u.lang(), hits[0], b.cfg.PublicURL)
		if !u.introduced {
			text = say(u.lang(), "intro") + "\n\n" + text
		}
		switch _, err := b.cfg.Tickets.BotReply(ctx, u.t.ID, text); {
		case err == nil:
			u.introduced = true
			u.c.try("article " + hits[0].Slug)
		case errors.Is(err, ticket.ErrBlocked):
			u.c.try("article " + hits[0].Slug + " (refused by the outbound guard)")
		default:
			return err
		}
	}
	return b.handOff(ctx, u, handOffScam, "possible scam in progress: "+u.a.Intent)
}

// answerFromArticles answers with the best article's passage and link.
// Nothing found, or only the answer just given, goes to a person when the
// bot is unsure; otherwise it asks the customer to say more, once.
func (b *Bot) answerFromArticles(ctx context.Context, u *turn) error {
	var fresh []kbHit
	for _, h := range b.articles(ctx, u) {
		if "kb:"+h.Slug != u.c.LastAnswer {
			fresh = append(fresh, h)
		}
	}
	if len(fresh) > 0 {
		if key, text, ok := b.modelAnswer(ctx, u, fresh); ok {
			u.c.try("model answer from " + key)
			return b.reply(ctx, u, key, text)
		}
		h := fresh[0]
		u.c.try("article " + h.Slug)
		return b.reply(ctx, u, "kb:"+h.Slug, articleText(u.lang(), h, b.cfg.PublicURL))
	}
	if u.a.Confidence < b.cfg.MinConfidence || u.c.LastAnswer == "rephrase" {
		return b.handOff(ctx, u, handOffUnsure, fmt.Sprintf("low confidence (%s, %.2f) and no article fits", u.a.Intent, u.a.Confidence))
	}
	return b.reply(ctx, u, "rephrase", say(u.lang(), "rephrase"))
}

// modelAnswer asks the language model, when one is configured, to answer
// from the passages found; its answer comes with the links of the articles
// it cites. ok is false when there is no model or it gave no usable answer
// (it cited nothing or something else, claimed an action, or the guard
// refused it): the bot then sends the best passage itself.
func (b *Bot) modelAnswer(ctx context.Context, u *turn, hits []kbHit) (key, text string, ok bool) {
	if !b.cfg.Model.Enabled() {
		return "", "", false
	}
	sources := make([]llm.Source, len(hits))
	byID := map[string]kbHit{}
	for i, h := range hits {
		id := "kb:" + h.Slug
		sources[i] = llm.Source{ID: id, Title: h.Title, URL: b.cfg.PublicURL + "/help/" + h.Lang + "/articles/" + h.Slug, Text: h.Passage}
		byID[id] = h
	}
	ans, err := b.cfg.Model.Answer(ctx, llm.Question{Lang: u.lang(), Text: u.text}, sources)
	if err != nil {
		b.log.Info("bot: the language model's answer is not used", "ticket", u.t.ID, "err", err)
		return "", "", false
	}
	var links strings.Builder
	for i, id := range ans.Citations {
		h := byID[id]
		fmt.Fprintf(&links, "\n[%d] %s: %s/help/%s/articles/%s", i+1, h.Title, b.cfg.PublicURL, h.Lang, h.Slug)
	}
	return "llm:" + strings.Join(ans.Citations, ","), ans.Text + "\n" + links.String(), true
}

func (b *Bot) articles(ctx context.Context, u *turn) []kbHit {
	if b.cfg.Articles == nil || !meaningful(u.text) {
		return nil
	}
	hits, err := b.cfg.Articles.Query(ctx, u.lang(), u.text, 3)
	if err != nil {
		b.log.Warn("bot: article search", "ticket", u.t.ID, "err", err)
		return nil
	}
	return hits
}

// reply posts text unless it is the answer given last (key): the bot never
// gives the same answer twice in a row; it hands off instead.
func (b *Bot) reply(ctx context.Context, u *turn, key, text string) error {
	if key != "" && key == u.c.LastAnswer && u.c.Mode == modeBot {
		return b.handOff(ctx, u, handOffUnsure, "the bot would have repeated its last answer ("+key+")")
	}
	u.c.LastAnswer = key
	return b.post(ctx, u, text)
}

// post stores text as the bot's message; the first one of a conversation
// is preceded by one saying that a bot is writing and how to reach a
// person. A reply the outbound guard refuses is not sent: the conversation
// goes to a person.
func (b *Bot) post(ctx context.Context, u *turn, text string) error {
	write := b.cfg.Tickets.BotReply
	if u.c.Mode != modeBot {
		write = b.cfg.Tickets.BotReplyWaiting // the customer still waits for a person
	}
	if !u.introduced {
		// A message of its own: the guard reads each text as one request,
		// and an introduction that names what support never asks for
		// must not lend that to the next sentence.
		_, err := write(ctx, u.t.ID, say(u.lang(), "intro"))
		if err != nil && !errors.Is(err, ticket.ErrBlocked) {
			return err
		}
		u.introduced = true
	}
	if _, err := write(ctx, u.t.ID, text); err != nil {
		if errors.Is(err, ticket.ErrBlocked) && u.c.Mode == modeBot {
			b.log.Warn("bot: the outbound guard refused a reply", "ticket", u.t.ID)
			return b.handOff(ctx, u, handOffUnsure, "the outbound guard refused the bot's reply")
		}
		return err
	}
	return nil
}

// meaningful: the text has a letter or a digit (not empty, not only
// emoji or punctuation).
func meaningful(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// personWords are the words the bot's introduction tells customers to
// write for a person, in each language: alone, they always reach one.
var personWords = []string{"agent", "оператор", "agente", "atendente", "mitarbeiter", "operatore", "temsilci", "nhân viên",
	"agen", "konsultant", "人工", "担当者", "상담원", "เจ้าหน้าที่", "موظف", "human", "person"}

// asksForPerson: the message is one of personWords (any case, any
// punctuation around it).
func asksForPerson(s string) bool {
	s = strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }))
	return slices.Contains(personWords, s)
}

// wordy: the text has words of its own besides TxIDs, addresses and the
// guard's placeholders ("[private key removed]"), so that its language
// says something; a bare hash keeps the conversation's language.
func wordy(s string, es []nlu.Entity) bool {
	b := []byte(s)
	for _, e := range es {
		if (e.Kind == nlu.EntityTxID || e.Kind == nlu.EntityAddress) && e.Start >= 0 && e.End <= len(b) && e.Start < e.End {
			for i := e.Start; i < e.End; i++ {
				b[i] = ' '
			}
		}
	}
	rest := string(b)
	for {
		i := strings.IndexByte(rest, '[')
		j := strings.IndexByte(rest, ']')
		if i < 0 || j < i {
			break
		}
		rest = rest[:i] + " " + rest[j+1:]
	}
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

func hasEntity(a nlu.Analysis, kind string) bool {
	return slices.ContainsFunc(a.Entities, func(e nlu.Entity) bool { return e.Kind == kind })
}

func orLang(l string) string {
	if slices.Contains(ticket.Languages, l) {
		return l
	}
	return "en"
}
