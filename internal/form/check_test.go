package form

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func registry(t testing.TB) *chain.Registry {
	r, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const (
	tronAddress = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
	evmAddress  = "0x742d35Cc6634C0532925a3b844Bc454e4438f44e"
	hexTxID     = "3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
	seedPaste   = "abandon ability able about above absent absorb abstract absurd abuse access accident"
)

func TestCheck(t *testing.T) {
	r := registry(t)
	fields := Builtins()
	cases := []struct {
		name    string
		surface Surface
		area    string
		in      map[string]string
		want    map[string]string
		field   string // the field an error names; "" for success
	}{
		{"deposit with everything", Widget, "wallet_deposits",
			map[string]string{"asset": " usdt ", "network": "TRC20", "txid": hexTxID, "amount": "250,5", "address": tronAddress},
			map[string]string{"asset": "USDT", "network": "tron", "txid": hexTxID, "amount": "250.5", "address": tronAddress}, ""},
		{"network by name", Agent, "withdrawals",
			map[string]string{"asset": "ETH", "network": "Ethereum", "amount": "1"},
			map[string]string{"asset": "ETH", "network": "ethereum", "amount": "1"}, ""},
		{"missing network in the widget", Widget, "wallet_deposits",
			map[string]string{"asset": "USDT", "amount": "5"}, nil, "custom_fields.network"},
		{"txid is optional", Widget, "wallet_deposits",
			map[string]string{"asset": "USDT", "network": "tron"}, map[string]string{"asset": "USDT", "network": "tron"}, ""},
		{"missing fields are fine through the API", API, "wallet_deposits",
			map[string]string{"order_ref": "A-17"}, map[string]string{"order_ref": "A-17"}, ""},
		{"keys the widget form does not show are dropped there", Widget, "other",
			map[string]string{"order_ref": "A-17", "vip": "true", "asset": "usdt"}, map[string]string{"asset": "USDT"}, ""},
		{"not required in another area", Widget, "kyc", map[string]string{}, map[string]string{}, ""},
		{"address of another network is kept for the diagnosis", Widget, "other",
			map[string]string{"network": "tron", "address": evmAddress}, map[string]string{"network": "tron", "address": evmAddress}, ""},
		{"txid of another network is kept", Widget, "other",
			map[string]string{"network": "ethereum", "txid": hexTxID}, map[string]string{"network": "ethereum", "txid": hexTxID}, ""},
		{"address valid nowhere", Widget, "other",
			map[string]string{"network": "tron", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6X"}, nil, "custom_fields.address"},
		{"address without a network", Widget, "other",
			map[string]string{"address": evmAddress}, map[string]string{"address": evmAddress}, ""},
		{"a seed phrase in the TxID box", API, "other",
			map[string]string{"txid": seedPaste}, nil, "custom_fields.txid"},
		{"unknown network", Agent, "other", map[string]string{"network": "dogechain-classic"}, nil, "custom_fields.network"},
		{"ambiguous token standard", Agent, "other", map[string]string{"network": "ERC-20"}, nil, "custom_fields.network"},
		{"negative amount", API, "other", map[string]string{"amount": "-3"}, nil, "custom_fields.amount"},
		{"zero amount", API, "other", map[string]string{"amount": "0.000"}, nil, "custom_fields.amount"},
		{"asset with spaces", API, "other", map[string]string{"asset": "US DT"}, nil, "custom_fields.asset"},
		{"withdrawal id with html", API, "other", map[string]string{"withdrawal_id": "<b>1</b>"}, nil, "custom_fields.withdrawal_id"},
		{"blank values are dropped", API, "other", map[string]string{"memo": "  "}, map[string]string{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Check(fields, r, c.surface, c.area, c.in)
			if c.field != "" {
				e, ok := errs.As(err)
				if !ok || e.Kind != errs.Invalid || e.Field != c.field {
					t.Fatalf("err = %v, want Invalid naming %s", err, c.field)
				}
				for _, v := range c.in {
					if len(v) > 8 && strings.Contains(e.Msg, v) {
						t.Fatalf("the error repeats the value: %q", e.Msg)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for k, v := range c.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestFieldValidate(t *testing.T) {
	ok := Field{Key: "exchange_ref", Kind: Select, Label: "Platform", Options: []string{"Binance", "OKX"}, Surfaces: []Surface{Widget}, RequiredIn: []string{"*"}}
	if err := ok.Validate(ticket.ProductAreas); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*Field)
		field string
	}{
		{"key with capitals", func(f *Field) { f.Key = "Order" }, "key"},
		{"key with a dot", func(f *Field) { f.Key = "a.b" }, "key"},
		{"unknown kind", func(f *Field) { f.Kind = "seed" }, "kind"},
		{"empty label", func(f *Field) { f.Label = " " }, "label"},
		{"select without options", func(f *Field) { f.Options = nil }, "options"},
		{"options on text", func(f *Field) { f.Kind = Text }, "options"},
		{"unknown surface", func(f *Field) { f.Surfaces = []Surface{"fax"} }, "surfaces"},
		{"unknown area", func(f *Field) { f.RequiredIn = []string{"lending"} }, "required_in"},
		{"bad label language", func(f *Field) { f.Labels = map[string]string{"x": "y"} }, "labels"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := ok
			f.Options = append([]string(nil), ok.Options...)
			c.edit(&f)
			e, isErr := errs.As(f.Validate(ticket.ProductAreas))
			if !isErr || e.Field != c.field {
				t.Fatalf("err = %v, want one naming %s", e, c.field)
			}
		})
	}
}

func TestBuiltinsAreValidAndTranslated(t *testing.T) {
	langs := []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}
	for _, f := range Builtins() {
		if err := f.Validate(ticket.ProductAreas); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, l := range langs {
			if f.Labels[l] == "" {
				t.Errorf("%s has no %s label", f, l)
			}
		}
		if f.Shows(API) {
			t.Errorf("%s shows on the API: integrations that leave it out would be refused", f)
		}
	}
}

func FuzzCheck(f *testing.F) {
	r := registry(f)
	f.Add("USDT", "tron", hexTxID, "10", tronAddress)
	f.Add("", "", seedPaste, "-1", "0x")
	f.Fuzz(func(t *testing.T, asset, network, txid, amount, address string) {
		in := map[string]string{"asset": asset, "network": network, "txid": txid, "amount": amount, "address": address}
		out, err := Check(Builtins(), r, Widget, "other", in)
		if err != nil {
			if errs.KindOf(err) != errs.Invalid {
				t.Fatalf("%v is not Invalid", err)
			}
			return
		}
		if a := out["asset"]; a != "" && a != strings.ToUpper(a) {
			t.Fatalf("asset %q kept its case", a)
		}
	})
}
