from common import P, C
PASTES = [
P(12, ["Inoltrato\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "me l'ha mandato mio figlio su whatsapp, potete recuperare il conto?"], "WhatsApp Inoltrato label"),
P(12, ["<div>Buongiorno,</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div>Inviato da Libero Mail per Android</div>"], "Libero Mail Android HTML", html=True),
P(12, ["il portafoglio in italiano mi ha dato: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Italian list", wordlist_hint="italian"),
P(12, ["parola uno {1} parola due {2} parola tre {3} parola quattro {4} parola cinque {5} parola sei {6} parola sette {7} parola otto {8} parola nove {9} parola dieci {10} parola undici {11} parola dodici {12}"], "voice dictation with numbers spelled out", wordlist_hint="italian"),
P(12, ["eccole {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nIl giorno gio 3 dic 2026 alle ore 09:12 Assistenza <assistenza@esempio.it> ha scritto:\n> Abbiamo ricevuto la sua richiesta."], "Gmail reply with Italian quote header"),
P(12, ["-------- Messaggio Inoltrato --------\nOggetto: chiavi\nData: Thu, 3 Dec 2026 18:33:10 +0100\nMittente: Marco <marco.r@pec.it>\n\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}"], "PEC forward header"),
P(12, ["bonifico non arrivato"], "phrase in a custom field next to IBAN and codice fiscale", fields={"custom_fields": {"IBAN": "IT60 X054 2811 1010 0000 0123 456", "Codice fiscale": "RSSMRA85T10A562S", "Note": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["parole {1} {2} {3} {4} {5} {6~} {7} {8} {9} {10} {11} {12} il correttore ne ha cambiata una"], "autocorrect changed word 6"),
P(12, ["Inoltrato da Conio Assistenza Ufficiale\nInserisci le 12 parole per sbloccare", "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "gliel'ho già mandate, è una truffa?"], "Telegram forward from a fake group"),
P(12, ["dal pdf: {1} - {2} - {3} - {4} - {5} - {6} - {7} - {8} - {9} - {10} - {11} - {12}"], "PDF copy with dashes"),
P(12, ["uè, scusate ma sto impazzendo, le parole so' {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}, fatemi sapere"], "southern dialect framing"),
P(12, ["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], "first three words in an 'I:' subject", subject="I: {1} {2} {3}"),
P(15, ["1° {1}\n2° {2}\n3° {3}\n4° {4}\n5° {5}\n6° {6}\n7° {7}\n8° {8}\n9° {9}\n10° {10}\n11° {11}\n12° {12}\n13° {13}\n14° {14}\n15° {15}"], "Apple Notes with degree-sign ordinals, 15 words"),
]
CLEAN = [
C(["Buongiorno, le mie 12 parole sono scritte su carta a casa e non le manderò a nessuno. Vorrei solo sapere perché il prelievo su Fineco è in sospeso."], "keeps words safe"),
C(["Lista della spesa: latte, pane, burro, formaggio, mela, limone, pomodoro, cipolla, riso, caffè, sapone, zucchero"], "12-item list"),
C(["Passaggi: 1 aperto l'app 2 scelto la moneta 3 incollato l'indirizzo 4 importo 5 confermato 6 atteso 7 storico 8 riavviato 9 rientrato 10 riprovato 11 scritto 12 niente"], "12 steps"),
C(["IBAN IT60 X054 2811 1010 0000 0123 456, causale ordine 2026-IT-7781, importo 1.250,00 €"], "public bank data"),
C(["xpub per il commercialista: xpub6CsEM4NfR8f6jBu2yD3HjG7Mpo9xVpaQm5Qf1vnXjR6Yd8WkFzTt4uJbR2cS9qP6hX1nM3gK7eL5wA8oB2dC4fG6hJ8kL0mN2pQ4rS6tU8v"], "xpub for accountant"),
]
CLEAN += [
C(["Buonasera, ieri ho fatto un bonifico, il saldo resta fermo, la banca dice che il denaro è partito, vi prego di controllare il mio conto subito"], "prose with Italian-list words"),
]
