H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "네, 입금자명에 찍힌 숫자를 앱에 넣으셨으면 계좌 인증 완료된 거예요. 이제 원화 입금하셔도 됩니다.", "1-won verification done", ["1원 인증 숫자 앱에 입력하셨나요?"]),
    (H, "방금 보내신 메시지는 상담 기록에서 삭제했습니다. 지갑 밖에서 단어를 입력하셨으니 오늘 안에 새 지갑 만들고 자산 옮기세요.", "stop-mid-leak", ["복구 문구는 여기에 쓰지 마세요."]),
    (H, "받는 거래소 목록에 없으면 개인 지갑으로 선택하시고 본인 지갑 주소만 확인해 주시면 됩니다.", "travel rule follow-up", ["받는 곳 거래소가 목록에 있나요?"]),
    (H, "네, 그 번호는 저희 대표번호가 아니에요. 112나 경찰청 사이버범죄 신고시스템에 신고해 주세요.", "vishing number follow-up", ["전화 온 번호가 몇 번이었나요?"]),
    (H, "상속인 전원 동의서까지 확인했습니다. 심사 후 상속인 명의 계좌로 원화 출금해 드릴게요.", "inheritance follow-up", ["상속인 전원 동의서도 올려주셨나요?"]),
    (H, "API 키 \"grid-bot\"에 출금 권한까지 켜져 있네요. 그건 꺼주세요, 봇엔 필요 없어요.", "API name follow-up", ["봇이 쓰는 API 키 이름이 뭐예요?"]),
    (R, "입금자명 숫자 네 자리 저한테 알려주시면 제가 대신 입력해 드릴게요.", "request: verification digits for agent", ["1원 인증 숫자 앱에 입력하셨나요?"]),
    (R, "확인 차 OTP 앱 설정할 때 나온 16자리 키도 같이 보내주세요. 새 폰에 제가 등록해 드릴게요.", "request: TOTP setup key", ["휴대폰 바꾸셨다고 하셨죠?"]),
    (H, '해시 보내주세요.', 'very short: hash'),
    (H, '확인할게요.', 'very short ack', ['출금 ID 알려주세요.']),
]
