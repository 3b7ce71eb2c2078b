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
	Checked int64 `json:"checked"` // entries found intact, in all chains, before the first problem
	// Chain is the first broken chain and FirstBad the first chain_seq in it
	// the log cannot vouch for: a changed entry, a missing one, or one that
	// should not be there.
	Chain    int    `json:"chain"`
	FirstBad int64  `json:"first_bad,omitempty"`
	Problem  string `json:"problem,omitempty"`
	// Checkpoint is where the chains ended (Checkpoint.String), to keep
	// outside the database and verify against later (VerifySince).
	Checkpoint string `json:"checkpoint,omitempty"`
}

// Verify walks every chain in chain_seq order and reports the first place
// where one is broken: a head row missing or one too many, an entry outside
// the chains, a gap in chain_seq (which starts at 1), a prev_hash that does
// not link, a hash that does not match its entry, a global seq that goes
// backwards along a chain, or a head that does not name its chain's last
// entry. Writers may keep appending meanwhile.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	rep, err := l.verifyHeads(ctx)
	if err != nil || !rep.OK {
		return rep, err
	}
	var ends Checkpoint
	for c := 0; c <= Chains; c++ {
		cr, err := l.verifyChain(ctx, c)
		if err != nil {
			return Report{}, fmt.Errorf("verify audit chain %d: %w", c, err)
		}
		rep.Checked += cr.Checked
		if !cr.OK {
			rep.OK, rep.Chain, rep.FirstBad, rep.Problem = false, c, cr.FirstBad, cr.Problem
			return rep, nil
		}
		if cr.End.Seq > 0 {
			ends = append(ends, cr.End)
		}
	}
	rep.Checkpoint = ends.String()
	return rep, nil
}

// verifyHeads checks that the set of chains is the fixed one: no head row
// and no entry outside 0..Chains. A missing head is found by verifyChain.
func (l *Log) verifyHeads(ctx context.Context) (Report, error) {
	var c int
	err := l.db.QueryRow(ctx, `SELECT chain FROM audit_chains WHERE chain < 0 OR chain > ? ORDER BY chain LIMIT 1`, Chains).Scan(&c)
	switch {
	case err == nil:
		return Report{Chain: c, FirstBad: 1, Problem: fmt.Sprintf("a head for chain %d, which does not exist", c)}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Report{}, fmt.Errorf("verify audit: read heads: %w", err)
	}
	var chainSeq int64
	err = l.db.QueryRow(ctx, `SELECT chain, chain_seq FROM audit_log WHERE chain < 0 OR chain > ? ORDER BY seq LIMIT 1`, Chains).Scan(&c, &chainSeq)
	switch {
	case err == nil:
		return Report{Chain: c, FirstBad: chainSeq, Problem: fmt.Sprintf("entries in chain %d, which does not exist", c)}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Report{}, fmt.Errorf("verify audit: %w", err)
	}
	return Report{OK: true}, nil
}

// chainReport is the outcome of one chain's walk: Checked entries intact,
// then, when not OK, the first chain_seq that is not.
type chainReport struct {
	OK       bool
	Checked  int64
	FirstBad int64
	Problem  string
	End      End // the last entry, when OK
}

func (r chainReport) fail(firstBad int64, problem string) chainReport {
	r.OK, r.FirstBad, r.Problem = false, firstBad, problem
	return r
}

// verifyChain walks chain c and compares its end with its head.
func (l *Log) verifyChain(ctx context.Context, c int) (chainReport, error) {
	var rep chainReport
	last := Entry{Chain: c}        // the last entry found intact; ChainSeq 0 and Hash "" before the first
	last.Seq = math.MinInt64       // so that the first entry's global seq always follows
	cursor := int64(math.MinInt64) // so that a forged chain_seq of 0 or below is seen too
	var ahead int64                // a head seq seen past the walk, which the next walk must reach
	for {
		ok, err := l.walk(ctx, c, &rep, &last, &cursor)
		if err != nil || !ok {
			return rep, err
		}
		if last.ChainSeq < ahead {
			return rep.fail(last.ChainSeq+1, fmt.Sprintf("chain %d's head is at %d but the chain ends at %d", c, ahead, last.ChainSeq)), nil
		}
		var headSeq int64
		var headHash string
		err = l.db.QueryRow(ctx, `SELECT seq, hash FROM audit_chains WHERE chain = ?`, c).Scan(&headSeq, &headHash)
		if errors.Is(err, sql.ErrNoRows) {
			return rep.fail(last.ChainSeq+1, fmt.Sprintf("the head of chain %d is missing", c)), nil
		}
		if err != nil {
			return rep, fmt.Errorf("read head: %w", err)
		}
		switch {
		case headSeq > last.ChainSeq:
			// Perhaps appended after the walk ended: walk on before judging,
			// since a head and its entry commit together.
			ahead = headSeq
			continue
		case headSeq < last.ChainSeq:
			good := max(headSeq, 0)
			rep.Checked = good
			return rep.fail(good+1, fmt.Sprintf("chain %d: entry %d is past the head (%d)", c, good+1, headSeq)), nil
		case headHash != last.Hash:
			// Either the head or the last entry was rewritten; blame the entry.
			bad := max(last.ChainSeq, 1)
			rep.Checked = bad - 1
			return rep.fail(bad, fmt.Sprintf("chain %d's head does not match entry %d's hash", c, last.ChainSeq)), nil
		}
		rep.OK, rep.End = true, End{Chain: c, Seq: last.ChainSeq, Hash: last.Hash}
		return rep, nil
	}
}

// walk checks chain c's entries after *cursor in order until there are no
// more, advancing *last and *cursor. It returns false, with rep filled in,
// at the first broken link.
func (l *Log) walk(ctx context.Context, c int, rep *chainReport, last *Entry, cursor *int64) (bool, error) {
	for {
		batch, err := l.batchAfter(ctx, c, *cursor)
		if err != nil {
			return false, err
		}
		if len(batch) == 0 {
			return true, nil
		}
		for _, e := range batch {
			if problem := checkLink(e, *last); problem != "" {
				*rep = rep.fail(last.ChainSeq+1, problem)
				return false, nil
			}
			rep.Checked++
			*last = e
		}
		*cursor = last.ChainSeq
	}
}

// checkLink says what is wrong with e as the successor of prev in their
// chain, or "".
func checkLink(e, prev Entry) string {
	want := prev.ChainSeq + 1
	switch {
	case e.ChainSeq > want:
		return fmt.Sprintf("chain %d: entry %d is missing (the next entry is %d)", e.Chain, want, e.ChainSeq)
	case e.ChainSeq != want:
		return fmt.Sprintf("chain %d: found %d where entry %d should be", e.Chain, e.ChainSeq, want)
	case e.PrevHash != prev.Hash && want == 1:
		return fmt.Sprintf("chain %d: entry 1 has a prev_hash; a chain must start empty", e.Chain)
	case e.PrevHash != prev.Hash:
		return fmt.Sprintf("chain %d: entry %d's prev_hash does not match entry %d's hash", e.Chain, e.ChainSeq, prev.ChainSeq)
	case chainHash(e) != e.Hash:
		return fmt.Sprintf("chain %d: entry %d's contents do not match its hash", e.Chain, e.ChainSeq)
	case e.Seq <= prev.Seq:
		// An entry takes its global seq while it holds its chain's head, so
		// seq grows along a chain; a smaller one means the listing was reordered.
		return fmt.Sprintf("chain %d: entry %d has global seq %d, not after entry %d's %d", e.Chain, e.ChainSeq, e.Seq, prev.ChainSeq, prev.Seq)
	}
	return ""
}

func (l *Log) batchAfter(ctx context.Context, c int, cursor int64) ([]Entry, error) {
	rows, err := l.db.Query(ctx, `SELECT `+entryColumns+` FROM audit_log WHERE chain = ? AND chain_seq > ? ORDER BY chain_seq LIMIT ?`, c, cursor, verifyBatch)
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
