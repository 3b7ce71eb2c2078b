package guard

import (
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// want describes what a scan must find: the kinds, and texts that must be
// gone from (secret) or still in (kept) the redacted text.
type want struct {
	kinds  []string
	conf   string // confidence of the first finding, when set
	secret []string
	kept   []string
}

func checkScan(t *testing.T, d *Detector, text string, w want) {
	t.Helper()
	res := d.Scan(text)
	if !slices.Equal(res.Kinds, orEmpty(w.kinds)) {
		t.Errorf("Scan(%q).Kinds = %v, want %v (redacted %q)", text, res.Kinds, w.kinds, res.Redacted)
	}
	if w.conf != "" && len(res.Findings) > 0 && res.Findings[0].Confidence != w.conf {
		t.Errorf("Scan(%q) confidence %s, want %s", text, res.Findings[0].Confidence, w.conf)
	}
	for _, s := range w.secret {
		if strings.Contains(res.Redacted, s) {
			t.Errorf("Scan(%q): redacted text %q still holds %q", text, res.Redacted, s)
		}
	}
	for _, s := range w.kept {
		if !strings.Contains(res.Redacted, s) {
			t.Errorf("Scan(%q): redacted text %q lost %q", text, res.Redacted, s)
		}
	}
	checkInvariants(t, text, res)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// checkInvariants: findings in order, inside the text, not overlapping,
// and the redacted text is the text with each span replaced by its marker.
func checkInvariants(t testing.TB, text string, res Result) {
	t.Helper()
	prev := 0
	var b strings.Builder
	for _, f := range res.Findings {
		if f.Start < prev || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("bad finding %+v in text of %d bytes (previous end %d)", f, len(text), prev)
		}
		if f.Confidence != High && f.Confidence != Medium {
			t.Fatalf("bad confidence %q", f.Confidence)
		}
		b.WriteString(text[prev:f.Start])
		b.WriteString(Marker(f.Kind))
		prev = f.End
	}
	b.WriteString(text[prev:])
	if b.String() != res.Redacted {
		t.Fatalf("redacted %q does not match findings (want %q)", res.Redacted, b.String())
	}
}

const english12 = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

func TestScanSeedPhrases(t *testing.T) {
	d := sharedDetector
	// Test vectors of BIP-39 (trezor/python-mnemonic) and SLIP-39, and
	// Electrum's own test seeds.
	const (
		vector24  = "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless"
		japanese  = "あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あおぞら"
		slip20    = "duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard"
		slip33    = "theory painting academic academic armed sweater year military elder discuss acne wildlife boring employer fused large satoshi bundle carbon diagnose anatomy hamster leaves tracks paces beyond phantom capital marvel lips brave detect luck"
		slipBad   = "duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision kidney"
		electrum1 = "cycle rocket west magnet parrot shuffle foot correct salt library feed song"
		electrum2 = "bitter grass shiver impose acquire brush forget axis eager alone wine silver"
	)
	monero := moneroSeed(t, rand.New(rand.NewPCG(1, 1)))
	cases := []struct {
		name string
		text string
		want want
	}{
		{"english 12, checksum", english12, want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"abandon"}}},
		{"english 24 vector", vector24, want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"letter advice"}}},
		{"japanese ideographic spaces", japanese, want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"あおぞら"}}},
		{"numbered", "1. abandon 2) abandon 3- abandon 4: abandon 5.abandon 6 abandon 7 abandon 8 abandon 9 abandon 10 abandon 11 abandon 12 about",
			want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"about", "abandon"}, kept: []string{"1. "}}},
		{"lines and commas", "abandon,\nabandon,\nabandon, abandon,abandon , abandon\r\nabandon\tabandon  abandon abandon; abandon. about",
			want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"about"}}},
		{"mixed case", "Abandon ABANDON abandon AbAnDoN abandon abandon abandon abandon abandon abandon abandon About",
			want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"About"}}},
		{"in a sentence", "hi, my words are " + english12 + " please help, my balance is zero",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"about"}, kept: []string{"hi, my words are ", " please help"}}},
		{"misspelled words", "abandno abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abuot",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"abandno", "abuot"}}},
		{"unchecked run of 12 is enough", "zoo zebra youth young yellow year wrong write wrist wreck worth world",
			want{kinds: []string{KindSeedPhrase}, conf: Medium, secret: []string{"zoo", "world"}}},
		{"run with a seed keyword is confident", "my seed: zoo zebra youth young yellow year wrong write wrist wreck worth world",
			want{kinds: []string{KindSeedPhrase}, conf: High, secret: []string{"zoo", "world"}}},
		// Customers number their messages or steps: one list word twelve
		// times, no checksum, is not a phrase.
		{"one word twelve times is not", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo", want{}},
		{"numbered messages are not", "message 1\nmessage 2\nmessage 3\nmessage 4\nmessage 5\nmessage 6\nmessage 7\nmessage 8\nmessage 9\nmessage 10\nmessage 11\nmessage 12", want{}},
		{"eleven words are not enough", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo", want{}},
		{"slip39 20 words", slip20, want{kinds: []string{KindSLIP39}, conf: High, secret: []string{"duckling"}}},
		{"slip39 33 words", slip33, want{kinds: []string{KindSLIP39}, conf: High, secret: []string{"theory"}}},
		{"slip39 bad checksum still redacted", slipBad, want{kinds: []string{KindSLIP39}, secret: []string{"duckling"}}},
		{"electrum standard", electrum1, want{kinds: []string{KindElectrum}, conf: High, secret: []string{"rocket"}}},
		{"electrum segwit", "Electrum seed: " + electrum2, want{kinds: []string{KindElectrum}, conf: High, secret: []string{"bitter"}}},
		{"monero 25 words", monero, want{kinds: []string{KindMonero}, conf: High, secret: []string{monero[:20]}}},
		{"chinese spaced", "的 一 是 在 不 了 有 和 人 这 中 大", want{kinds: []string{KindSeedPhrase}, secret: []string{"的 一"}}},
		{"spanish with accents", "ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco abierto",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"ábaco"}}},
		{"spanish without accents", "abaco abaco abaco abaco abaco abaco abaco abaco abaco abaco abaco abierto",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"abaco"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, d, c.text, c.want) })
	}
}

// moneroSeed makes a 25-word Monero seed: 24 random words and the
// checksum word that the CRC-32 of their three-letter prefixes picks.
func moneroSeed(t *testing.T, rng *rand.Rand) string {
	t.Helper()
	words := rawWords(t, listMonero)
	var seed []string
	var prefixes string
	for range 24 {
		w := words[rng.IntN(len(words))]
		seed = append(seed, w)
		prefixes += w[:min(3, len(w))]
	}
	seed = append(seed, seed[crc32IEEE(prefixes)%24])
	return strings.Join(seed, " ")
}

func crc32IEEE(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }

func TestScanTrickyInputs(t *testing.T) {
	d := sharedDetector
	chinese := strings.Join(mnemonic(t, rand.New(rand.NewPCG(8, 8)), listChineseSimplified, 12), "")
	words := strings.Fields(english12)
	zw := strings.Join(words, "\u200b")
	inside := strings.Join(words[:11], " ") + " ab\u200dout"
	fileName := "seed_" + strings.Join(words, "_") + ".txt"
	fullWidthText := fullWidth(english12)
	homoglyphs := strings.ReplaceAll(english12, "a", "а") // Cyrillic а
	nfd := "a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco a\u0301baco abierto"
	nbsp := strings.Join(words, "\u00a0")
	cases := []struct {
		name string
		text string
		want want
	}{
		{"zero-width between words", zw, want{kinds: []string{KindSeedPhrase}, secret: []string{"about", "abandon"}}},
		{"zero-width inside a word", inside, want{kinds: []string{KindSeedPhrase}, secret: []string{"out"}}},
		{"file name", "I saved it as " + fileName, want{kinds: []string{KindSeedPhrase}, secret: []string{"abandon_about"}, kept: []string{"I saved it as "}}},
		{"full-width letters", fullWidthText, want{kinds: []string{KindSeedPhrase}, secret: []string{fullWidth("about")}}},
		{"cyrillic look-alikes", homoglyphs, want{kinds: []string{KindSeedPhrase}, secret: []string{"аbout"}}},
		{"decomposed accents", nfd, want{kinds: []string{KindSeedPhrase}, secret: []string{"a\u0301baco"}}},
		{"no-break spaces", nbsp, want{kinds: []string{KindSeedPhrase}, secret: []string{"about"}}},
		{"mixed word lists", "abandon ability able about above absent abeille abolir abriter absurde accepter accroche",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"abeille"}}},
		{"glued together", "abandonabandonabandonabandonabandonabandonabandonabandonabandonabandonabandonabout",
			want{kinds: []string{KindSeedPhrase}, secret: []string{"about"}}},
		{"chinese unspaced alone", chinese, want{kinds: []string{KindSeedPhrase}, secret: []string{chinese}}},
		{"chinese unspaced with a bad checksum", "的的的的的的的的的的的的", want{}},
		{"chinese unspaced after a label", "我的助记词是的的的的的的的的的的的在，谢谢", want{kinds: []string{KindSeedPhrase}, kept: []string{"我的助记词是", "，谢谢"}}},
		{"chinese prose is not a phrase", "我的充值还没有到账，请帮我看一下是什么问题，谢谢你们的帮助", want{}},
		{"english prose is not a phrase", "I want to know about the account balance because the amount of my deposit is wrong again", want{}},
		{"list words in a list of products", "coffee, sugar, milk, bread, butter, cheese, apple, orange, banana, lemon, tomato", want{}},
		{"invalid UTF-8", "abandon \xff\xfe abandon", want{}},
		{"empty", "", want{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, d, c.text, c.want) })
	}
}

func TestScanWindow(t *testing.T) {
	d := sharedDetector
	words := strings.Fields(english12)
	first, second := strings.Join(words[:6], " "), strings.Join(words[6:], " ")
	res := d.ScanWindow([]string{"hello, I need help", first}, second)
	if !slices.Equal(res.Kinds, []string{KindSeedPhrase}) || res.Redacted != "[seed phrase removed]" {
		t.Fatalf("6+6 split: kinds %v, redacted %q", res.Kinds, res.Redacted)
	}
	if got := res.EarlierMessages(); !slices.Equal(got, []int{1}) || res.Earlier[0].Kind != KindSeedPhrase {
		t.Fatalf("earlier messages %v, want [1]", got)
	}
	e := res.Earlier[0]
	if first[e.Start:e.End] != first {
		t.Fatalf("earlier span %d:%d of %q, want all of it", e.Start, e.End, first)
	}

	// Three parts of four words.
	res = d.ScanWindow([]string{strings.Join(words[:4], " "), strings.Join(words[4:8], " ")}, "  "+strings.Join(words[8:], " ")+"  thanks")
	if !slices.Equal(res.EarlierMessages(), []int{0, 1}) || !strings.HasSuffix(res.Redacted, "  thanks") || strings.Contains(res.Redacted, "about") {
		t.Fatalf("4+4+4 split: earlier %v, redacted %q", res.EarlierMessages(), res.Redacted)
	}

	// A complete phrase in an earlier message is not reported again, and
	// ordinary messages do not join into a phrase.
	res = d.ScanWindow([]string{english12}, "did you get it?")
	if len(res.Findings) != 0 || len(res.Earlier) != 0 {
		t.Fatalf("old phrase reported again: %+v", res)
	}
	res = d.ScanWindow([]string{"I want to know about the account", "balance please"}, "order history")
	if len(res.Findings) != 0 {
		t.Fatalf("prose joined into a phrase: %+v", res)
	}
	// A label at the end of one message, the secret in the next.
	res = d.ScanWindow([]string{"my password is"}, "Hunter2!")
	if res.Redacted != "[password removed]" || len(res.Earlier) != 0 {
		t.Fatalf("password across messages: %+v", res)
	}
	res = d.ScanWindow([]string{"hi", "my 2fa code is"}, "123 456")
	if res.Redacted != "[2FA code removed]" {
		t.Fatalf("2FA code across messages: %+v", res)
	}
	res = d.ScanWindow([]string{"my 2fa code is"}, "thanks\n123456")
	if len(res.Findings) != 0 {
		t.Fatalf("code two lines below its label: %+v", res)
	}
	// Redaction markers left in stored messages do not join either.
	res = d.ScanWindow([]string{"[seed phrase removed]"}, second)
	if len(res.Findings) != 0 {
		t.Fatalf("marker joined a phrase: %+v", res)
	}
}

func TestScanPrivateKeys(t *testing.T) {
	d := sharedDetector
	const (
		hexKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
		wifU   = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
		wifC   = "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617"
		xprv   = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
		xpub   = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
	)
	stellar := stellarSecret(rand.New(rand.NewPCG(5, 5)))
	solArray := solanaKeypair(rand.New(rand.NewPCG(6, 6)))
	keystore := `{"address":"008aeeda4d805471df9b2a5b0f38a0c3bcba786b","crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2","kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
	pem := "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oKHx0jqq8DNaoAoGCCqGSM49\nAwEHoUQDQgAEgP8tZEyDmrgDdBWvDuWfxH1hBJ8CUjpyScLu1hyHT5bCc9Ng5GwX\n-----END EC PRIVATE KEY-----"
	cases := []struct {
		name string
		text string
		want want
	}{
		{"hex labelled", "my private key is " + hexKey, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{hexKey}, kept: []string{"my private key is "}}},
		{"hex with 0x, labelled secret", "secret: 0x" + hexKey, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{hexKey}}},
		{"hex alone", hexKey, want{kinds: []string{KindPrivateKey}, conf: Medium, secret: []string{hexKey}}},
		{"txid is not a key", "txid " + hexKey, want{kept: []string{hexKey}}},
		{"tx hash with 0x", "the transaction hash is 0x" + hexKey + " please check", want{kept: []string{hexKey}}},
		{"explorer link", "https://etherscan.io/tx/0x" + hexKey, want{kept: []string{hexKey}}},
		{"deposit context", "my deposit " + hexKey + " has not arrived", want{kept: []string{hexKey}}},
		{"nearest word wins", "my private key got stolen and here is the tx hash: " + hexKey, want{kept: []string{hexKey}}},
		{"repeated key goes everywhere", "priv " + hexKey + " and the tx is " + hexKey, want{kinds: []string{KindPrivateKey}, secret: []string{hexKey}}},
		{"WIF uncompressed", "key " + wifU, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{wifU}}},
		{"WIF compressed", wifC, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{wifC}}},
		{"WIF with a typo", wifC[:10] + "x" + wifC[11:], want{kinds: []string{KindPrivateKey}, conf: Medium}},
		{"xprv", "backup " + xprv, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{xprv}}},
		{"xpub is public", "my xpub is " + xpub, want{kept: []string{xpub}}},
		{"stellar secret", stellar, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{stellar}}},
		{"solana keypair file", "id.json: " + solArray, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{solArray[1:20]}}},
		{"keystore json", "here is my wallet file " + keystore + " can you open it?", want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{"ciphertext", "5318b4d5"}, kept: []string{"here is my wallet file ", " can you open it?"}}},
		{"pem", pem, want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{"MHcCAQEE"}}},
		{"eth address is not a key", "send it to 0x52908400098527886E0F7030069857D2E4169EE7", want{kept: []string{"0x5290"}}},
		{"btc address is not a key", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", want{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, d, c.text, c.want) })
	}
}

// stellarSecret encodes a random Stellar secret seed with the standard
// library's base32 and a CRC16-XModem written here.
func stellarSecret(rng *rand.Rand) string {
	b := []byte{18 << 3}
	for range 32 {
		b = append(b, byte(rng.UintN(256)))
	}
	crc := uint16(0)
	for _, c := range b {
		crc ^= uint16(c) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	b = binary.LittleEndian.AppendUint16(b, crc)
	return base32.StdEncoding.EncodeToString(b)
}

func solanaKeypair(rng *rand.Rand) string {
	var parts []string
	for range 64 {
		parts = append(parts, fmt.Sprint(rng.IntN(256)))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestScanPasswords(t *testing.T) {
	d := sharedDetector
	cases := []struct {
		text   string
		secret string // "" when nothing is to be found
	}{
		{"my password is Hunter2!", "Hunter2!"},
		{"password: correcthorse", "correcthorse"},
		{"Password:\n  s3cr3t-Pa55", "s3cr3t-Pa55"},
		{"login: bob pwd=Tr0ub4dor&3", "Tr0ub4dor&3"},
		{"my password for my account is \"open sesame 42\"", "open sesame 42"},
		{"mi contraseña es Gato2024", "Gato2024"},
		{"minha senha é Flamengo10", "Flamengo10"},
		{"мой пароль: qwerty123", "qwerty123"},
		{"şifrem Ankara06!", "Ankara06!"},
		{"mon mot de passe est Soleil99", "Soleil99"},
		{"mein Passwort ist Sommer2023", "Sommer2023"},
		{"la mia password è Roma1234", "Roma1234"},
		{"kata sandi saya adalah Jakarta77", "Jakarta77"},
		{"moje hasło to Krakow2020", "Krakow2020"},
		{"mật khẩu của tôi là Hanoi123", "Hanoi123"},
		{"パスワードはabc12345です", "abc12345"},
		{"비밀번호는 seoul2024 입니다", "seoul2024"},
		{"我的密码是abc123456，谢谢", "abc123456"},
		{"كلمة المرور: cairo2024", "cairo2024"},
		{"รหัสผ่านคือ bangkok99", "bangkok99"},
		{"пароль від акаунта: kyiv2022", "kyiv2022"},
		{"I forgot my password", ""},
		{"my password is wrong", ""},
		{"my password is not working since yesterday", ""},
		{"password reset email never arrives", ""},
		{"the password is case sensitive right?", ""},
		{"password: ********", ""},
		{"Mi contraseña no funciona", ""},
		{"密码是什么？", ""},
		{"비밀번호가 틀렸어요", ""},
		{"the passport photo is clear", ""},
		{"password123 is a bad password", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			w := want{}
			if c.secret != "" {
				w = want{kinds: []string{KindPassword}, secret: []string{c.secret}}
			}
			checkScan(t, d, c.text, w)
		})
	}
}

func TestScanOTPCodes(t *testing.T) {
	d := sharedDetector
	cases := []struct {
		text   string
		secret string
	}{
		{"my 2fa code is 123456", "123456"},
		{"Google Authenticator: 123 456", "123 456"},
		{"OTP 48213907", "48213907"},
		{"the verification code I got was 552-901", "552-901"},
		{"739201 is my 2FA code", "739201"},
		{"验证码是 394812", "394812"},
		{"código de verificación: 204817", "204817"},
		{"код подтверждения 583920", "583920"},
		{"認証コードは 718293 です", "718293"},
		{"인증번호 482910", "482910"},
		{"mã xác thực là 129384", "129384"},
		{"I didn't receive the verification code, order 12345678", ""},
		{"my 2fa was reset on 2024 05 12", ""},
		{"2FA code never arrives, my uid 12345678", ""},
		{"the verification code costs 123456.78 USDT?", ""},
		{"order 123456 is late", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			w := want{}
			if c.secret != "" {
				w = want{kinds: []string{KindOTP}, secret: []string{c.secret}}
			}
			checkScan(t, d, c.text, w)
		})
	}
}

// TestConcurrentScan runs one detector from many goroutines (with -race,
// this proves it shares nothing mutable).
func TestConcurrentScan(t *testing.T) {
	d := sharedDetector
	msgs := append(typicalMessages(), english12, "my password is Hunter2!")
	want := make([]Result, len(msgs))
	for i, m := range msgs {
		want[i] = d.Scan(m)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				k := (g + i) % len(msgs)
				if got := d.Scan(msgs[k]); got.Redacted != want[k].Redacted {
					t.Errorf("concurrent scan of %q gave %q", msgs[k], got.Redacted)
				}
			}
		})
	}
	wg.Wait()
}

func TestScanSeveralKinds(t *testing.T) {
	res := sharedDetector.Scan("password: Hunter2!! and my phrase " + english12 + " and 2fa 123456")
	if want := []string{KindOTP, KindPassword, KindSeedPhrase}; !slices.Equal(res.Kinds, want) {
		t.Fatalf("kinds %v, want %v", res.Kinds, want)
	}
	if res.Redacted != "password: [password removed] and my phrase [seed phrase removed] and 2fa [2FA code removed]" {
		t.Fatalf("redacted %q", res.Redacted)
	}
}

func TestWordLists(t *testing.T) {
	lx := sharedDetector.lex
	for id := range numLists {
		if got, want := len(lx.words[id]), listFiles[id].size; got != want {
			t.Errorf("%s: %d words, want %d", listFiles[id].file, got, want)
		}
	}
	// The English list's first and last words, and the checksum of the
	// official file (sha256 2f5eed53a4727b4b...).
	if lx.words[listEnglish][0] != "abandon" || lx.words[listEnglish][2047] != "zoo" {
		t.Errorf("english list out of order")
	}
	// Every word of every list is found by its own published spelling.
	for id := range numLists {
		for i, w := range rawWords(t, id) {
			e, ok := lx.lookup(appendKey(nil, w))
			if !ok || e.idx[id] != int16(i) {
				t.Fatalf("%s word %d %q not found", listFiles[id].file, i, w)
			}
		}
	}
}

// TestChinesePhraseInsideASentence: Chinese needs no spaces, so a customer
// writes the lead-in, the twelve characters and a closing word as one
// string ("我的助记词是…请帮忙"). With a word for seed phrase in the text, a
// checksum-valid window that does not read as prose is a phrase wherever
// it starts; prose about a lost phrase stays.
func TestChinesePhraseInsideASentence(t *testing.T) {
	const phrase = "秒炎刘宽然纯越敲砍却阻问" // a valid simplified-Chinese mnemonic
	cases := []struct {
		name, text string
		w          want
	}{
		{"lead-in and closing word", "我的助记词是" + phrase + "请帮忙",
			want{kinds: []string{KindSeedPhrase}, secret: []string{phrase[:9], phrase[len(phrase)-9:]}, kept: []string{"我的助记词是", "请帮忙"}}},
		{"label and thanks", "助记词：" + phrase + "谢谢你们",
			want{kinds: []string{KindSeedPhrase}, secret: []string{phrase[:9], phrase[len(phrase)-9:]}, kept: []string{"助记词", "谢谢你们"}}},
		{"twice glued", "我的助记词是" + phrase + phrase + "对吗",
			want{kinds: []string{KindSeedPhrase}, secret: []string{phrase[:9], phrase[len(phrase)-9:]}, kept: []string{"我的助记词是"}}},
		{"prose about a lost phrase", "我的助记词丢了我不知道怎么恢复钱包里的资产请帮我看看还有什么办法可以找回来谢谢你们的帮助", want{}},
		{"prose with the word twice", "助记词是什么意思我在注册的时候没有看到助记词也没有写下来现在应该怎么办才能保证安全呢", want{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, sharedDetector, c.text, c.w) })
	}
}

// TestJapanesePhraseGluedToItsSentence: Japanese is written without
// spaces, and the particles around a phrase typed by hand join its kana
// ("私のシードは…です"): the words are found inside the run all the same.
func TestJapanesePhraseGluedToItsSentence(t *testing.T) {
	// A valid Japanese mnemonic, in NFC as a keyboard types it.
	words := []string{"しもん", "けつあつ", "きおち", "こせき", "はつおん", "めやす", "ぬすむ", "しゃりん", "はあく", "こてい", "しゃれい", "しめる"}
	glued := strings.Join(words, "")
	cases := []struct {
		name, text string
		w          want
	}{
		{"particles on both sides", "私のシードは" + glued + "です", want{kinds: []string{KindSeedPhrase}, secret: words, kept: []string{"私のシード"}}},
		{"polite closing", "シード：" + glued + "でしょうか", want{kinds: []string{KindSeedPhrase}, secret: words}},
		{"alone", glued, want{kinds: []string{KindSeedPhrase}, secret: words}},
		{"prose", "入金がまだ反映されていないのですがどうしたらいいでしょうかおしえてくださいよろしくおねがいします", want{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, sharedDetector, c.text, c.w) })
	}
}

// TestChinesePhraseAfterAWalletWord: without a word for seed phrase, a
// customer who writes "the wallet is restored with <12 characters>" has
// still sent one. With a word for wallet in the text, a window right
// after 是/为/： is tried (checksum, and not prose); prose about a wallet
// stays.
func TestChinesePhraseAfterAWalletWord(t *testing.T) {
	const phrase = "秒炎刘宽然纯越敲砍却阻问" // a valid simplified-Chinese mnemonic
	cases := []struct {
		name, text string
		w          want
	}{
		{"restore question", "恢复钱包用的是" + phrase + "对吗",
			want{kinds: []string{KindSeedPhrase}, secret: []string{phrase[:9], phrase[len(phrase)-9:]}, kept: []string{"恢复钱包用的是", "对吗"}}},
		{"wallet label", "我的钱包：" + phrase + "谢谢",
			want{kinds: []string{KindSeedPhrase}, secret: []string{phrase[:9], phrase[len(phrase)-9:]}, kept: []string{"我的钱包", "谢谢"}}},
		{"prose about a wallet", "我的钱包是新的为什么充值还没有到账已经等了两个小时了请帮我看看是什么问题谢谢你们", want{}},
		{"prose with a colon", "钱包地址：我在交易所提现的时候填写的地址是对的但是一直显示处理中请问要等多久", want{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkScan(t, sharedDetector, c.text, c.w) })
	}
}

// TestRedactionEndsAtThePhrase: the customer's own words around a whole
// phrase ("please never share", "you sent") are not cut with it, since
// they are list words only by a typo or too few to hide a phrase; a run
// that holds more list words than a phrase is still cut whole.
func TestRedactionEndsAtThePhrase(t *testing.T) {
	const phrase = "fancy useful achieve drink chaos pole flight typical auto spread mansion top"
	w := strings.Fields(phrase)
	cases := []struct {
		name, text string
		kept       []string
	}{
		{"please never share", phrase + " please never share", []string{"please never share"}},
		// "sent" is a list word by a typo, and an Electrum window that
		// takes it passes by chance here; it goes, "You" stays.
		{"agent quoting", "You sent " + phrase + " please never share it with anyone", []string{"You ", "please never share it"}},
		{"quoted mail", "> " + phrase + "\n> please help", []string{"please help"}},
		{"please help me", "my words " + phrase + " please help me", []string{"my words", "please help me"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkScan(t, sharedDetector, c.text, want{kinds: []string{KindSeedPhrase}, secret: []string{w[0] + " " + w[1], w[10] + " " + w[11]}, kept: c.kept})
		})
	}
}

// An App builds two Detectors and a test process hundreds: they share one
// build of the word lists.
func TestDetectorsShareTheLexicon(t *testing.T) {
	a, b := NewDetector(), NewDetector(WithAllowedDomains("example.com"))
	if a.lex == nil || a.lex != b.lex {
		t.Fatalf("two detectors built two lexicons (%p, %p)", a.lex, b.lex)
	}
}
