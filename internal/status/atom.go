package status

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The Atom feed (RFC 4287) of incidents and maintenance: one entry per
// incident, its updates newest first in the content, in ?lang= (English
// where a text is missing).

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string   `xml:"id"`
	Title     string   `xml:"title"`
	Updated   string   `xml:"updated"`
	Published string   `xml:"published"`
	Link      atomLink `xml:"link"`
	Content   atomText `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feedXML renders the snapshot's feed in lang.
func (s *Service) feedXML(sn *Snapshot, lang string) ([]byte, error) {
	base := strings.TrimRight(s.publicURL, "/")
	page := base + "/status?lang=" + lang
	f := atomFeed{ID: base + "/status/feed.atom", Title: text(lang).Title, Updated: atomTime(sn.Built),
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + "/status/feed.atom?lang=" + lang}, {Rel: "alternate", Type: "text/html", Href: page}},
		Author: atomPerson{Name: text(lang).Title}}
	all := append(append(append([]Incident{}, sn.Active...), sn.Upcoming...), sn.Recent...)
	newest := sn.Built
	if len(all) > 0 {
		newest = time.Time{}
	}
	for _, in := range all {
		updated := in.CreatedAt
		var body strings.Builder
		for i := len(in.Updates) - 1; i >= 0; i-- {
			u := in.Updates[i]
			if u.At.After(updated) {
				updated = u.At
			}
			body.WriteString(u.At.UTC().Format("2006-01-02 15:04 UTC") + " — " + u.Body(lang) + "\n\n")
		}
		if in.Kind == KindMaintenance {
			body.WriteString(text(lang).From + " " + in.StartsAt.UTC().Format("2006-01-02 15:04 UTC"))
			if in.EndsAt != nil {
				body.WriteString(" · " + text(lang).Until + " " + in.EndsAt.UTC().Format("2006-01-02 15:04 UTC"))
			}
		}
		if updated.After(newest) {
			newest = updated
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:    base + "/status#incident-" + strconv.FormatInt(in.ID, 10),
			Title: "[" + stateName(lang, entryState(in)) + "] " + in.Title(lang), Updated: atomTime(updated), Published: atomTime(in.CreatedAt),
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: page + "#incident-" + strconv.FormatInt(in.ID, 10)},
			// Plain text: the feed reader shows it as typed, markup included.
			Content: atomText{Type: "text", Text: strings.TrimSpace(body.String())},
		})
	}
	f.Updated = atomTime(newest)
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// entryState is the label of an entry: operational once resolved.
func entryState(in Incident) State {
	if in.State == Resolved {
		return Operational
	}
	return in.Impact
}

func (p *Pages) feed(w http.ResponseWriter, r *http.Request) {
	lang := langOr(r.URL.Query().Get("lang"))
	sn := p.Status.Current(r.Context())
	out, err := sn.cached("atom:"+lang, func() ([]byte, error) { return p.Status.feedXML(sn, lang) })
	if err != nil {
		p.Status.log.Error("status feed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	serveCached(w, r, atomType, out)
}
