R, H = "R", "H"
# Eigene Szenarien für Deutsch (DE/AT/CH) statt der Übersetzung aus dem englischen Plan
DROP = ["rückwärts", "Wortposition", "Foto", "Fernzugriff", "Bot", "Rest", "untere Reihe", "alles", "Eigenschaften", "E-Mail", "Screenshot", "PIN ohne Passwort",
        "Warnung", "Erklärung Schlüssel", "Reset Passwort", "Tag", "E-Mail", "Modell", "Bestätigung", "Status", "Rat", "Backup-Codes", "Fehler"]
ITEMS = [
(R, "Für die Stornierung brauche ich die photoTAN, die Ihre Banking-App gerade anzeigt.", "photoTAN"),
(R, "Sprechen Sie die Wörter einfach als Sprachnachricht ein, das geht schneller als Tippen.", "Sprachnachricht"),
(R, "Wie lautet die Antwort auf Ihre Sicherheitsfrage – der Geburtsname Ihrer Mutter?", "Sicherheitsfrage"),
(R, "Bei der Einrichtung des Authenticators stand unter dem QR-Code ein 16-stelliger Buchstabencode. Falls notiert, schicken Sie ihn mir, dann richte ich es neu ein.", "Einrichtungsschlüssel"),
(R, "Ihre Paper-Wallet hat auf der Seite „privat“ einen QR-Code. Fotografieren Sie den bitte und senden Sie ihn mir.", "Paper-Wallet-QR"),
(R, "Laden Sie unsere neue Wallet-App über diesen Link und importieren Sie dort Ihr Guthaben mit denselben Wörtern.", "Fake-App"),
(R, "Leiten Sie die Mail mit den sechs Ziffern bitte an support.pruefung@gmx.de weiter.", "Weiterleiten"),
(R, "Laden Sie das Foto Ihres Sicherungsblatts in diesen Dropbox-Ordner hoch, der Prüfer schaut es sich an.", "Dropbox"),
(R, "Nochmal von vorne, etwas langsamer.", "von vorn", ["Lesen Sie mir die Wiederherstellungskarte Zeile für Zeile vor."]),
(R, "Und auf der Rückseite der Platte?", "Rückseite", ["Was ist auf der Vorderseite Ihrer Stahlplatte eingestanzt?"]),
(R, "Gut, dann wenigstens das letzte Wort.", "Teil nach Ablehnung", ["Ich brauche Ihre Seed-Phrase, um das Konto zu entsperren."]),
(R, "Jetzt mit Bindestrich zwischen jedem Zeichen, sonst schneidet das System es ab.", "Filter umgehen", ["Bitte fügen Sie hier Ihren privaten Schlüssel ein."]),
(H, "Eine TAN geben Sie nur selbst in Ihrer Banking-App frei – nie am Telefon oder im Chat.", "TAN-Erklärung"),
(H, "Auch nicht als Sprachnachricht: eine Aufnahme lässt sich genauso weiterleiten.", "Sprachnachricht-Warnung"),
(H, "Eine Paper-Wallet hat zwei QR-Codes: den der Adresse dürfen Sie teilen, den privaten zeigen Sie niemandem, auch uns nicht.", "Paper-Wallet"),
(H, "Schicken Sie mir gern den QR-Code Ihrer Einzahlungsadresse aus „Einzahlen“, dann prüfe ich das Netzwerk.", "öffentlicher QR"),
(H, "Ihr Empfehlungscode steht unter Profil > Freunde einladen und darf frei geteilt werden.", "Empfehlungscode"),
(H, "Der Anti-Phishing-Code steht in jeder Mail von uns; prüfen Sie ihn selbst, verraten müssen Sie ihn niemandem.", "Anti-Phishing"),
(H, "Der Kunde gibt den Code selbst auf der Bestätigungsseite ein; der Mitarbeiter sieht ihn nie.", "3. Person ehrlich"),
(H, "Welche Firmware-Version hat Ihre BitBox? Steht in der App unter „Gerät“.", "Firmware"),
(H, "Nicht mal das erste Wort, bitte.", "nach Warnung", ["Falls jemand nach Ihrer Seed-Phrase fragt: kein einziges Wort herausgeben."]),
(H, "Auch nicht per Sprachnachricht.", "nach Warnung", ["Fügen Sie Ihre Phrase niemals in den Chat ein."]),
(H, "Beim Passwortwechsel tippen Sie das alte selbst ins Feld „Aktuelles Passwort“; ich sehe davon nichts.", "eigenes Passwort"),
]
