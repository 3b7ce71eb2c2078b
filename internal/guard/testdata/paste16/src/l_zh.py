P = [
 dict(words=12, wordlist_hint="chinese_simplified", messages=["在吗", "imToken钱包打不开了", "备份助记词 请按顺序抄写：", "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "帮我看看资产还在不在"], note="imToken 中文助记词备份页，空格分隔"),
 dict(words=12, wordlist_hint="chinese_simplified", messages=["TP钱包导出的：{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}{11}{12} 为什么转账一直失败"], note="12 个汉字连写无空格，夹在句子里"),
 dict(words=12, wordlist_hint="chinese_simplified", messages=["微信提取的文字：\n1\n{1}\n{4}\n{7}\n{10}\n2\n{2}\n{5}\n{8}\n{11}\n3\n{3}\n{6}\n{9}\n{12}"], note="微信截图 OCR 按列读出 3×4 格子"),
 dict(words=12, html=True, messages=['<div>客服你好，</div><div>我的助记词：</div><div>{1}&nbsp;{2}&nbsp;{3}&nbsp;{4}</div><div>{5}&nbsp;{6}&nbsp;{7}&nbsp;{8}</div><div>{9}&nbsp;{10}&nbsp;{11}&nbsp;{12}</div><div><br></div><div id="original-content">发自我的iPhone</div>'], note="QQ邮箱 iPhone HTML，英文词"),
 dict(words=12, messages=["已按要求提供：{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\n在 2026-12-08 14:20:11，\"币安安全中心\" <security@binance-verify-cn.top> 写道：\n> 尊敬的用户，您的账户存在风险，请回复助记词完成验证。"], note="163 邮箱回复引用钓鱼邮件"),
 dict(words=12, wordlist_hint="chinese_traditional", messages=["您好，我的注記詞如下：\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}\n麻煩盡快幫我處理，謝謝"], note="台湾用户繁体助记词"),
 dict(words=12, messages=["唔該快啲幫我睇下", "seed 係 {1} {2} {3} {4} {5} {6}", "仲有 {7} {8} {9} {10} {11} {12}", "OK 未？"], note="香港粤语聊天，两半"),
 dict(words=12, messages=["小米便签导出\n钱包备份\n2026年11月30日 21:47\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="小米便签导出"),
 dict(words=12, wordlist_hint="chinese_simplified", messages=["{1}{2}", "等一下", "{3}{4}{5}", "地铁没信号了", "{6}", "{7}{8}", "{9}", "{10}{11}", "最后一个是", "{12}", "好了"], note="分多条发，中间聊天"),
 dict(words=12, subject="助记词 {1} {2} {3}", fields=dict(name="{4}"), messages=["{5} {6} {7} {8} {9} {10} {11} {12} 钱包余额显示为0"], note="主题三个词，姓名栏一个"),
 dict(words=24, messages=["我的TRC20地址 TXk8rQSdvN7H9jF2vAqY1cM5tBpR3wLzUe", "Bitpie 显示：\n1.{1} 2.{2} 3.{3} 4.{4} 5.{5} 6.{6}\n7.{7} 8.{8} 9.{9} 10.{10} 11.{11} 12.{12}\n13.{13} 14.{14} 15.{15} 16.{16} 17.{17} 18.{18}\n19.{19} 20.{20} 21.{21} 22.{22} 23.{23} 24.{24}"], note="比特派 24 词混地址"),
 dict(words=12, wordlist_hint="chinese_simplified", fields=dict(custom_fields={"UID": "83920174", "备注": "{1}、{2}、{3}、{4}、{5}、{6}、{7}、{8}、{9}、{10}、{11}、{12}"}), messages=["备注里是我的助记词，请帮忙找回"], note="自定义字段 顿号分隔"),
 dict(words=12, wordlist_hint="chinese_simplified", messages=["{1} {2} {3} {4} 粮 {6} {7} {8} {9} {10} {11} {12}", "不好意思 第5个是 {5} 不是 粮"], note="下一条更正第5个词"),
]
C = [
 dict(messages=["你好，我昨天提现到 TXk8rQSdvN7H9jF2vAqY1cM5tBpR3wLzUe，交易哈希 5d2c1a9e8f7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c，到现在还没到账。"], note="地址与哈希"),
 dict(messages=["我的助记词写在纸上放在家里保险柜，我不会发给任何人，你们也别问。我只想知道为什么提币一直在审核中"], note="不发助记词"),
 dict(messages=["今天天气很好，我们一起去公园散步，看到很多人在湖边钓鱼，孩子们在草地上放风筝，大家都很开心"], note="普通汉字句子，很多是中文词表字"),
 dict(messages=["操作步骤：\n1、打开APP\n2、点资产\n3、选USDT\n4、点提币\n5、粘贴地址\n6、选网络TRC20\n7、输入数量\n8、输入资金密码\n9、输入短信验证码\n10、提交\n11、显示处理中\n12、两天了还没到"], note="12 步骤"),
 dict(messages=["年货清单：大米、面粉、食用油、鸡蛋、猪肉、白菜、苹果、橙子、瓜子、糖果、春联、红包"], note="12 件年货"),
]
