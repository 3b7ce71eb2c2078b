package detect

// areaVocabulary lists, per product area, words and phrases customers use
// in the 17 languages, one language per line in the order en es pt fr de
// it id tr vi pl ru uk ar zh ja ko th (a last line may gather phrases in
// several languages added later). A leading "!" marks a term that
// decides alone (weight 3); other terms weigh 1 and a phrase 0.5 more. A
// trailing "=" makes a term a whole word ("apr=" is not "aprobado").
// Latin and Cyrillic terms match at the start of a word, so stems cover
// inflections ("liquidat" finds "liquidated", "liquidation").
var areaVocabulary = map[string]string{
	"spot": `open order|cancel order|cancel my order|spot trading|spot order|spot market|limit order|market order|stop-limit|trading pair|buy order|sell order|order book|open orders|filled at|my order|trade history|convert
orden límite|orden de mercado|mercado spot|par de trading|compra spot|historial de órdenes|mi orden|se ejecutó|convertir
ordem limite|ordem a mercado|mercado spot|negociação spot|par de negociação|minha ordem|executad|converter|histórico de ordens
ordre limite|ordre au marché|marché spot|trading spot|paire de trading|mon ordre|exécuté|convertir
limit-order|limitorder|market-order|spot-handel|spothandel|handelspaar|meine order|ausgeführt|orderbuch|konvertier
ordine limite|ordine a mercato|mercato spot|coppia di trading|il mio ordine|eseguito|convertire
order limit|order pasar|pasar spot|pasangan trading|order saya|tereksekusi|konversi|beli spot|jual spot
limit emir|piyasa emri|spot işlem|spot piyasa|işlem çifti|emrim|gerçekleşti|dönüştür
lệnh giới hạn|lệnh thị trường|giao dịch spot|cặp giao dịch|lệnh của tôi|khớp lệnh|khớp|chuyển đổi
zlecenie limit|zlecenie rynkow|handel spot|rynek spot|para handlowa|moje zlecenie|wykonało|przelicz
лимитный ордер|рыночный ордер|спотов|торговая пара|мой ордер|исполнил|конверт
лімітний ордер|ринковий ордер|спотов|торгова пара|мій ордер|виконав|конверт
أمر محدد|أمر السوق|التداول الفوري|السوق الفوري|زوج التداول|أمري|تم تنفيذ
现货|限价单|市价单|交易对|挂单|成交价|闪兑|成交|現貨
現物|指値|成行|取引ペア|約定
현물|지정가|시장가|거래쌍|체결
สปอต|คำสั่งจำกัดราคา|คำสั่งตลาด|คู่เทรด|จับคู่ราคา
bought|sold|at market|compré|vendí|comprei|vendi|acheté|vendu|gekauft|verkauft|comprato|venduto|aldım|sattım|kupiłem|sprzedałem|купил|продал|купив|продав|اشتريت|بعت|买入|卖出|購入|売却|매수|매도`,

	"futures": `my short|my long|!short got|!long got|!liquidation price|!futures|!liquidat|!margin call|leverage|!perpetual|!perp=|position|!funding rate|stop loss|take profit|isolated margin|cross margin|!coin-m|!usds-m|!long position|!short position|pnl|mark price|auto-deleverag
!futuros|!liquidaron|!liquidación|!liquidado|apalancamiento|posición|!margen|tasa de financiación|precio de marca
!futuros|!liquidad|!liquidação|alavancagem|posição|!margem|taxa de financiamento|preço de marcação
!contrats à terme|!liquidé|!liquidation|effet de levier|levier|position|!marge|taux de financement|prix de marque
!futures|!liquidiert|!liquidation|hebel|position|!margin|finanzierungsrate|markpreis
!futures|!liquidat|!liquidazione|leva=|posizione|!margine|tasso di finanziamento|prezzo mark
!likuidasi|!dilikuidasi|leverage|posisi|!margin|funding rate
!vadeli|!likide|!likidasyon|kaldıraç|pozisyon|!marjin|fonlama oranı
!hợp đồng tương lai|!thanh lý|đòn bẩy|vị thế|!ký quỹ|!cháy tài khoản|!bị thanh lý
!kontrakty terminowe|!likwidac|!zlikwidow|dźwigni|pozycj|!depozyt zabezpieczający
!фьючерс|!ликвидац|!ликвидиров|плечо|плеча|позици|!маржа|!маржин|ставка финансирования
!ф'ючерс|!фючерс|!ліквідац|!ліквідув|плече|позиці|!маржа|!маржин
!العقود الآجلة|!العقود الاجلة|!تصفية|الرافعة|رافعة|مركزي|!الهامش|!هامش
!合约|!永续|!强平|!爆仓|!平仓|杠杆|仓位|持仓|!保证金|资金费率|!強平|!爆倉|!合約|!槓桿
!先物|!ロスカット|!強制決済|レバレッジ|ポジション|!証拠金|資金調達率
!선물|!청산|레버리지|포지션|!증거금|펀딩비|!마진
!ฟิวเจอร์ส|!ล้างพอร์ต|!ถูกบังคับปิด|เลเวอเรจ|!มาร์จิ้น|!ลิควิเดต
pnl|!long position|!short position|largo|corto|pérdidas y ganancias|lucro e prejuízo|posição comprada|posição vendida|kar zarar|lãi lỗ|!lệnh long|!lệnh short|лонг|шорт|!多单|!空单|盈亏|ロング|ショート|損益|롱 포지션|숏 포지션|손익|กำไรขาดทุน
kontrakt|stopa finansowania|contrato perpetuo|contrato perpétuo|contrat perpétuel|perpetual contract|бессрочн|безстрок|永续合约|無期限|무기한`,

	"p2p": `!p2p|!peer-to-peer|!merchant|seller|buyer|!appeal|release|!mark as paid|!marked as paid|!marked paid|!payment received|bank transfer|!advertiser|escrow|dispute|counterparty|chargeback
comerciante|vendedor|comprador|!apelación|apelar|liberar|libera|!marcó como pagado|!marcado como pagado|anuncio|disputa|contraparte|transferencia bancaria
comerciante|vendedor|comprador|!apelação|liberou|liberar|!marcou como pago|!marcado como pago|anúncio|disputa
marchand|vendeur|acheteur|libère|libérer|!marqué payé|!marqué comme payé|annonce|litige
händler|verkäufer|käufer|!einspruch|freigeben|gibt die coins nicht frei|freigabe|!als bezahlt markiert|!bezahlt markiert|anzeige|streitfall
commerciante|venditore|acquirente|!ricorso|rilascia|rilasciare|!segnato pagato|!segnato come pagato|annuncio|contestazione
penjual|pembeli|!banding|melepaskan|lepas koin|!tandai bayar|sudah bayar|iklan|sengketa
tüccar|satıcı|alıcı|!itiraz|serbest bırak|!ödendi olarak işaretle|ilan|anlaşmazlık
thương nhân|người bán|người mua|!khiếu nại|giải phóng|nhả coin|!đánh dấu đã trả|đã thanh toán|tranh chấp
sprzedawca|sprzedawcy|kupujący|kupującego|!odwołanie|zwalnia|zwolnić|!oznaczył jako opłacone|opłacone|ogłoszenie|spór
мерчант|продавец|покупатель|!апелляц|отпускает|отпустить|!отметил оплату|оплатил|объявлени|спор
продавець|покупець|!апеляці|відпускає|відпустити|!позначив оплату|оплатив|оголошен|спір
التاجر|البائع|المشتري|!استئناف|يحرر|تحرير العملات|!علامة مدفوع|تم الدفع|نزاع
!c2c|商家|卖家|买家|!申诉|!放币|!已付款|广告|纠纷|承兑商|賣家|買家|申訴
売り手|買い手|!異議申し立て|解放|!支払い済み|紛争|マーチャント
판매자|구매자|!이의제기|!어필|풀어|!입금 완료|입금완료|분쟁|머천트
คนขาย|ผู้ขาย|ผู้ซื้อ|คนซื้อ|!อุทธรณ์|ปล่อยเหรียญ|!จ่ายแล้ว|ข้อพิพาท
counterparty|contraparte|contrepartie|gegenpartei|handelspartner|controparte|lawan transaksi|karşı taraf|đối tác|kontrahent|контрагент|الطرف الآخر|对方|取引相手|상대방|คู่ค้า|อีกฝ่าย|cancel after|anular después|cancelar depois|annuler après|stornieren nach|annullare dopo|batalkan setelah|iptal et|hủy sau|anulowanie|отменить после|скасувати після`,

	"earn": `!staking|!stake|!unstake|!earn|savings|!apy=|!apr=|interest|!reward|!flexible product|!locked product|!launchpool|!dual investment|yield|redeem|redemption|subscription
ahorro|!rendimiento|intereses|!recompensa|!simple earn|rescatar|rescate|suscripción|producto flexible
rendimento|poupança|juros|!recompensa|resgatar|resgato|resgate|produto flexível
épargne|rendement|intérêts|!récompense|racheter|rachat|souscription|produit flexible
sparprodukt|sparen|zinsen|!belohnung|rendite|einlösen
risparmio|interessi|!ricompens|riscatt|sottoscrizione
tabungan|bunga|imbal hasil|!reward|hadiah|tebus|produk fleksibel
birikim|faiz|getiri|!ödül|itfa|esnek ürün
tiết kiệm|lãi suất|!phần thưởng|!trả thưởng|thưởng|quy đổi
!stakingu|oszczędnoś|odsetki|!nagrod|umorz|subskrypc
!стейкинг|сбережени|процент|!наград|!вознагражден|доходност|погашени
!стейкінг|заощаджен|відсот|!нагород|дохідн|погашен
!التخزين|!الستيكنج|الادخار|الفائدة|!المكافآت|!مكافأة|العائد|استرداد
!质押|!理财|!活期|!定期|利息|!奖励|收益|赎回|申购|!質押|!理財|!獎勵|贖回
!ステーキング|積立|利息|!報酬|利回り|償還|!アーン
!스테이킹|예치|이자|!보상|수익률|상환|!언스테이킹
!สเตค|ออมทรัพย์|ดอกเบี้ย|!รางวัล|ผลตอบแทน|ไถ่ถอน
!savings|principal|matur|vencimiento|venceu|échéance|laufzeit|fällig|scadenza|capitale|jatuh tempo|pokok|ana para|vade|đáo hạn|tiền gốc|kapitał|основную сумму|основну суму|الاستحقاق|رأس المال|到期|本金|満期|元本|만기|원금|ครบกำหนด|เงินต้น`,

	"card": `!card|!crypto card|visa|mastercard|declined|top up|top-up|!atm=|apple pay|google pay|cashback
!tarjeta|rechazada|rechazaron la tarjeta|recarga de la tarjeta|cajero|pago con tarjeta
!cartão|!cartao|recusado|recarga do cartão|caixa eletrônico
!carte|refusée|recharge|distributeur|paiement par carte
!karte|!kreditkarte|abgelehnt|aufladung|geldautomat|kartenzahlung
!carta|rifiutata|ricarica|bancomat|pagamento con carta
!kartu|ditolak|top up
!kart|reddedildi|yüklemesi|kartla ödeme
!thẻ|bị từ chối|nạp thẻ|thanh toán bằng thẻ
!karta|!kartę|!karty|!kartą|odrzucon|doładowanie|bankomat|płatność kartą
!карт|отклонил|пополнение карты|банкомат|оплата картой
!картк|!карта|відхилил|поповнення картки|банкомат|оплата карткою
!بطاقة|!البطاقة|بطاقتي|رفض|شحن البطاقة|الصراف
!的卡|!卡被|!信用卡|!借记卡|!虚拟卡|!银行卡|!卡片|刷卡|被拒
!カード|拒否|チャージ
!카드|거절|충전
!บัตร|ถูกปฏิเสธ|เติมเงินบัตร`,

	"wallet_deposits": `showed up|show up|from another exchange|!deposit|!not credited|!credited|incoming|!wrong network|!wrong chain|!destination tag|!memo|confirmations|arrived|not arrived|deposit address
!depósito|!deposité|!deposite|no llegó|no me llegó|!red equivocada|acreditad|dirección de depósito|confirmaciones
!depósito|!depositei|!não caiu|caiu|!rede errada|creditado|endereço de depósito|confirmações
!dépôt|!déposé|!mauvais réseau|crédité|adresse de dépôt
!einzahlung|!eingezahlt|!falsches netzwerk|gutgeschrieben|einzahlungsadresse|bestätigungen|angekommen
!deposito|!depositato|!rete sbagliata|accreditat|indirizzo di deposito|conferme
!deposit|!setor|belum masuk|tidak masuk|!salah jaringan|alamat deposit
!yatır|!yatırdım|yatırma|gelmedi|!yanlış ağ|hesaba geçmedi|yatırma adresi
!nạp|!nạp tiền|chưa nhận|chưa về|!sai mạng|!nhầm mạng|địa chỉ nạp
!wpłat|!wpłaciłem|nie dotarł|!zła sieć|!złą sieć|zaksięgowan|adres wpłaty
!депозит|!пополнени|!пополнил|не пришел|не пришли|не зачислен|зачислен|!не та сеть|!не ту сеть|адрес депозита
!депозит|!поповнен|!поповнив|не надійш|не прийшл|зарахован|!не ту мережу|!не та мережа|адреса депозиту
!إيداع|!الإيداع|!أودعت|لم يصل|لم تصل|!شبكة خاطئة|!شبكة خطأ|عنوان الإيداع
!充值|!充币|!入金|未到账|没到账|没有到账|!充错|!转错网络|!错误网络|充值地址|确认数|!入帳|!儲值|!充幣
!入金|!着金|未反映|反映されない|反映されません|!間違ったネットワーク|入金アドレス
!입금|안 들어|안들어|!네트워크를 잘못|입금 주소|컨펌
!ฝาก|ยังไม่เข้า|ไม่เข้า|!เลือกเครือข่ายผิด|!ผิดเครือข่าย|ที่อยู่ฝาก
!мемо|!메모|!メモ|!备注|!เมโม|!المذكرة|!тег|!태그|!タグ|!标签|without memo|sin memo|sem memo|sans memo|ohne memo|senza memo|tanpa memo|memosuz|thiếu memo|bez memo|без мемо|без мемо
arbitrum|optimism|polygon|solana|bep20|erc20|trc20|bsc=|your address|the wrong chain`,

	"withdrawals": `processing|sent out|!withdraw|!withdrew|!cash out|!payout|withdrawal fee|not received
!retiro|!retirar|!retiré|comisión de retiro|no me deja retirar|pendiente
!saque|!sacar|!saquei|!retirada|taxa de saque|pendente
!retrait|!retirer|!retiré|frais de retrait|en attente
!auszahlung|!ausgezahlt|!abheben|!auszahlen|hängt
!prelievo|!prelevare|!prelevato|!prelievi|in sospeso
!penarikan|!tarik|!withdraw|!wd=|!ditarik|tertunda|pending
!çekim|!çektim|!para çek|!çekemiyorum|beklemede
!rút|!rút tiền|!lệnh rút|phí rút|đang chờ|đang xử lý
!wypłat|!wypłaciłem|!wypłacić|oczekuje|w trakcie
!вывод|!вывести|!вывел|!выплат|в обработке|висит
!вивід|!вивести|!вивів|!виплат|в обробці|висить
!سحب|!السحب|!سحبي|!أسحب|معلق
!提现|!提币|!出金|!提款|!提現|!提幣|审核中|处理中
!出金|!引き出|保留中|処理中
!출금|!인출|대기 중|처리 중
!ถอน|ค้าง|รอดำเนินการ
to my bank|sepa=|a mi banco|a mi cuenta bancaria|para meu banco|pro banco|para minha conta bancária|vers ma banque|auf mein bankkonto|sul mio conto bancario|ke rekening|banka hesabıma|về ngân hàng|về tài khoản ngân hàng|na konto bankowe|на банковский счет|на банківський рахунок|إلى البنك|إلى حسابي البنكي|到银行卡|提到银行|銀行口座に|은행 계좌로|เข้าบัญชีธนาคาร`,

	"account_security": `!hacked|!hack|!stolen|!steal|!unauthorized|!unauthorised|!did not authorize|!didn't authorize|!not me|!compromised|!phishing|scam|password|!2fa|authenticator|!account locked|!locked|!frozen|!freeze|log in|login|logged in|!someone logged|!suspicious|!close my account|!delete my account|phone number|!verification code|!security
!hackearon|!hackeo|!hackeada|!robaron|!robo|!no autoricé|!no fui yo|contraseña|!bloquead|!congel|inicio de sesión|alguien entró|estafa|número de teléfono|cerrar mi cuenta
!hackearam|!hackeada|!invadiram|!roubaram|!roubo|!não autorizei|!não fui eu|senha|!bloquead|!congel|alguém entrou|golpe|número de telefone|encerrar minha conta
!piraté|!volé|!pas autorisé|!ce n'est pas moi|mot de passe|!bloqué|!gelé|connexion|connecter|s'est connecté|arnaque|numéro de téléphone|fermer mon compte
!gehackt|!gestohlen|!nicht autorisiert|!war ich nicht|passwort|!gesperrt|!eingefroren|anmelden|eingeloggt|betrug|telefonnummer|konto schließen
!hackerat|!rubat|!furto|!non ho autorizzato|!non sono stato io|!bloccat|!congelat|accedere|accesso|è entrato|truffa|numero di telefono|chiudere il mio account
!dibajak|!dicuri|!tidak pernah melakukan|!bukan saya|kata sandi|!terkunci|!dibekukan|masuk ke akun|penipuan|nomor telepon|tutup akun|!kena hack
!hacklendi|!çalındı|!ben yapmadım|şifre|!kilitlendi|!kilidi|!dondur|giriş yap|hesabıma girmiş|dolandır|telefon numara|hesabımı kapat
!đánh cắp|!bị trộm|!không hề|!không phải tôi|mật khẩu|!bị khóa|!khóa tài khoản|!mở khóa|!đóng băng|đăng nhập|lừa đảo|số điện thoại|đóng tài khoản
!zhakowa|!włamanie|!ukradli|!kradzież|!nie zlecałem|!to nie ja|hasł|!zablokowan|!odblokuj|!zamrozi|zalogowa|oszust|numer telefonu|zamknąć konto
!взлом|!украли|!кража|!не делал|парол|!заблокир|!разблокир|!заморозил|войти|зашел|вход|мошенн|номер телефона|закрыть аккаунт
!зламали|!злам|!вкрали|!крадіж|!не робив|парол|!заблоков|!розблок|!заморозил|увійти|зайшов|вхід|шахра|номер телефону|закрити акаунт
!اختراق|!اخترق|!سرقة|!سرق|!لم أقم|!ليس أنا|كلمة المرور|!مقفل|!قفل|!جمد|!تجميد|الدخول|تسجيل الدخول|احتيال|رقم هاتفي|رقم الهاتف|إغلاق حسابي
!被盗|!盗号|!被黑|!不是我操作|!非本人|密码|!冻结|!凍結|!锁定|!被锁|登录|登陆|!异地登录|诈骗|骗子|手机号|!注销|验证码
!乗っ取|!不正アクセス|!不正ログイン|!私ではありません|パスワード|!ロック|!凍結|ログイン|詐欺|電話番号|!解約|認証コード
!해킹|!도용|!탈취|!제가 한 거 아니|비밀번호|!잠겼|!잠금|!동결|로그인|사기|전화번호|!탈퇴|인증 코드
!แฮก|!โดนขโมย|!ถูกขโมย|!ไม่ได้ทำ|!ไม่ได้ถอน|รหัสผ่าน|!ล็อค|!ล็อก|!อายัด|เข้าสู่ระบบ|โกง|เบอร์โทร|!ปิดบัญชี
!forgot my password|!forgot password|!reset password|!olvidé mi contraseña|!olvidé la contraseña|!esqueci minha senha|!esqueci a senha|!oublié mon mot de passe|!passwort vergessen|!dimenticato la password|!lupa password|!lupa kata sandi|!şifremi unuttum|!quên mật khẩu|!zapomniałem hasła|!забыл пароль|!забув пароль|!نسيت كلمة المرور|!دخل حسابي|!忘记密码|!パスワードを忘れ|!비밀번호를 잊|!ลืมรหัสผ่าน
!whitelist|!white list|!anti-phishing|!antiphishing|!lista blanca|!lista branca|!liste blanche|!lista bianca|!daftar putih|!beyaz liste|!danh sách trắng|!biała lista|!белый список|!білий список|!القائمة البيضاء|!白名单|!防钓鱼|!ホワイトリスト|!화이트리스트|!ไวท์ลิสต์|!фишинг|!фішинг|!钓鱼|!フィッシング|!피싱|!ฟิชชิ่ง|!تصيد`,

	"kyc": `!kyc|verification|verify|!identity|!id card|!passport|!selfie|!proof of address|!liveness|!driver's license|documents|unverified
verificación|verificar|!identidad|!pasaporte|documento|!comprobante de domicilio|!documento nacional|!prueba de vida
verificação|verificar|!identidade|!passaporte|documento|!comprovante de residência|!cnh|!prova de vida
vérification|vérifier|!identité|!passeport|pièce d'identité|!justificatif de domicile
verifizierung|verifizier|!identität|!reisepass|!ausweis|dokument|!adressnachweis
verifica|verificare|!identità|!passaporto|documento|carta d'identità|!prova di residenza
verifikasi|terverifikasi|!identitas|!paspor|!ktp|dokumen|!swafoto
doğrulama|onaylanmadı|!kimlik|!pasaport|belge|!ikametgah|!özçekim
xác minh|!danh tính|!hộ chiếu|!cccd|!cmnd|giấy tờ|!xác thực danh tính
weryfikac|niezweryfikowan|!tożsamoś|!paszport|!dowód osobisty|dokument|!potwierdzenie adresu
верификац|верифицирован|!личност|!паспорт|!селфи|документ|!подтверждение адреса
верифікац|верифікован|!особи|!паспорт|!селфі|документ|!підтвердження адреси
التحقق|!الهوية|!جواز السفر|!سيلفي|!السيلفي|المستندات|!إثبات العنوان
认证|!实名|!身份证|!护照|!自拍|人脸|!身份验证|證件|!實名|!護照
!本人確認|認証|!身分証|!パスポート|!セルフィー|書類|!顔認証
인증|!신분증|!여권|!셀카|서류|!본인인증|!신원
!ยืนยันตัวตน|!บัตรประชาชน|!พาสปอร์ต|!หนังสือเดินทาง|!เซลฟี่|เอกสาร`,
}
