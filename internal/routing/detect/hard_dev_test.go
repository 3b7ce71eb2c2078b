package detect

import "testing"

// TestLanguageHardDev measures testdata/dev/lang_hard_dev.jsonl, the hard
// cases of all 17 languages written for this work (pinyin and Han-only
// Chinese, romaji, romanized Korean, Arabizi, slang and Javanese
// Indonesian, English mixed in, text without diacritics; see
// testdata/dev/README.md). The detector was tuned on it: development
// data, floors at the measured figures rounded down.
func TestLanguageHardDev(t *testing.T) {
	acc := measureLanguages(t, readLabelled(t, "testdata/dev/lang_hard_dev.jsonl"))
	checkFloors(t, acc, map[string]float64{"*": 1.0, "ru": 0.91}, 0.99)
}

// TestLanguageProbeDev measures testdata/dev/lang_probe_dev.jsonl, written
// after the romanized-language work as a check of it, weighted to the
// weak languages. Measured once before any tuning on it: 134/140
// (95.7 %); tuned on since (Han forms Japanese shares, Arabizi words,
// romanized ru/uk support words), so development data too.
func TestLanguageProbeDev(t *testing.T) {
	acc := measureLanguages(t, readLabelled(t, "testdata/dev/lang_probe_dev.jsonl"))
	checkFloors(t, acc, map[string]float64{"*": 1.0, "en": 0.87}, 0.99)
}

// TestLanguageShortDev measures testdata/dev/lang_short_dev.jsonl: short
// support lines of all 17 languages written for lang12's work, typed
// without accents where people do, with product words (staking, KYC,
// deposit) mixed in, a few on another language's page. Measured once
// before any tuning on it: 162/170 (95.3 %); tuned on since (Russian and
// Ukrainian reflexive past endings, Turkish passive past, a few Polish,
// Italian and Turkish words): 168/170. The two Spanish misses are honest
// ties: "staking bloqueado" is Portuguese too, and "no puedo entrar" on
// a Portuguese page.
func TestLanguageShortDev(t *testing.T) {
	acc := measureLanguages(t, readLabelled(t, "testdata/dev/lang_short_dev.jsonl"))
	checkFloors(t, acc, map[string]float64{"*": 1.0, "es": 0.8}, 0.98)
}
