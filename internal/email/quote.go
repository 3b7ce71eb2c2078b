package email

import (
	"regexp"
	"strings"
)

// What a customer wrote in a reply is the top of the mail: below it mail
// clients quote the thread ("On Mon, Ana wrote:" and "> " lines, Outlook's
// "-----Original Message-----" or "From: … Sent: …" block) and add a
// signature ("-- ", "Sent from my iPhone"). Visible keeps what is above the
// first of those; the full mail stays in email_messages.

// quoteHeader matches the line (or two joined lines) a client writes above
// the quoted mail, in the languages customers write in.
var quoteHeader = regexp.MustCompile(`(?i)(wrote|schrieb|a écrit|escribió|escreveu|написал\(?а?\)?|написав|пишет|ha scritto|schreef|napisał\(?a?\)?|yazdı|đã viết|menulis|写道|寫道|のメッセージ|님이 작성|كتب)\s*[:：]\s*$`)

// quoteMarkerThenColon is a header where the name follows the verb
// ("Am 02.03.2026 um 10:00 schrieb Ana <a@x.com>:").
var quoteMarkerThenColon = regexp.MustCompile(`(?i)(wrote|schrieb|a écrit|escribió|escreveu|написал|ha scritto|schreef|napisał)\s.*[:：]\s*$`)

// outlookHeader is the first line of a quoted mail's header block in
// Outlook and similar clients.
var outlookHeader = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(original message|forwarded message|исходное сообщение|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original)\s*-{2,}|_{10,})\s*$`)

var headerBlock = regexp.MustCompile(`(?i)^\s*\*?(from|von|de|от|da|van|od|kimden|từ)\s*:\*?\s+\S`)

var sentLine = regexp.MustCompile(`(?i)^\s*\*?(sent|date|gesendet|envoyé|enviado|отправлено|inviato|verzonden|wysłano|gönderildi)\s*:`)

// signatureLine starts a signature: the "-- " delimiter (RFC 3676) or a
// mobile client's line.
var signatureLine = regexp.MustCompile(`(?i)^(-- ?|sent from my \w+.*|get outlook for \w+.*|отправлено с iphone.*|von meinem \w+ gesendet.*|enviado desde mi \w+.*|envoyé de mon \w+.*)$`)

// Visible is the part of a mail's text the customer wrote for this mail:
// quoted history and the signature cut off. A mail that is all quote keeps
// its text whole, so that nothing sent is shown as empty.
func Visible(text string) string {
	lines := strings.Split(text, "\n")
	end := len(lines)
	for i := 0; i < end; i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		switch {
		case strings.HasPrefix(strings.TrimLeft(line, " "), ">"):
			end = i
		case outlookHeader.MatchString(line):
			end = i
		case signatureLine.MatchString(line):
			end = i
		case quoteHeader.MatchString(line) || quoteStart.MatchString(line) && quoteMarkerThenColon.MatchString(line):
			end = i
			// "On Mon, 3 Mar 2026 at 10:02, Ana <ana@example.com>" may be
			// cut over two lines before "wrote:".
			if i > 0 && quoteHeaderStart(lines[i-1]) {
				end = i - 1
			}
		case headerBlock.MatchString(line) && i+1 < len(lines) && (sentLine.MatchString(lines[i+1]) || i+2 < len(lines) && sentLine.MatchString(lines[i+2])):
			end = i
		}
	}
	kept := strings.TrimSpace(strings.Join(lines[:end], "\n"))
	if kept == "" {
		return strings.TrimSpace(text)
	}
	return collapseBlankLines(kept)
}

var quoteStart = regexp.MustCompile(`(?i)^\s*(on|am|le|el|em|в|il|op|w|dne|vào|pada)\s.*\d`)

func quoteHeaderStart(line string) bool {
	return quoteStart.MatchString(line) && !strings.HasSuffix(strings.TrimSpace(line), ".")
}

// collapseBlankLines keeps at most one empty line in a row.
func collapseBlankLines(s string) string {
	var b strings.Builder
	blank := 0
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			if blank++; blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}
