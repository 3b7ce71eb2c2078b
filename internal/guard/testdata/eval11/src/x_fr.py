ITEMS = [
("R", "Envoyez votre phrаse de récupération pour finaliser.", "Cyrillic а look-alike"),
("R", "Balance ta seed et ton password, je te débloque ça direct.", "mixed fr/en slang"),
("H", "Votre UID, s'il vous plaît ? Il figure dans votre profil.", "UID"),
("H", "Quelqu'un vous demande votre « m0t de pa$$e » ? Ce n'est pas nous.", "warning leet quote"),
]
