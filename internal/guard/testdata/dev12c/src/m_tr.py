H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Belgeler ulaştı, teşekkürler. MASAK kontrolü tamamlandı, çekim kısıtlaması kaldırıldı.", "AML docs received", ["Fonların kaynağı için maaş bordronuzu Belge Yükle ekranından gönderebilir misiniz?"]),
    (H, "Tamam, operatör hattı kapattıysa yeni SIM'i aldıktan sonra girişte SMS kodunu kendiniz girersiniz. O zamana kadar hesap donuk kalacak.", "SIM swap follow-up", ["Hattınızı operatöre kapattırdınız mı?"]),
    (H, "Evet, o PDF yeterli. Yükledikten sonra doğrulama 1 iş günü içinde sonuçlanır.", "e-Devlet doc follow-up", ["Yerleşim yeri belgesini e-Devlet'ten kendiniz indirebildiniz mi?"]),
    (H, "Ekran görüntüsünde alıcı adı farklı görünüyor, bu yüzden iade edildi. Kendi adınıza açık hesaptan tekrar gönderirseniz sorunsuz geçer.", "after receipt screenshot", ["Havale dekontunun ekran görüntüsünü atar mısınız?"]),
    (H, "Gönderdiğiniz mesajı sildim, kayıtlarda kalmayacak. Kelimeleri başka bir yere yazdığınız için bugün yeni cüzdan açıp bakiyeyi aktarın lütfen.", "stop-mid-leak", ["Lütfen kurtarma kelimelerini buraya yazmayın."]),
    (H, "Anladım, şifreyi sahte siteye girmişsiniz. Hemen \"Şifremi unuttum\" ile yenisini belirleyin, ben de bu arada çekimleri durduruyorum.", "after customer says they typed password on phishing site", ["Linke tıkladıktan sonra bir şey yazdınız mı?"]),
    (R, "Dekont tamam. Havaleyi eşleştirmem için bankanızın size gönderdiği onay SMS'indeki kodu da yazar mısınız?", "request: bank SMS code after receipt", ["Dekontun ekran görüntüsünü atar mısınız?"]),
    (R, "Yeni SIM gelene kadar beklemeyelim; e-posta şifrenizi verin, gelen doğrulama kodunu ben alıp girerim.", "request: e-mail password", ["Hattınız kapalı olduğu için SMS gelmiyor, biliyorum."]),
    (H, 'TxID alabilir miyim?', 'very short: TxID'),
    (H, 'Aldım, bakıyorum.', 'very short ack', ["Çekim ID'sini buraya yazar mısınız?"]),
]
