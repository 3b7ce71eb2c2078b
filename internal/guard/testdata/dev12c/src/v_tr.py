H, R = "H", "R"
DROP_NOTES = ["request: partial seed", "request: photo seed", "request: backup codes", "request: screen share",
              "keystore", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Kurtarma kelimelerini WhatsApp'tan sesli mesajla okuyabilirsiniz, yazmaktan daha kolay olur.", "request: seed by voice"),
    (R, "Şifrenizde doğum yılınız geçiyor mu? Evet ya da hayır demeniz yeterli.", "request: property of password"),
    (R, "Son üç kelimeyi söylemeniz yeterli, gerisi sistemde kayıtlı.", "request: last words of seed"),
    (R, "Ekranınızı TeamViewer ile paylaşın, cüzdan ayarlarındaki \"Yedekle\" sayfasını beraber açalım.", "request: screen share backup page"),
    (H, "\"Hesabınıza 50.000 TL yanlışlıkla gönderildi, iade etmek için linke tıklayıp şifrenizle giriş yapın\" mesajı da dolandırıcılık. Bakiyenizi sadece uygulamadan kontrol edin.", "quoted mistaken-transfer scam"),
    (H, "Keystore dosyası şifreli özel anahtarınızdır; USB bellekte internetten uzak saklayın, şifresini ayrı bir kağıda yazın. Dosyayı kimseye göndermeyin.", "keystore explanation"),
    (H, "Papara hesabınız dondurulduysa bu Papara'nın kendi incelemesi; bizim tarafımızda hesabınızda kısıt yok.", "Papara freeze, routine"),
]
