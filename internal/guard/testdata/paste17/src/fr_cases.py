from common import P, C
PASTES = [
P(24, ["ma Ledger est en français, voici les mots : {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23~} {24}", "(le clavier enlève les accents)"], "French list, accent lost on word 23", wordlist_hint="french"),
P(12, ["<div>Bonjour,</div><div>mot 1 : {1}</div><div>mot 2 : {2}</div><div>mot 3 : {3}</div><div>mot 4 : {4}</div><div>mot 5 : {5}</div><div>mot 6 : {6}</div><div>mot 7 : {7}</div><div>mot 8 : {8}</div><div>mot 9 : {9}</div><div>mot 10 : {10}</div><div>mot 11 : {11}</div><div>mot 12 : {12}</div><div>Cordialement</div>"], "Orange webmail HTML with 'mot N :'", html=True),
P(12, ["mot numéro un {1} mot numéro deux {2} trois {3} quatre {4} cinq {5} six {6} sept {7~} huit {8} neuf {9} dix {10} onze {11} douze {12}"], "iPhone dictation, numbers spelled out, homophone in word 7", wordlist_hint="french"),
P(12, ["----- Mail transféré -----\nDe: \"Papa\" <jp.martin@free.fr>\nÀ: \"Julie\" <julie.martin@free.fr>\nEnvoyé: Jeudi 3 Décembre 2026 20:14:02\nObjet: portefeuille\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "mon père m'a transféré ça, il ne sait plus se connecter"], "Zimbra forward header"),
P(12, ["les voici : {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nLe jeu. 3 déc. 2026 à 11:02, Support <support@exemple.fr> a écrit :\n> Votre demande a bien été enregistrée."], "Gmail reply with French quote header"),
P(12, ["Transféré\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "ma sœur m'a envoyé ça par WhatsApp"], "WhatsApp Transféré label"),
P(12, ["allo, mon transit Desjardins c'est 81560, le dépôt est pas rentré. ma seed c'est {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}, checkez ça svp"], "Québec framing with anglicisms"),
P(12, ["Bonjour, référence Orange Money MP261203.1422.A55901, montant 150 000 FCFA", "les 12 mots: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Senegalese customer with Orange Money reference"),
P(12, ["je ne peux plus retirer"], "first word in Nom, rest in Précisions", fields={"name": "{1}", "custom_fields": {"Précisions": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["IBAN BE68 5390 0754 7034, virement bloqué. mots : {1} ; {2} ; {3} ; {4} ; {5} ; {6} ; {7} ; {8} ; {9} ; {10} ; {11} ; {12}"], "Belgian IBAN and ' ; ' separators"),
P(12, ["{1}\t{2}\t{3}\n{4}\t{5}\t{6}\n{7}\t{8}\t{9}\n{10}\t{11}\t{12}"], "Apple Notes table copy, tab separated"),
P(12, ["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], "first three words in an Outlook 'TR:' subject", subject="TR: {1} {2} {3}"),
P(18, ["Bonjour,\n\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}\n{13} {14} {15} {16} {17} {18}\n\nEnvoyé de mon iPhone"], "Swiss customer, 18 words, iPhone mail"),
]
CLEAN = [
C(["Bonjour, mes 24 mots sont écrits sur une carte rangée chez moi, je ne les enverrai à personne. Je voudrais juste savoir pourquoi mon virement SEPA est en attente."], "keeps words safe"),
C(["Liste de courses : lait, pain, beurre, fromage, pomme, citron, tomate, oignon, riz, café, savon, chocolat"], "12-item list"),
C(["Étapes : 1. ouvrir l'appli 2. choisir la crypto 3. coller l'adresse 4. saisir le montant 5. valider 6. attendre 7. historique 8. redémarrer 9. reconnecter 10. réessayer 11. écrire 12. rien"], "12 steps"),
C(["IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, référence commande 2026-FR-44812, montant 1 250,00 €"], "public bank data"),
C(["Pour mon comptable : xpub6DLqFVUxQ8nNtnE4GxYzT1ZxY5mKkbB1tU2kYJ4C1GtN6WzZb3xKfhX9nYpR3fQ7hM2uD8nW4bV1cS5kE9gH2jL6mP3qR8tU1wX4yZ7aB0c"], "xpub for accountant"),
]
CLEAN += [
C(["Bonjour, hier soir j'ai fait un dépôt avec ma carte, le solde reste à zéro, la banque dit que tout est normal, merci de vérifier mon compte rapidement"], "prose with French-list words"),
]
