package chat

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// FuzzParseFrame: any bytes a client sends parse to a frame whose fields
// the session may use as they are, or to a FrameError with a known code;
// nothing panics.
func FuzzParseFrame(f *testing.F) {
	for _, seed := range []string{
		`{"type":"hello","v":1,"resume":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","token":"a.b.c","conversation":3,"last_seq":9,"lang":"ar"}`,
		`{"type":"send","id":"c-1","text":"مرحبا"}`,
		`{"type":"send","id":"c 1","text":"x"}`,
		`{"type":"send","id":"c-1","text":"\u0000"}`,
		`{"type":"typing","on":true}`, `{"type":"read","seq":5}`, `{"type":"history","before":9,"limit":500}`,
		`{"type":"identify","token":""}`, `{"type":"ping","id":"1"}`, `{"type":"x"}`, `{}`, `[]`, `"s"`, `{"type":"send"}{"a":1}`,
		`{"type":"send","id":"a","text":"a","text":"b"}`, "\xff\xfe", ` {"type":"ping"} `,
		`{"type":"send","id":"a","text":"a","area":"withdrawals"}`, `{"type":"send","id":"a","text":"a","area":"../kyc"}`, `{"type":"send","id":"a","text":"a","area":7}`,
		`{"type":"send","id":"a","text":"Freeze","flow":"freeze_account"}`, `{"type":"send","id":"a","text":"Yes","choice":"confirm"}`,
		`{"type":"send","id":"a","text":"x","flow":"Freeze Account"}`, `{"type":"send","id":"a","text":"x","flow":"a","choice":"b"}`,
		`{"type":"screen_offer","screen":"s-1","sdp":"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n","record":true}`, `{"type":"screen_answer","screen":"s-1","sdp":"x"}`,
		`{"type":"screen_ice","screen":"s-1","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host","sdpMid":"0","sdpMLineIndex":0}}`,
		`{"type":"screen_ice","screen":"s-1","candidate":{"candidate":"a\r\nb","sdpMLineIndex":99}}`, `{"type":"screen_ice","screen":"s-1","candidate":null}`,
		`{"type":"screen_stop","screen":""}`, `{"type":"screen_stop","screen":"s-1"}`, `{"type":"screen_offer","screen":"s-1","sdp":"v=0\u0000"}`,
		`{"type":"callback_request","id":"cb-1","number":"+44 20 7946 0123","window_start":"2026-12-06T10:00:00Z","window_end":"2026-12-06T12:00:00Z","lang":"de"}`,
		`{"type":"callback_request","use_known":true,"window_start":"2026-12-06T10:00:00+01:00","window_end":"2026-12-06T12:00:00+01:00"}`,
		`{"type":"callback_request","window_start":"2026-12-06T10:00:00Z","window_end":"2026-12-06T12:00:00Z"}`, `{"type":"callback_request","number":"+1","window_start":"tomorrow"}`,
		`{"type":"callback_request","id":"a b","number":"+1","window_start":"2026-12-06T10:00:00Z","window_end":"2026-12-06T12:00:00Z"}`,
	} {
		f.Add([]byte(seed))
	}
	codes := map[string]bool{CodeBadFrame: true, CodeTooLarge: true, CodeEmpty: true, CodeInvalidField: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ParseFrame(data)
		if err != nil {
			var fe *FrameError
			if !errors.As(err, &fe) || !codes[fe.Code] || fe.Msg == "" || !utf8.ValidString(fe.Ref) || len(fe.Ref) > MaxClientID {
				t.Fatalf("ParseFrame(%q) error %#v", data, err)
			}
			if _, err := json.Marshal(ErrorFrame{Type: "error", Code: fe.Code, Message: fe.Msg, Ref: fe.Ref}); err != nil {
				t.Fatal(err)
			}
			return
		}
		switch in.Type {
		case "send":
			if checkClientID(in.ID) != nil || len(in.Text) > MaxText || strings.TrimSpace(in.Text) == "" || strings.ContainsRune(in.Text, 0) ||
				in.Area != "" && !slices.Contains(ticket.ProductAreas, in.Area) || !flowName(in.Flow) || !flowName(in.Choice) || in.Flow != "" && in.Choice != "" {
				t.Fatalf("accepted send %+v", in)
			}
		case "hello":
			if in.Conversation < 0 || in.LastSeq < 0 || len(in.Token) > MaxToken {
				t.Fatalf("accepted hello %+v", in)
			}
		case "read":
			if in.Seq <= 0 {
				t.Fatalf("accepted read %+v", in)
			}
		case "history":
			if in.Limit < 0 || in.Limit > replayPage || in.Before < 0 {
				t.Fatalf("accepted history %+v", in)
			}
		case "identify":
			if in.Token == "" || len(in.Token) > MaxToken {
				t.Fatalf("accepted identify %+v", in)
			}
		case "screen_offer", "screen_answer", "screen_ice", "screen_stop", "screen_record":
			if checkClientID(in.Screen) != nil {
				t.Fatalf("accepted %s without a good screen id: %+v", in.Type, in)
			}
			if (in.Type == "screen_offer" || in.Type == "screen_answer") && (len(in.SDP) > MaxSDP || !strings.HasPrefix(in.SDP, "v=0") || strings.ContainsRune(in.SDP, 0)) {
				t.Fatalf("accepted %s with sdp %q", in.Type, in.SDP)
			}
			if c := in.Candidate; in.Type == "screen_ice" && (c == nil || len(c.Candidate) > MaxCandidate || strings.ContainsAny(c.Candidate+c.SDPMid+c.UsernameFragment, "\x00\r\n") ||
				c.SDPMLineIndex != nil && (*c.SDPMLineIndex < 0 || *c.SDPMLineIndex > 63)) {
				t.Fatalf("accepted candidate %+v", c)
			}
		case "callback_request":
			_, err1 := time.Parse(time.RFC3339, in.WindowStart)
			_, err2 := time.Parse(time.RFC3339, in.WindowEnd)
			if err1 != nil || err2 != nil || in.Number == "" && !in.UseKnown || len(in.Number) > 40 || in.ID != "" && checkClientID(in.ID) != nil {
				t.Fatalf("accepted callback_request %+v", in)
			}
		case "typing", "ping":
		default:
			t.Fatalf("accepted a frame of type %q", in.Type)
		}
	})
}

// FuzzOriginAllowed: an upload's Origin header passes only when it names
// this server or a host of an allowed pattern; nothing panics.
func FuzzOriginAllowed(f *testing.F) {
	for _, seed := range []string{"", "null", "https://support.example", "https://a.exchange.example", "https://exchange.example.evil.example",
		"https://evil.example/a.exchange.example", "https://a.exchange.example@evil.example", "HTTPS://A.EXCHANGE.EXAMPLE", "//x", "https://%zz"} {
		f.Add(seed)
	}
	s := &Service{cfg: Config{Origins: []string{"*.exchange.example"}}}
	f.Fuzz(func(t *testing.T, origin string) {
		r := httptest.NewRequest("POST", "http://support.example"+UploadPath, nil)
		r.Header.Set("Origin", origin)
		if !s.originAllowed(r) || origin == "" {
			return
		}
		u, err := url.Parse(origin)
		if err != nil {
			t.Fatalf("allowed an unparsable origin %q", origin)
		}
		host := strings.ToLower(u.Host)
		if host != "support.example" && !strings.HasSuffix(host, ".exchange.example") {
			t.Fatalf("allowed origin %q (host %q)", origin, host)
		}
	})
}

func TestTokenBucket(t *testing.T) {
	b := newBucket(Rate{Burst: 2, Every: 1000}, timeZero)
	ok1, _ := b.take(timeZero)
	ok2, _ := b.take(timeZero)
	ok3, wait := b.take(timeZero)
	if !ok1 || !ok2 || ok3 || wait != 1000 {
		t.Fatalf("burst: %v %v %v, wait %v", ok1, ok2, ok3, wait)
	}
	if ok, _ := b.take(timeZero.Add(1000)); !ok {
		t.Fatal("no token after a period")
	}
}
