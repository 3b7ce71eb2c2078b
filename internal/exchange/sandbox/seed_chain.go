package sandbox

import (
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// The sandbox chains: the tip of each network at start, and every
// transaction in them. A deposit the exchange recorded comes with its
// transaction, so the two never disagree.

var startTip = map[string]int64{
	"bitcoin": 903412, "ethereum": 23456789, "bsc": 51234567, "polygon": 78901234, "arbitrum": 345678901,
	"optimism": 140123456, "base": 35123456, "avalanche-c": 67123456, "tron": 76543210, "solana": 380123456,
	"xrp": 98765432, "stellar": 58123456, "cosmos": 27123456, "ton": 51000000, "litecoin": 2912345,
	"dogecoin": 5890123, "bitcoin-cash": 915432, "cardano": 12345678,
}

// txSeed is one sandbox transaction; depth is its confirmations at start
// (1: in the newest block).
type txSeed struct {
	network, txid string
	depth         int64
	transfers     []chain.Transfer
	deposit       *exchange.Deposit // what the exchange recorded, if anything
}

func native(symbol, from, to, units, memo string) chain.Transfer {
	return chain.Transfer{Asset: symbol, From: from, To: to, Amount: units, Memo: memo}
}

func token(symbol, contract, from, to, units string) chain.Transfer {
	return chain.Transfer{Asset: symbol, Contract: contract, From: from, To: to, Amount: units}
}

func seedTransactions() []txSeed {
	dep := func(id, user, asset, amount string, st exchange.DepositStatus, hold, note string) *exchange.Deposit {
		return &exchange.Deposit{ID: id, UserID: user, Asset: asset, Amount: amount, Status: st, Hold: hold, Note: note}
	}
	to := userAddress
	txs := []txSeed{
		// The scenarios (see Scenarios).
		{"tron", TxWrongNetwork, 1200, []chain.Transfer{
			token("USDT", usdtTRC20, external("tron", "li-wallet"), external("tron", "stranger"), "250000000")}, nil},
		{"xrp", TxMissingTag, 5000, []chain.Transfer{
			native("XRP", external("xrp", "jordan-other"), sharedAddress("xrp"), "500000000", "")}, nil},
		{"ethereum", TxUnlistedToken, 300, []chain.Transfer{
			token("SHIB", ShibContract, external("ethereum", "ayse-defi"), to(UserAyse, "ethereum"), "2500000000000000000000000")}, nil},
		{"bitcoin", TxAwaitingConfirmations, 1, []chain.Transfer{
			native("BTC", external("bitcoin", "an-wallet"), to(UserAn, "bitcoin"), "4200000", "")},
			dep("d-7005", UserAn, "BTC", "0.042", exchange.DepositPending, "", "")},
		{"ethereum", TxCredited, 4000, []chain.Transfer{
			token("USDT", usdtERC20, external("ethereum", "maria-wallet"), to(UserMaria, "ethereum"), "1500000000")},
			dep("d-7001", UserMaria, "USDT", "1500", exchange.DepositCredited, "", "")},
		{"bitcoin", TxBelowMinimum, 50, []chain.Transfer{
			native("BTC", external("bitcoin", "olena-wallet"), to(UserOlena, "bitcoin"), "20000", "")},
			dep("d-7007", UserOlena, "BTC", "0.0002", exchange.DepositHeld, exchange.HoldBelowMinimum,
				"0.0002 BTC is below the 0.0005 BTC minimum deposit")},

		{"bsc", TxWrongNetworkEVM, 400, []chain.Transfer{
			token("USDT", usdtBEP20, external("bsc", "li-wallet"), to(UserLiWei, "ethereum"), "180000000000000000000")}, nil},

		// Ordinary history.
		{"bitcoin", txidFor("bitcoin", "deposit/d-7002"), 2100, []chain.Transfer{
			native("BTC", external("bitcoin", "maria-cold"), to(UserMaria, "bitcoin"), "3100000", "")},
			dep("d-7002", UserMaria, "BTC", "0.031", exchange.DepositCredited, "", "")},
		{"tron", txidFor("tron", "deposit/d-7003"), 90000, []chain.Transfer{
			token("USDT", usdtTRC20, external("tron", "li-wallet"), to(UserLiWei, "tron"), "1200000000")},
			dep("d-7003", UserLiWei, "USDT", "1200", exchange.DepositCredited, "", "")},
		{"xrp", txidFor("xrp", "deposit/d-7004"), 400000, []chain.Transfer{
			native("XRP", external("xrp", "jordan-other"), sharedAddress("xrp"), "150000000", userMemo(UserJordan, "xrp"))},
			dep("d-7004", UserJordan, "XRP", "150", exchange.DepositCredited, "", "")},
		{"ethereum", txidFor("ethereum", "deposit/d-7006"), 50000, []chain.Transfer{
			native("ETH", external("ethereum", "an-wallet"), to(UserAn, "ethereum"), "2500000000000000000", "")},
			dep("d-7006", UserAn, "ETH", "2.5", exchange.DepositCredited, "", "")},
		{"tron", txidFor("tron", "deposit/d-7008"), 60000, []chain.Transfer{
			token("USDT", usdtTRC20, external("tron", "karim-unknown"), to(UserKarim, "tron"), "25000000000")},
			dep("d-7008", UserKarim, "USDT", "25000", exchange.DepositHeld, exchange.HoldCompliance,
				"the sending address is on a sanctions screening list")},
		{"ton", txidFor("ton", "deposit/d-7009"), 20000, []chain.Transfer{
			native("TON", external("ton", "ayse-wallet"), sharedAddress("ton"), "40000000000", userMemo(UserAyse, "ton"))},
			dep("d-7009", UserAyse, "TON", "40", exchange.DepositCredited, "", "")},
	}
	// Sent withdrawals are on chain too, from the exchange's hot wallet.
	// Only their age matters here, so any base time will do.
	for _, w := range seedWithdrawals(time.Time{}) {
		if w.w.TxID == "" {
			continue
		}
		depth := int64(w.ago.Seconds())/blockSeconds[w.w.Network] + 1
		txs = append(txs, txSeed{w.w.Network, w.w.TxID, depth, []chain.Transfer{
			native(w.w.Asset, hotWallet(w.w.Network), w.w.Address, w.units, w.w.Memo)}, nil})
	}
	return txs
}

// blockTime is when the block at depth (1: the tip) was made, b being now.
func blockTime(b time.Time, network string, depth int64) time.Time {
	return b.Add(-time.Duration((depth-1)*blockSeconds[network]) * time.Second)
}
