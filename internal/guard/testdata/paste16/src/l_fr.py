P = [
 dict(words=12, html=True, messages=['<div>Bonjour,</div><div>voici ma phrase :</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div>Envoyé de mon iPhone</div>'], note="Orange Mail iPhone"),
 dict(words=12, wordlist_hint="french", messages=["mon portefeuille m'a donné des mots en français : {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="liste française"),
 dict(words=24, messages=["mot n°1 : {1}\nmot n°2 : {2}\nmot n°3 : {3}\nmot n°4 : {4}\nmot n°5 : {5}\nmot n°6 : {6}\nmot n°7 : {7}\nmot n°8 : {8}\nmot n°9 : {9}\nmot n°10 : {10}\nmot n°11 : {11}\nmot n°12 : {12}\nmot n°13 : {13}\nmot n°14 : {14}\nmot n°15 : {15}\nmot n°16 : {16}\nmot n°17 : {17}\nmot n°18 : {18}\nmot n°19 : {19}\nmot n°20 : {20}\nmot n°21 : {21}\nmot n°22 : {22}\nmot n°23 : {23}\nmot n°24 : {24}"], note="Ledger, mot n°N avec espace insécable"),
 dict(words=12, messages=["salam", "j'ai payé par orange money", "{1} {2} {3}", "{4} {5} {6}", "dama sonn", "{7} {8} {9}", "{10} {11} {12}", "jërëjëf"], note="Sénégal, wolof et français"),
 dict(words=12, messages=["allo", "mon wallet marche pu pis j'ai besoin de mon argent", "{1} {2} {3} {4}", "{5} {6} {7} {8}", "{9} {10} {11} {12}", "merci ben"], note="Québec, trois rafales"),
 dict(words=12, messages=["Phrase secrète\n– {1}\n– {2}\n– {3}\n– {4}\n– {5}\n– {6}\n– {7}\n– {8}\n– {9}\n– {10}\n– {11}\n– {12}"], note="Notes Apple, tirets"),
 dict(words=12, wordlist_hint="french", messages=["« {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} »\n\nLe mar. 8 déc. 2026 à 10:14, Service Client <support@wallet-securite-fr.com> a écrit :\n> Madame, Monsieur, veuillez confirmer votre phrase de récupération."], note="réponse à phishing, guillemets"),
 dict(words=12, fields=dict(custom_fields={"IBAN": "FR76 3000 6000 0112 3456 7890 189", "Commentaire": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["tout est dans le formulaire"], note="champ commentaire"),
 dict(words=12, messages=["{1} rivière {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "pardon le 2e c'est {2} pas rivière"], note="correction du 2e"),
 dict(words=12, subject="TR: phrase de récupération {1} {2} {3}", messages=["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="sujet TR:"),
 dict(words=12, wordlist_hint="french", messages=["texte copié de la photo :\n1 {1}    7 {7}\n2 {2~}    8 {8}\n3 {3}    9 {9}\n4 {4}    10 {10}\n5 {5}    11 {11~}\n6 {6}    12 {12}"], note="Texte en direct, deux colonnes, accents perdus"),
 dict(words=12, messages=["KeePassXC > Notes : {1};{2};{3};{4};{5};{6};{7};{8};{9};{10};{11};{12}"], note="points-virgules"),
]
C = [
 dict(messages=["Bonjour, je garde mes 12 mots sur papier chez moi et je ne les enverrai à personne. Mon virement depuis FR76 3000 6000 0112 3456 7890 189 n'est pas arrivé"], note="ne les envoie pas"),
 dict(messages=["Liste de courses : pain, beurre, lait, fromage, œufs, pommes, poires, farine, sucre, café, jambon, salade"], note="12 courses"),
 dict(messages=["Étapes : 1. ouvrir l'appli 2. portefeuille 3. retrait 4. USDC 5. adresse 6. réseau 7. montant 8. code SMS 9. code mail 10. valider 11. en attente 12. annulé"], note="12 étapes"),
 dict(messages=["Hash de transaction 0x2a4c6e8f0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a, numéro de commande 2026-FR-55102, montant 1 250,00 €"], note="données publiques"),
 dict(messages=["C'est quand même incroyable, je paie, rien n'arrive, le robot répond à côté, personne ne rappelle, je veux parler à un humain avant Noël"], note="prose"),
]
