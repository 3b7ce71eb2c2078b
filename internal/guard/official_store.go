package guard

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

const channelColumns = `id, kind, value, normalized, label, active, created_at`

func scanChannel(row interface{ Scan(...any) error }) (Channel, error) {
	var c Channel
	var active int
	var created int64
	err := row.Scan(&c.ID, &c.Kind, &c.Value, &c.normalized, &c.Label, &active, &created)
	c.Active, c.CreatedAt = active == 1, store.Time(created)
	return c, err
}

// Channels lists the registry, oldest first.
func (o *Official) Channels(ctx context.Context) ([]Channel, error) {
	return o.channels(ctx, ``)
}

func (o *Official) activeChannels(ctx context.Context) ([]Channel, error) {
	return o.channels(ctx, `WHERE active = 1`)
}

func (o *Official) channels(ctx context.Context, where string) ([]Channel, error) {
	rows, err := o.db.Query(ctx, `SELECT `+channelColumns+` FROM official_channels `+where+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("official channels: %w", err)
	}
	defer rows.Close()
	out := []Channel{}
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, fmt.Errorf("official channels: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("official channels: %w", err)
	}
	return out, nil
}

// AddChannel adds a channel to the registry and audits it. The same
// channel twice (after normalising: case, "@", punycode, phone
// punctuation) is a conflict.
func (o *Official) AddChannel(ctx context.Context, in NewChannel) (Channel, error) {
	in.Kind = strings.TrimSpace(in.Kind)
	if !slices.Contains(ChannelKinds, in.Kind) {
		return Channel{}, errs.Field("kind", "kind must be one of %s", strings.Join(ChannelKinds, ", "))
	}
	normalized, display, err := normalizeChannel(in.Kind, in.Value)
	if err != nil {
		return Channel{}, err
	}
	label := strings.TrimSpace(in.Label)
	if len(label) > MaxChannelLabel {
		return Channel{}, errs.Field("label", "label is at most %d bytes", MaxChannelLabel)
	}
	if label == "" {
		label = defaultLabels[in.Kind]
	}
	active := in.Active == nil || *in.Active
	var id int64
	err = o.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM official_channels WHERE kind = ? AND normalized = ?`, in.Kind, normalized).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &errs.Error{Kind: errs.Conflict, Field: "value", Msg: fmt.Sprintf("%s is listed already", display)}
		}
		id, err = tx.InsertID(ctx, `INSERT INTO official_channels (kind, value, normalized, label, active, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			in.Kind, display, normalized, label, officialFlag(active), tx.Now())
		if err != nil {
			return err
		}
		detail := map[string]any{"kind": in.Kind, "value": display, "label": label, "active": active}
		if err := OfficialChannelAdded.Emit(ctx, tx, OfficialChannelEvent{ChannelID: id, Kind: in.Kind}); err != nil {
			return err
		}
		return o.audit.Record(ctx, "official_channel.added", "official_channel", fmt.Sprint(id), detail)
	})
	if err != nil {
		return Channel{}, fmt.Errorf("add official channel: %w", err)
	}
	return o.channel(ctx, id)
}

func (o *Official) channel(ctx context.Context, id int64) (Channel, error) {
	cs, err := o.channels(ctx, fmt.Sprintf(`WHERE id = %d`, id))
	if err != nil {
		return Channel{}, err
	}
	if len(cs) == 0 {
		return Channel{}, errs.E(errs.NotFound, "no official channel %d", id)
	}
	return cs[0], nil
}

// RemoveChannel takes a channel out of the registry; the audit record
// keeps what it was.
func (o *Official) RemoveChannel(ctx context.Context, id int64) error {
	err := o.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		c, err := scanChannel(tx.QueryRow(ctx, `SELECT `+channelColumns+` FROM official_channels WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no official channel %d", id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM official_channels WHERE id = ?`, id); err != nil {
			return err
		}
		if err := OfficialChannelRemoved.Emit(ctx, tx, OfficialChannelEvent{ChannelID: id, Kind: c.Kind}); err != nil {
			return err
		}
		return o.audit.Record(ctx, "official_channel.removed", "official_channel", fmt.Sprint(id), map[string]any{"kind": c.Kind, "value": c.Value, "label": c.Label})
	})
	if err != nil && !errs.Is(err, errs.NotFound) {
		return fmt.Errorf("remove official channel %d: %w", id, err)
	}
	return err
}

func officialFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}
