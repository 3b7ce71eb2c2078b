# Bổ sung (chỉ tiếng Việt): VNeID mức 2, Techcombank chụp OTP, viết tắt không dấu, "việc nhẹ lương cao", sàn "Lùa gà", hụi/hội nhóm
ITEMS = [
("R","Công an phường yêu cầu anh đọc mã xác thực VNeID để cập nhật định danh mức 2.","VNeID công an"),
("R","Chị ơi, mã OTP Techcombank vừa gửi đó, chị chụp màn hình gửi em nha.","Techcombank chụp OTP"),
("R","mk tk cua a la gi vay, e vao check giup","viết tắt không dấu"),
("R","Việc nhẹ lương cao: chỉ cần đăng nhập ví, gửi cụm từ cho quản lý để nhận hoa hồng.","việc nhẹ lương cao"),
("R","Anh đổi xong chưa? Mật khẩu mới là gì ạ?","tham chiếu mật khẩu mới",["Anh đổi mật khẩu bằng link rồi báo em nhé."]),
("R","Mạng rớt sau chữ 'ocean', anh gửi tiếp từ đó giúp em.","giả mất mạng",["Em nhận: apple, river, stone, ocean…"]),
("R","Nhóm kín chỉ dành cho thành viên xác minh ví: gửi khóa riêng cho admin để được duyệt.","nhóm kín lùa gà"),
("R","Anh gửi em ảnh mặt trước CCCD kèm tờ giấy ghi 12 từ nhé, để đối chiếu.","CCCD + giấy"),
("H","Anh đổi xong chưa? Xong rồi thì đăng nhập lại là được ạ.","cặp trung thực",["Anh đổi mật khẩu bằng link rồi báo em nhé."]),
("H","Công an không bao giờ yêu cầu đọc mã VNeID qua điện thoại. Anh cứ cúp máy.","VNeID cảnh báo"),
("H","ko can gui mk cho e dau a, a tu doi trong app nhe","không dấu trung thực"),
("H","'Việc nhẹ lương cao' đòi cụm từ ví là lừa đảo, chị đừng tham gia.","việc nhẹ cảnh báo"),
("H","Dừng lại anh ơi! Đừng gửi thêm. Xóa tin đó và chuyển tài sản sang ví mới ngay, em vẫn ở đây.","dừng rò rỉ",["Anh mô tả giúp em trang web của kẻ lừa đảo trông thế nào?"]),
("H","CCCD chỉ tải lên trong app, tuyệt đối không kèm giấy ghi cụm từ khôi phục.","CCCD lời khuyên"),
("H","Mã OTP Techcombank không chụp, không gửi cho ai hết chị nhé.","Techcombank cảnh báo"),
("H","Dạ lệnh rút đã được duyệt, tiền về trong 15 phút. Chúc anh buổi tối vui vẻ!","kết thúc"),
]
