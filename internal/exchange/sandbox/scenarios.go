package sandbox

// Demo users. Their ids are stable so pages, tests and docs can name them.
const (
	UserMaria  = "u-1001" // Maria Santos (pt, BR): credited USDT deposit; withdrawals self-locked
	UserLiWei  = "u-1002" // Li Wei (zh, SG): USDT sent on Tron, Ethereum address pasted
	UserJordan = "u-1003" // Jordan Lee (en, CA): XRP sent without the destination tag
	UserAyse   = "u-1004" // Ayşe Yılmaz (tr, TR): unlisted ERC-20 token; settings locked
	UserAn     = "u-1005" // Nguyễn Văn An (vi, VN): BTC deposit at 1 of 2 confirmations
	UserOlena  = "u-1006" // Olena Kovalenko (uk, UA): BTC below the minimum; withdrawal holds
	UserKarim  = "u-1007" // Karim Haddad (ar, AE): frozen account
)

// Scenario TxIDs. They are fixed strings (not derived at run time) so that
// documentation, tests and the demo page can quote them.
const (
	// On tron, not ethereum: 250 USDT (TRC-20) to a Tron address nobody at
	// the exchange owns.
	TxWrongNetwork = "3d3e8584905d860380a415660228a19eab64ce162c308edb4788efbadff825f8"
	// On xrp: 500 XRP to the exchange's shared address with no destination tag.
	TxMissingTag = "28F01911B7A094D5C567E245D1B5070DC041353F038D4929B258DEDC04177E54"
	// On ethereum: 2,500,000 SHIB, a token the exchange does not list.
	TxUnlistedToken = "0x0ec1c086cfc9f9e71773173029b6cffa61acdfbc09c14480ff08bdd1e483abe4"
	// On bitcoin: 0.042 BTC in the newest block, 1 of the 2 confirmations needed.
	TxAwaitingConfirmations = "33e6c8c2909e52acd4b4d861530a1931cc7c950b176d70cc8d5c1982280c14d1"
	// On ethereum: 1,500 USDT, credited.
	TxCredited = "0xafe4c612edc1f29664e9f90543054a3de32f7224fcaf5f403da1b274668b373b"
	// On bitcoin: 0.0002 BTC, below the 0.0005 minimum, held.
	TxBelowMinimum = "9d3d840a926b8e7918ef0e707497fbac9854a115ddc58b83fc6fa3c4f83667dd"
)

// TxWrongNetworkEVM is recovery's wrong-network case (not a demo-page
// scenario): 180 USDT (BEP-20) sent on BNB Smart Chain to Li Wei's
// Ethereum deposit address. She never opened BSC deposits, so nothing was
// credited; the exchange holds that address's key on BSC too, so recovery
// can credit it.
const TxWrongNetworkEVM = "0x640e1289f5e04e3416f7691b699c76d90037eec53cc240eee6a9ff974c443c6d"

// LiWeiEthereumAddress is Li Wei's Ethereum deposit address.
func LiWeiEthereumAddress() string { return userAddress(UserLiWei, "ethereum") }

// What a deposit diagnosis should conclude for each scenario.
const (
	ExpectWrongNetwork          = "wrong_network"
	ExpectMissingMemo           = "missing_memo"
	ExpectUnlistedToken         = "unlisted_token"
	ExpectAwaitingConfirmations = "awaiting_confirmations"
	ExpectCredited              = "credited"
	ExpectBelowMinimum          = "below_minimum"
)

// ShibContract is the unlisted token of the unlisted-token scenario
// (SHIB on Ethereum mainnet).
const ShibContract = "0x95aD61b0a150d79219dCF64E1E6Cc01f0B64C4cE"

// Scenario is one "my deposit did not arrive" case as the customer reports
// it: their user, the network and address they believe they used, and the
// txid they paste. Expect is the diagnosis support should reach.
type Scenario struct {
	Name        string `json:"name"`
	UserID      string `json:"user_id"`
	Network     string `json:"network"`
	Asset       string `json:"asset"` // what the customer says they sent
	TxID        string `json:"txid"`
	Address     string `json:"address"`
	Memo        string `json:"memo,omitempty"`
	Expect      string `json:"expect"`
	Description string `json:"description"`
}

// Scenarios lists the demo deposit cases. Every sandbox (whatever its clock)
// holds them with these values.
func Scenarios() []Scenario {
	return []Scenario{
		{
			Name: "USDT sent on Tron to an Ethereum deposit address", Asset: "USDT", UserID: UserLiWei,
			Network: "ethereum", TxID: TxWrongNetwork, Address: userAddress(UserLiWei, "ethereum"),
			Expect: ExpectWrongNetwork,
			Description: "The customer gives their Ethereum deposit address and a txid. The txid is not on ethereum; " +
				"it is a TRC-20 USDT transfer on tron, to a Tron address that no user of the exchange owns.",
		},
		{
			Name: "XRP sent without the destination tag", Asset: "XRP", UserID: UserJordan,
			Network: "xrp", TxID: TxMissingTag, Address: sharedAddress("xrp"),
			Expect: ExpectMissingMemo,
			Description: "500 XRP reached the exchange's shared XRP address with no destination tag, " +
				"so the exchange could not tell whose it is. It needs a recovery credit.",
		},
		{
			Name: "Unlisted ERC-20 token sent to an Ethereum deposit address", Asset: "SHIBX", UserID: UserAyse,
			Network: "ethereum", TxID: TxUnlistedToken, Address: userAddress(UserAyse, "ethereum"),
			Expect: ExpectUnlistedToken,
			Description: "2,500,000 SHIB (contract " + ShibContract + ") arrived at the customer's own Ethereum " +
				"deposit address, but the exchange does not list SHIB, so nothing was credited.",
		},
		{
			Name: "Bitcoin deposit waiting for confirmations", Asset: "BTC", UserID: UserAn,
			Network: "bitcoin", TxID: TxAwaitingConfirmations, Address: userAddress(UserAn, "bitcoin"),
			Expect: ExpectAwaitingConfirmations,
			Description: "0.042 BTC is in the newest block: 1 of the 2 confirmations the exchange needs. " +
				"It is credited by itself after one more block (Mine advances the sandbox chain).",
		},
		{
			Name: "Credited USDT deposit", Asset: "USDT", UserID: UserMaria,
			Network: "ethereum", TxID: TxCredited, Address: userAddress(UserMaria, "ethereum"),
			Expect:      ExpectCredited,
			Description: "1,500 USDT (ERC-20) arrived and is on the customer's balance; nothing is wrong.",
		},
		{
			Name: "Bitcoin deposit below the minimum", Asset: "BTC", UserID: UserOlena,
			Network: "bitcoin", TxID: TxBelowMinimum, Address: userAddress(UserOlena, "bitcoin"),
			Expect: ExpectBelowMinimum,
			Description: "0.0002 BTC arrived, below the 0.0005 BTC minimum, so the exchange holds it uncredited. " +
				"Support may credit it through recovery.",
		},
	}
}
