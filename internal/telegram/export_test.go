package telegram

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/store"
)

// HandleEventForTest runs the durable consumer's handler on ev.
func HandleEventForTest(b *Bot, ctx context.Context, ev store.Event) error {
	return b.handleEvent(ctx, ev)
}

// HandleSurveyForTest runs the survey consumer's handler on ev.
func HandleSurveyForTest(b *Bot, ctx context.Context, ev store.Event) error {
	return b.handleSurvey(ctx, ev)
}

// UseSurveysForTest answers survey buttons with sv, as ConsumeSurveys does.
func UseSurveysForTest(b *Bot, sv Surveys, redact metrics.Redactor) { b.surveys, b.redact = sv, redact }

// IssueForTest issues a deep link to externalID as if for a fresh identity
// token, which the tests do not need to sign.
func IssueForTest(l *Links, ctx context.Context, externalID string) (string, time.Time, error) {
	return l.Issue(ctx, externalID, "test:"+rand.Text(), l.db.Clock()().Add(time.Hour))
}
