from common import P, C
PASTES = [
P(12, ["Hallo, hier meine Wörter {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} bitte schnell"], "iPhone autocorrect capitalised every word", word_case="title"),
P(12, ["<div>Guten Tag,</div><div>{1} {2} {3} {4} {5} {6}</div><div>{7} {8} {9} {10} {11} {12}</div><div>&nbsp;</div><div>Gesendet mit der WEB.DE Mail App</div>"], "WEB.DE mail app HTML", html=True),
P(12, ["-------- Original-Nachricht --------\nBetreff: Wallet\nDatum: 03.12.2026, 19:40\nVon: Opa <h.schmidt@t-online.de>\nAn: jan.schmidt@t-online.de\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "das hat mir mein Opa geschickt, können Sie das Konto wiederherstellen?"], "t-online forward header"),
P(12, ["erstes Wort {1} zweites Wort {2} drittes Wort {3} viertes {4} fünftes {5} sechstes {6} siebtes {7} achtes {8} neuntes {9} zehntes {10~} elftes {11} zwölftes {12}"], "German dictation with ordinals, homophone in word 10"),
P(12, ["Titel: Bison Backup\nBenutzername:\nPasswort:\nNotizen: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\nURL: https://bisonapp.com"], "KeePassXC entry copied as text"),
P(12, ["hier nochmal: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nVon: Support <support@beispiel.de>\nGesendet: Donnerstag, 3. Dezember 2026 10:15\nAn: Klaus Weber <k.weber@gmx.de>\nBetreff: Ihre Anfrage #55381"], "Outlook reply with German header block"),
P(12, ["IBAN DE89 3704 0044 0532 0130 00, Verwendungszweck BP-2026-118, die Wörter sind {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "IBAN and Verwendungszweck before the phrase"),
P(12, ["Weitergeleitet\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "von meiner Frau über Signal"], "Signal forwarded label"),
P(24, ["Recovery-Karte (abgeschrieben, spaltenweise):\n{1} {7} {13} {19}\n{2} {8} {14} {20}\n{3} {9} {15} {21}\n{4} {10} {16} {22}\n{5} {11} {17} {23}\n{6} {12} {18} {24}"], "BitBox card read row by row across four columns"),
P(18, ["Grüß Gott, meine 18 Wörter: {1} · {2} · {3} · {4} · {5} · {6} · {7} · {8} · {9} · {10} · {11} · {12} · {13} · {14} · {15} · {16} · {17} · {18}"], "Austrian framing, middle dots"),
P(12, ["Auszahlung auf PostFinance 17-123456-7 blockiert"], "first two words in the Name field", fields={"name": "{1} {2}", "custom_fields": {"Ihr Anliegen": "{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["Kontaktformular"], "phrase in the Ihr Anliegen field, tags first words", fields={"custom_fields": {"Ihr Anliegen": "{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}, "tags": ["{1}", "{2}"]}),
P(12, ["die wörter {1} {2} {3~} {4} {5} {6} {7} {8} {9} {10} {11} {12} (autokorrektur hat eins auf deutsch gemacht)"], "autocorrect turned word 3 German"),
]
CLEAN = [
C(["Guten Tag, meine 24 Wörter liegen auf Papier im Tresor und ich werde sie niemandem schicken. Ich möchte nur wissen, warum meine Auszahlung auf das Girokonto hängt."], "keeps words safe"),
C(["Einkaufsliste: Milch, Brot, Butter, Käse, Apfel, Zitrone, Tomate, Zwiebel, Reis, Kaffee, Seife, Zucker"], "12-item list"),
C(["Was ich gemacht habe: 1. App geöffnet 2. Coin gewählt 3. Adresse eingefügt 4. Betrag 5. bestätigt 6. gewartet 7. Verlauf 8. neu gestartet 9. angemeldet 10. nochmal 11. geschrieben 12. nichts"], "12 steps"),
C(["Für meinen Steuerberater: xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV, Bestellnummer 4711-2026"], "xpub for tax advisor"),
C(["Please check: apple, banana, cherry — das ist die Englisch-Hausaufgabe meines Sohnes, Entschuldigung. Es geht um Ticket 99182."], "English homework words"),
]
PASTES += [
P(21, ["Hallo, meine Wallet hat 21 Wörter (so steht es im Passwortmanager):\n{1} {2} {3} {4} {5} {6} {7}\n{8} {9} {10} {11} {12} {13} {14}\n{15} {16} {17} {18} {19} {20} {21}"], "21 words, three rows of seven from a password manager"),
]
CLEAN += [
C(["Fehlermeldung in der App (englisch): Error: transfer limit, check network fee, verify account, try again today. Was heißt das?"], "English error message with list words"),
]
