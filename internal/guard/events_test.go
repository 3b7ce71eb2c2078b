package guard

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestEveryEventDecodesFromTheOutbox drives the registry through every
// event the package emits and decodes each outbox row with its topic.
func TestEveryEventDecodesFromTheOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := NewOfficial(db, &fakeAuditor{}, fakeAgents{}, "")
		tg, err := o.AddChannel(ctx, NewChannel{Kind: ChannelTelegram, Value: "@GroundcrewSupport"})
		if err != nil {
			t.Fatal(err)
		}
		if err := o.RemoveChannel(ctx, tg.ID); err != nil {
			t.Fatal(err)
		}
		evs, err := bus.Pending(ctx, db, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []any
		for _, ev := range evs {
			for _, k := range Topics() {
				if v, ok, err := k.DecodeAny(ev); err != nil {
					t.Fatalf("decode %s %s: %v", ev.Type, ev.Data, err)
				} else if ok {
					got = append(got, v)
				}
			}
		}
		want := []any{
			OfficialChannelEvent{ChannelID: tg.ID, Kind: ChannelTelegram},
			OfficialChannelEvent{ChannelID: tg.ID, Kind: ChannelTelegram},
		}
		if diff := cmp.Diff(want, got); diff != "" || evs[0].Type != OfficialChannelAdded.Type() || evs[1].Type != OfficialChannelRemoved.Type() {
			t.Errorf("events %v (-want +got):\n%s", evs, diff)
		}
	})
}
