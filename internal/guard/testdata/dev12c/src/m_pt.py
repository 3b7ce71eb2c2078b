H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Apaguei sua última mensagem do chamado, então as palavras não ficam salvas aqui. Como elas foram digitadas fora da carteira, cria uma carteira nova hoje e passa tudo pra ela.", "stop-mid-leak", ["Por favor não manda a frase de recuperação aqui, a gente não precisa dela."]),
    (H, "BEP20, beleza. Me manda o hash que eu vejo se esse endereço de depósito aceita essa rede.", "follow-up hash", ["Qual rede você escolheu na hora do saque?"]),
    (H, "Vi aqui que a API \"robo-grid\" tá com permissão de saque. Desmarca isso, robô de trade não precisa.", "API name follow-up", ["O robô ainda usa a API chamada \"robo-grid\"?"]),
    (H, "É esse mesmo, obrigado. Não precisamos de senha nenhuma da conta do seu pai; a gente congela e segue com os documentos do inventário.", "inheritance follow-up", ["Pro inventário, qual era o e-mail cadastrado na conta do seu pai?"]),
    (H, "Ótimo. Na tela de login escolhe \"Usar código de backup\" e digita um deles lá. Depois risca, cada um vale uma vez só.", "backup code used by customer", ["Você anotou os códigos de backup quando ativou o 2FA?"]),
    (H, "Recebi o print, valeu. A transferência foi pro contrato do token, não pro seu endereço de depósito. Abri um chamado de recuperação, número RC-40984.", "after screenshot", ["Manda um print da transação no explorador de blocos?", "Deixa a barra de endereço aparecendo, por favor."]),
    (R, "Beleza. Já que o autenticador tá aberto, me fala o código que tá aparecendo agora que eu finalizo a lista de permissões daqui.", "request TOTP after whitelist", ["Adicionei o endereço na lista de permissões.", "Só falta uma confirmação."]),
    (R, "Se o chip antigo ainda tá com você, coloca num outro aparelho e me passa o código que chegar, aí eu transfiro o seu 2FA.", "request SMS old SIM", ["Poxa, que chato o roubo do celular.", "Você ainda tem o chip antigo?"]),
    (H, 'Manda o hash?', 'very short: hash'),
    (H, 'Recebido! Já vou ver.', 'very short ack', ['Cola aqui o ID do saque, por favor.']),
]
