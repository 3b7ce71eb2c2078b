package guard

import (
	"strings"
	"unicode"
)

// The anti-phishing phrase is a secret-ish phrase a customer sets at the
// exchange (exchange.User.AntiPhishingPhrase). Every genuine page and
// message from us shows it; a phishing copy cannot. The deposit-check page
// shows it to the signed-in customer; e-mails and the chat widget put it
// first with WithAntiPhishingPhrase.

// antiPhishingLabels is "Your anti-phishing phrase" in the 17 customer languages.
var antiPhishingLabels = map[string]string{
	"en": "Your anti-phishing phrase",
	"zh": "您的防钓鱼码",
	"es": "Tu frase antiphishing",
	"pt": "Sua frase antiphishing",
	"ru": "Ваша антифишинговая фраза",
	"tr": "Oltalama karşıtı ifadeniz",
	"vi": "Cụm từ chống lừa đảo của bạn",
	"fr": "Votre phrase anti-hameçonnage",
	"de": "Ihr Anti-Phishing-Code",
	"it": "La tua frase anti-phishing",
	"id": "Frasa anti-phishing Anda",
	"ar": "عبارة مكافحة التصيد الخاصة بك",
	"uk": "Ваша антифішингова фраза",
	"pl": "Twoja fraza antyphishingowa",
	"ja": "あなたのフィッシング対策コード",
	"ko": "회원님의 피싱 방지 문구",
	"th": "วลีป้องกันฟิชชิงของคุณ",
}

// AntiPhishingLabel is "Your anti-phishing phrase" in lang (English when
// lang is not one of the 17).
func AntiPhishingLabel(lang string) string {
	if l, ok := antiPhishingLabels[baseLanguage(lang)]; ok {
		return l
	}
	return antiPhishingLabels["en"]
}

// CleanAntiPhishingPhrase makes a phrase safe to show: control and
// invisible characters go, spaces are collapsed, and it is cut to 64 runes.
func CleanAntiPhishingPhrase(phrase string) string {
	phrase = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isZeroWidth(r) {
			return ' '
		}
		return r
	}, phrase)
	phrase = strings.Join(strings.Fields(phrase), " ")
	if r := []rune(phrase); len(r) > 64 {
		phrase = string(r[:64])
	}
	return phrase
}

// WithAntiPhishingPhrase puts the customer's anti-phishing phrase in front
// of a message to them (an e-mail, a widget greeting), in their language:
//
//	Your anti-phishing phrase: lua azul
//
//	<message>
//
// A customer without a phrase gets the message unchanged.
func WithAntiPhishingPhrase(lang, phrase, message string) string {
	phrase = CleanAntiPhishingPhrase(phrase)
	if phrase == "" {
		return message
	}
	return AntiPhishingLabel(lang) + ": " + phrase + "\n\n" + message
}
