from common import P, C
PASTES = [
P(12, ["[LINE] 健太とのトーク履歴\n保存日時：2026/12/04 21:30\n\n2026/12/04(金)\n21:12\t健太\t{1} {2} {3} {4} {5} {6}\n21:13\t健太\t{7} {8} {9} {10} {11} {12}", "弟のウォレットです。復元できますか"], "LINE talk history export header", wordlist_hint="japanese"),
P(12, ["{1}\u3000{2}\u3000{3}\u3000{4}\u3000{5}\u3000{6}\u3000{7}\u3000{8}\u3000{9}\u3000{10}\u3000{11}\u3000{12}"], "Japanese list with ideographic spaces", wordlist_hint="japanese"),
P(12, ["いちばんめ {1} にばんめ {2} さんばんめ {3} よんばんめ {4} ごばんめ {5~} ろくばんめ {6} ななばんめ {7} はちばんめ {8} きゅうばんめ {9} じゅうばんめ {10} じゅういちばんめ {11} じゅうにばんめ {12}"], "iPhone voice input, one kana homophone", wordlist_hint="japanese"),
P(12, ["sumimasen, IME ga ugokanai node romaji de. fure-zu wa {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} desu. yoroshiku onegaishimasu"], "romaji framing, English list"),
P(12, ["<div>お世話になっております。</div><div>１．{1}</div><div>２．{2}</div><div>３．{3}</div><div>４．{4}</div><div>５．{5}</div><div>６．{6}</div><div>７．{7}</div><div>８．{8}</div><div>９．{9}</div><div>１０．{10}</div><div>１１．{11}</div><div>１２．{12}</div><div>よろしくお願いします。</div>"], "Yahoo! Mail HTML with full-width numbers", html=True),
P(12, ["-----Original Message-----\nFrom: 父 <chichi@docomo.ne.jp>\nSent: Thursday, December 3, 2026 8:01 PM\nSubject: ウォレット\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "docomo mail forward"),
P(12, ["こちらです {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\n2026年12月3日(木) 10:05 サポート <support@example.jp>:\n> お問い合わせを受け付けました。"], "Gmail reply with Japanese quote header"),
P(12, ["{1}\u3000{2}\u3000{3~}\u3000{4}\u3000{5}\u3000{6}\u3000{7}\u3000{8}\u3000{9}\u3000{10}\u3000{11}\u3000{12}（3つ目はカタカナで打っちゃいました）"], "word 3 typed in katakana", wordlist_hint="japanese"),
P(12, ["出金できません"], "お名前 autofill and お問い合わせ内容", fields={"name": "{1}", "custom_fields": {"お問い合わせ内容": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["三菱UFJ銀行 渋谷支店 普通 1234567 ヤマダタロウ 振込済みです", "フレーズ：{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "bank transfer info then the phrase"),
P(12, ["1番目 {1}\n2番目 {2}\n3番目 {3}\n4番目 {4}\n5番目 {5}\n6番目 {6}\n7番目 {7}\n8番目 {8}\n9番目 {9}\n10番目 {10}\n11番目 {11}\n12番目 {12}"], "N番目 labels"),
P(24, ["Ledgerのカード：\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}\n{13} {14} {15} {16} {17} {18}\n{19} {20} {21} {22} {23} {24}"], "Ledger card four rows of six"),
P(12, ["全角で打ってしまいました {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "English-list words in full-width alphabet", word_case="fullwidth"),
]
CLEAN = [
C(["お世話になっております。12個の単語は紙に書いて金庫に保管しており、誰にも送りません。出金が保留中の理由を教えてください。"], "keeps words safe"),
C(["こんにちは\u3000いつも\u3000ありがとう\u3000ございます\u3000よろしく\u3000おねがい\u3000します"], "hiragana greeting with U+3000"),
C(["買い物リスト：牛乳、パン、卵、チーズ、りんご、みかん、トマト、玉ねぎ、米、お茶、石けん、砂糖"], "12-item list"),
C(["振込先：みずほ銀行 新宿支店 普通 7654321、金額 120,000円、注文番号 JP-2026-4412"], "public bank data"),
C(["税理士に渡すxpubです：xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt"], "xpub for tax accountant"),
]
PASTES += [
P(21, ["21単語です {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21}"], "21 words, Japanese list, ASCII spaces", wordlist_hint="japanese"),
]
CLEAN += [
C(["あいさつ　ありがとう　いただきます　おやすみ　こんにちは　さようなら　すみません　よろしく（子どもの　ひらがな　れんしゅう　です）"], "hiragana practice line with U+3000 spaces"),
]
