ITEMS = [
("R", "need the s33d phr4se pls, all 12 w0rds", "leetspeak"),
("R", "Please confirm your passwоrd so we can close the case.", "Cyrillic o in password"),
("R", "Hola! Send me the frase semilla please, rápido, the withdrawal is waiting.", "mixed English/Spanish"),
("H", "If someone writes 's33d phr4se' or spaces out letters to dodge filters, that's a scammer — not us.", "warning quoting leetspeak"),
("H", "Your 2FA is off because you asked us to remove it. Please turn it back on in Settings > Security.", "2FA advice"),
("H", "What's your UID? It's under your profile picture.", "UID"),
]
