package bus_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

type thing struct {
	ID   int64     `json:"id"`
	Name string    `json:"name"`
	Team *int64    `json:"team_id"`
	At   time.Time `json:"at"`
}

type thingV2 struct {
	ID    int64    `json:"id"`
	Names []string `json:"names"`
}

func TestTopicTypeCarriesVersion(t *testing.T) {
	for _, tc := range []struct {
		topic   bus.Kind
		typ     string
		subject string
	}{
		{bus.NewTopic[thing]("thing.created", 1), "thing.created", "gc.thing.created"},
		{bus.NewTopic[thingV2]("thing.created", 2), "thing.created.v2", "gc.thing.created.v2"},
		{bus.NewTopic[thing]("a.b_c.d9", 12), "a.b_c.d9.v12", "gc.a.b_c.d9.v12"},
	} {
		if got := tc.topic.Type(); got != tc.typ {
			t.Errorf("Type() = %q, want %q", got, tc.typ)
		}
		if got := tc.topic.Subject(); got != tc.subject {
			t.Errorf("Subject() = %q, want %q", got, tc.subject)
		}
	}
}

func TestNewTopicRefusesBadNames(t *testing.T) {
	for _, tc := range []struct {
		name    string
		version int
	}{{"", 1}, {"a..b", 1}, {"a.*", 1}, {"a.>", 1}, {"Thing.created", 1}, {"a b", 1}, {"thing.created.v2", 1}, {"thing", 0}, {"thing", -1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewTopic(%q, %d) did not panic", tc.name, tc.version)
				}
			}()
			bus.NewTopic[thing](tc.name, tc.version)
		}()
	}
}

func TestTopicEmitDecodeRoundTrip(t *testing.T) {
	created := bus.NewTopic[thing]("thing.created", 1)
	createdV2 := bus.NewTopic[thingV2]("thing.created", 2)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		team := int64(9)
		want := []thing{
			{ID: 1, Name: "<b>ü</b>", Team: &team, At: time.UnixMilli(1700000000123).UTC()},
			{ID: 2, Name: "", Team: nil},
		}
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for _, v := range want {
				if err := created.Emit(ctx, tx, v); err != nil {
					return err
				}
			}
			return createdV2.Emit(ctx, tx, thingV2{ID: 3, Names: []string{"x", "y"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		evs, err := bus.Pending(ctx, db, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 3 {
			t.Fatalf("outbox holds %d events, want 3", len(evs))
		}
		for i, v := range want {
			got, ok, err := created.Decode(evs[i])
			if err != nil || !ok {
				t.Fatalf("decode %s: ok=%v err=%v", evs[i].Type, ok, err)
			}
			if diff := cmp.Diff(v, got); diff != "" {
				t.Errorf("event %d (-want +got):\n%s", i, diff)
			}
			if _, ok, err := createdV2.Decode(evs[i]); ok || err != nil {
				t.Errorf("v2 decoded a v1 event: ok=%v err=%v", ok, err)
			}
		}
		v2, ok, err := createdV2.Decode(evs[2])
		if err != nil || !ok || v2.ID != 3 || len(v2.Names) != 2 {
			t.Fatalf("v2 decode = %+v, %v, %v", v2, ok, err)
		}
		if _, ok, _ := created.Decode(evs[2]); ok {
			t.Error("v1 decoded a v2 event")
		}
		// A payload of the right type that does not fit is an error, not a zero value.
		bad := store.Event{ID: 99, Type: "thing.created", Data: []byte(`{"id":"x"}`)}
		if _, ok, err := created.Decode(bad); !ok || err == nil {
			t.Errorf("malformed payload: ok=%v err=%v", ok, err)
		}
	})
}
