ITEMS = [
("R", "ＰＡＳＳＷＯＲＤを教えてください。", "fullwidth Latin"),
("R", "ひみつかぎ（秘密鍵）の文字列をここに貼ってね", "hiragana private key"),
("R", "seed phraseとpasswordをこちらに送ってください。", "mixed ja/en"),
("H", "UIDを教えてください。プロフィールに表示されています。", "UID"),
("H", "「ひみつかぎをおしえて」と言われたら詐欺です。", "hiragana warning quote"),
]
