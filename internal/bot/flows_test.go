package bot_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// stepUp confirms a fresh code for userID's pending step-up the way the
// customer does: sign in on /step-up, start the confirmation (the exchange
// gets the request's nonce), come back with the exchange's L2 token.
func (n *node) stepUp(userID string) {
	n.t.Helper()
	signer := auth.IdentitySigner{Secret: []byte(identitySecret)}
	jar := &cookieJar{}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(n.URL + "/step-up?identity=" + url.QueryEscape(signer.Sign(userID, 5*time.Minute)))
	if err != nil || res.StatusCode != http.StatusSeeOther {
		n.t.Fatalf("sign in on /step-up: %v %v", err, res)
	}
	res.Body.Close()
	req, _ := http.NewRequest("POST", n.URL+"/step-up", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", n.URL)
	if res, err = c.Do(req); err != nil || res.StatusCode != http.StatusSeeOther {
		n.t.Fatalf("start the step-up: %v %v", err, res)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || loc.Query().Get("nonce") == "" {
		n.t.Fatalf("the step-up did not go to the exchange with a nonce: %q", res.Header.Get("Location"))
	}
	l2 := signer.SignStepUp(userID, time.Now(), time.Hour, loc.Query().Get("nonce"))
	if res, err = c.Get(n.URL + "/step-up?identity=" + url.QueryEscape(l2)); err != nil || res.Header.Get("Location") != "/step-up?done=1" {
		n.t.Fatalf("complete the step-up: %v %v", err, res)
	}
	res.Body.Close()
}

// cookieJar keeps the cookies of one host (the test server).
type cookieJar struct{ cookies []*http.Cookie }

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) { j.cookies = append(j.cookies, cs...) }
func (j *cookieJar) Cookies(*url.URL) []*http.Cookie          { return j.cookies }

// toolbar reads the toolbar frame the socket got after welcome.
func (c *customer) toolbar() map[string]string {
	c.n.t.Helper()
	f := c.until("the toolbar", func(f map[string]any) bool { return f["type"] == "toolbar" })
	out := map[string]string{}
	for _, it := range f["flows"].([]any) {
		m := it.(map[string]any)
		out[m["id"].(string)] = m["label"].(string)
	}
	return out
}

// The toolbar's flows for the demo customers: reading flows answer at
// once, acting ones need a step-up and a confirmation, and the exchange's
// locks stand.
func TestToolbarFlows(t *testing.T) {
	t.Parallel()
	// SQLite only: the story test runs the bot's SQL on both databases,
	// and a whole demo node per engine is slow under -race.
	toolbarFlows(t, store.SQLite)
}

func toolbarFlows(t *testing.T, engine store.Dialect) {
	n := newNode(t, engine)

	olena := n.customer(sandbox.UserOlena, "uk")
	bar := olena.toolbar()
	if len(bar) != 8 || bar["withdrawal_check"] != "Перевірити виведення" {
		t.Fatalf("toolbar = %v", bar)
	}
	olena.send(bar["withdrawal_check"], "flow", "withdrawal_check")
	if got := olena.bot(); !strings.Contains(got, "призупинено") || !strings.Contains(got, "очікує перевірки") {
		t.Errorf("withdrawal check: %q", got)
	}

	an := n.customer(sandbox.UserAn, "vi")
	an.send("Tiếp tục xác minh", "flow", "kyc_resume")
	if got := an.bot(); !strings.Contains(got, "cấp 3") {
		t.Errorf("identity verification: %q", got)
	}

	// Unlocking withdrawals needs L2: a step-up, then a confirmation.
	maria := n.customer(sandbox.UserMaria, "pt")
	maria.send("Desbloquear saques", "flow", "unlock_withdrawals")
	if got := maria.bot(); !strings.Contains(got, "/step-up") {
		t.Errorf("unlock before the step-up: %q", got)
	}
	if choices := maria.flow(); !slices.Equal(choices, []string{"continue", "cancel"}) {
		t.Errorf("choices while waiting for the step-up: %v", choices)
	}
	maria.send("Continuar", "choice", "continue")
	if got := maria.bot(); !strings.Contains(got, "Ainda não vejo a confirmação") {
		t.Errorf("continue without the step-up: %q", got)
	}
	// Once the step-up is done the flow moves on by itself.
	n.stepUp(sandbox.UserMaria)
	if got := maria.bot(); !strings.Contains(got, "Desbloquear os saques") {
		t.Errorf("after the step-up: %q", got)
	}
	maria.send("Sim, continuar", "choice", "confirm")
	if got := maria.bot(); !strings.Contains(got, "desbloqueados") {
		t.Errorf("unlock: %q", got)
	}

	// The exchange's settings lock refuses Ayşe's 2FA reset; the bot says why.
	ayse := n.customer(sandbox.UserAyse, "tr")
	ayse.send("2FA sıfırla", "flow", "two_factor_reset")
	ayse.bot()
	n.stepUp(sandbox.UserAyse)
	ayse.bot()
	ayse.send("Evet, devam et", "choice", "confirm")
	if got := ayse.bot(); !strings.Contains(got, "Borsa bunu şu anda yapamıyor") {
		t.Errorf("2FA reset under a settings lock: %q", got)
	}
	if got := n.scalar(`SELECT COUNT(*) FROM audit_log WHERE action = 'bot.flow_action'`); got != 2 {
		t.Errorf("%d flow actions audited, want 2 (unlock, refused reset)", got)
	}

	// A visitor who is not signed in is asked to sign in first.
	visitor := n.customer("", "en")
	visitor.send("Check a deposit", "flow", "deposit_check")
	if got := visitor.bot(); !strings.Contains(got, "signed in") {
		t.Errorf("anonymous deposit check: %q", got)
	}
}

// A flow waiting for the customer survives a reconnect: the new socket
// gets the flow's state after synced and the flow goes on.
func TestFlowResumesAfterReconnect(t *testing.T) {
	t.Parallel()
	n := newNode(t, store.SQLite)
	li := n.customer(sandbox.UserLiWei, "zh")
	li.send("查询充值", "flow", "deposit_check")
	if got := li.bot(); !strings.Contains(got, "TxID") {
		t.Fatalf("deposit check asks: %q", got)
	}
	li.flow()
	_ = li.ws.CloseNow()

	again := n.customer(sandbox.UserLiWei, "zh")
	again.until("synced", func(f map[string]any) bool { return f["type"] == "synced" })
	if choices := again.flow(); !slices.Equal(choices, []string{"cancel"}) {
		t.Errorf("flow after the reconnect: %v", choices)
	}
	again.send("TxID " + sandbox.TxWrongNetwork)
	if got := again.bot(); !strings.Contains(got, "Tron") && !strings.Contains(got, "波场") {
		t.Errorf("diagnosis after the reconnect: %q", got)
	}
}
