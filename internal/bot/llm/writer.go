package llm

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Question is what the customer asked, in their language.
type Question struct {
	Lang string // language code, e.g. "ru" (one of DESIGN.md's 17)
	Text string
}

// Source is one thing the model may answer from: a knowledge-base passage
// or a tool's result (a deposit diagnosis, a withdrawal's status).
type Source struct {
	ID    string // the caller's id, e.g. "kb:42" or "deposit:diagnosis"
	Title string
	URL   string // shown to the model so it may link it; "" for tool results
	Text  string
}

// Answer is a grounded answer. Its markers [1], [2], ... refer to
// Citations[0], Citations[1], ...: the ids of the sources cited, in the
// order first cited.
type Answer struct {
	Text      string
	Citations []string
}

// Check is the outbound guard: it says why text must not be sent to a
// customer, or "" if it may (ticket.Screen.Outbound with no earlier
// messages, for example).
type Check func(text string) string

// Why a model's answer was refused.
const (
	ReasonDisabled    = "disabled"           // no model configured
	ReasonNoSources   = "no_sources"         // nothing to ground an answer in
	ReasonNoQuestion  = "no_question"        // the customer's text is blank
	ReasonUnsupported = "unsupported"        // the model said the sources do not answer it
	ReasonNoCitation  = "no_citation"        // the answer cites nothing
	ReasonBadCitation = "unknown_citation"   // the answer cites a source it was not given
	ReasonActionClaim = "claims_action"      // the answer says an action was (or will be) done
	ReasonGuard       = "guard"              // the outbound check refused it
	ReasonLinks       = "link_not_in_source" // the answer links somewhere no source does
)

// ErrRefused matches every *RefusedError with errors.Is.
var ErrRefused = errors.New("language model answer refused")

// RefusedError says why no usable answer came back. The bot then answers
// with its template or the article itself.
type RefusedError struct {
	Reason string // one of the Reason constants
	Detail string // for the log; never the refused text itself
}

func (e *RefusedError) Error() string {
	if e.Detail == "" {
		return "llm answer refused: " + e.Reason
	}
	return "llm answer refused: " + e.Reason + ": " + e.Detail
}

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

func refuse(reason, format string, a ...any) error {
	return &RefusedError{Reason: reason, Detail: fmt.Sprintf(format, a...)}
}

// Writer writes grounded answers with a model; it is safe for concurrent
// use. A nil *Writer is a model that is off: Answer refuses with
// ReasonDisabled.
type Writer struct {
	client *Client
	check  Check
}

// New returns a Writer for cfg, or nil (and no error) when cfg names no
// URL. check is required: no model text reaches a customer unguarded.
func New(cfg Config, check Check) (*Writer, error) {
	if !cfg.Enabled() {
		return nil, nil
	}
	if check == nil {
		return nil, errors.New("llm: an outbound check is required")
	}
	c, err := NewClient(cfg)
	if err != nil {
		return nil, err
	}
	return &Writer{client: c, check: check}, nil
}

// Enabled reports whether w has a model.
func (w *Writer) Enabled() bool { return w != nil }

// Answer asks the model to answer q from sources alone. It returns an
// answer only when the model cited at least one given source and no other,
// claimed no action, linked nowhere the sources do not, and the outbound
// check passed it. Otherwise the error is a *RefusedError (errors.Is
// ErrRefused) or wraps ErrUnavailable, and the Answer is empty.
func (w *Writer) Answer(ctx context.Context, q Question, sources []Source) (Answer, error) {
	if w == nil {
		return Answer{}, &RefusedError{Reason: ReasonDisabled}
	}
	if strings.TrimSpace(q.Text) == "" {
		return Answer{}, &RefusedError{Reason: ReasonNoQuestion}
	}
	sources = usableSources(sources)
	if len(sources) == 0 {
		return Answer{}, &RefusedError{Reason: ReasonNoSources}
	}
	p, err := buildPrompt(q, sources)
	if err != nil {
		return Answer{}, fmt.Errorf("llm answer: %w", err)
	}
	text, err := w.client.Complete(ctx, p.messages)
	if err != nil {
		return Answer{}, fmt.Errorf("llm answer: %w", err)
	}
	return vet(text, sources, w.check)
}

// vet turns the model's text into an answer, or refuses it.
func vet(text string, sources []Source, check Check) (Answer, error) {
	text = strings.TrimSpace(text)
	if isNoAnswer(text) {
		return Answer{}, &RefusedError{Reason: ReasonUnsupported}
	}
	a, err := resolveCitations(text, sources)
	if err != nil {
		return Answer{}, err
	}
	if claim := findActionClaim(a.Text); claim != "" {
		return Answer{}, refuse(ReasonActionClaim, "%q", claim)
	}
	if link := foreignLink(a.Text, sources); link != "" {
		return Answer{}, refuse(ReasonLinks, "%q", clip(link, 100))
	}
	if reason := check(a.Text); reason != "" {
		return Answer{}, refuse(ReasonGuard, "%s", clip(reason, 200))
	}
	return a, nil
}

// usableSources drops sources with no text, keeps at most maxSources, and
// bounds each one's text.
func usableSources(in []Source) []Source {
	out := make([]Source, 0, min(len(in), maxSources))
	for _, s := range in {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		s.Title = clip(s.Title, maxTitleBytes)
		s.Text = clip(s.Text, maxSourceBytes)
		out = append(out, s)
		if len(out) == maxSources {
			break
		}
	}
	return out
}
