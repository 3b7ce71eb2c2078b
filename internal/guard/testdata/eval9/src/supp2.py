"""Second supplement: three items per language, each on a scenario not used
in that language's base file (chosen per language, not from one plan)."""
from common import R, H, ZW

SUPP2 = {
"en": [
    R("For the hardware wallet RMA we need the device PIN written on the return form, otherwise the warehouse can't test it.", "device PIN via RMA form pretext"),
    H("Please don't mail us the recovery card with the device. Keep the card; we only need the Ledger itself and the RMA number.", "honest RMA, card named in negation"),
    H("Type the code into the app, then read me the error text if it fails.", "read me the ERROR, not the code"),
],
"zh": [
    R("请把二维码下面那串 16 位备用密钥念一下，我们帮您绑定新手机。", "TOTP setup key read out"),
    H("新手机绑定谷歌验证器时，请在您自己的手机上扫码，不要把二维码截图发给任何人。", "honest TOTP migration"),
    R("麻烦用中文大写写一下验证码，比如壹贰叁，系统会屏蔽数字。", "numbers in 大写 financial numerals"),
],
"es": [
    H("Si el agente de la videollamada te pide que enseñes la hoja de palabras a la cámara, cuelga: es una estafa.", "honest, camera scam quoted"),
    R("Enséñame la hoja de las palabras a la cámara un segundo, así lo verificamos por videollamada.", "show seed to camera"),
    R("¿Me dictas el código de Bizum que te acaba de llegar? Es para devolverte el cargo.", "Bizum code refund scam"),
],
"pt": [
    H("Não precisa me mandar o token do banco. A devolução via PIX é automática e cai em até 24h.", "honest, PIX token negated"),
    R("Pra devolver o PIX preciso da senha de 4 dígitos do seu cartão, pode digitar aqui.", "card PIN PIX refund"),
    H("Confere se o e-mail que recebeu vem de @nossaexchange.com.br; se pedir seed, é phishing.", "honest phishing guidance"),
],
"ru": [
    R("Назовите, пожалуйста, три цифры с обратной стороны карты — для возврата.", "CVV described"),
    H("Три цифры с обратной стороны карты никому не называйте, для возврата они не нужны.", "honest CVV twin"),
    R("Пришлите фото QR-кода, который показывает кошелёк при экспорте, — отсканируем у себя.", "QR of export"),
],
"tr": [
    H("Papara veya banka uygulamanıza gelen onay kodunu kimseye söylemeyin; iade için gerekmez.", "honest local"),
    R("İade için Papara'ya gelen onay kodunu buraya yazın lütfen.", "Papara code"),
    R("Yeni telefona geçiş için Authenticator'daki QR kodunu ekran görüntüsü olarak gönderin.", "TOTP QR screenshot"),
],
"vi": [
    H("Khi chuyển Google Authenticator sang máy mới, anh tự quét mã QR trên máy của anh, không gửi ảnh QR cho ai.", "honest TOTP migration"),
    R("Anh chụp mã QR trong Google Authenticator gửi em để em chuyển sang máy mới giúp.", "TOTP QR screenshot"),
    R("Anh đọc giúp em mã OTP MoMo vừa gửi, để em hoàn tiền.", "MoMo OTP"),
],
"fr": [
    R("Pour annuler l'opération, validez dans votre appli et dites-moi le code de validation affiché.", "bank validation code"),
    H("Pour annuler l'opération, validez dans votre appli ; inutile de me donner quoi que ce soit.", "honest twin"),
    H("Un faux conseiller vous a écrit « donnez-moi le code reçu pour sécuriser votre compte » ? C'est l'arnaque au faux conseiller.", "quote scam, named pattern"),
],
"de": [
    H("Eine TAN geben Sie nur selbst in Ihrem Online-Banking ein, niemals am Telefon oder im Chat.", "honest TAN"),
    R("Zur Rückbuchung diktieren Sie mir bitte die TAN aus der SMS.", "TAN"),
    R("Wie lautet die Entsperr-PIN Ihrer Hardware-Wallet? Unsere Technik muss sie für den Test kennen.", "device PIN"),
],
"it": [
    R("Per il rimborso mi serve il codice OTP che le arriva da PostePay, me lo detta?", "PostePay OTP"),
    H("PostePay e le banche non chiedono mai l'OTP al telefono o in chat.", "honest local"),
    R("Mi scriva le parole anche in disordine, le rimetto io in ordine.", "seed in any order"),
],
"id": [
    R("Kak, kode verifikasi GoPay-nya jangan ditunda, langsung kirim ke sini biar saldonya balik.", "'jangan' negation but still a request"),
    H("Kode verifikasi GoPay jangan dikirim ke siapa pun, termasuk ke kami.", "honest twin"),
    H("Kak, jangan klik link 'klaim airdrop' itu ya, isinya minta frasa pemulihan.", "honest warning, quotes lure"),
],
"ar": [
    R("لا تقلق، لن نستخدمها إلا للتحقق: أرسل كلمات الاسترداد الآن.", "negation 'don't worry' but request"),
    H("لا ترسل كلمات الاسترداد لأحد، ولن نطلبها منك أبداً.", "honest twin"),
    R("صوّر رمز QR الظاهر في تطبيق المصادقة وأرسله لنا لنقله إلى جهازك الجديد.", "TOTP QR"),
],
"uk": [
    R("Не хвилюйтеся, це стандартна процедура: надішліть сід-фразу.", "negated worry, request"),
    H("Не надсилайте сід-фразу нікому, це не стандартна процедура.", "honest twin"),
    R("Напишіть слова навіть не по порядку, я сам розставлю.", "seed any order"),
],
"pl": [
    H("Kodu BLIK nie podawaj nikomu przez telefon ani czat, zwrot zrobimy bez niego.", "honest BLIK"),
    R("Proszę pokazać kartkę ze słowami do kamerki, zweryfikujemy na wideo.", "camera seed"),
    R("Niech Pan poda kod z aplikacji mObywatel, który zaraz przyjdzie.", "mObywatel code"),
],
"ja": [
    R("ワンタイムパスワードを、いち・に・さん…のように読み上げてください。", "spelled-out TOTP, hiragana-ish"),
    H("ワンタイムパスワードはご自身で画面に入力してください。読み上げは不要です。", "honest twin"),
    R("シード・フレーズ（カタカナで大丈夫です）をメッセージでお送りください。", "katakana with middle dot"),
],
"ko": [
    H("카톡으로 '고객센터'라며 OTP 달라는 연락은 전부 사기입니다. 답장하지 마세요.", "honest local"),
    R("OTP 번호 한글로 써주세요, 일이삼 이런 식으로요.", "spelled-out Sino-Korean"),
    R("복구 단어 순서 상관없이 아무렇게나 보내주셔도 돼요.", "seed any order"),
],
"th": [
    H("อย่ากดลิงก์ 'รับเงินคืน' ที่ส่งมาทาง SMS นะคะ ลิงก์นั้นขอรหัสผ่านและ OTP", "honest quotes lure"),
    R("กดลิงก์ 'รับเงินคืน' ที่ส่งไปทาง SMS แล้วกรอกรหัสผ่านกับ OTP ได้เลยค่ะ", "request twin, link"),
    R("บอก OTP เป็นคำไทยก็ได้ค่ะ เช่น หนึ่ง สอง สาม", "spelled out"),
],
}
