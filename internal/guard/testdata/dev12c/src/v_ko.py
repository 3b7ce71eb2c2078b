H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "'키' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "카톡 보이스톡으로 12단어 불러주시면 제가 바로 확인해 드릴게요.", "request: seed by voice call"),
    (R, "비밀번호에 생년월일 들어가나요? 네, 아니오로만 답해 주세요.", "request: property of password"),
    (R, "마지막 세 단어만 알려주세요. 나머지는 시스템에 있어요.", "request: last words of seed"),
    (R, "백업 코드 적어두신 종이 사진 찍어서 올려주세요.", "request: photo of backup codes"),
    (H, "\"리딩방\"에서 \"수익 보장, 계정만 맡겨 주시면 대신 매매해 드립니다\"라고 하면 100% 사기예요. 아이디와 비밀번호는 누구에게도 주지 마세요.", "quoted leading-room scam"),
    (H, "\"엄마 나 폰 고장나서 그런데 인증번호 좀 보내줘\" 같은 문자도 조심하세요. 가족이라도 인증번호는 보내지 마세요.", "family impersonation scam quoted"),
    (H, "하드웨어 지갑은 초기 설정 때 기기 화면에만 복구 단어를 한 번 보여줍니다. 동봉된 카드에 적어서 보관하세요.", "hardware wallet backup advice"),
]
