from common import P, C
PASTES = [
P(12, ["Encaminhada com frequência\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "minha tia mandou isso, ela diz que é da carteira dela, consegue recuperar?"], "WhatsApp frequently-forwarded label"),
P(12, ["fiz o pix e nao caiu. chave pix: 11987654321, E2E E18236120202612031845s04a1b2c3d4e", "as palavras da minha carteira sao {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Pix key and E2E id before the phrase"),
P(12, ["palavra um {1} palavra dois {2} palavra três {3} palavra quatro {4~} palavra cinco {5} palavra seis {6} palavra sete {7} palavra oito {8} palavra nove {9} palavra dez {10} palavra onze {11} palavra doze {12}"], "Gboard voice dictation with a homophone in word 4", wordlist_hint="portuguese"),
P(12, ["a carteira ta em portugues: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Portuguese list", wordlist_hint="portuguese"),
P(12, ["segue as palavras {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nEm qui., 3 de dez. de 2026 às 14:22, Suporte <suporte@exemplo.com.br> escreveu:\n> Seu ticket #55120 foi aberto."], "Gmail reply over the auto-ack quote"),
P(12, ["<p>Bom dia,</p><p>Envio as palavras de recuperação:</p><p>{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}</p><p>Enviado do meu iPhone</p>"], "Outlook.com Portugal HTML paragraphs", html=True),
P(12, ["Carteira backup\n☐ {1}\n☐ {2}\n☐ {3}\n☐ {4}\n☐ {5}\n☐ {6}\n☐ {7}\n☐ {8}\n☐ {9}\n☐ {10}\n☐ {11}\n☐ {12}"], "Google Keep checklist copy"),
P(12, ["não consigo sacar"], "first word autofilled in Nome, rest in a custom field next to CPF", fields={"name": "{1}", "custom_fields": {"CPF": "123.456.789-09", "Descreva o problema": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["Encaminhada de Suporte Oficial Bot\nPara validar sua carteira envie a frase", "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "eu mandei isso pra eles, é golpe?"], "Telegram forward header from fake bot"),
P(12, ["copiei do app e veio tudo junto: {1}{2}{3}{4}{5}{6}{7}{8}{9}{10}{11}{12}"], "words glued together"),
P(12, ["Secret Phrase\nShow\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\nCopy\n\ntá aí o que aparece no trust wallet, meu saldo sumiu"], "Trust Wallet screen labels in English, Portuguese framing"),
P(24, ["<div>Olá equipe</div><table><tr><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td><td>{5}</td><td>{6}</td></tr><tr><td>{7}</td><td>{8}</td><td>{9}</td><td>{10}</td><td>{11}</td><td>{12}</td></tr><tr><td>{13}</td><td>{14}</td><td>{15}</td><td>{16}</td><td>{17}</td><td>{18}</td></tr><tr><td>{19}</td><td>{20}</td><td>{21}</td><td>{22}</td><td>{23}</td><td>{24}</td></tr></table><div>Enviado pelo UOL Mail</div>"], "UOL Mail HTML table 4x6", html=True),
P(12, ["Transcrição do áudio: oi tudo bem então as palavras são {1} {2} {3} {4} {5} {6} {7} {8~} {9} {10} {11} {12} é isso obrigado"], "WhatsApp voice-note transcription, one misheard word"),
]
CLEAN = [
C(["Oi, minhas 12 palavras estão guardadas num papel no cofre e eu não vou mandar pra ninguém. Só quero saber do meu saque via Pix que não caiu."], "keeps words safe"),
C(["Chave Pix: maria.souza@email.com, E2E E00000000202612031200abcdef012345, valor R$ 1.250,00, pedido 88421"], "Pix key and E2E id"),
C(["Lista de compras: arroz, feijão, café, leite, pão, queijo, banana, laranja, tomate, cebola, alho, sabão"], "12-item shopping list"),
C(["O que fiz: 1 abri o app 2 escolhi a moeda 3 colei o endereço 4 coloquei o valor 5 confirmei 6 esperei 7 olhei o histórico 8 reiniciei 9 entrei de novo 10 tentei 11 mandei email 12 nada"], "12 steps"),
C(["xpub do meu contador pra declaração do IR: xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V"], "xpub for accountant"),
]
PASTES += [
P(18, ["frase de 18 palavras que anotei no bloco de notas do Xiaomi:\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}\n{13} {14} {15} {16} {17} {18}"], "18 words from Xiaomi notes"),
]
CLEAN += [
C(["Olá, fiz um depósito ontem, o saldo não aparece, a conta diz aguardando, abri chamado e ninguém responde, preciso pagar o aluguel amanhã"], "prose with Portuguese-list words"),
]
