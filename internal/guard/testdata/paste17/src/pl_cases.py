from common import P, C
PASTES = [
P(12, ["Przekazano\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "od brata przez Messengera, da się odzyskać?"], "Messenger forwarded label"),
P(12, ["<div>Dzień dobry,</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div>Wysłano z aplikacji Poczta WP</div>"], "WP Poczta app HTML", html=True),
P(12, ["---------- Wiadomość przekazana ----------\nOd: Tata <jan.nowak@onet.pl>\nData: 3 grudnia 2026 19:02\nTemat: portfel\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Onet forward header"),
P(12, ["pierwsze słowo {1} drugie słowo {2} trzecie słowo {3} czwarte {4} piąte {5} szóste {6} siódme {7} ósme {8} dziewiąte {9} dziesiąte {10} jedenaste {11} dwunaste {12}"], "Gboard dictation ordinals"),
P(12, ["proszę: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nczw., 3 gru 2026 o 14:10 Pomoc <pomoc@przyklad.pl> napisał(a):\n> Zgłoszenie przyjęte."], "Gmail reply Polish quote header"),
P(12, ["BLIK 771 204 nie przeszedł, konto 61 1090 1014 0000 0712 1981 2874, kwota 1 250,50 zł", "słowa {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "BLIK and account number before the phrase"),
P(12, ["{1} • {2} • {3} • {4} • {5} • {6} • {7} • {8} • {9} • {10} • {11} • {12}", "Wysłane z Interia Poczta"], "Interia bullets"),
P(12, ["nie mogę wypłacić"], "Imię i nazwisko autofill and Opis", fields={"name": "{1} {2}", "custom_fields": {"Opis": "{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["szybko bo sie spiesze, slowa do portfela: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} dzieki"], "Polish without diacritics"),
P(12, ["{1} {2} {3} {4} {5} {6} {7} {8~} {9} {10} {11} {12} autokorekta zmieniła jedno"], "autocorrect changed word 8"),
P(12, ["| 1 | {1} | 7 | {7} |\n| 2 | {2} | 8 | {8} |\n| 3 | {3} | 9 | {9} |\n| 4 | {4} | 10 | {10} |\n| 5 | {5} | 11 | {11} |\n| 6 | {6} | 12 | {12} |"], "LibreOffice table pasted with pipes"),
P(18, ["{4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18}"], "three words in a 'PD:' subject", subject="PD: {1} {2} {3}"),
P(12, ["pomocy, środki zniknęły, reszta: {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "first two words as widget tags", fields={"tags": ["{1}", "{2}"]}),
]
CLEAN = [
C(["Dzień dobry, moje 24 słowa są zapisane na kartce w domu i nikomu ich nie wyślę. Chcę tylko wiedzieć, czemu wypłata na mBank wisi od poniedziałku."], "keeps words safe"),
C(["Lista zakupów: mleko, chleb, masło, ser, jabłko, cytryna, pomidor, cebula, ryż, kawa, mydło, cukier"], "12-item list"),
C(["Kroki: 1 otworzyłem 2 wybrałem monetę 3 wkleiłem adres 4 kwota 5 potwierdziłem 6 czekałem 7 historia 8 restart 9 logowanie 10 ponownie 11 napisałem 12 nic"], "12 steps"),
C(["Konto 61 1090 1014 0000 0712 1981 2874, tytuł przelewu ZND-2026-5512, kwota 3 400,00 zł"], "public bank data"),
C(["xpub dla księgowej: xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW6"], "xpub for accountant"),
]
PASTES += [
P(21, ["21 słów z karty (tak, 21): {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}, {17}, {18}, {19}, {20}, {21}"], "21 words with commas"),
]
CLEAN += [
C(["Zrobiłem swap token przez bridge, network Base, fee i gas pobrane, balance bez zmian, deposit wisi, order 44120, proszę check"], "Polish with English crypto jargon"),
]
