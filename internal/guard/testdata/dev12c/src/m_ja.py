H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "振込名義「12345678ヤマダタロウ」で確認できました。本日15時までに残高へ反映いたします。", "JPY transfer follow-up", ["振込名義をどのようにご入力されたか教えていただけますか。"]),
    (H, "先ほどのメッセージは記録から削除いたしました。ウォレットの外で単語を入力されたため、本日中に新しいウォレットを作成し、資産を移動してください。", "stop-mid-leak", ["リカバリーフレーズはこちらに書き込まないでください。"]),
    (H, "はい、カード読み取りの際に暗証番号を入力する画面が出ますので、そちらにご自身でご入力ください。当社には送信されません。", "My Number eKYC follow-up", ["マイナンバーカードでのスマホ認証をお試しいただけますか。"]),
    (H, "年間取引報告書のPDFで問題ございません。税理士の方にそのままお渡しください。", "tax report follow-up", ["年間取引報告書はダウンロードできましたか。"]),
    (H, "そのLINEアカウントは当社のものではございません。ブロックと通報をお願いいたします。", "LINE impersonation follow-up", ["連絡してきたLINEアカウントの表示名を教えていただけますか。"]),
    (H, "アプリのバージョンが古いため不具合が出ております。App Storeから最新版に更新してください。", "app version follow-up", ["アプリのバージョンを教えていただけますか。"]),
    (R, "カードの読み取りがうまくいかないようでしたら、暗証番号（4桁）をこちらでお預かりして手続きを進めます。", "request: card PIN after eKYC", ["マイナンバーカードでのスマホ認証をお試しいただけますか。"]),
    (R, "念のため、振込に使われたネットバンキングのログインパスワードもお知らせください。入金元の確認に使います。", "request: bank password", ["振込名義をどのようにご入力されたか教えていただけますか。"]),
    (H, 'TxIDをお願いします。', 'very short: TxID'),
    (H, '確認します。', 'very short ack', ['出金IDをお知らせください。']),
]
