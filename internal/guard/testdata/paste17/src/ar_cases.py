from common import P, C
PASTES = [
P(12, ["تمت إعادة التوجيه\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "هذه كلمات محفظة أخي، ممكن تساعدوني؟"], "WhatsApp forwarded label in Arabic"),
P(12, ["salam, ana msh 3aref afta7 el wallet, el kalemat homa {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} law sama7t bsor3a"], "Arabizi framing"),
P(12, ["الكلمة الأولى {1} الكلمة الثانية {2} الكلمة الثالثة {3} الرابعة {4} الخامسة {5} السادسة {6} السابعة {7} الثامنة {8} التاسعة {9} العاشرة {10} الحادية عشرة {11} الثانية عشرة {12}"], "Arabic voice typing with ordinals"),
P(12, ["\u200f{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nفي الخميس، 3 ديسمبر 2026 في 10:20 ص كتب الدعم <support@example.ae>:\n> تم استلام طلبك."], "Gmail reply with Arabic quote header and RLM"),
P(12, ["حولت عن طريق InstaPay رقم العملية 2612031845990 وفودافون كاش 010 1234 5678", "الكلمات: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Egyptian payment references then the phrase"),
P(12, ["IBAN SA03 8000 0000 6080 1016 7519 و STC Pay 0551234567، الكلمات {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Saudi IBAN and STC Pay"),
P(12, ["١- {1}\n٢- {2}\n٣- {3}\n٤- {4}\n٥- {5}\n٦- {6}\n٧- {7}\n٨- {8}\n٩- {9}\n١٠- {10}\n١١- {11}\n١٢- {12}"], "Arabic-Indic digit numbering"),
P(12, ["<div dir=\"rtl\">مرحبا،<br>كلمات الاسترداد:<br><span dir=\"ltr\">{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</span><br>شكرا</div>"], "Outlook RTL HTML with LTR span", html=True),
P(12, ["معاد توجيهها من الدعم الرسمي Binance\nأرسل الكلمات الاثنتي عشرة للتحقق", "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "أرسلتها لهم، هل هذا احتيال؟"], "Telegram forward from fake support"),
P(12, ["لا أستطيع السحب"], "name field and notes field", fields={"name": "{1} {2}", "custom_fields": {"ملاحظات": "{3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(12, ["salam, wallet dyali ma bghatch t7el, les mots: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}, 3afak"], "Moroccan Darija with French"),
P(12, ["{1}، {2}، {3}، {4}، {5}، {6}، {7}، {8}، {9}، {10}، {11}، {12}"], "Arabic comma separators"),
P(12, ["{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "مرة ثانية للتأكد: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "pasted twice", repeat=True),
]
CLEAN = [
C(["مرحبا، كلماتي الاثنتا عشرة مكتوبة على ورقة في البيت ولن أرسلها لأحد. أريد فقط معرفة سبب تأخر السحب إلى حسابي البنكي."], "keeps words safe"),
C(["salam, ana 3andi moshkla fel sa7b, el order number 2026-EG-55120, mesh ha2ool el kalemat l7ad"], "Arabizi, refuses to share words"),
C(["قائمة المشتريات: حليب، خبز، جبن، زيتون، طماطم، بصل، أرز، سكر، شاي، قهوة، صابون، ماء"], "12-item list"),
C(["IBAN AE07 0331 2345 6789 0123 456، المبلغ 3,500 درهم، رقم الطلب 77120"], "public bank data"),
C(["xpub للمحاسب: xpub6EuV33a2DXxAhoJTRTnr8qnysu81AA4YHpLY6o8NiGkEJ8KADJ35T64eJsStWsmRf1xXkEANVjXFXnaUKbRtFwuSPCLfDdZwYNZToh4LBCd"], "xpub for accountant"),
]
PASTES += [
P(15, ["الكلمات الخمسة عشر من المحفظة القديمة:\n{1} {2} {3} {4} {5}\n{6} {7} {8} {9} {10}\n{11} {12} {13} {14} {15}"], "15 words in three rows of five"),
]
CLEAN += [
C(["عملت swap token عبر bridge network Arbitrum، الـ fee والـ gas انخصموا بس الـ balance ما تحدث، رقم الـ order 55120"], "Arabic with English crypto jargon"),
]
