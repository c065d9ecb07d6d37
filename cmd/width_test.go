package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestGoldenWidth pins the table on terminals 80 and 120 columns wide
// (docs/outputs.md, "The table"): the less important columns dropped or
// shortened, prose wrapped at word boundaries.
func TestGoldenWidth(t *testing.T) {
	all := []string{"all", "--as-of", "2026-11-20", acme}
	odr := []string{"odr", "--as-of", "2026-11-20", acme}
	fleet := []string{"all", "--as-of", "2026-11-20", "--accounts", "testdata/accounts"}
	trend := []string{"trend", "--as-of", "2026-11-20", acme}
	for _, tt := range []struct {
		name  string
		width int
		args  []string
		code  int
	}{
		{"all-us-table-80", 80, all, ExitFailed},
		{"all-us-table-120", 120, all, ExitFailed},
		{"odr-table-80", 80, odr, ExitFailed},
		{"odr-table-120", 120, odr, ExitFailed},
		{"all-us-table-details-80", 80, []string{"all", "--details", "--as-of", "2026-11-20", acme}, ExitFailed},
		{"accounts-table-80", 80, fleet, ExitError},
		{"accounts-table-120", 120, fleet, ExitError},
		{"trend-table-80", 80, trend, ExitFailed},
		{"trend-table-120", 120, trend, ExitFailed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runWidth(t, tt.width, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			golden(t, tt.name+".golden", r.stdout)
		})
	}
}

// A table written to --output-file from a terminal is the piped one.
func TestOutputFileNotNarrowed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "health.txt")
	args := []string{"all", "--as-of", "2026-11-20", acme}
	runWidth(t, 80, append([]string{"--output-file", path}, args...)...)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if piped := run(t, false, args...).stdout; string(got) != piped {
		t.Errorf("--output-file on an 80-column terminal differs from the piped table:\n%s", firstDiff(string(got), piped))
	}
}

// No line of the table is wider than the terminal, at any width from 80
// columns up, and an unknown width (0) is the piped table in colour.
func TestTableFitsWidth(t *testing.T) {
	commands := [][]string{
		{"all", "--as-of", "2026-11-20", acme},
		{"all", "--as-of", "2026-11-20", "--details", acme},
		{"all", "--as-of", "2026-11-20", "--details", acmeDE},
		{"all", "--as-of", "2026-11-20", "--details", warnOnly},
		{"all", "--as-of", "2026-11-20", clean},
		{"all", "--as-of", "2026-11-20", emptyWindow},
		{"all", "--as-of", "2026-11-20", broken},
		{"all", "--as-of", "2026-11-20", "--details", "testdata/accounts/acme-service"},
		{"odr", "--as-of", "2026-11-20", acme},
		{"odr", "--as-of", "2026-11-20", warnOnly},
		{"odr", "--as-of", "2026-11-20", emptyWindow},
		{"service", "--as-of", "2026-11-20", "--details", "testdata/accounts/acme-service"},
		{"tracking", "--as-of", "2026-11-20", acme},
		{"delivery", "--as-of", "2026-11-20", acme},
		{"cancellation", "--as-of", "2026-11-20", acme},
		{"reconcile", "--as-of", "2026-11-20", acme},
		{"late-shipment", "--as-of", "2026-11-20", acme},
		{"idr", "--as-of", "2026-11-20", acmeDE},
		{"defects", "--as-of", "2026-11-20", acme},
		{"risks", "--as-of", "2026-11-20", acme},
		{"feedback", "--as-of", "2026-11-20", acme},
		{"all", "--as-of", "2026-11-20", "--accounts", "testdata/accounts"},
		{"all", "--as-of", "2026-11-20", "--details", "--accounts", "testdata/accounts"},
		{"odr", "--as-of", "2026-11-20", "--accounts", "testdata/accounts"},
		{"trend", "--as-of", "2026-11-20", acme},
		{"trend", "--as-of", "2026-11-20", acmeDE},
		{"trend", "--as-of", "2026-11-20", "testdata/accounts/acme-service"},
		{"trend", "--from", "2026-08-23", "--to", "2026-11-20", acme},
		{"trend", "--as-of", "2026-11-20", acme, "testdata/amazon/snapshots"},
	}
	for _, args := range commands {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			piped := run(t, false, args...)
			if got := stripANSI(runWidth(t, 0, args...).stdout); got != piped.stdout {
				t.Errorf("a terminal of unknown width differs from the piped table:\n%s", firstDiff(got, piped.stdout))
			}
			wide := stripANSI(runWidth(t, 1000, args...).stdout)
			if wide != piped.stdout {
				t.Errorf("a terminal wider than the table differs from the piped table:\n%s", firstDiff(wide, piped.stdout))
			}
			for _, width := range []int{80, 100, 120, 160} {
				out := stripANSI(runWidth(t, width, args...).stdout)
				for i, l := range strings.Split(out, "\n") {
					if utf8.RuneCountInString(l) > width {
						t.Errorf("width %d, line %d is %d columns: %q", width, i+1, utf8.RuneCountInString(l), l)
					}
				}
			}
		})
	}
}
