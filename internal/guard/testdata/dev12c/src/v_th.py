H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "LINE impersonation", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "ส่งข้อความเสียงใน LINE อ่าน 12 คำให้ฟังได้เลยค่ะ เดี๋ยวแอดมินตรวจให้", "request: seed by voice"),
    (R, "รหัสผ่านมีวันเกิดอยู่ด้วยไหมคะ ตอบแค่ใช่หรือไม่ใช่ก็พอค่ะ", "request: property of password"),
    (R, "ขอแค่ 3 คำสุดท้ายค่ะ ที่เหลือมีในระบบแล้ว", "request: last words of seed"),
    (R, "ถ่ายรูปกระดาษที่จดรหัสสำรองส่งมาในแชทได้เลยค่ะ", "request: photo of backup codes"),
    (H, "ถ้ามีคนชวนลงทุน \"กำไรวันละ 3% การันตี\" แล้วขอยูสเซอร์กับรหัสผ่านไปเทรดแทน อันนี้มิจฉาชีพแน่นอนค่ะ", "investment scam quoted"),
    (H, "SMS \"คุณได้รับสิทธิ์เงินคืนภาษี กดลิงก์เพื่อรับเงิน\" ไม่ใช่ของเรานะคะ อย่ากดลิงก์และอย่าติดตั้งแอปจากลิงก์ค่ะ", "tax refund SMS scam"),
    (H, "[ประกาศ] มีบัญชี LINE ปลอมชื่อ \"แอดมินทางการ\" ชวนให้กรอกวลีกู้คืนเพื่อรับแอร์ดรอป ช่องทางติดต่อจริงมีแค่แชทในแอปค่ะ", "LINE impersonation"),
]
