package telegram

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzParseUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":2,"from":{"id":7,"is_bot":false,"first_name":"Ana","language_code":"pt-br"},"chat":{"id":7,"type":"private"},"date":1,"text":"hola"}}`,
		`{"update_id":2,"edited_message":{"chat":{"id":7}}}`,
		`{"update_id":3,"message":{"chat":{"id":-100,"type":"supergroup"},"text":"/start@Bot x"}}`,
		`{}`, `[]`, `null`, `{"update_id":-1}`, `{"update_id":1,"message":{"chat":null}}`,
		"{\"update_id\":4,\"message\":{\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"\\u0000\\ud800\"}}",
		`{"update_id":5,"callback_query":{"id":"9","from":{"id":7,"language_code":"de"},"message":{"message_id":31,"chat":{"id":7,"type":"private"}},"data":"sv:12:4"}}`,
		`{"update_id":8,"callback_query":{"id":"9","message":{"message_id":-5,"chat":{"id":7,"type":"private"}},"data":"sv:1:1"}}`,
		`{"update_id":6,"callback_query":{"id":"","data":"sv:1:1"}}`, `{"update_id":7,"callback_query":{"id":"x","inline_message_id":"y"}}`,
		`{"update_id":8,"message":{"chat":{"id":7,"type":"private"},"text":"ok","reply_to_message":{"from":{"id":1,"is_bot":true},"text":"Thank you!\nAnything to add?"}}}`,
		`{"update_id":9,"message":{"chat":{"id":7,"type":"private"},"text":"ok","reply_to_message":{"from":{"id":8,"is_bot":false},"text":"me"}}}`,
		`{"update_id":10,"message":{"chat":{"id":7,"type":"private"},"photo":[{"file_id":"a"}],"caption":"see \u0000this"}}`,
		`{"update_id":11,"message":{"chat":{"id":7,"type":"private"},"text":"t","caption":"c"}}`,
		`{"update_id":12,"message":{"from":{"id":7,"first_name":"A\tna\u0001","last_name":"Lima","username":"ana_lima"},"chat":{"id":7,"type":"private"},"text":"x"}}`,
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
		if !utf8.ValidString(u.Name) || len(u.Name) > maxName || strings.ContainsFunc(u.Name, unicode.IsControl) {
			t.Fatalf("a name the ticket store refuses: %q", u.Name)
		}
		if !utf8.ValidString(u.Text) || language(u.Language) != u.Language && u.ChatID != 0 {
			t.Fatalf("bad text or language: %q %q", u.Text, u.Language)
		}
		Command(u.Text)
		if u.Captioned && !u.HasText {
			t.Fatalf("a caption that is no text: %+v", u)
		}
		if u.Quoted != "" && !u.ReplyToBot || len(u.Quoted) > 4096 {
			t.Fatalf("quoted text %q of a message not the bot's, or too long", u.Quoted)
		}
		if u.MessageID < 0 || u.MessageID != 0 && u.CallbackID == "" {
			t.Fatalf("message id %d outside a press: %+v", u.MessageID, u)
		}
		if u.CallbackID != "" && (u.ChatID == 0 || len(u.Data) > 64 || len(u.CallbackID) > 64) {
			t.Fatalf("callback without its chat or over 64 bytes: %+v", u)
		}
	})
}

// FuzzParseSurveyData: callback data comes back from the customer's app
// as it was sent, or forged; only "sv:<id>:<score>" with a positive id
// and a score 0-10 parses, and parsing what SurveyData wrote gives it back.
func FuzzParseSurveyData(f *testing.F) {
	for _, s := range []string{"sv:1:5", "sv:9223372036854775807:0", "sv:9223372036854775808:1", "sv:0:3", "sv:-1:3", "sv:1:11",
		"sv:1:", "sv::1", "sv:1:1:1", "sv:01:05", "xx:1:1", "sv:+1:1", "sv:1:٣", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		id, score, ok := ParseSurveyData(data)
		if !ok {
			if id != 0 || score != 0 {
				t.Fatalf("%q refused but gave %d, %d", data, id, score)
			}
			return
		}
		if id <= 0 || score < 0 || score > 10 || len(data) > 64 {
			t.Fatalf("%q gave survey %d score %d", data, id, score)
		}
		if id2, score2, ok2 := ParseSurveyData(SurveyData(id, score)); !ok2 || id2 != id || score2 != score {
			t.Fatalf("%q does not round-trip: %d %d", data, id, score)
		}
	})
}

func TestParseSurveyData(t *testing.T) {
	tests := []struct {
		data      string
		id        int64
		score, ok int
	}{
		{"sv:12:4", 12, 4, 1}, {"sv:3:0", 3, 0, 1}, {"sv:3:10", 3, 10, 1},
		{"sv:3:11", 0, 0, 0}, {"sv:0:1", 0, 0, 0}, {"sv:-2:1", 0, 0, 0}, {"sv:2:-1", 0, 0, 0},
		{"sv:2", 0, 0, 0}, {"sv:2:1:", 0, 0, 0}, {"SV:2:1", 0, 0, 0}, {"sv: 2:1", 0, 0, 0},
		{"sv:99999999999999999999:1", 0, 0, 0},
	}
	for _, tt := range tests {
		id, score, ok := ParseSurveyData(tt.data)
		if id != tt.id || score != tt.score || ok != (tt.ok == 1) {
			t.Errorf("ParseSurveyData(%q) = %d, %d, %v; want %d, %d, %v", tt.data, id, score, ok, tt.id, tt.score, tt.ok == 1)
		}
	}
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
		{`{"update_id":13,"message":{"chat":{"id":7,"type":"private"},"photo":[{"file_id":"a"}],"caption":"see\u0000 this"}}`, true, 7, "en", "see this", true},
		{`{"update_id":14,"message":{"chat":{"id":7,"type":"private"},"document":{"file_id":"a"}}}`, true, 7, "en", "", true},
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

// TestDisplayName: the customer's name is the whole name Telegram shows,
// with the @username when there is one, on one line, within the ticket
// store's limit; a username that is not one is left out.
func TestDisplayName(t *testing.T) {
	long := strings.Repeat("Ж", 64) // Telegram's longest first and last names, 2 bytes a letter
	tests := []struct {
		first, last, user, want string
	}{
		{"Ana", "", "", "Ana"},
		{"Ana", "Lima", "", "Ana Lima"},
		{"Ana", "Lima", "ana_lima", "Ana Lima (@ana_lima)"},
		{"", "", "ana_lima", "@ana_lima"},
		{" Ana\n", "\tde  Souza ", "", "Ana de Souza"},
		{"Ana\u0001", "Lima", "not a username", "Ana Lima"},
		{long, long, "ana_lima", long + " " + strings.Repeat("Ж", 35)}, // cut at 200 bytes, on a letter's edge
	}
	for _, tt := range tests {
		from, err := json.Marshal(map[string]any{"id": 7, "first_name": tt.first, "last_name": tt.last, "username": tt.user})
		if err != nil {
			t.Fatal(err)
		}
		u, err := ParseUpdate([]byte(`{"update_id":1,"message":{"from":` + string(from) + `,"chat":{"id":7,"type":"private"},"text":"hi"}}`))
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != tt.want {
			t.Errorf("%q %q %q: name %q, want %q", tt.first, tt.last, tt.user, u.Name, tt.want)
		}
	}
}
