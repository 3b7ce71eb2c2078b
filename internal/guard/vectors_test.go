package guard

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestReferenceVectors runs the BIP-39 reference vectors of Trezor's
// python-mnemonic (vectors.json at commit b57a5ad7, 24 a language, the ten
// official lists plus Russian and Turkish; testdata/bip39_vectors.json keeps
// each vector's entropy and mnemonic) through Scan, as published (NFKD) and
// as a keyboard types it (NFC): every mnemonic is found and redacted whole.
func TestReferenceVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/bip39_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors map[string][][2]string
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	if len(vectors) != 12 {
		t.Fatalf("%d languages in the vectors, want 12", len(vectors))
	}
	total, caught := 0, 0
	for lang, vs := range vectors {
		for _, v := range vs {
			for _, form := range []norm.Form{norm.NFKD, norm.NFC} {
				total++
				text := form.String(v[1])
				res := sharedDetector.Scan("my wallet words: " + text)
				ok := len(res.Findings) == 1 && res.Kinds[0] == KindSeedPhrase && res.Redacted == "my wallet words: "+Marker(KindSeedPhrase)
				if !ok {
					t.Errorf("%s %s (%d words): redacted %q", lang, v[0], len(strings.Fields(v[1])), res.Redacted)
					continue
				}
				caught++
			}
		}
	}
	t.Logf("reference vectors: %d of %d caught (12 lists x 24 vectors x NFKD and NFC)", caught, total)
	if total != 12*24*2 {
		t.Errorf("%d vectors, want %d", total, 12*24*2)
	}
}
