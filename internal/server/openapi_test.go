package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/account"
	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/email"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// These tests keep openapi.json true to the route table and to the Go types
// the handlers decode and encode.

var oaMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// oaDoc is the parsed document, kept generic so every $ref can be followed.
type oaDoc struct {
	t    *testing.T
	root map[string]any
}

func loadOpenAPI(t *testing.T) *oaDoc {
	t.Helper()
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(openAPIDoc))
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if dec.More() {
		t.Fatal("openapi.json has data after the document")
	}
	return &oaDoc{t: t, root: root}
}

// pointer resolves a local JSON pointer such as #/components/schemas/Agent.
func (d *oaDoc) pointer(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("$ref %q is not local to the document", ref)
	}
	var cur any = d.root
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, fmt.Errorf("$ref %q: no %q", ref, tok)
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, fmt.Errorf("$ref %q: bad index %q", ref, tok)
			}
			cur = c[i]
		default:
			return nil, fmt.Errorf("$ref %q: cannot descend into %T at %q", ref, cur, tok)
		}
	}
	return cur, nil
}

// deref follows $ref until it reaches an object that is not a reference.
func (d *oaDoc) deref(v any) map[string]any {
	d.t.Helper()
	for range 20 {
		m, ok := v.(map[string]any)
		if !ok {
			d.t.Fatalf("expected an object, got %T", v)
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		if v, _ = d.pointer(ref); v == nil {
			d.t.Fatalf("$ref %q does not resolve", ref)
		}
	}
	d.t.Fatal("$ref chain too long")
	return nil
}

func (d *oaDoc) schema(name string) map[string]any {
	d.t.Helper()
	s, err := d.pointer("#/components/schemas/" + name)
	if err != nil {
		d.t.Fatalf("schema %s: %v", name, err)
	}
	return d.deref(s)
}

type oaOp struct {
	path, method string
	op           map[string]any
}

func (d *oaDoc) operations() []oaOp {
	d.t.Helper()
	paths, ok := d.root["paths"].(map[string]any)
	if !ok {
		d.t.Fatal("openapi.json has no paths object")
	}
	var out []oaOp
	for path, item := range paths {
		for key, v := range d.deref(item) {
			if !slices.Contains(oaMethods, key) {
				continue
			}
			op, ok := v.(map[string]any)
			if !ok {
				d.t.Fatalf("%s %s is not an object", key, path)
			}
			out = append(out, oaOp{path: path, method: strings.ToUpper(key), op: op})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

// params lists an operation's parameters, path-level ones included.
func (d *oaDoc) params(o oaOp) []map[string]any {
	var out []map[string]any
	item := d.deref(d.root["paths"].(map[string]any)[o.path])
	for _, src := range []any{item["parameters"], o.op["parameters"]} {
		list, _ := src.([]any)
		for _, p := range list {
			out = append(out, d.deref(p))
		}
	}
	return out
}

func (d *oaDoc) responses(o oaOp) map[string]map[string]any {
	d.t.Helper()
	rs, ok := o.op["responses"].(map[string]any)
	if !ok || len(rs) == 0 {
		d.t.Fatalf("%s %s has no responses", o.method, o.path)
	}
	out := map[string]map[string]any{}
	for code, r := range rs {
		out[code] = d.deref(r)
	}
	return out
}

var pathParam = regexp.MustCompile(`\{([^}]*)\}`)

// routeKey makes a Go ServeMux pattern and an OpenAPI path comparable:
// {id}, {id...} and {name} all become {}, and {$} goes.
func routeKey(method, path string) string {
	path = strings.ReplaceAll(path, "{$}", "")
	return strings.ToUpper(method) + " " + pathParam.ReplaceAllString(path, "{}")
}

func testRoutes() []Route {
	a := &App{tickets: &ticket.HTTP{}, auth: &auth.Service{}, audit: &audit.Log{}}
	return a.APIRoutes()
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	d := loadOpenAPI(t)
	if v, _ := d.root["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Fatalf("openapi = %q; want 3.1.x", v)
	}
	if info, _ := d.root["info"].(map[string]any); info["title"] == nil || info["version"] == nil {
		t.Error("info needs a title and a version")
	}
	global, _ := d.root["security"].([]any)
	if len(global) == 0 {
		t.Error("the document needs a global security requirement for the operations that are not public")
	}
	schemes, _ := d.root["components"].(map[string]any)["securitySchemes"].(map[string]any)
	for _, req := range global {
		for name := range req.(map[string]any) {
			if _, ok := schemes[name]; !ok {
				t.Errorf("security names scheme %q, which components.securitySchemes lacks", name)
			}
		}
	}

	routes := map[string]Route{}
	for _, rt := range testRoutes() {
		k := routeKey(rt.Method, rt.Path)
		if _, dup := routes[k]; dup {
			t.Errorf("route table lists %s twice", k)
		}
		routes[k] = rt
	}
	documented := map[string]oaOp{}
	for _, o := range d.operations() {
		documented[routeKey(o.method, o.path)] = o
	}
	for k := range routes {
		if _, ok := documented[k]; !ok {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	ids := map[string]string{}
	for k, o := range documented {
		rt, ok := routes[k]
		if !ok {
			t.Errorf("openapi.json documents %s %s, which APIRoutes lacks", o.method, o.path)
			continue
		}
		t.Run(strings.ReplaceAll(k, "/", "_"), func(t *testing.T) { checkOperation(t, d, o, rt, ids) })
	}
}

func checkOperation(t *testing.T, d *oaDoc, o oaOp, rt Route, ids map[string]string) {
	where := o.method + " " + o.path

	id, _ := o.op["operationId"].(string)
	if id == "" {
		t.Errorf("%s has no operationId", where)
	} else if other, dup := ids[id]; dup {
		t.Errorf("%s and %s share operationId %q", where, other, id)
	}
	ids[id] = where
	if s, _ := o.op["summary"].(string); strings.TrimSpace(s) == "" || strings.Contains(s, "\n") {
		t.Errorf("%s needs a one-line summary, has %q", where, s)
	}

	perm, _ := o.op["x-permission"].(string)
	if perm != string(rt.Perm) {
		t.Errorf("%s: x-permission = %q; the route needs %q", where, perm, rt.Perm)
	}
	sec, hasSec := o.op["security"].([]any)
	switch {
	case rt.Perm == web.Public && (!hasSec || len(sec) != 0):
		t.Errorf("%s is public and must say security: []", where)
	case rt.Perm != web.Public && hasSec && len(sec) == 0:
		t.Errorf("%s needs %s but says security: []", where, rt.Perm)
	}

	// Path parameters: exactly the ones the path names, all required.
	var want []string
	for _, m := range pathParam.FindAllStringSubmatch(o.path, -1) {
		want = append(want, m[1])
	}
	var got []string
	idem := false
	for _, p := range d.params(o) {
		name, _ := p["name"].(string)
		switch p["in"] {
		case "path":
			got = append(got, name)
			if p["required"] != true {
				t.Errorf("%s: path parameter %s must be required", where, name)
			}
		case "header":
			if strings.EqualFold(name, "Idempotency-Key") {
				idem = true
			}
		}
		if p["schema"] == nil && p["content"] == nil {
			t.Errorf("%s: parameter %s has no schema", where, name)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("%s: path parameters %v; the path names %v", where, got, want)
	}
	if idem != rt.Idempotent {
		t.Errorf("%s: declares Idempotency-Key = %v; the route honours it = %v", where, idem, rt.Idempotent)
	}

	rs := d.responses(o)
	var ok []string
	for code, r := range rs {
		if code == "default" {
			continue
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			t.Errorf("%s: response code %q", where, code)
			continue
		}
		content, _ := r["content"].(map[string]any)
		switch {
		case n >= 200 && n < 300:
			ok = append(ok, code)
			if n == http.StatusNoContent && len(content) > 0 {
				t.Errorf("%s: 204 must have no content", where)
			}
			if n != http.StatusNoContent && o.op["x-download"] != true { // a download is the file itself
				if _, isJSON := content["application/json"]; !isJSON || len(content) != 1 {
					t.Errorf("%s: %s must be application/json", where, code)
				}
			}
			_, replay := mapAt(r, "headers")["Idempotent-Replayed"]
			if replay != rt.Idempotent {
				t.Errorf("%s: %s declares Idempotent-Replayed = %v; the route honours Idempotency-Key = %v", where, code, replay, rt.Idempotent)
			}
		case n >= 400:
			mt, isProblem := content["application/problem+json"].(map[string]any)
			if !isProblem || len(content) != 1 {
				t.Errorf("%s: %s must be application/problem+json only", where, code)
				continue
			}
			if ref, _ := mapAt(mt, "schema")["$ref"].(string); ref != "#/components/schemas/Problem" {
				t.Errorf("%s: %s schema must be the Problem schema, is %v", where, code, mt["schema"])
			}
		}
	}
	if len(ok) != 1 {
		t.Errorf("%s: want one success response, have %v", where, ok)
	} else if o.method == "DELETE" && ok[0] != "204" {
		t.Errorf("%s: a delete answers 204, not %s", where, ok[0])
	}
	need := []string{"500"}
	if rt.Perm != web.Public {
		need = append(need, "401", "403")
	}
	if o.op["requestBody"] != nil {
		need = append(need, "400", "413")
		// A file upload takes the file; everything else takes one JSON object.
		if c := mapAt(d.deref(o.op["requestBody"]), "content"); o.op["x-upload"] != true && (len(c) != 1 || c["application/json"] == nil) {
			t.Errorf("%s: the request body must be application/json", where)
		}
	}
	if strings.Contains(o.path, "{") {
		need = append(need, "404")
	}
	if rt.Idempotent {
		need = append(need, "400", "413", "422")
	}
	for _, code := range need {
		if rs[code] == nil {
			t.Errorf("%s: responses lack %s", where, code)
		}
	}
	// Other routes answer 422 only when the outbound guard refuses a text
	// for customers (internal/published).
	raw, _ := o.op["responses"].(map[string]any)
	if r422, _ := raw["422"].(map[string]any); !rt.Idempotent && r422 != nil && r422["$ref"] != "#/components/responses/Blocked" {
		t.Errorf("%s: lists 422, which only idempotent routes and the outbound guard's refusals answer", where)
	}
}

func mapAt(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

func TestOpenAPIRefsResolve(t *testing.T) {
	t.Parallel()
	d := loadOpenAPI(t)
	n := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				n++
				if _, err := d.pointer(ref); err != nil {
					t.Errorf("at %s: %v", path, err)
				}
			}
			for k, c := range v {
				walk(path+"/"+k, c)
			}
		case []any:
			for i, c := range v {
				walk(path+"/"+strconv.Itoa(i), c)
			}
		}
	}
	walk("#", d.root)
	if n == 0 {
		t.Error("no $ref found; the document should share its schemas")
	}
}

func enumOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func TestOpenAPIEnums(t *testing.T) {
	t.Parallel()
	d := loadOpenAPI(t)
	var perms []string
	for _, r := range auth.Roles {
		for _, p := range r.Perms() {
			if !slices.Contains(perms, string(p)) {
				perms = append(perms, string(p))
			}
		}
	}
	for name, want := range map[string][]string{
		"Status":      enumOf(ticket.Statuses),
		"Priority":    enumOf(ticket.Priorities),
		"ProductArea": ticket.ProductAreas,
		"Channel":     ticket.Channels,
		"Language":    ticket.Languages,
		"AuthorKind":  enumOf(ticket.AuthorKinds),
		"Role":        enumOf(auth.Roles),
		"Permission":  perms,
		"ActorKind":   {audit.ActorAgent, audit.ActorCustomer, audit.ActorSystem, audit.ActorAPI},
		"Verdict": {diagnose.NotFound, diagnose.NodeUnavailable, diagnose.Pending, diagnose.Failed, diagnose.Credited,
			diagnose.WrongNetwork, diagnose.NotOurAddress, diagnose.MissingMemo, diagnose.WrongMemo, diagnose.UnlistedToken,
			diagnose.BelowMinimum, diagnose.DepositsSuspended, diagnose.NotCredited},
		"NextStepKind": {diagnose.StepWait, diagnose.StepNone, diagnose.StepSelfCredit, diagnose.StepRecoveryAppeal,
			diagnose.StepContactSender, diagnose.StepContactSupport, diagnose.StepCheckTxID, diagnose.StepRetryLater},
		"IdentifyWarningCode": {chain.WarnInvisible, chain.WarnHomoglyph, chain.WarnNotASCII, chain.WarnTooLong, chain.WarnEmpty,
			chain.WarnPaymentURI, chain.WarnSecret, chain.WarnInvalid, chain.WarnMemoRequired},
		"SecretKind": {guard.KindSeedPhrase, guard.KindSLIP39, guard.KindElectrum, guard.KindMonero, guard.KindPrivateKey,
			guard.KindPassword, guard.KindOTP},
		"FindingConfidence": {guard.High, guard.Medium},
		"ViolationKind":     {guard.ViolationAsksForSecret, guard.ViolationLinkNotAllowed},
		"ChannelKind":       guard.ChannelKinds,
		"VerifyVerdict":     guard.Verdicts,
		"VerifyTarget":      guard.Targets,
	} {
		var got []string
		list, _ := d.schema(name)["enum"].([]any)
		for _, v := range list {
			s, _ := v.(string)
			got = append(got, s)
		}
		w := slices.Clone(want)
		slices.Sort(w)
		slices.Sort(got)
		if !slices.Equal(got, w) {
			t.Errorf("schema %s enum = %v; the code has %v", name, got, w)
		}
	}
	// Diagnoses share the Language schema, so their languages must be the tickets' languages.
	if got, want := slices.Sorted(slices.Values(diagnose.Languages())), slices.Sorted(slices.Values(ticket.Languages)); !slices.Equal(got, want) {
		t.Errorf("diagnose.Languages() = %v; the Language schema has the ticket languages %v", got, want)
	}

	num := func(s map[string]any, key string) int {
		f, _ := s[key].(float64)
		return int(f)
	}
	prop := func(schema, p string) map[string]any { return mapAt(mapAt(d.schema(schema), "properties"), p) }
	param := func(name string) map[string]any {
		p, err := d.pointer("#/components/parameters/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return mapAt(d.deref(p), "schema")
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"Idempotency-Key maxLength", num(param("IdempotencyKey"), "maxLength"), MaxIdempotencyKey},
		{"audit limit maximum", num(param("AuditLimit"), "maximum"), audit.MaxLimit},
		{"audit limit default", num(param("AuditLimit"), "default"), audit.DefaultLimit},
		{"NewAgent.password minLength", num(prop("NewAgent", "password"), "minLength"), auth.MinPasswordLength},
		{"PasswordChange.new_password minLength", num(prop("PasswordChange", "new_password"), "minLength"), auth.MinPasswordLength},
		{"NewTicket.subject maxLength", num(prop("NewTicket", "subject"), "maxLength"), ticket.MaxSubject},
		{"NewTicket.message maxLength", num(prop("NewTicket", "message"), "maxLength"), ticket.MaxBody},
		{"NewMessage.body maxLength", num(prop("NewMessage", "body"), "maxLength"), ticket.MaxBody},
		{"NewTicket.tags maxItems", num(prop("NewTicket", "tags"), "maxItems"), ticket.MaxTags},
		{"NewTicket.custom_fields maxProperties", num(prop("NewTicket", "custom_fields"), "maxProperties"), ticket.MaxCustomFields},
		{"NewOfficialChannel.value maxLength", num(prop("NewOfficialChannel", "value"), "maxLength"), guard.MaxChannelValue},
		{"NewOfficialChannel.label maxLength", num(prop("NewOfficialChannel", "label"), "maxLength"), guard.MaxChannelLabel},
		{"VerifyRequest.value maxLength", num(prop("VerifyRequest", "value"), "maxLength"), guard.MaxVerifyInput},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d; the code has %d", c.what, c.got, c.want)
		}
	}
}

// jsonFields lists the JSON names of a struct's fields and whether each is omitempty.
func jsonFields(typ reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		out[name] = strings.Contains(","+opts+",", ",omitempty,")
	}
	return out
}

// TestOpenAPISchemasMatchTypes checks each schema's properties against the
// Go type behind it: request bodies are decoded strictly, so their schemas
// refuse other properties; response fields without omitempty are required.
// openAPITypes and openAPIResponseTypes are the request and response
// schemas that other files' init functions add (each package's own API).
var openAPITypes, openAPIResponseTypes = map[string]any{}, map[string]any{}

func TestOpenAPISchemasMatchTypes(t *testing.T) {
	t.Parallel()
	d := loadOpenAPI(t)
	requests := maps.Clone(openAPITypes)
	for k, v := range map[string]any{
		"NewAgent": auth.NewAgent{}, "AgentUpdate": auth.AgentUpdate{}, "Credentials": auth.Credentials{}, "NewTeam": auth.NewTeam{},
		"NewTicket": ticket.NewTicket{}, "NewCustomer": ticket.NewCustomer{}, "TicketUpdate": ticket.Update{},
		"NewMessage": ticket.MessageRequest{}, "NewNote": ticket.NewMessage{},
		"CustomerMessage": ticket.CustomerMessage{}, "CustomerRef": ticket.CustomerRef{}, "CustomerUpdate": ticket.CustomerUpdate{},
		"DiagnosisRequest": diagnose.Request{}, "RevealRequest": account.RevealRequest{},
		"NewOfficialChannel": guard.NewChannel{}, "VerifyRequest": guard.VerifyRequest{},
		"MergeRequest": ticket.MergeRequest{}, "MacroInput": workspace.MacroInput{}, "ApplyRequest": workspace.ApplyRequest{},
		"NotifySettings": workspace.NotifySettings{}, "TypingRequest": workspace.TypingRequest{},
		"HeldDecision": ticket.HeldDecision{},
	} {
		requests[k] = v
	}
	responses := maps.Clone(openAPIResponseTypes)
	for k, v := range map[string]any{
		"Agent": auth.Agent{}, "Team": auth.Team{}, "Session": auth.Session{}, "APIToken": auth.APIToken{}, "TOTPEnrollment": auth.TOTPEnrollment{},
		"Ticket": ticket.Ticket{}, "Customer": ticket.Customer{}, "Message": ticket.Message{}, "Escalation": ticket.Escalation{},
		"TagCount": ticket.TagCount{}, "AuditEntry": audit.Entry{}, "AuditReport": audit.Report{}, "Problem": web.Problem{},
		"TicketList": web.List[ticket.Ticket]{}, "AuditEntryList": web.List[audit.Entry]{},
		"Identification": chain.Identification{}, "IdentifyWarning": chain.Warning{}, "AddressMatch": chain.AddressMatch{},
		"TxIDMatch": chain.TxIDMatch{}, "MemoMatch": chain.MemoMatch{}, "Network": chain.Network{}, "AddressFormat": chain.AddressFormat{},
		"TxIDFormat": chain.TxIDFormat{}, "MemoRule": chain.MemoRule{}, "MemoKind": chain.MemoKind{}, "NetworkList": web.List[chain.Network]{},
		"Diagnosis": diagnose.Result{}, "NextStep": diagnose.NextStep{}, "Evidence": diagnose.Evidence{}, "Transfer": chain.Transfer{},
		"OutboundViolation": guard.Violation{}, "EncryptionStatus": ticket.EncryptionStatus{},
		"OfficialChannel": guard.Channel{}, "OfficialChannelList": web.List[guard.Channel]{}, "OfficialVerification": guard.Verification{},
		"VerifiedAgent": guard.VerifiedAgent{}, "ReportAdvice": guard.ReportAdvice{},
		"Verification": auth.Verification{}, "StepUp": auth.StepUp{}, "Account": account.Account{}, "AccountLock": account.Lock{},
		"ActionResult": exchange.ActionResult{}, "Revealed": account.Revealed{}, "RevealedAccount": account.RevealedAccount{},
		"Merged": ticket.Merged{}, "Mention": ticket.Mention{}, "MentionList": web.List[ticket.Mention]{}, "MentionsRead": ticket.MentionsRead{},
		"Macro": workspace.Macro{}, "MacroList": workspace.MacroList{}, "Placeholder": workspace.Placeholder{}, "AppliedMacro": workspace.Applied{},
		"EmailStatus": email.Status{}, "MailboxStatus": email.MailboxStatus{}, "MailRecord": email.MailRecord{},
		"HeldReply": ticket.HeldReply{}, "HeldReplyList": web.List[ticket.HeldReply]{},
	} {
		responses[k] = v
	}
	check := func(name string, v any, request bool) {
		s := d.schema(name)
		fields := jsonFields(reflect.TypeOf(v))
		props := mapAt(s, "properties")
		var gotNames, wantNames []string
		for p := range props {
			gotNames = append(gotNames, p)
		}
		for f := range fields {
			wantNames = append(wantNames, f)
		}
		slices.Sort(gotNames)
		slices.Sort(wantNames)
		if !slices.Equal(gotNames, wantNames) {
			t.Errorf("schema %s has properties %v; %T has %v", name, gotNames, v, wantNames)
		}
		required := map[string]bool{}
		list, _ := s["required"].([]any)
		for _, r := range list {
			required[r.(string)] = true
			if _, ok := props[r.(string)]; !ok {
				t.Errorf("schema %s requires %v, which it does not define", name, r)
			}
		}
		if request {
			if s["additionalProperties"] != false {
				t.Errorf("schema %s: the handler refuses unknown fields, so additionalProperties must be false", name)
			}
			return
		}
		for f, omitempty := range fields {
			if required[f] == omitempty {
				t.Errorf("schema %s: %s required = %v, but omitempty = %v in %T", name, f, required[f], omitempty, v)
			}
		}
	}
	for name, v := range requests {
		check(name, v, true)
	}
	for name, v := range responses {
		check(name, v, false)
	}
}

func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	d := loadOpenAPI(t)
	eachEngine(t, func(t *testing.T, ta *testApp) {
		resp, err := http.Get(ta.URL + "/api/v1/openapi.json")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/openapi.json: status %d", resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		if !bytes.Equal(body, openAPIDoc) {
			t.Error("the served document differs from the embedded one")
		}

		for _, o := range d.operations() {
			if o.method != "GET" || strings.Contains(o.path, "{") {
				continue
			}
			var out map[string]any
			resp := ta.do("GET", o.path, "", nil, &out)
			code := strconv.Itoa(resp.StatusCode)
			rs := d.responses(o)
			r, listed := rs[code]
			if !listed {
				t.Errorf("GET %s answered %s; the document lists only %v", o.path, code, slices.Sorted(maps.Keys(rs)))
				continue
			}
			// The body has what the response schema requires.
			mt := mapAt(mapAt(r, "content"), resp.Header.Get("Content-Type"))
			if mt == nil {
				t.Errorf("GET %s: %s with Content-Type %q, which the document does not list", o.path, code, resp.Header.Get("Content-Type"))
				continue
			}
			req, _ := d.deref(mt["schema"])["required"].([]any)
			for _, f := range req {
				if _, ok := out[f.(string)]; !ok {
					t.Errorf("GET %s: the body lacks required %v: %v", o.path, f, out)
				}
			}
		}
	})
}
