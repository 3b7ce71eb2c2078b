# Extra wordings of the core ideas, written per language after the base files.
S = {}
S["en"] = ([
("seed indirect polite", "I was wondering whether you might still have those backup words handy, and if so, whether you could pop them into this chat for me?"),
("totp link", "Open https://groundcrew-verify.help and type the 6 digits from your authenticator there so I can confirm it's you."),
("seed rows", "Read me row two of the recovery sheet, left to right."),
("password as check", "Just to test the login on our end, what password did you set last week?"),
],[
("warn negation middle", "Whatever happens with this ticket, the twelve words stay with you and nobody else."),
("2fa explain short", "You'll get a code by SMS; type it on the login page, not here."),
("innocent key code", "Error code 4012 means the API key has expired; create a new key in API Management and label it as you like."),
("quote scam telegram", "Someone on Telegram posing as 'Groundcrew Admin' asks users for their private keys. It's fake; report and block that account."),
])
S["zh"] = ([
("seed indirect", "不知道您方不方便把当初备份的那几个英文单词发一下？我这边好核对。"),
("totp link", "请打开 https://gc-anquan-yanzheng.com ，把验证器里的6位数字填进去，我们确认一下是本人。"),
("seed rows", "把助记词卡第二排从左到右念给我听。"),
("password test", "我们这边测试一下登录，您上周设的密码是什么？"),
],[
("warn middle", "不管工单怎么处理，那12个单词都只留在您自己手里。"),
("2fa short", "验证码会通过短信发给您，在登录页面输入，不要发在这里。"),
("innocent key code", "错误码4012表示API Key已过期，请在API管理里新建一个，备注名随意。"),
("quote scam tg", "电报上有人冒充“Groundcrew管理员”向用户索要私钥，是假的，请举报并拉黑。"),
])
S["es"] = ([
("seed indirect", "No sé si tendrás a mano esas palabras de respaldo; si es así, ¿te importaría ponerlas por aquí?"),
("totp link", "Entra en https://groundcrew-verificacion.help y escribe allí los 6 dígitos del autenticador para confirmar que eres tú."),
("seed rows", "Léeme la segunda fila de la hoja de recuperación, de izquierda a derecha."),
("password test", "Para probar el acceso desde aquí, ¿qué contraseña pusiste la semana pasada?"),
],[
("warn middle", "Pase lo que pase con este caso, las doce palabras se quedan contigo y con nadie más."),
("2fa short", "Te llegará un código por SMS; escríbelo en la página de inicio de sesión, no aquí."),
("innocent key code", "El código de error 4012 indica que la API key caducó; crea una nueva en Gestión de API y ponle el nombre que quieras."),
("quote scam tg", "Hay alguien en Telegram que se hace pasar por «Admin Groundcrew» y pide claves privadas. Es falso; denúncialo y bloquéalo."),
])
S["pt"] = ([
("seed indirect", "Será que você ainda tem aquelas palavras de backup por perto? Se tiver, poderia colocar aqui no chat?"),
("totp link", "Abre https://groundcrew-validacao.help e digita lá os 6 números do autenticador pra gente confirmar que é você."),
("seed rows", "Lê pra mim a segunda linha da folha de recuperação, da esquerda pra direita."),
("password test", "Só pra testar o login aqui, qual senha você colocou semana passada?"),
],[
("warn middle", "Aconteça o que acontecer com o chamado, as doze palavras ficam com você e com mais ninguém."),
("2fa short", "Vai chegar um código por SMS; digita na tela de login, não aqui."),
("innocent key code", "O código de erro 4012 quer dizer que a API key expirou; cria uma nova em Gerenciar API e dá o nome que quiser."),
("quote scam tg", "Tem um perfil no Telegram se passando por 'Admin Groundcrew' pedindo chave privada. É falso; denuncia e bloqueia."),
])
S["ru"] = ([
("seed indirect", "Если у вас под рукой те самые резервные слова, не могли бы вы, если не сложно, набрать их здесь?"),
("totp link", "Зайдите на https://groundcrew-proverka.help и введите там 6 цифр из аутентификатора, чтобы мы подтвердили, что это вы."),
("seed rows", "Прочитайте мне вторую строку с листа восстановления, слева направо."),
("password test", "Для проверки входа с нашей стороны: какой пароль вы поставили на прошлой неделе?"),
],[
("warn middle", "Что бы ни случилось с заявкой, двенадцать слов остаются у вас и больше ни у кого."),
("2fa short", "Код придёт по СМС; введите его на странице входа, а не здесь."),
("innocent key code", "Код ошибки 4012 означает, что срок API-ключа истёк; создайте новый в разделе «Управление API» и назовите как угодно."),
("quote scam tg", "В Telegram кто-то выдаёт себя за «Админа Groundcrew» и просит приватные ключи. Это фейк, пожалуйтесь и заблокируйте."),
])
S["tr"] = ([
("seed indirect", "Yedek kelimeler hâlâ yanınızdaysa, zahmet olmazsa buraya yazabilir misiniz acaba?"),
("totp link", "https://groundcrew-dogrulama.help adresine girip doğrulayıcıdaki 6 haneyi oraya yazın, siz olduğunuzu teyit edelim."),
("seed rows", "Kurtarma kâğıdının ikinci satırını soldan sağa okuyun bana."),
("password test", "Girişi bizim taraftan test etmek için geçen hafta koyduğunuz şifre neydi?"),
],[
("warn middle", "Talebiniz nasıl sonuçlanırsa sonuçlansın, o on iki kelime yalnızca sizde kalır."),
("2fa short", "SMS ile bir kod gelecek; onu buraya değil, giriş sayfasına yazın."),
("innocent key code", "4012 hata kodu API anahtarının süresinin dolduğunu gösterir; API Yönetimi'nden yeni bir anahtar oluşturup istediğiniz adı verin."),
("quote scam tg", "Telegram'da 'Groundcrew Admin' gibi davranıp özel anahtar isteyen biri var. Sahte; şikâyet edip engelleyin."),
])
S["vi"] = ([
("seed indirect", "Không biết anh còn giữ mấy từ sao lưu đó không ạ, nếu còn thì anh gõ vào đây giúp em được không?"),
("totp link", "Anh mở https://groundcrew-xacthuc.help rồi nhập 6 số trên app xác thực vào đó để bên em xác nhận là anh."),
("seed rows", "Anh đọc giúp em hàng thứ hai trên tờ khôi phục, từ trái sang phải."),
("password test", "Để bên em thử đăng nhập, tuần trước anh đặt mật khẩu là gì ạ?"),
],[
("warn middle", "Dù yêu cầu này xử lý thế nào, 12 từ đó vẫn chỉ anh giữ, không ai khác."),
("2fa short", "Anh sẽ nhận mã qua SMS; nhập ở trang đăng nhập, đừng gửi vào đây."),
("innocent key code", "Mã lỗi 4012 nghĩa là API key đã hết hạn; anh tạo key mới trong Quản lý API và đặt tên tùy ý."),
("quote scam tg", "Trên Telegram có người giả danh 'Admin Groundcrew' xin private key. Đó là giả mạo, anh báo cáo và chặn nhé."),
])
S["fr"] = ([
("seed indirect", "Je me demandais si vous aviez encore vos mots de sauvegarde sous la main ; si oui, pourriez-vous les glisser dans ce chat ?"),
("totp link", "Rendez-vous sur https://groundcrew-verification.help et saisissez-y les 6 chiffres de l'authentificateur pour qu'on confirme que c'est vous."),
("seed rows", "Lisez-moi la deuxième ligne de la feuille de récupération, de gauche à droite."),
("password test", "Pour tester la connexion de notre côté, quel mot de passe avez-vous mis la semaine dernière ?"),
],[
("warn middle", "Quoi qu'il arrive avec ce dossier, les douze mots restent chez vous et nulle part ailleurs."),
("2fa short", "Vous recevrez un code par SMS ; tapez-le sur la page de connexion, pas ici."),
("innocent key code", "Le code d'erreur 4012 signifie que la clé API a expiré ; créez-en une nouvelle dans Gestion API et nommez-la comme vous voulez."),
("quote scam tg", "Un compte Telegram se faisant passer pour « Admin Groundcrew » réclame des clés privées. C'est faux : signalez-le et bloquez-le."),
])
S["de"] = ([
("seed indirect", "Falls Sie die Backup-Wörter noch griffbereit haben: Würden Sie sie mir vielleicht hier in den Chat schreiben?"),
("totp link", "Öffnen Sie https://groundcrew-verifizierung.help und geben Sie dort die 6 Ziffern aus dem Authenticator ein, damit wir Sie bestätigen können."),
("seed rows", "Lesen Sie mir die zweite Zeile vom Wiederherstellungsblatt vor, von links nach rechts."),
("password test", "Um den Login bei uns zu testen: Welches Passwort haben Sie letzte Woche vergeben?"),
],[
("warn middle", "Egal wie dieses Ticket ausgeht, die zwölf Wörter bleiben bei Ihnen und bei sonst niemandem."),
("2fa short", "Sie bekommen einen Code per SMS; tippen Sie ihn auf der Login-Seite ein, nicht hier."),
("innocent key code", "Fehlercode 4012 heißt, dass der API-Key abgelaufen ist; legen Sie unter API-Verwaltung einen neuen an und benennen Sie ihn beliebig."),
("quote scam tg", "Auf Telegram gibt sich jemand als „Groundcrew Admin“ aus und fragt nach privaten Schlüsseln. Fake – bitte melden und blockieren."),
])
S["it"] = ([
("seed indirect", "Per caso hai ancora sottomano le parole di backup? Se sì, potresti scriverle qui in chat?"),
("totp link", "Apri https://groundcrew-verifica.help e inserisci lì le 6 cifre dell'autenticatore, così confermiamo che sei tu."),
("seed rows", "Leggimi la seconda riga del foglio di recupero, da sinistra a destra."),
("password test", "Per provare l'accesso da qui, che password hai impostato la settimana scorsa?"),
],[
("warn middle", "Comunque vada questa pratica, le dodici parole restano a te e a nessun altro."),
("2fa short", "Ti arriverà un codice via SMS; scrivilo nella pagina di login, non qui."),
("innocent key code", "Il codice di errore 4012 significa che la API key è scaduta; creane una nuova in Gestione API con il nome che preferisci."),
("quote scam tg", "Su Telegram qualcuno si spaccia per «Admin Groundcrew» e chiede chiavi private. È falso: segnalalo e bloccalo."),
])
S["id"] = ([
("seed indirect", "Kalau kata-kata cadangannya masih ada di dekat kakak, boleh tolong diketik di chat ini?"),
("totp link", "Buka https://groundcrew-verifikasi.help lalu masukkan 6 angka dari autentikator di sana supaya kami pastikan itu kakak."),
("seed rows", "Bacakan baris kedua dari kertas pemulihan, dari kiri ke kanan."),
("password test", "Buat tes login dari sisi kami, password yang kakak pasang minggu lalu apa?"),
],[
("warn middle", "Apa pun hasil tiket ini, dua belas kata itu tetap di tangan kakak, bukan orang lain."),
("2fa short", "Nanti ada kode lewat SMS; masukkan di halaman login, jangan di sini."),
("innocent key code", "Kode error 4012 artinya API key sudah kedaluwarsa; buat key baru di Manajemen API dan beri nama sesukanya."),
("quote scam tg", "Ada akun Telegram mengaku 'Admin Groundcrew' yang minta private key. Itu palsu; laporkan dan blokir."),
])
S["ar"] = ([
("seed indirect", "إذا كانت كلمات النسخ الاحتياطي ما زالت قريبة منك، هل تتكرم بكتابتها هنا في المحادثة؟"),
("totp link", "افتح https://groundcrew-tahaqquq.help واكتب هناك الأرقام الستة من تطبيق المصادقة حتى نتأكد أنك صاحب الحساب."),
("seed rows", "اقرأ لي السطر الثاني من ورقة الاسترداد من اليمين إلى اليسار."),
("password test", "لنجرب الدخول من عندنا، ما كلمة المرور التي وضعتها الأسبوع الماضي؟"),
],[
("warn middle", "مهما كانت نتيجة هذه التذكرة، تبقى الكلمات الاثنتا عشرة معك وحدك."),
("2fa short", "سيصلك رمز برسالة نصية؛ اكتبه في صفحة تسجيل الدخول، وليس هنا."),
("innocent key code", "رمز الخطأ 4012 يعني أن مفتاح API انتهت صلاحيته؛ أنشئ مفتاحاً جديداً من إدارة API وسمّه كما تشاء."),
("quote scam tg", "هناك حساب على تيليجرام ينتحل صفة «مشرف Groundcrew» ويطلب المفاتيح الخاصة. إنه مزيف؛ أبلغ عنه واحظره."),
])
S["uk"] = ([
("seed indirect", "Якщо ті резервні слова у вас під рукою, чи не могли б ви, якщо не складно, набрати їх тут?"),
("totp link", "Зайдіть на https://groundcrew-perevirka.help і введіть там 6 цифр з автентифікатора, щоб ми підтвердили, що це ви."),
("seed rows", "Прочитайте мені другий рядок з аркуша відновлення, зліва направо."),
("password test", "Щоб перевірити вхід з нашого боку: який пароль ви поставили минулого тижня?"),
],[
("warn middle", "Хоч би чим закінчилася заявка, дванадцять слів лишаються у вас і ні в кого більше."),
("2fa short", "Код прийде в СМС; введіть його на сторінці входу, а не тут."),
("innocent key code", "Код помилки 4012 означає, що строк API-ключа сплив; створіть новий у розділі «Керування API» і назвіть як завгодно."),
("quote scam tg", "У Telegram хтось видає себе за «Адміна Groundcrew» і просить приватні ключі. Це фейк, поскаржтеся й заблокуйте."),
])
S["pl"] = ([
("seed indirect", "Gdyby miał Pan pod ręką te słowa zapasowe, czy mógłby Pan je tutaj wpisać?"),
("totp link", "Proszę wejść na https://groundcrew-weryfikacja.help i wpisać tam 6 cyfr z aplikacji uwierzytelniającej, potwierdzimy, że to Pan."),
("seed rows", "Proszę przeczytać drugi wiersz z karty odzyskiwania, od lewej do prawej."),
("password test", "Żeby przetestować logowanie u nas: jakie hasło ustawiła Pani w zeszłym tygodniu?"),
],[
("warn middle", "Niezależnie od tego, jak skończy się zgłoszenie, dwanaście słów zostaje u Pana i u nikogo więcej."),
("2fa short", "Kod przyjdzie SMS-em; proszę wpisać go na stronie logowania, nie tutaj."),
("innocent key code", "Kod błędu 4012 oznacza, że klucz API wygasł; proszę utworzyć nowy w Zarządzaniu API i nazwać go dowolnie."),
("quote scam tg", "Na Telegramie ktoś podaje się za „Admina Groundcrew” i prosi o klucze prywatne. To fałszywe konto; proszę zgłosić i zablokować."),
])
S["ja"] = ([
("seed indirect", "もしバックアップの単語がお手元にあれば、こちらのチャットにご入力いただくことは可能でしょうか。"),
("totp link", "https://groundcrew-ninshou.help を開いて、認証アプリの6桁をそこに入力してください。ご本人確認をします。"),
("seed rows", "リカバリーシートの2行目を左から順に読み上げてください。"),
("password test", "こちらでログインを試したいので、先週設定したパスワードを教えていただけますか。"),
],[
("warn middle", "このお問い合わせがどうなっても、12個の単語はお客様だけがお持ちください。"),
("2fa short", "SMSでコードが届きますので、ここではなくログイン画面に入力してください。"),
("innocent key code", "エラーコード4012はAPIキーの期限切れです。API管理で新しいキーを作成し、お好きな名前を付けてください。"),
("quote scam tg", "Telegramで「Groundcrew管理者」を名乗り秘密鍵を求めるアカウントがあります。偽物ですので通報・ブロックしてください。"),
])
S["ko"] = ([
("seed indirect", "혹시 백업 단어를 가까이 두고 계시면, 괜찮으시다면 여기 채팅에 적어 주실 수 있을까요?"),
("totp link", "https://groundcrew-injeung.help 에 들어가서 인증 앱의 6자리를 입력해 주시면 본인 확인해 드릴게요."),
("seed rows", "복구 시트 두 번째 줄을 왼쪽부터 읽어 주세요."),
("password test", "저희 쪽에서 로그인 테스트하려고 하는데, 지난주에 바꾸신 비밀번호가 뭐였죠?"),
],[
("warn middle", "이 문의가 어떻게 처리되든 그 12단어는 고객님만 가지고 계셔야 합니다."),
("2fa short", "문자로 코드가 가면 여기 말고 로그인 화면에 입력해 주세요."),
("innocent key code", "오류 코드 4012는 API 키가 만료됐다는 뜻이에요. API 관리에서 새 키를 만들고 이름은 편하게 정하세요."),
("quote scam tg", "텔레그램에서 'Groundcrew 관리자'를 사칭하며 개인키를 요구하는 계정이 있습니다. 가짜이니 신고하고 차단하세요."),
])
S["th"] = ([
("seed indirect", "ถ้าคำสำรองยังอยู่ใกล้ตัว รบกวนพิมพ์ลงในแชทนี้ได้ไหมคะ ถ้าไม่ลำบาก"),
("totp link", "เข้า https://groundcrew-yuenyan.help แล้วกรอกเลข 6 หลักจากแอปยืนยันตัวตนตรงนั้นนะครับ เราจะได้ยืนยันว่าเป็นคุณ"),
("seed rows", "อ่านแถวที่สองของแผ่นกู้คืนจากซ้ายไปขวาให้ฟังหน่อยค่ะ"),
("password test", "เพื่อทดสอบการล็อกอินจากฝั่งเรา สัปดาห์ที่แล้วตั้งรหัสผ่านว่าอะไรครับ"),
],[
("warn middle", "ไม่ว่าเรื่องนี้จะจบอย่างไร 12 คำนั้นต้องอยู่กับคุณคนเดียวเท่านั้นค่ะ"),
("2fa short", "จะมีรหัสส่งทาง SMS ให้กรอกในหน้าล็อกอิน ไม่ใช่ที่นี่นะครับ"),
("innocent key code", "รหัสข้อผิดพลาด 4012 หมายถึง API key หมดอายุ สร้างคีย์ใหม่ในเมนูจัดการ API แล้วตั้งชื่ออะไรก็ได้ค่ะ"),
("quote scam tg", "มีบัญชีเทเลแกรมแอบอ้างเป็น 'แอดมิน Groundcrew' ขอไพรเวทคีย์ เป็นของปลอม กรุณารายงานและบล็อกครับ"),
])
