package cmd

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/iostreams"
)

// go test ./cmd -update rewrites the golden files in testdata/golden/.
var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/golden/")

// fixedNow is the clock every test runs with: late on 20 November in
// California, already 21 November in UTC.
var fixedNow = time.Date(2026, 11, 20, 23, 30, 0, 0, time.FixedZone("PST", -8*60*60))

// Sample accounts, relative to the repository root (see TestMain).
const (
	acme        = "testdata/accounts/acme-us"
	acmeDE      = "testdata/accounts/acme-de"
	warnOnly    = "testdata/accounts/warn-only"
	clean       = "testdata/accounts/clean"
	emptyWindow = "testdata/accounts/empty-window"
	broken      = "testdata/accounts/broken"
	goldenDir   = "testdata/golden"
)

func TestMain(m *testing.M) {
	// Run from the repository root, so that the file names the output
	// carries (testdata/accounts/acme-us/Feedback.txt) are the ones the
	// end-to-end test of the binary sees, and both share the goldens.
	// No user config file or AUDIT_* variable of the machine may leak in.
	cfgHome, err := os.MkdirTemp("", "audit-config-home")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("XDG_CONFIG_HOME", cfgHome)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AUDIT_") {
			os.Unsetenv(k)
		}
	}
	if err := os.Chdir(".."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Colour must not depend on the caller's environment; tests that need
	// NO_COLOR set it themselves.
	os.Unsetenv("NO_COLOR")
	os.Unsetenv("CLICOLOR_FORCE")
	os.Exit(m.Run())
}

// result is one run of the command line.
type result struct {
	code           int
	stdout, stderr string
}

// run executes the command line with test streams (a terminal or not) and
// the fixed clock.
func run(t *testing.T, tty bool, args ...string) result {
	t.Helper()
	return runWith(t, tty, nil, args...)
}

// runWith is run with the environment lookupEnv gives (nil: the process's).
func runWith(t *testing.T, tty bool, lookupEnv func(string) (string, bool), args ...string) result {
	t.Helper()
	return runStreams(t, tty, 0, lookupEnv, args...)
}

// runWidth runs on a terminal stdout width columns wide.
func runWidth(t *testing.T, width int, args ...string) result {
	t.Helper()
	return runStreams(t, true, width, nil, args...)
}

// runStreams is run with a terminal of width columns (0: unknown).
func runStreams(t *testing.T, tty bool, width int, lookupEnv func(string) (string, bool), args ...string) result {
	t.Helper()
	streams, out, errOut := iostreams.Test(tty)
	streams.OutWidth = width
	// Progress lines would show at once on the test streams: tests that
	// check them use runProgress.
	streams.ProgressDelay = time.Hour
	code := Execute(args, Env{IO: streams, LookupEnv: lookupEnv, Now: func() time.Time { return fixedNow }, Version: "test"})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// golden compares got with testdata/golden/name byte for byte, or rewrites
// the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./cmd -update` to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run `go test ./cmd -update` if the change is intended):\n%s", path, firstDiff(got, string(want)))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q\n--- got in full ---\n%s", i+1, gl, wl, got)
		}
	}
	return "(equal line by line)"
}

// hasANSI says whether s carries an escape sequence.
func hasANSI(s string) bool { return strings.Contains(s, "\x1b") }

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func mustEqualBytes(t *testing.T, what string, a, b []byte) {
	t.Helper()
	if !bytes.Equal(a, b) {
		t.Errorf("%s differ:\n%s", what, firstDiff(string(a), string(b)))
	}
}

// runProgress runs with a terminal on both streams and progress lines shown
// at once.
func runProgress(t *testing.T, args ...string) result {
	t.Helper()
	streams, out, errOut := iostreams.Test(true)
	code := Execute(args, Env{IO: streams, Now: func() time.Time { return fixedNow }, Version: "test"})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// goldenCase is one command line whose output golden files pin.
type goldenCase struct {
	name       string
	tty        bool
	args       []string
	wantCode   int
	stdout     string // golden file of stdout
	stderr     string // golden file of stderr ("" = not pinned)
	wantColour bool
}

// checkGolden runs each case and compares its exit code, its colour and
// its output with the golden files (rewritten with -update).
func checkGolden(t *testing.T, tests []goldenCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.tty, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			if got := hasANSI(r.stdout); got != tt.wantColour {
				t.Errorf("stdout has escape codes: %v, want %v", got, tt.wantColour)
			}
			if hasANSI(r.stderr) {
				t.Errorf("stderr has escape codes:\n%q", r.stderr)
			}
			golden(t, tt.stdout, r.stdout)
			if tt.stderr != "" {
				golden(t, tt.stderr, r.stderr)
			}
		})
	}
}
