package chat

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
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
	} {
		f.Add([]byte(seed))
	}
	codes := map[string]bool{CodeBadFrame: true, CodeTooLarge: true, CodeEmpty: true}
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
			if checkClientID(in.ID) != nil || len(in.Text) > MaxText || strings.TrimSpace(in.Text) == "" || strings.ContainsRune(in.Text, 0) {
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
		case "typing", "ping":
		default:
			t.Fatalf("accepted a frame of type %q", in.Type)
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
