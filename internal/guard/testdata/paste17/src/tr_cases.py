from common import P, C
PASTES = [
P(12, ["İletildi\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "abim gönderdi bunu, hesabı kurtarabilir misiniz"], "WhatsApp forwarded label"),
P(12, ["cüzdanım türkçe kelimeler verdi: {1} {2} {3} {4} {5~} {6} {7} {8} {9} {10} {11} {12}"], "Turkish list, dotless i typed as i in word 5", wordlist_hint="turkish"),
P(12, ["birinci kelime {1} ikinci kelime {2} üçüncü kelime {3} dördüncü {4} beşinci {5} altıncı {6} yedinci {7} sekizinci {8} dokuzuncu {9} onuncu {10} on birinci {11} on ikinci {12}"], "Gboard TR voice typing with ordinals", wordlist_hint="turkish"),
P(12, ["<div>Merhaba,</div><div>{1} {2} {3} {4} {5} {6}</div><div>{7} {8} {9} {10} {11} {12}</div><div><br></div><div>Android için <a href=\"https://aka.ms/AAb9ysg\">Outlook</a>'tan gönderildi</div>"], "Outlook Android TR HTML", html=True),
P(12, ["kelimeler: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\n3 Ara 2026 Per 16:40 tarihinde Destek <destek@ornek.com.tr> şunu yazdı:\n> Talebiniz alınmıştır."], "Gmail reply with Turkish quote header"),
P(12, ["İletilen mesaj\nOKX TR Destek: cüzdan doğrulaması için 12 kelimenizi yazın", "ben de yazdım: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "dolandırıcı mı bunlar?"], "Telegram forward from fake support"),
P(12, ["IBAN TR33 0006 1005 1978 6457 8413 26, tutar 12.450,75 TL, kelimelerim {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "IBAN, amount and phrase in one message"),
P(12, ["para çekemiyorum"], "first word in Ad Soyad, rest in Açıklama", fields={"name": "{1} Demir", "custom_fields": {"Açıklama": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "TC Kimlik (son 4)": "4417"}}),
P(12, ["ingilizce klavyeden yaziyorum kusura bakmayin, kurtarma kelimeleri {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Turkish framing without Turkish letters"),
P(12, ["Notlar\n4 Aralık 2026 23:05\nCüzdan yedek\n{1} {2} {3} {4}\n{5} {6} {7} {8}\n{9} {10} {11} {12}"], "Samsung Notes export"),
P(12, ["{1}.{2}.{3}.{4}.{5}.{6}.{7}.{8}.{9}.{10}.{11}.{12}"], "words joined by dots"),
P(18, ["ledger kağıdından:\n1 {1} 7 {7} 13 {13}\n2 {2} 8 {8} 14 {14}\n3 {3} 9 {9} 15 {15}\n4 {4} 10 {10} 16 {16}\n5 {5} 11 {11} 17 {17}\n6 {6} 12 {12} 18 {18}"], "Ledger sheet three columns read by rows, 18 words"),
P(12, ["bro acil yardım, seed bu: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Turkish-English mix"),
]
CLEAN = [
C(["Merhaba, 12 kelimem kağıtta yazılı ve kasada duruyor, kimseyle paylaşmayacağım. Sadece çekim talebim neden beklemede onu öğrenmek istiyorum."], "keeps words safe"),
C(["Alışveriş listesi: süt, ekmek, peynir, zeytin, domates, biber, soğan, elma, muz, çay, şeker, sabun"], "12-item list"),
C(["IBAN: TR12 0001 0012 3456 7890 1234 56, alıcı Ayşe Yılmaz, tutar 5.000,00 TL, işlem no 20261204-77"], "public bank data"),
C(["Yaptıklarım: 1. uygulamayı açtım 2. coin seçtim 3. adres yapıştırdım 4. tutar girdim 5. onayladım 6. bekledim 7. geçmişe baktım 8. telefonu kapattım 9. açtım 10. tekrar denedim 11. yazdım 12. olmadı"], "12 steps"),
C(["Muhasebecime vereceğim xpub: xpub6Bm7WqZ3KZtTf3SUr9mG6HHo9fQdMnbjoLs5n6nwKLKr4E4DWnJXh9tUTn9e3BUg4oVqYLGbcVGTSTp9m1K8D4sT4A8kQJ5ymZQvQ2dHkBm"], "xpub for accountant"),
]
PASTES += [
P(15, ["15 kelimelik eski cüzdan: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15}"], "15 words"),
]
CLEAN += [
C(["İyi akşamlar, dün banka kartı ile para yatırdım, bakiye hala sıfır, müşteri hizmetleri cevap vermiyor, lütfen hesabımı kontrol edin"], "prose with Turkish-list words"),
]
