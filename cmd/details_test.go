package cmd

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestGoldenDetails pins the per-order lists (--details, audit defects) and
// the csv format byte for byte.
func TestGoldenDetails(t *testing.T) {
	tests := []goldenCase{
		{wantCode: ExitFailed, name: "odr --details, table piped", args: []string{"odr", "--details", "--as-of", "2026-11-20", acme},
			stdout: "details-odr-table-piped.golden", stderr: "details-odr-table-piped.stderr.golden"},
		{wantCode: ExitFailed, name: "defects, table piped", args: []string{"defects", "--as-of", "2026-11-20", acme},
			stdout: "details-defects-table-piped.golden", stderr: "details-defects-table-piped.stderr.golden"},
		{wantCode: ExitFailed, name: "defects, table on a terminal", tty: true, args: []string{"defects", "--as-of", "2026-11-20", acme},
			stdout: "details-defects-table-tty.golden", stderr: "details-defects-table-tty.stderr.golden", wantColour: true},
		{wantCode: ExitFailed, name: "defects, csv", args: []string{"defects", "--as-of", "2026-11-20", "-o", "csv", acme},
			stdout: "csv-defects-us.golden", stderr: "csv-defects-us.stderr.golden"},
		{wantCode: ExitFailed, name: "defects, csv on a terminal is the same document", tty: true, args: []string{"defects", "--as-of", "2026-11-20", "-o", "csv", acme},
			stdout: "csv-defects-us.golden"},
		{wantCode: ExitFailed, name: "all, acme-us, csv", args: []string{"all", "--as-of", "2026-11-20", "-o", "csv", acme},
			stdout: "csv-all-us.golden", stderr: "csv-all-us.stderr.golden"},
		{wantCode: ExitFailed, name: "all, acme-de, csv", args: []string{"all", "--as-of", "2026-11-20", "-o", "csv", acmeDE},
			stdout: "csv-all-de.golden", stderr: "csv-all-de.stderr.golden"},
		// The defects list, then audit feedback's work list, as the table
		// of all --details shows it (TestAllDetailsCSVIsTheDefectsList).
		{wantCode: ExitFailed, name: "all --details, acme-us, csv", args: []string{"all", "--details", "--as-of", "2026-11-20", "-o", "csv", acme},
			stdout: "csv-all-details-us.golden"},
	}
	// Every sample account fails an entry on 2026-11-20.
	checkGolden(t, tests)
}

// The csv documents parse as CSV, every row as wide as the header (the
// reader checks), and carry no warnings.
func TestCSVWellFormed(t *testing.T) {
	for _, c := range []struct {
		args   []string
		header string
		rows   int
	}{
		{[]string{"all", "--as-of", "2026-11-20", "-o", "csv", acme}, "metric,name,", 9},
		{[]string{"all", "--as-of", "2026-11-20", "-o", "csv", acmeDE}, "metric,name,", 9},
		// acme-us: 5 ODR events, 1 late shipment in each window, 1
		// shipment without valid tracking, 4 late deliveries.
		{[]string{"defects", "--as-of", "2026-11-20", "-o", "csv", acme}, "metric,fulfillment,", 5 + 2 + 1 + 4},
	} {
		r := run(t, false, c.args...)
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Errorf("%v: not CSV: %v", c.args, err)
			continue
		}
		if !strings.HasPrefix(r.stdout, c.header) {
			t.Errorf("%v: header %q", c.args, recs[0])
		}
		if len(recs)-1 != c.rows {
			t.Errorf("%v: %d rows, want %d", c.args, len(recs)-1, c.rows)
		}
		if strings.Contains(r.stdout, "warning") {
			t.Errorf("%v: a warning in the document:\n%s", c.args, r.stdout)
		}
	}
}

// --details adds the per-order lists after the table, its forecast and what
// was not computed; every other line stays as it was.
func TestDetailsKeepsTheTable(t *testing.T) {
	for _, c := range []struct {
		args  []string
		first string // the first list's heading
	}{
		{[]string{"odr", "--as-of", "2026-11-20", acme}, "Defective orders: 2"},
		{[]string{"all", "--as-of", "2026-11-20", acme}, "Defective orders: 2"},
		{[]string{"all", "--as-of", "2026-11-20", acmeDE}, "Defective orders: 1"},
	} {
		for _, tty := range []bool{false, true} {
			plain := run(t, tty, c.args...)
			detailed := run(t, tty, append([]string{c.args[0], "--details"}, c.args[1:]...)...)
			// odr --details also lists the negative feedback: its summary
			// counts the removable ones.
			stderr := strings.Replace(detailed.stderr, "; 1 removable feedback", "", 1)
			if plain.code != detailed.code || strings.Replace(plain.stderr, "; 1 removable feedback", "", 1) != stderr {
				t.Errorf("%v tty %v: --details changed the exit code or stderr", c.args, tty)
			}
			out := stripANSI(detailed.stdout)
			start := strings.Index(out, "\n"+c.first+"\n")
			end := strings.Index(out, "\n1 defect not counted")
			if start < 0 || end < start {
				t.Errorf("%v tty %v: no lists before the unplaced defects:\n%s", c.args, tty, out)
				continue
			}
			if got, want := out[:start]+out[end:], stripANSI(plain.stdout); got != want {
				t.Errorf("%v tty %v: --details changed more than the lists:\n%s", c.args, tty, firstDiff(got, want))
			}
			if !strings.HasPrefix(detailed.stdout, plain.stdout[:strings.Index(plain.stdout, "\n\n")]) {
				t.Errorf("%v tty %v: the title changed", c.args, tty)
			}
		}
	}
}

// audit all --details -o csv is the defects list, then the rows of the
// negative feedback work list the table of all --details shows too.
func TestAllDetailsCSVIsTheDefectsList(t *testing.T) {
	defects := run(t, false, "defects", "--as-of", "2026-11-20", "-o", "csv", acme).stdout
	all := run(t, false, "all", "--details", "--as-of", "2026-11-20", "-o", "csv", acme).stdout
	rest, ok := strings.CutPrefix(all, defects)
	if !ok {
		t.Fatalf("all --details does not start with the defects list:\n%s", firstDiff(all, defects))
	}
	lines := strings.Split(strings.TrimSuffix(rest, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d rows after the defects list, want the 2 negative feedback:\n%s", len(lines), rest)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "removable_feedback,") {
			t.Errorf("row after the defects list: %q", l)
		}
	}
}
