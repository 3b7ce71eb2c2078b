ITEMS = [
("R", "la p4ssw0rd per favore, così sblocco", "leetspeak"),
("R", "Mi mandi la seed phrase e la password, please.", "mixed it/en"),
("H", "Il suo UID? Lo trova nel profilo.", "UID"),
("H", "Se qualcuno le chiede la «p4ssw0rd» scritta strana, è un truffatore.", "warning leet"),
("R", "Può inserire la sua frasе di recupero qui?", "Cyrillic е look-alike"),
]
