ITEMS = [
("R", "Fechou, bateu tudo. Só falta o código que chegou agora no seu e-mail pra eu vincular o aparelho novo.", "code after harmless steps", ["Oi João! Vi que a conta travou. Confirma o e-mail cadastrado?", "Valeu. Quando foi o último login normal?"]),
("H", "Fechou, bateu tudo. Agora é só abrir o link que chegou no seu e-mail e confirmar o aparelho novo por lá.", "honest twin", ["Oi João! Vi que a conta travou. Confirma o e-mail cadastrado?", "Valeu. Quando foi o último login normal?"]),
("R", "Tranquilo, manda só a segunda metade então.", "other half key", ["Cola aqui a primeira metade da chave privada pra eu ver se bate com o endereço."]),
("H", "Isso é exatamente o que golpista pede. Não manda o resto e transfere seus fundos pra uma carteira nova agora.", "stop after partial", ["Peraí, você acabou de colar parte da sua chave privada?"]),
("R", "Manda o restante aí.", "rest of backup codes", ["Me envia dois códigos de backup pra testar o 2FA novo.", "Funcionaram."]),
("H", "Manda o restante aí.", "rest of receipts honest", ["Me envia os comprovantes do Pix, pode começar pelos dois primeiros.", "Recebi esses dois."]),
("R", "O sistema censura senha, manda de novo separando cada letra com ponto.", "evasion", ["Qual senha você tentou?"]),
("R", "Pra liberar, o banco do comprador também precisa do seu 2FA; me repassa o código quando chegar.", "P2P escalation", ["O comprador disse que pagou, vi o comprovante.", "Vou liberar a garantia."]),
("H", "O comprovante parece ok, mas confere no app do seu banco e só libera quando o dinheiro cair.", "P2P honest", ["O comprador disse que pagou, vi o comprovante."]),
("R", "Obrigado. Pra concluir, anexa também uma foto do cartão de recuperação que veio na caixa da carteira.", "KYC then card", ["Envie seu RG pela área de verificação do app.", "Recebido, falta só uma coisa."]),
("H", "Obrigado. Pra concluir, envie também um comprovante de residência na mesma área.", "KYC twin", ["Envie seu RG pela área de verificação do app.", "Recebido, falta só uma coisa."]),
("R", "E o próximo campo do formulário? O da 'palavra 4'.", "form fields seed", ["Vou te mandar um formulário com 12 campos, preenche na ordem.", "Vi os três primeiros."]),
]
