package chain

import "testing"

// A mix of what customers paste: addresses of every family, TxIDs, memos,
// typos and tricks.
var benchInputs = []string{
	"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
	"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
	"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xde709f2102306220921060314715629080e2fb77",
	"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
	"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
	"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
	"GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
	"cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu",
	"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF",
	"LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9",
	"bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
	"addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x",
	"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
	"0x4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
	"12345",
	"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
	"1A1zP1eP5QG\u0435fi2DMPTfTL5SLmv7DivfNa",
	" \u200b0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n",
}

func BenchmarkIdentify(b *testing.B) {
	r := testRegistry(b)
	i := 0
	for b.Loop() {
		r.Identify(benchInputs[i%len(benchInputs)])
		i++
	}
}

// BenchmarkIdentifyEach reports the cost per kind of input.
func BenchmarkIdentifyEach(b *testing.B) {
	r := testRegistry(b)
	for _, s := range benchInputs {
		name := s
		if len(name) > 12 {
			name = name[:12]
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r.Identify(s)
			}
		})
	}
}
