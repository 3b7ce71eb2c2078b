H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Rozumiem, kod BLIK wygasł, bo minęły 2 minuty. Proszę wygenerować nowy w aplikacji banku i wpisać go od razu w naszym oknie płatności.", "BLIK expired follow-up", ["Czy płatność BLIK przeszła?"]),
    (H, "Usunąłem Pana ostatnią wiadomość ze zgłoszenia, nie zostanie zapisana. Ponieważ słowa zostały wpisane poza portfelem, proszę jeszcze dziś założyć nowy portfel i przenieść środki.", "stop-mid-leak", ["Proszę nie wpisywać tu frazy odzyskiwania."]),
    (H, "Tak, ten PDF z mObywatela jest w porządku. Weryfikacja adresu zajmie do 24 godzin.", "mObywatel follow-up", ["Udało się pobrać potwierdzenie adresu z mObywatela?"]),
    (H, "Dziękuję, numer, z którego dzwoniono, nie jest naszym numerem. Proszę zgłosić sprawę na policję i do banku.", "scam call follow-up", ["Z jakiego numeru dzwoniono?"]),
    (H, "Zgadza się: przelew wrócił, bo nazwisko na koncie bankowym było inne. Proszę wysłać środki z rachunku na swoje nazwisko.", "after confirmation screenshot", ["Proszę o zrzut ekranu potwierdzenia przelewu."]),
    (H, "Świetnie, teraz klucz „bot-grid” ma tylko Odczyt i Handel spot. Tak powinno zostać.", "API permissions follow-up", ["Proszę odznaczyć uprawnienie Wypłaty w kluczu „bot-grid”."]),
    (R, "Kod wygasł? To niech Pan wygeneruje nowy BLIK i poda mi go tutaj, wpiszę go po naszej stronie.", "request: BLIK code after expiry", ["Czy płatność BLIK przeszła?"]),
    (R, "Skoro dzwonili z banku, proszę mi przeczytać kod z ostatniego SMS-a od banku, sprawdzę, czy to była autoryzacja przelewu.", "request: bank SMS code after scam call", ["Z jakiego numeru dzwoniono?"]),
    (H, 'Poproszę TxID.', 'very short: TxID'),
    (H, 'Mam, już sprawdzam.', 'very short ack', ['Proszę podać ID wypłaty.']),
]
