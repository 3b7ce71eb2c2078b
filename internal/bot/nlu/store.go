package nlu

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Limits on what operators add.
const (
	MaxPhraseLen      = 300 // runes
	MaxDescriptionLen = 300 // runes
	maxCustomPhrases  = 20_000
)

// Store keeps the operators' intents and phrases and the intent counters.
type Store struct {
	DB *store.DB
}

// CustomIntent is an intent operators added.
type CustomIntent struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	CreatedBy   string `json:"created_by"`
	CreatedAt   int64  `json:"created_at"`
}

// StoredPhrase is a training phrase operators added.
type StoredPhrase struct {
	ID        int64  `json:"id"`
	Intent    string `json:"intent"`
	Lang      string `json:"lang"`
	Text      string `json:"text"`
	CreatedBy string `json:"created_by"`
	CreatedAt int64  `json:"created_at"`
}

// NewPhrase is the input of AddPhrase.
type NewPhrase struct {
	Intent string `json:"-"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
	Author string `json:"-"`
}

// IsBuiltin reports whether name is one of the built-in intents.
func IsBuiltin(name string) bool { return slices.Contains(DefaultIntents, name) }

// CustomIntents lists the intents operators added, by name.
func (s *Store) CustomIntents(ctx context.Context) ([]CustomIntent, error) {
	rows, err := s.DB.Query(ctx, `SELECT name, description, created_by, created_at FROM bot_intents ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("nlu intents: %w", err)
	}
	defer rows.Close()
	out := []CustomIntent{}
	for rows.Next() {
		var c CustomIntent
		if err := rows.Scan(&c.Name, &c.Description, &c.CreatedBy, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("nlu intents: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("nlu intents: %w", err)
	}
	return out, nil
}

// AddIntent adds an intent. It is trained once it has phrases.
func (s *Store) AddIntent(ctx context.Context, c CustomIntent) (CustomIntent, error) {
	c.Name = strings.TrimSpace(c.Name)
	c.Description = strings.TrimSpace(c.Description)
	if !ValidIntentName(c.Name) {
		return CustomIntent{}, errs.Field("name", "an intent's name is 2 to 40 lower-case letters, digits and underscores, starting with a letter")
	}
	if utf8.RuneCountInString(c.Description) > MaxDescriptionLen {
		return CustomIntent{}, errs.Field("description", "the description is longer than %d characters", MaxDescriptionLen)
	}
	if IsBuiltin(c.Name) {
		return CustomIntent{}, errs.E(errs.Conflict, "%q is a built-in intent", c.Name)
	}
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM bot_intents WHERE name = ?`, c.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Conflict, "the intent %q exists", c.Name)
		}
		c.CreatedAt = tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO bot_intents (name, description, created_by, created_at) VALUES (?, ?, ?, ?)`,
			c.Name, c.Description, c.CreatedBy, c.CreatedAt); err != nil {
			return err
		}
		return TrainingChangedTopic.Emit(ctx, tx, TrainingChanged{Intent: c.Name})
	})
	if err != nil {
		return CustomIntent{}, fmt.Errorf("nlu add intent: %w", err)
	}
	return c, nil
}

// RemoveIntent removes an added intent and its phrases.
func (s *Store) RemoveIntent(ctx context.Context, name string) error {
	if IsBuiltin(name) {
		return errs.E(errs.Conflict, "%q is a built-in intent and cannot be removed", name)
	}
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM bot_intents WHERE name = ?`, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errs.E(errs.NotFound, "no intent %q", name)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM bot_phrases WHERE intent = ?`, name); err != nil {
			return err
		}
		return TrainingChangedTopic.Emit(ctx, tx, TrainingChanged{Intent: name})
	})
	if err != nil {
		return fmt.Errorf("nlu remove intent: %w", err)
	}
	return nil
}

// intentExists reports whether name is built in or added.
func intentExists(ctx context.Context, tx *store.Tx, name string) (bool, error) {
	if IsBuiltin(name) {
		return true, nil
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM bot_intents WHERE name = ?`, name).Scan(&n)
	return n > 0, err
}

// AddPhrase adds a training phrase to an intent.
func (s *Store) AddPhrase(ctx context.Context, in NewPhrase) (StoredPhrase, error) {
	p := StoredPhrase{Intent: in.Intent, Lang: in.Lang, Text: strings.Join(strings.Fields(in.Text), " "), CreatedBy: in.Author}
	switch {
	case !slices.Contains(detect.Languages, p.Lang):
		return StoredPhrase{}, errs.Field("lang", "the language must be one of %s", strings.Join(detect.Languages, ", "))
	case p.Text == "":
		return StoredPhrase{}, errs.Field("text", "the phrase is empty")
	case utf8.RuneCountInString(p.Text) > MaxPhraseLen:
		return StoredPhrase{}, errs.Field("text", "the phrase is longer than %d characters", MaxPhraseLen)
	case !hasLetter(p.Text):
		return StoredPhrase{}, errs.Field("text", "the phrase has no words to learn from")
	}
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		ok, err := intentExists(ctx, tx, p.Intent)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.NotFound, "no intent %q", p.Intent)
		}
		var dup, total int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM bot_phrases WHERE intent = ? AND lang = ? AND text = ?`, p.Intent, p.Lang, p.Text).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return errs.E(errs.Conflict, "the intent already has this phrase")
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM bot_phrases`).Scan(&total); err != nil {
			return err
		}
		if total >= maxCustomPhrases {
			return errs.E(errs.Conflict, "there are %d added phrases already; remove some first", total)
		}
		p.CreatedAt = tx.Now()
		if p.ID, err = tx.InsertID(ctx, `INSERT INTO bot_phrases (intent, lang, text, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			p.Intent, p.Lang, p.Text, p.CreatedBy, p.CreatedAt); err != nil {
			return err
		}
		return TrainingChangedTopic.Emit(ctx, tx, TrainingChanged{Intent: p.Intent})
	})
	if err != nil {
		return StoredPhrase{}, fmt.Errorf("nlu add phrase: %w", err)
	}
	return p, nil
}

func hasLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return len(words(string(r))) > 0 })
}

// RemovePhrase removes an added phrase.
func (s *Store) RemovePhrase(ctx context.Context, id int64) error {
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var intent string
		if err := tx.QueryRow(ctx, `SELECT intent FROM bot_phrases WHERE id = ?`, id).Scan(&intent); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.E(errs.NotFound, "no phrase %d", id)
			}
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM bot_phrases WHERE id = ?`, id); err != nil {
			return err
		}
		return TrainingChangedTopic.Emit(ctx, tx, TrainingChanged{Intent: intent})
	})
	if err != nil {
		return fmt.Errorf("nlu remove phrase: %w", err)
	}
	return nil
}

// Phrases lists the added phrases, of one intent or ("") all.
func (s *Store) Phrases(ctx context.Context, intent string) ([]StoredPhrase, error) {
	q := `SELECT id, intent, lang, text, created_by, created_at FROM bot_phrases`
	var args []any
	if intent != "" {
		q += ` WHERE intent = ?`
		args = append(args, intent)
	}
	rows, err := s.DB.Query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("nlu phrases: %w", err)
	}
	defer rows.Close()
	out := []StoredPhrase{}
	for rows.Next() {
		var p StoredPhrase
		if err := rows.Scan(&p.ID, &p.Intent, &p.Lang, &p.Text, &p.CreatedBy, &p.CreatedAt); err != nil {
			return nil, fmt.Errorf("nlu phrases: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("nlu phrases: %w", err)
	}
	return out, nil
}

// AddCounts adds per-intent analysis counts for the day of at.
func (s *Store) AddCounts(ctx context.Context, at time.Time, counts map[string]int64) error {
	if len(counts) == 0 {
		return nil
	}
	day := at.UTC().Unix() / 86400
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for intent, n := range counts {
			if _, err := tx.Exec(ctx, `INSERT INTO bot_intent_counts (intent, day, fired) VALUES (?, ?, ?)
				ON CONFLICT (intent, day) DO UPDATE SET fired = bot_intent_counts.fired + excluded.fired`, intent, day, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("nlu add counts: %w", err)
	}
	return nil
}

// Fired returns how often each intent fired since the day of since.
func (s *Store) Fired(ctx context.Context, since time.Time) (map[string]int64, error) {
	rows, err := s.DB.Query(ctx, `SELECT intent, SUM(fired) FROM bot_intent_counts WHERE day >= ? GROUP BY intent`, since.UTC().Unix()/86400)
	if err != nil {
		return nil, fmt.Errorf("nlu fired: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var intent string
		var n int64
		if err := rows.Scan(&intent, &n); err != nil {
			return nil, fmt.Errorf("nlu fired: %w", err)
		}
		out[intent] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("nlu fired: %w", err)
	}
	return out, nil
}

func errNoIntent(name string) error { return errs.E(errs.NotFound, "no intent %q", name) }
