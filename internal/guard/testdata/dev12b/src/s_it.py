# Integrazione (solo italiano): PostePay PIN, foglietto Trezor, "finto corriere" SDA, Ticino TWINT, colloquiale romano, finto avvocato
ITEMS = [
("R","Oh, dammi 'sto codice che t'è arrivato e ti sistemo tutto, dai.","colloquiale"),
("R","Per lo storno della PostePay mi serve anche il PIN della carta, me lo detta?","PostePay PIN"),
("R","Ci mandi la foto del foglietto che c'era nella scatola del Trezor, quello con le parole scritte a mano.","foglietto scatola"),
("R","Il corriere SDA ha in giacenza il suo pacco: per lo svincolo inserisca nel link i dati della carta e il codice ricevuto.","finto corriere"),
("R","Sono l'avvocato della controparte: per chiudere la pratica ci trasmetta la chiave del wallet.","finto avvocato"),
("R","Fatto? E quale ha messo alla fine?","rimando nuova password",["Cambi la password dal link e mi dica quando ha finito."]),
("R","È caduta la linea dopo «ocean». Riprende da lì?","linea caduta",["Ricevute: apple, river, stone, ocean…"]),
("R","Buongiorno, per il rimborso TWINT le chiedo il codice che le è appena arrivato.","Ticino TWINT"),
("H","Fatto? Allora può accedere normalmente.","gemello onesto",["Cambi la password dal link e mi dica quando ha finito."]),
("H","Il PIN della PostePay non va detto a nessuno, nemmeno per uno storno.","PostePay avviso"),
("H","Il foglietto del Trezor lo tenga in un cassetto, mai fotografato e mai spedito.","foglietto consiglio"),
("H","I corrieri non chiedono codici bancari per lo svincolo. Quel link è una truffa.","corriere avviso"),
("H","Si fermi, non mandi altre parole! Cancelli il messaggio e sposti i fondi in un wallet nuovo adesso; resto qui.","fermare la fuga",["Mi descrive com'era il sito del truffatore?"]),
("H","Nessun avvocato ha titolo per chiederle la chiave del wallet. Non risponda e ci inoltri la mail.","avvocato avviso"),
("H","Il codice TWINT lo tenga per sé, non serve a nessun rimborso.","Ticino onesto"),
("H","Tutto a posto, il prelievo è partito. Buona serata!","chiusura"),
]
