package metrics

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Series is one line or set of bars of a chart.
type Series struct {
	Name   string
	Values []float64 // NaN: no value at that step (a gap)
	Color  string    // a CSS colour
}

// Chart is a chart drawn on the server as inline SVG: bars (several
// series side by side) or lines, a y axis with round ticks and x labels
// thinned to fit. Its title and legend are HTML around the SVG, so they
// keep the page's type size however small the SVG is scaled (a phone
// shows the 640-unit drawing at about half size); the stylesheet enlarges
// the SVG's own labels on narrow screens through their classes.
type Chart struct {
	Title string
	// Empty is what the chart says instead when no series has a value
	// (a CSAT chart of a period nobody answered); "" draws empty axes.
	Empty  string
	Labels []string
	Series []Series
	Lines  bool
	Format func(float64) string // tick and value labels; plain numbers when nil
	Whole  bool                 // counts: ticks at whole numbers only
	Max    float64              // the top of the scale when known (5 for CSAT, 100 for %); 0: from the data
	Width  int
	Height int
}

const (
	padLeft   = 64
	padRight  = 16
	padTop    = 22
	padBottom = 34
)

// niceStep is a round step (1, 2 or 5 × 10^n) giving about n ticks up to max.
func niceStep(max float64, n int) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// hasValues says some series has a value to draw.
func (c Chart) hasValues() bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}

// SVG draws the chart: a figure caption, the SVG and its legend, for a
// <figure>; or the caption and the Empty message when there is nothing
// to draw.
func (c Chart) SVG() template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<figcaption class="chart-title">%s</figcaption>`, html.EscapeString(c.Title))
	if c.Empty != "" && !c.hasValues() {
		fmt.Fprintf(&b, `<p class="chart-empty muted">%s</p>`, html.EscapeString(c.Empty))
		return template.HTML(b.String())
	}
	c.drawSVG(&b)
	b.WriteString(`<ul class="chart-legend">`)
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="%s"/></svg>%s</li>`, s.Color, html.EscapeString(s.Name))
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}

func (c Chart) drawSVG(b *strings.Builder) {
	w, h := c.Width, c.Height
	if w == 0 {
		w = 640
	}
	if h == 0 {
		h = 240
	}
	format := c.Format
	if format == nil {
		format = func(v float64) string { return trimFloat(v) }
	}
	top := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > top {
				top = v
			}
		}
	}
	if c.Max > 0 {
		top = c.Max
	}
	step := niceStep(top, 4)
	if c.Max > 0 {
		step = niceStep(top, 5)
	}
	if c.Whole {
		step = math.Max(1, math.Round(step))
	}
	top = math.Max(step, math.Ceil(top/step)*step)
	plotW, plotH := float64(w-padLeft-padRight), float64(h-padTop-padBottom)
	y := func(v float64) float64 { return float64(padTop) + plotH*(1-v/top) }
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, html.EscapeString(c.Title))
	fmt.Fprintf(b, `<title>%s</title>`, html.EscapeString(c.Title))
	for v := 0.0; v <= top+step/2; v += step {
		fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e5e7eb"/>`, padLeft, w-padRight, y(v), y(v))
		fmt.Fprintf(b, `<text class="y-tick" x="%d" y="%.1f" text-anchor="end" font-size="11" fill="#4b5563">%s</text>`, padLeft-6, y(v)+4, html.EscapeString(format(v)))
	}
	n := len(c.Labels)
	if n > 0 {
		slot := plotW / float64(n)
		every := int(math.Ceil(float64(n) / 12))
		for i, l := range c.Labels {
			if i%every != 0 {
				continue
			}
			// Every other shown label is "minor": a phone, whose larger
			// labels would collide, hides those.
			class := "x-label"
			if i/every%2 == 1 {
				class += " x-minor"
			}
			x := float64(padLeft) + slot*(float64(i)+0.5)
			fmt.Fprintf(b, `<text class="%s" x="%.1f" y="%d" text-anchor="middle" font-size="11" fill="#4b5563">%s</text>`, class, x, h-padBottom+20, html.EscapeString(l))
		}
		if c.Lines {
			c.drawLines(b, slot, y, format)
		} else {
			c.drawBars(b, slot, y, format)
		}
	}
	fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#9ca3af"/>`, padLeft, w-padRight, y(0), y(0))
	b.WriteString(`</svg>`)
}

func (c Chart) drawBars(b *strings.Builder, slot float64, y func(float64) float64, format func(float64) string) {
	k := float64(len(c.Series))
	barW := math.Max(1, slot*0.8/k)
	for i := range c.Labels {
		for j, s := range c.Series {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) {
				continue
			}
			v := s.Values[i]
			x := float64(padLeft) + slot*float64(i) + slot*0.1 + barW*float64(j)
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s</title></rect>`,
				x, y(v), barW, y(0)-y(v), s.Color, html.EscapeString(s.Name), html.EscapeString(c.Labels[i]), html.EscapeString(format(v)))
		}
	}
}

func (c Chart) drawLines(b *strings.Builder, slot float64, y func(float64) float64, format func(float64) string) {
	for _, s := range c.Series {
		var path strings.Builder
		pen := "M"
		for i, v := range s.Values {
			if math.IsNaN(v) {
				pen = "M"
				continue
			}
			x := float64(padLeft) + slot*(float64(i)+0.5)
			fmt.Fprintf(&path, "%s%.1f %.1f ", pen, x, y(v))
			pen = "L"
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %s</title></circle>`,
				x, y(v), s.Color, html.EscapeString(s.Name), html.EscapeString(c.Labels[i]), html.EscapeString(format(v)))
		}
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.TrimSpace(path.String()), s.Color)
	}
}

// Sparkline is a small trend line of values.
func Sparkline(values []int64) template.HTML {
	const w, h = 120, 28
	if len(values) == 0 {
		return ""
	}
	top := int64(1)
	for _, v := range values {
		top = max(top, v)
	}
	var pts strings.Builder
	for i, v := range values {
		x := float64(w-2) * float64(i) / math.Max(1, float64(len(values)-1))
		fmt.Fprintf(&pts, "%.1f,%.1f ", x+1, float64(h-2)-float64(h-4)*float64(v)/float64(top))
	}
	return template.HTML(fmt.Sprintf(`<svg class="spark" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="trend" xmlns="http://www.w3.org/2000/svg"><polyline points="%s" fill="none" stroke="#2563eb" stroke-width="1.5"/></svg>`,
		w, h, w, h, strings.TrimSpace(pts.String())))
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// Duration formats seconds as people read them: 45s, 2m 10s, 3h 5m, 2d 4h.
func Duration(sec float64) string {
	s := int64(math.Round(sec))
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		if s%60 == 0 {
			return fmt.Sprintf("%dm", s/60)
		}
		return fmt.Sprintf("%dm %ds", s/60, s%60)
	case s < 86400:
		if s%3600/60 == 0 {
			return fmt.Sprintf("%dh", s/3600)
		}
		return fmt.Sprintf("%dh %dm", s/3600, s%3600/60)
	default:
		return fmt.Sprintf("%dd %dh", s/86400, s%86400/3600)
	}
}

// Percent formats a share 0-1.
func Percent(v float64) string { return trimFloat(math.Round(v*1000)/10) + "%" }
