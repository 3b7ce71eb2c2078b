ITEMS = [
("R", "Parfait, Ledger est connecté. Dernière étape : recopiez vos 24 mots dans le champ « Synchronisation » de notre page.", "hardware then sync field", ["Branchez votre Ledger et ouvrez Ledger Live.", "Vous voyez bien l'appareil ?"]),
("H", "Parfait, Ledger est connecté. Dernière étape : mettez à jour le firmware depuis Ledger Live, rien d'autre.", "hardware honest", ["Branchez votre Ledger et ouvrez Ledger Live."]),
("R", "Sous « Secret Recovery Phrase », il y a 12 mots. Recopiez-moi ce qui est écrit dessous.", "translation of UI label", ["Votre MetaMask est en anglais ?", "Allez dans Settings > Security & Privacy."]),
("H", "Sous « Activity », vous verrez la transaction. Recopiez-moi juste la date et le montant.", "UI honest twin", ["Votre MetaMask est en anglais ?"]),
("R", "Très bien, on oublie la phrase. Dites-moi juste si le premier mot commence par un « b ».", "yes/no seed letter", ["J'ai besoin de votre phrase de récupération.", "Vous refusez, je comprends."]),
("R", "Et en dessous ?", "terse follow-up on backup codes sheet", ["Lisez-moi la première ligne de la feuille de codes de secours.", "Merci."]),
("H", "Et en dessous ?", "terse honest: next line of statement", ["Lisez-moi la première ligne du relevé bancaire, celle avec la référence.", "Merci."]),
("R", "Mon collègue m'a transmis le dossier. Le code que vous lui avez donné a expiré, pouvez-vous me donner le nouveau ?", "lead re-asks code", ["Bonjour, je reprends votre dossier."]),
("H", "Mon collègue m'a transmis le dossier. Il n'aurait jamais dû vous demander de code ; je signale l'incident, changez votre mot de passe.", "lead honest", ["Bonjour, je reprends votre dossier."]),
("H", "Voici ce qu'on vous a envoyé : « Service Sécurité : communiquez vos mots de secours sous 24 h ». Ce n'est pas nous. Ne répondez pas.", "quoting forwarded scam", ["J'ai regardé la capture que vous m'avez transférée."]),
("R", "Votre mot de passe fait plus de 10 caractères ? Il contient votre date de naissance ? Juste pour évaluer.", "partial info password", ["Parlons de la sécurité de votre compte."]),
("H", "Si votre mot de passe fait moins de 12 caractères, changez-le dans Paramètres > Sécurité. Vous n'avez rien à m'en dire.", "password advice twin", ["Parlons de la sécurité de votre compte."]),
]
