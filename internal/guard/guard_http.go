package guard

import (
	"net/http"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// maxScanBody limits the guard endpoints' request bodies.
const maxScanBody = 64 << 10

type scanRequest struct {
	Text string `json:"text"`
	// Lang, if set, asks for the customer warning in that language.
	Lang string `json:"lang,omitempty"`
}

type findingJSON struct {
	Kind       string `json:"kind"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Confidence string `json:"confidence"`
}

type scanResponse struct {
	Redacted string        `json:"redacted"`
	Kinds    []string      `json:"kinds"`
	Findings []findingJSON `json:"findings"`
	Warning  string        `json:"warning,omitempty"`
}

// HandleScan serves POST /api/v1/guard/scan: {"text": "..."} in, the
// redacted text, the kinds and the findings (offsets in bytes of the UTF-8
// text, never the secrets) out. With "lang", the customer warning in that
// language comes too.
func (d *Detector) HandleScan(w http.ResponseWriter, r *http.Request) error {
	var req scanRequest
	if _, err := web.Decode(r, maxScanBody, &req); err != nil {
		return err
	}
	if !utf8.ValidString(req.Text) {
		return errs.Field("text", "text must be valid UTF-8")
	}
	res := d.Scan(req.Text)
	out := scanResponse{Redacted: res.Redacted, Kinds: res.Kinds, Findings: make([]findingJSON, 0, len(res.Findings))}
	for _, f := range res.Findings {
		out.Findings = append(out.Findings, findingJSON(f))
	}
	if req.Lang != "" {
		out.Warning = Warning(req.Lang, res.Kinds)
	}
	return web.JSON(w, http.StatusOK, out)
}

type outboundRequest struct {
	Text           string    `json:"text"`
	AllowedDomains *[]string `json:"allowed_domains,omitempty"`
	// Previous are the writer's earlier messages on the ticket, oldest
	// first; the last MaxConversation count.
	Previous []string `json:"previous,omitempty"`
}

// maxPreviousItems bounds the previous array of a check-outbound request.
const maxPreviousItems = 50

type outboundResponse struct {
	Allowed    bool        `json:"allowed"`
	Violations []Violation `json:"violations"`
}

// HandleCheckOutbound serves POST /api/v1/guard/check-outbound: {"text":
// "...", "allowed_domains": [...], "previous": [...]} in, whether the
// message may go out and why not. Without allowed_domains the detector's
// own list applies (see WithAllowedDomains); previous, the same writer's
// earlier messages oldest first, lets the check see a phrase asked for a
// word at a time (see CheckOutboundConversation).
func (d *Detector) HandleCheckOutbound(w http.ResponseWriter, r *http.Request) error {
	var req outboundRequest
	if _, err := web.Decode(r, maxScanBody, &req); err != nil {
		return err
	}
	allowed := d.allowedDomains
	if req.AllowedDomains != nil {
		allowed = *req.AllowedDomains
		for i, a := range allowed {
			if a == "" || len(a) > 253 {
				return errs.Field("allowed_domains", "allowed_domains[%d] must be a domain name of 1 to 253 characters", i)
			}
		}
	}
	if len(req.Previous) > maxPreviousItems {
		return errs.Field("previous", "previous may hold at most %d messages", maxPreviousItems)
	}
	v := CheckOutboundConversation(req.Previous, req.Text, allowed)
	if v == nil {
		v = []Violation{}
	}
	return web.JSON(w, http.StatusOK, outboundResponse{Allowed: len(v) == 0, Violations: v})
}
