package llm

import "testing"

func TestFindActionClaim(t *testing.T) {
	claims := []string{
		"I have frozen your account.",
		"I've reset your 2FA, you can log in now.",
		"I’ve unlocked your withdrawals.",
		"I’m going to credit it.",
		"We have just credited 120 USDT to your spot wallet.",
		"Done! I unlocked your withdrawals.",
		"I will unfreeze your account right away.",
		"I'm going to refund the fee.",
		"Я заморозил ваш аккаунт.",
		"Мы уже зачислили ваш депозит.",
		"Мы вам перевели средства.",
		"He congelado tu cuenta para protegerla.",
		"Hemos reembolsado la comisión.",
		"Congelei sua conta.",
		"Já desbloqueamos seus saques.",
		"J'ai gelé votre compte.",
		"Nous avons crédité votre dépôt.",
		"Ich habe Ihr Konto eingefroren.",
		"Wir haben die Auszahlung storniert.",
		"Hesabınızı dondurdum.",
		"Ücreti iade ettik.",
		"我已为您冻结了账户。",
		"我们已经退款。",
	}
	for _, s := range claims {
		if findActionClaim(s) == "" {
			t.Errorf("no claim found in %q", s)
		}
	}
	facts := []string{
		"Deposits are credited after 12 confirmations [1].",
		"Your deposit has been credited [1].",
		"I cannot freeze your account, but the Freeze my account button in the chat does it at once [1].",
		"I have not reset anything; only a specialist can [1].",
		"We never ask for your seed phrase [1].",
		"We send a code to your email when you log in [1].",
		"Press Freeze my account to freeze it yourself [1].",
		"Я не могу заморозить аккаунт, нажмите «Заморозить аккаунт» [1].",
		"Мы отправляем код на вашу почту [1].",
		"Ich habe keinen Zugriff auf Ihr Konto [1].",
		"我们无法冻结您的账户，请使用冻结按钮 [1]。",
		"Los depósitos se acreditan tras 12 confirmaciones [1].",
		"Vous pouvez geler votre compte depuis le chat [1].",
		"Hesabınızı sohbetteki düğmeyle dondurabilirsiniz [1].",
	}
	for _, s := range facts {
		if c := findActionClaim(s); c != "" {
			t.Errorf("claim %q found in %q", c, s)
		}
	}
}
