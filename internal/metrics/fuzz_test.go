package metrics

import (
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

func FuzzParseToken(f *testing.F) {
	s := &Service{keys: [][]byte{[]byte("k")}}
	for _, seed := range []string{s.Token(1, 2), "1.AAAAAAAAAAAAAAAAAAAAAAAA", "", ".", "-1.x", "99999999999999999999.AAAAAAAAAAAAAAAAAAAAAAAA", "1.AAAAAAAAAAAAAAAAAAAAAAA\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		id, sig, err := ParseToken(tok)
		if err != nil {
			if RefusalOf(err) != RefBadLink {
				t.Fatalf("%q: refusal %q", tok, RefusalOf(err))
			}
			return
		}
		if id <= 0 || len(sig) != 24 {
			t.Fatalf("%q parsed as %d %q", tok, id, sig)
		}
	})
}

func FuzzParseQuery(f *testing.F) {
	f.Add("2026-03-02", "2026-03-03", "team", "1")
	f.Add("2026-03-02T09:00:00Z", "2020-01-01", "agent", "")
	f.Add("0001-01-01", "9999-12-31", "all", "")
	f.Add("x", "", "nope", "")
	f.Fuzz(func(t *testing.T, from, to, dim, key string) {
		v := url.Values{"from": {from}, "to": {to}, "dim": {dim}, "key": {key}}
		r := httptest.NewRequest("GET", "/api/v1/metrics/summary?"+v.Encode(), nil)
		q, err := parseQueryAt(r, true, time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))
		if err != nil {
			return
		}
		if !q.Period.To.After(q.Period.From) || q.Period.To.Sub(q.Period.From) > MaxPeriod {
			t.Fatalf("%v accepted period %v", v, q.Period)
		}
		if _, ok := ParseDim(string(q.Dim)); !ok {
			t.Fatalf("%v accepted dim %q", v, q.Dim)
		}
		fh, th := q.Period.hours()
		cover := map[int64]int64{}
		for _, sp := range q.Period.spans() {
			from, to := sp.from, sp.to
			switch sp.table {
			case "metric_daily":
				from, to = from*24, to*24
			case "metric_monthly":
				from, to = firstDayOf(from)*24, firstDayOf(to)*24
			}
			if to <= from || len(cover) > 50_000 {
				t.Fatalf("%v: span %+v", v, sp)
			}
			for h := from; h < to; h++ {
				cover[h] += sp.sign
			}
		}
		for h, n := range cover {
			if in := h >= fh && h < th; (in && n != 1) || (!in && n != 0) {
				t.Fatalf("%v: hour %d counted %d times (in the period: %v)", v, h, n, in)
			}
		}
		if int64(len(cover)) < th-fh {
			t.Fatalf("%v: spans cover %d hours of %d", v, len(cover), th-fh)
		}
	})
}
