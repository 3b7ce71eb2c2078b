package kb

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // the "custom" analyser type
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"         // registers the analysers named in analyzers
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/id"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Per-language analysis. Bleve's own analysers stem en, de, fr, es, pt,
// it, ru, tr and ar (id gets its stop words); zh, ja and ko go through its CJK bigram
// analyser. Bleve has nothing for vi, uk, th and (without the separate
// stempel module) pl: vi, uk and pl get Unicode words lower-cased, which
// typo tolerance partly makes up for; Thai, written without spaces, gets
// character bigrams from thaiBigramName below.
const (
	plainAnalyzer      = "kb_plain"
	indonesianAnalyzer = "kb_id" // bleve has Indonesian stop words, no stemmer
	thaiAnalyzer       = "kb_thai"
	thaiBigramName     = "kb_thai_bigram"
	thaiTokenizer      = "kb_thai_words" // bleve's Unicode tokenizer drops Thai
)

var analyzers = map[string]string{
	"en": "en", "de": "de", "fr": "fr", "es": "es", "pt": "pt", "it": "it", "ru": "ru", "tr": "tr", "ar": "ar", "id": indonesianAnalyzer,
	"zh": "cjk", "ja": "cjk", "ko": "cjk",
	"vi": plainAnalyzer, "uk": plainAnalyzer, "pl": plainAnalyzer,
	"th": thaiAnalyzer,
}

// fuzzy says whether typo tolerance applies: not to bigram languages,
// where a one-character edit is a different word.
func fuzzy(lang string) bool { return analyzers[lang] != "cjk" && analyzers[lang] != thaiAnalyzer }

func init() {
	if err := registry.RegisterTokenFilter(thaiBigramName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return thaiBigrams{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(thaiTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return runTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// runTokenizer cuts text into runs of letters, combining marks and digits;
// everything else separates. Thai runs are whole phrases, which
// thaiBigrams then cuts.
type runTokenizer struct{}

func (runTokenizer) Tokenize(in []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, &analysis.Token{Term: in[start:end], Start: start, End: end, Position: len(out) + 1, Type: analysis.AlphaNumeric})
			start = -1
		}
	}
	for i, r := range string(in) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(in))
	return out
}

func addAnalyzers(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomAnalyzer(plainAnalyzer, map[string]interface{}{
		"type": "custom", "tokenizer": unicodetok.Name, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(indonesianAnalyzer, map[string]interface{}{
		"type": "custom", "tokenizer": unicodetok.Name, "token_filters": []string{lowercase.Name, id.StopName},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(thaiAnalyzer, map[string]interface{}{
		"type": "custom", "tokenizer": thaiTokenizer, "token_filters": []string{lowercase.Name, thaiBigramName},
	})
}

// thaiBigrams splits every token that holds Thai letters into overlapping
// pairs of characters (a lone character stays as it is); other tokens pass.
type thaiBigrams struct{}

func (thaiBigrams) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	pos := 1
	for _, tok := range in {
		if !hasThai(tok.Term) || utf8.RuneCount(tok.Term) < 3 {
			tok.Position = pos
			pos++
			out = append(out, tok)
			continue
		}
		runes := []rune(string(tok.Term))
		off := tok.Start
		for i := 0; i+1 < len(runes); i++ {
			term := string(runes[i : i+2])
			out = append(out, &analysis.Token{Term: []byte(term), Start: off, End: off + len(term), Position: pos, Type: analysis.Double})
			off += utf8.RuneLen(runes[i])
			pos++
		}
	}
	return out
}

func hasThai(b []byte) bool {
	for _, r := range string(b) {
		if unicode.Is(unicode.Thai, r) {
			return true
		}
	}
	return false
}
