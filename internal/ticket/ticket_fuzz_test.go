package ticket

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// FuzzDecodeNewTicket feeds arbitrary bodies through the create-ticket
// decoding and validation: it must never panic, must reject with a
// caller-facing (non-internal) error, and what it accepts must be sound.
func FuzzDecodeNewTicket(f *testing.F) {
	f.Add([]byte(`{"subject":"Deposit missing","message":"hi","channel":"api","customer":{"external_id":"u1"}}`))
	f.Add([]byte(`{"subject":"x","message":"y","channel":"chat","customer":{"email":"a@b.co","language":"uk"},"tags":["A","a"],"tier":3}`))
	f.Add([]byte(`{"subject":"\u0000","message":"y"}`))
	f.Add([]byte(`{"custom_fields":{"":"x"}}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte(`{"subject":"x"} trailing`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var in NewTicket
		err := web.Unmarshal(body, &in)
		if err == nil {
			err = in.Validate()
		}
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		switch {
		case strings.TrimSpace(in.Subject) == "" || len(in.Subject) > MaxSubject || !utf8.ValidString(in.Subject):
			t.Fatalf("accepted subject %q", in.Subject)
		case strings.TrimSpace(in.Message) == "" || len(in.Message) > MaxBody:
			t.Fatalf("accepted message of %d bytes", len(in.Message))
		case !slices.Contains(Channels, in.Channel) || !slices.Contains(Priorities, in.Priority) ||
			!slices.Contains(ProductAreas, in.ProductArea) || !slices.Contains(Languages, in.Language):
			t.Fatalf("accepted enum values %q %q %q %q", in.Channel, in.Priority, in.ProductArea, in.Language)
		case in.Tier < 1 || in.Tier > 3:
			t.Fatalf("accepted tier %d", in.Tier)
		case in.Customer.ExternalID == "" && in.Customer.Email == "":
			t.Fatal("accepted a ticket without a customer")
		case len(in.Tags) > MaxTags:
			t.Fatalf("accepted %d tags", len(in.Tags))
		}
	})
}

// FuzzDecodeNewMessage does the same for the create-message body.
func FuzzDecodeNewMessage(f *testing.F) {
	f.Add([]byte(`{"body":"hello","author":"customer"}`))
	f.Add([]byte(`{"body":""}`))
	f.Add([]byte(`{"body":"x","author":"admin"}`))
	f.Add([]byte(`{"body":"x","author_id":5}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var in NewMessage
		err := web.Unmarshal(body, &in)
		if err == nil {
			err = in.Validate()
		}
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		if in.AuthorID != nil {
			t.Fatal("author_id was taken from the request body")
		}
		if strings.TrimSpace(in.Body) == "" || strings.ContainsRune(in.Body, 0) {
			t.Fatalf("accepted body %q", in.Body)
		}
	})
}
