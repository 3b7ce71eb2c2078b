package nlu

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	a := newTestAnalyzer(t)
	for _, line := range strings.Split(os.Getenv("ZZ"), "\n") {
		if line == "" {
			continue
		}
		text := capText(line)
		res := a.Inspect(context.Background(), text, "")
		h := a.cues.hits(text)
		sum := largestSum(text)
		feats := append(featureSet(blankEntities(text, res.Entities)), sumTags(sum)...)
		t.Logf("cues %+v sum %.0f stakes %.2f rules %v | %s", h, sum, a.stakes.stakesProb(feats), h.highStakes(res.Intent, res.Confidence, sum), line)
	}
}
