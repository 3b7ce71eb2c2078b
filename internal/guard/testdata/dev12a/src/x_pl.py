R, H = "R", "H"
# Scenariusze typowo polskie (hasło maskowane, karta kodów, Revolut, QuickSupport)
DROP = ["od końca", "płytka", "kod głosowy", "ekran", "reszta", "druga strona", "inny portfel", "nowy kod", "drugi portfel", "zrzut",
        "zlecenie", "UID", "rutyna", "publiczne", "kody zapasowe", "koniec adresu", "drugi TxID", "błąd", "4 cyfry", "urządzenie"]
ITEMS = [
(R, "Do weryfikacji potrzebuję znaków 2, 5 i 8 Pana hasła maskowanego do banku.", "hasło maskowane"),
(R, "Proszę podać kod nr 14 z karty kodów jednorazowych, którą dostał Pan z banku.", "karta kodów"),
(R, "Proszę otworzyć Revoluta i powiedzieć, jaki kod wyświetla się przy potwierdzeniu, anuluję przelew.", "Revolut"),
(R, "Proszę nagrać wiadomość głosową, w której odczytuje Pan słowa z kartki.", "głosówka"),
(R, "Proszę zainstalować TeamViewer QuickSupport i podać ID, wejdę do portfela i sprawdzę ustawienia.", "QuickSupport"),
(R, "Proszę przesłać plik eksportu portfela na weryfikacja.gielda@wp.pl razem z tym, czym się go otwiera.", "plik mailem"),
(R, "A pozycja 15?", "kolejny kod z karty", ["Proszę podać kod nr 14 z karty kodów jednorazowych."]),
(R, "Teraz znaki 3, 6 i 9.", "kolejne znaki hasła", ["Do weryfikacji potrzebuję znaków 2, 5 i 8 Pana hasła maskowanego."]),
(R, "Jeszcze raz, bo się zmienił.", "odświeżony kod", ["Jaki kod wyświetla teraz Revolut przy potwierdzeniu?"]),
(R, "Dla konta żony to samo.", "inne konto", ["Proszę przepisać 24 słowa z portfela, w kolejności."]),
(H, "Hasło maskowane wpisuje Pan sam na stronie banku; nikt nie powinien prosić o pojedyncze znaki.", "wyjaśnienie hasła maskowanego"),
(H, "Nagrania głosowego z frazą też proszę nikomu nie wysyłać.", "ostrzeżenie głosówka"),
(H, "Numer referencyjny przelewu i nazwa banku nadawcy?", "publiczne"),
(H, "Wystarczy 6 ostatnich znaków TxID, resztę znajdę.", "TxID częściowo"),
(H, "Z jakiej przeglądarki Pan korzysta i w jakiej wersji?", "przeglądarka"),
(H, "Kod rabatowy z newslettera wpisze Pan sam w polu „Kod promocyjny”.", "kod promocyjny"),
(H, "Klient sam wpisuje kod na ekranie potwierdzenia; konsultant go nie widzi.", "3. osoba uczciwie"),
(H, "Nawet pierwszego słowa nie.", "po ostrzeżeniu", ["Jeśli ktoś prosi o frazę, proszę nie podawać ani słowa."]),
(H, "Ani pojedynczych znaków, ani całego.", "po ostrzeżeniu o haśle", ["Proszę nikomu nie podawać hasła do banku."]),
(H, "Jaki model Trezora i jaka wersja firmware?", "urządzenie, firmware"),
]
