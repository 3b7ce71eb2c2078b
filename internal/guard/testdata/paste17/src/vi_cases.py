from common import P, C
PASTES = [
P(12, ["Tin nhắn được chuyển tiếp\nAnh Tuấn: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "anh trai em gửi qua Zalo, nhờ bên mình khôi phục giúp ạ"], "Zalo forward label with sender"),
P(12, ["Cụm từ khôi phục bí mật\nKhông chia sẻ cụm từ này với bất kỳ ai\n{1} {2} {3}\n{4} {5} {6}\n{7} {8} {9}\n{10} {11} {12}\nSao chép\nTôi đã lưu", "đây là màn hình ví Coin98 của em"], "Coin98 screen with Vietnamese labels"),
P(12, ["từ thứ nhất {1} từ thứ hai {2} từ thứ ba {3} từ thứ tư {4} từ thứ năm {5} từ thứ sáu {6} từ thứ bảy {7} từ thứ tám {8} từ thứ chín {9} từ thứ mười {10} từ thứ mười một {11} từ thứ mười hai {12}"], "Laban Key voice typing with ordinals"),
P(12, ["xin chaof ad, vis cuar em bij loi, tuwf khoi phuc laf {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "raw Telex framing left unconverted"),
P(12, ["em gửi lại: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nVào Th 5, 3 thg 12, 2026 lúc 15:20 Hỗ trợ <hotro@vidu.vn> đã viết:\n> Yêu cầu của bạn đã được tiếp nhận."], "Gmail reply with Vietnamese quote header"),
P(12, ["Vietcombank 0071 0012 34567, số tiền 25.000.000 đ, mã GD FT26338912345", "12 từ: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "bank account and amount then the phrase"),
P(12, ["rút tiền không được"], "phrase in Họ tên and Ghi chú fields", fields={"name": "{1} {2} {3}", "custom_fields": {"Ghi chú": "{4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["Bạn đã gửi\n{1} {2} {3} {4} {5} {6}\nBạn đã gửi\n{7} {8} {9} {10} {11} {12}\nĐã xem"], "Messenger copy with its labels"),
P(12, ["{1},{2},{3},{4},{5},{6},{7},{8},{9},{10},{11},{12}"], "commas, no spaces"),
P(24, ["phần 1: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "phần 2: {13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23} {24}"], "ONUS 24 words in two parts"),
P(12, ["toi dung dien thoai nuoc ngoai nen khong co dau, cum tu cua toi la {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Vietnamese without diacritics"),
P(12, ["<div>Từ 1: {1}<br>Từ 2: {2}<br>Từ 3: {3}<br>Từ 4: {4}<br>Từ 5: {5}<br>Từ 6: {6}<br>Từ 7: {7}<br>Từ 8: {8}<br>Từ 9: {9}<br>Từ 10: {10}<br>Từ 11: {11}<br>Từ 12: {12}</div>"], "Outlook HTML Từ N: labels", html=True),
P(12, ["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "two words in a Fw: subject", subject="Fw: {1} {2}"),
]
CLEAN = [
C(["Chào ad, 12 từ của em em chép ra giấy cất ở nhà rồi, em không gửi cho ai đâu. Em chỉ hỏi sao lệnh rút về Techcombank vẫn đang xử lý?"], "keeps words safe"),
C(["Danh sách mua: gạo, trứng, sữa, cà phê, bánh mì, chuối, cam, thịt, cá, rau, muối, đường"], "12-item list"),
C(["Em đã làm: 1 mở app 2 chọn coin 3 dán địa chỉ 4 nhập số tiền 5 xác nhận 6 chờ 7 xem lịch sử 8 tắt máy 9 mở lại 10 thử lại 11 nhắn tin 12 vẫn không được"], "12 steps"),
C(["Địa chỉ ví BEP20 0x4Bd1f0A7c3E9d2B5a8F6e1C4b7D0a3E9f2C5b8D1, TxID 0x8e7f6d5c4b3a29180f7e6d5c4b3a2918f0e1d2c3b4a5968778695a4b3c2d1e0f9, số tiền 150 USDT"], "public data"),
C(["xpub cho kế toán: xpub6C9cYvPdSJ4t5n2r7bBRv1fyv2ZVmmaUq9JnP3gE7ZyDKxq5kTzX2mvwzY8UGBwEnkyxGwHBxzGJxZGdcY3dN1uQk8nJqkRH2Jp8LvYh7Ck"], "xpub for accountant"),
]
PASTES += [
P(21, ["ví cũ của em 21 từ ạ: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21}", "em copy từ Google Keep"], "21 words from Google Keep"),
]
CLEAN += [
C(["ad ơi em swap token qua bridge network BSC, fee gas cao mà balance không update, deposit vẫn pending. check giúp em order 88123 với"], "Vietnamese with English crypto jargon, list-word runs"),
C(["app hiện menu: Receive Transfer Swap Bridge Exchange Market Trade Reward Claim Deposit Balance Account mà bấm cái nào cũng lỗi"], "app menu copied, twelve English list words in a row"),
]
