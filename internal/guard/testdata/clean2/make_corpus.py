#!/usr/bin/env python3
"""Builds clean_conversations2.jsonl: ordinary support conversations that
hold no secret, written for issue 7 item 8 by helper g7paste (2026-12-04).

The messages below are written by hand in eight languages. They lean on
words that are also BIP-39 words (account, balance, order, wallet, deposit,
again, same, still, cancel, network; cuenta, orden; compte, solde; ...),
number things the way customers do ("step 3", "message 2", "1)", order
numbers, "(2/3)"), answer in one or two words, and some arrive as HTML
e-mails with lists and tables. The script only assembles them into
conversations, with a fixed seed, so that the file is the same every run:

    python3 make_corpus.py > clean_conversations2.jsonl
"""
import json
import random

rng = random.Random(20261204)

POOLS = {
    "en": {
        "long": [
            "Hi, I made a deposit to my wallet this morning and the balance still shows zero",
            "I want to cancel order {ORDER}, I placed it by mistake",
            "The app says network busy when I try to withdraw, what should I do?",
            "My account was frozen after I changed my phone number, can you check?",
            "Can you explain the fee for a card payment? It was higher than last month",
            "I sent {AMT} USDT on the Tron network to the address the app gave me",
            "The price moved but my limit order did not fill, is that normal?",
            "I have been waiting for two days for the review of my documents",
            "Same problem again, the deposit is missing from the balance",
            "My brother opened an account but he cannot verify his identity with his passport",
            "Please check the transfer, the bank says the money left on Monday",
            "I tried on the web and on the phone, both say the session expired",
            "The earn product shows a different rate than the one on the home page",
            "I would like to close my account and move everything to my own wallet",
            "Is there a daily limit for withdrawals to a new address?",
            "I clicked the link in the email and it says the code is expired",
            "What network should I use to send ETH from another exchange?",
            "The spot order history is empty but I traded yesterday",
            "My card was declined at the shop even though the balance is fine",
            "Can you help me understand why the futures position was closed?",
            "I lost my phone with the authenticator, how do I get back into my account?",
            "The staking reward for this month never arrived",
            "Which documents do you need for the address proof? I have a utility bill",
            "The P2P seller marked the order as paid but I received nothing",
            "Thank you, the deposit arrived, have a nice day",
        ],
        "short": ["ok", "yes", "no", "thanks", "still waiting", "any update?", "hello?", "sure", "again", "same",
                  "deposit", "wallet", "account", "balance", "correct", "right", "almost", "done", "sorry", "great",
                  "same problem", "same address", "any news", "all good", "thank you", "bitcoin", "order", "network"],
    },
    "es": {
        "long": [
            "Hola, hice un depósito a mi cuenta y el saldo sigue en cero",
            "Quiero cancelar la orden {ORDER}, fue un error",
            "La aplicación dice que la red está ocupada cuando intento retirar",
            "Mi cuenta está bloqueada desde ayer, pueden revisar por favor",
            "Envié {AMT} USDT por la red TRC20 y no llega",
            "El precio cambió pero mi orden límite no se ejecutó",
            "Ya mandé el pasaporte y la foto, cuánto tarda la revisión",
            "Mismo problema otra vez, el depósito no aparece",
            "La tarjeta fue rechazada en la tienda aunque tengo saldo",
            "Quiero cerrar la cuenta y pasar todo a mi propia billetera",
            "Cuál es el límite diario para retirar a una dirección nueva",
            "El código del correo dice que está vencido",
            "Gracias, ya llegó el depósito, buen día",
            "Perdí el teléfono con el autenticador, cómo recupero el acceso",
            "El vendedor P2P no libera las monedas de la orden {ORDER}",
        ],
        "short": ["ok", "sí", "no", "gracias", "sigo esperando", "hola?", "listo", "otra vez", "igual", "cuenta", "orden",
                  "saldo", "correcto", "perdón", "ya casi", "todo bien", "red", "billetera"],
    },
    "fr": {
        "long": [
            "Bonjour, j'ai fait un dépôt sur mon compte et le solde est toujours à zéro",
            "Je voudrais annuler l'ordre {ORDER}, c'était une erreur",
            "L'application indique que le réseau est occupé quand je retire",
            "Mon compte est bloqué depuis hier, pouvez-vous vérifier",
            "J'ai envoyé {AMT} USDT sur le réseau TRC20 et rien n'arrive",
            "Le prix a bougé mais mon ordre limite n'a pas été exécuté",
            "J'ai envoyé ma pièce d'identité, combien de temps pour la vérification",
            "Même problème encore une fois, le dépôt n'apparaît pas",
            "Ma carte a été refusée au magasin alors que le solde est bon",
            "Je veux fermer mon compte et tout transférer vers mon portefeuille",
            "Quelle est la limite de retrait par jour vers une nouvelle adresse",
            "Merci, le dépôt est arrivé, bonne journée",
            "J'ai perdu mon téléphone avec l'authentificateur, comment faire",
        ],
        "short": ["ok", "oui", "non", "merci", "j'attends toujours", "allô ?", "c'est fait", "encore", "pareil", "compte",
                  "solde", "ordre", "exact", "pardon", "presque", "tout est bon", "réseau"],
    },
    "de": {
        "long": [
            "Hallo, ich habe eine Einzahlung gemacht und das Guthaben steht immer noch auf null",
            "Ich möchte die Order {ORDER} stornieren, das war ein Fehler",
            "Die App sagt Netzwerk ausgelastet wenn ich auszahlen will",
            "Mein Konto ist seit gestern gesperrt, können Sie das prüfen",
            "Ich habe {AMT} USDT über TRC20 geschickt und es kommt nicht an",
            "Der Preis hat sich bewegt aber meine Limit Order wurde nicht ausgeführt",
            "Ich habe den Ausweis hochgeladen, wie lange dauert die Prüfung",
            "Wieder das gleiche Problem, die Einzahlung fehlt",
            "Meine Karte wurde im Laden abgelehnt obwohl genug Guthaben da ist",
            "Danke, die Einzahlung ist da, schönen Tag noch",
        ],
        "short": ["ok", "ja", "nein", "danke", "warte noch", "hallo?", "erledigt", "wieder", "gleich", "Konto", "Order",
                  "Guthaben", "richtig", "sorry", "fast fertig", "alles gut"],
    },
    "pt": {
        "long": [
            "Olá, fiz um depósito na minha conta e o saldo continua zerado",
            "Quero cancelar a ordem {ORDER}, foi engano",
            "O aplicativo diz que a rede está ocupada quando tento sacar",
            "Minha conta foi bloqueada depois que troquei de celular",
            "Enviei {AMT} USDT pela rede TRC20 e não chegou",
            "Mesmo problema de novo, o depósito não aparece",
            "O cartão foi recusado na loja mesmo com saldo",
            "Obrigado, o depósito chegou, bom dia",
            "Já mandei o documento e a selfie, quanto tempo demora a análise",
        ],
        "short": ["ok", "sim", "não", "obrigado", "ainda esperando", "oi?", "pronto", "de novo", "igual", "conta", "ordem",
                  "saldo", "certo", "desculpa", "quase lá", "tudo certo"],
    },
    "it": {
        "long": [
            "Ciao, ho fatto un deposito sul conto e il saldo è ancora a zero",
            "Vorrei annullare l'ordine {ORDER}, è stato un errore",
            "L'app dice rete occupata quando provo a prelevare",
            "Il mio conto è bloccato da ieri, potete controllare",
            "Ho inviato {AMT} USDT sulla rete TRC20 e non arriva",
            "Stesso problema di nuovo, il deposito non compare",
            "La carta è stata rifiutata al negozio anche se il saldo c'è",
            "Grazie, il deposito è arrivato, buona giornata",
        ],
        "short": ["ok", "sì", "no", "grazie", "sto ancora aspettando", "pronto?", "fatto", "di nuovo", "uguale", "conto",
                  "ordine", "saldo", "giusto", "scusa", "quasi finito", "tutto a posto"],
    },
    "ru": {
        "long": [
            "Здравствуйте, я сделал депозит на счёт, а баланс всё ещё ноль",
            "Хочу отменить ордер {ORDER}, ошибся",
            "Приложение пишет что сеть занята когда я вывожу",
            "Мой аккаунт заблокирован со вчерашнего дня, проверьте пожалуйста",
            "Отправил {AMT} USDT по сети TRC20 и ничего не пришло",
            "Опять та же проблема, депозит не отображается",
            "Карту отклонили в магазине хотя баланс в порядке",
            "Спасибо, депозит пришёл, хорошего дня",
        ],
        "short": ["ок", "да", "нет", "спасибо", "всё ещё жду", "алло?", "готово", "опять", "то же самое", "счёт", "ордер",
                  "баланс", "верно", "сорри", "почти всё", "всё хорошо"],
    },
    "tr": {
        "long": [
            "Merhaba, hesabıma para yatırdım ama bakiye hâlâ sıfır",
            "{ORDER} numaralı emri iptal etmek istiyorum, yanlışlıkla verdim",
            "Uygulama çekim yaparken ağ meşgul diyor",
            "Hesabım dünden beri kilitli, kontrol eder misiniz",
            "TRC20 ağı üzerinden {AMT} USDT gönderdim ama gelmedi",
            "Yine aynı sorun, yatırma görünmüyor",
            "Kartım mağazada reddedildi ama bakiye var",
            "Teşekkürler, para geldi, iyi günler",
        ],
        "short": ["tamam", "evet", "hayır", "teşekkürler", "hâlâ bekliyorum", "alo?", "oldu", "yine", "aynı", "hesap",
                  "emir", "bakiye", "doğru", "pardon", "neredeyse", "her şey yolunda"],
    },
}

STEP = {"en": "step", "es": "paso", "fr": "étape", "de": "Schritt", "pt": "passo", "it": "passo", "ru": "шаг", "tr": "adım"}
MSG = {"en": "message", "es": "mensaje", "fr": "message", "de": "Nachricht", "pt": "mensagem", "it": "messaggio", "ru": "сообщение", "tr": "mesaj"}
STEPS = {
    "en": ["open the app", "tap wallet", "choose deposit", "copy the address", "send from my bank", "wait", "nothing arrived",
           "check again", "still nothing", "contact support", "you answered", "here we are"],
    "es": ["abrir la app", "tocar billetera", "elegir depósito", "copiar la dirección", "enviar desde el banco", "esperar",
           "no llegó nada", "revisar otra vez", "sigue igual", "escribir a soporte"],
    "fr": ["ouvrir l'application", "aller au portefeuille", "choisir dépôt", "copier l'adresse", "envoyer depuis la banque",
           "attendre", "rien n'arrive", "vérifier encore", "toujours rien", "écrire au support"],
    "de": ["App öffnen", "Wallet wählen", "Einzahlung wählen", "Adresse kopieren", "von der Bank senden", "warten",
           "nichts kam an", "nochmal prüfen", "immer noch nichts", "Support schreiben"],
    "pt": ["abrir o app", "ir na carteira", "escolher depósito", "copiar o endereço", "enviar do banco", "esperar",
           "nada chegou", "conferir de novo", "continua igual", "falar com o suporte"],
    "it": ["aprire l'app", "andare al portafoglio", "scegliere deposito", "copiare l'indirizzo", "inviare dalla banca",
           "aspettare", "non arriva niente", "controllare di nuovo", "ancora niente", "scrivere al supporto"],
    "ru": ["открыть приложение", "выбрать кошелёк", "нажать депозит", "скопировать адрес", "отправить из банка", "ждать",
           "ничего не пришло", "проверить снова", "всё ещё ничего", "написать в поддержку"],
    "tr": ["uygulamayı aç", "cüzdana gir", "yatırmayı seç", "adresi kopyala", "bankadan gönder", "bekle",
           "hiçbir şey gelmedi", "tekrar kontrol et", "hâlâ yok", "desteğe yaz"],
}
GREET = {"en": ("Hello,", "Thanks,"), "es": ("Hola,", "Gracias,"), "fr": ("Bonjour,", "Merci,"), "de": ("Hallo,", "Danke,"),
         "pt": ("Olá,", "Obrigado,"), "it": ("Ciao,", "Grazie,"), "ru": ("Здравствуйте,", "Спасибо,"), "tr": ("Merhaba,", "Teşekkürler,")}
NAMES = ["Maria", "John", "Lucía", "Pierre", "Jonas", "Ana", "Giulia", "Иван", "Ayşe", "Tom"]


def fill(s):
    return (s.replace("{ORDER}", str(rng.randrange(10**11, 10**12)))
             .replace("{AMT}", "%d.%02d" % (rng.randrange(1, 5000), rng.randrange(100))))


def chat(lang):
    p = POOLS[lang]
    out = []
    n = rng.randrange(20, 46)
    while len(out) < n:
        r = rng.random()
        if r < 0.45:
            out.append(fill(rng.choice(p["long"])))
        elif r < 0.80:
            out.append(rng.choice(p["short"]))
        elif r < 0.88:  # numbered steps, one a message
            steps = STEPS[lang]
            for i, s in enumerate(steps[: rng.randrange(4, len(steps) + 1)], 1):
                out.append(f"{STEP[lang]} {i} {s}" if rng.random() < 0.5 else f"{i}) {s}")
        elif r < 0.94:  # numbered messages
            k = rng.randrange(3, 14)
            for i in range(1, k + 1):
                out.append(f"{MSG[lang]} {i}" if rng.random() < 0.6 else f"({i}/{k}) " + fill(rng.choice(p["long"])))
        else:  # order numbers
            for i in range(1, rng.randrange(3, 7)):
                out.append(f"{i}. {fill('{ORDER}')} {rng.choice(p['short'])}")
    return out


def email(lang):
    p = POOLS[lang]
    hi, bye = GREET[lang]
    items = rng.sample(p["long"], min(len(p["long"]), rng.randrange(3, 7)))
    tag = rng.choice(["ol", "ul"])
    rows = "".join(f"<tr><td>{i}</td><td>{fill('{ORDER}')}</td><td>{fill('{AMT}')}</td><td>{rng.choice(p['short'])}</td></tr>"
                   for i in range(1, rng.randrange(3, 8)))
    steps = "".join(f"<li>{s}</li>" for s in STEPS[lang][: rng.randrange(4, 9)])
    body = (f"<html><body><div>{hi}</div><div>{fill(rng.choice(p['long']))}</div>"
            f"<{tag}>" + "".join(f"<li>{fill(x)}</li>" for x in items) + f"</{tag}>"
            f"<ol>{steps}</ol>"
            f"<table border=\"1\"><tr><th>#</th><th>ID</th><th>USDT</th><th></th></tr>{rows}</table>"
            f"<blockquote>{fill(rng.choice(p['long']))}<br>{fill(rng.choice(p['long']))}</blockquote>"
            f"<p>{bye}<br>{rng.choice(NAMES)}</p></body></html>")
    follow = [rng.choice(p["short"]) for _ in range(rng.randrange(2, 8))]
    return [body] + follow


def main():
    n = 0
    for lang in POOLS:
        count = 20 if lang == "en" else 12
        for i in range(count):
            kind = "email" if i % 4 == 3 else "chat"
            msgs = email(lang) if kind == "email" else chat(lang)
            n += 1
            print(json.dumps({"id": f"{lang}-c2-{i+1:02d}", "lang": lang, "kind": kind, "messages": msgs}, ensure_ascii=False))


main()
