package bus_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/automation"
	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/risk"
	"github.com/groundcrew/groundcrew/internal/risk/fraud"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/status"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

// catalogue is every package's topics.
func catalogue() []bus.Kind {
	var all []bus.Kind
	for _, topics := range [][]bus.Kind{ticket.Topics(), ticket.ViewTopics(), auth.Topics(), guard.Topics(), attach.Topics(), routing.Topics(), sla.Topics(), workforce.Topics(), automation.Topics(), kb.Topics(), status.Topics(), nlu.Topics(), metrics.Topics(), recovery.Topics(), feedback.Topics(), fraud.Topics(), risk.Topics()} {
		all = append(all, topics...)
	}
	return all
}

// TestCatalogueIsDocumented: docs/events.md names every event type, and
// no two packages declare the same one.
func TestCatalogueIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/events.md")
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]bool{}
	for _, k := range catalogue() {
		if owner[k.Type()] {
			t.Errorf("event type %s is declared twice", k.Type())
		}
		owner[k.Type()] = true
		if !strings.Contains(string(doc), "| `"+k.Type()+"` |") {
			t.Errorf("docs/events.md has no row for %s", k.Type())
		}
	}
	if len(owner) < 17 {
		t.Errorf("the catalogue has %d types; a package's Topics() lost some", len(owner))
	}
}

// TestEventsGoThroughTopics: no non-test code emits an event by a bare
// type name; each goes through a bus.Topic of its package's catalogue, so
// its payload has one declared shape.
func TestEventsGoThroughTopics(t *testing.T) {
	bare := regexp.MustCompile(`\.Emit\(ctx, "`)
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(string(src), "\n") {
				if bare.MatchString(line) {
					t.Errorf("%s:%d emits an event by name; declare a bus.Topic in the package's events.go", path, i+1)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
