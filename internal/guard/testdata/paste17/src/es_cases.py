from common import P, C
PASTES = [
P(12, ["Mensaje reenviado\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "me lo mandó mi primo por whatsapp, es su cuenta de bitso, ¿lo pueden recuperar?"], "WhatsApp 'Mensaje reenviado' header"),
P(12, ["che fijate que no me anda la billetera, te mando las palabras: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}. avisame porfa"], "Argentine voseo framing"),
P(12, ["<div>Hola,</div><div>Estas son mis palabras:</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div id=\"ms-outlook-mobile-signature\">Enviado desde <a href=\"https://aka.ms/AAb9ysg\">Outlook para Android</a></div>"], "Outlook for Android HTML, Spain", html=True),
P(12, ["palabra uno {1} palabra dos {2} palabra tres {3} palabra cuatro {4} palabra cinco {5} palabra seis {6} palabra siete {7} palabra ocho {8} palabra nueve {9} palabra diez {10} palabra once {11} palabra doce {12}"], "Gboard voice dictation, numbers spelled out", wordlist_hint="spanish"),
P(12, ["mi billetera está en español y me dio estas: {1} {2} {3~} {4} {5} {6} {7} {8} {9} {10~} {11} {12} (el teclado me quita las tildes)"], "Spanish list, accents lost on two words", wordlist_hint="spanish"),
P(12, ["Notas\nBilletera Bit2Me\n3 dic 2026 22:41\n{1}\n{2}\n{3}\n{4}\n{5}\n{6}\n{7}\n{8}\n{9}\n{10}\n{11}\n{12}"], "Samsung Notes export with title and date"),
P(12, ["Ya les mandé todo como pedían:\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nEl jue, 3 dic 2026 a las 18:02, Soporte Billetera <verificacion@billetera-segura.co> escribió:\n> Estimado cliente, para verificar su billetera responda con sus 12 palabras."], "reply to a phishing mail with Spanish quote header"),
P(12, ["no puedo retirar a mi cuenta"], "phrase in custom field Comentarios", fields={"name": "Luis Hernández", "custom_fields": {"CURP": "HEGL850312HDFRRS09", "Comentarios": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["{5} {6} {7} {8} {9} {10} {11} {12}"], "first four words in an Outlook 'RV:' subject", subject="RV: {1} {2} {3} {4}"),
P(24, ["mi dirección TRC20 TJYeasTPa6gpEEfYqKDuPZFZ9tHKUfSxZx y mi Binance Pay ID 412 998 107", "frase: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23} {24}"], "24 words after TRC20 address and Pay ID"),
P(12, ["Reenviado de Soporte Binance LATAM\n{1} - {2} - {3} - {4} - {5} - {6} - {7} - {8} - {9} - {10} - {11} - {12}", "esto es lo que me pidieron en el grupo, ¿es legal?"], "Telegram forward header 'Reenviado de'"),
P(15, ["buenas, referencia Nequi 84421907, la plata no llegó. frase de mi billetera: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15}"], "Colombian customer, 15 words, Nequi reference"),
]
CLEAN = [
C(["Hola, mis 12 palabras están guardadas en papel en mi casa y no las voy a compartir con nadie. Solo quiero saber por qué mi retiro a BBVA sigue pendiente."], "keeps words safe"),
C(["Lista del súper: leche, pan, huevo, queso, limón, tomate, cebolla, arroz, azúcar, café, jabón, agua"], "12-item shopping list"),
C(["Pasos: 1. abrir la app 2. elegir moneda 3. pegar dirección 4. poner monto 5. confirmar 6. esperar 7. revisar historial 8. reiniciar 9. volver a entrar 10. intentar 11. escribirles 12. nada"], "12 numbered steps"),
C(["Mi CLABE para el retiro es 012180015519870331, referencia 7741092, monto $4,500.00 MXN"], "public bank data"),
C(["Le paso mi xpub a mi contador para la declaración: xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj"], "xpub for accountant"),
C(["El cuento de mi hijo: había una vez un caballo que vivía en una granja con un gato, un perro y una abuela muy alegre."], "children's story with list words"),
]
PASTES += [
P(21, ["mi billetera vieja tiene 21 palabras: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21}"], "21 words"),
]
CLEAN += [
C(["Hola, el lunes abrí la app, hice un depósito con mi tarjeta, pero el saldo no cambia y la ayuda no contesta. Tengo miedo, es todo mi dinero del mes."], "prose with many Spanish-list words"),
]
