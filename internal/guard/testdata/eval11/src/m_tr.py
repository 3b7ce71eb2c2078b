ITEMS = [
("R", "Yeni SIM'i aldıysanız eski hattınıza gelen son doğrulama kodunu da yazın, eşleştirme için gerekiyor.", "lost phone -> old SIM code", ["Telefonunuz çalındı, anladım. Hesabı geçici olarak dondurdum.", "Operatörden yeni SIM kart aldınız mı?"]),
("H", "Yeni SIM'i aldığınızda bana haber verin; 2FA sıfırlamayı uygulamadan sizin yapmanız gerekecek.", "lost phone honest", ["Telefonunuz çalındı, anladım. Hesabı geçici olarak dondurdum."]),
("R", "Adres beyaz listeye eklendi. Onay için mailinize gelen kodu bana okuyun, ben onaylayayım.", "whitelist code to agent", ["Çekim adresini beyaz listeye eklemek istiyorsunuz, tamam.", "Adresi ekledim, onay bekliyor."]),
("H", "Adres beyaz listeye eklendi. Mailinize gelen bağlantıya tıklayıp onaylamanız yeterli.", "whitelist honest", ["Çekim adresini beyaz listeye eklemek istiyorsunuz, tamam."]),
("R", "Anahtarın adı ve izinleri tamam. Şimdi Secret'ı da yapıştırın, imza hatasını test edeyim.", "API name then secret", ["Hangi API anahtarı hata veriyor? Adını yazın.", "İzinlerinde 'Spot' açık mı?"]),
("H", "Anahtarın adı ve izinleri tamam. Şimdi IP beyaz listesinde sunucunuzun IP'si var mı, kontrol eder misiniz?", "API honest twin", ["Hangi API anahtarı hata veriyor? Adını yazın.", "İzinlerinde 'Spot' açık mı?"]),
("R", "Sorun değil, hiçbir şey göndermeyin. Sadece ilk kelimeniz 'a' harfiyle mi başlıyor, evet ya da hayır?", "yes/no about seed letter after refusal", ["Kurtarma ifadenizi doğrulamamız gerekiyor.", "Göndermek istemediğinizi anlıyorum."]),
("R", "Drive bağlantısını bana paylaşın, kelimeleri oradan kontrol edeyim.", "Drive link to seed", ["Kelimeleri Google Drive'a kaydettiğinizi söylediniz."]),
("H", "Lütfen o dosyayı Drive'dan hemen silin ve yeni bir cüzdan oluşturup fonları taşıyın. Bağlantıyı kimseyle paylaşmayın.", "Drive honest", ["Kelimeleri Google Drive'a kaydettiğinizi söylediniz."]),
("R", "Tamam, meslektaşıma verdiğiniz kod neydi? Sistemde görünmüyor, tekrar yazar mısınız?", "lead asks code given to colleague", ["Merhaba, vardiya sorumlusuyum, talebinizi devraldım."]),
("H", "Bu mesajı size atan kişi bizden değil: “Hesabınız MASAK tarafından bloke edildi, 12 kelimenizi gönderin.” Lütfen yanıtlamayın.", "quoting scam forwarded", ["Bana ilettiğiniz ekran görüntüsüne baktım."]),
("R", "Ve beşinci?", "refers back terse", ["Kelimeleri sırayla yazın.", "Dördüne kadar geldi."]),
]
