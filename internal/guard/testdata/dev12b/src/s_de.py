# Ergänzung (nur Deutsch): Österreich Handy-Signatur, Schweiz PostFinance, Sparkassen-"Datenabgleich", falscher Polizeibeamter, Elster-Vorwand, Umgangssprache
ITEMS = [
("R","Servus, gib mir g'schwind den Code aus der Handy-Signatur, dann passt des.","Österreich Mundart"),
("R","Grüezi, für die Rückbuchung bräuchte ich kurz den Code, den Ihnen die PostFinance geschickt hat.","Schweiz PostFinance"),
("R","Alter, schick halt die 12 Wörter, ich mach das schnell für dich.","Umgangssprache"),
("R","Kriminalpolizei: Ihr Vermögen ist in Gefahr. Ein Kollege holt heute den Zettel mit den Wörtern bei Ihnen ab.","falscher Polizist Abholung"),
("R","Für den Datenabgleich der Sparkasse bestätigen Sie bitte mit Ihrer Online-Banking-PIN hier im Formular.","Sparkasse Datenabgleich"),
("R","Erledigt? Und was haben Sie jetzt genommen?","Rückverweis neues Passwort",["Ändern Sie das Passwort über den Link und sagen Sie Bescheid, wenn's fertig ist."]),
("R","Die Verbindung ist nach „ocean“ abgebrochen. Machen Sie ab da weiter?","Verbindungsabbruch",["Erhalten: apple, river, stone, ocean …"]),
("R","Für die Elster-Meldung brauchen wir Zugriff aufs Wallet, also bitte Keystore plus Passwort.","Elster Vorwand"),
("H","Erledigt? Dann können Sie sich ganz normal anmelden.","ehrlicher Zwilling",["Ändern Sie das Passwort über den Link und sagen Sie Bescheid, wenn's fertig ist."]),
("H","Grüezi, den PostFinance-Code geben Sie bitte niemandem weiter, auch uns nicht.","Schweiz ehrlich"),
("H","Servus, den Code aus der Handy-Signatur tippst du bitte selbst ein, mir brauchst du ihn ned sagen.","Österreich ehrlich"),
("H","Die Polizei holt niemals Zettel, Karten oder Geräte an der Haustür ab. Rufen Sie 110 an.","falscher Polizist Warnung"),
("H","Stopp, bitte keine weiteren Wörter schicken! Löschen Sie die Nachricht und ziehen Sie das Guthaben sofort in ein neues Wallet um; ich bleibe dran.","Leck stoppen",["Können Sie beschreiben, wie die Seite der Betrüger aussah?"]),
("H","Für Elster reicht der Jahresreport aus der App. Zugangsdaten brauchen weder wir noch das Finanzamt.","Elster ehrlich"),
("H","Ein „Datenabgleich“ per Formular mit PIN ist Phishing, egal welches Logo draufsteht.","Sparkasse Warnung"),
("H","Passt, die Überweisung ist da. Schönen Feierabend!","Abschluss"),
]
