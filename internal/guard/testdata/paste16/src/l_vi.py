P = [
 dict(words=12, messages=["a oi", "e gui a nhe", "{1}", "{2} {3}", "{4}", "e dang chay xe", "{5} {6}", "{7}", "{8} {9}", "{10}", "{11} {12}", "a xem giup e voi"], note="Zalo không dấu, từng dòng"),
 dict(words=12, messages=["Cụm từ bí mật của ví Bitget: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}. Tiền USDT bị mất hết rồi"], note="cụm từ trong câu"),
 dict(words=12, html=True, messages=['<div dir="auto">Chào bộ phận hỗ trợ<div dir="auto">{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div dir="auto"><br></div><div dir="auto">Gửi từ điện thoại Samsung Galaxy của tôi</div></div>'], note="Gmail Samsung HTML"),
 dict(words=12, messages=["ví\n8 thg 12, 2026\n{1}\n{2}\n{3}\n{4}\n{5}\n{6}\n{7}\n{8}\n{9}\n{10}\n{11}\n{12}"], note="Ghi chú iPhone"),
 dict(words=12, messages=["Zalo trích xuất văn bản:\n1 {1} 2 {2} 3 {3}\n4 {4} 5 {5~} 6 {6}\n7 {7} 8 {8} 9 {9}\n10 {10} 11 {11} 12 {12}"], note="OCR Zalo, một lỗi"),
 dict(words=12, fields=dict(custom_fields={"Số tài khoản": "Vietcombank 0071000123456", "Ghi chú": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["em đã điền hết vào form"], note="trường tuỳ chỉnh"),
 dict(words=12, messages=["Từ thứ 1: {1}\nTừ thứ 2: {2}\nTừ thứ 3: {3}\nTừ thứ 4: {4}\nTừ thứ 5: {5}\nTừ thứ 6: {6}\nTừ thứ 7: {7}\nTừ thứ 8: {8}\nTừ thứ 9: {9}\nTừ thứ 10: {10}\nTừ thứ 11: {11}\nTừ thứ 12: {12}"], note="Từ thứ N:"),
 dict(words=12, messages=["---------- Thư đã chuyển tiếp ---------\nTừ: Nguyễn Minh <minh.ng@gmail.com>\nNgày: Th 3, 8 thg 12, 2026\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="chuyển tiếp Gmail tiếng Việt"),
 dict(words=12, messages=["{1} {2} {3} {4} {5} {6} {7} {8} {9} bàn {11} {12}", "xin lỗi từ số 10 là {10} chứ không phải bàn"], note="sửa từ số 10"),
 dict(words=18, messages=["9 từ đầu: {1} {2} {3} {4} {5} {6} {7} {8} {9}", "9 từ sau: {10} {11} {12} {13} {14} {15} {16} {17} {18}"], note="18 từ hai nửa"),
 dict(words=12, messages=["ví BNB 0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "TxID 0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "cụm từ {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="địa chỉ và TxID"),
 dict(words=12, subject="khôi phục ví {1} {2}", messages=["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="chủ đề thư"),
]
C = [
 dict(messages=["Em giữ 12 từ khôi phục trên giấy ở nhà, không gửi cho ai hết. Em chỉ hỏi lệnh rút về 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 sao chưa tới"], note="không chia sẻ"),
 dict(messages=["Danh sách đi chợ: gạo, trứng, thịt, cá, rau, hành, tỏi, nước mắm, đường, muối, sữa, cà phê"], note="12 thứ"),
 dict(messages=["Các bước: 1. mở app 2. ví 3. USDT 4. rút 5. dán địa chỉ 6. mạng BEP20 7. số lượng 8. mã SMS 9. mã email 10. xác nhận 11. đang xử lý 12. thất bại"], note="12 bước"),
 dict(messages=["Chuyển khoản Vietcombank 0071000123456, nội dung NAP 884120, số tiền 5.000.000 đ, mã giao dịch FT26342991203"], note="số tài khoản"),
 dict(messages=["a ơi sao lâu vậy, e đợi cả tuần rồi, tiền thì không thấy, app thì báo lỗi, gọi thì không ai nghe"], note="văn xuôi"),
]
