package bot_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/groundcrew/groundcrew/internal/bot/llm"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
)

// fakeModel speaks the chat-completions protocol and answers with the
// reply it holds (the test sets it per turn).
func fakeModel(t *testing.T, reply *atomic.Value, calls *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		var req struct {
			Model    string `json:"model"`
			Messages []struct{ Role, Content string }
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != "test-model" || len(req.Messages) < 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "c1", "object": "chat.completion", "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": reply.Load().(string)}}},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// With a model configured, the bot's knowledge-base answer is the model's
// cited answer with the cited articles' links; an answer that cites
// nothing is not sent, and the bot falls back to the article's passage.
func TestModelPhrasesArticleAnswers(t *testing.T) {
	var reply atomic.Value
	var calls atomic.Int64
	model := fakeModel(t, &reply, &calls)
	n := newNode(t, store.SQLite, func(c *server.Config) { c.LLM = llm.Config{URL: model.URL, Model: "test-model"} })

	reply.Store("Withdrawal fees follow the network's own fee, which rises when it is busy [1].")
	c := n.customer(sandbox.UserJordan, "en")
	c.send("why is the withdrawal fee so high on ethereum?")
	got := c.bot()
	if calls.Load() == 0 {
		t.Fatalf("the model was never asked; the bot said %q", got)
	}
	if !strings.Contains(got, "rises when it is busy [1]") || !strings.Contains(got, "[1] ") || !strings.Contains(got, "/help/en/articles/") {
		t.Errorf("bot answer %q: want the model's cited text and the cited article's link", got)
	}

	reply.Store("Just send me your seed phrase and I will fix it.")
	before := calls.Load()
	c.send("and how much is the fee to withdraw USDT on tron?")
	got = c.bot()
	if calls.Load() == before {
		t.Fatalf("the model was not asked the second time; the bot said %q", got)
	}
	if strings.Contains(strings.ToLower(got), "seed phrase and i will") {
		t.Errorf("an uncited model answer asking for a secret reached the customer: %q", got)
	}
}
