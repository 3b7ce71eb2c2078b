package recovery

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// teamSetting names the row of the settings table that holds the id of the
// team handling appeals. An appeal's ticket carries the TxID, the amount and
// the evidence, so only that team (and those who read every ticket) should
// see it.
const teamSetting = "recovery_team"

// Team is the id of the team whose members handle appeals; 0 when none is
// set, and then an appeal's ticket belongs to no team.
func (s *Service) Team(ctx context.Context) (int64, error) {
	raw, found, err := s.db.Setting(ctx, teamSetting)
	if err != nil || !found {
		return 0, err
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("recovery team: stored value %q: %w", raw, err)
	}
	return id, nil
}

// SetTeam names the team that handles appeals (0 clears it). New appeals'
// tickets go to it; tickets already opened keep their team.
func (s *Service) SetTeam(ctx context.Context, teamID int64) error {
	if teamID < 0 {
		return errs.Field("team_id", "no team %d", teamID)
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if teamID > 0 {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id = ?`, teamID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errs.Field("team_id", "no team %d", teamID)
			}
		}
		if err := tx.PutSetting(ctx, teamSetting, strconv.FormatInt(teamID, 10)); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.team_set", "settings", teamSetting, map[string]int64{"team_id": teamID})
	})
	if err != nil {
		return fmt.Errorf("set recovery team: %w", err)
	}
	return nil
}

// teamBody is the API's view of the setting; a team id of 0 means none.
type teamBody struct {
	TeamID int64 `json:"team_id"`
}

// HandleTeam: GET /api/v1/recovery/team
func (h *HTTP) HandleTeam(w http.ResponseWriter, r *http.Request) error {
	id, err := h.Service.Team(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, teamBody{TeamID: id})
}

// HandleSetTeam: PUT /api/v1/recovery/team
func (h *HTTP) HandleSetTeam(w http.ResponseWriter, r *http.Request) error {
	var b teamBody
	if _, err := web.Decode(r, maxBody, &b); err != nil {
		return err
	}
	if err := h.Service.SetTeam(r.Context(), b.TeamID); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, b)
}
