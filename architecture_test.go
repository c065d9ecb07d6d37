package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/metrics"
)

// module is the import path prefix of the project's packages.
const module = "github.com/sellerhealth/audit/"

// layers is the package map of docs/architecture.md: what each package may
// import of the project's own. Data flows one way: files (input) ->
// records -> metrics -> verdicts (health) -> renderers, the engine runs the
// pipeline and cmd drives it. A package missing here fails the test: add
// it, and to docs/architecture.md.
var layers = map[string][]string{
	"internal/civil":           nil,
	"internal/pii":             nil,
	"internal/iostreams":       nil,
	"internal/safetext":        nil,
	"internal/httpx":           nil,
	"internal/market":          {"internal/civil"},
	"internal/records":         {"internal/civil"},
	"internal/settings":        {"internal/civil"},
	"internal/holidays":        {"internal/civil"},
	"internal/input":           {"internal/civil", "internal/market", "internal/pii", "internal/records"},
	"internal/metrics":         {"internal/civil", "internal/holidays", "internal/market", "internal/pii", "internal/records", "internal/settings"},
	"internal/health":          {"internal/civil", "internal/metrics", "internal/records"},
	"internal/profile":         {"internal/health", "internal/metrics", "internal/settings"},
	"internal/spapi":           {"internal/httpx"},
	"internal/spapi/spapitest": {"internal/spapi"},
	"internal/config":          {"internal/metrics", "internal/settings"},
	"internal/render":          {"internal/civil", "internal/health", "internal/metrics", "internal/records", "internal/safetext"},
	"internal/engine": {"internal/civil", "internal/health", "internal/input", "internal/market", "internal/metrics",
		"internal/profile", "internal/records", "internal/settings"},
	"internal/fetch": {"internal/civil", "internal/engine", "internal/health", "internal/input", "internal/market", "internal/metrics",
		"internal/records", "internal/settings", "internal/spapi", "internal/spapi/spapitest", "internal/platformapi"},
	"cmd": {"internal/civil", "internal/config", "internal/engine", "internal/fetch", "internal/health", "internal/input",
		"internal/iostreams", "internal/market", "internal/metrics", "internal/profile", "internal/render", "internal/safetext",
		"internal/settings", "internal/spapi", "internal/spapi/spapitest", "internal/platformapi"},
	"internal/platformapi":                 {"internal/httpx"},
	"internal/platformapi/platformapitest": {"internal/platformapi"},
	".":                                    {"cmd", "internal/iostreams"},
}

// goFile is one parsed non-test Go file of the project.
type goFile struct {
	path string // relative to the repository root
	pkg  string // its folder: "internal/render", "." for main
	ast  *ast.File
}

// sources parses every non-test Go file of the module.
func sources(t *testing.T) []goFile {
	t.Helper()
	var out []goFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() && path != "." {
			// A folder with a go.mod of its own is another module (the
			// benchmark's internal/bench/duckpeer), as for the go command.
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		out = append(out, goFile{path: filepath.ToSlash(path), pkg: filepath.ToSlash(filepath.Dir(path)), ast: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Imports flow one way, as the package map says: no renderer imports the
// reader of input files (internal/input) or the engine, no parser imports
// the metrics or the verdicts, the metrics import no threshold.
func TestImportsFollowLayers(t *testing.T) {
	for _, f := range sources(t) {
		allowed, known := layers[f.pkg]
		if !known {
			t.Errorf("%s: package %s is not in the package map (architecture_test.go, docs/architecture.md)", f.path, f.pkg)
			continue
		}
		for _, imp := range f.ast.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, module) {
				continue
			}
			if dep := strings.TrimPrefix(p, module); !slices.Contains(allowed, dep) {
				t.Errorf("%s imports %s: %s may import only %v", f.path, dep, f.pkg, allowed)
			}
		}
	}
}

// No init() registers anything: metrics, report kinds and output formats
// are each one explicit list (metrics.Catalog, input's specs, render's
// formatList).
func TestNoInit(t *testing.T) {
	for _, f := range sources(t) {
		for _, d := range f.ast.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s has an init()", f.path)
			}
		}
	}
}

// A metric is one place: its id, as a string, appears in at most three
// non-test Go files (its own file in internal/metrics, the reader of
// Amazon's seller performance report that maps Amazon's names to ours,
// and one more at most). Everything else reads the catalog or the id's
// constant.
func TestMetricIDsInFewFiles(t *testing.T) {
	files := sources(t)
	for _, m := range metrics.Figures() { // the work lists' ids are common words ("risks")
		id := m.ID
		in := map[string]bool{}
		for _, f := range files {
			ast.Inspect(f.ast, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && s == id {
						in[f.path] = true
					}
				}
				return true
			})
		}
		if len(in) > 3 {
			paths := make([]string, 0, len(in))
			for p := range in {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			t.Errorf("metric id %q is written in %d files, at most 3: %v", id, len(in), paths)
		}
	}
}
