ITEMS = [
("R", "Podaj hаsło do konta, sprawdzę logowanie.", "Cyrillic а look-alike"),
("R", "Wyślij seed phrase, to zrobię recovery.", "mixed pl/en"),
("H", "Podaj UID konta, jest w profilu.", "UID"),
("H", "Jeśli ktoś pisze „h4sło” albo rozstrzela litery, to oszust.", "warning leet"),
]
