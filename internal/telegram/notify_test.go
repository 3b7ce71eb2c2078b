package telegram_test

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/telegram"
)

// TestNotifyCustomer: a proactive notice (a security alert) goes to the
// chat linked to the exchange user, and to no other; an unlinked user's
// notice is not sent.
func TestNotifyCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		token, _, err := telegram.IssueForTest(e.links, ctx, "user-42")
		if err != nil {
			t.Fatal(err)
		}
		e.take(e.fake.Text(9, "en", "/start "+token))
		e.take(e.fake.Text(10, "en", "hello"))
		sent, err := e.bot.NotifyCustomer(ctx, "user-42", "Security alert on your account")
		if err != nil || !sent {
			t.Fatalf("linked user: %v %v", sent, err)
		}
		if sent, err := e.bot.NotifyCustomer(ctx, "user-43", "Security alert"); err != nil || sent {
			t.Fatalf("unlinked user: %v %v", sent, err)
		}
		e.deliver()
		got := map[int64]int{}
		for _, m := range e.fake.Messages() {
			if strings.Contains(m.Text, "Security alert") {
				got[m.ChatID]++
			}
		}
		if got[9] != 1 || len(got) != 1 {
			t.Fatalf("alerts by chat: %v, want one to chat 9", got)
		}
	})
}
