H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "'ключові' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Надиктуйте голосовим у Телеграмі всі 12 слів, я звірю.", "request: seed by voice"),
    (R, "У вашому паролі є дата народження? Достатньо «так» чи «ні».", "request: property of password"),
    (R, "Потрібні лише останні три слова, решта вже є в системі.", "request: last words of seed"),
    (R, "Сфотографуйте аркуш із резервними кодами й надішліть сюди.", "request: photo of backup codes"),
    (H, "«Вам нараховано виплату від держави, введіть дані картки та код для отримання» — це фішинг. Ні ми, ні держава так не виплачуємо.", "quoted state payout scam"),
    (H, "Якщо вам пише «волонтер» і просить перевести USDT на «збір» через приватного бота — перевірте збір на офіційному сайті фонду. Ми не пов'язані з такими ботами.", "charity scam warning"),
    (H, "Апаратний гаманець показує фразу лише на своєму екрані й лише раз. Запишіть її на картку з коробки.", "hardware wallet backup advice"),
]
