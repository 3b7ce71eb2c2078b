ITEMS = [
("R", "kirim s33d phr4s3 kak, biar cepet", "leetspeak"),
("R", "Kak, sеnd password aplikasinya ya", "mixed + Cyrillic е"),
("H", "UID akun kakak berapa? Ada di halaman profil.", "UID"),
("H", "Kalau ada yang minta 'p4ssw0rd' atau 's33d' kak, itu penipu.", "warning leet"),
]
