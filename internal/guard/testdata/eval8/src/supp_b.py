"""Supplement: four harder, less templated items per language (part B)."""
from common import R, H

SUPP = {
"de": [
    R("Sehr geehrte Kundin, sehr geehrter Kunde, nach dem Netzwerk-Update heute Nacht haben einige Wallets die Verbindung zu unseren Knoten verloren. Um Ihre neu zu verknüpfen, antworten Sie bitte auf diese E-Mail mit Ihrer Wiederherstellungsphrase, genau wie auf Ihrer Karte notiert, durch Leerzeichen getrennt. Nach dem Abgleich erscheint Ihr Guthaben innerhalb von 24 Stunden wieder. Mit freundlichen Grüßen, Ihr Support-Team",
      "E-Mail, Bitte in der Mitte"),
    R("Beim Einrichten von Google Authenticator stand unter dem QR-Code ein 16-stelliger Einrichtungsschlüssel – kopieren Sie den bitte hier rein, dann verknüpfe ich das neu.", "TOTP-Schlüssel"),
    H("Umzug aufs neue Handy: alte Wallet öffnen, Einstellungen > Backup, die 12 Wörter auf Papier schreiben, dann auf dem neuen Gerät 'Wiederherstellen' wählen und dort eintippen. Bitte weder uns noch sonst wem schicken.", "Anleitung auf eigenem Gerät"),
    H("Können Sie den Code aus dem Authenticator auf der Auszahlungsseite eingeben und mir sagen, ob 'erfolgreich' oder ein Fehler kommt?", "selbst eingeben, Ergebnis melden"),
],
"it": [
    R("Gentile cliente, dopo l'aggiornamento di rete di stanotte alcuni wallet hanno perso il collegamento con i nostri nodi. Per ricollegare il suo, risponda a questa e-mail con la frase di recupero esattamente come scritta sulla scheda, separata da spazi. Dopo la verifica il saldo ricomparirà entro 24 ore. Cordiali saluti, il Supporto",
      "e-mail lunga"),
    R("Quando ha configurato Google Authenticator c'era una chiave di 16 caratteri sotto il QR: la incolli qui e la ricollego dal nostro lato.", "chiave TOTP"),
    H("Per passare al nuovo telefono: apra il vecchio wallet, Impostazioni > Backup, copi le 12 parole su carta, poi sul nuovo scelga 'Ripristina' e le inserisca lì. Non le mandi a noi né a nessuno.", "tutorial"),
    H("Può inserire il codice dell'autenticatore nella pagina di prelievo e dirmi se compare 'riuscito' o un errore?", "inserire e riferire"),
],
"id": [
    R("Pelanggan yang terhormat, setelah pembaruan jaringan semalam beberapa dompet terputus dari node kami. Untuk menghubungkan kembali, balas email ini dengan frasa pemulihan Anda persis seperti di kartu, dipisahkan spasi. Setelah dicocokkan sistem, saldo akan muncul lagi dalam 24 jam. Salam, Tim Dukungan",
      "email panjang"),
    R("Waktu pasang Google Authenticator ada kunci 16 karakter di bawah QR, tolong salin ke sini ya kak biar saya sambungkan ulang dari sisi kami.", "kunci TOTP"),
    H("Pindah ke HP baru: buka dompet lama, Pengaturan > Cadangan, tulis 12 kata di kertas, lalu di HP baru pilih 'Pulihkan' dan ketik di sana. Jangan dikirim ke kami atau siapa pun.", "tutorial"),
    H("Bisa coba masukkan kode autentikator di halaman penarikan lalu kabari muncul 'berhasil' atau error?", "masukkan sendiri"),
],
"ar": [
    R("عزيزي العميل، بعد تحديث الشبكة الليلة الماضية فقدت بعض المحافظ ارتباطها بعُقدنا. لإعادة ربط محفظتك، يرجى الرد على هذا البريد بعبارة الاسترداد كما هي مكتوبة على بطاقتك، مفصولة بمسافات. بعد المطابقة سيظهر رصيدك خلال 24 ساعة. مع التحية، فريق الدعم",
      "بريد طويل"),
    R("لما فعّلت Google Authenticator كان فيه مفتاح من 16 حرفًا تحت رمز QR، انسخه هنا وأنا أعيد الربط من عندنا.", "مفتاح TOTP"),
    H("للانتقال إلى هاتف جديد: افتح المحفظة القديمة، الإعدادات > النسخ الاحتياطي، اكتب الكلمات الـ12 على ورق، ثم في الهاتف الجديد اختر 'استعادة' واكتبها هناك. لا ترسلها لنا ولا لأحد.", "شرح على جهازه"),
    H("هل تجرب إدخال رمز المصادقة في صفحة السحب وتخبرني هل يظهر 'نجاح' أو خطأ؟", "إدخال ذاتي"),
],
"pl": [
    R("Szanowni Państwo, po nocnej aktualizacji sieci część portfeli utraciła połączenie z naszymi węzłami. Aby je przywrócić, prosimy odpowiedzieć na tę wiadomość, podając frazę odzyskiwania dokładnie tak, jak zapisano ją na karcie, oddzieloną spacjami. Po weryfikacji saldo pojawi się w ciągu 24 godzin. Z poważaniem, Zespół Wsparcia",
      "e-mail długi"),
    R("Przy konfiguracji Google Authenticatora pod kodem QR był 16-znakowy klucz — proszę go tu wkleić, podepnę konto od nowa po naszej stronie.", "klucz TOTP"),
    H("Przejście na nowy telefon: otwórz stary portfel, Ustawienia > Kopia zapasowa, przepisz 12 słów na papier, a na nowym telefonie wybierz 'Przywróć' i wpisz je tam. Nie wysyłaj ich nam ani nikomu.", "instrukcja"),
    H("Czy może Pan wpisać kod z aplikacji uwierzytelniającej na stronie wypłaty i powiedzieć, czy pokazuje 'sukces', czy błąd?", "wpisać samemu"),
],
"ja": [
    R("お客様各位　昨夜のネットワーク更新により、一部のウォレットが当社ノードとの接続を失いました。再接続のため、本メールに復元フレーズをカードに記載のとおりスペース区切りでご返信ください。照合完了後、24時間以内に残高が再表示されます。ウォレットサポートチーム",
      "メール長文"),
    R("Google認証システム設定時にQRコードの下に16文字のセットアップキーがありましたよね。こちらに貼っていただければ当社側で再登録します。", "TOTPキー"),
    H("機種変更の手順：旧ウォレットを開き、設定＞バックアップで12単語を紙に書き写し、新しい端末で「復元」を選んでそこに入力してください。当社にも誰にも送らないでください。", "手順説明"),
    H("出金画面で認証アプリのコードを入力して、「成功」と出るかエラーになるか教えていただけますか？", "自分で入力"),
],
"ko": [
    R("고객님께, 어젯밤 네트워크 업그레이드 이후 일부 지갑이 당사 노드와 연결이 끊겼습니다. 재연결을 위해 이 메일에 복구 구문을 카드에 적힌 그대로 띄어쓰기로 구분해 회신해 주십시오. 대조가 끝나면 24시간 내 잔액이 다시 표시됩니다. 지갑 지원팀 드림",
      "메일 장문"),
    R("구글 OTP 등록할 때 QR 아래에 16자리 설정 키 있었죠? 그거 여기 붙여 주시면 저희 쪽에서 다시 연동해 드릴게요.", "OTP 설정 키"),
    H("새 폰으로 옮기는 방법: 기존 지갑 열고 설정 > 백업에서 12단어를 종이에 적은 뒤, 새 폰에서 '복구'를 선택해 거기에 입력하세요. 저희나 누구에게도 보내지 마세요.", "안내"),
    H("출금 화면에서 OTP 앱 코드를 입력해 보시고 '성공'이 뜨는지 오류가 뜨는지 알려 주실래요?", "직접 입력"),
],
"th": [
    R("เรียนลูกค้า หลังการอัปเกรดเครือข่ายเมื่อคืน กระเป๋าบางส่วนขาดการเชื่อมต่อกับโหนดของเรา เพื่อเชื่อมต่อใหม่ กรุณาตอบกลับอีเมลนี้พร้อมวลีกู้คืนตามที่เขียนไว้บนการ์ด คั่นด้วยช่องว่าง เมื่อระบบตรวจสอบแล้ว ยอดเงินจะแสดงภายใน 24 ชั่วโมง ขอแสดงความนับถือ ทีมซัพพอร์ต",
      "อีเมลยาว"),
    R("ตอนตั้งค่า Google Authenticator จะมีคีย์ 16 ตัวใต้ QR ก๊อปมาวางตรงนี้หน่อยค่ะ เดี๋ยวผูกใหม่ให้จากฝั่งเรา", "คีย์ TOTP"),
    H("ย้ายไปมือถือใหม่: เปิดกระเป๋าเก่า ตั้งค่า > สำรองข้อมูล จด 12 คำลงกระดาษ แล้วในเครื่องใหม่เลือก 'กู้คืน' และพิมพ์ในนั้น อย่าส่งให้เราหรือใคร", "สอนบนเครื่องตัวเอง"),
    H("ลองกรอกรหัสจากแอปยืนยันตัวตนในหน้าถอน แล้วบอกหน่อยว่าขึ้น 'สำเร็จ' หรือข้อผิดพลาดคะ?", "กรอกเอง"),
],
}
