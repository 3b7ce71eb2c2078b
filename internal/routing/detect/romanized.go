package detect

import "strings"

// Chinese, Japanese, Korean and Arabic written in Latin letters: pinyin
// ("chongzhi hai mei daozhang"), romaji ("nyuukin ga hanei saremasen"),
// romanized Korean ("ipgeum an deureowasseoyo") and Arabizi ("el sa7b
// m3alla2"). Customers on a phone without their own keyboard write so.
// The trigram profiles know none of them, so the evidence is of two
// kinds: the frequent words of each, as customers spell them, and the
// shape of the syllables, which no other candidate shares: a message
// whose every word splits into pinyin syllables (or romaji morae, or
// Korean syllables with eo/eu) and has one that only that system writes
// is that language.

// romanizedLanguages are the candidates added to Latin text.
var romanizedLanguages = []string{"zh", "ja", "ko", "ar"}

// romanizedWords are frequent words of the romanized languages. Spellings
// that are frequent words of a Latin-script candidate ("de", "ma", "la",
// "an", "ya") are left out or listed under weakWords.
var romanizedWords = map[string]string{
	"zh": `wo ni ta women nimen le ne ba a meiyou mei shi bu zai hai dao zhang daozhang chongzhi tixian tibi zhanghu
zenme zenmeban shenme shihou weishenme kefu rengong zhuan bei dongjie jiedong qing qingwen xie xiexie qian yue yuer
jiaoyi heyue baocang mima wangji yanzhengma dizhi shoukuan fukuan maijia shenfen renzheng shiming kuai kuaidian yidian
gei zhe zhege nage nali nar dou yijing haimei keyi buneng neng xianshi chuli shenhe shibai chenggong tuikuan zhuanzhang
lianlu wangluo shouxufei shuoming fengkong denglu zhuce shouji haoma youxiang yanzheng guge mashang xianzai jintian
zuotian xiaoshi fenzhong duojiu buxing bukeyi buzhidao zhidao gaosu zhenren laji pianzi beipian qianbao zichan jilu
dingdan bizhong tidan daozhangle zenmehui wenti huifu yinhangka kadan daoqi jieguo tuihui chexiao quxiao dakuan zhifu
zhuanzhang shouxu nihao ninhao xiexie haode dengle dengdai jishi kuai ma`,
	"ja": `desu masu masen mashita deshita dekinai dekimasen shimasu shimashita kudasai sumimasen onegai onegaishimasu
arigatou arigato gozaimasu nyuukin nyukin shukkin shukin kouza koza hanei sareta saremasen saretemasen wasureta
pasuwaado pasuwado rokku tetsuzuki kakunin honnin zandaka kaijo furikomi souryou tesuuryou tesuryou mada desuka
dou doushite naze itsu dekiru dekinakute shiharai soukin sokin toiawase henkin kaiyaku mitai nandesuka nan
ninshou ninsho roguin kanryou kanryo chuumon chumon tsuuka tsuka haitte haittenai kiteinai todoite todokanai
shitai shite shiteimasu imasu arimasen nai desune yoroshiku tasukete tasukete`,
	"ko": `ipgeum chulgeum andwaeyo andoeyo dwaeyo doeyo haeyo hae juseyo jom eopseoyo isseoyo gyejeong bimilbeonho
deureowasseoyo deureowayo deureooji anayo annayo yeogi jeoneun jega naega hwanbul jeongji jamgyeosseoyo jamgeum
wae eotteoke eotteokhae eonje annyeonghaseyo gamsahamnida sangdamwon yeollak yeonlak ajik haejuseyo
dowajuseyo doum ingeung injeung sinbun bonin sudongeuro sugsuryo susuryo jeonsong songgeum jigap jigab
eodi eodie inneunde eomneunde geunde geuraeseo jinjja ppalli bballi hwagin hwakin`,
	"ar": `ana enta enti inta inti ento intu mn men msh mish mesh mush leh leeh lesh leish wein wen fein feen fen
flousi flous floos felous fulus ezay izay ezzay emta imta lissa lesa lsa habibi akhi khoya khouya yalla salam
salamo shokran shukran chokran mashi mochkil moshkila mushkila moshkela wach chno shno shu keda kda kida kede
aywa aiwa la2 ba2a b2a wla wala walla wallah walah wallahi inshallah yarab ya3ni y3ni tayeb tab kwayes mafi mafeesh
mafish mafesh mfish ma3lesh ma3lish bghit baghi dyali dyal dial 3lash 3lach kifach kifash wesh rani bzaf daba ghir
zaama kayn makaynch 3andi 3ndi andi aandi 3and sa7b sa7bi sa7by 7sab 7sabi 7sabi 7ad 7aga 3ayez 3awez 3ayza 3aiz
3amalt 3mlt 3amlt wasal wesel wasalni wasalli wasalna mawasalni wasalsh wslatch mawsalsh mawsalsh mazal mazel 3la 3al 3an ba3d fel fil lel lil
tele3 tal3 etsakar mtsakkar mtsakar m3alla2 m3aleq m3alaq e7na ne7na eh ehh ah2 sheklo kaman kamen hala2
hallaq halla2 ba3at b3at ba3atet nassab nasab 7aram 3ayz mesh hena henak tani tany 7elw zay`,
}

// pinyinSyllables are the syllables of Mandarin in pinyin without tones.
var pinyinSyllables = wordSet(`a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang
chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dian diao die ding diu dong dou
du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou
gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua
kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu lv
luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne
nei nen neng ni nian niang niao nie nin ning niu nong nou nu nv nuan nue nuo o ou pa pai pan pang pao pei pen peng
pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re
ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen
sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te
teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao
xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang
zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
zhun zhuo zi zong zou zu zuan zui zun zuo`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// splits reports whether w is a sequence of units of the set, each at
// most maxUnit bytes long (a small dynamic programme; words are short).
func splits(w string, units map[string]bool, maxUnit int) bool {
	if len(w) == 0 || len(w) > 40 {
		return false
	}
	var ok [41]bool
	ok[0] = true
	for i := 1; i <= len(w); i++ {
		for n := 1; n <= maxUnit && n <= i; n++ {
			if ok[i-n] && units[w[i-n:i]] {
				ok[i] = true
				break
			}
		}
	}
	return ok[len(w)]
}

// romajiMorae are the morae of Hepburn and kunrei romaji, with the
// syllabic n (geminates are undone before splitting).
var romajiMorae = func() map[string]bool {
	m := map[string]bool{"n": true}
	for _, v := range []string{"a", "i", "u", "e", "o"} {
		m[v] = true
		for _, c := range strings.Fields("k g s z t d n h b p m y r w f j ch sh ts ky gy ny hy by py my ry") {
			m[c+v] = true
		}
	}
	return m
}()

// koreanSyllables are romanized Hangul syllables (Revised Romanization,
// with the finals people also write as g, d and b).
var koreanSyllables = func() map[string]bool {
	m := map[string]bool{}
	initials := strings.Fields("- g kk n d tt r l m b pp s ss j jj ch k t p h")
	vowels := strings.Fields("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
	finals := strings.Fields("- k n t l m p ng g d b")
	for _, i := range initials {
		for _, v := range vowels {
			for _, f := range finals {
				m[strings.Trim(i, "-")+v+strings.Trim(f, "-")] = true
			}
		}
	}
	return m
}()

// maxKoreanSyllable is the longest of them ("ppyaeng").
const maxKoreanSyllable = 8

// shapes are the syllable systems and what only each writes: zh, a
// leading x or q, uo, iu, ui and ao in pinyin; tsu, shi, chi, a palatal
// (kyo, ryu) or a long vowel in romaji; eo and eu in Korean.
var shapes = []struct {
	lang    string
	units   map[string]bool
	maxUnit int
	marked  func(w string) bool
	weight  float64
}{
	{"zh", pinyinSyllables, 6, func(w string) bool {
		return strings.Contains(w, "zh") || w[0] == 'x' || w[0] == 'q' || containsAny(w, "uo", "iu", "ui", "ao")
	}, 2.5},
	{"ja", romajiMorae, 3, func(w string) bool {
		return containsAny(w, "tsu", "shi", "chi", "kyo", "kyu", "ryo", "ryu", "nyu", "sho", "shu", "jou", "ou", "uu", "ii", "masu", "desu")
	}, 2},
	{"ko", koreanSyllables, maxKoreanSyllable, func(w string) bool { return containsAny(w, "eo", "eu") }, 2.5},
}

func containsAny(w string, parts ...string) bool {
	for _, p := range parts {
		if strings.Contains(w, p) {
			return true
		}
	}
	return false
}

// geminates are romaji's doubled consonants, read as one for splitting.
var geminates = strings.NewReplacer("kk", "k", "tt", "t", "ss", "s", "pp", "p", "tch", "ch", "cch", "ch")

// addShapeScore adds, for each syllable system, its weight when every
// word of the message that is not English splits into its syllables and
// one of them is marked: "wo de zhanghu bei dongjie le", "sumimasen,
// account rokku sareta". One word that does not split ends the system's
// look, so Latin-language text costs a word or two each. A listed word
// also marks pinyin and romaji; Korean syllables fit too much French and
// Indonesian for anything but eo and eu to mark them.
func addShapeScore(scores map[string]float64, words []string) {
	for _, sh := range shapes {
		n, marked, listed := 0, false, false
		for _, w := range words {
			if isEnglish(w) {
				continue
			}
			listed = sh.lang != "ko" && romanizedWordWeights[w] == sh.lang
			if sh.lang == "ja" {
				w = geminates.Replace(w)
			}
			if !splits(w, sh.units, sh.maxUnit) {
				n = -1
				break
			}
			n++
			marked = marked || sh.marked(w) || listed
		}
		// One word alone counts only when it is listed ("sumimasen").
		if marked && (n >= 2 || n == 1 && listed) {
			scores[sh.lang] += sh.weight
		}
	}
}

// isEnglish: an English word mixed into the text, or a trade word.
func isEnglish(w string) bool {
	if loanwords[w] || productWords[w] {
		return true
	}
	for _, lw := range wordWeights[w] {
		if lw.lang == "en" {
			return true
		}
	}
	return false
}

// romanizedWordWeights maps a word to its romanized language.
var romanizedWordWeights = func() map[string]string {
	m := map[string]string{}
	for lang, list := range romanizedWords {
		for _, w := range strings.Fields(list) {
			if _, taken := wordWeights[w]; !taken {
				m[w] = lang
			}
		}
	}
	return m
}()

// addRomanizedScore adds a Latin word's evidence for zh, ja, ko and ar.
func addRomanizedScore(scores map[string]float64, w string) {
	if lang, ok := romanizedWordWeights[w]; ok {
		scores[lang] += 1.5
	}
	if isArabizi(w) {
		scores["ar"] += 2.5
	}
}

// arabiziDigits are the digits Arabizi writes for Arabic sounds Latin
// letters lack: 2 hamza, 3 ain, 5 kha, 6 ta, 7 ha, 8 qaf/gha, 9 sad/qaf.
const arabiziDigits = "2356789"

// isArabizi reports a word of Latin letters with Arabizi digits inside:
// "sa7b", "3andi", "m3alla2". Amounts and units ("24h", "3x", "2fa"),
// ordinals and hashes are no words: a digit stands alone, at least two
// letters, at most three digits, no 0, 1 or 4, no unit after a leading
// digit.
func isArabizi(w string) bool {
	letters, digits := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case strings.IndexByte(arabiziDigits, c) >= 0:
			if i > 0 && w[i-1] >= '0' && w[i-1] <= '9' {
				return false
			}
			digits++
		default:
			return false
		}
	}
	if digits == 0 || digits > 3 || letters < 2 || len(w) > 15 {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' && notArabizi[w[1:]] {
		return false
	}
	return !notArabizi[w]
}

// notArabizi are units, ordinals and trade words written with a digit.
var notArabizi = wordSet(`h hr hrs hour hours min mins m d day days x k am pm nd rd th st fa g gb mb kb s sec secs w wk
weeks week mo yr yrs p2p b2b b2c web3 h2o`)
