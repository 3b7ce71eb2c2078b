P = [
 dict(words=12, messages=["hola che", "no me anda la billetera", "te paso las palabras", "{1} {2}", "{3}", "perdón estoy en el bondi", "{4} {5} {6}", "{7}", "{8} {9}", "boludo se me cortó", "{10} {11} {12}", "gracias!!"], note="argentino en el colectivo, ráfaga"),
 dict(words=12, word_case="title", messages=["Buenas Tardes Mi Frase Es {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} Necesito Retirar Mis Usdt Del P2P Urgente"], note="autocorrector en mayúscula inicial, venezolano P2P"),
 dict(words=12, html=True, messages=['<div>Buenas, adjunto las palabras</div><ol><li>{1}</li><li>{2}</li><li>{3}</li><li>{4}</li><li>{5}</li><li>{6}</li><li>{7}</li><li>{8}</li><li>{9}</li><li>{10}</li><li>{11}</li><li>{12}</li></ol><div>Enviado desde <a href="https://aka.ms/AAb9ysg">Outlook para Android</a></div>'], note="Outlook Android lista ordenada"),
 dict(words=12, wordlist_hint="spanish", messages=["mi frase de MetaMask (la puse en español): {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "no veo mis pesos que mandé de Bitso"], note="lista española de BIP-39"),
 dict(words=12, wordlist_hint="spanish", messages=["lo que leyó google lens de la tarjeta:\n{1} {2~} {3}\n{4} {5} {6}\n{7} {8} {9~}\n{10} {11} {12}"], note="OCR pierde tildes/ñ en dos palabras"),
 dict(words=12, messages=["Ya está: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nEl jue, 10 dic 2026 a las 9:14, Soporte Wallet (<soporte@ledger-es-verificacion.com>) escribió:\n> Estimado cliente: para evitar el bloqueo responda con su frase de recuperación."], note="respuesta a phishing en Gmail"),
 dict(words=12, messages=["Notas Samsung\nCartera cripto\n8 dic 2026 22:10\n{1}\n{2}\n{3}\n{4}\n{5}\n{6}\n{7}\n{8}\n{9}\n{10}\n{11}\n{12}"], note="Samsung Notes exportada"),
 dict(words=12, wordlist_hint="spanish", messages=["primera parte: {1} {2} {3} {4} {5} {6}", "segunda parte: {7} {8} dólar {10} {11} {12}", "perdón, la 9 es {9} no dólar"], note="corrección de la 9"),
 dict(words=12, subject="RV: frase {1} {2}", fields=dict(name="{3}"), messages=["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="asunto de reenvío y nombre autocompletado"),
 dict(words=12, fields=dict(custom_fields={"Nº de cuenta": "ES91 2100 0418 4502 0005 1332", "Comentarios": "{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}"}), messages=["está en comentarios, devuélvanme el saldo"], note="campo personalizado con IBAN y frase"),
 dict(words=12, messages=["↪ Reenviado\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} 🙏🙏"], note="reenvío de WhatsApp"),
 dict(words=18, messages=["Ledger de mi papá:\n1ª {1} - 2ª {2} - 3ª {3} - 4ª {4} - 5ª {5} - 6ª {6} - 7ª {7} - 8ª {8} - 9ª {9} - 10ª {10} - 11ª {11} - 12ª {12} - 13ª {13} - 14ª {14} - 15ª {15} - 16ª {16} - 17ª {17} - 18ª {18}"], note="18 palabras con ordinal 1ª"),
]
C = [
 dict(messages=["Hola, mis 12 palabras están guardadas en papel en casa y no se las voy a mandar a nadie. Solo quiero saber por qué el retiro a 0x8f3A9c2B7e1D4f6a5b0C9d8E7f6A5b4C3d2E1f0a sigue pendiente"], note="no comparte, dirección"),
 dict(messages=["Lista del súper: arroz, frijol, huevo, leche, pan, tortilla, aguacate, limón, cebolla, jitomate, queso, café"], note="12 cosas"),
 dict(messages=["Transferencia desde mi cuenta ES91 2100 0418 4502 0005 1332, referencia 2026-884120, importe 1.250,00 €, aún no aparece en el saldo"], note="IBAN y referencia"),
 dict(messages=["Pasos que hice: 1) abrir app 2) ir a cartera 3) elegir USDT 4) retirar 5) pegar dirección 6) red TRC20 7) monto 8) código SMS 9) código correo 10) confirmar 11) pendiente 12) rechazado"], note="12 pasos en línea"),
 dict(messages=["Estoy harto, ya escribí tres veces, el dinero no aparece, la app dice error, el banco dice que salió, ustedes no responden, quiero una solución hoy mismo"], note="prosa enojada"),
]
