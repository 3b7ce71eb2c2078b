package routing

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestBotHeldChatIsNotOffered: a chat the bot is handling waits in its
// queue without an offer; once the bot has handed it off, routing it
// again offers it to the agent.
func TestBotHeldChatIsNotOffered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		agent := e.agent("Ayşe", turkishFutures)
		var botMode atomic.Bool
		botMode.Store(true)
		e.svc.BotHolds = func(context.Context, int64) (bool, error) { return botMode.Load(), nil }
		id := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
		r := e.route(id)
		if r.Offer != nil {
			t.Fatalf("a chat the bot handles was offered to agent %d", r.Offer.AgentID)
		}
		if r.QueueName == "" {
			t.Fatal("the held chat is in no queue")
		}
		if err := e.svc.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if e.route(id).Offer != nil {
			t.Fatal("the sweep offered a chat the bot handles")
		}
		botMode.Store(false) // the bot handed it off
		if err := e.svc.RouteTicket(ctx, id); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.Offer == nil || r.Offer.AgentID != agent {
			t.Fatalf("after the hand-off: offer %+v, want agent %d", r.Offer, agent)
		}
	})
}
