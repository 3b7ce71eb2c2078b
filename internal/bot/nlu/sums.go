package nlu

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sums of money as customers write them in their own currency and words:
// "48,000 USDT", "250 mil reais", "1 tỷ đồng", "2천만원", "4万USDT",
// "150 тыс. рублей", "$12k". A large sum is what turns a late deposit or
// a lost trade into a case for a person, so the estimate needs the order
// of magnitude in dollars, not the exact value.

// numberRe finds numbers, with thousands grouped by commas, dots, spaces
// (also non-breaking) or apostrophes, and a decimal part.
var numberRe = regexp.MustCompile(`\d+(?:[.,' \x{a0}\x{202f}]\d{3})*(?:[.,]\d+)?`)

// multipliers are number words after a figure, longest first within a
// script so "triệu" is not read as "tr" + "iệu". Spaced-script words must
// end at a word boundary; CJK, Hangul and Thai ones may run on ("2천만원").
//
// local is the dollar worth of the currency such a word implies when no
// unit follows: "50 triệu", "15 juta", "40 tys", "3억" are written in the
// customer's own money (0: the word is used with many currencies, "k",
// "mil", "million").
var multipliers = []struct {
	word  string
	by    float64
	local float64
}{
	{"million", 1e6, 0}, {"millions", 1e6, 0}, {"millones", 1e6, 0}, {"millon", 1e6, 0}, {"milhoes", 1e6, 0}, {"milhao", 1e6, 0},
	{"milioni", 1e6, 0}, {"milione", 1e6, 0}, {"miliony", 1e6, pln}, {"milionow", 1e6, pln}, {"milion", 1e6, 0}, {"milyon", 1e6, try},
	{"mio", 1e6, 0}, {"mln", 1e6, 0}, {"млн", 1e6, 0}, {"juta", 1e6, idr}, {"jt", 1e6, idr}, {"trieu", 1e6, vnd}, {"ty", 1e9, vnd},
	{"миллион", 1e6, rub}, {"мільйон", 1e6, uah}, {"مليون", 1e6, 0},
	{"mil", 1e3, 0}, {"к", 1e3, 0}, {"tys", 1e3, pln}, {"тыс", 1e3, rub}, {"тис", 1e3, uah}, {"тысяч", 1e3, rub}, {"тисяч", 1e3, uah}, {"bin", 1e3, try},
	{"ribu", 1e3, idr}, {"rb", 1e3, idr}, {"nghin", 1e3, vnd}, {"ngan", 1e3, vnd}, {"mille", 1e3, 0}, {"tausend", 1e3, 0}, {"k", 1e3, 0},
	{"ألف", 1e3, 0}, {"الف", 1e3, 0}, {"آلاف", 1e3, 0},
	{"億", 1e8, cny}, {"亿", 1e8, cny}, {"萬", 1e4, cny}, {"万", 1e4, cny}, {"千", 1e3, cny},
	{"억", 1e8, krw}, {"만", 1e4, krw}, {"천", 1e3, krw},
	{"ล้าน", 1e6, thb}, {"แสน", 1e5, thb}, {"หมื่น", 1e4, thb}, {"พัน", 1e3, thb},
}

// Rough dollar worth of the currencies a number word implies.
const (
	pln = 0.25
	try = 0.03
	idr = 0.00006
	vnd = 0.00004
	rub = 0.011
	uah = 0.024
	cny = 0.14
	krw = 0.0007
	thb = 0.028
)

// currencies are units before or after a figure with their rough worth
// in US dollars (orders of magnitude suffice: see above). Words are
// folded like the text (no diacritics, lower case).
var currencies = []struct {
	unit string
	usd  float64
}{
	{"usdt", 1}, {"usdc", 1}, {"fdusd", 1}, {"dai", 1}, {"usd", 1}, {"$", 1}, {"dollar", 1}, {"dolar", 1},
	{"доллар", 1}, {"долар", 1}, {"бакс", 1}, {"دولار", 1}, {"美元", 1}, {"美金", 1}, {"ドル", 1}, {"달러", 1}, {"ดอลลาร์", 1},
	{"eur", 1.1}, {"€", 1.1}, {"евро", 1.1}, {"євро", 1.1}, {"يورو", 1.1}, {"£", 1.3}, {"gbp", 1.3},
	{"btc", 100_000}, {"bitcoin", 100_000}, {"биткоин", 100_000}, {"eth", 3000}, {"bnb", 600}, {"sol", 150},
	{"r$", 0.18}, {"reais", 0.18}, {"real", 0.18}, {"brl", 0.18},
	{"руб", 0.011}, {"rub", 0.011}, {"₽", 0.011}, {"р.", 0.011}, {"грн", 0.024}, {"гривен", 0.024}, {"uah", 0.024}, {"₴", 0.024},
	{"tl", 0.03}, {"lira", 0.03}, {"₺", 0.03}, {"zl", 0.25}, {"pln", 0.25}, {"zlot", 0.25},
	{"rp", 0.00006}, {"rupiah", 0.00006}, {"idr", 0.00006}, {"dong", 0.00004}, {"vnd", 0.00004},
	{"baht", 0.028}, {"บาท", 0.028}, {"thb", 0.028}, {"฿", 0.028}, {"원", 0.0007}, {"won", 0.0007}, {"krw", 0.0007}, {"₩", 0.0007},
	{"円", 0.0067}, {"yen", 0.0067}, {"jpy", 0.0067}, {"¥", 0.0067}, {"元", 0.14}, {"块", 0.14}, {"人民币", 0.14}, {"rmb", 0.14}, {"cny", 0.14},
	{"ريال", 0.27}, {"riyal", 0.27}, {"sar", 0.27}, {"درهم", 0.27}, {"aed", 0.27}, {"جنيه", 0.02},
	{"fcfa", 0.0017}, {"cfa", 0.0017}, {"xof", 0.0017},
}

// largestSum returns the largest sum of money in text, in dollars; 0 when
// no figure comes with a unit it knows (a bare number may be an order id,
// a date or a count).
func largestSum(text string) float64 {
	t := asciiDigits(foldMarks(strings.ToLower(text)))
	best := 0.0
	for from := 0; from < len(t); {
		m := numberRe.FindStringIndex(t[from:])
		if m == nil {
			break
		}
		m[0], m[1] = from+m[0], digitsEnd(t, from+m[1])
		from = m[1]
		n, ok := parseNumber(t[m[0]:m[1]])
		if !ok {
			continue
		}
		rest := strings.TrimLeft(t[m[1]:], " \u00a0")
		local := 0.0
		for range 3 { // "2천만원": thousand, then ten thousand
			by, implied, after := multiplierAt(rest)
			if by == 0 {
				break
			}
			n, rest, local = n*by, strings.TrimLeft(after, " .\u00a0"), implied
		}
		rate := currencyAt(rest)
		if rate == 0 {
			rate = signBefore(strings.TrimRight(t[max(0, m[0]-8):m[0]], " \u00a0"))
		}
		if rate == 0 {
			rate = local
		}
		best = max(best, n*rate)
	}
	return best
}

// asciiDigits writes the other scripts' decimal digits that customers of
// the 17 languages type (Arabic-Indic "٤٠", Persian, Thai, full-width
// "４万") as ASCII ones, which the number pattern reads; nothing else
// changes, so the words around a figure still follow it.
func asciiDigits(t string) string {
	if !strings.ContainsFunc(t, func(r rune) bool { return zeroOf(r) != 0 }) {
		return t
	}
	return strings.Map(func(r rune) rune {
		if z := zeroOf(r); z != 0 {
			return '0' + r - z
		}
		return r
	}, t)
}

// zeroOf is the zero of r's run of ten digits, or 0 when r is not a digit
// asciiDigits rewrites.
func zeroOf(r rune) rune {
	for _, z := range []rune{'٠', '۰', '๐', '０'} {
		if r >= z && r <= z+9 {
			return z
		}
	}
	return 0
}

// digitsEnd moves end past digits that follow it. The pattern reads
// "0.0005" as "0.000" (a thousands group) and then "5", which made a fee
// of 0.0005 BTC five whole bitcoins; a figure ends where its digits do.
func digitsEnd(t string, end int) int {
	for end < len(t) && t[end] >= '0' && t[end] <= '9' {
		end++
	}
	return end
}

// multiplierAt reads a number word at the start of s: its factor, the
// currency it implies and what follows it.
func multiplierAt(s string) (by, local float64, after string) {
	for _, m := range multipliers {
		if !strings.HasPrefix(s, m.word) {
			continue
		}
		after := s[len(m.word):]
		r, _ := utf8.DecodeRuneInString(after)
		first, _ := utf8.DecodeRuneInString(m.word)
		if runsOn(first) || !unicode.IsLetter(r) {
			return m.by, m.local, after
		}
	}
	return 0, 0, s
}

// currencyAt returns the worth of the unit at the start of s, 0 when none.
func currencyAt(s string) float64 {
	for _, c := range currencies {
		if strings.HasPrefix(s, c.unit) {
			return c.usd
		}
	}
	return 0
}

// signsBefore are the units written before a figure ("$500", "R$ 1.000",
// "Rp 5.000.000"); a ticker before a number is more often something else
// ("BTC 3 hours ago"), except the dollar stablecoins, whose ticker is
// written first as a currency sign is ("USDT 15,000개"), and whose
// worth a misread figure cannot inflate.
//
// Longer signs come first: "R$ 1.000" ends with "$" too.
var signsBefore = []struct {
	sign string
	usd  float64
}{
	{"r$", 0.18}, {"$", 1}, {"usdt", 1}, {"usdc", 1}, {"usd", 1}, {"€", 1.1}, {"eur", 1.1}, {"£", 1.3}, {"rp", 0.00006},
	{"₽", 0.011}, {"₺", 0.03}, {"₴", 0.024}, {"₩", 0.0007}, {"¥", 0.0067}, {"฿", 0.028},
}

// signBefore returns the worth of a sign or code that s ends with.
func signBefore(s string) float64 {
	for _, b := range signsBefore {
		if strings.HasSuffix(s, b.sign) {
			return b.usd
		}
	}
	return 0
}

// runsOn: words of this letter's script may run on without a space.
func runsOn(r rune) bool { return unspaced(r) || unicode.Is(unicode.Hangul, r) }

// parseNumber reads a figure with its grouping and decimal separators:
// "5,000.50" and "5.000,50" are both five thousand and a half; a last
// separator followed by exactly three digits groups thousands.
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	last := strings.LastIndexAny(s, ".,")
	if last >= 0 && len(s)-last-1 == 3 {
		s = strings.NewReplacer(",", "", ".", "").Replace(s)
	} else if last >= 0 {
		s = strings.NewReplacer(",", "", ".", "").Replace(s[:last]) + "." + s[last+1:]
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// sumTags are features for the order of magnitude of the largest sum, so
// the models can weigh "a lot of money" without learning each figure.
func sumTags(sum float64) []string {
	var out []string
	for _, s := range []struct {
		tag  string
		from float64
	}{{"$:1k", 1e3}, {"$:10k", 1e4}, {"$:100k", 1e5}} {
		if sum >= s.from {
			out = append(out, s.tag)
		}
	}
	return out
}
