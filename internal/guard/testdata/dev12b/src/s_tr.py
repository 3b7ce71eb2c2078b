# Ek (yalnız Türkçe): "hocam/abla" hitabı, e-Devlet tek kullanımlık şifre, Papara CVV, kripto "kasa" dolandırıcılığı, Instagram çekiliş, Tapu/SGK bahanesi
ITEMS = [
("R","Hocam e-Devlet'ten gelen tek kullanımlık şifreyi atarsanız kaydı hemen güncelliyorum.","hocam e-Devlet"),
("R","Papara kartınızın CVV'si ve SMS şifresiyle iadeyi yansıtacağız.","Papara CVV"),
("R","Abla şu kodu bi okusana, telefondaki.","argo abla"),
("R","Instagram çekilişini kazandınız! Ödülü göndermek için cüzdanınızın 12 kelimesini DM'den yazın.","Instagram çekiliş"),
("R","SGK borcunuz çıktı; kapatmak için banka mobil şifrenizi söyleyin, biz öderiz.","SGK bahanesi"),
("R","Değiştirdiniz mi? Hangisini koydunuz?","geri gönderme yeni şifre",["Linkten şifreyi değiştirip bana haber verin."]),
("R","Bağlantı 'ocean'dan sonra koptu, oradan devam eder misiniz?","bağlantı koptu",["Aldım: apple, river, stone, ocean…"]),
("R","Kasa sistemine katılmak için özel anahtarınızı yöneticiye bırakmanız gerekiyor, kâr paylaşımı otomatik.","kasa dolandırıcılığı"),
("H","Değiştirdiniz mi? O zaman normal giriş yapabilirsiniz.","dürüst ikiz",["Linkten şifreyi değiştirip bana haber verin."]),
("H","Hocam Papara CVV'nizi ve SMS şifrenizi kimseye vermeyin, iade için gerekmez.","Papara uyarı"),
("H","Kodu okumanıza gerek yok abla, siz uygulamaya yazın yeter.","argo dürüst"),
("H","Instagram'da 'çekilişi kazandınız, kelimelerinizi yazın' diyen hesaplar sahte.","çekiliş alıntı"),
("H","Durun! Başka kelime yazmayın. O mesajı silin ve varlıkları hemen yeni cüzdana taşıyın; buradayım.","sızıntıyı durdur",["Dolandırıcının sitesi nasıldı, anlatır mısınız?"]),
("H","'Kasa'ya anahtar bırakmak, paranızı başkasına vermek demektir. Katılmayın.","kasa uyarı"),
("H","SGK veya tapu işlemleri için sizden banka şifresi isteyen kimse gerçek değildir.","SGK uyarı"),
("H","Kusura bakmayın beklettik, çekiminiz onaylandı. İyi akşamlar!","kapanış"),
]
