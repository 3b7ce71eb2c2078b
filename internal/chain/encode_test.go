package chain

import (
	"bytes"
	"testing"
)

// TestEncodeAddress: each kind EncodeAddress knows gives an address its
// network's validator accepts; other kinds and sizes are refused.
func TestEncodeAddress(t *testing.T) {
	r := testRegistry(t)
	for kind, network := range map[string]string{"evm": "ethereum", "xrp": "xrp", "cashaddr": "bitcoin-cash", "stellar": "stellar", "ton": "ton"} {
		size := 20
		if kind == "stellar" || kind == "ton" {
			size = 32
		}
		payload := bytes.Repeat([]byte{0xa7}, size)
		s, err := EncodeAddress(kind, payload)
		if err != nil {
			t.Fatalf("EncodeAddress(%q): %v", kind, err)
		}
		if err := r.ValidateAddress(network, s); err != nil {
			t.Errorf("EncodeAddress(%q) = %s, which %s refuses: %v", kind, s, network, err)
		}
		if _, err := EncodeAddress(kind, payload[1:]); err == nil {
			t.Errorf("EncodeAddress(%q) took %d bytes", kind, size-1)
		}
	}
	if _, err := EncodeAddress("segwit", make([]byte, 20)); err == nil {
		t.Error("EncodeAddress(segwit) has no encoder here but gave no error")
	}
}
