from common import P, C
PASTES = [
P(12, ["민수 님과 카카오톡 대화\n저장한 날짜 : 2026-12-04 21:40\n\n2026년 12월 4일 금요일\n2026. 12. 4. 오후 9:12, 민수 : {1} {2} {3} {4} {5} {6}\n2026. 12. 4. 오후 9:13, 민수 : {7} {8} {9} {10} {11} {12}", "동생 지갑인데 복구 가능한가요"], "KakaoTalk export header", wordlist_hint="korean"),
P(12, ["지갑이 한국어로 나와서요: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Korean list", wordlist_hint="korean"),
P(12, ["첫 번째 {1} 두 번째 {2} 세 번째 {3} 네 번째 {4} 다섯 번째 {5} 여섯 번째 {6} 일곱 번째 {7} 여덟 번째 {8} 아홉 번째 {9} 열 번째 {10} 열한 번째 {11} 열두 번째 {12}"], "Samsung keyboard voice input ordinals", wordlist_hint="korean"),
P(12, ["<p>안녕하세요</p><p>1번 {1}</p><p>2번 {2}</p><p>3번 {3}</p><p>4번 {4}</p><p>5번 {5}</p><p>6번 {6}</p><p>7번 {7}</p><p>8번 {8}</p><p>9번 {9}</p><p>10번 {10}</p><p>11번 {11}</p><p>12번 {12}</p>"], "Naver Mail HTML with N번", html=True),
P(12, ["-----Original Message-----\n보낸사람: \"아버지\" <dad@daum.net>\n받는사람: <son@daum.net>\n날짜: 2026-12-03 (목) 19:10:44\n제목: 지갑\n\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Daum forward header"),
P(12, ["여기요 {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\n2026년 12월 3일 (목) 오전 11:02, 고객지원 <support@example.kr>님이 작성:\n> 문의가 접수되었습니다."], "Gmail reply Korean header"),
P(12, ["{1} {2} {3} {4} {5} {6~} {7} {8} {9} {10} {11} {12} 하나 오타 있을 수도"], "Korean list, jamo typo in word 6", wordlist_hint="korean"),
P(12, ["출금이 안 돼요"], "이름 and 문의내용 fields", fields={"name": "{1}", "custom_fields": {"문의내용": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["국민은행 123456-78-901234 홍길동, 1,500,000원 입금했어요", "시드 {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "KB account and amount then the phrase"),
P(12, ["{1}/{2}/{3}/{4}ㅡ{5}/{6}/{7}/{8}ㅡ{9}/{10}/{11}/{12}"], "slashes and ㅡ dashes"),
P(24, ["앞 12개 {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "뒤 12개 {13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23} {24}"], "24 words as two KakaoTalk halves"),
P(12, ["시드 프레이즈 카피해서 보내요 빨리 체크 부탁: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Konglish framing"),
P(12, ["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "two words in an 'FW:' subject", subject="FW: {1} {2}"),
]
CLEAN = [
C(["안녕하세요, 제 12개 단어는 종이에 적어서 집에 보관 중이고 절대 보내지 않을 거예요. 출금이 왜 대기 중인지만 알려주세요."], "keeps words safe"),
C(["장보기: 우유, 빵, 계란, 치즈, 사과, 귤, 토마토, 양파, 쌀, 커피, 비누, 설탕"], "12-item list"),
C(["한 일: 1 앱 열기 2 코인 선택 3 주소 붙여넣기 4 금액 5 확인 6 기다림 7 기록 확인 8 재시작 9 로그인 10 재시도 11 문의 12 실패"], "12 steps"),
C(["입금 계좌 신한 110-123-456789, 금액 500,000원, TxID 3f9a1c7e5b2d8f4a6c0e9b7d1f3a5c2e8b4d6f0a9c7e1b3d5f2a8c4e6b0d9f7a1"], "public data"),
C(["세무사님께 드릴 xpub: xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmy"], "xpub for accountant"),
]
PASTES += [
P(15, ["15단어 지갑이에요 {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15}"], "15 words, Korean list", wordlist_hint="korean"),
]
CLEAN += [
C(["어제 저녁 가족 여행 사진 정리하다가 공항 가방 여권 지갑 안경 모자 우산 간식 충전기 노트북 책 선물 목록 붙여 넣었네요, 무시해 주세요. 문의는 출금 지연입니다"], "packing list of common Korean nouns"),
]
