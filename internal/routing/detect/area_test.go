package detect

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

type areaLabelled struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
	Text string `json:"text"`
	Area string `json:"area"`
}

func readAreaSet(t *testing.T, path string) []areaLabelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []areaLabelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l areaLabelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if !slices.Contains(ticket.ProductAreas, l.Area) || !slices.Contains(Languages, l.Lang) {
			t.Fatalf("%s:%d: unknown area %q or language %q", path, n, l.Area, l.Lang)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// TestAreaDev measures the product-area dev set per area; floors are the
// measured figures rounded down.
func TestAreaDev(t *testing.T) {
	set := readAreaSet(t, "testdata/dev/area_dev.jsonl")
	acc := map[string][2]int{}
	for _, l := range set {
		got := DetectArea(l.Text)
		c := acc[l.Area]
		c[1]++
		if got.Name == l.Area {
			c[0]++
		} else {
			t.Logf("miss %s (%s): want %s, got %s %v %q", l.ID, l.Lang, l.Area, got.Name, got.Matched, l.Text)
		}
		acc[l.Area] = c
	}
	var b strings.Builder
	b.WriteString("\narea              right/total\n")
	right, total := 0, 0
	for _, area := range ticket.ProductAreas {
		c := acc[area]
		if c[1] < 8 {
			t.Errorf("area %s has %d dev messages, want at least 8", area, c[1])
		}
		fmt.Fprintf(&b, "%-17s %3d/%-3d\n", area, c[0], c[1])
		right += c[0]
		total += c[1]
		if c[1] > 0 && float64(c[0])/float64(c[1]) < areaFloor {
			t.Errorf("area %s: %d/%d right, floor %.0f%%", area, c[0], c[1], 100*areaFloor)
		}
	}
	fmt.Fprintf(&b, "all               %3d/%-3d (%.1f%%)", right, total, 100*float64(right)/float64(total))
	t.Log(b.String())
}

// areaFloor is the dev figure of 2026-12-04 (161/161) rounded down: the
// vocabulary is tuned on this set, so any miss here is a regression.
const areaFloor = 1.0

func TestDetectAreaShape(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"nothing matches", "hello there", "other"},
		{"empty", "", "other"},
		{"security beats withdrawal on a tie", "I did not authorize this withdrawal", "account_security"},
		{"stem finds inflection", "I was LIQUIDATED twice", "futures"},
		{"no match inside a word", "the discard pile", "other"},
		{"accents optional", "nao caiu meu deposito", "wallet_deposits"},
		{"Turkish dotted capital", "ÇEKİM BEKLEMEDE", "withdrawals"},
		{"CJK substring", "我的提现还没到", "withdrawals"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectArea(tt.text)
			if got.Name != tt.want {
				t.Fatalf("DetectArea(%q) = %+v, want %s", tt.text, got, tt.want)
			}
			if got.Name == "other" && (got.Confidence > 0.3 || len(got.Matched) > 0) {
				t.Errorf("other should come with a low confidence and no terms: %+v", got)
			}
			if got.Name != "other" && len(got.Matched) == 0 {
				t.Errorf("an inferred area names its terms: %+v", got)
			}
		})
	}
}

func TestDetectAreaWholeWords(t *testing.T) {
	if got := DetectArea("fue aprobado ayer"); got.Name != "other" {
		t.Errorf("aprobado matched %+v", got)
	}
	if got := DetectArea("what APR do I get?"); got.Name != "earn" {
		t.Errorf("APR = %+v, want earn", got)
	}
}

func TestLeverage(t *testing.T) {
	for s, want := range map[string]bool{
		"closed my 50x long": true, "20x": true, "100倍杠杆": true, "3 x 4": false,
		"0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be": false, "1000x": false, "ax20x": false, "12xyz": false,
	} {
		if got := leverage(s); got != want {
			t.Errorf("leverage(%q) = %v, want %v", s, got, want)
		}
	}
}
