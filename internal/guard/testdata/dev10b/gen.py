# Honest follow-ups after a code was sent: asking whether it arrived,
# saying where to type it (the app, not the chat), offering a resend.
# Written by helper guard10 (2026-12-06) in each language's own words;
# python3 gen.py > outbound_dev10b.jsonl
import json

T = {
 "en": ("We've just sent a verification code to your phone by SMS.", ["Did it arrive?", "Once it arrives, type it into the app yourself; no need to tell me.", "Nothing yet after two minutes? Tap Resend on the same screen."]),
 "zh": ("我们刚刚通过短信向您的手机发送了验证码。", ["收到了吗？", "收到后请您自己在App里输入，不用告诉我。", "两分钟还没收到的话，请在同一页面点“重新发送”。"]),
 "es": ("Le acabamos de enviar un código de verificación por SMS.", ["¿Le ha llegado?", "Cuando llegue, introdúzcalo usted mismo en la app; no hace falta que me lo diga.", "¿Sigue sin llegar tras dos minutos? Pulse «Reenviar» en la misma pantalla."]),
 "pt": ("Acabamos de enviar um código de verificação por SMS para o seu celular.", ["Chegou?", "Quando chegar, digite-o você mesmo no app; não precisa me informar.", "Não chegou em dois minutos? Toque em Reenviar na mesma tela."]),
 "ru": ("Мы только что отправили вам код подтверждения по SMS.", ["Пришло?", "Когда придёт, введите его сами в приложении, мне сообщать не нужно.", "Если за две минуты не пришло, нажмите «Отправить снова» на том же экране."]),
 "tr": ("Telefonunuza SMS ile bir doğrulama kodu gönderdik.", ["Ulaştı mı?", "Gelince uygulamaya kendiniz girin, bana söylemenize gerek yok.", "İki dakika içinde gelmezse aynı ekranda Tekrar Gönder'e dokunun."]),
 "vi": ("Chúng tôi vừa gửi mã xác minh qua SMS đến điện thoại của bạn.", ["Bạn nhận được chưa?", "Khi nhận được, bạn tự nhập vào ứng dụng nhé, không cần báo cho tôi.", "Sau hai phút vẫn chưa thấy? Bấm Gửi lại trên cùng màn hình."]),
 "fr": ("Nous venons de vous envoyer un code de vérification par SMS.", ["Vous l'avez reçu ?", "Dès qu'il arrive, saisissez-le vous-même dans l'application ; inutile de me le communiquer.", "Toujours rien après deux minutes ? Appuyez sur « Renvoyer » sur le même écran."]),
 "de": ("Wir haben Ihnen soeben einen Bestätigungscode per SMS geschickt.", ["Ist sie angekommen?", "Sobald er da ist, geben Sie ihn bitte selbst in der App ein; mir müssen Sie ihn nicht nennen.", "Nach zwei Minuten noch nichts? Tippen Sie auf demselben Bildschirm auf „Erneut senden“."]),
 "it": ("Le abbiamo appena inviato un codice di verifica via SMS.", ["È arrivato?", "Quando arriva, lo inserisca lei nell'app; non serve dirmelo.", "Dopo due minuti ancora niente? Tocchi «Invia di nuovo» nella stessa schermata."]),
 "id": ("Kami baru saja mengirim kode verifikasi lewat SMS ke ponsel Anda.", ["Sudah masuk?", "Kalau sudah masuk, masukkan sendiri di aplikasi ya; tidak perlu memberi tahu saya.", "Belum masuk setelah dua menit? Ketuk Kirim Ulang di layar yang sama."]),
 "ar": ("أرسلنا للتو رمز تحقق إلى هاتفك عبر رسالة SMS.", ["هل وصلك؟", "عندما يصل، أدخله بنفسك في التطبيق، ولا داعي لإخباري به.", "لم يصل بعد دقيقتين؟ اضغط على «إعادة الإرسال» في الشاشة نفسها."]),
 "uk": ("Ми щойно надіслали вам код підтвердження в SMS.", ["Прийшло?", "Коли прийде, введіть його самі в застосунку, мені повідомляти не треба.", "Якщо за дві хвилини не прийшло, натисніть «Надіслати ще раз» на тому ж екрані."]),
 "pl": ("Właśnie wysłaliśmy Panu kod weryfikacyjny SMS-em.", ["Doszedł?", "Gdy przyjdzie, proszę wpisać go samodzielnie w aplikacji, nie trzeba mi go podawać.", "Po dwóch minutach nadal nic? Proszę kliknąć „Wyślij ponownie” na tym samym ekranie."]),
 "ja": ("先ほどSMSで確認コードをお送りしました。", ["届きましたか？", "届いたら、ご自身でアプリに入力してください。私に伝える必要はありません。", "2分たっても届かない場合は、同じ画面の「再送信」を押してください。"]),
 "ko": ("방금 문자로 인증 코드를 보내 드렸습니다.", ["받으셨나요?", "도착하면 앱에 직접 입력해 주세요. 저에게 알려 주실 필요는 없습니다.", "2분이 지나도 안 오면 같은 화면에서 '재전송'을 눌러 주세요."]),
 "th": ("เราเพิ่งส่งรหัสยืนยันทาง SMS ไปที่โทรศัพท์ของคุณ", ["ได้รับแล้วไหมคะ", "เมื่อได้รับแล้ว กรุณากรอกในแอปด้วยตัวเอง ไม่ต้องแจ้งรหัสกับเรา", "ผ่านไปสองนาทียังไม่ได้รับใช่ไหม กดส่งอีกครั้งที่หน้าจอเดิมได้เลย"]),
}
NOTES = ["asks whether the code arrived", "type it in the app yourself", "resend offer"]
for lang, (prev, texts) in T.items():
    for i, (text, note) in enumerate(zip(texts, NOTES), 1):
        print(json.dumps({"id": f"{lang}-{i:03d}", "lang": lang, "label": "honest", "text": text, "previous": [prev], "note": note}, ensure_ascii=False))
