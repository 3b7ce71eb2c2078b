// Package academy is the training and testing center: courses built from
// knowledge-base and internal articles with a timed quiz (multiple-choice
// and scenario questions), certifications that a course's quiz grants with
// a pass mark, an expiry and a version (a policy change bumps it and sends
// holders back to the quiz), a learning path for new agents, and the gate
// that routing, account actions and recovery approvals ask before they let
// an agent take a gated queue or use a gated tool.
//
// The gate is the only thing other packages see of academy, and they see
// it through small interfaces of their own (wired in internal/server), so
// routing, account and recovery do not import this package.
package academy

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Articles reads the knowledge base's articles, public and internal;
// *kb.Store implements it.
type Articles interface {
	Get(ctx context.Context, id int64, lang string) (kb.Article, error)
	BySlug(ctx context.Context, slug, lang string) (kb.Article, error)
	Save(ctx context.Context, n kb.NewText) (kb.Article, error)
	List(ctx context.Context, lang string) ([]kb.Article, error)
}

// Agents lists the agents, for the supervisors' matrix; *auth.Service
// implements it.
type Agents interface {
	Agents(ctx context.Context) ([]auth.Agent, error)
}

// Auditor records who changed a certification; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Service is the academy over one database.
type Service struct {
	db       *store.DB
	articles Articles
	agents   Agents
	log      *slog.Logger
	now      func() time.Time
	// Audit, when set, records new courses, certifications and versions
	// in the same transaction.
	Audit Auditor
}

func (s *Service) record(ctx context.Context, action, kind string, id int64, detail any) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, action, kind, strconv.FormatInt(id, 10), detail)
}

// New returns the academy over db; its clock is the database's.
func New(db *store.DB, articles Articles, agents Agents, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, articles: articles, agents: agents, log: log, now: db.Clock()}
}

// Gate names: the queues and tools a certification can gate. Routing asks
// for queue:tier2, queue:tier3 and queue:<specialist>; account actions ask
// for tool:account_actions; recovery approvals for tool:recovery_approval.
const (
	GateTier2            = "queue:tier2"
	GateTier3            = "queue:tier3"
	GateSecurity         = "queue:security"
	GateRecovery         = "queue:recovery"
	GateAccountActions   = "tool:account_actions"
	GateRecoveryApproval = "tool:recovery_approval"
)

// Gates lists every gate with its label, in the order forms show them.
var Gates = []string{GateTier2, GateTier3, GateSecurity, GateRecovery, GateAccountActions, GateRecoveryApproval}

var gateLabels = map[string]string{
	GateTier2: "Tier 2 investigations queue", GateTier3: "Tier 3 queue", GateSecurity: "Security queue",
	GateRecovery: "Deposit-recovery queue", GateAccountActions: "Account actions (2FA reset, withdrawal unlock)",
	GateRecoveryApproval: "Recovery approvals",
}

// GateLabel is a gate's name for people.
func GateLabel(g string) string {
	if l, ok := gateLabels[g]; ok {
		return l
	}
	return g
}

func knownGate(g string) bool { return slices.Contains(Gates, g) }

// Question kinds.
const (
	KindChoice   = "choice"   // a multiple-choice question
	KindScenario = "scenario" // a customer's situation, then what the agent does
)

// Limits of what authors write.
const (
	maxTitle     = 200
	maxText      = 4000
	maxChoices   = 8
	maxQuestions = 100
	maxLessons   = 50
	maxGates     = 6
)

// Certification is what passing a course's quiz grants.
type Certification struct {
	ID          int64    `json:"id"`
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	PassMark    int      `json:"pass_mark"`  // percent of the course's questions
	ValidDays   int      `json:"valid_days"` // a pass lasts this long
	Version     int      `json:"version"`
	VersionNote string   `json:"version_note,omitempty"` // why the last version was made
	Gates       []string `json:"gates"`
	CourseID    int64    `json:"course_id,omitempty"`
}

// Course is an ordered list of lessons and a quiz.
type Course struct {
	ID           int64      `json:"id"`
	Title        string     `json:"title"`
	Summary      string     `json:"summary"`
	PassMark     int        `json:"pass_mark"`          // percent
	TimeLimit    int        `json:"time_limit_seconds"` // from the quiz's start to its submission
	PathPosition int        `json:"path_position"`      // place in a new agent's path; 0: not on it
	PathUnlocks  string     `json:"path_unlocks,omitempty"`
	Lessons      []Lesson   `json:"lessons"`
	Questions    []Question `json:"questions,omitempty"`
	// Certification is the one this course's quiz grants, if any.
	Certification *Certification `json:"certification,omitempty"`
}

// Lesson is one article to read.
type Lesson struct {
	Position  int    `json:"position"`
	ArticleID int64  `json:"article_id"`
	Note      string `json:"note,omitempty"`
	Title     string `json:"title"`
	Slug      string `json:"slug"`
	Internal  bool   `json:"internal"`
}

// Question is one quiz question with its answer.
type Question struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Scenario    string   `json:"scenario,omitempty"`
	Prompt      string   `json:"prompt"`
	Choices     []string `json:"choices"`
	Correct     int      `json:"correct"`
	Explanation string   `json:"explanation,omitempty"`
}

// QuizQuestion is a question as the agent taking the quiz sees it.
type QuizQuestion struct {
	ID       int64    `json:"id"`
	Kind     string   `json:"kind"`
	Scenario string   `json:"scenario,omitempty"`
	Prompt   string   `json:"prompt"`
	Choices  []string `json:"choices"`
}

func (q Question) forQuiz() QuizQuestion {
	return QuizQuestion{ID: q.ID, Kind: q.Kind, Scenario: q.Scenario, Prompt: q.Prompt, Choices: q.Choices}
}

func ms(t int64) time.Time { return time.UnixMilli(t).UTC() }
