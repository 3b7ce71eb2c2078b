package telegram

import (
	"testing"
	"unicode/utf8"
)

func FuzzParseUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":2,"from":{"id":7,"is_bot":false,"first_name":"Ana","language_code":"pt-br"},"chat":{"id":7,"type":"private"},"date":1,"text":"hola"}}`,
		`{"update_id":2,"edited_message":{"chat":{"id":7}}}`,
		`{"update_id":3,"message":{"chat":{"id":-100,"type":"supergroup"},"text":"/start@Bot x"}}`,
		`{}`, `[]`, `null`, `{"update_id":-1}`, `{"update_id":1,"message":{"chat":null}}`,
		"{\"update_id\":4,\"message\":{\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"\\u0000\\ud800\"}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := ParseUpdate(raw)
		if err != nil {
			return
		}
		if u.ID < 0 {
			t.Fatalf("negative update id %d", u.ID)
		}
		if !utf8.ValidString(u.Text) || language(u.Language) != u.Language && u.ChatID != 0 {
			t.Fatalf("bad text or language: %q %q", u.Text, u.Language)
		}
		Command(u.Text)
	})
}

func TestParseUpdate(t *testing.T) {
	tests := []struct {
		raw     string
		ok      bool
		chat    int64
		lang    string
		text    string
		private bool
	}{
		{`{"update_id":10,"message":{"from":{"id":7,"first_name":"Ana","language_code":"pt-BR"},"chat":{"id":7,"type":"private"},"text":"oi"}}`, true, 7, "pt", "oi", true},
		{`{"update_id":11,"message":{"from":{"id":7,"language_code":"xx"},"chat":{"id":7,"type":"private"},"text":"hi"}}`, true, 7, "en", "hi", true},
		{`{"update_id":12,"channel_post":{"chat":{"id":5}}}`, true, 0, "", "", false},
		{`{"message":{}}`, false, 0, "", "", false},
		{`not json`, false, 0, "", "", false},
	}
	for _, tt := range tests {
		u, err := ParseUpdate([]byte(tt.raw))
		if (err == nil) != tt.ok {
			t.Fatalf("%s: err %v", tt.raw, err)
		}
		if err != nil {
			continue
		}
		if u.ChatID != tt.chat || u.Language != tt.lang || u.Text != tt.text || u.Private != tt.private {
			t.Errorf("%s: got %+v", tt.raw, u)
		}
	}
	if name, arg := Command("/start@GroundcrewBot  tok-1 "); name != "start" || arg != "tok-1" {
		t.Errorf("command: %q %q", name, arg)
	}
}
