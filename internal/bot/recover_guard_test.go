package bot

import (
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/recovery"
)

// The appeal offer passes the outbound guard in every language with a real
// link, whose query holds a TxID, a deposit address and a memo: the
// template test's placeholder link holds none of them.
func TestRecoveryOfferPassesTheGuard(t *testing.T) {
	f := recovery.Facts{Network: "bsc", TxID: "0x640e1289f5e04e3416f7691b699c76d90037eec53cc240eee6a9ff974c443c6d",
		To: "0x62D06F3cab7628235c6a0abd1b1aBc1Fa086C522", Memo: "104233"}
	for lang := range messages {
		text := fmt.Sprintf(say(lang, "recovery_offer"), RecoveryStartURL("https://support.example.com", lang, "wrong_network", f))
		if vs := guard.CheckOutboundConversation([]string{say(lang, "intro")}, text, []string{"support.example.com"}); len(vs) > 0 {
			t.Errorf("%s refused: %s", lang, vs[0].Detail)
		}
	}
	if _, _, ok := lastDeposit("withdrawals:w-1=done"); ok {
		t.Error("a withdrawal answer read as a deposit")
	}
	if txid, verdict, ok := lastDeposit("deposit:" + f.TxID + ":wrong_network"); !ok || txid != f.TxID || verdict != "wrong_network" {
		t.Errorf("lastDeposit = %q %q %v", txid, verdict, ok)
	}
}
