package exchangehttp

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/exchange"
)

type spec struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Required   []string                   `json:"required"`
			Properties map[string]json.RawMessage `json:"properties"`
			Enum       []string                   `json:"enum"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadSpec(t *testing.T) spec {
	t.Helper()
	var s spec
	if err := json.Unmarshal(OpenAPI(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// The document describes exactly the routes the server serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := loadSpec(t)
	var documented, served []string
	for path, ops := range s.Paths {
		for method := range ops {
			if method != "parameters" {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	for _, r := range routes {
		served = append(served, r.method+" "+r.pattern)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if d := cmp.Diff(served, documented); d != "" {
		t.Errorf("routes (-served +documented):\n%s", d)
	}
	var doc struct {
		Components map[string]map[string]any `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil || len(doc.Components) == 0 {
		t.Fatalf("openapi components: %v", err)
	}
	refs := regexp.MustCompile(`"\$ref":\s*"#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(OpenAPI()), -1)
	for _, m := range refs {
		if _, ok := doc.Components[m[1]][m[2]]; !ok {
			t.Errorf("dangling $ref %s/%s", m[1], m[2])
		}
	}
}

// jsonFields lists a struct's JSON names, and which are always present.
func jsonFields(t reflect.Type) (names, required []string) {
	for f := range t.Fields() {
		if f.Anonymous {
			n, r := jsonFields(f.Type)
			names, required = append(names, n...), append(required, r...)
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		names = append(names, name)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			required = append(required, name)
		}
	}
	sort.Strings(names)
	sort.Strings(required)
	return names, required
}

// Each schema lists exactly the Go type's fields, and requires exactly
// those that are never omitted.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	s := loadSpec(t)
	for name, v := range map[string]any{
		"User": exchange.User{}, "Lock": exchange.Lock{}, "DepositAddress": exchange.DepositAddress{},
		"Deposit": exchange.Deposit{}, "Withdrawal": exchange.Withdrawal{}, "LoginEvent": exchange.LoginEvent{},
		"Asset": exchange.Asset{}, "CreditRequest": exchange.CreditRequest{}, "ReturnRequest": exchange.ReturnRequest{}, "ActionResult": exchange.ActionResult{},
		"TicketRequest": ticketRequest{}, "FreezeRequest": freezeRequest{}, "Problem": problem{},
		"RiskEvent": exchange.RiskEvent{},
	} {
		sch, ok := s.Components.Schemas[name]
		if !ok {
			t.Errorf("no schema %s", name)
			continue
		}
		var props []string
		for p := range sch.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		sort.Strings(sch.Required)
		names, required := jsonFields(reflect.TypeOf(v))
		if d := cmp.Diff(names, props); d != "" {
			t.Errorf("%s properties (-Go +spec):\n%s", name, d)
		}
		if d := cmp.Diff(required, sch.Required); d != "" {
			t.Errorf("%s required (-Go +spec):\n%s", name, d)
		}
	}
	if !slices.Equal(s.Components.Schemas["Network"].Enum, exchange.Networks) {
		t.Errorf("Network enum %v, want %v", s.Components.Schemas["Network"].Enum, exchange.Networks)
	}
}
