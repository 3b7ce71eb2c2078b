package bot

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// messages.json holds everything the bot says, in the 17 customer
// languages; a text missing in a language falls back to English.
// Placeholders are fmt verbs (%s, %d) where a text takes a value.
//
//go:embed messages.json
var messagesJSON []byte

var messages = func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := json.Unmarshal(messagesJSON, &m); err != nil {
		panic(fmt.Sprintf("bot: messages.json: %v", err))
	}
	return m
}()

// say is text key in lang (English when lang lacks it).
func say(lang, key string) string {
	if s, ok := messages[lang][key]; ok && s != "" {
		return s
	}
	if s, ok := messages["en"][key]; ok {
		return s
	}
	return key
}
