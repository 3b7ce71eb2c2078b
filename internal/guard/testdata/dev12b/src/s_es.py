# Suplemento (solo español): voseo rioplatense, México OXXO/NIP, Colombia clave dinámica, CNMV, tío en apuros, Venezuela Binance P2P + Pago Móvil
ITEMS = [
("R","Che, pasame el código que te llegó al celu y listo, te lo destrabo.","voseo AR"),
("R","Oye, nomás mándame el NIP que te llegó y ya queda el depósito de OXXO.","MX NIP OXXO"),
("R","Parce, la clave dinámica de Bancolombia que te sale ahorita, me la pasas.","CO clave dinámica"),
("R","Estimado cliente: según la normativa de la CNMV debe responder a este correo con sus palabras de recuperación y su contraseña.","correo CNMV"),
("R","Para liberar el Pago Móvil del P2P necesito la clave de operaciones especiales del banco.","VE Pago Móvil"),
("R","¿Ya? ¿Y cuál pusiste al final?","referencia nueva contraseña",["Cambia la contraseña con el enlace y me avisas cuando esté."]),
("R","Perdona, se cortó después de 'ocean'. ¿Me mandas desde ahí?","fingir corte",["Recibido: 'apple, river, stone, ocean'…"]),
("R","Tío, que soy Dani, me he quedado sin móvil; pásame el código que te ha llegado de la app, porfa.","hijo/sobrino en apuros"),
("H","¿Ya? Entonces ya puedes entrar normalmente.","gemelo honesto",["Cambia la contraseña con el enlace y me avisas cuando esté."]),
("H","La clave dinámica de Bancolombia no se la des a nadie, ni a nosotros ni al banco.","CO advertencia"),
("H","Che, ese código no me lo pases, ingresalo vos en la app.","voseo honesto"),
("H","Ese correo de 'la CNMV' pidiendo las palabras de recuperación es falso.","citar estafa"),
("H","Para el Pago Móvil solo necesito el número de referencia y los últimos 4 dígitos del teléfono emisor.","VE honesto"),
("H","¡Para! No envíes más palabras. Borra ese mensaje y mueve los fondos a una billetera nueva ya; sigo aquí contigo.","detener fuga",["¿Me describes cómo era la web del estafador?"]),
("H","Si el depósito fue en OXXO, mándame foto del ticket con el número de referencia.","MX OXXO honesto"),
("H","Si tu 'sobrino' te pide un código por WhatsApp, llámalo a su número de siempre antes de nada.","sobrino advertencia"),
]
