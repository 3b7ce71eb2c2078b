package bot_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

var startLink = regexp.MustCompile(`\S*/deposit-recovery/start\?[^\s—]+`)

// The bot offers a recovery appeal after a verdict recovery calls
// recoverable (Li Wei's USDT sent on BNB Smart Chain to her Ethereum
// address), prefilled with the deposit; not after a pending one (An's BTC
// at 1 of 2 confirmations); and the start page refuses the link to
// another customer.
func TestRecoveryOffer(t *testing.T) {
	t.Parallel()
	n := newNode(t, store.SQLite)

	li := n.customer(sandbox.UserLiWei, "zh")
	li.send("我的USDT充值没到账 TxID " + sandbox.TxWrongNetworkEVM + " 地址 " + sandbox.LiWeiEthereumAddress())
	if got := li.bot(); strings.Contains(got, "/deposit-recovery/start") {
		t.Fatalf("the verdict itself carries the offer: %q", got)
	}
	offer := li.bot()
	link := startLink.FindString(offer)
	if link == "" || !strings.Contains(offer, "找回申诉") {
		t.Fatalf("no appeal offer in Chinese after the wrong-network verdict: %q", offer)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("network") != "bsc" || q.Get("txid") != sandbox.TxWrongNetworkEVM || !strings.EqualFold(q.Get("address"), sandbox.LiWeiEthereumAddress()) ||
		q.Get("lang") != "zh" || q.Get("diagnosis") != sandbox.ExpectWrongNetwork {
		t.Errorf("prefilled deposit: %v", q)
	}
	if got := n.scalar(`SELECT COUNT(*) FROM audit_log WHERE action = 'bot.recovery_offered'`); got != 1 {
		t.Errorf("%d offers audited, want 1", got)
	}

	// The same link: Li Wei gets her deposit and the button to the quote;
	// Jordan, signed in on his own account, gets a refusal and nothing of it.
	status, body := n.openAs(sandbox.UserLiWei, u.RequestURI())
	if status != http.StatusOK || !strings.Contains(body, `id="start-appeal"`) || !strings.Contains(body, sandbox.TxWrongNetworkEVM) {
		t.Errorf("Li Wei opens her link: %d %s", status, body)
	}
	status, body = n.openAs(sandbox.UserJordan, u.RequestURI())
	if status != http.StatusForbidden || strings.Contains(body, `id="start-appeal"`) || strings.Contains(body, `id="start-deposit"`) {
		t.Errorf("Jordan opens Li Wei's link: %d %s", status, body)
	}

	// A pending deposit: the verdict says wait and nothing is offered. The
	// toolbar's "Recover a deposit" then asks recovery about that deposit,
	// which says wait, in Vietnamese; the bot answers in order, so no offer
	// came between.
	an := n.customer(sandbox.UserAn, "vi")
	an.send("tiền nạp BTC của tôi chưa về " + sandbox.TxAwaitingConfirmations)
	an.bot()
	an.send("Khôi phục khoản nạp", "flow", "recover_deposit")
	if got := an.bot(); !strings.Contains(got, "Tôi đã kiểm tra") || strings.Contains(got, "/deposit-recovery/start") {
		t.Errorf("recover a pending deposit from the toolbar: %q", got)
	}
	for _, f := range an.seen {
		if text, _ := f["text"].(string); strings.Contains(text, "/deposit-recovery/start") {
			t.Errorf("a pending deposit got an appeal offer: %q", text)
		}
	}

	// "Recover a deposit" with no deposit in the conversation: the deposit
	// check first, which asks for the TxID.
	jordan := n.customer(sandbox.UserJordan, "en")
	jordan.send("Recover a deposit", "flow", "recover_deposit")
	if got := jordan.bot(); !strings.Contains(got, "TxID") {
		t.Errorf("recover a deposit with none known: %q", got)
	}
}

// openAs opens path on the node signed in as userID (the exchange's
// identity token, as the deposit check takes it) and returns the page.
func (n *node) openAs(userID, path string) (int, string) {
	n.t.Helper()
	tok := auth.IdentitySigner{Secret: []byte(identitySecret)}.Sign(userID, 5*time.Minute) // a link token: the installation refuses longer lives (10 minutes by default)
	c := &http.Client{Jar: &cookieJar{}}
	res, err := c.Get(n.URL + path + "&identity=" + url.QueryEscape(tok))
	if err != nil {
		n.t.Fatal(err)
	}
	defer res.Body.Close()
	if strings.Contains(res.Request.URL.RawQuery, "identity=") {
		n.t.Errorf("the identity token stayed in the address: %s", res.Request.URL)
	}
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}
