package workspace

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The recovery team's pages: the review queue, an appeal (approve, reject,
// retry), statistics, and the matrix and fee schedules
// (/api/v1/recovery/..., permissions recovery.review and recovery.approve;
// the matrix and fees are changed with settings.manage).

// Recovery is the appeals service (recovery.Service).
type Recovery interface {
	Queue(ctx context.Context, f recovery.QueueFilter) ([]recovery.Appeal, error)
	Get(ctx context.Context, id int64) (recovery.Appeal, error)
	View(ctx context.Context, a recovery.Appeal) (recovery.AppealView, error)
	Approve(ctx context.Context, agentID, id int64, note string) (recovery.Appeal, error)
	Reject(ctx context.Context, agentID, id int64, reason string) (recovery.Appeal, error)
	Execute(ctx context.Context, agentID, id int64) (recovery.Appeal, error)
	Stats(ctx context.Context, from, to time.Time) (recovery.Stats, error)
	Matrix(ctx context.Context) ([]recovery.MatrixEntry, error)
	SetMatrix(ctx context.Context, agentID int64, e recovery.MatrixEntry) error
	Fees(ctx context.Context) ([]recovery.FeeSchedule, error)
	SetFee(ctx context.Context, agentID int64, f recovery.FeeSchedule) error
	Team(ctx context.Context) (int64, error)
	SetTeam(ctx context.Context, teamID int64) error
}

func init() {
	pageNames = append(pageNames, "recovery-queue", "recovery-appeal", "recovery-stats", "recovery-admin")
	notices["appeal-approved"] = "Your approval is recorded."
	notices["appeal-rejected"] = "The appeal is rejected; the customer sees your reason."
	notices["appeal-executed"] = "The exchange carried out the recovery."
	notices["matrix"] = "The matrix entry is saved."
	notices["fee"] = "The fee schedule is saved. Appeals already accepted keep their fee."
	notices["recovery-team"] = "The recovery team is saved. Tickets of new appeals go to it."
	adminLinks = append(adminLinks, adminLink{"/admin/recovery", recoveryAdminTitle, auth.PermSettingsManage, false})
	// The statistics page's bar chart, drawn as SVG by the server.
	labelFuncs["mul100"] = func(f float64) float64 { return f * 100 }
	labelFuncs["barsHeight"] = func(n int) int { return max(1, n)*22 + 4 }
	labelFuncs["barY"] = func(i int) int { return i * 22 }
	labelFuncs["barWidth"] = func(n, most int) int { return max(1, n*300/max(1, most)) }
	labelFuncs["barEnd"] = func(n, most int) int { return 186 + max(1, n*300/max(1, most)) }
}

func (ws *Workspace) recoveryRoutes() []Route {
	return []Route{
		{"GET", "/recovery", auth.PermRecoveryReview, 0, ws.recoveryQueue},
		{"GET", "/recovery/appeals/{id}", auth.PermRecoveryReview, 0, ws.recoveryAppeal},
		{"POST", "/recovery/appeals/{id}/approve", auth.PermRecoveryApprove, formMax, ws.recoveryApprove},
		{"POST", "/recovery/appeals/{id}/reject", auth.PermRecoveryReview, formMax, ws.recoveryReject},
		{"POST", "/recovery/appeals/{id}/execute", auth.PermRecoveryApprove, formMax, ws.recoveryExecute},
		{"GET", "/recovery/stats", auth.PermRecoveryReview, 0, ws.recoveryStats},
		{"GET", "/admin/recovery", auth.PermSettingsManage, 0, ws.recoveryAdmin},
		{"POST", "/admin/recovery/matrix", auth.PermSettingsManage, formMax, ws.recoverySetMatrix},
		{"POST", "/admin/recovery/fees", auth.PermSettingsManage, formMax, ws.recoverySetFee},
		{"POST", "/admin/recovery/team", auth.PermSettingsManage, formMax, ws.recoverySetTeam},
	}
}

func recoveryPage(r *http.Request, title string) map[string]any {
	data := agentPage(principal(r), title)
	data["Notice"], data["Errors"] = notice(r), map[string]string{}
	data["Now"] = time.Now()
	return data
}

// recoveryQueue: GET /recovery?status=&network=&after=
func (ws *Workspace) recoveryQueue(w http.ResponseWriter, r *http.Request) {
	data := recoveryPage(r, "Recovery appeals")
	status := http.StatusOK
	q := r.URL.Query()
	f := recovery.QueueFilter{Status: recovery.Status(q.Get("status")), Network: q.Get("network"), Limit: 100}
	var list []recovery.Appeal
	var err error
	if f.After, err = recovery.ParseQueueCursor(q.Get("after")); err == nil {
		list, err = ws.Admin.Recovery.Queue(r.Context(), f)
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Appeals"], data["Filter"], data["Statuses"] = list, f, []recovery.Status{recovery.InReview, recovery.Approved, recovery.Executing}
	data["Next"], data["Paged"] = f.Next(list), q.Get("after") != ""
	ws.render(w, status, "recovery-queue", data)
}

// recoveryAppeal: GET /recovery/appeals/{id}
func (ws *Workspace) recoveryAppeal(w http.ResponseWriter, r *http.Request) {
	ws.renderAppeal(w, r, http.StatusOK, recoveryPage(r, "Appeal"))
}

func (ws *Workspace) renderAppeal(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	id, err := web.PathID(r, "id")
	var a recovery.Appeal
	if err == nil {
		a, err = ws.Admin.Recovery.Get(r.Context(), id)
	}
	if err != nil {
		ws.render(w, ws.failed(data, err), "recovery-appeal", data)
		return
	}
	v, err := ws.Admin.Recovery.View(r.Context(), a)
	if err != nil {
		status = ws.failed(data, err)
	}
	pr := principal(r)
	data["Title"] = "Appeal #" + strconv.FormatInt(a.ID, 10)
	data["A"], data["CanApprove"] = v, pr.Can(auth.PermRecoveryApprove)
	data["FirstIsMe"] = a.FirstApprover == pr.Agent.ID
	ws.render(w, status, "recovery-appeal", data)
}

func (ws *Workspace) appealAction(w http.ResponseWriter, r *http.Request, what string, do func(id, agent int64) error) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = do(id, principal(r).Agent.ID)
	}
	if err != nil {
		data := recoveryPage(r, "Appeal")
		data["Reason"] = r.PostFormValue("reason")
		ws.renderAppeal(w, r, ws.failed(data, err, "reason"), data)
		return
	}
	done(w, r, "/recovery/appeals/"+strconv.FormatInt(id, 10), what)
}

// recoveryApprove: POST /recovery/appeals/{id}/approve
func (ws *Workspace) recoveryApprove(w http.ResponseWriter, r *http.Request) {
	ws.appealAction(w, r, "appeal-approved", func(id, agent int64) error {
		_, err := ws.Admin.Recovery.Approve(r.Context(), agent, id, r.PostFormValue("note"))
		return err
	})
}

// recoveryReject: POST /recovery/appeals/{id}/reject
func (ws *Workspace) recoveryReject(w http.ResponseWriter, r *http.Request) {
	ws.appealAction(w, r, "appeal-rejected", func(id, agent int64) error {
		_, err := ws.Admin.Recovery.Reject(r.Context(), agent, id, r.PostFormValue("reason"))
		return err
	})
}

// recoveryExecute: POST /recovery/appeals/{id}/execute (retry)
func (ws *Workspace) recoveryExecute(w http.ResponseWriter, r *http.Request) {
	ws.appealAction(w, r, "appeal-executed", func(id, agent int64) error {
		_, err := ws.Admin.Recovery.Execute(r.Context(), agent, id)
		return err
	})
}

// recoveryStats: GET /recovery/stats?from=&to=
func (ws *Workspace) recoveryStats(w http.ResponseWriter, r *http.Request) {
	data := recoveryPage(r, "Recovery statistics")
	status := http.StatusOK
	from, to, err := recovery.Period(r, time.Now())
	var st recovery.Stats
	if err == nil {
		st, err = ws.Admin.Recovery.Stats(r.Context(), from, to)
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	maxCause := 1
	for _, g := range st.ByCause {
		maxCause = max(maxCause, g.Appeals)
	}
	data["S"], data["From"], data["To"], data["MaxCause"] = st, from.Format("2006-01-02"), to.AddDate(0, 0, -1).Format("2006-01-02"), maxCause
	ws.render(w, status, "recovery-stats", data)
}

const recoveryAdminTitle = "Recovery team, matrix and fees"

// recoveryAdmin: GET /admin/recovery, the team handling appeals, the matrix
// and the fee schedules.
func (ws *Workspace) recoveryAdmin(w http.ResponseWriter, r *http.Request) {
	ws.renderRecoveryAdmin(w, r, http.StatusOK, adminPage(r, recoveryAdminTitle, "/admin/recovery"))
}

func (ws *Workspace) renderRecoveryAdmin(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	m, err := ws.Admin.Recovery.Matrix(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	fs, err := ws.Admin.Recovery.Fees(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	team, err := ws.Admin.Recovery.Team(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	teams, err := ws.Admin.People.Teams(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Team"], data["Teams"] = team, teams
	data["Matrix"], data["Fees"], data["Causes"] = m, fs, recovery.Causes
	data["Conditions"] = conditions
	ws.render(w, status, "recovery-admin", data)
}

// recoverySetMatrix: POST /admin/recovery/matrix
func (ws *Workspace) recoverySetMatrix(w http.ResponseWriter, r *http.Request) {
	hours, _ := strconv.Atoi(r.PostFormValue("expected_hours"))
	e := recovery.MatrixEntry{Network: r.PostFormValue("network"), Asset: strings.TrimSpace(r.PostFormValue("asset")), Mode: r.PostFormValue("mode"),
		Condition: r.PostFormValue("condition"), ExpectedHours: hours}
	if err := ws.Admin.Recovery.SetMatrix(r.Context(), principal(r).Agent.ID, e); err != nil {
		data := adminPage(r, recoveryAdminTitle, "/admin/recovery")
		ws.renderRecoveryAdmin(w, r, ws.failed(data, err, "network", "asset", "mode", "condition", "expected_hours"), data)
		return
	}
	done(w, r, "/admin/recovery", "matrix")
}

// recoverySetFee: POST /admin/recovery/fees
func (ws *Workspace) recoverySetFee(w http.ResponseWriter, r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := recovery.FeeSchedule{Asset: v("asset"), Cause: v("cause"), Kind: v("kind"), Percent: v("percent"), MinFee: v("min_fee"),
		MaxFee: v("max_fee"), Fixed: v("fixed_fee"), SecondApprovalAbove: v("second_approval_above")}
	if err := ws.Admin.Recovery.SetFee(r.Context(), principal(r).Agent.ID, f); err != nil {
		data := adminPage(r, recoveryAdminTitle, "/admin/recovery")
		ws.renderRecoveryAdmin(w, r, ws.failed(data, err, "asset", "cause", "kind", "percent", "min_fee", "max_fee", "fixed_fee", "second_approval_above"), data)
		return
	}
	done(w, r, "/admin/recovery", "fee")
}

// recoverySetTeam: POST /admin/recovery/team (team_id empty or 0: none)
func (ws *Workspace) recoverySetTeam(w http.ResponseWriter, r *http.Request) {
	var id int64
	var err error
	if v := strings.TrimSpace(r.PostFormValue("team_id")); v != "" {
		if id, err = strconv.ParseInt(v, 10, 64); err != nil {
			id = -1 // SetTeam refuses it with the field's message
		}
	}
	if err := ws.Admin.Recovery.SetTeam(r.Context(), id); err != nil {
		data := adminPage(r, recoveryAdminTitle, "/admin/recovery")
		ws.renderRecoveryAdmin(w, r, ws.failed(data, err, "team_id"), data)
		return
	}
	done(w, r, "/admin/recovery", "recovery-team")
}
