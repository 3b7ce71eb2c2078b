ITEMS = [
("R", "gui e seed phrase voi pass app nhe a", "mixed vi/en no diacritics"),
("R", "Anh nhập m.ậ.t k.h.ẩ.u vào đây giúp em.", "dotted letters"),
("H", "UID tài khoản của anh là gì ạ? Nằm trong trang cá nhân.", "UID"),
("H", "Ai bảo anh gõ 'm.ậ.t k.h.ẩ.u' cách quãng để né bộ lọc là lừa đảo đấy ạ.", "warning evasion"),
]
