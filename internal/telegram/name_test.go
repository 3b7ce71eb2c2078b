package telegram_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestCustomerNameIsTheFullName: a Telegram customer's name is their whole
// name with the @username, screened like every name field: a seed phrase
// split between first and last name is cut whole. Only the first name was
// kept before, so the guard saw half a phrase and stored it in clear.
func TestCustomerNameIsTheFullName(t *testing.T) {
	first, last := "abandon ability able about above absent", "absorb abstract absurd abuse access accident"
	tests := []struct {
		chat                    int64
		first, last, user, want string
	}{
		{71, "Ana", "Lima", "ana_lima", "Ana Lima (@ana_lima)"},
		{72, "Иван", "", "", "Иван"},
		{73, first, last, "", "[seed phrase removed]"},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, tt := range tests {
			e.take(update(t, tt.chat, map[string]any{"id": tt.chat, "is_bot": false, "first_name": tt.first, "last_name": tt.last, "username": tt.user}))
			name := storetest.Scalar[string](t, db, `SELECT name FROM customers WHERE external_id = ?`, "telegram:"+strconv.FormatInt(tt.chat, 10))
			if name != tt.want {
				t.Errorf("chat %d: customer name %q, want %q", tt.chat, name, tt.want)
			}
		}
	})
}

// update is a private chat's text update from the sender from.
func update(t *testing.T, chat int64, from map[string]any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(map[string]any{"update_id": chat, "message": map[string]any{"message_id": 1, "date": 1,
		"from": from, "chat": map[string]any{"id": chat, "type": "private"}, "text": "my deposit is missing"}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
