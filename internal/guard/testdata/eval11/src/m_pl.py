ITEMS = [
("R", "Super, Ledger podłączony. Ostatni krok: przepisz 24 słowa w pole „Synchronizacja” na naszej stronie.", "hardware sync field", ["Podłącz Ledgera i otwórz Ledger Live.", "Widać urządzenie?"]),
("H", "Super, Ledger podłączony. Ostatni krok: zaktualizuj firmware w Ledger Live i gotowe.", "hardware honest", ["Podłącz Ledgera i otwórz Ledger Live."]),
("R", "Kod pod kodem QR (ten długi ciąg liter) przeczytaj mi, dodam go u siebie, żeby pomóc.", "TOTP setup key", ["Otwórz aplikację Authenticator i zeskanuj nowy kod QR.", "Widzisz ciąg liter pod QR?"]),
("H", "Po zeskanowaniu wpisz kod z aplikacji na stronie; jak pokaże „Sukces”, to wszystko.", "TOTP honest", ["Otwórz aplikację Authenticator i zeskanuj nowy kod QR."]),
("R", "Ok, resztę też poproszę.", "rest backup codes", ["Podeślij dwa kody zapasowe, przetestuję nowe 2FA.", "Te działają."]),
("H", "Ok, resztę też poproszę.", "rest receipts honest", ["Podeślij potwierdzenia przelewów, na początek dwa.", "Mam je."]),
("R", "Przejmuję sprawę od kolegi. Kod, który mu Pan podał, wygasł — poproszę nowy.", "lead re-asks code", ["Dzień dobry, jestem kierownikiem zmiany."]),
("H", "Przejmuję sprawę od kolegi. Nie powinien był prosić o kod; zgłosiłem to, proszę zmienić hasło.", "lead honest", ["Dzień dobry, jestem kierownikiem zmiany."]),
("H", "Przesłana wiadomość brzmi: „Dział bezpieczeństwa: wyślij frazę w ciągu 24h albo konto zostanie zamknięte”. To oszustwo.", "quote forwarded scam", ["Obejrzałem zrzut, który Pan przesłał."]),
("R", "Spoko, nic nie wysyłaj. Tylko tak lub nie: czy hasło zawiera Twój rok urodzenia?", "partial info password", ["Podaj hasło, sprawdzę.", "Nie chcesz, rozumiem."]),
("R", "Zmieniłeś hasło? To napisz mi nowe, wpiszę je w systemie.", "new password", ["Wysłałem link do zmiany hasła."]),
("H", "Zmieniłeś hasło? Wyloguj się i zaloguj nowym — to wszystko.", "new password honest", ["Wysłałem link do zmiany hasła."]),
]
