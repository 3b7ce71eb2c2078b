H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "Telegram impersonation", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Mi mandi un vocale su WhatsApp leggendo le 12 parole, così le controllo io con calma.", "request: seed by voice"),
    (R, "La sua password contiene la sua data di nascita? Mi basta un sì o un no.", "request: property of password"),
    (R, "Mi servono solo le ultime tre parole, le altre risultano già nel sistema.", "request: last words of seed"),
    (R, "Per il reset del 2FA mi inoltri il PDF con i codici di backup che ha scaricato all'attivazione.", "request: backup codes file"),
    (H, "Attenzione al \"consulente\" su Telegram che promette rendimenti del 2% al giorno e chiede \"le credenziali per operare al posto suo\": è una truffa. Le credenziali non si danno a nessuno.", "investment scam quoted"),
    (H, "La ricarica Satispay non passa da noi: se le hanno chiesto di \"confermare un pagamento Satispay per sbloccare il conto\", era un tentativo di truffa.", "Satispay scam"),
    (H, "Se ha un wallet hardware, le 24 parole compaiono solo sul display del dispositivo, una volta. Le scriva sul cartoncino in dotazione.", "hardware wallet backup advice"),
]
