H, R = "H", "R"
DROP_NOTES = ["request partial seed", "request photo seed", "request backup codes", "request seed form",
              "'キー' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "お手数ですが、12個の単語を音声メッセージで読み上げてお送りいただけますか。こちらで照合いたします。", "request: seed by voice"),
    (R, "パスワードに生年月日は含まれていますか。「はい」か「いいえ」だけで結構です。", "request: property of password"),
    (R, "最後の3単語だけお知らせください。残りはシステムに登録されております。", "request: last words of seed"),
    (R, "バックアップコードを控えた紙を撮影して、こちらに添付してください。", "request: photo of backup codes"),
    (H, "SNSで知り合った方から「必ず儲かる取引所があるから、ログイン情報を教えて代わりに運用させて」と言われた場合は、ロマンス詐欺・投資詐欺の可能性が高いです。", "romance/investment scam quoted"),
    (H, "当社の正規アプリはApp StoreとGoogle Playでのみ配布しております。SMSのリンクからアプリをインストールしないでください。", "fake app warning"),
    (H, "ハードウェアウォレットでは、リカバリーフレーズは初期設定時に端末の画面に一度だけ表示されます。付属のカードに書き写して保管してください。", "hardware wallet backup advice"),
]
