package chain

import (
	"net/http"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// identifyBodyLimit: one pasted string fits many times over; anything
// larger is not a paste of an address.
const identifyBodyLimit = 4 << 10

// HandleIdentify serves POST /api/v1/chain/identify with {"text": "..."}.
func (r *Registry) HandleIdentify(w http.ResponseWriter, req *http.Request) error {
	var body struct {
		Text string `json:"text"`
	}
	if _, err := web.Decode(req, identifyBodyLimit, &body); err != nil {
		return err
	}
	if strings.TrimSpace(body.Text) == "" {
		return errs.Field("text", "text is required: paste an address, transaction ID or memo")
	}
	return web.JSON(w, http.StatusOK, r.Identify(body.Text))
}

// HandleNetworks serves GET /api/v1/chain/networks: the enabled networks
// with their formats, memo rules, confirmations and explorers.
func (r *Registry) HandleNetworks(w http.ResponseWriter, req *http.Request) error {
	return web.JSON(w, http.StatusOK, web.List[Network]{Items: r.Networks()})
}
