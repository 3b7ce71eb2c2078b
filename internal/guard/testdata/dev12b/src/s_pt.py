# Suplemento (só português): golpe do Pix agendado, portabilidade de chave Pix, consórcio "contemplado", Portugal Millennium/CTT, gíria "mano", golpe do motoboy
ITEMS = [
("R","Prezado cliente,\n\nEm cumprimento à nova regra do Banco Central, responda este e-mail com as palavras de recuperação e a senha da sua conta.\n\nCompliance","e-mail longo BC"),
("R","Mano, passa o código que chegou aí no zap que eu libero na hora.","gíria WhatsApp"),
("R","Para a portabilidade da chave Pix, me informe a senha de 4 dígitos do app do banco.","Pix portabilidade"),
("R","Olhe, para terminar o processo preciso do código que o Millennium lhe enviou por SMS.","Portugal banco"),
("R","O motoboy vai buscar seu cartão; antes, digite a senha dele aqui pra gente cancelar.","golpe do motoboy"),
("R","Já trocou? E qual ficou?","referência senha nova",["Troca a senha pelo link e me avisa quando terminar."]),
("R","Caiu a conexão depois de 'ocean'. Manda de novo a partir dali?","fingir queda",["Recebi: 'apple, river, stone, ocean'…"]),
("R","Seu consórcio foi contemplado! Pra liberar a carta, informe o token do app do banco.","consórcio contemplado"),
("H","Já trocou? Então é só entrar normalmente.","gêmeo honesto",["Troca a senha pelo link e me avisa quando terminar."]),
("H","Portabilidade de chave Pix se confirma no app do seu banco. Ninguém precisa da sua senha pra isso.","Pix honesto"),
("H","Banco não manda motoboy buscar cartão. Se ligarem falando isso, desligue.","motoboy aviso"),
("H","Fique descansado, o código do Millennium é só seu; não o partilhe com ninguém.","Portugal honesto"),
("H","Para a encomenda dos CTT só precisa do número de seguimento. Nada de códigos do banco.","CTT honesto"),
("H","Para! Não manda mais nenhuma palavra. Apaga a mensagem e move os fundos pra uma carteira nova agora; tô aqui contigo.","parar vazamento",["Descreve pra mim como era o site do golpista?"]),
("H","O 'consórcio contemplado' pedindo token é golpe. Não existe liberação com token.","consórcio aviso"),
("H","Esse e-mail do 'Banco Central' pedindo palavras de recuperação é golpe.","citar golpe"),
]
