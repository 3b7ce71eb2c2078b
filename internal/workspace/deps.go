package workspace

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/account"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Deps is what the workspace needs from the rest of Groundcrew; server
// fills it in. Each interface names only the methods the pages call.
type Deps struct {
	Log       *slog.Logger
	Assets    *web.Assets
	PublicURL string // the server's public URL, for links shown to agents

	Sessions   Sessions
	Tickets    Tickets
	Accounts   Accounts
	Encryption Encryption
	Admin      AdminDeps // the account, new-ticket and admin pages
	Search     Search    // nil: the search box finds ticket numbers, customer ids and subject words only
	Events     Events    // the bus, which feeds the inbox's live counts; nil: no live counts
	Routing    Routing   // queues, skills, availability, offers, escalation (routing.go)
	Workforce  Workforce // the supervisor view, shifts, workload, breathing room; nil: none

	// Mentions lists the tickets where v's agent was @mentioned (the
	// mentions view); nil hides the view.
	Mentions func(ctx context.Context, v ticket.Viewer) ([]int64, error)
	// The ticket view's live channel, macros and merge (ticket_view.go).
	Live   *LiveHTTP
	Macros *MacroStore

	// ViewerOf turns a request's principal into a ticket viewer.
	ViewerOf func(*http.Request) ticket.Viewer
	// SignInLimit is the sign-in rate limit (per client IP, and per e-mail
	// when one is given); nil means none.
	SignInLimit func(ip, email string) error

	// TicketPanels are cards other packages add to the ticket page's side
	// column (product feedback); each renders its own HTML, empty to show
	// nothing.
	TicketPanels []TicketPanel
}

// TicketPanel renders a card of the ticket page for the request's agent.
type TicketPanel func(r *http.Request, t ticket.Ticket) template.HTML

// Sessions signs agents in and out and finds a request's agent (auth.Service).
type Sessions interface {
	Authenticate(r *http.Request) (auth.Principal, error)
	SignIn(ctx context.Context, c auth.Credentials) (auth.Session, error)
	PendingEnrolment(ctx context.Context, token string) (*auth.EnrolmentRequired, auth.Role, error)
	CompleteEnrolment(ctx context.Context, token, code string) (auth.Session, error)
	SignOut(ctx context.Context, token string) error
}

// Tickets reads and answers tickets (ticket.Store).
type Tickets interface {
	List(ctx context.Context, v ticket.Viewer, f ticket.Filter, page web.Page) ([]ticket.Ticket, int64, error)
	Get(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	AddMessage(ctx context.Context, v ticket.Viewer, ticketID int64, in ticket.NewMessage) (ticket.Message, error)
	AddNote(ctx context.Context, v ticket.Viewer, ticketID int64, in ticket.NewMessage) (ticket.Message, error)
	MarkMentionsRead(ctx context.Context, agentID, ticketID int64) (int64, error)
	Inbox(ctx context.Context, v ticket.Viewer, q ticket.InboxQuery) ([]ticket.Ticket, ticket.InboxCursor, error)
	InboxCounts(ctx context.Context, v ticket.Viewer) (ticket.InboxCounts, error)
	InboxTally(ctx context.Context) (ticket.InboxTally, error)
	CustomerByExternalID(ctx context.Context, externalID string) (ticket.Customer, error)
	Snooze(ctx context.Context, v ticket.Viewer, id int64, in ticket.SnoozeRequest) (ticket.Ticket, error)
	Unsnooze(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	HeldReplies(ctx context.Context, v ticket.Viewer, ticketID int64) ([]ticket.HeldReply, error)
	RequestReview(ctx context.Context, v ticket.Viewer, id int64) (ticket.HeldReply, error)
	ReviewQueue(ctx context.Context, v ticket.Viewer) ([]ticket.HeldReply, error)
	ReleaseHeld(ctx context.Context, v ticket.Viewer, id int64, note string) (ticket.HeldReply, error)
	RejectHeld(ctx context.Context, v ticket.Viewer, id int64, note string) (ticket.HeldReply, error)
}

// Search finds the tickets whose customer wrote an e-mail address, TxID or
// address (search.Finder). kind says what text was taken for ("" when it
// is none of them).
type Search interface {
	Find(ctx context.Context, text string) (ids []int64, kind string, err error)
}

// Events delivers every event committed from now on to h (bus.Bus).
type Events interface {
	Subscribe(ctx context.Context, filter string, h func(store.Event)) error
}

// Accounts is the customer panel's source (account.Service).
type Accounts interface {
	Verification(ctx context.Context, v ticket.Viewer, id int64) (auth.Verification, error)
	Account(ctx context.Context, v ticket.Viewer, id int64) (account.Account, error)
}

// Encryption reports the re-seal progress (ticket.Resealer).
type Encryption interface {
	Status(ctx context.Context) (ticket.EncryptionStatus, error)
}
