package nlu

import (
	"math"
	"testing"
)

func TestLargestSum(t *testing.T) {
	cases := []struct {
		text string
		usd  float64 // within a factor of two
	}{
		{"sent 5,000 USDT yesterday", 5000},
		{"5.000,50 € weg", 5500},
		{"lost $12k on that trade", 12000},
		{"1.5 btc still missing", 150_000},
		{"0,3 BTC не пришли", 30_000},
		{"wysłałem 40 000 USDT z portfela firmy", 40_000},
		{"mandei 250 mil reais em USDT", 45_000},
		{"chuyển 1 tỷ đồng USDT từ ví công ty", 40_000},
		{"2천만원어치 코인이 팔렸어요", 14_000},
		{"会社のウォレットから4万USDT送金した", 40_000},
		{"пропало 150 тыс. рублей", 1650},
		{"Rp 50.000.000 hilang", 3000},
		{"200 bin TL gitti", 6000},
		{"em chuyen 50 trieu roi bi block", 2000},
		{"udh sy kirim 15 juta trus", 900},
		{"straciłem 30 tys na inwestycji", 7500},
		{"переказав 40 тис і він мене заблокував", 960},
		{"3억 입금했는데 안 들어왔어요", 210_000},
		{"j'ai envoyé 1 500 000 FCFA", 2550},
		{"업비트로 USDT 15,000개 출금했는데", 15_000},
		{"me descontaron 0.0005 BTC por retirar", 50},
		{"Restguthaben 0,00031 BTC können Sie behalten", 31},
		{"خسرت ٤٠ الف ريال", 10_800},
		{"会社から４万USDT送金した", 40_000},
		{"ถอน ๕๐๐๐๐ บาท", 1400},
		{"ликвиднуло, минус 12к$", 12_000},
		{"mandei R$ 10.000 e não caiu", 1800},
		{"lost 5k on that", 0},
		{"order 20231105123456789 placed at 10:45", 0},
		{"I have 2 accounts since 2021", 0},
		{"", 0},
	}
	for _, c := range cases {
		got := largestSum(c.text)
		if c.usd == 0 && got != 0 || c.usd > 0 && math.Abs(math.Log2(got/c.usd)) > 1 {
			t.Errorf("largestSum(%q) = %v, want about %v", c.text, got, c.usd)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in string
		n  float64
	}{
		{"5,000", 5000}, {"5.000,50", 5000.5}, {"48,000.25", 48000.25}, {"0,3", 0.3}, {"40 000", 40000}, {"1'250", 1250}, {"0.0005", 0.0005}, {"0,00031", 0.00031},
	}
	for _, c := range cases {
		if n, ok := parseNumber(c.in); !ok || n != c.n {
			t.Errorf("parseNumber(%q) = %v %v, want %v", c.in, n, ok, c.n)
		}
	}
}
