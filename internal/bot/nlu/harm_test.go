package nlu

import (
	"context"
	"testing"
)

// TestHarmRules: each rule of harm.go, said in the 17 languages, hits its
// cue and hands the message on; ordinary messages near each rule do not.
func TestHarmRules(t *testing.T) {
	a := New(testRegistry())
	rules := []struct {
		name  string
		cue   func(harmHits) bool
		texts []string
	}{
		{"unmade", func(h harmHits) bool { return h.unmade }, []string{
			"there is an API key on my account that I never created and it is placing trades",
			"в профиле API ключ, который я не создавал, и с него идут сделки",
			"є API ключ, який я не створював, і з нього йдуть угоди",
			"tengo una clave API que yo no creé y está retirando fondos",
			"tem uma API que eu não criei operando na minha conta",
			"une clé API que je n'ai pas créée passe des ordres sur mon compte",
			"ein API-Schlüssel, den ich nie erstellt habe, handelt auf meinem Konto",
			"c'è una chiave API che non ho creato e fa prelievi",
			"jest klucz API, którego nie utworzyłem, i robi wypłaty",
			"hesapta bir API anahtarı var, ben eklemedim ama alım satım yapıyor",
			"API key ini bukan saya yang buat, dan sudah ada penarikan",
			"có API key mà mình không hề tạo, đang đặt lệnh liên tục",
			"في مفتاح API لم أنشئه وقاعد يسحب من حسابي",
			"账户里有个我没有创建的API密钥，在自动下单",
			"作成していないAPIキーがあり、勝手に取引されています",
			"생성한 적 없는 API 키로 거래가 되고 있어요",
			"มี API key ที่ฉันไม่ได้สร้าง และมีการเทรดเอง",
		}},
		{"draining", func(h harmHits) bool { return h.draining }, []string{
			"get me a real person, they are withdrawing my funds as we speak",
			"позовите человека, с аккаунта выводят деньги",
			"дайте оператора, з рахунку виводять гроші",
			"necesito un operador, están retirando mi saldo",
			"quero um atendente agora, estão sacando meu saldo",
			"un conseiller vite, des retraits partent de mon compte",
			"Geld wird abgebucht, ich will mit einem Menschen sprechen",
			"voglio un operatore, stanno prelevando dal mio conto",
			"chcę rozmawiać z człowiekiem, wypłacają mi środki",
			"canlı destek lütfen, hesabımdan para çekiliyor",
			"tolong sambungkan ke manusia, saldo saya sedang ditarik",
			"cho mình gặp người thật, tài khoản đang bị rút tiền",
			"أبي أكلم إنسان، فيه سحوبات من حسابي",
			"转人工！我的币正在被提走",
			"オペレーターをお願いします、次々と出金されています",
			"상담원 연결해 주세요, 출금되고 있어요",
			"ขอคุยกับเจ้าหน้าที่ เงินกำลังถูกถอน",
		}},
		{"despair", func(h harmHits) bool { return h.despair }, []string{
			"lost it all on leverage, I honestly want to die",
			"потерял все сбережения, не хочу жить",
			"втратив усе, не хочу жити далі",
			"perdí todo en futuros, me quiero morir",
			"perdi tudo, quero morrer",
			"j'ai tout perdu, j'ai envie de mourir",
			"alles verloren, ich will nicht mehr leben",
			"ho perso tutto, voglio farla finita",
			"straciłem wszystko, nie chcę żyć",
			"her şeyimi kaybettim, yaşamak istemiyorum",
			"semua uang saya hilang, pengen mati aja",
			"mất hết rồi, mình không muốn sống nữa",
			"خسرت كل شيء، أريد أن أموت",
			"全亏了，我不想活了",
			"全部失いました、もう死にたい",
			"다 잃었어요, 죽고 싶어요",
			"เสียหมดแล้ว อยากตาย",
		}},
		{"expose", func(h harmHits) bool { return h.expose }, []string{
			"someone has my selfie from verification and will leak it unless I send 500 USDT",
			"у них мой паспорт из верификации, говорят что выложат его, если не переведу 500 USDT",
			"шахраї мають мій паспорт і кажуть, що опублікують його, якщо не заплачу 500 USDT",
			"un tipo tiene mi selfie de verificación y va a difundir la foto si no le pago 500 USDT",
			"um golpista tem minha selfie da verificação e vai divulgar se eu não pagar 500 USDT",
			"quelqu'un a ma pièce d'identité et veut la diffuser si je ne paie pas 500 USDT",
			"jemand hat mein Ausweisfoto und will es veröffentlichen, wenn ich nicht 500 USDT zahle",
			"qualcuno ha il mio documento e vuole pubblicarlo se non pago 500 USDT",
			"ktoś ma mój dowód i mówi, że go opublikuje, jeśli nie zapłacę 500 USDT",
			"biri kimlik fotoğrafımı yayacak, 500 USDT istiyor",
			"ada yang mau nyebar foto KTP saya kalau gak kirim 500 USDT",
			"có người nói sẽ phát tán ảnh căn cước của tôi nếu không chuyển 500 USDT",
			"شخص عنده صورة هويتي ويقول سينشرها إذا ما دفعت 500 USDT",
			"有人拿着我的身份证照片，说不给500 USDT就曝光",
			"本人確認の写真を晒すと言われ、500 USDTを要求されています",
			"신분증 사진을 유포하겠다며 500 USDT를 보내래요",
			"มีคนจะเผยแพร่รูปบัตรประชาชนของฉัน ถ้าไม่โอน 500 USDT",
		}},
		{"need", func(h harmHits) bool { return h.has(need) || h.has(vital) }, []string{
			"my withdrawal of 30,000 USDT says completed but never reached my wallet, it is for my father's surgery",
			"вывод 30 000 USDT выполнен, но на кошелёк не пришёл, это деньги на операцию отца",
			"вивід 30 000 USDT виконано, але на гаманець не надійшов, це гроші на операцію батька",
			"el retiro de 30.000 USDT figura completado pero no llegó, es para la cirugía de mi padre",
			"saque de 30.000 USDT concluído mas não chegou na carteira, é para a cirurgia do meu pai",
			"retrait de 30 000 USDT terminé mais rien sur mon wallet, c'est pour l'opération de mon père",
			"Auszahlung von 30.000 USDT abgeschlossen, aber nicht in der Wallet angekommen, das Geld ist für die Operation meines Vaters",
			"prelievo di 30.000 USDT completato ma non arrivato nel wallet, servono per l'operazione di mio padre",
			"wypłata 30 000 USDT zrealizowana, ale nie doszła do portfela, to pieniądze na operację taty",
			"30.000 USDT çekimim tamamlandı görünüyor ama cüzdana gelmedi, babamın ameliyatı için",
			"penarikan 30.000 USDT statusnya selesai tapi belum masuk dompet, itu uang operasi ayah saya",
			"rút 30.000 USDT báo thành công nhưng ví chưa nhận, tiền phẫu thuật cho bố",
			"سحبت 30000 USDT والحالة مكتملة بس ما وصلت المحفظة، هي فلوس عملية أبوي",
			"提现30000 USDT显示已完成但钱包没到账，这是我爸手术的钱",
			"30000 USDTの出金が完了になっているのにウォレットに届きません、父の手術代です",
			"30000 USDT 출금이 완료로 나오는데 지갑에 안 들어왔어요, 아버지 수술비예요",
			"ถอน 30000 USDT สถานะสำเร็จแต่ไม่เข้ากระเป๋า เป็นเงินผ่าตัดพ่อ",
		}},
		{"held by others", func(h harmHits) bool { return h.has(police) || h.has(bank) && h.has(frozen) }, []string{
			"sold USDT on P2P last week and today my bank froze my account, they say the buyer's money was stolen",
			"продал USDT на P2P, а банк заблокировал мою карту: деньги покупателя якобы мошеннические",
			"продав USDT на P2P, і банк заблокував мою картку через кошти покупця",
			"vendí USDT por P2P y el banco me congeló la cuenta por el dinero del comprador",
			"vendi USDT no P2P e o banco bloqueou minha conta por causa do dinheiro do comprador",
			"j'ai vendu de l'USDT en P2P et ma banque a gelé mon compte à cause des fonds de l'acheteur",
			"nach einem P2P-Verkauf hat meine Bank mein Konto gesperrt, das Geld des Käufers sei aus Betrug",
			"ho venduto USDT in P2P e la banca ha bloccato il mio conto per i soldi dell'acquirente",
			"sprzedałem USDT na P2P i bank zablokował mi konto przez pieniądze kupującego",
			"P2P'de USDT sattım, banka hesabım alıcının parası yüzünden donduruldu",
			"habis jual USDT di P2P rekening saya diblokir bank karena uang dari pembeli",
			"bán USDT qua P2P xong thì tài khoản ngân hàng bị phong tỏa vì tiền của người mua",
			"بعت USDT في P2P والبنك جمد حسابي بسبب فلوس المشتري",
			"P2P卖了USDT，银行把我的卡冻结了，说买家的钱有问题",
			"P2PでUSDTを売ったら、買い手のお金のせいで銀行口座が凍結されました",
			"P2P로 USDT를 팔았는데 구매자 돈 때문에 은행 계좌가 동결됐어요",
			"ขาย USDT ผ่าน P2P แล้วธนาคารอายัดบัญชีของฉันเพราะเงินของผู้ซื้อ",
		}},
		{"disowned", func(h harmHits) bool { return h.has(disowned) }, []string{
			"a person please, trades on my account right now, not mine",
			"оператора! сделки в аккаунте не мои, остановите",
			"людину, будь ласка! угоди в акаунті не мої",
			"un humano ya, hay órdenes en mi cuenta que no son mías",
			"um atendente agora, tem ordens na conta que não são meus",
			"un humain vite, des ordres sur mon compte qui ne sont pas les miens",
			"bitte einen Menschen, Orders im Konto, nicht von mir",
			"un operatore subito, ordini sul conto non miei",
			"człowieka proszę, zlecenia na koncie nie moje",
			"canlı destek lütfen, hesaptaki işlemler benim değil",
			"mau bicara sama manusia, transaksi di akun bukan punya saya",
			"cho gặp người thật, lệnh trong tài khoản không phải của em",
			"أبي إنسان، العمليات في حسابي مو مني",
			"转人工，账户里的交易不是我的",
			"オペレーターをお願いします、取引は私のではない",
			"상담원 연결해 주세요, 제 것이 아닌 주문이 있어요",
			"ขอคุยกับคน มีคำสั่งซื้อขายที่ไม่ใช่ของฉัน",
		}},
	}
	for _, r := range rules {
		if len(r.texts) != 17 {
			t.Errorf("%s: %d languages, want 17", r.name, len(r.texts))
		}
		for _, text := range r.texts {
			if !r.cue(a.cues.hits(text).harm) {
				t.Errorf("%s: cue missed in %q", r.name, text)
			}
			if res := a.Inspect(context.Background(), text, ""); !res.HighStakes {
				t.Errorf("%s: not high stakes (intent %s %.2f): %q", r.name, res.Intent, res.Confidence, text)
			}
		}
	}
}

// TestHarmRulesLeaveOrdinary: messages near each rule that a bot answers.
func TestHarmRulesLeaveOrdinary(t *testing.T) {
	a := New(testRegistry())
	for _, text := range []string{
		"how do I create a new API key for my trading bot",
		"can I talk to a human about raising my withdrawal limit",
		"my 50 USDT withdrawal is still pending, I need it for rent",
		"will you publish a proof of reserves this year?",
		"what is the fee to withdraw USDT on TRC20",
		"which banks can I pay with in a P2P order?",
		"I'm not ok with the new fee schedule, where can I read it?",
	} {
		if res := a.Inspect(context.Background(), text, ""); res.HighStakes {
			t.Errorf("%q: high stakes (intent %s %.2f), want not", text, res.Intent, res.Confidence)
		}
	}
}

// TestNeedWithoutSum: money late or held that a need waits on goes to a
// person without a sum; a small sum, or a need named with no money late,
// stays with the bot.
func TestNeedWithoutSum(t *testing.T) {
	a := New(testRegistry())
	cases := []struct {
		text string
		want bool
	}{
		{"withdrew to my bank for my son's school fees due today, says completed but nothing arrived", true},
		{"вывод на карту на лекарства маме, статус выполнен, а денег нет", true},
		{"提到银行卡的钱显示成功但没到账，是交住院押金的", true},
		{"سحبت للبنك عشان رسوم المدرسة، مكتوب مكتمل وما وصل شي", true},
		{"my 50 USDT withdrawal is still pending, I need it for rent", false},
		{"can I pay my rent with a crypto card?", false},
	}
	for _, c := range cases {
		if res := a.Inspect(context.Background(), c.text, ""); res.HighStakes != c.want {
			t.Errorf("%q: high stakes %v (intent %s %.2f), want %v", c.text, res.HighStakes, res.Intent, res.Confidence, c.want)
		}
	}
}

// TestQuietDistress: a customer who says in few words that they are not
// well is in distress, in each language, whatever the message asks.
func TestQuietDistress(t *testing.T) {
	a := New(testRegistry())
	for _, text := range []string{
		"liquidated overnight, that was my savings. I'm not ok",
		"ликвидировали всю позицию, мне плохо",
		"ліквідували позицію, мені погано, не можу спати",
		"me liquidaron todo, no estoy bien",
		"fui liquidado, não estou bem",
		"liquidé cette nuit, je ne vais pas bien",
		"liquidiert, mir geht es nicht gut",
		"mi hanno liquidato, non sto bene",
		"likwidacja wszystkiego, nie mogę spać",
		"pozisyonum likide oldu, iyi değilim",
		"kena likuidasi semua, saya tidak baik-baik saja",
		"bị thanh lý hết, em không ổn",
		"تمت تصفية مركزي، لست بخير",
		"爆仓了，我不太好",
		"ロスカットされて、眠れない",
		"청산당했어요, 잠을 못 자요",
		"โดนล้างพอร์ต นอนไม่หลับ",
	} {
		if res := a.Inspect(context.Background(), text, ""); !res.Distress {
			t.Errorf("%q: no distress (intent %s %.2f)", text, res.Intent, res.Confidence)
		}
	}
}
