package form

// Builtins are the fields a new installation starts with: what a missing
// deposit or a stuck withdrawal needs before anyone can look. Only the
// asset and the network are required (for deposits and withdrawals): every
// customer knows them, while many do not know what a TxID is, and the bot
// and agents ask for it in the conversation. They show in
// the widget's pre-chat form and the agent's form; integrations may send
// them too (their values are checked) but are never refused for leaving
// them out.
func Builtins() []Field {
	both := []Surface{Widget, Agent}
	money := []string{"wallet_deposits", "withdrawals"}
	return []Field{
		{Key: "asset", Kind: Asset, Label: "Asset", Surfaces: both, RequiredIn: money, Position: 10, Labels: map[string]string{
			"en": "Asset (e.g. USDT)", "zh": "币种（如 USDT）", "es": "Activo (p. ej. USDT)", "pt": "Ativo (ex.: USDT)",
			"ru": "Актив (например, USDT)", "tr": "Varlık (ör. USDT)", "vi": "Tài sản (vd: USDT)", "fr": "Actif (ex. USDT)",
			"de": "Asset (z. B. USDT)", "it": "Asset (es. USDT)", "id": "Aset (mis. USDT)", "ar": "الأصل (مثل USDT)",
			"uk": "Актив (наприклад, USDT)", "pl": "Aktywo (np. USDT)", "ja": "通貨（例：USDT）", "ko": "자산 (예: USDT)", "th": "สินทรัพย์ (เช่น USDT)",
		}},
		{Key: "network", Kind: Network, Label: "Network", Surfaces: both, RequiredIn: money, Position: 20, Labels: map[string]string{
			"en": "Network (e.g. Tron)", "zh": "网络（如 Tron）", "es": "Red (p. ej. Tron)", "pt": "Rede (ex.: Tron)",
			"ru": "Сеть (например, Tron)", "tr": "Ağ (ör. Tron)", "vi": "Mạng (vd: Tron)", "fr": "Réseau (ex. Tron)",
			"de": "Netzwerk (z. B. Tron)", "it": "Rete (es. Tron)", "id": "Jaringan (mis. Tron)", "ar": "الشبكة (مثل Tron)",
			"uk": "Мережа (наприклад, Tron)", "pl": "Sieć (np. Tron)", "ja": "ネットワーク（例：Tron）", "ko": "네트워크 (예: Tron)", "th": "เครือข่าย (เช่น Tron)",
		}},
		{Key: "txid", Kind: TxID, Label: "Transaction ID (TxID)", Surfaces: both, Position: 30, Labels: map[string]string{
			"en": "Transaction ID (TxID)", "zh": "交易哈希（TxID）", "es": "ID de transacción (TxID)", "pt": "ID da transação (TxID)",
			"ru": "ID транзакции (TxID)", "tr": "İşlem kimliği (TxID)", "vi": "Mã giao dịch (TxID)", "fr": "ID de transaction (TxID)",
			"de": "Transaktions-ID (TxID)", "it": "ID transazione (TxID)", "id": "ID transaksi (TxID)", "ar": "معرّف المعاملة (TxID)",
			"uk": "ID транзакції (TxID)", "pl": "ID transakcji (TxID)", "ja": "トランザクションID（TxID）", "ko": "거래 ID (TxID)", "th": "รหัสธุรกรรม (TxID)",
		}},
		{Key: "address", Kind: Address, Label: "Deposit or withdrawal address", Surfaces: both, Position: 40, Labels: map[string]string{
			"en": "Address you sent to or from", "zh": "收款或付款地址", "es": "Dirección de envío o recepción", "pt": "Endereço de envio ou recebimento",
			"ru": "Адрес отправки или получения", "tr": "Gönderim veya alım adresi", "vi": "Địa chỉ gửi hoặc nhận", "fr": "Adresse d'envoi ou de réception",
			"de": "Sende- oder Empfangsadresse", "it": "Indirizzo di invio o ricezione", "id": "Alamat pengirim atau penerima", "ar": "عنوان الإرسال أو الاستلام",
			"uk": "Адреса відправлення або отримання", "pl": "Adres nadawcy lub odbiorcy", "ja": "送金元または送金先のアドレス", "ko": "보낸 주소 또는 받는 주소", "th": "ที่อยู่ผู้ส่งหรือผู้รับ",
		}},
		{Key: "memo", Kind: Memo, Label: "Memo / tag", Surfaces: both, Position: 50, Labels: map[string]string{
			"en": "Memo / tag (if any)", "zh": "备注 / 标签（如有）", "es": "Memo / etiqueta (si la hay)", "pt": "Memo / tag (se houver)",
			"ru": "Мемо / тег (если есть)", "tr": "Memo / etiket (varsa)", "vi": "Memo / tag (nếu có)", "fr": "Mémo / tag (le cas échéant)",
			"de": "Memo / Tag (falls vorhanden)", "it": "Memo / tag (se presente)", "id": "Memo / tag (jika ada)", "ar": "المذكرة / الوسم (إن وجد)",
			"uk": "Мемо / тег (якщо є)", "pl": "Memo / tag (jeśli jest)", "ja": "メモ / タグ（ある場合）", "ko": "메모 / 태그 (있는 경우)", "th": "เมโม / แท็ก (ถ้ามี)",
		}},
		{Key: "amount", Kind: Amount, Label: "Amount", Surfaces: both, Position: 60, Labels: map[string]string{
			"en": "Amount", "zh": "金额", "es": "Importe", "pt": "Valor", "ru": "Сумма", "tr": "Tutar", "vi": "Số lượng",
			"fr": "Montant", "de": "Betrag", "it": "Importo", "id": "Jumlah", "ar": "المبلغ", "uk": "Сума", "pl": "Kwota",
			"ja": "数量", "ko": "금액", "th": "จำนวน",
		}},
		{Key: "withdrawal_id", Kind: WithdrawalID, Label: "Withdrawal ID", Surfaces: both, Position: 70, Labels: map[string]string{
			"en": "Withdrawal ID (from your history)", "zh": "提现编号（见记录）", "es": "ID de retiro (de tu historial)", "pt": "ID do saque (do seu histórico)",
			"ru": "ID вывода (из истории)", "tr": "Çekim kimliği (geçmişinizden)", "vi": "Mã rút tiền (trong lịch sử)", "fr": "ID de retrait (dans votre historique)",
			"de": "Auszahlungs-ID (aus dem Verlauf)", "it": "ID prelievo (dalla cronologia)", "id": "ID penarikan (dari riwayat)", "ar": "معرّف السحب (من السجل)",
			"uk": "ID виведення (з історії)", "pl": "ID wypłaty (z historii)", "ja": "出金ID（履歴から）", "ko": "출금 ID (내역에서)", "th": "รหัสการถอน (จากประวัติ)",
		}},
	}
}
