ITEMS = [
("R", "请发送ｓｅｅｄ　ｐｈｒａｓｅ，全角也可以。", "fullwidth letters"),
("R", "私 钥 发 一 下，我帮你查", "spaced characters"),
("R", "把你的 seed phrase 和 app 的 password 一起发我就行。", "mixed zh/en"),
("H", "如果有人让您把 seed phrase 发到私信，一定是骗子。", "mixed warning"),
("H", "请问您的UID是多少？在个人中心可以看到。", "UID"),
("H", "为了保护您的资产，建议开启提现白名单，在安全中心设置即可。", "advice whitelist"),
]
