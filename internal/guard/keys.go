package guard

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// findKeys looks for private keys: raw 32-byte hex, WIF, extended private
// keys, Stellar secret seeds, Solana secret keys (base58 or a JSON byte
// array), Ethereum keystore files and PEM private keys.
func (s *scanner) findKeys() {
	text := s.text
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isAlnum(text[j]) {
			j++
		}
		if j-i >= 51 {
			s.keyCandidate(i, j)
		}
		i = j
	}
	s.findSplitKeys()
	s.findKeyHalves()
	if strings.Contains(s.lower, "ciphertext") || strings.Contains(s.lower, `"kdf"`) {
		s.findKeystore()
	}
	if strings.Contains(s.text, "PRIVATE KEY-----") {
		s.findPEM()
	}
	if strings.IndexByte(s.text, '[') >= 0 {
		s.findByteArrays()
	}
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// keyCandidate classifies one run of ASCII letters and digits.
func (s *scanner) keyCandidate(i, j int) {
	w := s.text[i:j]
	add := func(rank int) {
		s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: i, End: j}, rank: rank})
	}
	switch {
	case len(w) == 64 && isHex(w) && distinct(w) >= 8,
		len(w) == 66 && (w[:2] == "0x" || w[:2] == "0X") && isHex(w[2:]) && distinct(w[2:]) >= 8:
		if r := s.keyContext(i, j); r > 0 {
			add(r)
		}
	case (len(w) == 51 || len(w) == 52) && strings.IndexByte("5KL9c", w[0]) >= 0:
		if wifValid(w) {
			add(rankVerified)
		} else if isBase58(w) {
			add(rankMedium) // looks like WIF; a typo must not let a key through
		}
	case len(w) >= 100 && len(w) <= 115 && xprvPrefix(w):
		if xprvValid(w) {
			add(rankVerified)
		} else {
			add(rankMedium)
		}
	case len(w) == 56 && w[0] == 'S' && stellarSeed(w):
		add(rankVerified)
	case len(w) >= 86 && len(w) <= 88 && isBase58(w):
		if b := base58Decode(w); len(b) == 64 {
			// A Solana secret key, or a Solana transaction signature: the
			// same shape, told apart by the words around it.
			if r := s.keyContext(i, j); r > 0 {
				add(r)
			}
		}
	}
}

// findSplitKeys finds a key broken into pieces by white space: copied from
// a narrow window, wrapped by a mail client, or shown in groups of four by
// a wallet. No piece is a key alone, so the loop above misses it. A join
// counts only when it is a whole key: 32 bytes of hex in pieces of at
// least four digits, or WIF or an extended key whose checksum holds. Short
// hex words of prose ("dead beef") seldom add up to 64 digits with eight
// distinct ones, and a checksum rules out chance.
func (s *scanner) findSplitKeys() {
	text := s.text
	var joined []byte
	for i, j := nextRun(text, 0); i < len(text); i, j = nextRun(text, j) {
		first := text[i:j]
		hex := len(first) >= 4 && (isHex(first) || len(first) > 2 && (first[:2] == "0x" || first[:2] == "0X") && isHex(first[2:]))
		b58 := len(first) >= 4 && isBase58(first) && (strings.IndexByte("5KL9c", first[0]) >= 0 || xprvPrefix(first))
		if !hex && !b58 {
			continue
		}
		joined = append(joined[:0], first...)
		prev := j
		for a, b := nextRun(text, j); a < len(text) && len(joined) <= 115; a, b = nextRun(text, b) {
			piece := text[a:b]
			if len(piece) < 4 || !keyGap(text[prev:a]) {
				break
			}
			prev = b
			hex = hex && isHex(piece)
			b58 = b58 && isBase58(piece)
			if !hex && !b58 {
				break
			}
			joined = append(joined, piece...)
			if n := len(joined); hex && (n == 64 || n == 66) || b58 && (n == 51 || n == 52 || n >= 100 && n <= 115) {
				s.splitKey(string(joined), hex, i, b)
			}
		}
	}
}

// Bounds of a hex key sent in two labelled halves ("part 1: … part 2: …").
const (
	minHalf    = 16 // digits in the shorter half; a word of prose is shorter
	maxHalfGap = 48 // bytes of words between the halves
)

// findKeyHalves finds a 64-digit hex key sent as two halves with a few
// words between them, which findSplitKeys (white space only) misses. Both
// halves are cut and the words between stay. The halves must be long hex
// runs that add up to exactly 64 digits with nothing but short words
// between, and the nearest telling word decides as for a whole key: a
// transaction hash in halves is kept.
func (s *scanner) findKeyHalves() {
	text := s.text
	for i, j := nextRun(text, 0); i < len(text); i, j = nextRun(text, j) {
		if j-i < minHalf || j-i > 64-minHalf || !isHex(text[i:j]) {
			continue
		}
		for a, b := nextRun(text, j); a < len(text) && a-j <= maxHalfGap; a, b = nextRun(text, b) {
			if b-a < minHalf {
				continue // a word between the halves
			}
			if j-i+b-a == 64 && isHex(text[a:b]) && distinct(text[i:j]+text[a:b]) >= 8 {
				if r := s.keyContext(i, b); r > 0 {
					s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: i, End: j}, rank: r})
					s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: a, End: b}, rank: r})
				}
			}
			break
		}
	}
}

// nextRun finds the next run of ASCII letters and digits at or after
// from: [start, end), or start == len(text) when there is none.
func nextRun(text string, from int) (int, int) {
	for from < len(text) && !isAlnum(text[from]) {
		from++
	}
	end := from
	for end < len(text) && isAlnum(text[end]) {
		end++
	}
	return from, end
}

// keyGap reports whether g may separate two pieces of one key: a line
// break or a few spaces, with the quote marks of a replied-to mail.
func keyGap(g string) bool {
	if len(g) == 0 || len(g) > 8 {
		return false
	}
	for i := 0; i < len(g); i++ {
		if !strings.ContainsRune(" \t\r\n>", rune(g[i])) {
			return false
		}
	}
	return true
}

// splitKey classifies the pieces of text[i:j] joined into w.
func (s *scanner) splitKey(w string, hex bool, i, j int) {
	add := func(rank int) {
		s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: i, End: j}, rank: rank})
	}
	switch {
	case hex:
		if w[:2] == "0x" || w[:2] == "0X" {
			w = w[2:]
		}
		if len(w) == 64 && isHex(w) && distinct(w) >= 8 {
			if r := s.keyContext(i, j); r > 0 {
				add(r)
			}
		}
	case (len(w) == 51 || len(w) == 52) && wifValid(w),
		len(w) >= 100 && len(w) <= 115 && xprvPrefix(w) && xprvValid(w):
		add(rankVerified)
	}
}

// wifValid reports whether w is a WIF private key (mainnet or testnet,
// compressed or not) whose checksum holds.
func wifValid(w string) bool {
	b, ok := base58Check(w)
	return ok && (b[0] == 0x80 || b[0] == 0xef) && (len(b) == 33 || len(b) == 34 && b[33] == 0x01)
}

// xprvValid reports whether w is an extended private key whose checksum
// holds.
func xprvValid(w string) bool {
	b, ok := base58Check(w)
	return ok && len(b) == 78 && b[45] == 0
}

func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}

func xprvPrefix(w string) bool {
	switch w[:4] {
	case "xprv", "tprv", "yprv", "zprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv":
		return true
	}
	return false
}

// keyContext decides what a 32-byte hex string (or a base58 64-byte
// string) is from the nearest telling word: a transaction word ("txid",
// "hash", "deposit", "/tx/") means it is a transaction ID and not a secret
// (0); a key word ("private key", "priv", "secret") means a key, with high
// confidence; no telling word means a key, with medium confidence. A bare
// hash in a support chat is far more often a TxID than a key, but the two
// errors are not alike: a redacted TxID costs the agent one question (an
// explorer link keeps it), a stored key exposes the customer's funds to
// every reader of the database and its backups, for good.
func (s *scanner) keyContext(i, j int) int {
	before := s.lower[max(0, i-80):i]
	after := s.lower[j:min(len(s.lower), j+40)]
	privD, txD := 1<<30, 1<<30
	for _, k := range privKeywords {
		if p := lastWord(before, k); p >= 0 {
			privD = min(privD, len(before)-p-len(k))
		}
		if p := firstWord(after, k); p >= 0 {
			privD = min(privD, p+20) // words after count for less
		}
	}
	for _, k := range txKeywords {
		if p := lastWord(before, k); p >= 0 {
			txD = min(txD, len(before)-p-len(k))
		}
		if p := firstWord(after, k); p >= 0 {
			txD = min(txD, p+20)
		}
	}
	switch {
	case privD < txD:
		return rankContext
	case txD < privD:
		return 0
	}
	return rankMedium
}

// lastWord finds the last occurrence of k in s; short ASCII keywords must
// stand as words ("tx" is not the end of "ctx").
func lastWord(s, k string) int {
	for end := len(s); ; {
		p := strings.LastIndex(s[:end], k)
		if p < 0 {
			return -1
		}
		if wordAt(s, p, len(k)) {
			return p
		}
		end = p
	}
}

func firstWord(s, k string) int {
	for off := 0; ; {
		p := strings.Index(s[off:], k)
		if p < 0 {
			return -1
		}
		if wordAt(s, off+p, len(k)) {
			return off + p
		}
		off += p + 1
	}
}

func wordAt(s string, p, n int) bool {
	if n > 5 || s[p] >= 0x80 {
		return true
	}
	if p > 0 && isASCIIWordByte(s[p-1]) {
		return false
	}
	return p+n >= len(s) || !isASCIIWordByte(s[p+n])
}

func isASCIIWordByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

var privKeywords = []string{
	"private key", "privatekey", "private_key", "privkey", "priv key", "priv", "secret", "wif", "pk", "key",
	"mnemonic", "seed", "keystore", "export",
	"私钥", "私鑰", "秘密鍵", "プライベートキー", "개인키", "개인 키", "프라이빗 키", "приватн", "закрытый ключ", "секретный ключ",
	"özel anahtar", "khóa riêng", "khoá riêng", "clé privée", "cle privee", "privater schlüssel", "privaten schlüssel",
	"chiave privata", "kunci pribadi", "kunci privat", "klucz prywatny", "приватний ключ", "المفتاح الخاص", "مفتاح خاص",
	"คีย์ส่วนตัว", "clave privada", "chave privada",
}

var txKeywords = []string{
	"tx", "txid", "txn", "txhash", "hash", "transaction", "transfer", "deposit", "withdraw", "sent", "send", "explorer",
	"/tx/", "block", "confirm", "receive", "arrive", "credited", "pending", "etherscan", "bscscan", "tronscan",
	"solscan", "mempool", "blockchair", "signature",
	"交易", "哈希", "充值", "提现", "提币", "转账", "轉帳", "入金", "出金", "送金", "トランザクション", "取引", "ハッシュ",
	"거래", "트랜잭션", "해시", "입금", "출금", "транзакц", "хеш", "хэш", "перевод", "депозит", "вывод", "пополнен",
	"işlem", "şlem", "yatır", "çekim", // "şlem": "İşlem" keeps its capital İ (see lowerSameLength)
	"giao dịch", "nạp", "rút", "transacción", "transaccion", "depósito", "deposito", "retiro",
	"transação", "transacao", "saque", "dépôt", "retrait", "virement", "transaktion", "einzahlung", "auszahlung",
	"überweisung", "transazione", "prelievo", "bonifico", "transaksi", "penarikan", "setoran", "transakcj", "przelew",
	"wypłat", "wpłat", "транзакці", "переказ", "поповнен", "معاملة", "تحويل", "إيداع", "سحب", "ธุรกรรม", "ฝาก", "ถอน", "โอน",
	// More words for the same four things (keys_test.go has a case per
	// language): without one, a TxID reads as a key and is redacted.
	"提領", "雜湊", "retirada", "levantamento", "снятие", "платёж", "платеж", "çekme", "havale", "băm", "depot", "hachage",
	"abhebung", "hashwert", "ueberweisung", "versamento", "tarik", "ايداع", "هاش", "виведен", "зняття", "depozyt",
	"引き出し", "송금", "แฮช",
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func isBase58(s string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(base58Alphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// base58Decode decodes s, or returns nil if s is not base58.
func base58Decode(s string) []byte {
	var idx [256]int8
	for i := range idx {
		idx[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		idx[base58Alphabet[i]] = int8(i)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		v := idx[s[i]]
		if v < 0 {
			return nil
		}
		carry := int(v)
		for k := len(out) - 1; k >= 0; k-- {
			carry += int(out[k]) * 58
			out[k] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			out = append([]byte{byte(carry)}, out...)
			carry >>= 8
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	return append(make([]byte, zeros), out...)
}

// base58Check decodes s and verifies its four-byte double-SHA-256 checksum.
func base58Check(s string) ([]byte, bool) {
	b := base58Decode(s)
	if len(b) < 5 {
		return nil, false
	}
	body, sum := b[:len(b)-4], b[len(b)-4:]
	h := sha256.Sum256(body)
	h = sha256.Sum256(h[:])
	return body, bytes.Equal(h[:4], sum)
}

// stellarSeed verifies a Stellar secret seed: base32 of version byte
// 18<<3, 32 bytes of seed and a CRC16-XModem checksum.
func stellarSeed(w string) bool {
	var out [35]byte
	bits, n, acc := 0, 0, uint32(0)
	for i := 0; i < len(w); i++ {
		c := w[i]
		var v byte
		switch {
		case 'A' <= c && c <= 'Z':
			v = c - 'A'
		case '2' <= c && c <= '7':
			v = c - '2' + 26
		default:
			return false
		}
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			if n == len(out) {
				return false
			}
			out[n] = byte(acc >> bits)
			n++
		}
	}
	if n != 35 || out[0] != 18<<3 {
		return false
	}
	crc := uint16(0)
	for _, b := range out[:33] {
		crc ^= uint16(b) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return binary.LittleEndian.Uint16(out[33:]) == crc
}

// findKeystore redacts an Ethereum keystore (a JSON object with "crypto",
// "ciphertext" and "kdf"): encrypted, but only as strong as its password.
func (s *scanner) findKeystore() {
	l := s.lower
	n := 0
	first := len(l)
	for _, k := range []string{`"crypto"`, `"ciphertext"`, `"kdf"`, `"cipherparams"`} {
		if p := strings.Index(l, k); p >= 0 {
			n++
			first = min(first, p)
		}
	}
	if n < 2 {
		return
	}
	start := strings.LastIndexByte(l[:first], '{')
	if start < 0 {
		start = first
	} else {
		// Climb to the outermost object that still encloses the keys
		// (a few levels: keystores are not deeply nested).
		for range 4 {
			p := strings.LastIndexByte(l[:start], '{')
			if p < 0 || jsonEnd(l, p) < first {
				break
			}
			start = p
		}
	}
	end := jsonEnd(l, start)
	if end < 0 {
		end = len(l)
	}
	s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: start, End: end}, rank: rankContext})
}

// jsonEnd returns the offset just past the JSON value that starts with a
// brace at p, or -1 if it does not close.
func jsonEnd(s string, p int) int {
	if p >= len(s) || s[p] != '{' {
		return -1
	}
	depth := 0
	inStr := false
	for i := p; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// findPEM redacts PEM private keys, to their END line or the end of text.
func (s *scanner) findPEM() {
	for off := 0; ; {
		p := strings.Index(s.text[off:], "-----BEGIN ")
		if p < 0 {
			return
		}
		p += off
		hdrEnd := strings.Index(s.text[p+11:], "-----")
		if hdrEnd < 0 {
			return
		}
		header := s.text[p+11 : p+11+hdrEnd]
		off = p + 11 + hdrEnd + 5
		if !strings.HasSuffix(header, "PRIVATE KEY") {
			continue
		}
		end := len(s.text)
		if q := strings.Index(s.text[off:], "-----END "); q >= 0 {
			end = off + q
			if r := strings.Index(s.text[end+9:], "-----"); r >= 0 {
				end += 9 + r + 5
			}
		}
		s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: p, End: end}, rank: rankVerified})
		off = end
	}
}

// findByteArrays redacts JSON arrays of exactly 64 numbers from 0 to 255:
// the form in which Solana CLI keypair files hold a secret key.
func (s *scanner) findByteArrays() {
	t := s.text
	for i := 0; i < len(t); i++ {
		if t[i] != '[' {
			continue
		}
		n, j, ok := 0, i+1, true
		for ok {
			for j < len(t) && (t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t') {
				j++
			}
			v, k := 0, j
			for k < len(t) && k-j < 4 && '0' <= t[k] && t[k] <= '9' {
				v = v*10 + int(t[k]-'0')
				k++
			}
			if k == j || v > 255 {
				ok = false
				break
			}
			n++
			j = k
			for j < len(t) && (t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t') {
				j++
			}
			if j < len(t) && t[j] == ',' {
				j++
				continue
			}
			break
		}
		if ok && n == 64 && j < len(t) && t[j] == ']' {
			s.add(hit{Finding: Finding{Kind: KindPrivateKey, Start: i, End: j + 1}, rank: rankVerified})
			i = j
		}
	}
}
