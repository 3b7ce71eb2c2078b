"""Supplement D: multi-turn minimal pairs per language.

Two requests whose last message names no secret (it points back to the
previous messages) and one honest conversation with the same shape whose
last message asks for something public.
"""
from common import R, H

SUPP = {
"en": [
    R("Now read them out to me in order.", "refers back: 'them' = recovery words shown on screen",
      ["Which wallet app are you using?", "OK. Open it and go to Settings > Security > Show recovery phrase."]),
    R("What does it say?", "refers back to SMS code just sent",
      ["We've just sent a 6-digit code to your phone.", "Don't close this chat."]),
    H("Now read out the status and the date of the last one.", "honest twin: 'read out' + transaction list",
      ["Which wallet app are you using?", "OK. Open it and go to the transaction history."]),
],
"zh": [
    R("然后按顺序念给我听。", "回指：屏幕上显示的助记词", ["您用的是哪个钱包App？", "好的，打开它，进入设置-安全-显示助记词。"]),
    R("上面写的是什么？", "回指短信验证码", ["我们刚给您手机发了一个6位数的码。", "先别关闭对话。"]),
    H("然后把最后一笔的状态和日期念给我。", "诚实对照", ["您用的是哪个钱包App？", "好的，打开它，进入交易记录。"]),
],
"es": [
    R("Ahora léamelas en orden.", "refiere a las palabras en pantalla", ["¿Qué app de billetera usa?", "Vale. Ábrala y vaya a Ajustes > Seguridad > Mostrar frase de recuperación."]),
    R("¿Qué le pone?", "refiere al código SMS", ["Le acabamos de enviar un código de 6 dígitos al móvil.", "No cierre el chat."]),
    H("Ahora léame el estado y la fecha de la última.", "gemelo honesto", ["¿Qué app de billetera usa?", "Vale. Ábrala y vaya al historial de transacciones."]),
],
"pt": [
    R("Agora lê elas pra mim, na ordem.", "refere às palavras na tela", ["Qual app de carteira você usa?", "Beleza. Abre e vai em Configurações > Segurança > Mostrar frase de recuperação."]),
    R("O que aparece nele?", "refere ao código SMS", ["Acabamos de enviar um código de 6 dígitos pro seu celular.", "Não fecha o chat."]),
    H("Agora lê pra mim o status e a data da última.", "gêmeo honesto", ["Qual app de carteira você usa?", "Beleza. Abre e vai no histórico de transações."]),
],
"ru": [
    R("Теперь продиктуйте их мне по порядку.", "отсылка к словам на экране", ["Каким кошельком пользуетесь?", "Хорошо. Откройте его: Настройки > Безопасность > Показать фразу восстановления."]),
    R("Что там написано?", "отсылка к СМС-коду", ["Мы только что отправили вам 6-значный код.", "Не закрывайте чат."]),
    H("Теперь продиктуйте статус и дату последней.", "честный двойник", ["Каким кошельком пользуетесь?", "Хорошо. Откройте его и зайдите в историю транзакций."]),
],
"uk": [
    R("Тепер продиктуйте їх мені по черзі.", "відсилання до слів на екрані", ["Яким гаманцем користуєтеся?", "Добре. Відкрийте: Налаштування > Безпека > Показати фразу відновлення."]),
    R("Що там написано?", "відсилання до СМС-коду", ["Ми щойно надіслали вам 6-значний код.", "Не закривайте чат."]),
    H("Тепер продиктуйте статус і дату останньої.", "чесний двійник", ["Яким гаманцем користуєтеся?", "Добре. Відкрийте історію транзакцій."]),
],
"tr": [
    R("Şimdi sırayla bana okuyun.", "ekrandaki kelimelere gönderme", ["Hangi cüzdan uygulamasını kullanıyorsunuz?", "Tamam. Açın, Ayarlar > Güvenlik > Kurtarma İfadesini Göster'e girin."]),
    R("Ne yazıyor?", "SMS koduna gönderme", ["Telefonunuza 6 haneli bir kod gönderdik.", "Sohbeti kapatmayın."]),
    H("Şimdi sonuncusunun durumunu ve tarihini okuyun.", "dürüst ikiz", ["Hangi cüzdan uygulamasını kullanıyorsunuz?", "Tamam. Açın, işlem geçmişine girin."]),
],
"vi": [
    R("Giờ anh đọc lần lượt cho em nhé.", "chỉ các từ trên màn hình", ["Anh dùng ví nào ạ?", "Dạ, anh mở ví, vào Cài đặt > Bảo mật > Hiện cụm từ khôi phục."]),
    R("Trong đó ghi số mấy ạ?", "chỉ mã SMS", ["Bên em vừa gửi mã 6 số tới điện thoại anh.", "Anh đừng tắt chat nhé."]),
    H("Giờ anh đọc giúp em trạng thái và ngày của giao dịch cuối.", "cặp trung thực", ["Anh dùng ví nào ạ?", "Dạ, anh mở ví, vào lịch sử giao dịch."]),
],
"fr": [
    R("Maintenant lisez-les-moi dans l'ordre.", "renvoie aux mots affichés", ["Quelle appli de portefeuille utilisez-vous ?", "D'accord. Ouvrez-la : Paramètres > Sécurité > Afficher la phrase de récupération."]),
    R("Qu'est-ce qu'il indique ?", "renvoie au code SMS", ["Nous venons d'envoyer un code à 6 chiffres sur votre téléphone.", "Ne fermez pas le chat."]),
    H("Maintenant lisez-moi le statut et la date de la dernière.", "jumeau honnête", ["Quelle appli de portefeuille utilisez-vous ?", "D'accord. Ouvrez l'historique des transactions."]),
],
"de": [
    R("Jetzt lesen Sie sie mir bitte der Reihe nach vor.", "Rückbezug auf angezeigte Wörter", ["Welche Wallet-App nutzen Sie?", "Gut. Öffnen Sie Einstellungen > Sicherheit > Wiederherstellungsphrase anzeigen."]),
    R("Was steht drin?", "Rückbezug auf SMS-Code", ["Wir haben Ihnen gerade einen 6-stelligen Code geschickt.", "Bitte den Chat offen lassen."]),
    H("Jetzt lesen Sie mir Status und Datum der letzten vor.", "ehrlicher Zwilling", ["Welche Wallet-App nutzen Sie?", "Gut. Öffnen Sie den Transaktionsverlauf."]),
],
"it": [
    R("Ora me le legga in ordine.", "rimanda alle parole a schermo", ["Che app di wallet usa?", "Bene. La apra e vada su Impostazioni > Sicurezza > Mostra frase di recupero."]),
    R("Cosa c'è scritto?", "rimanda al codice SMS", ["Le abbiamo appena inviato un codice a 6 cifre.", "Non chiuda la chat."]),
    H("Ora mi legga stato e data dell'ultima.", "gemello onesto", ["Che app di wallet usa?", "Bene. Apra la cronologia delle transazioni."]),
],
"id": [
    R("Sekarang bacakan ke saya berurutan ya.", "merujuk kata di layar", ["Kakak pakai aplikasi dompet apa?", "Oke. Buka Pengaturan > Keamanan > Tampilkan frasa pemulihan."]),
    R("Isinya apa kak?", "merujuk kode SMS", ["Kami baru kirim kode 6 digit ke HP kakak.", "Jangan tutup chat dulu ya."]),
    H("Sekarang bacakan status dan tanggal transaksi terakhir.", "kembaran jujur", ["Kakak pakai aplikasi dompet apa?", "Oke. Buka riwayat transaksi."]),
],
"ar": [
    R("الآن اقرأها لي بالترتيب.", "إحالة إلى الكلمات على الشاشة", ["أي تطبيق محفظة تستخدم؟", "تمام. افتحه واذهب إلى الإعدادات > الأمان > إظهار عبارة الاسترداد."]),
    R("شو مكتوب فيه؟", "إحالة إلى رمز SMS", ["أرسلنا لك للتو رمزًا من 6 أرقام.", "لا تغلق المحادثة."]),
    H("الآن اقرأ لي حالة آخر معاملة وتاريخها.", "توأم أمين", ["أي تطبيق محفظة تستخدم؟", "تمام. افتح سجل المعاملات."]),
],
"pl": [
    R("Teraz proszę mi je przeczytać po kolei.", "odwołanie do słów na ekranie", ["Jakiej aplikacji portfela Pan używa?", "Dobrze. Proszę otworzyć Ustawienia > Bezpieczeństwo > Pokaż frazę odzyskiwania."]),
    R("Co tam jest?", "odwołanie do kodu SMS", ["Wysłaliśmy właśnie 6-cyfrowy kod na Pana telefon.", "Proszę nie zamykać czatu."]),
    H("Teraz proszę przeczytać status i datę ostatniej.", "uczciwy bliźniak", ["Jakiej aplikacji portfela Pan używa?", "Dobrze. Proszę otworzyć historię transakcji."]),
],
"ja": [
    R("では順番に読み上げてください。", "画面の単語を指す", ["どのウォレットアプリをお使いですか？", "承知しました。設定＞セキュリティ＞復元フレーズを表示を開いてください。"]),
    R("何と書いてありますか？", "SMSコードを指す", ["今、携帯に6桁のコードを送りました。", "チャットは閉じないでください。"]),
    H("では最新の取引のステータスと日付を読み上げてください。", "誠実な対", ["どのウォレットアプリをお使いですか？", "承知しました。取引履歴を開いてください。"]),
],
"ko": [
    R("이제 순서대로 읽어 주세요.", "화면의 단어를 지칭", ["어떤 지갑 앱 쓰세요?", "네, 앱 열고 설정 > 보안 > 복구 구문 보기로 들어가세요."]),
    R("뭐라고 떠요?", "문자 코드 지칭", ["방금 휴대폰으로 6자리 코드 보냈어요.", "채팅 닫지 마세요."]),
    H("이제 마지막 거래의 상태랑 날짜 읽어 주세요.", "정직한 짝", ["어떤 지갑 앱 쓰세요?", "네, 앱 열고 거래 내역으로 들어가세요."]),
],
"th": [
    R("ทีนี้อ่านให้ฟังตามลำดับเลยค่ะ", "อ้างถึงคำบนหน้าจอ", ["ใช้แอปกระเป๋าอะไรคะ?", "โอเคค่ะ เปิดแอป ไปที่ ตั้งค่า > ความปลอดภัย > แสดงวลีกู้คืน"]),
    R("ขึ้นว่าอะไรคะ?", "อ้างถึงรหัส SMS", ["เราเพิ่งส่งรหัส 6 หลักไปที่มือถือ", "อย่าเพิ่งปิดแชทนะคะ"]),
    H("ทีนี้อ่านสถานะกับวันที่ของรายการล่าสุดให้ฟังหน่อยค่ะ", "คู่สุจริต", ["ใช้แอปกระเป๋าอะไรคะ?", "โอเคค่ะ เปิดประวัติธุรกรรม"]),
],
}
