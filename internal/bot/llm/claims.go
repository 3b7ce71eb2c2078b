package llm

import (
	"regexp"
	"strings"
)

// The model takes no action, so an answer in which it says it did (or is
// about to) is false and is refused: "I have frozen your account" would
// leave a customer who fears a hack unprotected. Only first-person claims
// count; "deposits are credited after 12 confirmations" is a fact from a
// source. Actions come from the bot's flows, which report them themselves.
//
// Go's regexp has no Unicode \b, so a word start is (?:^|[^\p{L}]).
var actionClaimREs = []*regexp.Regexp{
	// English: "I have frozen", "we've just credited", "I reset", "I'll unlock".
	regexp.MustCompile(`(?i)\b(?:i|we)(?:['’]ve|\s+have|\s+has|\s+had)?(?:\s+(?:just|already|now|also|successfully|gone\s+ahead\s+and|been\s+able\s+to))*\s+(?:froze|frozen|unfroze|unfrozen|credited|re-?credited|reset|unlocked|unblocked|refunded|reversed|reverted|transferred|sent|cancell?ed|restored|recovered|released|approved|disabled|enabled|removed|deleted|closed|blocked|locked|processed|escalated|initiated|submitted|lifted|resolved|fixed|returned|withdrawn)\b`),
	regexp.MustCompile(`(?i)\b(?:i|we)(?:['’]ll|\s+will|['’]m\s+going\s+to|\s+am\s+going\s+to|['’]re\s+going\s+to|\s+are\s+going\s+to)(?:\s+(?:now|just|immediately))*\s+(?:freeze|unfreeze|credit|reset|unlock|unblock|refund|reverse|transfer|send\s+(?:you|the|your)|cancel|restore|recover|release|approve|disable|enable|remove|delete|close|block|lock|process|escalate|lift|return)\b`),
	// Russian: "я заморозил", "мы уже зачислили".
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:я|мы)\s+(?:\p{L}+\s+){0,3}(?:замороз|размороз|зачисл|сброс|разблокир|заблокир|верн|отмен|отправ|перев|восстанов|отключ|удал|одобр|выв|пополн)\p{L}*(?:л|ла|ли|ло|лся|лась|лись)(?:[^\p{L}]|$)`),
	// Spanish: "he congelado", "hemos acreditado", "ya congelé".
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:he|hemos)\s+(?:ya\s+)?(?:congelado|descongelado|acreditado|restablecido|reiniciado|desbloqueado|bloqueado|reembolsado|revertido|transferido|enviado|cancelado|restaurado|recuperado|desactivado|activado|aprobado|eliminado|cerrado|procesado)(?:[^\p{L}]|$)`),
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:congelé|descongelé|acredité|restablecí|desbloqueé|bloqueé|reembolsé|revertí|transferí|cancelé|restauré|recuperé|desactivé|aprobé|eliminé)(?:[^\p{L}]|$)`),
	// Portuguese: "congelei", "já creditamos", "acabei de desbloquear".
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:congelei|descongelei|creditei|redefini|desbloqueei|bloqueei|reembolsei|estornei|reverti|transferi|enviei|cancelei|restaurei|recuperei|desativei|aprovei|excluí)(?:[^\p{L}]|$)`),
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:acab(?:ei|amos)\s+de|já)\s+(?:congel|descongel|credit|redefin|desbloque|bloque|reembols|estorn|transfer|envi|cancel|restaur|recuper|desativ|aprov)\p{L}*`),
	// French: "j'ai gelé", "nous avons crédité".
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:j['’]ai|nous\s+avons)\s+(?:(?:bien|déjà|maintenant|immédiatement)\s+)*(?:gelé|dégelé|bloqué|débloqué|crédité|réinitialisé|remboursé|annulé|transféré|envoyé|restauré|récupéré|désactivé|activé|approuvé|supprimé|fermé|traité|rétabli)(?:[^\p{L}]|$)`),
	// German: "ich habe Ihr Konto eingefroren" (the participle ends the clause).
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:ich|wir)\s+(?:habe|haben)\s[^.!?\n]{0,60}?(?:eingefroren|aufgetaut|gutgeschrieben|zurückgesetzt|entsperrt|gesperrt|erstattet|zurückerstattet|rückgängig\s+gemacht|überwiesen|gesendet|geschickt|storniert|wiederhergestellt|deaktiviert|aktiviert|freigegeben|genehmigt|gelöscht|geschlossen)(?:[^\p{L}]|$)`),
	// Turkish: first-person past "dondurdum", "iade ettik".
	regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:dondurdu[mk]|çözdü[mk]|yatırdı[mk]|sıfırladı[mk]|kilidini\s+açtı[mk]|iade\s+etti[mk]|gönderdi[mk]|iptal\s+etti[mk]|aktardı[mk]|geri\s+aldı[mk]|geri\s+yükledi[mk]|devre\s+dışı\s+bıraktı[mk]|onayladı[mk]|engelledi[mk]|kapattı[mk])(?:[^\p{L}]|$)`),
	// Chinese: "我已为您冻结了账户", "我们已经退款".
	regexp.MustCompile(`我们?(?:已经|已|刚刚|刚|现在)[^。！？\n]{0,12}?(?:冻结|解冻|入账|到账|重置|解锁|解除|退款|退还|撤销|转账|转出|发送|取消|恢复|禁用|关闭|批准|处理)`),
	regexp.MustCompile(`我们?[^。！？\n]{0,12}?(?:冻结|解冻|入账|重置|解锁|解除|退款|退还|撤销|转账|转出|发送|取消|恢复|禁用|关闭|批准|处理)了`),
}

// negations cancel a claim found in the same span ("I have not reset it",
// "ich habe nichts storniert", "我没有冻结").
var negations = []string{" not ", "n't ", "never", "nicht", "nichts", "kein", " не ", "没", "未", "不", "无法"}

// findActionClaim returns the first first-person claim of an action in
// text, or "".
func findActionClaim(text string) string {
	for _, re := range actionClaimREs {
		for _, m := range re.FindAllString(text, -1) {
			if !negated(m) {
				return strings.TrimSpace(m)
			}
		}
	}
	return ""
}

func negated(span string) bool {
	s := " " + strings.ToLower(span) + " "
	for _, n := range negations {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}
