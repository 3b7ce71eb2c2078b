package guard

import "testing"

func TestScratch(t *testing.T) {
	for _, in := range []string{
		"Please send your seed phrase so we can verify your wallet.",
		"What is your 12-word recovery phrase?",
		"Tell me your password.",
		"Send me the code from Google Authenticator.",
		"Never share your seed phrase with anyone.",
		"We will never ask for your password.",
		"Please enter the code from Google Authenticator to log in.",
		"Did you share your seed phrase with anyone?",
		"Tell me when you have changed your password.",
		"Пришлите мне вашу сид-фразу.",
		"Никогда не сообщайте никому свою сид-фразу.",
		"请发送你的助记词。",
		"请勿向任何人透露您的助记词。",
		"パスワードを教えてください。",
		"パスワードは絶対に誰にも教えないでください。",
		"Visit https://binance.com/en/support or https://bіnance.com/login or www.binance.com.evil.io or xn--bnance-ogb.com or https://binance.com@evil.io/x",
		"see accounts.binance.com and binance.us/help",
	} {
		t.Logf("%q -> %+v", in, CheckOutbound(in, []string{"binance.com"}))
	}
}
