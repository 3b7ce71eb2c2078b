H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request screen share",
              "hardware wallet", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "Anh gửi voice Zalo đọc 12 từ cho em nhé, em nghe rồi đối chiếu giúp anh.", "request: seed by Zalo voice"),
    (R, "Mật khẩu của anh có chứa ngày sinh không ạ? Anh chỉ cần trả lời có hay không.", "request: property of password"),
    (R, "Em chỉ cần 3 từ cuối thôi anh, mấy từ đầu hệ thống có rồi.", "request: last words of seed"),
    (R, "Anh cài UltraViewer rồi gửi em ID với mật khẩu truy cập, em vào máy xử lý ví cho nhanh.", "request: remote access credentials"),
    (H, "Ví lạnh như Ledger chỉ hiện 24 từ trên màn hình thiết bị đúng một lần khi cài đặt. Anh chép vào tấm thẻ đi kèm trong hộp, đừng chụp ảnh.", "hardware wallet backup advice"),
    (H, "Nếu ai đó nhắn \"anh chuyển nhầm 20 triệu vào tài khoản em, trả lại giúp qua link này\" thì đừng bấm link. Anh kiểm tra số dư trực tiếp trong app ngân hàng.", "quoted mistaken-transfer scam"),
    (H, "Nhóm \"tín hiệu futures VIP\" đòi anh cấp quyền API để \"copy trade hộ\" là lừa đảo. Không đưa API key cho ai, càng không bật quyền rút tiền.", "copy-trade API scam warning"),
]
