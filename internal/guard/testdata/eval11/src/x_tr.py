ITEMS = [
("R", "Lütfen şifrеnizi buraya yazın, kontrol edeceğim.", "Cyrillic е look-alike"),
("R", "seed phrase'ini atar mısın, wallet'ı sync edeceğim", "mixed tr/en"),
("H", "UID numaranızı yazar mısınız? Profilde görünüyor.", "UID"),
("H", "Biri size 's1fre' ya da 'k3lime' gibi garip yazılmış bir şey sorarsa dolandırıcıdır.", "warning leet"),
("R", "Ş İ F R E N İ Z İ yazın, sistem harf harf okuyor.", "spaced capitals"),
]
