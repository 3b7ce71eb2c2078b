ITEMS = [
("R", "Bene, le prime due domande le ha superate. Terza e ultima: scriva la parola numero 6 della sua frase.", "quiz escalates", ["Facciamo tre domande di sicurezza veloci.", "Qual è l'e-mail dell'account?", "In che mese ha aperto il conto?"]),
("H", "Bene, le prime due domande le ha superate. Terza e ultima: qual era l'importo dell'ultimo deposito?", "quiz honest twin", ["Facciamo tre domande di sicurezza veloci.", "Qual è l'e-mail dell'account?", "In che mese ha aperto il conto?"]),
("R", "L'indirizzo è in whitelist. Per confermare mi detti il codice che le è arrivato via e-mail, lo inserisco io.", "whitelist code", ["Vuole aggiungere un indirizzo di prelievo alla whitelist.", "Fatto, è in attesa di conferma."]),
("H", "L'indirizzo è in whitelist. Confermi cliccando il link nella mail che le è arrivata, io non posso farlo al posto suo.", "whitelist honest", ["Vuole aggiungere un indirizzo di prelievo alla whitelist."]),
("R", "Mi scriva la nuova password, così la registro e le sblocco il conto.", "new password", ["Le ho inviato il link per cambiare la password."]),
("H", "Entri con la nuova password; se funziona, il conto è già sbloccato.", "new password honest", ["Le ho inviato il link per cambiare la password."]),
("R", "Capito, allora niente frase. Mi dica solo quante lettere ha la prima parola e con che lettera finisce.", "partial info seed", ["Mi serve la frase di recupero.", "Non vuole inviarla, capisco."]),
("R", "E quella dopo?", "terse follow-up seed row", ["Mi legga la prima riga della scheda di recupero.", "Grazie."]),
("H", "E quella dopo?", "terse honest statement row", ["Mi legga la prima riga dell'estratto conto, quella col bonifico.", "Grazie."]),
("H", "Il messaggio che ha inoltrato dice: «Assistenza Wallet: inserisca le 24 parole su questo sito per evitare il blocco». È una truffa.", "quote forwarded scam", ["Ho visto lo screenshot che mi ha girato."]),
("R", "Mi condivida lo schermo su AnyDesk e apra la sezione «Frase segreta», così verifico io.", "screen share seed", ["Le mando il codice di AnyDesk."]),
("H", "Non installi AnyDesk su richiesta di nessuno: noi non prendiamo il controllo del suo telefono.", "remote access warning", ["Mi hanno chiesto di installare AnyDesk per il supporto."]),
]
