H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Ya borré tu último mensaje del caso para que las palabras no queden guardadas. Como las escribiste fuera de tu billetera, crea una nueva hoy y pasa ahí tus fondos.", "stop-mid-leak", ["Por favor no escribas tu frase semilla aquí, no la necesitamos."]),
    (H, "Ok, BEP20. Pásame el hash y reviso si esa dirección de depósito la admite.", "follow-up hash", ["¿Qué red elegiste al hacer el retiro?"]),
    (H, "Listo, ya vi que la API \"bot-grid\" tiene permiso de retiro. Desactívalo, el bot no lo necesita para operar.", "API name follow-up", ["¿El bot sigue usando la API que se llama \"bot-grid\"?"]),
    (H, "Ese es, gracias. No necesitamos ninguna contraseña de la cuenta de tu mamá; la congelamos y seguimos con los documentos.", "inheritance follow-up", ["Para la sucesión, ¿con qué correo estaba registrada la cuenta de tu mamá?"]),
    (H, "Bien. En el inicio de sesión elige \"Usar código de respaldo\" y escribe uno ahí. Táchalo luego, cada uno sirve una vez.", "backup code used by customer", ["¿Guardaste los códigos de respaldo cuando activaste el 2FA?"]),
    (H, "Recibido, gracias. La transferencia fue al contrato del token, no a tu dirección de depósito. Te abro un caso de recuperación, el número es RC-40983.", "after screenshot", ["¿Me mandas captura de la transacción en el explorador de bloques?", "Que se vea también la barra de direcciones, porfa."]),
    (R, "Dale. Ya que tienes abierto el Authenticator, dime el código que aparece ahorita y cierro la lista blanca desde aquí.", "request TOTP after whitelist", ["Ya agregué la dirección a la lista blanca.", "Solo falta una confirmación."]),
    (R, "Si todavía tienes el chip viejo, ponlo en otro cel y pásame el código que llegue, así muevo tu 2FA.", "request SMS old SIM", ["Qué mala onda lo del robo del celular.", "¿Conservas el chip anterior?"]),
    (H, '¿Me pasas el hash?', 'very short: hash'),
    (H, '¡Recibido! Ya lo reviso.', 'very short ack', ['Pega aquí el ID del retiro, porfa.']),
]
