ITEMS = [
("R", "pásame tu s3m1lla y lo arreglo en 5", "leetspeak"),
("R", "Envíame la сontraseña de tu cuenta, por favor.", "Cyrillic с look-alike"),
("H", "Si alguien te pide la «s3m1lla» escrita así para esquivar filtros, es estafa.", "warning quoting leetspeak"),
("H", "Tu UID, por favor; lo ves en Perfil.", "UID"),
("R", "Mándame the recovery phrase, please, así verifico el wallet.", "mixed es/en"),
]
