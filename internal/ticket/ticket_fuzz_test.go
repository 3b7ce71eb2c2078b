package ticket

import (
	"encoding/json"
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
		c := in.Customer
		texts := append([]string{in.Subject, in.Message, c.ExternalID, c.Email, c.Name, c.Language, c.Identity}, in.Tags...)
		for k, v := range in.CustomFields {
			texts = append(texts, k, v)
		}
		mustBeText(t, texts...)
	})
}

// mustBeText fails on a string no field may store: invalid UTF-8 or a NUL.
func mustBeText(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Fatalf("accepted %q", s)
		}
	}
}

// FuzzDecodeNewMessage does the same for the agent's message body: the
// author never comes from the request.
func FuzzDecodeNewMessage(f *testing.F) {
	f.Add([]byte(`{"body":"hello"}`))
	f.Add([]byte(`{"body":"hello","author":"customer"}`))
	f.Add([]byte(`{"body":""}`))
	f.Add([]byte(`{"body":"x","author":"admin"}`))
	f.Add([]byte(`{"body":"x","author_id":5}`))
	f.Add([]byte(`{"body":"a\u0000b"}`))
	f.Add([]byte("{\"body\":\"\xff\"}"))
	f.Add([]byte(`{"body":"x","macro_ids":[3,4]}`))
	f.Add([]byte(`{"body":"x","macro_ids":[-1]}`))
	f.Add([]byte(`{"body":"x","macro_ids":"7"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := DecodeMessage(body)
		if err == nil {
			in.Author = "agent" // as AddMessage sets it
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
		for _, m := range in.Macros {
			if m.MacroID <= 0 || m.Language != "" {
				t.Fatalf("accepted macro %+v: ids are positive, languages never from the request", m)
			}
		}
		var keys map[string]any
		if json.Unmarshal(body, &keys) == nil {
			for k := range keys {
				if strings.HasPrefix(strings.ToLower(k), "author") {
					t.Fatalf("accepted a body that sets %s", k)
				}
			}
		}
		if strings.TrimSpace(in.Body) == "" {
			t.Fatalf("accepted body %q", in.Body)
		}
		mustBeText(t, in.Body)
	})
}

// FuzzDecodeCustomerMessage: an integration's message names exactly one
// customer and holds text a field may store.
func FuzzDecodeCustomerMessage(f *testing.F) {
	f.Add([]byte(`{"body":"hi","customer":{"external_id":"u-1"}}`))
	f.Add([]byte(`{"body":"hi","customer":{"email":"A@B.co"}}`))
	f.Add([]byte(`{"body":"hi","customer":{"id":3,"email":"a@b.co"}}`))
	f.Add([]byte(`{"body":"hi","customer":{"id":-1}}`))
	f.Add([]byte(`{"body":"hi","author":"system","customer":{"id":1}}`))
	f.Add([]byte(`{"body":"hi","customer":{"external_id":"u\u0000"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := DecodeCustomerMessage(body)
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		r := in.Customer
		named := 0
		for _, set := range []bool{r.ID > 0, r.ExternalID != "", r.Email != ""} {
			if set {
				named++
			}
		}
		if named != 1 || r.ID < 0 || strings.TrimSpace(in.Body) == "" || len(in.Body) > MaxBody {
			t.Fatalf("accepted %+v", in)
		}
		mustBeText(t, in.Body, r.ExternalID, r.Email)
	})
}

// FuzzDecodeCustomerUpdate: a contact-data change has a reason and holds
// text a field may store.
func FuzzDecodeCustomerUpdate(f *testing.F) {
	f.Add([]byte(`{"email":"a@b.co","reason":"customer asked by phone"}`))
	f.Add([]byte(`{"name":"An\u0000a","reason":"customer asked by phone"}`))
	f.Add([]byte(`{"language":"xx","reason":"customer asked by phone"}`))
	f.Add([]byte(`{"email":"","reason":"short"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var u CustomerUpdate
		err := web.Unmarshal(body, &u)
		if err == nil {
			err = u.Validate()
		}
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		if utf8.RuneCountInString(u.Reason) < MinUpdateReason || (u.Email == nil && u.Name == nil && u.Language == nil) {
			t.Fatalf("accepted %+v", u)
		}
		texts := []string{u.Reason}
		for _, p := range []*string{u.Email, u.Name, u.Language} {
			if p != nil {
				texts = append(texts, *p)
			}
		}
		mustBeText(t, texts...)
	})
}
