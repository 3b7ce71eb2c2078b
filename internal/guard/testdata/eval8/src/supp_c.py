"""Supplement C: a misspelled request and an honest split message per language."""
from common import R, H

SUPP = {
"en": [
    R("pls send ur recovry frase so i can restor ur acount, its urgnt", "misspellings throughout"),
    H("the TxID of the second transfer, the one from 14:10.", "honest split: lead-in sounds like a request",
      ["I can see the first deposit on-chain.", "To speed this up I need one more thing from you:"]),
    H("Sorry, ignore my previous message, that was a template error. Never send your phrase to anyone, including us.",
      "retraction after an agent's own bad message", ["Please reply with your 12-word phrase to continue."]),
    H("We will n\u200bever ask for your seed phrase.", "honest warning with a stray zero-width space"),
],
"zh": [
    R("麻烦把你的助记此发过来，我帮你回复账号", "错别字：助记此/回复(恢复)"),
    H("第二笔转账的TxID，就是14:10那笔。", "诚实分段：前文像索要", ["链上已经能看到第一笔充值了。", "为了加快处理，还需要您提供一样东西："]),
],
"es": [
    R("mandeme su frace de recuperasion para restaurar la cuenta xfa", "faltas de ortografía"),
    H("el TxID de la segunda transferencia, la de las 14:10.", "división honesta", ["Ya veo el primer depósito en la cadena.", "Para agilizar necesito una cosa más de usted:"]),
],
"pt": [
    R("me manda sua frasse de recuperasão pra eu restaura a conta", "erros de grafia"),
    H("o TxID da segunda transferência, a das 14:10.", "divisão honesta", ["Já vejo o primeiro depósito na blockchain.", "Pra agilizar preciso de mais uma coisa sua:"]),
],
"ru": [
    R("скинте пожалуста сид фразу востановим акаунт", "орфографические ошибки"),
    H("TxID второго перевода, того, что в 14:10.", "честное разбиение", ["Первый депозит в сети уже вижу.", "Чтобы ускорить, мне нужно от вас ещё кое-что:"]),
],
"uk": [
    R("надішліть будьласка сид фразу відновимо акаунт", "помилки"),
    H("TxID другого переказу, того, що о 14:10.", "чесне розбиття", ["Перший депозит у мережі вже бачу.", "Щоб пришвидшити, мені потрібно від вас ще дещо:"]),
],
"tr": [
    R("kurtarma kelimeleirnizi gönderin hesabı geri yükleyelim acil", "yazım hatası"),
    H("ikinci transferin TxID'si, saat 14:10'daki.", "dürüst bölme", ["İlk yatırımı zincirde görüyorum.", "Hızlandırmak için sizden bir şey daha lazım:"]),
],
"vi": [
    R("gui e cum tu khoi phuc de e khoi phuc tai khoan cho a nha gap lam", "viết tắt, không dấu"),
    H("TxID của lệnh chuyển thứ hai, cái lúc 14:10 ạ.", "chia đoạn trung thực", ["Em đã thấy khoản nạp đầu tiên trên chuỗi.", "Để xử lý nhanh em cần anh thêm một thứ:"]),
],
"fr": [
    R("envoyer moi votre frase de récupérassion pour restauré le conte", "fautes d'orthographe"),
    H("le TxID du deuxième virement, celui de 14 h 10.", "découpage honnête", ["Je vois le premier dépôt sur la chaîne.", "Pour accélérer, il me faut encore une chose de votre part :"]),
],
"de": [
    R("schicken sie mir bitte ihre wiederherstelungsfrase dan stelle ich das kontto wieder her", "Rechtschreibfehler"),
    H("die TxID der zweiten Überweisung, der von 14:10.", "ehrliche Teilung", ["Die erste Einzahlung sehe ich schon on-chain.", "Um es zu beschleunigen, brauche ich noch etwas von Ihnen:"]),
],
"it": [
    R("mi mandi la frase di recupero cosi ripristiniamo l'acount, e urgentte", "errori"),
    H("il TxID del secondo trasferimento, quello delle 14:10.", "divisione onesta", ["Vedo già il primo deposito on-chain.", "Per velocizzare mi serve un'altra cosa da lei:"]),
],
"id": [
    R("kirimin frsa pemulihan nya kak biar akunnya dipulihin, urgen", "salah ketik"),
    H("TxID transfer kedua, yang jam 14:10.", "pecahan jujur", ["Deposit pertama sudah terlihat di chain.", "Biar cepat saya perlu satu hal lagi dari kakak:"]),
],
"ar": [
    R("ارسل عباره الاسترجاع عشان نرجع الحساب بسرعه", "أخطاء إملائية/عامية"),
    H("الـ TxID للتحويل الثاني، اللي الساعة 14:10.", "تقسيم أمين", ["أرى الإيداع الأول على الشبكة.", "لتسريع الأمر أحتاج منك شيئًا آخر:"]),
],
"pl": [
    R("prosze przeslac fraze odzyskiwnia to przywrucimy konto", "literówki, bez polskich znaków"),
    H("TxID drugiego przelewu, tego z 14:10.", "uczciwy podział", ["Pierwszą wpłatę widzę już w sieci.", "Żeby przyspieszyć, potrzebuję od Pana jeszcze jednej rzeczy:"]),
],
"ja": [
    R("ふくげんふれーず送ってください、アカウント復旧します", "ひらがな崩し"),
    H("2件目の送金のTxIDです。14:10のものです。", "誠実な分割", ["1件目の入金はチェーン上で確認できました。", "処理を早めるため、もう一つだけお願いがあります："]),
],
"ko": [
    R("복구 구믄 보내주세여 계정 복구해 드릴께요", "오타"),
    H("두 번째 송금의 TxID요, 14시 10분 거요.", "정직한 분할", ["첫 번째 입금은 체인에서 확인됐어요.", "빨리 처리하려면 한 가지 더 필요해요:"]),
],
"th": [
    R("ส่งวลีกู้คินมาหน่อยคับ จะกู้บันชีให้", "สะกดผิด"),
    H("TxID ของการโอนครั้งที่สอง อันเวลา 14:10 ค่ะ", "แบ่งข้อความสุจริต", ["เห็นยอดฝากแรกบนเชนแล้วค่ะ", "เพื่อให้เร็วขึ้น ขออีกอย่างหนึ่งนะคะ:"]),
],
}
