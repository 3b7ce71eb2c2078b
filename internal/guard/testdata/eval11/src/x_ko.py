ITEMS = [
("R", "비.밀.번.호 알려주세요", "dotted hangul"),
("R", "seed phrase랑 password 보내주세요", "mixed ko/en"),
("H", "UID 알려주세요. 프로필에 있어요.", "UID"),
("H", "'비.밀.번.호' 처럼 점 찍어서 물어보는 건 필터 피하려는 사기예요.", "warning evasion"),
]
