package bot

// IsIntro reports whether text is the bot's introduction in a language.
func IsIntro(text string) bool {
	for _, m := range messages {
		if m["intro"] == text {
			return true
		}
	}
	return false
}
