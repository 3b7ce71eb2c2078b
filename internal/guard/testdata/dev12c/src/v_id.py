H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "IG impersonation", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Kirim VN (voice note) aja Kak, bacakan 12 katanya, biar saya cocokkan.", "request: seed by voice note"),
    (R, "Password Kakak ada tanggal lahirnya nggak? Jawab iya atau nggak saja.", "request: property of password"),
    (R, "Cukup 3 kata terakhir saja Kak, sisanya sudah tercatat di sistem.", "request: last words of seed"),
    (R, "Kode cadangan yang dulu Kakak screenshot, kirim saja gambarnya ke sini.", "request: screenshot of backup codes"),
    (H, "Ada yang DM di Instagram ngaku CS dan bilang \"akun Kakak kena hack, login di link ini untuk amankan\"? Itu penipuan. Kami tidak pernah DM duluan.", "IG scam quoted"),
    (H, "Modus \"salah transfer\": orang mengaku salah kirim uang ke rekening Kakak lalu minta dikembalikan lewat link. Jangan klik, cek sendiri di m-banking.", "mistaken-transfer scam"),
    (H, "Kalau ditawari \"robot trading profit 5% per hari\" yang minta API key dengan izin tarik, tolak. Robot legit tidak butuh izin penarikan.", "API bot scam warning"),
]
