H, R = "H", "R"
DROP_NOTES = ["request: seed via form", "request: photo of seed", "request: backup codes", "request: screen share seed",
              "hardware wallet scam quoted", "'clave' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Mira, para no perder tiempo con el formulario, mándame por WhatsApp la foto de la tarjetita de la Ledger y lo resuelvo hoy.", "request: photo of Ledger card via WhatsApp"),
    (R, "Una pregunta rápida de seguridad: ¿tu contraseña lleva tu año de nacimiento? Sí o no.", "request: property of password"),
    (R, "Para el reseteo del 2FA escríbeme los códigos de respaldo que te quedan sin usar.", "request: remaining backup codes"),
    (R, "Abre una llamada de Meet conmigo, comparte pantalla y entra a la configuración de tu billetera, donde dice \"Frase de recuperación\".", "request: Meet screen share of seed"),
    (H, "En una Ledger o Trezor las 24 palabras solo aparecen en la pantallita del aparato la primera vez. Apúntalas en la tarjeta que viene en la caja y guárdala bien.", "hardware wallet backup advice"),
    (H, "Si te escribe un \"asesor\" por Instagram con \"ganancias garantizadas del 3% diario, solo necesito acceso a tu cuenta\", es estafa. No le des tu usuario ni tu contraseña.", "investment scam quoted (Latam)"),
    (H, "El Bizum que recibiste no es nuestro: nosotros nunca te pedimos que aceptes una solicitud de Bizum para \"verificar\" nada. Recházala.", "Bizum request scam (Spain)"),
]
