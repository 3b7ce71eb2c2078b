H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request screen share",
              "hardware wallet", "'ключевые' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Вы говорили, что сидка записана в блокноте. Просто сфоткайте страницу и скиньте мне в личку в Телеграме, так быстрее, чем ждать ответа от отдела.", "request: photo of seed via Telegram"),
    (R, "В пароле есть ваша дата рождения? Да/нет, этого хватит для проверки.", "request: property of password"),
    (R, "Назовите, пожалуйста, слова с 9-го по 12-е — первые у нас уже есть в базе.", "request: part of seed (last words)"),
    (R, "Поставьте, пожалуйста, AnyDesk и продиктуйте код доступа, я сам зайду в ваш кошелёк и проверю настройки.", "request: remote access"),
    (H, "У Ledger или Trezor фраза показывается только на экране устройства и только один раз при настройке. Записывайте её на карточку из коробки, не в телефон.", "hardware wallet backup advice"),
    (H, "Если в P2P вам прислали «чек» из Тинькофф, а денег в приложении нет — это подделка. Не отпускайте монеты и откройте апелляцию.", "fake receipt P2P"),
    (H, "«Вы выиграли 5000 USDT, для получения оплатите комиссию и подтвердите кошелёк сид-фразой» — классический развод. Мы розыгрышей в личке не проводим.", "quoted giveaway scam"),
]
