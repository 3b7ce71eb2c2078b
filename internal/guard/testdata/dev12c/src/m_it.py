H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Perfetto, l'accesso con SPID è andato a buon fine e la verifica risulta completata. Può procedere con il primo deposito.", "SPID follow-up", ["È riuscito ad accedere con SPID dalla pagina Verifica?"]),
    (H, "Sì, la causale \"UID 55120934\" è corretta. Il bonifico ordinario arriva in 1 giorno lavorativo, quindi domani lo vede sul saldo.", "SEPA reference follow-up", ["Che causale ha messo nel bonifico?"]),
    (H, "Ho cancellato il suo ultimo messaggio dalla pratica, non verrà conservato. Visto che le parole sono state scritte fuori dal wallet, ne crei uno nuovo oggi e ci sposti i fondi.", "stop-mid-leak", ["La prego di non scrivere qui la frase di recupero."]),
    (H, "Va bene, allora il PIN lo vede solo lei in app. Se la carta è stata bloccata per PIN errato, la sblocchi da Carta > Sblocca.", "card PIN follow-up", ["Ha provato a prelevare allo sportello con la carta?"]),
    (H, "Grazie per la denuncia: ci invii il numero di protocollo della Polizia Postale, lo alleghiamo alla pratica antifrode.", "scam victim follow-up", ["Ha già sporto denuncia?"]),
    (H, "Ho visto lo screenshot: la chiave \"bot-grid\" ha anche il permesso di prelievo. Lo tolga, al bot non serve.", "API screenshot follow-up", ["Mi manda uno screenshot della pagina Gestione API, con i permessi visibili?"]),
    (R, "L'accesso SPID non va? Allora mi dica il codice OTP che le arriva dall'app PosteID, lo inserisco io.", "request: PosteID OTP after SPID", ["È riuscito ad accedere con SPID dalla pagina Verifica?"]),
    (R, "Visto lo screenshot. Per fare il test mi copi anche la chiave segreta che compariva alla creazione, se l'ha salvata.", "request: API secret after screenshot", ["Mi manda uno screenshot della pagina Gestione API, con i permessi visibili?"]),
    (H, "Mi passa l'hash?", 'very short: hash'),
    (H, 'Ricevuto, controllo subito.', 'very short ack', ["Mi incolla l'ID del prelievo?"]),
]
