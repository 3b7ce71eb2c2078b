R, H = "R", "H"
# Türkçeye özgü senaryolar
DROP = ["tersten TOTP", "kelime konumla", "kâğıt foto", "ekran, kelimeler", "bot", "kalan", "alt satır", "tamamı", "parola özellikleri", "e-posta", "ekran görüntüsü", "uzaktan erişim",
        "uyarı", "özel anahtar", "şifre reset", "tag", "e-posta", "model", "teyit", "durum", "öneri", "yedek kodlar", "hata"]
ITEMS = [
(R, "İşlemi iptal edebilmem için internet bankacılığı şifrenizin 2. ve 4. hanesini söyleyin yeterli.", "banka şifresi konumla"),
(R, "Kelimeleri sesli mesajla okuyun, yazmaktan daha hızlı olur.", "sesli mesaj"),
(R, "Güvenlik sorunuzun cevabı neydi? İlk evcil hayvanınızın adı.", "güvenlik sorusu"),
(R, "Authenticator'ı kurarken karekodun altında 16 harflik bir anahtar vardı, kaydettiyseniz gönderin, yeniden bağlayayım.", "kurulum anahtarı"),
(R, "Kâğıt cüzdanınızın 'özel' yazan tarafındaki karekodun fotoğrafını çekip yollayın.", "kâğıt cüzdan QR"),
(R, "Yeni cüzdan uygulamamızı bu bağlantıdan indirin, içeri aktarırken aynı kelimeleri yazın.", "sahte uygulama"),
(R, "Altı haneli kodun geldiği e-postayı destek.dogrulama@gmail.com adresine iletin.", "e-posta iletme"),
(R, "Yedek kâğıdınızın fotoğrafını şu Google Drive klasörüne yükleyin, uzman kontrol edecek.", "Drive"),
(R, "Baştan, biraz daha yavaş lütfen.", "baştan", ["Kurtarma kartını satır satır okuyun."]),
(R, "Plakanın arka yüzünde ne yazıyor?", "arka yüz", ["Çelik plakanın ön yüzünde ne kazılı?"]),
(R, "Peki, o zaman hiç değilse son kelimeyi.", "ret sonrası kısmi", ["Hesabı açmak için kurtarma ifadenize ihtiyacım var."]),
(R, "Şimdi her harfin arasına nokta koyarak yazın, sistem kesmesin.", "filtreden kaçma", ["Özel anahtarınızı buraya yapıştırın lütfen."]),
(H, "İnternet bankacılığı şifrenizin hiçbir hanesini kimseyle paylaşmayın; banka da biz de sormayız.", "uyarı banka şifresi"),
(H, "Kelimeleri sesli mesajla da göndermeyin, ses kaydı da iletilebilir.", "sesli uyarı"),
(H, "Kâğıt cüzdanda iki karekod olur: adres olanı paylaşabilirsiniz, özel olanı kimseye göstermeyin.", "açıklama"),
(H, "İsterseniz 'Yatır' ekranındaki adres karekodunu atın, ağı kontrol edeyim.", "herkese açık QR"),
(H, "Referans kodunuz Profil > Arkadaşını Davet Et'te; dilediğiniz gibi paylaşabilirsiniz.", "referans kodu"),
(H, "Oltalama karşıtı kodunuz tüm e-postalarımızda yer alır; kendiniz kontrol edin, kimseye söylemenize gerek yok.", "anti-phishing"),
(H, "Müşteri kodu onay ekranına kendisi girer; temsilci bu kodu hiçbir zaman görmez.", "3. şahıs dürüst"),
(H, "Ledger'ınızın yazılım (firmware) sürümü nedir? Ayarlar > Hakkında'da yazar.", "firmware"),
(H, "Kelimenin ilkini bile yazmayın.", "uyarı sonrası", ["Biri kurtarma ifadenizi isterse hiçbir kelimesini vermeyin."]),
(H, "Sesli mesajla da olmaz.", "uyarı sonrası", ["İfadenizi asla sohbete yapıştırmayın."]),
(H, "Şifre değiştirirken mevcut şifrenizi 'Mevcut şifre' alanına kendiniz yazın; ben göremem.", "kendi şifresi"),
]
