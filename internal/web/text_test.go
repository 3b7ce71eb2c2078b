package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

type textReq struct {
	Subject  string `json:"subject"`
	Customer struct {
		Name string `json:"name"`
	} `json:"customer"`
	Tags   []string          `json:"tags"`
	Fields map[string]string `json:"custom_fields"`
}

func TestUnmarshalRefusesBadText(t *testing.T) {
	cases := []struct {
		name, body, field, says string // field "": accepted
	}{
		{"plain", `{"subject":"Deposit","tags":["a"],"custom_fields":{"k":"v"}}`, "", ""},
		{"escaped non-ASCII", `{"subject":"d\u00e9p\u00f4t \ud83d\ude00"}`, "", ""},
		{"literal backslash-u0000", `{"subject":"C:\\u0000 is a path"}`, "", ""},
		{"NUL in subject", `{"subject":"a\u0000b"}`, "subject", "NUL"},
		{"NUL in a nested field", `{"customer":{"name":"An\u0000a"}}`, "customer.name", "NUL"},
		{"NUL in a tag", `{"tags":["ok","b\u0000"]}`, "tags[1]", "NUL"},
		{"NUL in a custom field value", `{"custom_fields":{"order":"1\u0000"}}`, "custom_fields.order", "NUL"},
		{"NUL in a custom field name", `{"custom_fields":{"or\u0000der":"1"}}`, "custom_fields", "field name"},
		{"invalid UTF-8 in subject", "{\"subject\":\"caf\xe9\"}", "subject", "not valid UTF-8"},
		{"invalid UTF-8 in a tag", "{\"tags\":[\"\xff\"]}", "tags[0]", "not valid UTF-8"},
		{"invalid UTF-8 in a key", "{\"custom_fields\":{\"\xc3\":\"v\"}}", "custom_fields", "not valid UTF-8"},
		{"lone high surrogate", `{"subject":"\ud83d"}`, "subject", "surrogate"},
		{"lone low surrogate", `{"subject":"\ude00x"}`, "subject", "surrogate"},
		{"high surrogate then text", `{"subject":"\uD83Dabcdef"}`, "subject", "surrogate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got textReq
			err := Unmarshal([]byte(c.body), &got)
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := errs.As(err)
			if !ok || e.Kind != errs.Invalid || e.Field != c.field || !strings.Contains(e.Msg, c.says) {
				t.Fatalf("Unmarshal = %v (field %q); want invalid %q saying %q", err, fieldOf(err), c.field, c.says)
			}
		})
	}
}

func fieldOf(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Field
	}
	return ""
}

// FuzzUnmarshalText: whatever the body, a string Unmarshal accepts is valid
// UTF-8 without a NUL, and a refusal is the caller's error.
func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{
		`{"subject":"x","tags":["a","b"],"custom_fields":{"k":"v"},"customer":{"name":"n"}}`,
		`{"subject":"\u0000"}`, `{"subject":"\ud800\udc00"}`, `{"subject":"\udc00"}`, "{\"subject\":\"\xed\xa0\x80\"}",
		`{"tags":[1]}`, `{"subject":"\\u0000"}`, `{"custom_fields":{"\u0000":""}}`, `[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var got textReq
		err := Unmarshal(body, &got)
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		texts := append([]string{got.Subject, got.Customer.Name}, got.Tags...)
		for k, v := range got.Fields {
			texts = append(texts, k, v)
		}
		for _, s := range texts {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("accepted %q", s)
			}
			// encoding/json writes U+FFFD for what it could not decode; the
			// body must have said U+FFFD itself.
			if strings.ContainsRune(s, utf8.RuneError) && !strings.Contains(string(body), "\uFFFD") && !strings.Contains(strings.ToLower(string(body)), `\ufffd`) {
				t.Fatalf("accepted %q from %q: a replacement character the body did not send", s, body)
			}
		}
	})
}

// BenchmarkCheckStrings is the cost the text check adds to every JSON
// body: plain (the fast path) and with \u escapes (the walk).
func BenchmarkCheckStrings(b *testing.B) {
	msg := strings.Repeat("My USDT deposit has not arrived after three hours. ", 20)
	for name, body := range map[string]string{
		"plain-1KB":   `{"body":"` + msg + `","customer":{"external_id":"u-1"}}`,
		"escaped-1KB": `{"body":"` + strings.Repeat(`d\u00e9p\u00f4t \ud83d\ude00 `, 64) + `","customer":{"external_id":"u-1"}}`,
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := checkStrings([]byte(body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
