package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// FuzzReply posts whatever a hurried customer or an attacker might to the
// reply form, on any ticket id: never a server error, never a message on
// another customer's ticket, and a stored message only on a 303.
func FuzzReply(f *testing.F) {
	for _, seed := range []struct{ id, body, csrf string }{
		{"1", "hello", ""}, {"3", "mine now", ""}, {"1", "", ""}, {"abc", "x", ""}, {"-1", "x", ""},
		{"99999999999999999999", "x", ""}, {"1", "\x00\xff<script>", ""}, {"1", "ok", "bogus"}, {"1", "😀😀😀", ""},
	} {
		f.Add(seed.id, seed.body, seed.csrf)
	}
	fx := setup(f, storetest.Open(f, store.SQLite))
	ana := fx.client(f, "u-ana")
	_, page := get(f, ana, fmt.Sprintf("%s/help/en/requests/%d", fx.url, fx.mine.ID))
	right := csrfField.FindStringSubmatch(page)[1]
	f.Fuzz(func(t *testing.T, id, body, csrf string) {
		if csrf == "" { // the empty token means "the right one"
			csrf = right
		}
		bob := fx.customerMessages(t, fx.theirs.ID)
		res, err := ana.PostForm(fx.url+"/help/en/requests/"+url.PathEscape(id), url.Values{"body": {body}, "csrf": {csrf}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("id %q body %q: %d", id, body, res.StatusCode)
		}
		if got := fx.customerMessages(t, fx.theirs.ID); got != bob {
			t.Fatalf("id %q: another customer's ticket got a message", id)
		}
		n, _ := strconv.ParseInt(id, 10, 64)
		if res.StatusCode == http.StatusSeeOther && (strings.TrimSpace(body) == "" || n != fx.mine.ID && n != fx.card.ID) {
			t.Fatalf("id %q body %q accepted", id, body)
		}
	})
}
