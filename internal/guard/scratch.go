package guard

import "sync"

// scratch is a scan's working memory, handed from one scan to the next on
// the same Detector: the intake scans every customer message with its
// conversation's state in front, and allocating these slices anew each
// time was about half of the scan's bytes (BENCHMARKS.md, pgintake20).
type scratch struct {
	keys       []byte
	toks       []token
	words      []int
	pieces     []piece
	pieceWords []int
}

// maxScratchBytes bounds the keys kept for the next scan: a rare huge text
// must not pin its buffers for good.
const maxScratchBytes = 64 << 10

// scratchPool holds the scratch of finished scans.
type scratchPool struct{ p sync.Pool }

// newScanner returns a scanner for text whose buffers come from an earlier
// scan, when one was released.
func (d *Detector) newScanner(text string) *scanner {
	s := &scanner{d: d, text: text}
	if sc, ok := d.scratch.p.Get().(*scratch); ok {
		s.keys, s.toks, s.words, s.pieces, s.pieceWords = sc.keys[:0], sc.toks[:0], sc.words[:0], sc.pieces[:0], sc.pieceWords[:0]
	}
	if cap(s.keys) < len(text)+16 {
		s.keys = make([]byte, 0, len(text)+16)
	}
	return s
}

// release hands s's buffers to the next scan. s must not be used after:
// nothing that outlives the scan may point into them (findings, items and
// words are copies or substrings of the text).
func (d *Detector) release(s *scanner) {
	if cap(s.keys) > maxScratchBytes {
		return
	}
	d.scratch.p.Put(&scratch{keys: s.keys, toks: s.toks, words: s.words, pieces: s.pieces, pieceWords: s.pieceWords})
	*s = scanner{}
}
