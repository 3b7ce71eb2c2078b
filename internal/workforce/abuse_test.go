package workforce

import "testing"

func TestAbusive(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"You are an IDIOT, give me my money", true},
		{"shut up and refund my deposit", true},
		{"Eres un imbécil, devuélveme mi dinero", true},
		{"Du bist ein Arschloch", true},
		{"ты тупой дебил", true},
		{"salak mısın, param nerede", true},
		{"你们这些傻逼客服", true},
		{"バカじゃないの", true},
		{"이 병신아 환불해", true},
		{"ไอ้โง่ คืนเงินมา", true},
		{"kurwa, gdzie są moje pieniądze", true},
		{"أنت غبي", true},
		{"đồ ngu, trả tiền đây", true},
		// Honest messages, some with words that contain a listed one.
		{"My deposit of 0.5 BTC is not credited, txid 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", false},
		{"I feel stupidly lucky you answered so fast, thanks!", false},
		{"Hitchhiker withdrawal to address bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", false},
		{"Mi retiro de USDT no ha llegado", false},
		{"Скажите, пожалуйста, где мой перевод?", false},
		{"", false},
	}
	for _, c := range cases {
		if got := Abusive(c.text); got != c.want {
			t.Errorf("Abusive(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func FuzzAbusive(f *testing.F) {
	for _, s := range []string{"idiot", "傻逼", "", "a b c", "\xff\xfe", "shut  up", "İDİOT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Never panics; a text that is abusive stays abusive with more after it.
		if Abusive(s) && len(s) < maxAbuseText && !Abusive(s+" ok") {
			t.Errorf("Abusive(%q) but not with a word after it", s)
		}
	})
}
