P = [
 dict(words=12, messages=["dzień dobry", "Exodus pokazuje zero", "{1} {2} {3} {4}", "sekundka", "{5} {6} {7} {8}", "{9} {10} {11} {12}", "proszę o szybką odpowiedź"], note="trzy wiadomości po cztery"),
 dict(words=12, html=True, messages=['<div>Dzień dobry,<br>{1}<br>{2}<br>{3}<br>{4}<br>{5}<br>{6}<br>{7}<br>{8}<br>{9}<br>{10}<br>{11}<br>{12}<br><br>Wysłano z aplikacji Poczta WP</div>'], note="WP Poczta"),
 dict(words=12, messages=["---------- Przekazana wiadomość ----------\nOd: Tomek <tomek85@onet.pl>\nTemat: seed\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="Onet przekazana"),
 dict(words=12, messages=["słowo nr 1: {1}\nsłowo nr 2: {2}\nsłowo nr 3: {3}\nsłowo nr 4: {4}\nsłowo nr 5: {5}\nsłowo nr 6: {6}\nsłowo nr 7: {7}\nsłowo nr 8: {8}\nsłowo nr 9: {9}\nsłowo nr 10: {10}\nsłowo nr 11: {11}\nsłowo nr 12: {12}"], note="słowo nr N"),
 dict(words=12, messages=["tekst ze zdjęcia:\n{1} {2} {3}\n{4} {5} {6~}\n{7} {8} {9}\n{10} {11} {12}"], note="OCR, jedna literówka"),
 dict(words=12, fields=dict(custom_fields={"PESEL": "85010112345", "Numer konta": "61 1090 1014 0000 0712 1981 2874", "Uwagi": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["wpisałem w uwagach"], note="pole Uwagi"),
 dict(words=12, messages=["{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} zebra", "przepraszam, 12. słowo to {12} a nie zebra"], note="korekta 12."),
 dict(words=12, subject="PD: portfel {1} {2} {3}", messages=["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="temat PD:"),
 dict(words=12, messages=["{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nW dniu 08.12.2026 o 10:14, Zonda Bezpieczeństwo <security@zonda-weryfikacja.pl> pisze:\n> Prosimy o potwierdzenie frazy odzyskiwania w ciągu 24h."], note="odpowiedź na phishing"),
 dict(words=12, messages=["pierwsza połowa: {1} {2} {3} {4} {5} {6}", "a tak w ogóle BLIK nie przeszedł wczoraj, kod 123 456 wygasł", "druga: {7} {8} {9} {10} {11} {12}"], note="połowy z rozmową o BLIK"),
 dict(words=21, messages=["Samsung Notes\nportfel\n8 gru 2026\n{1} {2} {3} {4} {5} {6} {7}\n{8} {9} {10} {11} {12} {13} {14}\n{15} {16} {17} {18} {19} {20} {21}"], note="21 słów z notatki"),
 dict(words=12, messages=["{1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} | {9} | {10} | {11} | {12}"], note="separator |"),
]
C = [
 dict(messages=["Dzień dobry, moje 12 słów trzymam na kartce w domu i nikomu ich nie wyślę. Pytam tylko o przelew na 61 1090 1014 0000 0712 1981 2874, kwota 1 250,50 zł"], note="nie wysyła"),
 dict(messages=["Lista zakupów: chleb, mleko, masło, ser, jajka, jabłka, kawa, herbata, cukier, mąka, makaron, pomidory"], note="12 rzeczy"),
 dict(messages=["Kroki: 1. otworzyłem aplikację 2. portfel 3. wypłata 4. USDT 5. adres 6. sieć 7. kwota 8. kod SMS 9. kod e-mail 10. potwierdź 11. oczekuje 12. anulowano"], note="12 kroków"),
 dict(messages=["Hash 0x6c8e0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b0d2f4a6c8e0b2d4f1a3c5e7b9d1f, zlecenie nr 2026/12/08/4411, adres 0x976EA74026E726554dB657fA54763abd0C3a0aa9"], note="dane publiczne"),
 dict(messages=["Jestem wściekły, trzeci raz piszę, pieniądze zniknęły, aplikacja się wiesza, nikt nie odbiera telefonu, proszę o kontakt"], note="proza"),
]
