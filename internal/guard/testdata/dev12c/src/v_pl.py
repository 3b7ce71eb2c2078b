H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "hardware wallet", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Proszę nagrać wiadomość głosową z 24 słowami i wysłać na Messengerze, tak będzie szybciej.", "request: seed by voice"),
    (R, "Czy w haśle jest Pana data urodzenia? Wystarczy „tak” albo „nie”.", "request: property of password"),
    (R, "Potrzebuję tylko słów od 21 do 24, resztę mamy w systemie.", "request: last words of seed"),
    (R, "Proszę przesłać zdjęcie kartki z kodami zapasowymi.", "request: photo of backup codes"),
    (H, "„Dopłata 1,50 zł do przesyłki” w SMS-ie nie jest od nas. Jeśli podał Pan dane karty, proszę ją zastrzec w banku.", "parcel SMS scam"),
    (H, "Portfel sprzętowy pokazuje frazę tylko na swoim ekranie i tylko raz. Proszę zapisać ją na karcie z pudełka.", "hardware wallet backup advice"),
    (H, "Oferta „inwestycji w akcje Orlenu z gwarantowanym zyskiem” i prośba o instalację AnyDeska to oszustwo. Proszę niczego nie instalować.", "investment scam quoted (PL)"),
]
