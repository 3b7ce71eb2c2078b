H, R = "H", "R"
DROP_NOTES = ["request: code via previous", "request: word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "您刚才那条消息我已经从工单里删除了，我们这边不会保存。因为助记词已经在钱包以外的地方输入过，建议今天就新建钱包，把币转过去。", "stop-mid-leak", ["请不要在这里发助记词，我们用不到。"]),
    (H, "BSC链的话，麻烦把哈希发我，我看一下我们的充值地址支不支持这条链。", "follow-up TxID", ["您提币的时候选的是哪条链？"]),
    (H, "看到了，“网格1号”这个API开了提币权限，建议关掉，量化交易用不到。", "API name follow-up", ["机器人现在用的还是“网格1号”那个API吗？"]),
    (H, "好的，就是这个邮箱。令尊账户的密码不需要提供，我们先冻结账户，后面按材料办理。", "inheritance follow-up", ["继承申请需要确认一下令尊账户注册用的邮箱是哪个。"]),
    (H, "好，登录页选“使用备用码”，把其中一个输进去就行。用过的那个划掉，每个只能用一次。", "backup code used by customer", ["开二次验证的时候，备用码您抄下来了吗？"]),
    (H, "收到截图，谢谢。这笔转到了代币合约地址，不是您的充值地址。我给您建了找回工单，编号RC-40982。", "after screenshot", ["麻烦截一下区块浏览器上这笔交易的页面。", "地址栏也要截进去哦。"]),
    (R, "好的，您现在打开谷歌验证器，顺便把显示的6位数念给我，我这边把白名单确认掉。", "request TOTP after whitelist", ["地址已经加到白名单了。", "最后还差一步确认。"]),
    (R, "旧手机卡还在的话，插上去，收到的验证码直接发我，我帮您把二次验证迁过来。", "request SMS on old SIM", ["手机被偷了确实很麻烦。", "旧的SIM卡还在吗？"]),
    (H, '哈希发我一下？', 'very short: TxID'),
    (H, '收到，马上查。', 'very short ack', ['麻烦把提币单号发过来。']),
]
