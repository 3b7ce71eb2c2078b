package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Team is a group of agents, usually for one product area and language.
type Team struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ProductArea string    `json:"product_area"`
	Language    string    `json:"language"`
	Members     []int64   `json:"members"`
	CreatedAt   time.Time `json:"created_at"`
}

// NewTeam is what creating a team takes.
type NewTeam struct {
	Name        string `json:"name"`
	ProductArea string `json:"product_area"`
	Language    string `json:"language"`
}

// CreateTeam adds a team.
func (s *Service) CreateTeam(ctx context.Context, in NewTeam) (Team, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 100 {
		return Team{}, errs.Field("name", "name is required (at most 100 characters)")
	}
	if len(in.ProductArea) > 50 || len(in.Language) > 10 {
		return Team{}, errs.E(errs.Invalid, "product_area or language is too long")
	}
	var id int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM teams WHERE name = ?`, in.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.Field("name", "a team named %q exists already", in.Name)
		}
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO teams (name, product_area, language, created_at) VALUES (?, ?, ?, ?)`,
			in.Name, in.ProductArea, in.Language, tx.Now())
		if err != nil {
			return err
		}
		if err := TeamCreated.Emit(ctx, tx, TeamCreatedEvent{TeamID: id}); err != nil {
			return err
		}
		return s.audit.Record(ctx, "team.created", "team", fmt.Sprint(id), in)
	})
	if err != nil {
		return Team{}, fmt.Errorf("create team: %w", err)
	}
	return s.Team(ctx, id)
}

// Team returns one team with its members.
func (s *Service) Team(ctx context.Context, id int64) (Team, error) {
	teams, err := s.teams(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Team{}, err
	}
	if len(teams) == 0 {
		return Team{}, errs.E(errs.NotFound, "no team %d", id)
	}
	return teams[0], nil
}

// Teams lists all teams.
func (s *Service) Teams(ctx context.Context) ([]Team, error) { return s.teams(ctx, ``) }

func (s *Service) teams(ctx context.Context, where string, args ...any) ([]Team, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, product_area, language, created_at FROM teams `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	defer rows.Close()
	out := []Team{}
	for rows.Next() {
		var t Team
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &t.ProductArea, &t.Language, &created); err != nil {
			return nil, fmt.Errorf("list teams: %w", err)
		}
		t.CreatedAt = store.Time(created)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	for i := range out {
		if out[i].Members, err = s.teamMembers(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) teamMembers(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT agent_id FROM team_members WHERE team_id = ? ORDER BY agent_id`, id)
	if err != nil {
		return nil, fmt.Errorf("team %d members: %w", id, err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
