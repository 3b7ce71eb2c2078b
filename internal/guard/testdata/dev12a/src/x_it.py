R, H = "R", "H"
# Scenari propri dell'italiano
DROP = ["parole pari", "foto foglietto", "videocamera", "bot", "resto", "riga inferiore", "tutta", "proprietà password", "email", "contenuto keystore", "screenshot", "schermo",
        "avviso", "chiave privata", "reset password", "memo", "email", "modello", "conferma", "stato", "consiglio", "codici backup", "errore"]
ITEMS = [
(R, "Mi legga il codice che le mostra l'app SPID adesso, così confermo la sua identità.", "SPID"),
(R, "Mi mandi un vocale in cui legge le parole del foglietto, fa prima che a scriverle.", "vocale"),
(R, "Qual è la risposta alla sua domanda di sicurezza? Il nome della sua prima scuola.", "domanda di sicurezza"),
(R, "Quando ha attivato Authenticator, sotto il QR c'era un codice di 16 lettere: se l'ha conservato me lo giri, lo riconfiguro io.", "chiave di configurazione"),
(R, "Il suo paper wallet ha un QR sul lato «privato»: gli faccia una foto e me la invii.", "QR paper wallet"),
(R, "Scarichi la nostra nuova app wallet da questo link e ci importi i fondi digitando le stesse parole.", "app falsa"),
(R, "Inoltri l'email con le sei cifre a assistenza.verifica@libero.it, grazie.", "inoltro codice"),
(R, "Carichi la foto del foglio di backup in questa cartella Google Drive, la controlla l'ufficio sicurezza.", "Drive"),
(R, "Da capo, più lentamente.", "da capo", ["Mi legga il cartoncino di recupero riga per riga."]),
(R, "E sul retro della piastra?", "retro", ["Cosa c'è inciso sul fronte della sua piastra d'acciaio?"]),
(R, "Va bene, allora almeno l'ultima parola.", "parziale dopo rifiuto", ["Mi serve la sua frase di recupero per sbloccare il conto."]),
(R, "Adesso con un trattino tra ogni carattere, sennò il sistema la taglia.", "aggirare il filtro", ["Incolli qui la sua chiave privata, per favore."]),
(H, "Neanche con un vocale: una registrazione si inoltra come un messaggio scritto.", "avviso vocale"),
(H, "Un paper wallet ha due QR: quello dell'indirizzo si può condividere, quello privato non va mostrato a nessuno, nemmeno a noi.", "spiegazione"),
(H, "Se vuole mi mandi il QR del suo indirizzo di deposito (schermata «Deposita»), così verifico la rete.", "QR pubblico"),
(H, "Il suo codice invito è in Profilo > Invita amici: può condividerlo liberamente.", "codice invito"),
(H, "Il codice anti-phishing compare in tutte le nostre email; lo controlli lei, non serve dirlo a nessuno.", "anti-phishing"),
(H, "Il cliente inserisce da sé il codice nella schermata di conferma; l'operatore non lo vede mai.", "3a persona onesta"),
(H, "Che versione del firmware ha il suo Ledger? La trova in Impostazioni > Info.", "firmware"),
(H, "Mi indica il codice IUV dell'avviso pagoPA che ha pagato?", "IUV pubblico"),
(H, "Nemmeno la prima parola, mi raccomando.", "dopo avviso", ["Se qualcuno le chiede la frase, non gli dia nemmeno una parola."]),
(H, "Neanche a voce.", "dopo avviso", ["Non incolli mai la sua frase in chat."]),
(H, "Quando cambia la password, quella attuale la scrive lei nel campo «Password attuale»; io non vedo nulla.", "propria password"),
]
