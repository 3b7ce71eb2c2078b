package metrics

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Settings are the admin's choices for surveys and figures.
type Settings struct {
	CSATEnabled    bool `json:"csat_enabled"`
	NPSEnabled     bool `json:"nps_enabled"`
	NPSEveryDays   int  `json:"nps_every_days"`   // a customer is asked for NPS at most this often
	FCRWindowHours int  `json:"fcr_window_hours"` // a solve reopened within it is not first-contact resolution
	SpikeFactor    int  `json:"spike_factor"`     // an hour this many times the usual volume is a spike
	SpikeMin       int  `json:"spike_min"`        // and has at least this many contacts
}

func (st Settings) validate() error {
	switch {
	case st.NPSEveryDays < 1 || st.NPSEveryDays > 3650:
		return errs.Field("nps_every_days", "nps_every_days must be 1 to 3650")
	case st.FCRWindowHours < 1 || st.FCRWindowHours > 24*90:
		return errs.Field("fcr_window_hours", "fcr_window_hours must be 1 to 2160 (90 days)")
	case st.SpikeFactor < 2 || st.SpikeFactor > 100:
		return errs.Field("spike_factor", "spike_factor must be 2 to 100")
	case st.SpikeMin < 1 || st.SpikeMin > 100000:
		return errs.Field("spike_min", "spike_min must be 1 to 100000")
	}
	return nil
}

const settingsQuery = `SELECT csat_enabled, nps_enabled, nps_every_days, fcr_window_hours, spike_factor, spike_min FROM metric_settings WHERE id = 1`

func (st *Settings) fields() []any {
	return []any{&st.CSATEnabled, &st.NPSEnabled, &st.NPSEveryDays, &st.FCRWindowHours, &st.SpikeFactor, &st.SpikeMin}
}

// Settings reads the admin's settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	var st Settings
	if err := s.db.QueryRow(ctx, settingsQuery).Scan(st.fields()...); err != nil {
		return st, fmt.Errorf("metrics: read settings: %w", err)
	}
	return st, nil
}

func (s *Service) settingsTx(ctx context.Context, tx *store.Tx) (Settings, error) {
	var st Settings
	if err := tx.QueryRow(ctx, settingsQuery).Scan(st.fields()...); err != nil {
		return st, fmt.Errorf("metrics: read settings: %w", err)
	}
	return st, nil
}

// SaveSettings checks and stores the admin's settings.
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.validate(); err != nil {
		return err
	}
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	_, err := s.db.Exec(ctx, `UPDATE metric_settings SET csat_enabled = ?, nps_enabled = ?, nps_every_days = ?, fcr_window_hours = ?,
		spike_factor = ?, spike_min = ?, updated_at = ? WHERE id = 1`,
		b(st.CSATEnabled), b(st.NPSEnabled), st.NPSEveryDays, st.FCRWindowHours, st.SpikeFactor, st.SpikeMin, s.db.Now())
	if err != nil {
		return fmt.Errorf("metrics: save settings: %w", err)
	}
	return nil
}
