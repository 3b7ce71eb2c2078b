package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
)

// verifyBatch is how many entries Verify holds in memory at a time.
const verifyBatch = 500

// Report is the outcome of Verify.
type Report struct {
	OK      bool  `json:"ok"`
	Checked int64 `json:"checked"` // entries found intact before the first problem
	// FirstBad is the first seq the chain cannot vouch for: a changed entry,
	// a missing one, or one that should not be there.
	FirstBad int64  `json:"first_bad,omitempty"`
	Problem  string `json:"problem,omitempty"`
}

// Verify walks the whole chain in seq order and reports the first place
// where it is broken: a gap in seq (which starts at 1), a prev_hash that
// does not link, a hash that does not match its entry, or an audit_head
// that does not name the last entry. Writers may keep appending meanwhile.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	var rep Report
	var last Entry                 // the last entry found intact; Seq 0 and Hash "" before the first
	cursor := int64(math.MinInt64) // so that a forged seq of 0 or below is seen too
	var ahead int64                // a head seq seen past the walk, which the next walk must reach
	for {
		ok, err := l.walk(ctx, &rep, &last, &cursor)
		if err != nil {
			return Report{}, fmt.Errorf("verify audit: %w", err)
		}
		if !ok {
			return rep, nil
		}
		if last.Seq < ahead {
			return fail(rep, last.Seq+1, fmt.Sprintf("audit_head is at seq %d but the log ends at seq %d", ahead, last.Seq)), nil
		}
		var headSeq int64
		var headHash string
		err = l.db.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
		if errors.Is(err, sql.ErrNoRows) {
			return fail(rep, last.Seq+1, "audit_head is missing"), nil
		}
		if err != nil {
			return Report{}, fmt.Errorf("verify audit: read head: %w", err)
		}
		switch {
		case headSeq > last.Seq:
			// Perhaps appended after the walk ended: walk on before judging,
			// since the head and its entry commit together.
			ahead = headSeq
			continue
		case headSeq < last.Seq:
			good := max(headSeq, 0)
			rep.Checked = good
			return fail(rep, good+1, fmt.Sprintf("entry %d is past audit_head (seq %d)", good+1, headSeq)), nil
		case headHash != last.Hash:
			// Either the head or the last entry was rewritten; blame the entry.
			bad := max(last.Seq, 1)
			rep.Checked = bad - 1
			return fail(rep, bad, fmt.Sprintf("audit_head's hash does not match entry %d", last.Seq)), nil
		}
		rep.OK = true
		return rep, nil
	}
}

func fail(rep Report, firstBad int64, problem string) Report {
	rep.OK, rep.FirstBad, rep.Problem = false, firstBad, problem
	return rep
}

// walk checks the entries after *cursor in seq order until there are no
// more, advancing *last and *cursor. It returns false, with rep filled in,
// at the first broken link.
func (l *Log) walk(ctx context.Context, rep *Report, last *Entry, cursor *int64) (bool, error) {
	for {
		batch, err := l.batchAfter(ctx, *cursor)
		if err != nil {
			return false, err
		}
		if len(batch) == 0 {
			return true, nil
		}
		for _, e := range batch {
			if problem := checkLink(e, *last); problem != "" {
				*rep = fail(*rep, last.Seq+1, problem)
				return false, nil
			}
			rep.Checked++
			*last = e
		}
		*cursor = last.Seq
	}
}

// checkLink says what is wrong with e as the successor of prev, or "".
func checkLink(e, prev Entry) string {
	want := prev.Seq + 1
	switch {
	case e.Seq > want:
		return fmt.Sprintf("entry %d is missing (the next entry is %d)", want, e.Seq)
	case e.Seq != want:
		return fmt.Sprintf("found seq %d where entry %d should be", e.Seq, want)
	case e.PrevHash != prev.Hash && want == 1:
		return "entry 1 has a prev_hash; the chain must start empty"
	case e.PrevHash != prev.Hash:
		return fmt.Sprintf("entry %d's prev_hash does not match entry %d's hash", e.Seq, prev.Seq)
	case chainHash(e) != e.Hash:
		return fmt.Sprintf("entry %d's contents do not match its hash", e.Seq)
	}
	return ""
}

func (l *Log) batchAfter(ctx context.Context, cursor int64) ([]Entry, error) {
	rows, err := l.db.Query(ctx, `SELECT `+entryColumns+` FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, cursor, verifyBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	batch := make([]Entry, 0, verifyBatch)
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		batch = append(batch, e)
	}
	return batch, rows.Err()
}
