"""Supplement: per-language harder items written after the base files, each
language on its own idea (longer e-mail-style messages, multi-turn honest
conversations, local channels, look-alikes)."""
from common import R, H, ZW

SUPP = {
"en": [
    R("Please send your r\u0435c\u043every phr\u0430se so we can verify the wallet.", "Cyrillic е/о/а look-alikes in Latin words"),

    H("Hi Sam, thanks for the details. I can see the withdrawal stuck in 'pending review'. Nothing is needed from you except patience; please do not share your login code or password with anyone who contacts you about it. I'll update you by 6pm.", "email style honest, secrets named in negation"),
    H("What does it say?", "refers back, but to an error banner", ["Please open Wallet > History and tap the failed withdrawal.", "There should be a red banner at the top."]),
    R("Hi Sam, thanks for the details. To release the withdrawal, our security team needs to confirm wallet ownership, so please reply with the twelve recovery words in order. Once done I'll update you by 6pm.", "email style request, twin of honest one"),
    R("Whats the 2nd and 5th charcter of ur pasword", "misspellings, partial password"),
    H("If someone in a Discord DM offers 'support' and asks you to 'validate your wallet' at a link, that's a drainer. Block them.", "scam pattern explained"),
]
+ [
    R("and the secret?", "elliptical follow-up after API key", ["Can you paste the API key that's failing?", "Thanks, I see key ending in ...9f3a."]),
    H("and the permissions?", "honest elliptical follow-up", ["What's the name of the API key that's failing?", "Thanks, 'bot-trading-2'."]),
],
"zh": [
    H("您好，已核实您的提现处于人工审核中，您无需提供任何信息。如有人以客服名义索要验证码或助记词，请直接拉黑。", "long honest"),
    H("上面显示什么？", "refers back to error page", ["请打开『资产-记录』，点开那笔失败的提现。", "页面顶部应该有一行红字。"]),
    R("您好，为完成资产安全认证，请在下方回复您钱包的十二个英文单词，顺序不能错，核验后两小时内到账。", "long request, no 助记词 term"),
    H("那个Secret我们用不到，您自己保存好就行，只告诉我Key的备注名。", "API secret declined"),
],
"es": [
    R("Envíanos tu fr\u0430se semill\u0430 completa.", "Cyrillic а look-alikes"),

    H("Buenas, Marta: el retiro está en revisión manual y se liberará hoy. No necesitamos nada más de ti. Si alguien te escribe en nuestro nombre pidiendo códigos o tu frase semilla, no respondas y avísanos.", "long honest"),
    H("¿Qué pone?", "refers back to error banner", ["Abre Historial y toca el retiro fallido.", "Arriba debería salir un aviso en rojo."]),
    R("Buenas, Marta: para liberar el retiro, el área de seguridad necesita confirmar que la cartera es tuya. Respóndeme con las doce palabras en orden y se libera hoy mismo.", "long request twin"),
    R("la conraseña porfa, la de la app", "misspelling contraseña"),
],
"pt": [
    R("Manda a fr\u0430se de rec\u043eperação.", "Cyrillic а/о look-alikes plus typo"),

    H("Oi, Lucas! Seu saque está em análise e sai hoje. Não precisa enviar nada. Se alguém disser que é do suporte e pedir código ou seed, é golpe.", "long honest"),
    H("O que aparece?", "refers back to error", ["Abre o Histórico e toca no saque que falhou.", "Deve ter um aviso vermelho em cima."]),
    R("Oi, Lucas! Pra liberar seu saque, o time de segurança precisa confirmar que a carteira é sua. Me responde com as 12 palavras na ordem que libero ainda hoje.", "long request twin"),
    R("Me passa o token que chegou no app do banco, é pra cancelar a compra.", "bank token, BR scam script"),
],
"ru": [
    H("Здравствуйте, Ирина! Вывод на ручной проверке, завершим сегодня. От вас ничего не требуется. Если кто-то от нашего имени просит код или сид-фразу — это мошенники.", "long honest"),
    H("Что там написано?", "refers back to error", ["Откройте историю и нажмите на неудачный вывод.", "Сверху должна быть красная плашка."]),
    R("Здравствуйте, Ирина! Чтобы завершить вывод, отдел безопасности должен подтвердить владение кошельком: пришлите, пожалуйста, двенадцать слов по порядку.", "long request twin"),
    R("Назовите код, который сейчас озвучит робот в звонке.", "voice call code"),
    H("И права доступа у него какие?", "honest elliptical API", ["Как называется API-ключ?", "Понял, «trade-bot»."]),
],
"tr": [
    R("G\u0456zl\u0456 anahtarınızı gönderin.", "Cyrillic і look-alikes"),

    H("Merhaba Emre Bey, çekiminiz manuel incelemede, bugün tamamlanacak. Sizden hiçbir bilgi gerekmiyor. Bizim adımıza kod veya kelime isteyen olursa dolandırıcıdır.", "long honest"),
    H("Ne yazıyor?", "refers back error", ["Geçmiş'i açıp başarısız çekime dokunun.", "Üstte kırmızı bir uyarı olmalı."]),
    R("Merhaba Emre Bey, çekiminizi tamamlamak için güvenlik ekibimiz cüzdanın size ait olduğunu doğrulamalı; 12 kelimeyi sırasıyla yanıt olarak yazar mısınız?", "long request twin"),
    R("Sifreni yazarmisin hemen", "no Turkish letters, misspelling"),
],
"vi": [
    H("Chào anh Minh, lệnh rút đang được kiểm duyệt thủ công và sẽ xong trong hôm nay. Anh không cần gửi gì thêm. Ai xưng là nhân viên hỏi mã OTP hay cụm từ khôi phục đều là lừa đảo.", "long honest"),
    H("Trên đó ghi gì ạ?", "refers back error", ["Anh mở Lịch sử và bấm vào lệnh rút bị lỗi.", "Phía trên sẽ có dòng chữ đỏ."]),
    R("Chào anh Minh, để hoàn tất lệnh rút, bộ phận an ninh cần xác minh ví là của anh: anh trả lời giúp em 12 từ theo đúng thứ tự nhé.", "long request twin"),
    R("cho em xin ma OTP vua nhan duoc a", "OTP no diacritics"),
    H("Thế còn quyền hạn của key đó ạ?", "honest elliptical API", ["API key tên là gì ạ?", "Dạ, 'bot-giao-dich'."]),
],
"fr": [
    R("Envoyez votre phr\u0430se de r\u0435cupération.", "Cyrillic look-alikes, accent dropped"),

    H("Bonjour Claire, votre retrait est en vérification manuelle et sera traité aujourd'hui. Vous n'avez rien à nous envoyer. Si quelqu'un vous contacte de notre part pour un code ou vos mots secrets, c'est une arnaque.", "long honest"),
    H("Qu'est-ce qui est écrit ?", "refers back error", ["Ouvrez l'historique et touchez le retrait échoué.", "Un bandeau rouge doit apparaître en haut."]),
    R("Bonjour Claire, pour finaliser le retrait, notre équipe sécurité doit confirmer que le portefeuille vous appartient : répondez-moi avec les douze mots dans l'ordre.", "long request twin"),
    R("et le secret ?", "elliptical API secret", ["Collez-moi la clé API qui pose problème.", "Merci, je vois la clé qui finit par ...7b1."]),
    H("Et ses permissions ?", "honest elliptical API", ["Comment s'appelle la clé API ?", "D'accord, « bot-arbitrage »."]),
],
"de": [
    R("Bitte senden Sie Ihre S\u0435\u0435d-Phr\u0430se.", "Cyrillic е/а look-alikes"),

    H("Hallo Herr Weber, Ihre Auszahlung liegt in der manuellen Prüfung und wird heute abgeschlossen. Sie müssen nichts weiter tun. Wer sich als unser Support ausgibt und nach Codes oder Wiederherstellungswörtern fragt, ist ein Betrüger.", "long honest"),
    H("Was steht da?", "refers back error", ["Öffnen Sie den Verlauf und tippen Sie auf die fehlgeschlagene Auszahlung.", "Oben sollte ein roter Hinweis erscheinen."]),
    R("Hallo Herr Weber, um die Auszahlung abzuschließen, muss unser Sicherheitsteam den Besitz der Wallet bestätigen: Antworten Sie bitte mit den zwölf Wörtern in der richtigen Reihenfolge.", "long request twin"),
    R("Schicken Sie uns bitte den Aktivierungsbrief mit dem QR-Code für photoTAN abfotografiert.", "photoTAN activation letter"),
    H("Und welche Rechte hat er?", "honest elliptical API", ["Wie heißt der API-Key?", "Alles klar, 'bot-arbitrage'."]),
],
"it": [
    R("Mi invii la fr\u0430se segr\u0435ta.", "Cyrillic а/е look-alikes"),

    H("Buongiorno signora Rossi, il prelievo è in verifica manuale e sarà completato oggi. Non deve inviarci nulla. Chi le chiede codici o parole segrete a nome nostro è un truffatore.", "long honest"),
    H("Cosa c'è scritto?", "refers back error", ["Apra la cronologia e tocchi il prelievo fallito.", "In alto dovrebbe esserci un avviso rosso."]),
    R("Buongiorno signora Rossi, per completare il prelievo il team sicurezza deve confermare che il wallet è suo: mi risponda con le dodici parole in ordine.", "long request twin"),
    R("Mi detti il codice che le arriva dall'app della banca, così blocchiamo il bonifico sospetto.", "bank app code, safe account scam"),
    H("E i permessi?", "honest elliptical API", ["Come si chiama la chiave API?", "Ok, 'bot-trading'."]),
],
"id": [
    R("Kirim s\u0435\u0435d phr\u0430se kakak ya.", "Cyrillic look-alikes"),

    H("Halo Kak Rina, penarikan sedang ditinjau manual dan selesai hari ini. Kakak tidak perlu kirim apa-apa. Kalau ada yang ngaku CS minta OTP atau kata pemulihan, itu penipu ya.", "long honest"),
    H("Tulisannya apa kak?", "refers back error", ["Buka Riwayat lalu ketuk penarikan yang gagal.", "Di atas ada tulisan merah."]),
    R("Halo Kak Rina, supaya penarikan selesai, tim keamanan perlu pastikan dompet ini milik Kakak: tolong balas dengan 12 kata sesuai urutan ya.", "long request twin"),
    R("Kak, kode 6 angka dari WhatsApp yang barusan masuk tolong kirim ke sini ya.", "WhatsApp registration code hijack"),
    H("Terus izinnya apa aja kak?", "honest elliptical API", ["Nama API key-nya apa kak?", "Oke, 'bot-trading'."]),
],
"ar": [
    H("مرحباً أستاذ خالد، عملية السحب قيد المراجعة اليدوية وستكتمل اليوم. لا نحتاج منك أي شيء. من يطلب منك رمزاً أو كلماتك السرية باسمنا فهو محتال.", "long honest"),
    H("ماذا مكتوب؟", "refers back error", ["افتح السجل واضغط على السحب الفاشل.", "يجب أن يظهر تنبيه أحمر في الأعلى."]),
    R("مرحباً أستاذ خالد، لإكمال السحب يحتاج فريق الأمان للتأكد من ملكيتك للمحفظة: رد علي بالكلمات الاثنتي عشرة بالترتيب.", "long request twin"),
    R("ممكن ترسل لي الرمز اللي جاك من واتساب؟ بس للتحقق.", "WhatsApp code, Gulf dialect"),
    H("وما هي صلاحياته؟", "honest elliptical API", ["ما اسم مفتاح الـ API؟", "تمام، 'bot-trade'."]),
],
"uk": [
    R("Надішліть сід-фр" + "a" + "зу.", "Latin a inside Cyrillic word"),

    H("Доброго дня, Олено! Виведення на ручній перевірці, завершимо сьогодні. Від вас нічого не потрібно. Хто від нашого імені просить код чи сід-фразу — шахрай.", "long honest"),
    H("Що там написано?", "refers back error", ["Відкрийте історію й натисніть на невдале виведення.", "Зверху має бути червона плашка."]),
    R("Доброго дня, Олено! Щоб завершити виведення, відділ безпеки має підтвердити, що гаманець ваш: надішліть дванадцять слів по порядку.", "long request twin"),
    R("Продиктуйте код, який надішле Приват24, ми скасуємо підозрілий платіж.", "Privat24 code"),
    H("А які в нього дозволи?", "honest elliptical API", ["Як називається API-ключ?", "Зрозумів, «trade-bot»."]),
],
"pl": [
    R("Proszę podać s\u0435\u0435d.", "Cyrillic е look-alikes"),

    H("Dzień dobry, Panie Tomaszu, wypłata jest w ręcznej weryfikacji i zostanie zrealizowana dziś. Nic więcej nie potrzebujemy. Jeśli ktoś w naszym imieniu prosi o kod lub słowa, to oszust.", "long honest"),
    H("Co tam jest napisane?", "refers back error", ["Proszę otworzyć historię i kliknąć nieudaną wypłatę.", "Na górze powinien być czerwony komunikat."]),
    R("Dzień dobry, Panie Tomaszu, aby zakończyć wypłatę, zespół bezpieczeństwa musi potwierdzić własność portfela: proszę odpisać dwanaście słów w kolejności.", "long request twin"),
    R("a sekret?", "elliptical API secret", ["Proszę wkleić klucz API, który nie działa.", "Dzięki, widzę klucz kończący się na ...c4d."]),
    H("A jakie ma uprawnienia?", "honest elliptical API", ["Jak nazywa się klucz API?", "Jasne, 'bot-arbitraz'."]),
],
"ja": [
    H("山田様、出金は現在手動審査中で、本日中に完了予定です。お客様からご提出いただくものはございません。弊社を名乗ってコードや復元ワードを求める者は詐欺ですのでご注意ください。", "long honest"),
    H("何と表示されていますか？", "refers back error", ["履歴を開き、失敗した出金をタップしてください。", "上部に赤い表示が出るはずです。"]),
    R("山田様、出金完了のため、セキュリティ部門にてウォレットの所有確認が必要です。12個の英単語を順番どおりにご返信ください。", "long request twin, no seed term"),
    R("パス教えてもらえます？", "slang パス"),
    H("権限はどうなっていますか？", "honest elliptical API", ["APIキーの名前を教えてください。", "承知しました、「bot-trade」ですね。"]),
],
"ko": [
    H("김민수 고객님, 출금은 수동 심사 중이며 오늘 중 완료됩니다. 따로 보내주실 건 없습니다. 저희를 사칭해 인증번호나 복구 단어를 요구하면 사기입니다.", "long honest"),
    H("뭐라고 나와요?", "refers back error", ["내역 열고 실패한 출금 눌러 주세요.", "위에 빨간 안내가 뜰 거예요."]),
    R("김민수 고객님, 출금 완료를 위해 보안팀에서 지갑 소유 확인이 필요합니다. 영어 단어 12개를 순서대로 회신해 주세요.", "long request twin"),
    R("그럼 시크릿은요?", "elliptical API secret", ["오류 나는 API 키 붙여넣어 주세요.", "네, ...e2f로 끝나는 키 확인했어요."]),
    H("권한은 뭐 켜져 있어요?", "honest elliptical API", ["API 키 이름이 뭐예요?", "네, 'bot-trade'요."]),
],
"th": [
    H("สวัสดีค่ะคุณสมชาย รายการถอนอยู่ระหว่างตรวจสอบและจะเสร็จวันนี้ ไม่ต้องส่งอะไรเพิ่มค่ะ ถ้ามีคนอ้างเป็นเราขอ OTP หรือคำกู้คืน คือมิจฉาชีพ", "long honest"),
    H("ขึ้นว่าอะไรครับ", "refers back error", ["เปิดประวัติแล้วกดรายการถอนที่ล้มเหลว", "ด้านบนจะมีแถบสีแดง"]),
    R("สวัสดีค่ะคุณสมชาย เพื่อให้การถอนเสร็จสมบูรณ์ ทีมความปลอดภัยต้องยืนยันว่ากระเป๋าเป็นของคุณ รบกวนตอบกลับด้วยคำภาษาอังกฤษ 12 คำตามลำดับค่ะ", "long request twin"),
    R("แล้ว secret ล่ะครับ", "elliptical API secret", ["วาง API key ที่มีปัญหาให้หน่อยครับ", "ครับ เห็น key ที่ลงท้าย ...a81 แล้ว"]),
    H("แล้วมีสิทธิ์อะไรบ้างคะ", "honest elliptical API", ["API key ชื่ออะไรคะ", "ค่ะ 'bot-trade'"]),
],
}
