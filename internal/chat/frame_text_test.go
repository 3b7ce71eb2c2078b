package chat_test

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestFrameTextMustBeUnicode: a send whose text or pre-chat value holds a
// lone UTF-16 surrogate escape is a bad_frame naming the message, and
// nothing is stored, as the JSON API refuses it. The socket used to store
// it as U+FFFD: not what was sent.
func TestFrameTextMustBeUnicode(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		ctx, cancel := timeout()
		defer cancel()
		frames := []string{
			`{"type":"send","id":"s-1","text":"\ud800 lone"}`,
			`{"type":"send","id":"s-2","text":"hello","fields":{"asset":"US\udc00DT"}}`,
		}
		for _, f := range frames {
			if err := c.WriteRaw(ctx, []byte(f)); err != nil {
				t.Fatal(err)
			}
			e := expect(t, c, "error")
			if e.Code != chat.CodeBadFrame || e.Fatal || (e.Ref != "s-1" && e.Ref != "s-2") {
				t.Fatalf("%s: error frame %s, want bad_frame naming the message", f, e.Raw)
			}
		}
		var messages int
		if err := n.DB().QueryRow(ctx, `SELECT COUNT(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.channel = 'chat'`).Scan(&messages); err != nil {
			t.Fatal(err)
		}
		if messages != 0 {
			t.Fatalf("%d chat messages stored from refused frames", messages)
		}
	})
}

// BenchmarkParseFrame: a typical send and the part of its parse that is
// the string check (web.CheckJSONText), per frame.
func BenchmarkParseFrame(b *testing.B) {
	frame := []byte(`{"type":"send","id":"c1f6-0007","text":"My USDT deposit has not arrived, TxID 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 — please check"}`)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := chat.ParseFrame(frame); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("string-check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := web.CheckJSONText(frame); err != nil {
				b.Fatal(err)
			}
		}
	})
}
