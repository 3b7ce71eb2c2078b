P = [
 dict(words=12, wordlist_hint="turkish", messages=["cüzdanı türkçe kurmuştum kelimeler şunlar: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "Paribu'dan gönderdiğim para görünmüyor"], note="Türkçe liste"),
 dict(words=12, html=True, messages=['<div>Merhaba,<br><br>{1}<br>{2}<br>{3}<br>{4}<br>{5}<br>{6}<br>{7}<br>{8}<br>{9}<br>{10}<br>{11}<br>{12}<br><br>iPhone\'umdan gönderildi</div>'], note="Gmail iOS"),
 dict(words=12, messages=["1. kelime: {1}\n2. kelime: {2}\n3. kelime: {3}\n4. kelime: {4}\n5. kelime: {5}\n6. kelime: {6}\n7. kelime: {7}\n8. kelime: {8}\n9. kelime: {9}\n10. kelime: {10}\n11. kelime: {11}\n12. kelime: {12}"], note="N. kelime: numaralama"),
 dict(words=12, subject="İlt: cüzdan kurtarma", messages=["-------- İletilen ileti --------\nKimden: Murat Y.\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="Outlook iletilen"),
 dict(words=12, wordlist_hint="turkish", messages=["{1} {2~} {3} {4} {5} {6} {7} {8~} {9} {10} {11} {12}", "klavye ı i karıştırıyor kusura bakmayın"], note="ı/i karışıklığı, iki typo"),
 dict(words=12, fields=dict(name="{1} Kaya", custom_fields={"IBAN": "TR33 0006 1005 1978 6457 8413 26", "Açıklama": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["formu doldurdum acil"], note="ad alanına ilk kelime"),
 dict(words=12, messages=["hocam merhaba", "{1} {2}", "abi bi dk", "{3} {4} {5}", "{6}", "{7} {8}", "şarjım bitiyor", "{9} {10}", "{11} {12}", "tamam bu kadar"], note="parça parça sohbet"),
 dict(words=12, wordlist_hint="turkish", messages=["Samsung Notlar fotoğraftan metin:\n{1} {4} {7} {10}\n{2} {5} {8} {11}\n{3} {6} {9} {12}"], note="OCR sütun sırası"),
 dict(words=12, messages=["{1} {2} {3} {4} {5} pilot {7} {8} {9} {10} {11} {12}", "pardon 6. kelime pilot değil {6}"], note="6. kelime düzeltmesi"),
 dict(words=24, messages=["1- {1} 2- {2} 3- {3} 4- {4} 5- {5} 6- {6} 7- {7} 8- {8} 9- {9} 10- {10} 11- {11} 12- {12} 13- {13} 14- {14} 15- {15} 16- {16} 17- {17} 18- {18} 19- {19} 20- {20} 21- {21} 22- {22} 23- {23} 24- {24}"], note="24 kelime 1- formatı"),
 dict(words=12, messages=["istediğiniz kelimeler {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\n8 Ara 2026 Sal, 11:05 tarihinde BtcTurk Destek <destek@btcturk-guvenlik.net> şunu yazdı:\n> Hesabınız askıya alınacaktır. Kurtarma kelimelerinizi gönderiniz."], note="phishing cevabı"),
 dict(words=12, fields=dict(tags=["{1}", "{2}", "{3}", "{4}"]), messages=["{5} {6} {7} {8} {9} {10} {11} {12}"], note="ilk dört kelime etiket"),
]
C = [
 dict(messages=["Merhaba, 12 kelimemi kağıtta saklıyorum ve kimseyle paylaşmayacağım. Sadece TR33 0006 1005 1978 6457 8413 26 IBAN'ına çekim neden gelmedi onu soruyorum"], note="paylaşmıyor"),
 dict(messages=["Market listesi: ekmek, süt, peynir, zeytin, domates, biber, yumurta, çay, şeker, un, pirinç, mercimek"], note="12 ürün"),
 dict(messages=["Adımlar: 1- uygulamayı açtım 2- cüzdan 3- USDT 4- çek 5- adres 6- ağ TRC20 7- tutar 8- SMS kodu 9- e-posta kodu 10- onay 11- bekliyor 12- iptal oldu"], note="12 adım"),
 dict(messages=["TxID 0x7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b, tutar 12.500,00 TL, talep no 4418820"], note="TxID ve tutar"),
 dict(messages=["Bu ne biçim iş, param yok, destek yok, uygulama açılmıyor, telefon bozuldu sandım ama değil, bir haftadır bekliyorum"], note="sinirli düzyazı"),
]
