H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Em thấy rồi, nội dung chuyển khoản có mã P2P8812 đúng rồi anh. Người bán đã xác nhận, USDT sẽ về ví anh trong vài phút.", "P2P follow-up after receipt", ["Anh gửi em ảnh biên lai có phần nội dung chuyển khoản nhé."]),
    (H, "Không sao anh, mã OTP đó anh cứ để ngân hàng tự xử lý, không cần làm gì thêm với sàn. Nếu anh không thực hiện giao dịch nào thì gọi tổng đài ngân hàng ngay.", "after customer got unexpected bank OTP", ["Anh vừa nhận được tin nhắn OTP lạ từ ngân hàng ạ?"]),
    (H, "Em đã xóa tin nhắn vừa rồi khỏi hệ thống. Vì 12 từ đã bị gõ ra ngoài ví, anh tạo ví mới và chuyển tiền sang ngay trong hôm nay nhé.", "stop-mid-leak", ["Anh đừng gửi cụm từ khôi phục vào đây ạ."]),
    (H, "Dạ đúng rồi, anh ra công an phường trình báo và mang theo ảnh chụp cuộc trò chuyện với kẻ lừa đảo. Bên em sẽ cung cấp dữ liệu khi có yêu cầu chính thức.", "scam victim follow-up", ["Anh đã báo công an về vụ lừa đảo chưa ạ?"]),
    (H, "Ok anh, vậy là đang dùng bản 3.8.1 cũ. Anh cập nhật lên bản mới trên App Store rồi thử lại giúp em.", "after app version", ["Anh xem giúp em phiên bản app đang dùng."]),
    (H, "Dạ, tên API \"bot-luoi\" đang bật quyền rút tiền. Anh tắt quyền đó đi cho an toàn, bot chỉ cần quyền giao dịch thôi.", "API name follow-up", ["API bot đang dùng tên gì anh?"]),
    (R, "Em nhận được biên lai rồi. Anh đọc thêm mã OTP ngân hàng vừa gửi để em đối chiếu với người bán nhé.", "request: bank OTP after receipt", ["Anh gửi em ảnh biên lai chuyển khoản nhé."]),
    (R, "Để em kiểm tra bot cho nhanh, anh ghi luôn secret key của \"bot-luoi\" vào đây.", "request: API secret after name", ["API bot đang dùng tên gì anh?"]),
    (H, 'Anh gửi em hash nhé?', 'very short: hash'),
    (H, 'Em nhận rồi, đang kiểm tra.', 'very short ack', ['Anh gửi em mã lệnh rút nhé.']),
]
