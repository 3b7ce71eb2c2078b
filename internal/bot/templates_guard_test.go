package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
)

// Every text the bot writes from its templates passes the outbound guard,
// in every language, alone and after the introduction (the guard reads
// the ticket's earlier bot messages with each new one). A guard change
// that refuses one of them would silently turn that step into a hand-off.
func TestTemplatesPassTheGuard(t *testing.T) {
	const link = "https://support.example.com/step-up"
	allowed := []string{"support.example.com"}
	for lang, m := range messages {
		for key, text := range m {
			if n := strings.Count(text, "%s"); n > 0 {
				args := make([]any, n)
				for i := range args {
					args[i] = link
				}
				text = fmt.Sprintf(text, args...)
			}
			if vs := guard.CheckOutboundConversation(nil, text, allowed); len(vs) > 0 {
				t.Errorf("%s %s refused: %s", lang, key, vs[0].Detail)
			}
			if vs := guard.CheckOutboundConversation([]string{m["intro"]}, text, allowed); len(vs) > 0 {
				t.Errorf("%s %s after the introduction refused: %s", lang, key, vs[0].Detail)
			}
		}
	}
}
