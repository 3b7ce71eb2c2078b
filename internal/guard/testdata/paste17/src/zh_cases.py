from common import P, C
PASTES = [
P(12, ["备份助记词\n请按顺序抄写助记词，确保备份正确。\n{1} {2} {3} {4}\n{5} {6} {7} {8}\n{9} {10} {11} {12}\n已完成备份\n不要截图", "imToken里面就是这个，为什么资产没了"], "imToken backup screen with its labels, Chinese list", wordlist_hint="chinese_simplified"),
P(12, ["我的助记词是{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}{11}{12}，请帮我找回钱包"], "Chinese-list hanzi typed without separators", wordlist_hint="chinese_simplified"),
P(12, ["[聊天记录]\n张伟 12-03 21:14\n{1} {2} {3} {4} {5} {6}\n张伟 12-03 21:15\n{7} {8} {9} {10} {11} {12}\n以上是我老公发给我的", "WeChat merged-forward chat record header"], "WeChat 合并转发 with names and times", wordlist_hint="chinese_simplified"),
P(12, ["语音输入的，可能有错字：{1}{2}{3~}{4}{5}{6}{7}{8~}{9}{10}{11}{12}"], "iFlytek voice input, two homophone hanzi", wordlist_hint="chinese_simplified"),
P(12, ["ni hao, wo de zhu ji ci shi: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} qing bang wo hui fu qian bao, xie xie"], "pinyin framing typed without hanzi input, English list"),
P(12, ["<div>客服你好：</div><div>1、{1}</div><div>2、{2}</div><div>3、{3}</div><div>4、{4}</div><div>5、{5}</div><div>6、{6}</div><div>7、{7}</div><div>8、{8}</div><div>9、{9}</div><div>10、{10}</div><div>11、{11}</div><div>12、{12}</div><div><br></div><div>发自我的iPhone</div>"], "QQ Mail iPhone HTML with 1、", html=True),
P(18, ["您好<br>钱包助记词如下：<br>{1}&nbsp;{2}&nbsp;{3}&nbsp;{4}&nbsp;{5}&nbsp;{6}<br>{7}&nbsp;{8}&nbsp;{9}&nbsp;{10}&nbsp;{11}&nbsp;{12}<br>{13}&nbsp;{14}&nbsp;{15}&nbsp;{16}&nbsp;{17}&nbsp;{18}<br><br>——来自网易邮箱大师"], "163 Mail master app HTML, 18 words", html=True),
P(12, ["[LINE] 與 阿明 的聊天記錄\n2026/12/04（五）\n22:01\t阿明\t{1} {2} {3} {4} {5} {6}\n22:02\t阿明\t{7} {8} {9} {10} {11} {12}", "這是我弟的錢包，他叫我問你們"], "Taiwan LINE chat export, Traditional Chinese list", wordlist_hint="chinese_traditional"),
P(12, ["助记词：{1}，{2}，{3}，{4}，{5}，{6}，{7}，{8}，{9}，{10}，{11}，{12}\n地址：0x7aB3c91D0e5F2a4b8C6d1E9f3A7b5C2d4E8f0a16"], "OKX Web3 export with full-width commas and the address"),
P(12, ["提现一直没到账"], "phrase in the 备注 custom field next to UID and phone", fields={"custom_fields": {"UID": "88123907", "手机号": "138 0013 8000", "备注": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}}),
P(24, ["１．{1} ２．{2} ３．{3} ４．{4} ５．{5} ６．{6} ７．{7} ８．{8} ９．{9} １０．{10} １１．{11} １２．{12} １３．{13} １４．{14} １５．{15} １６．{16} １７．{17} １８．{18} １９．{19} ２０．{20} ２１．{21} ２２．{22} ２３．{23} ２４．{24}"], "full-width digits, 24 words"),
P(12, ["唔該幫手睇下，我個wallet啲字係 {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}，好急呀"], "Hong Kong Cantonese framing"),
]
CLEAN = [
C(["你好，我的助记词写在纸上放在家里，我不会发给任何人。请问为什么提币一直显示审核中？订单号 20261204-88213"], "keeps words safe", ),
C(["我今天做了这些：一、打开应用 二、选择币种 三、输入地址 四、输入金额 五、确认 六、等待 七、查看记录 八、刷新 九、重启手机 十、重新登录 十一、再试 十二、还是不行"], "12 numbered steps in hanzi"),
C(["请把这个给我的会计看：xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5 谢谢"], "xpub for accountant"),
C(["今天天气很好，我们一起去公园散步，然后去市场买水果和青菜，晚上回家做饭。"], "everyday sentence dense in list hanzi"),
C(["TRC20 转账 TxID: 9f2c1a7e5b3d8f0a6c4e2b1d9f7a5c3e1b8d6f4a2c0e9b7d5f3a1c8e6b4d2f0a1 地址 TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE 金额 1,250 USDT"], "public TRON data"),
C(["請問一下，我的十二個字抄在本子上，安全嗎？我不會傳給你們，只想知道怎麼開啟雙重驗證。"], "Traditional Chinese, keeps words, asks about 2FA"),
]
PASTES += [
P(18, ["钱包导出的18个词：{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18}"], "18 words, Chinese list", wordlist_hint="chinese_simplified"),
]
