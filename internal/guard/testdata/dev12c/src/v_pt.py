H, R = "H", "R"
DROP_NOTES = ["request: seed via form", "request: photo seed", "request: backup codes", "request: screen share",
              "hardware wallet", "'chave' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Pra liberar o Pix devolvido, me confirma a senha de 6 dígitos do app do seu banco, é só pra conferência.", "request: bank app password"),
    (R, "Me manda um áudio lendo as 12 palavras, fica mais fácil pra eu conferir do que por escrito.", "request: seed by audio"),
    (R, "Sua senha começa com letra maiúscula ou número? Só preciso disso pra validar.", "request: property of password"),
    (R, "Instala o AnyDesk, me passa o número de acesso e abre a carteira que eu faço o backup da frase pra você.", "request: remote access to wallet"),
    (H, "Numa Ledger ou Trezor as palavras aparecem só na telinha do aparelho, uma vez. Anota no cartão que vem na caixa e guarda num lugar seguro.", "hardware wallet backup advice"),
    (H, "Golpe do Pix agendado: o comprador manda o print de um Pix \"agendado\" e pede pra liberar as moedas. Só libera quando o dinheiro aparecer no seu extrato.", "P2P Pix scheduled scam"),
    (H, "O \"suporte\" que te chamou no WhatsApp dizendo \"instala esse app pra gente proteger sua conta\" é golpe. A gente não pede pra instalar nada nem acessar seu celular.", "remote access scam quoted"),
]
