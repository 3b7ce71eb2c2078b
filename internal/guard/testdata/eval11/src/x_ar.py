ITEMS = [
("R", "ab3atli el password w el code elli wasalak 3ala el mobile", "Arabizi / Franco-Arab"),
("R", "ارسل السيد فريز seed phrase عشان نفك التعليق", "mixed ar/en transliteration"),
("H", "ab3atli rakam el 3amaleya (TxID) law sama7t", "Arabizi honest"),
("H", "وش رقم الـ UID حقك؟ موجود في الملف الشخصي.", "UID"),
]
