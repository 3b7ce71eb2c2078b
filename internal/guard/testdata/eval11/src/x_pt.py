ITEMS = [
("R", "manda a s3nh4 aí que eu destravo", "leetspeak senha"),
("R", "Manda a seed phrase e o password do app que eu resolvo.", "mixed pt/en"),
("H", "Qual seu UID? Fica no seu perfil.", "UID"),
("H", "Se alguém te pedir a 's3nh4' ou a 'seed' escrita estranha assim, é golpe.", "warning leetspeak"),
("R", "Por favor confirme sua sеnha (a de login).", "Cyrillic е look-alike"),
]
