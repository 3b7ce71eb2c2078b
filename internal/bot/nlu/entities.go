package nlu

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxText bounds the analysed text. A pasted log says no more about the
// intent than its first few kilobytes, and the bound keeps every analysis
// cheap however much a client sends.
const maxText = 4096

// maxEntities bounds the entities returned for one message.
const maxEntities = 32

// capText cuts text to maxText bytes at a rune boundary and drops invalid
// UTF-8, so offsets in entities always index valid text.
func capText(text string) string {
	if len(text) > maxText {
		cut := maxText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return strings.ToValidUTF8(text, "\uFFFD")
}

// assetsAnyCase are tickers that are no ordinary word in any of the 17
// languages, so they count in lower case too; all others count only in
// capitals ("ADA" is a coin, "ada" is Indonesian for "there is").
var assetsAnyCase = map[string]bool{
	"usdt": true, "usdc": true, "btc": true, "eth": true, "bnb": true, "trx": true,
	"xrp": true, "doge": true, "busd": true, "fdusd": true, "ltc": true, "matic": true,
	"avax": true, "shib": true, "xlm": true, "bch": true, "pepe": true, "wbtc": true,
	"usde": true, "tusd": true,
}

// assetsCaps are tickers recognised when written in capitals.
var assetsCaps = []string{"SOL", "TON", "ADA", "DAI", "ATOM", "POL", "DOT", "LINK", "UNI", "ARB", "OP", "NOT", "NEAR", "APT", "SUI", "TRUMP", "WLD", "FET", "INJ", "FIL", "ETC", "XMR", "ZEC", "EUR", "USD"}

// assetNames maps coin names to their tickers.
var assetNames = map[string]string{
	"tether": "USDT", "bitcoin": "BTC", "ethereum": "ETH", "ether": "ETH", "биткоин": "BTC", "биткойн": "BTC",
	"эфир": "ETH", "тезер": "USDT", "比特币": "BTC", "以太坊": "ETH", "泰达币": "USDT", "ビットコイン": "BTC",
	"비트코인": "BTC", "이더리움": "ETH", "dogecoin": "DOGE", "litecoin": "LTC", "solana": "SOL", "ripple": "XRP",
}

// networkAliases maps what customers call a network to its registry id,
// besides the registry's own ids and names.
var networkAliases = map[string]string{
	"erc20": "ethereum", "erc-20": "ethereum", "erc 20": "ethereum", "eth network": "ethereum",
	"bep20": "bsc", "bep-20": "bsc", "bep 20": "bsc", "bnb chain": "bsc", "bnb smart chain": "bsc", "binance smart chain": "bsc",
	"trc20": "tron", "trc-20": "tron", "trc 20": "tron", "trx network": "tron",
	"matic": "polygon", "polygon pos": "polygon", "arbitrum": "arbitrum", "arb": "arbitrum", "op mainnet": "optimism",
	"avax c-chain": "avalanche-c", "avalanche": "avalanche-c", "c-chain": "avalanche-c",
	"spl": "solana", "sol network": "solana", "ripple": "xrp", "xrpl": "xrp", "lumens": "stellar",
	"atom network": "cosmos", "cosmos": "cosmos", "ton network": "ton", "the open network": "ton",
	"ltc network": "litecoin", "bch": "bitcoin-cash", "btc network": "bitcoin", "lightning": "bitcoin",
}

var (
	amountRe   = regexp.MustCompile(`(?:[$€£¥₽₺₴]\s?\d[\d,.' ]*\d|[$€£¥₽₺₴]\s?\d|\d[\d,.']*(?:\.\d+)?\s?(?:[kK]\b)?)`)
	orderRe    = regexp.MustCompile(`(?i)(?:order|ордер|заказ|заявк[аи]|замовлення|订单|注文|주문|pedido|orden|ordem|commande|auftrag|bestellung|ordine|pesanan|sipariş|siparis|đơn|zamówieni[ea]|คำสั่ง|طلب|أمر)\s*(?:no\.?|nr\.?|number|id|№|#|:|n[°º]|номер)?\s*[:#№]?\s*([A-Za-z0-9-]{5,40})`)
	longDigits = regexp.MustCompile(`\b\d{12,24}\b`)
)

// entities finds the entities in text, in order of position.
func (a *Analyzer) entities(text string) []Entity {
	var out []Entity
	// An asset may sit inside an amount ("500 USDT" is both); other
	// entities do not overlap.
	taken := func(s, e int, kind string) bool {
		for _, x := range out {
			if kind == EntityAsset && x.Kind == EntityAmount {
				continue
			}
			if s < x.End && x.Start < e {
				return true
			}
		}
		return false
	}
	add := func(e Entity) {
		if len(out) < maxEntities && !taken(e.Start, e.End, e.Kind) {
			out = append(out, e)
		}
	}
	for _, e := range a.chainEntities(text) {
		add(e)
	}
	for _, m := range orderRe.FindAllStringSubmatchIndex(text, -1) {
		if hasDigit(text[m[2]:m[3]]) {
			add(Entity{Kind: EntityOrder, Value: text[m[2]:m[3]], Start: m[2], End: m[3]})
		}
	}
	for _, m := range longDigits.FindAllStringIndex(text, -1) {
		add(Entity{Kind: EntityOrder, Value: text[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	for _, e := range a.networkEntities(text) {
		add(e)
	}
	for _, e := range amountEntities(text) {
		add(e)
	}
	for _, e := range assetEntities(text) {
		add(e)
	}
	slices.SortFunc(out, func(x, y Entity) int { return x.Start - y.Start })
	if out == nil {
		out = []Entity{}
	}
	return out
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit)
}

// candidateTokens returns the whitespace-separated runs of text long enough
// to be an address or a transaction ID, with their byte offsets after the
// quotes and punctuation of the sentence around them are trimmed.
func candidateTokens(text string) [][2]int {
	var out [][2]int
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		s, e := start, end
		for s < e && strings.ContainsRune("\"'`<>()[]{}«»“”‘’", rune(text[s])) {
			s++
		}
		for e > s && strings.ContainsRune("\"'`<>()[]{}«»“”‘’.,;!?:", rune(text[e-1])) {
			e--
		}
		if e-s >= 25 && e-s <= 200 {
			out = append(out, [2]int{s, e})
		}
		start = -1
	}
	for i, r := range text {
		if r < utf8.RuneSelf && !unicode.IsSpace(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// chainEntities asks the chain registry what each long token is.
func (a *Analyzer) chainEntities(text string) []Entity {
	if a.registry == nil {
		return nil
	}
	var out []Entity
	for _, t := range candidateTokens(text) {
		tok := text[t[0]:t[1]]
		id := a.registry.Identify(tok)
		switch {
		case len(id.Addresses) > 0:
			nets := make([]string, 0, len(id.Addresses))
			for _, m := range id.Addresses {
				nets = append(nets, m.Network)
			}
			out = append(out, Entity{Kind: EntityAddress, Value: tok, Networks: nets, Start: t[0], End: t[1]})
		case len(id.TxIDs) > 0:
			nets := make([]string, 0, len(id.TxIDs))
			for _, m := range id.TxIDs {
				nets = append(nets, m.Network)
			}
			out = append(out, Entity{Kind: EntityTxID, Value: tok, Networks: nets, Start: t[0], End: t[1]})
		}
	}
	return out
}

// networkEntities finds network names, ids and aliases.
func (a *Analyzer) networkEntities(text string) []Entity {
	lower := strings.ToLower(text)
	if len(lower) != len(text) { // case folding changed offsets: search the original
		lower = text
	}
	names := map[string]string{}
	for k, v := range networkAliases {
		names[k] = v
	}
	if a.registry != nil {
		for _, n := range a.registry.Networks() {
			names[strings.ToLower(n.Name)] = n.ID
			names[n.ID] = n.ID
		}
	}
	// Longest names first, so "bnb smart chain" wins over "bnb".
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return len(y) - len(x) })
	var out []Entity
	for _, k := range keys {
		for from := 0; ; {
			i := strings.Index(lower[from:], k)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(k)
			from = e
			if !wordBoundary(lower, s, e) || overlapsAny(out, s, e) {
				continue
			}
			out = append(out, Entity{Kind: EntityNetwork, Value: names[k], Networks: []string{names[k]}, Start: s, End: e})
		}
	}
	return out
}

func overlapsAny(es []Entity, s, e int) bool {
	for _, x := range es {
		if s < x.End && x.Start < e {
			return true
		}
	}
	return false
}

// wordBoundary reports whether text[s:e] is not part of a longer word.
func wordBoundary(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// assetEntities finds tickers and coin names.
func assetEntities(text string) []Entity {
	var out []Entity
	forEachWord(text, func(w string, s, e int) {
		lw := strings.ToLower(w)
		switch {
		case assetsAnyCase[lw]:
			out = append(out, Entity{Kind: EntityAsset, Value: strings.ToUpper(w), Start: s, End: e})
		case slices.Contains(assetsCaps, w):
			out = append(out, Entity{Kind: EntityAsset, Value: w, Start: s, End: e})
		case assetNames[lw] != "":
			out = append(out, Entity{Kind: EntityAsset, Value: assetNames[lw], Start: s, End: e})
		}
	})
	return out
}

// forEachWord calls f for each run of letters and digits in text.
func forEachWord(text string, f func(w string, s, e int)) {
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(text[start:i], start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:], start, len(text))
	}
}

// amountEntities finds numbers next to an asset or a currency sign: "500
// USDT", "1.5 btc", "$1,200", "€300".
func amountEntities(text string) []Entity {
	var out []Entity
	for _, m := range amountRe.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		num := strings.TrimRight(text[s:e], " ,.'")
		e = s + len(num)
		if strings.ContainsAny(num[:1], "$€£¥₽₺₴") {
			out = append(out, Entity{Kind: EntityAmount, Value: num, Start: s, End: e})
			continue
		}
		// A bare number is an amount only with a ticker right after it.
		rest := strings.TrimLeft(text[e:], " ")
		w := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
			w = rest[:i]
		}
		if w == "" {
			continue
		}
		if assetsAnyCase[strings.ToLower(w)] || slices.Contains(assetsCaps, w) || strings.EqualFold(w, "usd") || strings.EqualFold(w, "eur") {
			end := e + (len(text[e:]) - len(rest)) + len(w)
			out = append(out, Entity{Kind: EntityAmount, Value: text[s:end], Start: s, End: end})
		}
	}
	return out
}
