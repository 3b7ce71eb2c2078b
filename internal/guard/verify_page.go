package guard

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// verify_page.json holds the words of the public "is it really us?" page
// (/verify) in the 17 customer languages; a language missing one falls
// back to English.
//
//go:embed verify_page.json
var verifyPageJSON []byte

var verifyPageWords = func() map[string]map[string]string {
	var c map[string]map[string]string
	if err := json.Unmarshal(verifyPageJSON, &c); err != nil {
		panic(fmt.Sprintf("guard: verify_page.json: %v", err))
	}
	return c
}()

// VerifyPageText is the /verify page's words in lang.
func VerifyPageText(lang string) map[string]string {
	words := make(map[string]string, len(verifyPageWords["en"]))
	for k, en := range verifyPageWords["en"] {
		words[k] = en
		if w := verifyPageWords[baseLanguage(lang)][k]; w != "" {
			words[k] = w
		}
	}
	return words
}
