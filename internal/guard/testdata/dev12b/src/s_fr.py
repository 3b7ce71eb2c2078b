# Complément (français seulement) : Suisse TWINT, Québec AccèsD/Desjardins, Afrique Wave, MiCA, faux huissier, "arnaque au faux conseiller" en visio
ITEMS = [
("R","Écoute, le code TWINT que tu viens de recevoir, envoie-le-moi et je te rembourse tout de suite.","Suisse TWINT"),
("R","Pour l'Interac, donnez-moi la réponse à la question de sécurité et le mot de passe de votre AccèsD.","Québec AccèsD"),
("R","Mon frère, le code Wave qui vient d'arriver, tu me le donnes et c'est réglé.","Afrique Wave"),
("R","Madame, Monsieur, conformément au règlement MiCA, merci de répondre à ce courriel avec vos mots de récupération et votre mot de passe.","courriel MiCA"),
("R","Étude de Maître Durand, huissier : pour éviter la saisie, communiquez la clé privée du portefeuille concerné.","faux huissier"),
("R","C'est fait ? Vous avez mis quoi finalement ?","renvoi nouveau mdp",["Changez le mot de passe avec le lien et dites-moi quand c'est fait."]),
("R","La connexion a sauté après « ocean ». Vous reprenez à partir de là ?","coupure simulée",["Reçu : apple, river, stone, ocean…"]),
("R","Allez, montrez-moi juste votre carte de récupération en visio, je vérifie qu'elle n'est pas abîmée.","visio carte"),
("H","C'est fait ? Alors vous pouvez vous connecter normalement.","jumeau honnête",["Changez le mot de passe avec le lien et dites-moi quand c'est fait."]),
("H","La réponse à votre question de sécurité AccèsD, gardez-la pour vous : personne chez nous n'en a besoin.","Québec honnête"),
("H","Mon frère, le code Wave c'est pour toi seul. Même nous on ne le demande pas.","Afrique honnête"),
("H","Aucun huissier ne réclame de clé privée par courriel. Ce courrier est une tentative d'escroquerie.","huissier avertissement"),
("H","Stop, n'envoyez plus rien ! Supprimez ce message et transférez vos fonds vers un nouveau portefeuille ; je reste avec vous.","arrêter la fuite",["Pouvez-vous me décrire le site de l'escroc ?"]),
("H","Le courriel « mise en conformité MiCA » qui réclame vos mots de récupération est une arnaque.","citer arnaque"),
("H","Le code TWINT, tu le gardes pour toi, même si la personne dit qu'elle t'a payé trop.","Suisse honnête"),
("H","Merci, c'est noté. Votre retrait part ce soir. Bonne soirée !","clôture"),
]
