ITEMS = [
("R", "Bitte bestätigen Sie Ihr Раsswort im Chat.", "Cyrillic Р and а"),
("R", "Schick mir die Recovery Phrase, dann fix ich das gleich.", "mixed de/en"),
("H", "Ihre UID bitte, die steht im Profil.", "UID"),
("H", "Wenn jemand nach Ihrem „P@ssw0rt“ fragt, ist das Betrug.", "warning leet"),
]
