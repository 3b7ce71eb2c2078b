# Uzupełnienie (tylko polski): Revolut PIN, mObywatel zrzut, "na wnuczka" SMS, Vinted/OLX "Kup z wysyłką", inwestycja "Orlen/Baltic Pipe", potocznie "Panie"
ITEMS = [
("R","Panie, niech mi Pan ten kod z esemesa przeczyta, zaraz wszystko odkręcimy.","potocznie SMS"),
("R","Proszę zatwierdzić w aplikacji mObywatel i przesłać mi zrzut ekranu z kodem.","mObywatel zrzut"),
("R","Do aktywacji Revoluta potrzebny jest PIN karty i kod z SMS, proszę podać oba.","Revolut PIN"),
("R","Inwestycja w akcje Orlenu przez kryptowaluty: doradca potrzebuje frazy portfela, żeby podpiąć konto.","fałszywa inwestycja Orlen"),
("R","Kupujący z OLX zapłacił przez „Kup z wysyłką”; wpisz w linku numer karty i kod BLIK, żeby odebrać pieniądze.","OLX kup z wysyłką"),
("R","Zmienione? A jakie ostatecznie?","odwołanie nowe hasło",["Zmień hasło przez link i daj znać, jak skończysz."]),
("R","Połączenie się zerwało po „ocean”. Dokończysz od tego miejsca?","zerwane połączenie",["Dostałem: apple, river, stone, ocean…"]),
("R","Babciu, to ja, Kuba, zgubiłem telefon, podaj mi szybko kod, co ci przyszedł.","na wnuczka"),
("H","Zmienione? To proszę się normalnie zalogować.","uczciwy bliźniak",["Zmień hasło przez link i daj znać, jak skończysz."]),
("H","PIN do karty Revolut zna tylko Pan. Nikt z nas ani z Revoluta o niego nie pyta.","Revolut rada"),
("H","Kod z esemesa proszę wpisać samemu, mi go nie trzeba czytać.","SMS samemu"),
("H","Żeby odebrać pieniądze, nie podaje się nikomu kodu BLIK ani danych karty. To oszustwo „na OLX”.","OLX ostrzeżenie"),
("H","Proszę przestać, nie wysyłać dalej! Usunąć wiadomość i natychmiast przenieść środki do nowego portfela; jestem tu.","zatrzymać wyciek",["Czy może Pan opisać stronę oszustów?"]),
("H","Orlen nie sprzedaje akcji przez portfele kryptowalut. Takie reklamy to oszustwo.","Orlen ostrzeżenie"),
("H","Jeśli „wnuczek” pisze z nowego numeru i prosi o kod, zadzwoń na jego stary numer.","wnuczek rada"),
("H","Wypłata zrealizowana. Miłego wieczoru!","zakończenie"),
]
