package bus_test

import (
	"os"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// catalogue is every package's topics.
func catalogue() []bus.Kind {
	var all []bus.Kind
	for _, topics := range [][]bus.Kind{ticket.Topics(), auth.Topics(), guard.Topics()} {
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
