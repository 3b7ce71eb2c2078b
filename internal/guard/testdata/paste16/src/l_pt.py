P = [
 dict(words=12, messages=["oi", "pfv me ajuda", "minha trust sumiu tudo", "{1} {2} {3}", "kkkk to nervoso", "{4} {5} {6}", "{7} {8}", "{9}", "pera", "{10} {11} {12}", "é isso"], note="rajada com kkkk"),
 dict(words=12, html=True, messages=['<div dir="auto">Boa noite<br><br>{1}<br>{2}<br>{3}<br>{4}<br>{5}<br>{6}<br>{7}<br>{8}<br>{9}<br>{10}<br>{11}<br>{12}<br><br>Enviado do meu Galaxy</div>'], note="Gmail Android <br>"),
 dict(words=12, wordlist_hint="portuguese", messages=["minha carteira gerou em portugues: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="lista portuguesa"),
 dict(words=12, wordlist_hint="portuguese", messages=["copiei o texto da foto do cartão\n{1} {5} {9}\n{2} {6} {10}\n{3} {7} {11}\n{4} {8} {12}"], note="Google Fotos copia por linhas de um cartão em colunas"),
 dict(words=12, subject="Re: Caro cliente - validação obrigatória", messages=["Bom dia, seguem as palavras pedidas:\n{1} ; {2} ; {3} ; {4} ; {5} ; {6} ; {7} ; {8} ; {9} ; {10} ; {11} ; {12}\nCumprimentos,\nRui Tavares\n\n-----Mensagem original-----\nDe: Apoio Carteira <apoio@carteira-validar.pt>\nAssunto: Caro cliente - validação obrigatória"], note="Portugal, resposta a phishing, ' ; '"),
 dict(words=12, messages=["chave pix 123.456.789-09", "e a frase {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "depositei 500 reais e não caiu"], note="Pix e frase"),
 dict(words=12, fields=dict(custom_fields={"CPF": "123.456.789-09", "Chave Pix": "f3b2c1d0-9a8e-4f7d-b6c5-a4e3d2c1b0a9", "Observações": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["coloquei tudo no formulário"], note="frase em Observações"),
 dict(words=12, fields=dict(tags=["{1}", "{2}"]), messages=["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="duas primeiras palavras viraram tags"),
 dict(words=12, messages=["{1} {2} onda {4} {5} {6} {7} {8} {9} {10} {11} {12}", "foi mal, a 3ª é {3} e não onda"], note="correção da 3ª"),
 dict(words=15, messages=["Google Keep\ncarteira\n☐ {1}\n☐ {2}\n☐ {3}\n☐ {4}\n☐ {5}\n☐ {6}\n☐ {7}\n☐ {8}\n☐ {9}\n☐ {10}\n☐ {11}\n☐ {12}\n☐ {13}\n☐ {14}\n☐ {15}"], note="Keep com checkboxes, 15 palavras"),
 dict(words=24, messages=["Encaminhada\nmeu tio mandou isso: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "Encaminhada\n{13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23} {24}"], note="encaminhado do WhatsApp em duas mensagens"),
 dict(words=12, html=True, messages=['<p>Prezados,</p><table border="1"><tr><td>{1}</td><td>{2}</td><td>{3}</td></tr><tr><td>{4}</td><td>{5}</td><td>{6}</td></tr><tr><td>{7}</td><td>{8}</td><td>{9}</td></tr><tr><td>{10}</td><td>{11}</td><td>{12}</td></tr></table><p>Att, Joana<br>Enviado pelo UOL Mail</p>'], note="UOL Mail tabela 4×3"),
]
C = [
 dict(messages=["Fiz um Pix para a chave aleatória 7d9f8e2a-1b3c-4d5e-8f6a-0b1c2d3e4f5a, ID E18236120202612081430s0123456789AB, valor R$ 1.200,00 e não caiu na conta"], note="Pix e E2E"),
 dict(messages=["Minhas 12 palavras estão anotadas num papel guardado, não vou mandar pra ninguém, nem pra vocês. Só quero saber do saque"], note="não compartilha"),
 dict(messages=["Lista da feira: banana, maçã, laranja, alface, tomate, cebola, alho, batata, feijão, arroz, ovo, café"], note="12 itens"),
 dict(messages=["Meu contador pediu a xpub para declarar no IR: xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5, pode?"], note="xpub para contador"),
 dict(messages=["Passo a passo: 1. abri o app 2. fui em carteira 3. escolhi BTC 4. saque 5. colei o endereço 6. valor 7. código 8. confirmei 9. deu erro 10. tentei de novo 11. erro de novo 12. desisti"], note="12 passos"),
]
