package chat

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// opTimeout bounds the database work of one frame.
const opTimeout = 15 * time.Second

// establish answers hello: it finds or makes the visitor, checks the
// identity token, attaches the visitor's anonymous conversations to a
// customer who signed in, picks the conversation, and replays it.
func (c *conn) establish(in In) *FrameError {
	if in.V != Version {
		return &FrameError{Code: CodeBadVersion, Msg: "this server speaks version 1 of the chat protocol", Ref: "hello", Fatal: true}
	}
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	if slices.Contains(ticket.Languages, in.Lang) {
		c.lang = in.Lang
	}
	var err error
	if c.visitorID, c.resume, err = visitor(ctx, c.s.cfg.DB, in.Resume); err != nil {
		return c.internal(err)
	}
	c.hello = true
	want, after := in.Conversation, in.LastSeq
	if in.Token != "" {
		attached, fe := c.signIn(ctx, in.Token, true)
		if fe != nil {
			return fe
		}
		latest, err := c.continuing(ctx, attached)
		if err != nil {
			return c.internal(err)
		}
		if latest != 0 && !slices.Contains(attached, want) {
			want, after = latest, 0
		}
	}
	return c.open(ctx, want, after, true)
}

// continuing is the newest of attached (the visitor's conversations that
// signing in just gave the customer) that is not closed, 0 for none: where
// the visitor was writing. A hello that attached one continues it rather
// than the conversation it names, which a frame reloaded for the sign-in
// kept from the customer's earlier visit: an older conversation.
func (c *conn) continuing(ctx context.Context, attached []int64) (int64, error) {
	for i := len(attached) - 1; i >= 0; i-- {
		v, err := c.s.cfg.Conversations.CustomerTicket(ctx, c.ref(), attached[i])
		if err != nil {
			return 0, err
		}
		if v.Status != ticket.StatusClosed {
			return attached[i], nil
		}
	}
	return 0, nil
}

// identify answers identify: the customer signed in while the widget was
// open. A bad token leaves the socket as it was.
func (c *conn) identify(in In) *FrameError {
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	if _, fe := c.signIn(ctx, in.Token, false); fe != nil {
		if fe.Fatal {
			return fe
		}
		c.fail(fe)
		return nil
	}
	c.mu.Lock()
	current, after := c.ticket, c.maxSent
	c.mu.Unlock()
	return c.open(ctx, current, after, false)
}

// signIn checks token and makes the socket the customer's it names; the
// visitor's anonymous conversations are attached to them (their ids,
// oldest first).
func (c *conn) signIn(ctx context.Context, token string, fatal bool) ([]int64, *FrameError) {
	id, err := c.s.cfg.Identities.Verify(token)
	if err != nil {
		fe := &FrameError{Code: CodeUnauthorised, Msg: "The sign-in is not valid; sign in on the exchange again.", Ref: "token", Fatal: fatal}
		if errors.Is(err, auth.ErrIdentityExpired) {
			fe.Code, fe.Msg = CodeTokenExpired, "The sign-in has expired; sign in on the exchange again."
		}
		return nil, fe
	}
	if !c.s.shortLived(id) {
		return nil, &FrameError{Code: CodeTokenTooLong, Msg: "This sign-in token lives too long; the exchange must sign a fresh one.", Ref: "token", Fatal: fatal}
	}
	if id.TokenID != "" {
		if err := c.addVisitor(ctx); err != nil {
			return nil, c.internal(err)
		}
		first, err := useTokenID(ctx, c.s.cfg.DB, id.TokenID, c.visitorID, id.Expires)
		if err != nil {
			return nil, c.internal(err)
		}
		if !first {
			return nil, &FrameError{Code: CodeTokenReplayed, Msg: "This sign-in was used in another browser; sign in on the exchange again.", Ref: "token", Fatal: fatal}
		}
	}
	var ids []int64
	anonymous := ticket.CustomerRef{ExternalID: visitorRef(c.visitorID)}
	if c.visitorID != 0 {
		if ids, err = c.s.cfg.Conversations.CustomerTicketIDs(ctx, anonymous, "chat"); err != nil {
			return nil, c.internal(err)
		}
	}
	to := ticket.NewCustomer{ExternalID: id.UserID, Name: id.Name, Email: id.Email, Language: c.lang, Identity: token}
	for _, t := range ids {
		if err := c.s.cfg.Conversations.AttachCustomer(ctx, anonymous, t, to); err != nil {
			return nil, c.internal(err)
		}
	}
	c.ident, c.token = &id, token
	c.s.users.add(id.UserID, c, c.lang)
	return ids, nil
}

// addVisitor stores the socket's visitor if it is not yet.
func (c *conn) addVisitor(ctx context.Context) error {
	if c.visitorID != 0 {
		return nil
	}
	id, err := addVisitor(ctx, c.s.cfg.DB, c.resume)
	c.visitorID = id
	return err
}

// known reports whether the socket speaks for someone who may own
// conversations: a signed-in customer, or a stored visitor.
func (c *conn) known() bool { return c.ident != nil || c.visitorID != 0 }

// ref names the customer the socket speaks for.
func (c *conn) ref() ticket.CustomerRef {
	if c.ident != nil {
		return ticket.CustomerRef{ExternalID: c.ident.UserID}
	}
	return ticket.CustomerRef{ExternalID: visitorRef(c.visitorID)}
}

// open picks the conversation (want, or the latest open one), sends
// welcome, and replays the conversation after the message seq after.
func (c *conn) open(ctx context.Context, want, after int64, first bool) *FrameError {
	conv := c.s.cfg.Conversations
	var view ticket.CustomerView
	found := false
	if want > 0 && !c.known() {
		if first {
			return &FrameError{Code: CodeConversationNotYours, Msg: "This conversation is not yours; start a new one.", Ref: "conversation", Fatal: true}
		}
		want = 0
	}
	if want > 0 {
		v, err := conv.CustomerTicket(ctx, c.ref(), want)
		switch {
		case errs.Is(err, errs.NotFound) || err == nil && v.Channel != "chat":
			if !first {
				// identify: the conversation shown was not the visitor's to attach.
				after = 0
				break
			}
			return &FrameError{Code: CodeConversationNotYours, Msg: "This conversation is not yours; start a new one.", Ref: "conversation", Fatal: true}
		case err != nil:
			return c.internal(err)
		default:
			view, found = v, true
		}
	}
	if !found && c.known() {
		v, ok, err := conv.LatestCustomerTicket(ctx, c.ref(), "chat")
		if err != nil {
			return c.internal(err)
		}
		view, found, after = v, ok, 0
	}
	w := Welcome{Type: "welcome", V: Version, Resume: c.resume, Level: "L0", Heartbeat: int(c.s.cfg.Heartbeat / time.Second),
		Limits: Limits{MaxFrame: MaxFrame, MaxText: MaxText, SendsPerMinute: int(time.Minute / c.s.cfg.Sends.Every)}, Screen: c.s.screenInfo(), Callback: c.callbackInfo(ctx)}
	if c.ident != nil {
		w.Level = auth.L1.String()
		w.Customer = &Customer{Name: c.ident.Name, Phrase: c.phrase(ctx), Alert: c.alert(ctx)}
	}
	if found {
		id := view.ID
		w.Conversation, w.Status, w.LastSeq = &id, string(view.Status), view.LastMessageID
		_, agentRead, err := readSeqs(ctx, c.s.cfg.DB, view.ID)
		if err != nil {
			return c.internal(err)
		}
		w.AgentReadSeq = agentRead
		c.status = view.Status
	}
	if err := c.write(w); err != nil {
		return nil
	}
	if err := c.sendToolbar(); err != nil {
		return nil
	}
	if !found {
		c.show(0)
		return nil
	}
	if err := c.replay(ctx, view, after); err != nil {
		return c.frameErr(err)
	}
	_ = c.offerOnResume(ctx, view.ID, view.Status) // a failed write closes the socket; the customer reconnects
	return nil
}

// alert is the signed-in customer's open security alert, nil for none.
func (c *conn) alert(ctx context.Context) *Alert {
	if c.s.cfg.Alert == nil {
		return nil
	}
	a, ok, err := c.s.cfg.Alert(ctx, c.ident.UserID, c.lang)
	if err != nil {
		c.s.log.Warn("chat: security alert look-up failed", "err", err)
		return nil
	}
	if !ok {
		return nil
	}
	return &a
}

func (c *conn) phrase(ctx context.Context) string {
	if c.s.cfg.Phrase == nil {
		return ""
	}
	p, err := c.s.cfg.Phrase(ctx, c.ident.UserID)
	if err != nil {
		c.s.log.Warn("chat: anti-phishing phrase look-up failed", "err", err)
		return ""
	}
	return p
}

// show makes ticketID the conversation this socket shows, for the hub.
// replaying holds live frames until the replay is out.
func (c *conn) show(ticketID int64) (old int64) {
	c.mu.Lock()
	old = c.ticket
	if old != ticketID {
		c.sent, c.maxSent, c.floor = map[int64]struct{}{}, 0, 0
	}
	c.ticket, c.held = ticketID, nil
	c.mu.Unlock()
	if old != 0 && old != ticketID {
		c.s.hub.leave(old, c)
	}
	if ticketID != 0 {
		c.s.hub.join(ticketID, c)
	}
	return old
}

// replay joins the conversation's live delivery first, then sends every
// message after the seq after from the database (the newest replayPage
// when after is 0), then what arrived live meanwhile, then synced. The
// live frames that the database read also returned are dropped by seq.
func (c *conn) replay(ctx context.Context, view ticket.CustomerView, after int64) error {
	c.hold()
	defer c.release()
	c.show(view.ID)
	conv := c.s.cfg.Conversations
	var before int64
	if after == 0 {
		// The newest page, not the oldest; read after joining, so that a
		// message committed before the join is in it.
		before = 1 << 62
	}
	last := after
	// The client has every message up to after: a live frame of one (the
	// bus may lag behind the database) is not sent again, and the client
	// may mark them read.
	c.mu.Lock()
	c.maxSent, c.floor = max(c.maxSent, after), max(c.floor, after)
	c.mu.Unlock()
	for {
		msgs, more, err := conv.CustomerMessages(ctx, c.ref(), view.ID, after, before, replayPage)
		if err != nil {
			return err
		}
		if err := c.sendMessages(ctx, view.ID, msgs, true); err != nil {
			return err
		}
		if len(msgs) > 0 {
			last = max(last, msgs[len(msgs)-1].ID)
			after = msgs[len(msgs)-1].ID
		}
		if before > 0 || !more {
			break
		}
	}
	c.mu.Lock()
	last = max(last, c.maxSent)
	c.mu.Unlock()
	if err := c.write(Out{Type: "synced", Conversation: view.ID, LastSeq: &last}); err != nil {
		return err
	}
	if err := c.sendFlow(ctx, view.ID); err != nil {
		return err
	}
	return c.sendQueue(ctx, view.ID)
}

// hold keeps live frames back (in held) while the session queues frames
// that must come first: a replay, or an ack and the message it stored,
// which the sender's frame names by its client id.
func (c *conn) hold() {
	c.mu.Lock()
	c.replaying = true
	c.mu.Unlock()
}

// release queues the live frames held back, but those queued meanwhile.
func (c *conn) release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.replaying = false
	for _, f := range c.held {
		c.offerLocked(f)
	}
	c.held = nil
}

// sendMessages queues msgs of ticketID, with the client ids of the
// customer's own.
func (c *conn) sendMessages(ctx context.Context, ticketID int64, msgs []ticket.Message, replay bool) error {
	if len(msgs) == 0 {
		return nil
	}
	ids, err := clientIDs(ctx, c.s.cfg.DB, ticketID, msgs[0].ID, msgs[len(msgs)-1].ID)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		out := c.s.message(ctx, m)
		out.ID, out.Replay = ids[m.ID], replay
		if err := c.pushMessage(ticketID, out); err != nil {
			return err
		}
	}
	return nil
}

// send stores a customer message once per client id, acknowledges it, and
// queues it with what the store added after it (the guard's warning).
func (c *conn) send(in In) error {
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	text := strings.TrimSpace(in.Text)
	c.hold()
	defer c.release()
	ticketID := c.current()
	var m ticket.Message
	var dup int64
	var err error
	if ticketID != 0 && c.status != ticket.StatusClosed {
		m, dup, err = c.append(ctx, ticketID, in, text)
		if errs.Is(err, errs.Conflict) { // closed meanwhile: start anew
			ticketID, err = 0, nil
		}
	} else {
		ticketID = 0
	}
	if err == nil && ticketID == 0 {
		ticketID, m, err = c.start(ctx, in, text)
	}
	if err != nil {
		return c.sendErr(in.ID, err)
	}
	if dup != 0 {
		msgs, _, err := c.s.cfg.Conversations.CustomerMessages(ctx, c.ref(), ticketID, dup-1, 0, 1)
		if err != nil {
			return err
		}
		ack := Ack{Type: "ack", ID: in.ID, Conversation: ticketID, Seq: dup, Duplicate: true}
		if len(msgs) == 1 && msgs[0].ID == dup {
			ack.Text = msgs[0].Body
		}
		return c.write(ack)
	}
	redacted := m.Body != text
	if err := c.write(Ack{Type: "ack", ID: in.ID, Conversation: ticketID, Seq: m.ID, Text: m.Body, Redacted: redacted}); err != nil {
		return err
	}
	if !redacted && m.TicketID == ticketID {
		// Nothing follows it in its transaction but a warning about an
		// earlier message, which the bus brings: the message itself is
		// all there is to queue, and it needs no read.
		out := c.s.message(ctx, m)
		out.ID = in.ID
		return c.pushMessage(ticketID, out)
	}
	msgs, _, err := c.s.cfg.Conversations.CustomerMessages(ctx, c.ref(), ticketID, m.ID-1, 0, 20)
	if err != nil {
		return err
	}
	return c.sendMessages(ctx, ticketID, msgs, false)
}

// append adds text to ticketID unless clientID is stored there already
// (then dup is the stored message's id).
func (c *conn) append(ctx context.Context, ticketID int64, in In, text string) (ticket.Message, int64, error) {
	clientID, ref := in.ID, c.ref()
	// Written by the group's batch, read only once it has answered nil.
	var m ticket.Message
	err := c.s.sends.Tx(ctx, ticketID, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if m, err = c.s.cfg.Conversations.AppendAsCustomer(ctx, ref, ticketID, text); err != nil {
			return err
		}
		if err := c.markFlow(ctx, ticketID, m.ID, in); err != nil {
			return err
		}
		recordSend(tx, ticketID, clientID, m.ID)
		return nil
	})
	if err == nil {
		return m, 0, nil
	}
	// A client id stored before breaks chat_sends' key, which failed the
	// commit; or the conversation closed since, and the id may still name
	// a message stored before it did.
	if dup, lerr := sentMessage(ctx, c.s.cfg.DB, ticketID, clientID); lerr == nil && dup != 0 {
		return ticket.Message{}, dup, nil
	}
	return ticket.Message{}, 0, err
}

// start opens a conversation with text as its first message, and shows it.
func (c *conn) start(ctx context.Context, in In, text string) (int64, ticket.Message, error) {
	clientID, fields, area := in.ID, in.Fields, in.Area
	if c.ident == nil {
		if err := c.addVisitor(ctx); err != nil {
			return 0, ticket.Message{}, err
		}
	}
	nc := ticket.NewCustomer{ExternalID: c.ref().ExternalID, Language: c.lang}
	if c.ident != nil {
		nc.Name, nc.Email = c.ident.Name, c.ident.Email
		if time.Until(c.ident.Expires) > 5*time.Second {
			nc.Identity = c.token // recorded: the ticket starts at L1
		}
	}
	var m ticket.Message
	var ticketID int64
	err := c.s.sends.Tx(ctx, 0, func(ctx context.Context, tx *store.Tx) error {
		t, err := c.s.cfg.Conversations.CreateForCustomer(ctx, ticket.NewTicket{Subject: Subject, Message: text,
			Channel: "chat", Customer: nc, Language: c.lang, CustomFields: fields, ProductArea: area})
		if err != nil {
			return err
		}
		ticketID = t.ID
		// The first message is the ticket's oldest customer message.
		if err := tx.QueryRow(ctx, `SELECT MIN(id) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, t.ID).Scan(&m.ID); err != nil {
			return err
		}
		if err := c.markFlow(ctx, t.ID, m.ID, in); err != nil {
			return err
		}
		recordSend(tx, t.ID, clientID, m.ID)
		return nil
	})
	if err != nil {
		return 0, ticket.Message{}, err
	}
	msgs, _, err := c.s.cfg.Conversations.CustomerMessages(ctx, c.ref(), ticketID, m.ID-1, 0, 1)
	if err != nil {
		return 0, m, err
	}
	if len(msgs) == 1 {
		m = msgs[0]
	}
	c.status = ticket.StatusNew
	c.show(ticketID)
	if err := c.write(Out{Type: "conversation", Conversation: ticketID, Status: string(ticket.StatusNew)}); err != nil {
		return 0, m, err
	}
	// Routing and the SLA may have signalled before show joined the hub:
	// ask again, so a queue place or a promise given meanwhile is not lost;
	// with their signals of the same moments, not on its own (each
	// question reads the queue's order), so a new conversation costs one.
	c.s.askQueue(ticketID)
	return ticketID, m, nil
}

// Subject is every chat conversation's subject. It is not taken from the
// first message: message bodies are sealed at rest and subjects are not, so
// a subject cut from a message would keep in clear whatever the guard did
// not recognise there (a seed phrase cut at 80 characters is one it does
// not). The workspace shows the conversation itself.
const Subject = "Live chat"

// sendErr turns a failed send into its error frame.
func (c *conn) sendErr(clientID string, err error) error {
	switch errs.KindOf(err) {
	case errs.Invalid, errs.TooLarge:
		msg := "The message was not accepted."
		e, ok := errs.As(err)
		if ok {
			msg = e.Msg
		}
		if ok && strings.HasPrefix(e.Field, "custom_fields.") {
			// A pre-chat form value the form refused; nothing was stored.
			return &FrameError{Code: CodeInvalidField, Msg: msg, Ref: clientID, Field: strings.TrimPrefix(e.Field, "custom_fields.")}
		}
		return &FrameError{Code: CodeBadFrame, Msg: msg, Ref: clientID}
	case errs.NotFound:
		return &FrameError{Code: CodeConversationNotYours, Msg: "This conversation is not yours; start a new one.", Ref: clientID, Fatal: true}
	case errs.Forbidden:
		return &FrameError{Code: CodeBadFrame, Msg: "The message was refused.", Ref: clientID}
	case errs.Unavailable:
		return &FrameError{Code: CodeUnavailable, Msg: "We could not store the message just now; send it again.", Ref: clientID, RetryAfter: time.Second}
	}
	if errors.Is(err, context.DeadlineExceeded) && c.ctx.Err() == nil {
		return &FrameError{Code: CodeUnavailable, Msg: "We could not store the message just now; send it again.", Ref: clientID, RetryAfter: time.Second}
	}
	return err
}

// typing tells the agents that the customer is typing, or stopped.
func (c *conn) typing(on bool) error {
	t := c.current()
	if t == 0 {
		return nil
	}
	if err := c.s.cfg.Live.Signal(TypingSubject(t), LiveSignal{TicketID: t, Author: "customer", On: on}); err != nil {
		c.s.log.Warn("chat: typing signal", "err", err)
	}
	return nil
}

// read records the customer's read receipt and tells the agents.
func (c *conn) read(seq int64) error {
	c.mu.Lock()
	t, top := c.ticket, c.maxSent
	c.mu.Unlock()
	if t == 0 {
		return nil
	}
	seq = min(seq, top) // only what this socket has shown
	if seq <= 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	if err := markRead(ctx, c.s.cfg.DB, t, "customer", seq); err != nil {
		return err
	}
	if err := c.s.cfg.Live.Signal(ReadSubject(t), LiveSignal{TicketID: t, Author: "customer", Seq: seq}); err != nil {
		c.s.log.Warn("chat: read signal", "err", err)
	}
	return nil
}

// History is the answer to a history frame.
type History struct {
	Type         string    `json:"type"`
	Conversation int64     `json:"conversation"`
	Messages     []Message `json:"messages"`
	More         bool      `json:"more"`
}

// history sends up to limit messages before the seq before (the newest
// when before is 0).
func (c *conn) history(before int64, limit int) error {
	t := c.current()
	h := History{Type: "history", Conversation: t, Messages: []Message{}}
	if t == 0 {
		return c.write(h)
	}
	if limit == 0 {
		limit = 50
	}
	if before == 0 {
		before = 1 << 62
	}
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	msgs, more, err := c.s.cfg.Conversations.CustomerMessages(ctx, c.ref(), t, 0, before, limit)
	if err != nil {
		if fe := c.frameErr(err); fe != nil {
			return fe
		}
		return nil
	}
	ids := map[int64]string{}
	if len(msgs) > 0 {
		if ids, err = clientIDs(ctx, c.s.cfg.DB, t, msgs[0].ID, msgs[len(msgs)-1].ID); err != nil {
			return err
		}
	}
	for _, m := range msgs {
		out := c.s.message(ctx, m)
		out.Type, out.ID = "", ids[m.ID]
		h.Messages = append(h.Messages, out)
	}
	h.More = more
	return c.write(h)
}

// frameErr is err as a frame error: a conversation that stopped being the
// customer's (attached elsewhere) is not theirs; the rest is internal.
func (c *conn) frameErr(err error) *FrameError {
	var fe *FrameError
	switch {
	case errors.As(err, &fe):
		return fe
	case errs.Is(err, errs.NotFound):
		return &FrameError{Code: CodeConversationNotYours, Msg: "This conversation is not yours; start a new one.", Fatal: true}
	case c.ctx.Err() != nil:
		return nil
	}
	return c.internal(err)
}

func (c *conn) internal(err error) *FrameError {
	if c.ctx.Err() != nil {
		return nil
	}
	c.s.log.Error("chat: session failed", "err", err)
	return &FrameError{Code: CodeInternal, Msg: "Something went wrong on our side; reconnect in a moment.", Fatal: true}
}

// DefaultTokenLife is Config.TokenLife's default.
const DefaultTokenLife = 10 * time.Minute

// shortLived reports whether the widget accepts id's token as to its
// life. A token with a jti is used by one browser only (useTokenID); one
// without could be replayed by any browser until it expires, so it must
// be short-lived: exp - iat at most TokenLife, or for the older two-part
// token, which has no iat, an exp at most TokenLife away.
func (s *Service) shortLived(id auth.CustomerIdentity) bool {
	if id.TokenID != "" {
		return true
	}
	from := id.IssuedAt
	if from.IsZero() {
		from = time.Now()
	}
	return id.Expires.Sub(from) <= s.cfg.TokenLife
}
