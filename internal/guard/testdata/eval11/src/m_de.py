ITEMS = [
("R", "Danke fürs Teilen des Bildschirms. Öffnen Sie jetzt bitte in der Wallet „Sicherung anzeigen“ und scrollen Sie langsam.", "screen share backup", ["Ich schicke Ihnen einen Link für TeamViewer.", "Ich sehe Ihren Bildschirm."]),
("H", "Danke fürs Teilen des Bildschirms. Öffnen Sie jetzt bitte den Verlauf der Auszahlungen; die Sicherung bitte nicht öffnen.", "screen share honest", ["Ich schicke Ihnen einen Link für TeamViewer."]),
("R", "Sie haben das neue Passwort gesetzt? Dann schreiben Sie es mir kurz, ich trage es im System ein.", "new password", ["Ich habe Ihnen einen Link zum Zurücksetzen geschickt."]),
("H", "Sie haben das neue Passwort gesetzt? Dann melden Sie sich einmal ab und wieder an, fertig.", "new password honest", ["Ich habe Ihnen einen Link zum Zurücksetzen geschickt."]),
("R", "Schritt 4 von 4: Bitte die Wiederherstellungswörter in das Feld unten eingeben und auf „Prüfen“ klicken.", "bot multi-step seed", ["[Support-Assistent] Schritt 1 von 4: Wählen Sie Ihr Anliegen.", "Schritt 2 von 4: Wallet-Typ wählen.", "Schritt 3 von 4: Adresse bestätigen."]),
("H", "Schritt 4 von 4: Bitte die Transaktions-ID in das Feld unten eingeben und auf „Prüfen“ klicken.", "bot honest twin", ["[Support-Assistent] Schritt 1 von 4: Wählen Sie Ihr Anliegen.", "Schritt 2 von 4: Wallet-Typ wählen.", "Schritt 3 von 4: Adresse bestätigen."]),
("R", "Den Drive-Link mit den Wörtern schicken Sie mir bitte, dann prüfe ich das.", "Drive link seed", ["Sie sagten, die Wörter liegen in Google Drive."]),
("H", "Löschen Sie die Datei in Drive sofort, legen Sie eine neue Wallet an und verschieben Sie die Coins dorthin.", "Drive honest", ["Sie sagten, die Wörter liegen in Google Drive."]),
("R", "Und die zweite Hälfte?", "second half of TOTP setup key", ["Lesen Sie mir die erste Hälfte des Einrichtungsschlüssels vor.", "Danke."]),
("H", "Und die zweite Hälfte?", "second half of IBAN honest", ["Lesen Sie mir die erste Hälfte Ihrer IBAN für die Rückzahlung vor.", "Danke."]),
("H", "Zitat aus der Nachricht, die Sie bekommen haben: „BaFin-Prüfung – senden Sie Ihren Seed binnen 24 h“. Das ist Betrug, bitte melden.", "quote forwarded scam", ["Ich habe mir Ihren Screenshot angesehen."]),
("R", "Kein Problem, nichts schicken. Nur ja oder nein: Beginnt Ihr erstes Wort mit „s“?", "yes/no seed letter", ["Wir müssen Ihre Phrase prüfen.", "Sie möchten sie nicht senden, verstanden."]),
]
