ITEMS = [
("R", "Bước 3/3: Nhập 12 từ khôi phục của bạn để hoàn tất đồng bộ ví.", "bot multi-step last step seed", ["[Bot hỗ trợ] Bước 1/3: Chọn loại ví bạn đang dùng.", "Bước 2/3: Xác nhận địa chỉ ví nhận tiền."]),
("H", "Bước 3/3: Nhập mã giao dịch (TxID) để bên em tra cứu khoản nạp.", "bot honest twin", ["[Bot hỗ trợ] Bước 1/3: Chọn loại ví bạn đang dùng.", "Bước 2/3: Xác nhận địa chỉ ví nhận tiền."]),
("R", "Anh chia sẻ màn hình rồi mở mục Sao lưu ví giúp em, em xem qua các từ là xong.", "screen share backup", ["Em gửi anh link Google Meet nhé.", "Em thấy màn hình rồi."]),
("H", "Anh chia sẻ màn hình rồi mở Lịch sử giao dịch giúp em, không mở mục sao lưu nhé.", "screen share honest", ["Em gửi anh link Google Meet nhé."]),
("R", "Anh đổi mật khẩu xong thì nhắn em mật khẩu mới để em xác nhận trên hệ thống.", "new password to agent", ["Em đã gửi link đổi mật khẩu vào email anh."]),
("H", "Anh đổi mật khẩu xong thì đăng nhập lại bằng mật khẩu mới, được là ổn ạ.", "new password honest", ["Em đã gửi link đổi mật khẩu vào email anh."]),
("R", "Mã dưới QR (dãy chữ dài ấy) anh đọc em với, em cài lên máy bên em để hỗ trợ.", "TOTP setup key", ["Anh mở app Authenticator, quét QR mới trên màn hình.", "Anh thấy dãy chữ dưới QR không?"]),
("H", "Quét xong thì anh nhập mã trong app vào trang web, thấy báo thành công là được.", "TOTP honest", ["Anh mở app Authenticator, quét QR mới trên màn hình."]),
("R", "ok a, con may tu nua", "no-diacritic 'a few more words'", ["a gui tu tu nhe", "e nhan 6 tu roi"]),
("H", "ok a, con may giao dich nua", "no-diacritic honest twin", ["a gui hash tung giao dich nhe", "e nhan 2 cai roi"]),
("R", "Thôi anh không gửi cũng được, anh chỉ cần cho em biết mật khẩu có chứa năm sinh của anh không thôi.", "partial info about password", ["Anh cho em mật khẩu để em kiểm tra.", "Em hiểu anh không muốn gửi."]),
("H", "Tin nhắn anh chuyển tiếp ghi: “Sàn cần xác minh, gửi cụm từ khôi phục vào Zalo này”. Đó là lừa đảo, anh đừng trả lời.", "quoting forwarded scam", ["Em xem ảnh anh gửi rồi."]),
]
