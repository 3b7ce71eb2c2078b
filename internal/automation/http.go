package automation

import (
	"encoding/json"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the automation API (settings.manage).
type HTTP struct {
	Service *Service
}

// HandleList: GET /api/v1/automation/rules.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	rules, err := h.Service.Rules(r.Context())
	if err != nil {
		return err
	}
	out := make([]Rule, len(rules))
	for i, rule := range rules {
		out[i] = Redacted(rule)
	}
	return web.JSON(w, http.StatusOK, map[string]any{"rules": out})
}

// HandleCreate: POST /api/v1/automation/rules.
func (h *HTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	rule, err := readRule(r)
	if err != nil {
		return err
	}
	rule.ID = 0
	saved, err := h.Service.Save(r.Context(), rule)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, Redacted(saved))
}

// HandleUpdate: PUT /api/v1/automation/rules/{id}.
func (h *HTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	rule, err := readRule(r)
	if err != nil {
		return err
	}
	rule.ID = id
	saved, err := h.Service.Save(r.Context(), rule)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, Redacted(saved))
}

// HandleDelete: DELETE /api/v1/automation/rules/{id}.
func (h *HTTP) HandleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// DryRunRequest is a rule (saved or not) and how many days back to look.
type DryRunRequest struct {
	Days int             `json:"days"`
	Rule json.RawMessage `json:"rule"`
}

// HandleDryRun: POST /api/v1/automation/dry-run.
func (h *HTTP) HandleDryRun(w http.ResponseWriter, r *http.Request) error {
	var req DryRunRequest
	if _, err := web.Decode(r, MaxDefinition+1024, &req); err != nil {
		return err
	}
	if len(req.Rule) == 0 {
		return errs.Field("rule", "rule is required")
	}
	rule, err := Parse(req.Rule)
	if err != nil {
		return err
	}
	rows, err := h.Service.DryRun(r.Context(), rule, req.Days)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"matches": rows})
}

func readRule(r *http.Request) (Rule, error) {
	body, err := web.ReadBody(r, MaxDefinition)
	if err != nil {
		return Rule{}, err
	}
	return Parse(body)
}
