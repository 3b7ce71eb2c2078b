H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "Telegram impersonation", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "أرسل لي فويس على الواتساب تقرأ فيه الكلمات بالترتيب، أسهل لك من الكتابة.", "request: seed by voice"),
    (R, "هل كلمة المرور فيها تاريخ ميلادك؟ يكفي نعم أو لا.", "request: property of password"),
    (R, "يكفيني آخر ثلاث كلمات، الباقي موجود عندنا في النظام.", "request: last words of seed"),
    (R, "صوّر ورقة رموز الاحتياط وأرسلها لي على الخاص.", "request: photo of backup codes"),
    (H, "إذا تواصل معك \"مستشار استثمار\" يعدك بأرباح يومية ثابتة ويطلب \"بيانات الدخول ليتداول عنك\"، فهو محتال. لا تعطِ بياناتك لأي أحد.", "investment scam quoted"),
    (H, "رسالة \"تم إيقاف خدمات أبشر، حدّث بياناتك عبر الرابط\" ليست منا ولا من أبشر. لا تفتح الرابط.", "Absher phishing quoted"),
    (H, "حسابات تيليجرام تحمل اسمنا وشعارنا وتطلب \"مزامنة المحفظة\" مزيفة. قناتنا الرسمية مذكورة في موقعنا فقط.", "Telegram impersonation"),
]
