package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryTestRunsInParallel keeps this package's tests side by side. A
// top-level test without t.Parallel runs before all the parallel ones,
// with nothing of the package beside it: its whole wall time lands on the
// critical path of CI, where this package is the longest. Nine such tests
// (three browser tests and the page walk among them) had crept back in:
// the first 252 s of a run at load 12-18 went to them alone.
func TestEveryTestRunsInParallel(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestMain" || !takesT(fn) {
				continue
			}
			checked++
			if !startsParallel(fn.Body) {
				t.Errorf("%s (%s): its first statement is not t.Parallel(), so it runs alone before the rest; add it (a test that must run alone needs this check to name it, with the reason)", fn.Name.Name, fset.Position(fn.Pos()))
			}
		}
	}
	if checked < 100 {
		t.Fatalf("read only %d tests in %d files: the walk of the test files is broken", checked, len(files))
	}
}

// takesT tells whether fn is func(t *testing.T), not a fuzz or benchmark.
func takesT(fn *ast.FuncDecl) bool {
	ps := fn.Type.Params.List
	if len(ps) != 1 {
		return false
	}
	star, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "T"
}

// startsParallel tells whether body's first statement is t.Parallel().
func startsParallel(body *ast.BlockStmt) bool {
	if body == nil || len(body.List) == 0 {
		return false
	}
	expr, ok := body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := expr.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Parallel" && len(call.Args) == 0
}
