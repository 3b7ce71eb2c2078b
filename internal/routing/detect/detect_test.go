package detect

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// labelled is one line of a language set.
type labelled struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Text     string `json:"text"`
	PageLang string `json:"page_lang"`
}

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	return readLabelledFile(t, path)
}

func readLabelledFile(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if !slices.Contains(Languages, l.Lang) {
			t.Fatalf("%s:%d: unknown language %q", path, n, l.Lang)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// accuracy is right/total per language.
type accuracy map[string][2]int

func (a accuracy) rate(lang string) float64 {
	c := a[lang]
	if c[1] == 0 {
		return 0
	}
	return float64(c[0]) / float64(c[1])
}

func (a accuracy) overall() (right, total int) {
	for _, c := range a {
		right += c[0]
		total += c[1]
	}
	return right, total
}

// measureLanguages runs the detector over a set, logs every miss and a
// table of accuracy per language.
func measureLanguages(t *testing.T, set []labelled) accuracy {
	t.Helper()
	acc := accuracy{}
	for _, l := range set {
		got := DetectLanguage(l.Text, Priors{Page: l.PageLang})
		c := acc[l.Lang]
		c[1]++
		if got.Code == l.Lang {
			c[0]++
		} else {
			t.Logf("miss %s: want %s, got %s (%s) %q", l.ID, l.Lang, got.Code, got.Reason, l.Text)
		}
		acc[l.Lang] = c
	}
	var b strings.Builder
	b.WriteString("\nlang  right/total  accuracy\n")
	for _, lang := range Languages {
		if c, ok := acc[lang]; ok {
			fmt.Fprintf(&b, "%-5s %5d/%-5d  %6.1f%%\n", lang, c[0], c[1], 100*acc.rate(lang))
		}
	}
	right, total := acc.overall()
	fmt.Fprintf(&b, "all   %5d/%-5d  %6.1f%%", right, total, 100*float64(right)/float64(total))
	t.Log(b.String())
	return acc
}

// checkFloors fails for each language under its floor and for the overall
// rate under overallFloor.
func checkFloors(t *testing.T, acc accuracy, floors map[string]float64, overallFloor float64) {
	t.Helper()
	for _, lang := range Languages {
		if _, ok := acc[lang]; !ok {
			continue
		}
		floor, ok := floors[lang]
		if !ok {
			floor = floors["*"]
		}
		if got := acc.rate(lang); got < floor {
			t.Errorf("%s: accuracy %.1f%%, floor %.1f%%", lang, 100*got, 100*floor)
		}
	}
	right, total := acc.overall()
	if got := float64(right) / float64(total); got < overallFloor {
		t.Errorf("overall accuracy %.1f%% (%d/%d), floor %.1f%%", 100*got, right, total, 100*overallFloor)
	}
}

// TestLanguageDev measures the development set, which the word lists were
// tuned on; floors are the measured figures rounded down.
func TestLanguageDev(t *testing.T) {
	set := readLabelled(t, "testdata/dev/lang_dev.jsonl")
	for _, lang := range Languages {
		n := 0
		for _, l := range set {
			if l.Lang == lang {
				n++
			}
		}
		if n < 40 {
			t.Errorf("dev set has %d messages in %s, want at least 40", n, lang)
		}
	}
	acc := measureLanguages(t, set)
	checkFloors(t, acc, devFloors, 0.99)
}

// devFloors are the dev figures rounded down to a whole percent (pt 94/95
// = 98.9%, uk 82/83 = 98.8% since 2026-12-06, ru before; every other
// language 100%). The two misses are fair ambiguities: "urgente por
// favor" is Spanish and Portuguese alike, and "баланс не видно" is in the
// set as Russian and as Ukrainian, so one of the two is always missed.
var devFloors = map[string]float64{"*": 1.0, "pt": 0.98, "uk": 0.98}

// TestLanguageHeldOut measures the held-out set written by someone who
// never saw this code (testdata/heldout/README.md). It was measured once,
// on 2026-12-04 after all tuning: 898/927 (96.9%). Its misses are now known,
// so it guards against regressions and is no longer an estimate; a new
// blind set is needed for the next honest figure. 2026-12-06, after
// tuning on its misses among others (it is dev data now): 919/927.
func TestLanguageHeldOut(t *testing.T) {
	const path = "testdata/heldout/lang_heldout.jsonl"
	acc := measureLanguages(t, readLabelled(t, path))
	checkFloors(t, acc, heldOutFloors, heldOutOverallFloor)
}

// heldOutFloors are the figures after lang11's work (2026-12-06, tuned
// on this set among others: 921/927) rounded down to a whole percent.
var heldOutFloors = map[string]float64{"*": 1.0, "en": 0.96, "es": 0.98, "pt": 0.98, "pl": 0.98, "th": 0.98}

const heldOutOverallFloor = 0.99

// TestLanguageHeldOut2 measures the second held-out set (testdata/heldout2,
// written without reading this code, weighted to the hard cases: short
// Italian and Russian, Latin-letter Russian and Ukrainian, es/pt, id/en,
// ja/zh in kanji, Vietnamese and Turkish without diacritics). Measured
// once, on 2026-12-05, with no tuning on it: 734/789 (93.0%). Russian
// and Ukrainian 44/56 (78.6%): Latin-letter ru/uk is read as fr, de, id,
// it or en, and short Ukrainian without і/ї/є as Russian; Indonesian 43/50
// (86.0%, code-mixed with English); Chinese 45/50 (90.0%).
// After the romanized ru/uk evidence (translit.go, built and tuned on
// testdata/dev/lang_translit_dev.jsonl only; this set was not read): ru
// 48/56, uk 49/56, all 743/789. That is a regression check now, not an
// estimate: the set had been measured before. 2026-12-06, after tuning on
// the dev sets, this one's misses among them: 763/789 (ru 55/56, uk
// 54/56, id 46/50, zh 45/50).
func TestLanguageHeldOut2(t *testing.T) {
	const path = "testdata/heldout2/lang_heldout2.jsonl"
	acc := measureLanguages(t, readLabelled(t, path))
	checkFloors(t, acc, heldOut2Floors, heldOut2OverallFloor)
}

// heldOut2Floors are the figures after lang11's work (2026-12-06, tuned
// on this set's misses among others: 776/789) rounded down to a whole
// percent.
var heldOut2Floors = map[string]float64{"*": 1.0, "en": 0.95, "zh": 0.98, "es": 0.96, "ru": 0.98, "tr": 0.97,
	"vi": 0.97, "de": 0.97, "it": 0.98, "uk": 0.98, "pl": 0.95}

const heldOut2OverallFloor = 0.98

// TestLanguageHeldOut3 measures the third held-out set (testdata/heldout3,
// written blind by helper blindlang: 41 lines per language, most of 2-8
// words). Measured once, on 2026-12-06, after the routing9 changes:
// 652/697 (93.5%; target 95%, no language under 90%: not met). Under 90%:
// zh 34/41 (pinyin, and 入金/出金 read as Japanese-only kanji), ar 35/41
// (Arabizi: Egyptian and Maghrebi Arabic in Latin letters and digits), id
// 36/41 (Javanese and slang). The floors are those figures rounded down to
// a whole percent; the set is development data from now on. After
// lang11's work (romanized zh/ja/ko/ar, Han-only text weighed per
// character, slang Indonesian and code-mixing; tuned on this set's misses
// among others): 679/697 (97.4 %), zh, ar and id 41/41, the weakest fr
// and de 38/41 (92.7 %). The floors are those figures rounded down.
func TestLanguageHeldOut3(t *testing.T) {
	const path = "testdata/heldout3/lang_heldout3.jsonl"
	acc := measureLanguages(t, readLabelled(t, path))
	checkFloors(t, acc, heldOut3Floors, 0.97)
}

var heldOut3Floors = map[string]float64{"*": 1.0, "es": 0.95, "ru": 0.97, "tr": 0.95, "vi": 0.97,
	"fr": 0.92, "de": 0.92, "it": 0.95, "uk": 0.97, "pl": 0.92}

// TestLanguageHeldOut4 measures the fourth held-out set (testdata/heldout4,
// written blind by helper blind11: 42 lines per language, most of 2-8
// words, 114 written from a page in another language). Measured once, on
// 2026-12-06, after lang11's work: 669/714 (93.7%; target 95%, no language
// under 90%: not met). Under 90%: en 34/42 (two- and three-word English
// read as de, id, fr or vi, some under another page's prior), es 36/42
// and pl 36/42 (short lines without accents or diacritics read as pt, it,
// de), fr 37/42 (no accents, English product words). The floors are those
// figures rounded down to a whole percent; the set is development data
// from now on. After lang12's work (product words neutral, short everyday
// words and accent-free forms, an English prior weaker against two words
// of another language; tuned on this set's misses among others, so no
// estimate): 707/714 (99.0 %), the weakest pt and id 40/42. The floors
// are those figures rounded down.
func TestLanguageHeldOut4(t *testing.T) {
	const path = "testdata/heldout4/lang_heldout4.jsonl"
	acc := measureLanguages(t, readLabelled(t, path))
	checkFloors(t, acc, heldOut4Floors, 0.99)
}

var heldOut4Floors = map[string]float64{"*": 1.0, "pt": 0.95, "vi": 0.97, "id": 0.95, "ar": 0.97, "ja": 0.97}

// TestLanguageHeldOut5 measures the fifth held-out set (testdata/heldout5,
// written blind by helper blind12: 42-43 lines per language, a third of
// 2-4 words, a third of 5-12, a third of two or three sentences; code-mix,
// slang, transliteration, missing diacritics). Measured once, on
// 2026-12-06, after lang11 and lang12: 707/717 (98.6%); every language at
// 95.3% or above (target 95% overall and no language under 90%: met).
// Misses: es/pt/it neighbours in dialect ("che, no anda la app", "nun me
// fa prelevà"), romanized Ukrainian and Thai, a bare "Re: Ticket #884213".
// The floors are those figures rounded down; development data from now on.
func TestLanguageHeldOut5(t *testing.T) {
	const path = "testdata/heldout5/lang_heldout5.jsonl"
	acc := measureLanguages(t, readLabelled(t, path))
	checkFloors(t, acc, heldOut5Floors, 0.98)
}

var heldOut5Floors = map[string]float64{"*": 1.0, "en": 0.97, "es": 0.95, "pt": 0.97, "tr": 0.97, "fr": 0.97,
	"it": 0.97, "uk": 0.97, "pl": 0.97, "th": 0.97}
