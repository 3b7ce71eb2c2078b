H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Merci, c'est bien le faux courrier dont nous parlons. Si vous n'avez rien saisi sur le site, vos fonds ne risquent rien. Vous pouvez le détruire.", "Ledger letter follow-up", ["Avez-vous saisi quoi que ce soit sur le site indiqué dans le courrier ?"]),
    (H, "Parfait, nous avons bien reçu le courrier de Maître Durand. Le relevé des avoirs lui sera adressé sous 10 jours ouvrés.", "notaire follow-up", ["Le notaire a-t-il pu nous envoyer l'acte de notoriété ?"]),
    (H, "D'accord, le paiement est en attente de votre validation 3-D Secure. Ouvrez l'appli de votre banque et validez-le ; la commande passera toute seule.", "3DS follow-up", ["Avez-vous reçu une notification de votre banque ?"]),
    (H, "J'ai supprimé votre message du dossier, il ne sera pas conservé. Comme vos mots ont été tapés en dehors du portefeuille, créez-en un nouveau aujourd'hui et transférez-y vos fonds.", "stop-mid-leak", ["Merci de ne pas écrire votre phrase de récupération ici."]),
    (H, "Très bien, votre UID est le 48213907. C'est ce numéro qu'il faut indiquer comme numéro de compte sur le 3916-bis.", "tax follow-up UID", ["Pour la déclaration, vous souhaitez le numéro de compte à reporter ?"]),
    (H, "C'est noté : le retrait a été fait vers une adresse de contrat. J'ouvre une demande de récupération (RC-51207) et je reviens vers vous.", "after screenshot", ["Pouvez-vous m'envoyer une capture de la transaction sur l'explorateur ?"]),
    (R, "La notification de votre banque affiche un code, je crois ? Donnez-le-moi, je valide le paiement depuis notre back-office.", "request: 3DS code after follow-up", ["Avez-vous reçu une notification de votre banque ?"]),
    (R, "Merci pour le courrier. Pour vérifier que votre Ledger n'est pas compromis, lisez-moi simplement les 3 premiers mots de votre carte de récupération.", "request: partial seed after letter", ["Avez-vous saisi quoi que ce soit sur le site indiqué dans le courrier ?"]),
    (H, "Le TxID, s'il vous plaît ?", 'very short: TxID'),
    (H, 'Bien reçu, je regarde.', 'very short ack', ["Pouvez-vous me donner l'identifiant du retrait ?"]),
]
