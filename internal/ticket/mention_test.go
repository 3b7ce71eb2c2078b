package ticket

import (
	"slices"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestParseMentions(t *testing.T) {
	cases := []struct {
		body string
		want []string
	}{
		{"@jordan can you check?", []string{"jordan"}},
		{"thanks @Jordan.", []string{"jordan"}},
		{"ask @jordan@example.com, not @Sam-Lee", []string{"jordan@example.com", "sam-lee"}},
		{"mail ana@example.com about it", nil},
		{"@jordan @jordan @JORDAN", []string{"jordan"}},
		{"@ alone, @@double and @.", nil},
		{"(@kim) and «@li»", []string{"kim", "li"}},
		{"@ключ is not a handle", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := ParseMentions(c.body); !slices.Equal(got, c.want) {
			t.Errorf("ParseMentions(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

func FuzzParseMentions(f *testing.F) {
	for _, s := range []string{"@jordan hi", "a@b.c @x.", "@@@", "@\xff\xfe", "@a@b@c", "«@li»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got := ParseMentions(body)
		if len(got) > maxMentions {
			t.Fatalf("%d mentions, more than %d", len(got), maxMentions)
		}
		for _, h := range got {
			if h == "" || h != toLowerASCII(h) {
				t.Fatalf("handle %q is empty or not lowercased", h)
			}
			for _, r := range h {
				if !handleRune(r) && r != '@' {
					t.Fatalf("handle %q holds %q", h, r)
				}
			}
		}
	})
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestMentions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		author := e.agent(t, "lee@example.com", true)
		jordan := e.agent(t, "jordan@example.com", true)
		kim := e.agent(t, "kim@other.example", true)
		gone := e.agent(t, "gone@example.com", false)
		secret := e.team(t, "security")
		open := e.create(t)
		hidden := e.create(t, withTeam(secret))

		as := func(id int64) Viewer { return Viewer{AgentID: id, Notes: true} }
		note, err := e.s.AddNote(e.ctx, Viewer{AgentID: author, AllTeams: true, Notes: true}, open.ID,
			NewMessage{Body: "@jordan and @KIM please look; @gone @lee @nobody, mail ana@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{jordan, kim}; !slices.Equal(note.Mentions, want) {
			t.Errorf("note mentions %v, want %v (jordan, kim; not the inactive, the author or unknown handles)", note.Mentions, want)
		}
		if n := len(e.eventsOf(t, "mention.created", open.ID)); n != 2 {
			t.Errorf("%d mention.created events, want 2", n)
		}
		// A mention on a ticket jordan may not see stays out of his view.
		if _, err := e.s.AddNote(e.ctx, Viewer{AgentID: author, AllTeams: true, Notes: true}, hidden.ID, NewMessage{Body: "@jordan fyi"}); err != nil {
			t.Fatal(err)
		}
		// A public reply mentions no one.
		if _, err := e.s.AddMessage(e.ctx, Viewer{AgentID: author, AllTeams: true}, open.ID, NewMessage{Body: "@kim will call you"}); err != nil {
			t.Fatal(err)
		}

		got, err := e.s.MentionedTickets(e.ctx, as(jordan))
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{open.ID}; !slices.Equal(got, want) {
			t.Errorf("jordan's mentioned tickets %v, want %v", got, want)
		}
		all, err := e.s.Mentions(e.ctx, Viewer{AgentID: jordan, AllTeams: true}, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].TicketID != hidden.ID || all[0].Read || *all[1].AuthorID != author || all[1].Subject != open.Subject {
			t.Errorf("jordan's mentions with every team: %+v", all)
		}
		if n, err := e.s.MarkMentionsRead(e.ctx, jordan, open.ID); err != nil || n != 1 {
			t.Fatalf("MarkMentionsRead = %d, %v; want 1", n, err)
		}
		if got, _ := e.s.MentionedTickets(e.ctx, as(jordan)); len(got) != 0 {
			t.Errorf("after reading, jordan's mentioned tickets are %v", got)
		}
		if got, _ := e.s.MentionedTickets(e.ctx, as(kim)); !slices.Equal(got, []int64{open.ID}) {
			t.Errorf("kim's mentioned tickets %v; reading jordan's must not read kim's", got)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM mentions WHERE agent_id = ?`, gone); n != 0 {
			t.Errorf("an inactive agent got %d mentions", n)
		}
	})
}
