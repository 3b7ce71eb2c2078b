P = [
 dict(words=12, html=True, messages=['<div>Hallo,<br>hier meine Wörter:<br>{1}<br>{2}<br>{3}<br>{4}<br>{5}<br>{6}<br>{7}<br>{8}<br>{9}<br>{10}<br>{11}<br>{12}<br><br>Von meinem Android-Gerät gesendet</div>'], note="GMX Android"),
 dict(words=24, messages=["BitBox02 Backup:\nWort 1: {1}\nWort 2: {2}\nWort 3: {3}\nWort 4: {4}\nWort 5: {5}\nWort 6: {6}\nWort 7: {7}\nWort 8: {8}\nWort 9: {9}\nWort 10: {10}\nWort 11: {11}\nWort 12: {12}\nWort 13: {13}\nWort 14: {14}\nWort 15: {15}\nWort 16: {16}\nWort 17: {17}\nWort 18: {18}\nWort 19: {19}\nWort 20: {20}\nWort 21: {21}\nWort 22: {22}\nWort 23: {23}\nWort 24: {24}"], note="BitBox02 Wort N:"),
 dict(words=12, messages=["Anbei wie gewünscht:\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nAm 08.12.26 um 09:41 schrieb Bitpanda Sicherheit:\n> Sehr geehrter Kunde, bitte bestätigen Sie Ihre Wiederherstellungsphrase."], note="Thunderbird Zitat"),
 dict(words=12, messages=["Adobe Scan Text:\n{1} {2} {3}\n{4} {5~} {6}\n{7} {8} {9}\n{10} {11} {12~}"], note="OCR rn→m, zwei Tippfehler"),
 dict(words=12, messages=["Grüezi, meine Wörter: {1}; {2}; {3}; {4}; {5}; {6}; {7}; {8}; {9}; {10}; {11}; {12}. Freundliche Grüsse"], note="Schweiz Strichpunkte"),
 dict(words=12, messages=["Servus", "{1} {2} {3}", "Moment, Zug fährt in Tunnel", "{4} {5} {6}", "{7} {8} {9}", "so wieder da", "{10} {11} {12}"], note="Österreich Zug"),
 dict(words=12, fields=dict(custom_fields={"Kundennummer": "BP-4471920", "IBAN": "DE89 3704 0044 0532 0130 00", "Anmerkung": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["siehe Anmerkung"], note="Formularfeld Anmerkung"),
 dict(words=12, messages=["{1} {2} {3} {4} garten {6} {7} {8} {9} {10} {11} {12}", "sorry, das 5. Wort ist {5} nicht garten"], note="Korrektur 5. Wort"),
 dict(words=12, subject="AW: Ihr Konto {1} {2}", messages=["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="Betreff AW:"),
 dict(words=12, messages=["1) {1}\n2) {2}\n3) {3}\n4) {4}\n5) {5}\n6) {6}", "7) {7}\n8) {8}\n9) {9}\n10) {10}\n11) {11}\n12) {12}"], note="Apple Notizen zwei Hälften"),
 dict(words=12, messages=["Von: Stefan Maier <s.maier@web.de>\nGesendet: Dienstag, 8. Dezember 2026 21:03\nAn: Stefan Maier\nBetreff: Backup\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="Outlook Weiterleitung"),
 dict(words=15, messages=["aus Excel kopiert:\n{1}\t{2}\t{3}\t{4}\t{5}\n{6}\t{7}\t{8}\t{9}\t{10}\n{11}\t{12}\t{13}\t{14}\t{15}"], note="Tabs, 15 Wörter"),
]
C = [
 dict(messages=["Hallo, meine 24 Wörter liegen im Tresor und ich schicke sie niemandem. Ich will nur wissen, warum die Auszahlung auf DE89 3704 0044 0532 0130 00 hängt"], note="schickt nicht"),
 dict(messages=["Einkaufsliste: Brot, Milch, Käse, Butter, Eier, Äpfel, Kaffee, Zucker, Mehl, Nudeln, Tomaten, Salat"], note="12 Dinge"),
 dict(messages=["Schritte: 1. App öffnen 2. Wallet 3. Auszahlen 4. BTC 5. Adresse 6. Betrag 7. SMS-Code 8. Mail-Code 9. Bestätigen 10. Ausstehend 11. Abgebrochen 12. Nochmal"], note="12 Schritte"),
 dict(messages=["Für die Steuer braucht mein Steuerberater den xpub: xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj, geht das?"], note="xpub für Steuerberater"),
 dict(messages=["Bestellnummer 302-4471920-88, TxID 5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f, Betrag 0,0215 BTC"], note="öffentliche Daten"),
]
