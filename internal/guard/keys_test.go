package guard

import (
	"slices"
	"strings"
	"testing"
)

// txHash is a made-up 32-byte value: the shape of both a transaction ID
// and a raw private key.
const txHash = "9f2c47e1a0b35d68c4e7f1029ab3c6d85e0f471a2b9c3d6e8f10a2b4c6d8e0f1"

// TestHashWithTransactionWordInEveryLanguage: a customer who gives a
// transaction hash with a word for transaction, hash, deposit or
// withdrawal in their language keeps it (agents need it to look the
// transfer up); the same hash alone is redacted as a possible private key
// (see keyContext), and with a key word it is a key.
func TestHashWithTransactionWordInEveryLanguage(t *testing.T) {
	H := txHash
	kept := map[string][]string{
		"en": {"transaction " + H, "the hash is " + H, "my deposit " + H + " is missing", "Withdrawal " + H},
		"zh": {"交易哈希：" + H, "我的充值还没到账 " + H, "提现记录 " + H, "提領 " + H, "雜湊值 " + H},
		"es": {"El hash de la transacción es " + H, "Mi depósito no llega: " + H, "Retiro pendiente " + H, "retirada " + H},
		"pt": {"Minha transação " + H, "Depósito " + H, "Saque " + H, "Levantamento " + H, "retirada " + H},
		"ru": {"Хэш транзакции " + H, "Мой депозит не пришёл " + H, "Вывод средств " + H, "Снятие " + H, "Платёж " + H},
		"tr": {"İşlem hash'i " + H, "Para yatırma " + H, "Para çekme " + H, "Çekim " + H, "Havale " + H},
		"vi": {"Mã giao dịch " + H, "Nạp tiền chưa về " + H, "Rút tiền " + H, "mã băm " + H},
		"fr": {"ID de transaction " + H, "Mon dépôt " + H, "Mon depot " + H, "Mon retrait " + H, "le hachage " + H},
		"de": {"Transaktions-Hash " + H, "Meine Einzahlung " + H, "Auszahlung " + H, "Abhebung " + H, "Hashwert " + H, "Ueberweisung " + H},
		"it": {"Hash della transazione " + H, "Il mio deposito " + H, "Prelievo " + H, "Versamento " + H},
		"id": {"ID transaksi " + H, "Deposit saya belum masuk " + H, "Penarikan " + H, "Setoran " + H, "Tarik dana " + H},
		"ar": {"معرف المعاملة " + H, "الإيداع لم يصل " + H, "ايداع " + H, "سحب " + H, "هاش التحويل " + H},
		"uk": {"Хеш транзакції " + H, "Поповнення не надійшло " + H, "Виведення коштів " + H, "Зняття " + H, "Депозит " + H},
		"pl": {"Hash transakcji " + H, "Wpłata nie dotarła " + H, "Wypłata " + H, "Depozyt " + H},
		"ja": {"取引ID: " + H, "入金が反映されません " + H, "出金 " + H, "引き出し " + H, "トランザクション " + H},
		"ko": {"거래 해시 " + H, "입금이 안 들어왔어요 " + H, "출금 " + H, "송금 " + H, "트랜잭션 " + H},
		"th": {"แฮชของธุรกรรม " + H, "ฝากเงินยังไม่เข้า " + H, "ถอนเงิน " + H, "รหัสธุรกรรม " + H, "แฮช " + H},
	}
	keyed := map[string]string{
		"en": "my private key " + H, "zh": "私钥 " + H, "es": "clave privada " + H, "pt": "chave privada " + H,
		"ru": "приватный ключ " + H, "tr": "özel anahtar " + H, "vi": "khóa riêng " + H, "fr": "clé privée " + H,
		"de": "privater Schlüssel " + H, "it": "chiave privata " + H, "id": "kunci pribadi " + H, "ar": "المفتاح الخاص " + H,
		"uk": "приватний ключ " + H, "pl": "klucz prywatny " + H, "ja": "秘密鍵 " + H, "ko": "개인키 " + H, "th": "คีย์ส่วนตัว " + H,
	}
	for _, lang := range evalLangs {
		if len(kept[lang]) == 0 || keyed[lang] == "" {
			t.Errorf("%s: no cases", lang)
		}
		t.Run(lang, func(t *testing.T) {
			for _, text := range kept[lang] {
				checkScan(t, sharedDetector, text, want{kept: []string{H}})
			}
			checkScan(t, sharedDetector, keyed[lang], want{kinds: []string{KindPrivateKey}, conf: High, secret: []string{H}})
		})
	}
	// No word at all: redacted, at medium confidence.
	for _, text := range []string{H, "here: " + H, "0x" + H + " ?"} {
		checkScan(t, sharedDetector, text, want{kinds: []string{KindPrivateKey}, conf: Medium, secret: []string{H}})
	}
	// A word for transaction far from the hash does not vouch for it.
	far := "deposit" + strings.Repeat(" and then something else entirely", 4) + " " + H
	checkScan(t, sharedDetector, far, want{kinds: []string{KindPrivateKey}, secret: []string{H}})
}

// TestKeyBrokenOverLines: a key copied from a narrow window, a printout or
// a wallet that shows it in groups arrives in pieces separated by white
// space. Each piece alone is no key; together they are, and are redacted
// whole. Pieces that only make a key's length by chance (short hex words,
// a base58 string whose checksum fails) are left alone.
func TestKeyBrokenOverLines(t *testing.T) {
	const (
		wif  = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
		xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
	)
	H := txHash
	groups := func(s string, n int, sep string) string {
		var parts []string
		for i := 0; i < len(s); i += n {
			parts = append(parts, s[i:min(i+n, len(s))])
		}
		return strings.Join(parts, sep)
	}
	redacted := []struct {
		name, text string
		secret     []string
	}{
		{"two lines", "my key\n" + H[:32] + "\n" + H[32:], []string{H[:32], H[32:]}},
		{"windows lines", H[:32] + "\r\n" + H[32:] + "\r\n", []string{H[:32], H[32:]}},
		{"0x and two lines", "0x" + H[:30] + "\n" + H[30:], []string{H[:30], H[30:]}},
		{"groups of four", "private key: " + groups(H, 4, " "), []string{H[:4], H[60:]}},
		{"groups of eight on lines", groups(H, 16, "\n"), []string{H[:16], H[48:]}},
		{"wif wrapped", "wif " + wif[:30] + "\n" + wif[30:], []string{wif[:30], wif[30:]}},
		{"xprv wrapped", xprv[:60] + "\n" + xprv[60:], []string{xprv[:60], xprv[60:]}},
		{"xprv with a space", xprv[:44] + " " + xprv[44:], []string{xprv[:44], xprv[44:]}},
	}
	for _, c := range redacted {
		t.Run(c.name, func(t *testing.T) {
			checkScan(t, sharedDetector, c.text, want{kinds: []string{KindPrivateKey}, secret: c.secret})
		})
	}
	kept := []struct{ name, text string }{
		{"transaction hash on two lines", "txid\n" + H[:32] + "\n" + H[32:]},
		{"hex words", "a decade faced a dead cafe, added beef, baked bread, faded facade, bad deed"},
		{"hex words on lines", "dead beef\ncafe babe\nface fade\naccede decaf\nbaaed faced\nbeaded caddie\nabbe dace"},
		{"base58 that fails its checksum", wif[:30] + "\n" + wif[30:50] + "z"},
	}
	for _, c := range kept {
		t.Run(c.name, func(t *testing.T) {
			checkScan(t, sharedDetector, c.text, want{kept: strings.Fields(c.text)})
		})
	}
}

// TestKeyHalvesWithWordsBetween: a hex key sent as two labelled halves
// ("part 1: … part 2: …") is cut, both halves, and the words between stay;
// two halves of a transaction hash, or short hex words, are kept.
func TestKeyHalvesWithWordsBetween(t *testing.T) {
	H := txHash
	redacted := []struct{ name, text string }{
		{"part 1 part 2", "part 1: " + H[:32] + " part 2: " + H[32:]},
		{"halves on lines", "first half " + H[:32] + "\nsecond half is " + H[32:] + "\nis it safe?"},
		{"uneven halves", "key starts " + H[:24] + " and then " + H[24:] + " thanks"},
	}
	for _, c := range redacted {
		t.Run(c.name, func(t *testing.T) {
			r := sharedDetector.Scan(c.text)
			if strings.Contains(r.Redacted, H[:16]) || strings.Contains(r.Redacted, H[48:]) || !slices.Contains(r.Kinds, KindPrivateKey) {
				t.Fatalf("halves kept: %q (%v)", r.Redacted, r.Kinds)
			}
			if !strings.Contains(r.Redacted, "half") && !strings.Contains(r.Redacted, "part 2") && !strings.Contains(r.Redacted, "and then") {
				t.Errorf("the words between were cut too: %q", r.Redacted)
			}
		})
	}
	kept := []struct{ name, text string }{
		{"transaction hash halves", "txid part 1: " + H[:32] + " part 2: " + H[32:]},
		{"two short hex words", "a dead beef cafe and a faded decade " + H[:10]},
		{"halves far apart", "ref " + H[:32] + strings.Repeat(" and so on", 10) + " " + H[32:]},
	}
	for _, c := range kept {
		t.Run(c.name, func(t *testing.T) {
			checkScan(t, sharedDetector, c.text, want{kept: strings.Fields(c.text)})
		})
	}
}
