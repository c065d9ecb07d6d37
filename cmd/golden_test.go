package cmd

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestGolden pins every output format byte for byte. Paths in the output
// are relative to the repository root, as a user would type them.
func TestGolden(t *testing.T) {
	tests := []goldenCase{
		{name: "table on a terminal", tty: true, args: []string{"odr", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "odr-table-tty.golden", stderr: "odr-table-tty.stderr.golden", wantColour: true},
		{name: "table piped", args: []string{"odr", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "odr-table-piped.golden", stderr: "odr-table-piped.stderr.golden"},
		{name: "json", args: []string{"odr", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitFailed, stdout: "odr-json.golden", stderr: "odr-json.stderr.golden"},
		{name: "json on a terminal is the same document", tty: true, args: []string{"odr", "--as-of", "2026-11-20", "--output", "json", acme},
			wantCode: ExitFailed, stdout: "odr-json.golden"},
		{name: "json, no orders in the window", args: []string{"odr", "--as-of", "2026-11-20", "-o", "json", emptyWindow},
			wantCode: ExitOK, stdout: "odr-json-no-data.golden", stderr: "odr-json-no-data.stderr.golden"},
		{name: "table, no orders in the window", args: []string{"odr", "--as-of", "2026-11-20", emptyWindow},
			wantCode: ExitOK, stdout: "odr-table-no-data.golden"},
		{name: "--color never on a terminal", tty: true, args: []string{"odr", "--as-of", "2026-11-20", "--color", "never", acme},
			wantCode: ExitFailed, stdout: "odr-table-color-never-tty.golden"},
		{name: "--color always piped", args: []string{"odr", "--as-of", "2026-11-20", "--color=always", acme},
			wantCode: ExitFailed, stdout: "odr-table-color-always-piped.golden", wantColour: true},
		{name: "version", args: []string{"version"}, wantCode: ExitOK, stdout: "version.golden"},
		{name: "--version is audit version", args: []string{"--version"}, wantCode: ExitOK, stdout: "version.golden"},

		// audit all: every metric in one table or document.
		{name: "all, acme-us, table on a terminal", tty: true, args: []string{"all", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "all-us-table-tty.golden", stderr: "all-us-table-tty.stderr.golden", wantColour: true},
		{name: "all, acme-us, table piped", args: []string{"all", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "all-us-table-piped.golden", stderr: "all-us-table-piped.stderr.golden"},
		{name: "all, acme-us, json", args: []string{"all", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitFailed, stdout: "all-us-json.golden", stderr: "all-us-json.stderr.golden"},
		{name: "all, acme-de, table on a terminal", tty: true, args: []string{"all", "--as-of", "2026-11-20", acmeDE},
			wantCode: ExitFailed, stdout: "all-de-table-tty.golden", stderr: "all-de-table-tty.stderr.golden", wantColour: true},
		{name: "all, acme-de, table piped", args: []string{"all", "--as-of", "2026-11-20", acmeDE},
			wantCode: ExitFailed, stdout: "all-de-table-piped.golden", stderr: "all-de-table-piped.stderr.golden"},
		{name: "all, acme-de, json", args: []string{"all", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitFailed, stdout: "all-de-json.golden", stderr: "all-de-json.stderr.golden"},
		{name: "all, acme-de, --marketplace DE is the same document", args: []string{"all", "--as-of", "2026-11-20", "--marketplace", "DE", "-o", "json", acmeDE},
			wantCode: ExitFailed, stdout: "all-de-json.golden"},

		// One metric each on acme-de (warns pass by default; the IDR fails).
		{name: "late-shipment, acme-de, json", args: []string{"late-shipment", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitOK, stdout: "de-late-shipment-json.golden"},
		{name: "cancellation, acme-de, json", args: []string{"cancellation", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitOK, stdout: "de-cancellation-json.golden"},
		{name: "tracking, acme-de, json", args: []string{"tracking", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitOK, stdout: "de-tracking-json.golden"},
		{name: "delivery, acme-de, json (advisory: a miss warns)", args: []string{"delivery", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitOK, stdout: "de-delivery-json.golden"},
		{name: "idr, acme-de, json", args: []string{"idr", "--as-of", "2026-11-20", "-o", "json", acmeDE},
			wantCode: ExitFailed, stdout: "de-idr-json.golden", stderr: "de-idr-json.stderr.golden"},
		{name: "idr, acme-de, table piped", args: []string{"idr", "--as-of", "2026-11-20", acmeDE},
			wantCode: ExitFailed, stdout: "de-idr-table-piped.golden"},
		{name: "delivery, acme-de, table piped", args: []string{"delivery", "--as-of", "2026-11-20", acmeDE},
			wantCode: ExitOK, stdout: "de-delivery-table-piped.golden", stderr: "de-delivery-table-piped.stderr.golden"},
		{name: "late-shipment, acme-us, table piped", args: []string{"late-shipment", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "us-late-shipment-table-piped.golden"},
		{name: "idr, acme-us, table piped (not computed)", args: []string{"idr", "--as-of", "2026-11-20", acme},
			wantCode: ExitOK, stdout: "us-idr-table-piped.golden", stderr: "us-idr-table-piped.stderr.golden"},
	}
	checkGolden(t, tests)
}

// The colour flags change the escape codes and nothing else.
func TestColourFlagsOnlyChangeEscapes(t *testing.T) {
	for _, base := range [][]string{
		{"odr", "--as-of", "2026-11-20", acme},
		{"all", "--as-of", "2026-11-20", acmeDE},
	} {
		t.Run(base[0], func(t *testing.T) { colourFlags(t, base) })
	}
}

func colourFlags(t *testing.T, base []string) {
	tty := run(t, true, base...)
	piped := run(t, false, base...)
	never := run(t, true, append([]string{"--color", "never"}, base...)...)
	always := run(t, false, append([]string{"--color", "always"}, base...)...)
	autoTTY := run(t, true, append([]string{"--color", "auto"}, base...)...)
	autoPiped := run(t, false, append([]string{"--color", "auto"}, base...)...)

	if never.stdout != piped.stdout {
		t.Errorf("--color never on a terminal differs from the piped table:\n%s", firstDiff(never.stdout, piped.stdout))
	}
	if always.stdout != tty.stdout {
		t.Errorf("--color always piped differs from the terminal table:\n%s", firstDiff(always.stdout, tty.stdout))
	}
	if autoTTY.stdout != tty.stdout || autoPiped.stdout != piped.stdout {
		t.Error("--color auto differs from the default")
	}
	if got := stripANSI(tty.stdout); got != piped.stdout {
		t.Errorf("the coloured table without its escape codes differs from the plain one:\n%s", firstDiff(got, piped.stdout))
	}
	// Each verdict has its colour: WARN yellow, PASS green, FAIL red (bold).
	for _, want := range []string{"\x1b[33;1mWARN\x1b[0", "\x1b[32;1mPASS\x1b[0", "\x1b[31;1mFAIL\x1b[0"} {
		if !strings.Contains(tty.stdout, want) {
			t.Errorf("terminal table lacks %q", want)
		}
	}
}

// NO_COLOR set to a non-empty value wins over --color always; an empty
// NO_COLOR= is no request (no-color.org). (With --color auto, NO_COLOR and
// TERM are read by iostreams.System, which the test streams bypass; its
// own tests and the end-to-end test cover them.)
func TestNoColorEnv(t *testing.T) {
	for _, val := range []string{"1", ""} {
		t.Run("NO_COLOR="+val, func(t *testing.T) {
			t.Setenv("NO_COLOR", val)
			for _, tty := range []bool{true, false} {
				r := run(t, tty, "odr", "--as-of", "2026-11-20", "--color", "always", acme)
				if r.code != ExitFailed {
					t.Errorf("tty=%v: exit code %d, want %d", tty, r.code, ExitFailed)
				}
				if val != "" && (hasANSI(r.stdout) || hasANSI(r.stderr)) {
					t.Errorf("tty=%v: escape codes with NO_COLOR set:\n%q", tty, r.stdout)
				}
				if val == "" && !hasANSI(r.stdout) {
					t.Errorf("tty=%v: no colour with --color always and an empty NO_COLOR:\n%q", tty, r.stdout)
				}
			}
		})
	}
}

// stripANSI removes SGR sequences (ESC [ ... m).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && s[j] != 'm' {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// The audit all table shows the figures of the JSON document, row by row,
// so that a table golden cannot pin a number the JSON (checked against the
// expected files) does not have.
func TestAllTableMatchesJSON(t *testing.T) {
	row := regexp.MustCompile(`\s(-|\d+\.\d\d%)\s+(-|\d+ / \d+)\s+\S.*?\s(PASS|WARN|INCOMPLETE|FAIL|NO DATA|NOT COMPUTED)(\s|$)`)
	for _, c := range []struct{ dir, asOf string }{{acme, "2026-11-20"}, {acmeDE, "2026-11-20"}, {clean, "2026-11-20"},
		{acme, "2026-12-07"}} { // most entries incomplete
		dir := c.dir
		t.Run(filepath.Base(dir)+" "+c.asOf, func(t *testing.T) {
			table := run(t, false, "all", "--as-of", c.asOf, dir).stdout
			var doc struct {
				Metrics []struct {
					Value                  *float64
					Numerator, Denominator int
					Status                 string
				}
			}
			if err := json.Unmarshal([]byte(run(t, false, "all", "--as-of", c.asOf, "-o", "json", dir).stdout), &doc); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(table, "\n")
			if len(lines) < 3+len(doc.Metrics) || !strings.HasPrefix(lines[2], "METRIC") {
				t.Fatalf("unexpected table layout:\n%s", table)
			}
			for i, m := range doc.Metrics {
				line := lines[3+i]
				g := row.FindStringSubmatch(line)
				if g == nil {
					t.Errorf("row %d: no rate, count and status in %q", i, line)
					continue
				}
				rate, count := "-", "-"
				if m.Value != nil {
					rate = strconv.FormatFloat(*m.Value*100, 'f', 2, 64) + "%"
				}
				if m.Status != "not_computed" {
					count = itoa(m.Numerator) + " / " + itoa(m.Denominator)
				}
				status := strings.ToUpper(strings.ReplaceAll(m.Status, "_", " "))
				if g[1] != rate || g[2] != count || g[3] != status {
					t.Errorf("row %d %q: %s %s %s, want %s %s %s (JSON)", i, line, g[1], g[2], g[3], rate, count, status)
				}
			}
		})
	}
}
