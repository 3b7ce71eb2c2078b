H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed via form",
              "hardware wallet", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Schicken Sie mir kurz eine Sprachnachricht, in der Sie die 24 Wörter vorlesen – das geht schneller als Tippen.", "request: seed by voice"),
    (R, "Enthält Ihr Passwort Ihr Geburtsjahr? Ein Ja oder Nein reicht mir.", "request: property of password"),
    (R, "Mir fehlen nur noch die Wörter 13 bis 24, die erste Hälfte liegt uns schon vor.", "request: second half of seed"),
    (R, "Die Backup-Codes stehen in der PDF, die Sie beim Einrichten heruntergeladen haben. Hängen Sie die Datei einfach an Ihre Antwort.", "request: backup codes file"),
    (H, "Bei einer Ledger erscheinen die 24 Wörter nur einmal auf dem Gerätedisplay. Schreiben Sie sie auf die beiliegende Karte, nicht ins Handy.", "hardware wallet backup advice"),
    (H, "„Ihre Wallet muss wegen der EU-Geldwäscherichtlinie neu verifiziert werden, sonst wird sie gelöscht“ – solche Briefe und E-Mails sind gefälscht. Wallets werden nicht „gelöscht“.", "quoted letter scam"),
    (H, "Der Anruf „von Europol“ mit der Bitte, Ihre Coins auf eine „sichere Wallet“ zu übertragen, war Betrug. Bitte erstatten Sie Anzeige bei der Polizei; wir stellen die Transaktionsdaten bereit.", "authority impersonation follow-up"),
]
