package guard

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// htmlEmails are ordinary support e-mails as mail clients send them: HTML
// with paragraphs, lists of steps and questions, tables of orders, quoted
// replies, signatures and entities. None holds a secret.
var htmlEmails = []string{
	`<html><head><meta charset="utf-8"><style>p{margin:0}</style></head><body><p>Hello support,</p><p>I tried the following steps:</p><ol><li>Opened the app</li><li>Went to the wallet tab</li><li>Chose deposit and the USDT network</li><li>Copied the address</li></ol><p>The deposit of {AMT} USDT still has not arrived. TxID: {TX}</p><p>Kind regards,<br>Maria</p></body></html>`,
	`<div dir="ltr">Hi,<div><br></div><div>Please see my orders below:</div><table border="1"><tr><th>Order</th><th>Amount</th><th>Status</th></tr><tr><td>{ORDER}</td><td>{AMT} BTC</td><td>pending</td></tr><tr><td>{ORDER}</td><td>{AMT} ETH</td><td>cancelled</td></tr></table><div><br></div><div>Why was the second one cancelled?</div><div>Thanks,</div><div>Tom</div></div>`,
	`<p>Dear team,</p><ul><li>Account: verified</li><li>Balance: {AMT} USDT</li><li>Problem: withdrawal stuck</li><li>Address: {ETH}</li></ul><p>Please help me as soon as possible.</p><p>--<br>Sent from my iPhone</p>`,
	`<html><body><div>Good morning,</div><div>&nbsp;</div><div>I would like to know about the account limits:</div><ol type="a"><li>daily withdrawal limit</li><li>monthly card spending limit</li><li>P2P order limit</li></ol><div>Thank&nbsp;you&nbsp;in&nbsp;advance!</div></body></html>`,
	`<div>Hello,</div><blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">On Monday, Support wrote:<br>Please send us a screenshot of the error.<br>Best regards, Support</blockquote><div>Here it is. The error says &quot;network busy, try again later&quot;.</div><img src="cid:image001.png" alt="screenshot of the error">`,
	`<p>Hi there,</p><p>my family and I opened accounts last year. Now I want to transfer some coins to my brother:</p><ol><li>Is there a fee for internal transfers?</li><li>How long does it take?</li><li>Can I cancel a transfer?</li></ol><p>Regards,<br>John Smith<br>+44 20 7946 0000</p>`,
	`<table width="100%"><tr><td><h2>Withdrawal request</h2></td></tr><tr><td>Coin: BTC</td></tr><tr><td>Network: Bitcoin</td></tr><tr><td>Amount: {AMT}</td></tr><tr><td>Address: {BTC}</td></tr><tr><td>Status: under review since 3 days</td></tr></table><p>Please check.</p>`,
	`<div>Hola, buenos días.</div><div>He seguido estos pasos:</div><ol><li>Abrí la aplicación</li><li>Fui a la sección de retiros</li><li>Elegí la red TRC20</li></ol><div>Pero el retiro de {AMT} USDT sigue pendiente, orden {ORDER}.</div><div>Saludos,<br>Lucía</div>`,
	`<p>Bonjour,</p><p>Je n&#39;ai pas reçu mon dépôt de {AMT} ETH. Voici les détails&nbsp;:</p><ul><li>Réseau : ERC20</li><li>Hash : {ETHTX}</li><li>Date : hier soir</li></ul><p>Merci d&#39;avance,<br>Camille</p>`,
	`<div>Здравствуйте!</div><div>Я сделал всё по инструкции:</div><ol><li>открыл приложение</li><li>выбрал сеть TRC20</li><li>отправил {AMT} USDT на адрес {TRX}</li></ol><div>Деньги так и не пришли. Помогите, пожалуйста.</div><div>С уважением, Иван</div>`,
	`<div>Merhaba,</div><div>Hesabıma {AMT} USDT yatırdım ama bakiyem hâlâ sıfır görünüyor.</div><ul><li>Ağ: TRC20</li><li>İşlem: {TX}</li><li>Tarih: dün akşam</li></ul><div>Yardımcı olur musunuz?</div><div>Teşekkürler,<br>Ayşe</div>`,
	`<p>Hallo,</p><p>folgende Probleme habe ich:</p><ol><li>Die Auszahlung hängt seit zwei Tagen</li><li>Der Support-Chat antwortet nicht</li><li>Die App stürzt beim Öffnen ab</li></ol><p>Viele Grüße<br>Jonas</p>`,
	`<div>你好，</div><div>我按照以下步骤操作了：</div><ol><li>打开应用</li><li>进入钱包页面</li><li>选择充值，网络选择TRC20</li></ol><div>但是{AMT} USDT还没有到账，交易哈希：{TX}</div><div>谢谢！</div>`,
	`<div>こんにちは。</div><ol><li>アプリを開きました</li><li>出金を選びました</li><li>アドレスを入力しました</li></ol><div>出金が三日間保留中です。注文番号 {ORDER}</div>`,
	`<p>안녕하세요,</p><ul><li>입금 금액: {AMT} USDT</li><li>네트워크: TRC20</li><li>거래 해시: {TX}</li></ul><p>아직 입금이 안 되었습니다. 확인 부탁드립니다.</p>`,
	`<html><body><p>Olá,</p><p>Fiz o depósito de {AMT} USDT e não apareceu. Seguem os dados:</p><ol><li>Rede: BEP20</li><li>Hash: {ETHTX}</li></ol><p>Obrigado,<br>Pedro</p></body></html>`,
	`<p>Hi,</p><p>Can you tell me which of these are supported in my country?</p><ul><li>spot trading</li><li>futures</li><li>staking</li><li>the card</li><li>P2P</li></ul><p>Thanks!</p>`,
	`<div>Hi again,</div><div>any news? I am still waiting.</div><div><br></div><div class="gmail_quote">---------- Forwarded message ---------<br>From: Support<br>Subject: Re: deposit<br><br>We are checking your deposit with the network team.</div>`,
	`<p>Hello,</p><p>I got an e-mail asking me to verify my wallet at a strange link. Is it from you? The sender was <a href="mailto:security@exchange-verify.example">security@exchange-verify.example</a>.</p><p>I did not click anything.</p>`,
	`<div>Hi,</div><div>the deposit {TX} is still missing.</div><img width="1" height="1" src="https://t.mail.example/o/{TX}/4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318.gif"><a href="https://links.example/c/{TX}?u={SOL}">unsubscribe</a><span data-id="{TX}"></span>`,
	`<!DOCTYPE html><html><head><title>Receipt</title></head><body><h1>Payment receipt</h1><table><tr><td>Card</td><td>**** 4242</td></tr><tr><td>Amount</td><td>{AMT} EUR</td></tr><tr><td>Reference</td><td>{ORDER}</td></tr></table><p>The money left my bank but the coins never came.</p></body></html>`,
}

// fillHTML fills the placeholders of one e-mail.
func fillHTML(rng *rand.Rand, msg string) string { return fillCorpus(rng, msg) }

// generatedEmails wraps messages of the chat corpus in HTML e-mails: a
// greeting, three to six messages as a numbered or bulleted list, a table,
// a quoted reply and a signature, in the message's language.
func generatedEmails(rng *rand.Rand) []string {
	var out []string
	langs := make([]string, 0, len(supportCorpus))
	for l := range supportCorpus {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		msgs := supportCorpus[lang]
		for k := range 6 {
			var b strings.Builder
			b.WriteString("<html><body><div>" + fillCorpus(rng, msgs[rng.IntN(len(msgs))]) + "</div>")
			list := "ol"
			if k%2 == 1 {
				list = "ul"
			}
			b.WriteString("<" + list + ">")
			for range 3 + rng.IntN(4) {
				b.WriteString("<li>" + fillCorpus(rng, msgs[rng.IntN(len(msgs))]) + "</li>")
			}
			b.WriteString("</" + list + ">")
			if k%3 == 0 {
				fmt.Fprintf(&b, "<table><tr><td>%s</td><td>%s</td></tr></table>", fillCorpus(rng, "{ORDER}"), fillCorpus(rng, "{AMT}"))
			}
			if k%3 == 1 {
				b.WriteString("<blockquote>" + fillCorpus(rng, msgs[rng.IntN(len(msgs))]) + "<br>" + fillCorpus(rng, msgs[rng.IntN(len(msgs))]) + "</blockquote>")
			}
			b.WriteString("<p>--<br>" + fillCorpus(rng, msgs[rng.IntN(len(msgs))]) + "</p></body></html>")
			out = append(out, b.String())
		}
	}
	return out
}

// cleanConversations are long ordinary conversations: a customer's side
// of a support chat, 30 to 60 messages each, drawn from the clean corpus
// in every language, with short replies ("ok", "yes", "thanks") between.
func cleanConversations(rng *rand.Rand) [][]string {
	short := []string{"ok", "yes", "thanks", "one moment", "still waiting", "any news?", "hello?", "done", "sent", "wait",
		"deposit", "account", "balance", "order", "address", "network", "bitcoin", "wallet", "again", "sorry", "above", "about"}
	var out [][]string
	langs := make([]string, 0, len(supportCorpus))
	for l := range supportCorpus {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		msgs := supportCorpus[lang]
		for range 4 {
			n := 30 + rng.IntN(31)
			var conv []string
			for range n {
				if rng.IntN(3) == 0 {
					conv = append(conv, short[rng.IntN(len(short))])
					continue
				}
				conv = append(conv, fillCorpus(rng, msgs[rng.IntN(len(msgs))]))
			}
			out = append(out, conv)
		}
	}
	return out
}

// TestFalsePositivesManyConversations stitches more long conversations
// from the chat corpus (other seeds than TestFalsePositives) and scans
// each message with its conversation's state: joining pieces across
// messages (lead-ins, headings, hesitations) must not join ordinary chat.
func TestFalsePositivesManyConversations(t *testing.T) {
	flagged, total := 0, 0
	for seed := range 3 {
		rng := rand.New(rand.NewPCG(uint64(seed), 99))
		for _, conv := range cleanConversations(rng) {
			var c Conversation
			for i, m := range conv {
				total++
				res := sharedDetector.ScanNext(&c, m)
				c.Bind(int64(i))
				if len(res.Kinds) > 0 || len(res.Cuts) > 0 {
					flagged++
					t.Logf("false positive %v in %q", res.Kinds, res.Redacted)
				}
			}
		}
	}
	rate := float64(flagged) / float64(total) * 100
	t.Logf("many conversations: %d of %d messages flagged (%.3f%%)", flagged, total, rate)
	if rate >= 0.1 {
		t.Fatalf("false-positive rate %.3f%%, want < 0.1%%", rate)
	}
}
