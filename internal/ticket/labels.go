package ticket

import "strings"

// The agent UI's English words for product areas and languages. They live
// beside the lists they name, so that sentences written by other packages
// (routing's and automation's alerts) use the words the pages use.

// AreaLabels name the product areas.
var AreaLabels = map[string]string{
	"spot": "Spot trading", "futures": "Futures", "p2p": "P2P", "earn": "Earn", "card": "Card",
	"wallet_deposits": "Wallet deposits", "withdrawals": "Withdrawals", "account_security": "Account security",
	"kyc": "KYC", "other": "Other",
}

// LanguageNames are the 17 languages by their English names.
var LanguageNames = map[string]string{
	"en": "English", "zh": "Chinese", "es": "Spanish", "pt": "Portuguese", "ru": "Russian", "tr": "Turkish",
	"vi": "Vietnamese", "fr": "French", "de": "German", "it": "Italian", "id": "Indonesian", "ar": "Arabic",
	"uk": "Ukrainian", "pl": "Polish", "ja": "Japanese", "ko": "Korean", "th": "Thai",
}

// Autonyms name each of the 17 languages in itself, for the customers'
// language switchers.
var Autonyms = map[string]string{
	"en": "English", "zh": "中文", "es": "Español", "pt": "Português", "ru": "Русский",
	"tr": "Türkçe", "vi": "Tiếng Việt", "fr": "Français", "de": "Deutsch", "it": "Italiano",
	"id": "Bahasa Indonesia", "ar": "العربية", "uk": "Українська", "pl": "Polski",
	"ja": "日本語", "ko": "한국어", "th": "ไทย",
}

// AreaLabel is product area code's label; an area without one (added
// later) reads as its words: "card_refund" is "Card refund".
func AreaLabel(code string) string {
	if l, ok := AreaLabels[code]; ok {
		return l
	}
	return Humanize(code)
}

// LanguageName is a language code's English name, or the code.
func LanguageName(code string) string {
	if l, ok := LanguageNames[code]; ok {
		return l
	}
	return code
}

// Humanize spells a snake_case code as words, first letter capital.
func Humanize(code string) string {
	s := strings.ReplaceAll(code, "_", " ")
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
