package input

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The kinds are listed once, in specs, each once; everything that names
// kinds (KnownKinds, Title, --column) reads that list.
func TestSpecsListUnique(t *testing.T) {
	seen := map[Kind]bool{}
	var kinds []string
	for _, s := range Specs() {
		if s == nil {
			t.Fatal("nil spec in specs")
		}
		if seen[s.Kind] {
			t.Errorf("kind %q listed twice", s.Kind)
		}
		seen[s.Kind] = true
		kinds = append(kinds, string(s.Kind))
		if got := s.Kind.Title(); got != s.Title {
			t.Errorf("Kind(%q).Title() = %q, want %q", s.Kind, got, s.Title)
		}
	}
	sort.Strings(kinds)
	if got := KnownKinds(); !slices.Equal(got, kinds) {
		t.Errorf("KnownKinds = %v, want the kinds of Specs %v", got, kinds)
	}
}

// detect breaks a tie in favour of the kind listed first, so the order of
// specs is behaviour: it is the order the init functions once registered
// the kinds in.
func TestSpecsOrder(t *testing.T) {
	var got []string
	for _, s := range Specs() {
		got = append(got, string(s.Kind))
	}
	want := "cancellations,chargebacks,claims,fba-shipments,feedback,messages,orders,seller-performance,ratings,return-requests,returns,shipments,vat-invoices," +
		"fba-customer-returns,payments-transactions,business-purchases,fba-removal-orders,fba-removal-shipments,fba-reimbursements,fba-replacements," +
		"settlement,ebay-standards,ebay-service-metric,allegro-sales-quality,kaufland-order-units"
	if strings.Join(got, ",") != want {
		t.Errorf("Specs order = %s\nwant %s", strings.Join(got, ","), want)
	}
	// order-id and date are claims and chargebacks columns alike.
	if s, _, why := detect([]string{"order-id", "date"}); s == nil || s.Kind != "chargebacks" {
		got := why
		if s != nil {
			got = string(s.Kind)
		}
		t.Errorf("a claims/chargebacks tie went to %s, want chargebacks, listed first", got)
	}
}

// No file of the package registers a kind from init, and every Spec value
// a file declares is in specs: a kind cannot be half added.
func TestSpecsOnlySource(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	var listed []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" {
					t.Errorf("%s: func init; list the kind in specs instead", fset.Position(d.Pos()))
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					vs, ok := sp.(*ast.ValueSpec)
					if !ok || len(vs.Values) != len(vs.Names) {
						continue
					}
					for i, v := range vs.Values {
						lit, ok := v.(*ast.CompositeLit)
						if !ok {
							continue
						}
						if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "Spec" {
							declared[vs.Names[i].Name] = true
						}
						if vs.Names[i].Name == "specs" {
							for _, elt := range lit.Elts {
								if u, ok := elt.(*ast.UnaryExpr); ok && u.Op == token.AND {
									if id, ok := u.X.(*ast.Ident); ok {
										listed = append(listed, id.Name)
									}
								}
							}
						}
					}
				}
			}
		}
	}
	if len(listed) != len(Specs()) {
		t.Errorf("read %d entries of specs from the source, Specs has %d", len(listed), len(Specs()))
	}
	for _, n := range listed {
		if !declared[n] {
			t.Errorf("specs lists %s, which is not a package-level Spec value", n)
		}
		delete(declared, n)
	}
	for n := range declared {
		t.Errorf("%s is a Spec value that specs does not list", n)
	}
}
