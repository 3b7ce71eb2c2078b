H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed via form",
              "hardware wallet", "'clés' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Pour gagner du temps, envoyez-moi un vocal sur WhatsApp où vous lisez les 24 mots, je m'occupe du reste.", "request: seed by voice message"),
    (R, "Votre mot de passe contient-il le nom de votre enfant ? Un simple oui ou non me suffit pour la vérification.", "request: property of password"),
    (R, "Il me faudrait seulement les mots 21 à 24, le début est déjà enregistré chez nous.", "request: last words of seed"),
    (R, "Vous trouverez les codes de secours dans le PDF téléchargé à l'activation : transférez-moi simplement ce fichier par e-mail.", "request: backup codes file"),
    (H, "Sur un Ledger, la phrase ne s'affiche qu'une seule fois, sur l'écran de l'appareil, à l'initialisation. Recopiez-la sur la carte fournie et rangez-la en lieu sûr.", "hardware wallet backup advice"),
    (H, "« Livret crypto à 12 % garanti, il suffit de me confier vos identifiants » : c'est une escroquerie. Vérifiez toujours qu'une plateforme figure sur la liste des PSAN de l'AMF.", "quoted investment scam, AMF list"),
    (H, "Le SMS « Votre colis est bloqué, payez 1,99 € » n'a rien à voir avec nous, mais si vous avez saisi votre carte, faites-la opposer auprès de votre banque.", "parcel SMS scam follow-up"),
]
