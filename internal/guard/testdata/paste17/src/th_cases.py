from common import P, C
PASTES = [
P(12, ["[LINE] แชทกับ พี่ต้น\nบันทึกเมื่อ: 04/12/2026 21:30\n\n2026.12.04 วันศุกร์\n21:12 พี่ต้น {1} {2} {3} {4} {5} {6}\n21:13 พี่ต้น {7} {8} {9} {10} {11} {12}", "ของพี่ชายค่ะ ช่วยกู้คืนได้ไหม"], "LINE chat export header"),
P(12, ["คำที่หนึ่ง {1} คำที่สอง {2} คำที่สาม {3} คำที่สี่ {4} คำที่ห้า {5} คำที่หก {6} คำที่เจ็ด {7} คำที่แปด {8} คำที่เก้า {9} คำที่สิบ {10} คำที่สิบเอ็ด {11} คำที่สิบสอง {12}"], "Thai voice typing with numbers spelled out"),
P(12, ["๑. {1}\n๒. {2}\n๓. {3}\n๔. {4}\n๕. {5}\n๖. {6}\n๗. {7}\n๘. {8}\n๙. {9}\n๑๐. {10}\n๑๑. {11}\n๑๒. {12}"], "Thai digit numbering"),
P(12, ["นี่ค่ะ {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nเมื่อ พฤ. 3 ธ.ค. 2026 เวลา 10:40 ฝ่ายสนับสนุน <support@example.co.th> เขียนว่า:\n> เราได้รับคำขอของคุณแล้ว"], "Gmail reply Thai header"),
P(12, ["<div>สวัสดีครับ</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div>รับ <a href=\"https://aka.ms/AAb9ysg\">Outlook สำหรับ Android</a></div>"], "Outlook Android Thai HTML", html=True),
P(12, ["พร้อมเพย์ 081-234-5678 กสิกร 123-4-56789-0 โอนแล้ว 15,000 บาท", "คำ {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "PromptPay and account then the phrase"),
P(12, ["sawasdee krub, kam khong wallet phom kue {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} chuay duay krub"], "karaoke framing"),
P(12, ["ถอนเงินไม่ได้"], "ชื่อ and รายละเอียด fields", fields={"name": "{1}", "custom_fields": {"รายละเอียด": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["{1} {2} {3} {4~} {5} {6} {7} {8} {9} {10} {11} {12} (คำที่ 4 ลืมเปลี่ยนภาษา)"], "word 4 typed on the Thai layout"),
P(12, ["{1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} | {9} | {10} | {11} | {12}"], "pipe separators"),
P(12, ["คุณส่ง\n{1} {2} {3} {4} {5} {6}\nคุณส่ง\n{7} {8} {9} {10} {11} {12}\nอ่านแล้ว"], "Messenger copy with Thai labels"),
P(15, ["555 ขอโทษนะคะ งงมาก นี่ค่ะ {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15}"], "15 words with 555 framing"),
P(12, ["{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "two words in an Fwd: subject", subject="Fwd: {1} {2}"),
]
CLEAN = [
C(["สวัสดีค่ะ คำ 12 คำของดิฉันเขียนไว้ในกระดาษเก็บที่บ้าน จะไม่ส่งให้ใครเด็ดขาด อยากทราบว่าทำไมการถอนเงินยังค้างอยู่"], "keeps words safe"),
C(["รายการซื้อของ: นม ขนมปัง ไข่ ชีส แอปเปิล ส้ม มะเขือเทศ หอมใหญ่ ข้าว กาแฟ สบู่ น้ำตาล"], "12-item list"),
C(["sawasdee krub, phom mai song kam 12 kam hai krai na krub, tae yak ruu wa thon ngern tid arai, order 2026-TH-8812"], "karaoke framing, refuses to share"),
C(["พร้อมเพย์ 0812345678 ยอด 2,500 บาท เลขที่รายการ 2026120412345, ที่อยู่ 0x1F9840a85d5aF5bf1D1762F925BDADdC4201F984"], "public data"),
C(["xpub ให้นักบัญชี: xpub6EuV33a2DXxAhoJTRTnr8qnysu81AA4YHpLY6o8NiGkEJ8KADJ35T64eJsStWsmRf1xXkEANVjXFXnaUKbRtFwuSPCLfDdZwYNZToh4LBCe"], "xpub for accountant"),
]
CLEAN += [
C(["แอปขึ้น error: transfer limit, check network fee, verify account ทำยังไงดีคะ order 55812"], "English error text inside Thai"),
]
