"""Supplement: four harder, less templated items per language (part A)."""
from common import R, H

SUPP = {
"en": [
    R("Dear customer, following last night's network upgrade some wallets lost their link to our custody nodes. To re-link yours, reply to this e-mail with the recovery phrase exactly as written on your card, separated by spaces. Once our system has matched it, your balance will reappear within 24 hours. Kind regards, Wallet Support Team",
      "e-mail style paragraph, request in the middle"),
    R("When you set up Google Authenticator there was a 16-character setup key under the QR code — can you paste that here so I can re-add your account on our side?",
      "TOTP setup key (shared secret), not the code"),
    H("Here's how to move to your new phone: open the old wallet, go to Settings > Backup, write the 12 words on paper, then on the new phone choose 'Restore' and type them in there. Don't send them to us or anyone; nobody at support needs them.",
      "tutorial with 'write/type the words' aimed at the customer's own device"),
    H("Could you try entering the code from your authenticator on the withdrawal page and tell me whether it says 'success' or shows an error?",
      "enter code yourself, report result only"),
],
"zh": [
    R("尊敬的用户：因昨晚网络升级，部分钱包与托管节点断开连接。为恢复连接，请直接回复本邮件，按照助记卡上的顺序写出全部单词，以空格分隔。系统匹配成功后，余额将在24小时内恢复显示。钱包支持团队",
      "邮件式长段落，请求藏在中间"),
    R("您绑定谷歌验证器时二维码下面有一串16位的密钥，麻烦复制过来，我这边帮您重新绑定。", "TOTP密钥"),
    H("换手机的步骤：打开旧钱包，设置-备份，把12个词抄在纸上，然后在新手机选“恢复钱包”自己输入。不要发给我们或任何人，客服不需要这些词。", "教程含'输入助记词'但在本机"),
    H("您可以在提币页面输入验证器上的代码，然后告诉我显示“成功”还是报错吗？", "自己输入，只报结果"),
],
"es": [
    R("Estimado cliente: tras la actualización de red de anoche, algunas billeteras perdieron el enlace con nuestros nodos. Para volver a vincular la suya, responda a este correo con su frase de recuperación tal como aparece en la tarjeta, separada por espacios. En cuanto el sistema la verifique, su saldo reaparecerá en 24 horas. Atentamente, Equipo de Soporte",
      "correo largo, petición en medio"),
    R("Cuando configuró Google Authenticator había una clave de 16 caracteres debajo del QR; cópiela aquí y lo vuelvo a vincular desde nuestro lado.", "clave de configuración TOTP"),
    H("Para pasar al móvil nuevo: abra la billetera vieja, Ajustes > Copia de seguridad, apunte las 12 palabras en papel y en el móvil nuevo elija 'Restaurar' y escríbalas ahí. No nos las mande ni a nosotros ni a nadie.", "tutorial en su dispositivo"),
    H("¿Puede introducir el código del autenticador en la página de retiro y decirme si sale 'éxito' o un error?", "introducir y contar resultado"),
],
"pt": [
    R("Prezado cliente, após a atualização da rede ontem à noite algumas carteiras perderam o vínculo com nossos nós. Para revincular a sua, responda este e-mail com a frase de recuperação exatamente como está no cartão, separada por espaços. Assim que o sistema conferir, o saldo volta em até 24 horas. Atenciosamente, Suporte",
      "e-mail longo"),
    R("Quando você configurou o Google Authenticator apareceu uma chave de 16 caracteres embaixo do QR; cola ela aqui que eu reconfiguro do nosso lado.", "chave TOTP"),
    H("Pra trocar de celular: abra a carteira antiga, Configurações > Backup, anote as 12 palavras no papel e no celular novo escolha 'Restaurar' e digite lá. Não mande pra gente nem pra ninguém.", "tutorial no próprio aparelho"),
    H("Consegue digitar o código do autenticador na tela de saque e me dizer se aparece 'sucesso' ou erro?", "digitar e relatar"),
],
"ru": [
    R("Уважаемый клиент! После вчерашнего обновления сети часть кошельков потеряла связь с нашими узлами. Чтобы восстановить связь, ответьте на это письмо, указав фразу восстановления так, как она записана на карточке, через пробел. После сверки баланс отобразится в течение 24 часов. С уважением, служба поддержки",
      "письмо, запрос в середине"),
    R("При настройке Google Authenticator под QR-кодом был ключ из 16 символов — скопируйте его сюда, я перепривяжу аккаунт с нашей стороны.", "секретный ключ TOTP"),
    H("Переезд на новый телефон: откройте старый кошелёк, Настройки > Резервная копия, перепишите 12 слов на бумагу, затем на новом телефоне выберите «Восстановить» и введите их там. Нам и никому их не отправляйте.", "инструкция, ввод на своём устройстве"),
    H("Попробуйте ввести код из аутентификатора на странице вывода и скажите, что пишет: «успешно» или ошибку?", "ввести самому, сообщить итог"),
],
"uk": [
    R("Шановний клієнте! Після вчорашнього оновлення мережі частина гаманців втратила зв'язок із нашими вузлами. Щоб його відновити, дайте відповідь на цей лист, вказавши фразу відновлення так, як вона записана на картці, через пробіл. Після перевірки баланс з'явиться протягом 24 годин. З повагою, служба підтримки",
      "лист, запит усередині"),
    R("Коли ви налаштовували Google Authenticator, під QR-кодом був ключ із 16 символів — вставте його сюди, я переприв'яжу акаунт.", "ключ TOTP"),
    H("Перехід на новий телефон: відкрийте старий гаманець, Налаштування > Резервна копія, перепишіть 12 слів на папір, а на новому телефоні виберіть «Відновити» і введіть їх там. Нам їх не надсилайте.", "інструкція"),
    H("Спробуйте ввести код з автентифікатора на сторінці виведення і скажіть, що там: «успішно» чи помилка?", "ввести самому"),
],
"tr": [
    R("Değerli müşterimiz, dün geceki ağ güncellemesinden sonra bazı cüzdanların düğümlerimizle bağlantısı koptu. Bağlantıyı yenilemek için bu e-postayı, kurtarma ifadenizi kartta yazdığı şekliyle boşluklarla ayırarak yanıtlayın. Sistem eşleştirdikten sonra bakiyeniz 24 saat içinde görünecektir. Saygılarımızla, Destek Ekibi",
      "e-posta paragraf"),
    R("Google Authenticator'ı kurarken QR'ın altında 16 karakterlik bir kurulum anahtarı vardı; onu buraya yapıştırın, bizim taraftan yeniden bağlayayım.", "TOTP anahtarı"),
    H("Yeni telefona geçiş: eski cüzdanı açın, Ayarlar > Yedekleme, 12 kelimeyi kağıda yazın, yeni telefonda 'Geri Yükle'yi seçip oraya girin. Bize veya kimseye göndermeyin.", "kendi cihazında"),
    H("Çekim sayfasında doğrulayıcıdaki kodu girip 'başarılı' mı yoksa hata mı verdiğini söyler misiniz?", "sonucu bildir"),
],
"vi": [
    R("Kính gửi quý khách, sau đợt nâng cấp mạng tối qua, một số ví bị mất liên kết với node của chúng tôi. Để liên kết lại, quý khách vui lòng trả lời email này kèm cụm từ khôi phục đúng như trên thẻ, cách nhau bằng dấu cách. Sau khi hệ thống đối chiếu, số dư sẽ hiển thị lại trong 24 giờ. Trân trọng, Bộ phận Hỗ trợ",
      "email dài"),
    R("Lúc cài Google Authenticator có một khóa 16 ký tự dưới mã QR, anh copy dán vào đây để em liên kết lại bên em nhé.", "khóa TOTP"),
    H("Chuyển sang điện thoại mới: mở ví cũ, Cài đặt > Sao lưu, chép 12 từ ra giấy, rồi trên máy mới chọn 'Khôi phục' và tự nhập vào đó. Đừng gửi cho bên em hay bất kỳ ai.", "hướng dẫn trên máy mình"),
    H("Anh thử nhập mã trên ứng dụng xác thực ở trang rút tiền rồi cho em biết nó báo 'thành công' hay lỗi nhé?", "tự nhập, báo kết quả"),
],
"fr": [
    R("Cher client, suite à la mise à jour réseau de cette nuit, certains portefeuilles ont perdu leur liaison avec nos nœuds. Pour rétablir la vôtre, répondez à ce courriel en indiquant votre phrase de récupération telle qu'elle figure sur votre carte, séparée par des espaces. Après vérification, votre solde réapparaîtra sous 24 h. Cordialement, l'équipe Support",
      "courriel long"),
    R("Lors de la configuration de Google Authenticator, il y avait une clé de 16 caractères sous le QR code : collez-la ici, je relie votre compte de notre côté.", "clé TOTP"),
    H("Pour passer au nouveau téléphone : ouvrez l'ancien portefeuille, Paramètres > Sauvegarde, recopiez les 12 mots sur papier, puis sur le nouveau choisissez « Restaurer » et saisissez-les là. Ne nous les envoyez pas, ni à personne.", "tutoriel sur son appareil"),
    H("Pouvez-vous saisir le code de l'authentificateur sur la page de retrait et me dire s'il affiche « succès » ou une erreur ?", "saisir et rapporter"),
],
}
