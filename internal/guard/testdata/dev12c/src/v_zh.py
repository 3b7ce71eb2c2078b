H, R = "H", "R"
DROP_NOTES = ["request: seed via form", "request: photo of seed", "request: backup codes", "request: screen share seed",
              "hardware wallet explanation quoting scam", "'关键' in passing", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (R, "您好，官方空投活动需要验证钱包归属，请把imToken里导出的私钥发到我们企业微信“官方客服-小林”，审核通过后24小时内到账。", "request: private key to WeChat, airdrop pretext"),
    (R, "不方便打字的话，发条语音把那12个单词按顺序读一遍也行。", "request: seed by voice message"),
    (R, "我确认一下：您的资金密码是不是生日那6位数？是的话回个“是”就行。", "request: property of password (yes/no)"),
    (R, "您在“备份钱包”那个页面截个图发我，我帮您核对一下有没有抄错。", "request: screenshot of backup page"),
    (H, "冷钱包的助记词只在设备屏幕上显示一次，抄在配套的卡片上就行，别用手机拍。", "hardware wallet backup advice"),
    (H, "您说的“U商”私聊让您先转USDT、他再付款，这种场外交易不受平台保护。请只在App里的C2C下单，资金有担保。", "OTC scam warning (U商)"),
    (H, "“帮您解冻，只需要在这个网页输入助记词验证一下”——谁这么说都是骗子，直接拉黑。我们解冻账户只走App里的申诉流程。", "quoted unfreeze scam"),
]
