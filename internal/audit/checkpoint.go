package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The chains' hashes are unkeyed and their heads live in the same database,
// so whoever can write to it can cut a chain back or rewrite it and its
// hashes consistently; Verify alone cannot tell. A checkpoint is the end of
// every chain at one verification, kept somewhere else (a SIEM, a ticket, a
// printout). Verifying against it later proves nothing up to those ends
// changed: an intact chain whose entry at the checkpoint's place still has
// the checkpoint's hash has the same entries up to there.

// checkpointHashLen is how many hex digits of each end's hash a checkpoint
// keeps: 128 bits, too many to forge a matching entry for, and short enough
// for a URL.
const checkpointHashLen = 32

// End is where one chain ended: its last entry's chain_seq and hash.
type End struct {
	Chain int
	Seq   int64
	Hash  string
}

// Checkpoint is the ends of the chains that had entries.
type Checkpoint []End

// String writes c as "chain.seq.hash,..." with shortened hashes.
func (c Checkpoint) String() string {
	parts := make([]string, len(c))
	for i, e := range c {
		parts[i] = fmt.Sprintf("%d.%d.%s", e.Chain, e.Seq, e.Hash[:min(len(e.Hash), checkpointHashLen)])
	}
	return strings.Join(parts, ",")
}

// ParseCheckpoint reads what Checkpoint.String wrote.
func ParseCheckpoint(s string) (Checkpoint, error) {
	bad := func(format string, args ...any) error {
		return errs.Field("checkpoint", "checkpoint: "+format+" (expected chain.seq.hash,... as a verification returned it)", args...)
	}
	if strings.TrimSpace(s) == "" {
		return nil, bad("empty")
	}
	parts := strings.Split(s, ",")
	if len(parts) > Chains+1 {
		return nil, bad("more than %d chains", Chains+1)
	}
	out := make(Checkpoint, 0, len(parts))
	seen := map[int]bool{}
	for _, p := range parts {
		f := strings.Split(strings.TrimSpace(p), ".")
		if len(f) != 3 {
			return nil, bad("%.40q is not chain.seq.hash", p)
		}
		c, err1 := strconv.Atoi(f[0])
		seq, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 != nil || err2 != nil || c < 0 || c > Chains || seq < 1 || seen[c] {
			return nil, bad("%.40q names no chain end, or a chain twice", p)
		}
		if len(f[2]) != checkpointHashLen || strings.Trim(f[2], "0123456789abcdef") != "" {
			return nil, bad("%.40q: the hash must be %d lower-case hex digits", p, checkpointHashLen)
		}
		seen[c] = true
		out = append(out, End{Chain: c, Seq: seq, Hash: f[2]})
	}
	return out, nil
}

// VerifySince is Verify, and then checks that every end in cp is still in
// its chain with the same hash. On success the report's checkpoint is the
// chains' ends now; a failed check gives none, so that no one replaces a
// good checkpoint with one of the tampered log.
func (l *Log) VerifySince(ctx context.Context, cp Checkpoint) (Report, error) {
	rep, err := l.Verify(ctx)
	if err != nil || !rep.OK {
		return rep, err
	}
	for _, e := range cp {
		var hash string
		err := l.db.QueryRow(ctx, `SELECT hash FROM audit_log WHERE chain = ? AND chain_seq = ?`, e.Chain, e.Seq).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return Report{Chain: e.Chain, FirstBad: e.Seq,
				Problem: fmt.Sprintf("chain %d: entry %d of the checkpoint is gone: the chain was cut back", e.Chain, e.Seq)}, nil
		}
		if err != nil {
			return Report{}, fmt.Errorf("verify audit checkpoint: %w", err)
		}
		if !strings.HasPrefix(hash, e.Hash) {
			return Report{Chain: e.Chain, FirstBad: 1,
				Problem: fmt.Sprintf("chain %d: entries up to %d were rewritten since the checkpoint", e.Chain, e.Seq)}, nil
		}
	}
	return rep, nil
}
