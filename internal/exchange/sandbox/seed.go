package sandbox

import (
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
)

// Demo accounts, their logins and withdrawals. Every time is an offset from
// the sandbox's start, so locks and "2 hours ago" stay realistic whenever
// the demo runs. E-mail domains and IP addresses are the reserved
// documentation ones.

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

func seedUsers(b time.Time) []exchange.User {
	u := func(id, name, email, lang, country string, kyc int, tfa bool, phrase string, age time.Duration, locks ...exchange.Lock) exchange.User {
		return exchange.User{
			ID: id, Name: name, Email: email, Language: lang, Country: country, KYCLevel: kyc,
			TwoFactorEnabled: tfa, AntiPhishingPhrase: phrase, State: exchange.StateActive,
			Locks: locks, CreatedAt: b.Add(-age),
		}
	}
	lock := func(kind exchange.LockKind, until time.Duration, reason string) exchange.Lock {
		l := exchange.Lock{Kind: kind, Reason: reason}
		if until != 0 {
			l.Until = b.Add(until)
		}
		return l
	}
	karim := u(UserKarim, "Karim Haddad", "karim.haddad@example.com", "ar", "AE", 2, true, "نخلة", 700*day)
	karim.State, karim.StateReason = exchange.StateFrozen, "security review after a reported account takeover"
	return []exchange.User{
		u(UserMaria, "Maria Santos", "maria.santos@example.com", "pt", "BR", 2, true, "lua azul", 410*day,
			lock(exchange.LockWithdrawals, 0, "locked by the user in the app after losing her phone")),
		u(UserLiWei, "Li Wei", "li.wei@example.net", "zh", "SG", 2, true, "", 95*day,
			lock(exchange.LockDeviceTrust, 10*hour, "new device (iPhone 15, Singapore) signed in 14 hours ago")),
		u(UserJordan, "Jordan Lee", "jordan.lee@example.org", "en", "CA", 1, false, "", 30*day),
		u(UserAyse, "Ayşe Yılmaz", "ayse.yilmaz@example.com", "tr", "TR", 2, true, "mavi kedi", 220*day,
			lock(exchange.LockSettings, 36*hour, "password changed 12 hours ago")),
		u(UserAn, "Nguyễn Văn An", "an.nguyen@example.com", "vi", "VN", 3, true, "hoa sen", 1200*day),
		u(UserOlena, "Olena Kovalenko", "olena.kovalenko@example.com", "uk", "UA", 2, true, "сонячний ранок", 520*day,
			lock(exchange.LockWithdrawals, 0, "sign-in from a new country; awaiting a support review"),
			lock(exchange.LockNewAddressHold, 20*hour, "withdrawal address added 4 hours ago"),
			lock(exchange.LockSettings, -2*hour, "e-mail changed 50 hours ago")), // expired: never shown
		karim,
	}
}

// blockSeconds is each network's rough block interval, for realistic times.
var blockSeconds = map[string]int64{
	"bitcoin": 600, "ethereum": 12, "bsc": 3, "polygon": 2, "arbitrum": 1, "optimism": 2, "base": 2,
	"avalanche-c": 2, "tron": 3, "solana": 1, "xrp": 4, "stellar": 5, "cosmos": 6, "ton": 5,
	"litecoin": 150, "dogecoin": 60, "bitcoin-cash": 600, "cardano": 20,
}

// Memo bases per shared-address network: each user's memo is base + a
// per-user step, so memos look like real destination tags and never collide.
var memoBase = map[string]int{"xrp": 3170000, "stellar": 1504000000, "cosmos": 804000, "ton": 90210000}

func userNumber(userID string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(userID, "u-"))
	return n
}

// sharedAddress is the exchange's one deposit address on a memo network.
func sharedAddress(network string) string { return addressFor(network, "exchange/shared") }

// hotWallet is where the exchange's withdrawals come from.
func hotWallet(network string) string { return addressFor(network, "exchange/hot") }

// external is an address outside the exchange (the customer's other wallet,
// or a stranger's).
func external(network, who string) string { return addressFor(network, "external/"+who) }

// userAddress is a user's deposit address on network.
func userAddress(userID, network string) string {
	if exchange.IsSharedAddressNetwork(network) {
		return sharedAddress(network)
	}
	return addressFor(network, "user/"+userID)
}

// userMemo is a user's memo on network; empty where addresses are per user.
func userMemo(userID, network string) string {
	base, ok := memoBase[network]
	if !ok {
		return ""
	}
	return strconv.Itoa(base + (userNumber(userID)-1000)*7919)
}

// noAddressLiWei is the network Li Wei never opened deposits on, so her
// Ethereum address received on it is recovery's wrong-network case
// (TxWrongNetworkEVM).
const noAddressLiWei = "bsc"

func seedAddresses(users []exchange.User) []exchange.DepositAddress {
	var out []exchange.DepositAddress
	for _, u := range users {
		for _, n := range exchange.Networks {
			if u.ID == UserLiWei && n == noAddressLiWei {
				continue
			}
			out = append(out, exchange.DepositAddress{UserID: u.ID, Network: n, Address: userAddress(u.ID, n), Memo: userMemo(u.ID, n)})
		}
	}
	return out
}

// seedAssets lists the demo listings; confirmations match internal/chain/networks.json.
func seedAssets() []exchange.Asset {
	a := func(network, symbol, contract string, decimals int, min string, conf int64) exchange.Asset {
		return exchange.Asset{Network: network, Symbol: symbol, Contract: contract, Decimals: decimals, MinDeposit: min,
			Confirmations: conf, DepositsEnabled: true, WithdrawalsEnabled: true}
	}
	polygonUSDC := a("polygon", "USDC", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6, "1", 128)
	polygonUSDC.DepositsEnabled = false // suspended: a network incident on the demo status page
	return []exchange.Asset{
		a("bitcoin", "BTC", "", 8, "0.0005", 2),
		a("ethereum", "ETH", "", 18, "0.005", 12),
		a("ethereum", "USDT", usdtERC20, 6, "10", 12),
		a("ethereum", "USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6, "10", 12),
		a("bsc", "BNB", "", 18, "0.01", 15),
		a("bsc", "USDT", usdtBEP20, 18, "1", 15),
		a("polygon", "POL", "", 18, "1", 128),
		polygonUSDC,
		a("arbitrum", "ETH", "", 18, "0.002", 120),
		a("optimism", "ETH", "", 18, "0.002", 60),
		a("base", "ETH", "", 18, "0.002", 60),
		a("base", "USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6, "1", 60),
		a("avalanche-c", "AVAX", "", 18, "0.1", 12),
		a("tron", "TRX", "", 6, "1", 19),
		a("tron", "USDT", usdtTRC20, 6, "1", 19),
		a("solana", "SOL", "", 9, "0.01", 32),
		a("solana", "USDC", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 6, "1", 32),
		a("xrp", "XRP", "", 6, "10", 1),
		a("stellar", "XLM", "", 7, "1", 1),
		a("cosmos", "ATOM", "", 6, "0.1", 1),
		a("ton", "TON", "", 9, "0.1", 1),
		a("litecoin", "LTC", "", 8, "0.01", 6),
		a("dogecoin", "DOGE", "", 8, "20", 40),
		a("bitcoin-cash", "BCH", "", 8, "0.005", 6),
		a("cardano", "ADA", "", 6, "2", 15),
	}
}

// Token contracts the demo transactions use.
const (
	usdtERC20 = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
	usdtTRC20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
	usdtBEP20 = "0x55d398326f99059fF775485246999027B3197955"
)

func seedLogins(b time.Time) map[string][]exchange.LoginEvent {
	type ev struct {
		ago             time.Duration
		ip, country, ua string
		ok              bool
		reason          string
	}
	table := map[string][]ev{
		UserMaria: {{3 * hour, "198.51.100.23", "BR", "Chrome 131 on Windows 11", true, ""},
			{26 * hour, "198.51.100.23", "BR", "Chrome 131 on Windows 11", false, "wrong 2FA code"},
			{4 * day, "203.0.113.70", "BR", "Exchange app 5.2 on Android 14", true, ""}},
		UserLiWei: {{14 * hour, "203.0.113.8", "SG", "Exchange app 5.2 on iOS 18 (new device)", true, ""},
			{15 * hour, "203.0.113.8", "SG", "Exchange app 5.2 on iOS 18 (new device)", false, "wrong password"},
			{9 * day, "198.51.100.140", "SG", "Safari 18 on macOS", true, ""}},
		UserJordan: {{2 * hour, "192.0.2.44", "CA", "Firefox 133 on Ubuntu", true, ""},
			{6 * day, "192.0.2.44", "CA", "Firefox 133 on Ubuntu", true, ""}},
		UserAyse: {{12 * hour, "198.51.100.77", "TR", "Chrome 131 on Android 15", true, ""},
			{13 * hour, "198.51.100.77", "TR", "Chrome 131 on Android 15", false, "wrong password"},
			{13*hour + 5*time.Minute, "198.51.100.77", "TR", "Chrome 131 on Android 15", false, "wrong password"}},
		UserAn: {{40 * time.Minute, "203.0.113.201", "VN", "Exchange app 5.1 on Android 13", true, ""}},
		UserOlena: {{4*hour + 10*time.Minute, "2001:db8:85a3::8a2e:370:7334", "PL", "Edge 131 on Windows 10", true, ""},
			{4*hour + 12*time.Minute, "2001:db8:85a3::8a2e:370:7334", "PL", "Edge 131 on Windows 10", false, "wrong 2FA code"},
			{3 * day, "192.0.2.150", "UA", "Exchange app 5.2 on iOS 17", true, ""}},
		UserKarim: {{2 * day, "198.51.100.250", "NG", "Chrome 120 on Linux", true, ""},
			{2*day + time.Minute, "198.51.100.250", "NG", "Chrome 120 on Linux", false, "wrong password"},
			{5 * day, "203.0.113.99", "AE", "Exchange app 5.2 on iOS 18", true, ""}},
	}
	out := map[string][]exchange.LoginEvent{}
	for id, evs := range table {
		for _, e := range evs { // already newest first
			out[id] = append(out[id], exchange.LoginEvent{Time: b.Add(-e.ago), IP: e.ip, Country: e.country,
				Device: e.ua, Success: e.ok, Reason: e.reason})
		}
	}
	return out
}

// withdrawalSeed is a withdrawal; sent ones also get a chain transaction.
type withdrawalSeed struct {
	w     exchange.Withdrawal
	units string        // the amount in base units, for the chain transfer
	ago   time.Duration // how long ago it was requested
}

func seedWithdrawals(b time.Time) []withdrawalSeed {
	w := func(id, user, network, asset, amount, units, fee, to string, st exchange.WithdrawalStatus, ago time.Duration, reason string) withdrawalSeed {
		x := exchange.Withdrawal{ID: id, UserID: user, Network: network, Asset: asset, Amount: amount, Fee: fee,
			Address: to, Status: st, Reason: reason, CreatedAt: b.Add(-ago), UpdatedAt: b.Add(-ago + 10*time.Minute)}
		if st == exchange.WithdrawalSent {
			x.TxID = txidFor(network, "withdrawal/"+id)
		}
		return withdrawalSeed{x, units, ago}
	}
	return []withdrawalSeed{
		w("w-5001", UserMaria, "bitcoin", "BTC", "0.0125", "1250000", "0.00002", external("bitcoin", "maria-cold"), exchange.WithdrawalSent, 20*day, ""),
		w("w-5002", UserLiWei, "tron", "USDT", "500", "", "1", external("tron", "li-wallet"), exchange.WithdrawalProcessing, 30*time.Minute, ""),
		w("w-5003", UserOlena, "ethereum", "ETH", "1.2", "", "0.0008", external("ethereum", "olena-new"), exchange.WithdrawalHeld, 3*hour,
			"new withdrawal address added less than 24 hours ago"),
		w("w-5004", UserOlena, "ethereum", "USDT", "2000", "", "4", external("ethereum", "olena-new"), exchange.WithdrawalPendingReview, 5*hour,
			"large withdrawal after a sign-in from a new country"),
		w("w-5005", UserJordan, "xrp", "XRP", "250", "", "0.2", external("xrp", "jordan-other"), exchange.WithdrawalFailed, 9*day,
			"the destination account requires a destination tag"),
		w("w-5006", UserKarim, "tron", "USDT", "9800", "", "1", external("tron", "karim-unknown"), exchange.WithdrawalCancelled, 2*day,
			"cancelled by the security team"),
		w("w-5007", UserAyse, "solana", "SOL", "12", "12000000000", "0.001", external("solana", "ayse-wallet"), exchange.WithdrawalSent, 45*day, ""),
	}
}
