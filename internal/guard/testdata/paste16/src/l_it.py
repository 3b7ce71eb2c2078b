P = [
 dict(words=12, wordlist_hint="italian", messages=["il wallet mi ha dato le parole in italiano: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="lista italiana"),
 dict(words=12, html=True, messages=['<div>Buongiorno</div><div>{1} {2} {3} {4} {5} {6}</div><div>{7} {8} {9} {10} {11} {12}</div><div><br></div><div>Inviato da Libero Mail per Android</div>'], note="Libero Android"),
 dict(words=12, word_case="upper", messages=["BUONGIORNO MIO NIPOTE MI HA DETTO DI SCRIVERE QUESTO {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} GRAZIE MILLE"], note="anziano tutto maiuscolo"),
 dict(words=12, messages=["----- Messaggio inoltrato -----\nDa: Luca B. <luca.b@tim.it>\nOggetto: wallet\n\n{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}"], note="inoltro Tim Mail"),
 dict(words=12, messages=["ciao", "{1} {2}", "scusa un attimo", "{3} {4} {5}", "sono in macchina", "{6} {7}", "{8} {9} {10}", "{11} {12}", "fatto"], note="raffica in macchina"),
 dict(words=12, wordlist_hint="italian", messages=["1ª parola {1}\n2ª parola {2}\n3ª parola {3}\n4ª parola {4}\n5ª parola {5}\n6ª parola {6}\n7ª parola {7}\n8ª parola {8}\n9ª parola {9}\n10ª parola {10}\n11ª parola {11}\n12ª parola {12}"], note="1ª parola"),
 dict(words=12, messages=["testo dalla foto:\n{7} {1}\n{8} {2}\n{9} {3}\n{10} {4}\n{11} {5}\n{12} {6}"], note="Google Lens colonne invertite"),
 dict(words=12, fields=dict(custom_fields={"Codice fiscale": "RSSMRA80A01H501U", "IBAN": "IT60 X054 2811 1010 0000 0123 456", "Note": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["ho messo tutto nelle note"], note="campo Note"),
 dict(words=12, wordlist_hint="italian", messages=["{1} {2} {3} {4} {5} {6} {7} lupo {9} {10} {11} {12}", "scusate la 8 è {8} non lupo"], note="correzione della 8"),
 dict(words=12, subject="I: recupero wallet {1}", fields=dict(name="{2}"), messages=["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="oggetto I: e nome"),
 dict(words=12, messages=["ecco: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nIl giorno mar 8 dic 2026 alle ore 10:14 Assistenza Conio <info@conio-verifica.it> ha scritto:\n> Gentile cliente, per sbloccare il conto invii la frase di recupero."], note="risposta phishing"),
 dict(words=24, messages=["{1}-{2}-{3}-{4}-{5}-{6}-{7}-{8}-{9}-{10}-{11}-{12}-{13}-{14}-{15}-{16}-{17}-{18}-{19}-{20}-{21}-{22}-{23}-{24}"], note="24 con trattini"),
]
C = [
 dict(messages=["Buongiorno, le mie 12 parole sono scritte su carta e non le mando a nessuno. Vorrei solo sapere perché il bonifico da IT60 X054 2811 1010 0000 0123 456 non risulta"], note="non le manda"),
 dict(messages=["Lista spesa: pane, latte, pasta, pomodoro, olio, sale, caffè, zucchero, farina, uova, mozzarella, basilico"], note="12 cose"),
 dict(messages=["Passaggi: 1) apro app 2) portafoglio 3) preleva 4) USDT 5) indirizzo 6) rete 7) importo 8) codice SMS 9) codice email 10) conferma 11) in attesa 12) annullato"], note="12 passaggi"),
 dict(messages=["TxID 0x1f2e3d4c5b6a79880a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f, ordine n. 2026-IT-90311, importo 750,00 €"], note="dati pubblici"),
 dict(messages=["Sono stanco, ho scritto tre volte, il saldo è sparito, la app non si apre, nessuno risponde, voglio una risposta seria oggi"], note="prosa"),
]
