package cmd

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The CI formats, -o junit and -o markdown, pinned byte for byte on the
// sample accounts as of 2026-11-20.
func TestCIFormatsGolden(t *testing.T) {
	const fleetDir = "testdata/accounts"
	tests := []struct {
		name     string
		args     []string
		wantCode int
		stdout   string
	}{
		{"all, acme-us, junit", []string{"all", "--as-of", "2026-11-20", "-o", "junit", acme}, ExitFailed, "junit-all-us.golden"},
		{"all, acme-de, junit", []string{"all", "--as-of", "2026-11-20", "-o", "junit", acmeDE}, ExitFailed, "junit-all-de.golden"},
		{"odr, acme-us, junit", []string{"odr", "--as-of", "2026-11-20", "-o", "junit", acme}, ExitFailed, "junit-odr-us.golden"},
		{"all, acme-us, markdown", []string{"all", "--as-of", "2026-11-20", "-o", "markdown", acme}, ExitFailed, "markdown-all-us.golden"},
		{"all, acme-de, markdown", []string{"all", "--as-of", "2026-11-20", "-o", "markdown", acmeDE}, ExitFailed, "markdown-all-de.golden"},
		// An unreadable account makes the exit code 2 once the others are written.
		{"all, --accounts, junit", []string{"all", "--accounts", fleetDir, "--as-of", "2026-11-20", "-o", "junit"}, ExitError, "junit-accounts.golden"},
		{"all, --accounts, markdown", []string{"all", "--accounts", fleetDir, "--as-of", "2026-11-20", "-o", "markdown"}, ExitError, "markdown-accounts.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, false, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			if hasANSI(r.stdout) || hasANSI(r.stderr) {
				t.Errorf("escape codes in the output:\n%q\n%q", r.stdout, r.stderr)
			}
			golden(t, tt.stdout, r.stdout)
			// A terminal gets the same document: these formats have no colour.
			if tty := run(t, true, tt.args...); tty.stdout != r.stdout {
				t.Errorf("on a terminal the document differs:\n%s", firstDiff(tty.stdout, r.stdout))
			}
			if strings.HasPrefix(tt.stdout, "junit-") {
				ciParseJUnit(t, r.stdout)
			}
		})
	}
}

// ciJUnit is what a JUnit XML consumer reads, declared here apart from the
// renderer's types.
type ciJUnit struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string    `xml:"name,attr"`
			Classname string    `xml:"classname,attr"`
			Failure   *struct{} `xml:"failure"`
			Error     *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// ciParseJUnit parses a JUnit document and checks that every count
// attribute agrees with the testcases it sums.
func ciParseJUnit(t *testing.T, doc string) ciJUnit {
	t.Helper()
	var j ciJUnit
	if err := xml.Unmarshal([]byte(doc), &j); err != nil {
		t.Fatalf("not JUnit XML: %v", err)
	}
	var tests, failures, errs, skipped int
	for _, s := range j.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			if c.Name == "" || !strings.HasPrefix(c.Classname, "audit.") {
				t.Errorf("suite %q: testcase name %q classname %q", s.Name, c.Name, c.Classname)
			}
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %q says tests %d failures %d errors %d skipped %d; its testcases: %d %d %d %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests, failures, errs, skipped = tests+s.Tests, failures+f, errs+e, skipped+sk
	}
	if j.Tests != tests || j.Failures != failures || j.Errors != errs || j.Skipped != skipped {
		t.Errorf("testsuites says tests %d failures %d errors %d skipped %d; its suites: %d %d %d %d",
			j.Tests, j.Failures, j.Errors, j.Skipped, tests, failures, errs, skipped)
	}
	return j
}

// audit all --accounts testdata/accounts -o junit is accepted by a JUnit
// XML parser: one testsuite per account subfolder, in name order, and the
// broken account an <error> of its own while the others are judged.
func TestCIFormatsFleetJUnitParses(t *testing.T) {
	const fleetDir = "testdata/accounts"
	entries, err := os.ReadDir(fleetDir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		if e.IsDir() {
			want = append(want, e.Name())
		}
	}
	sort.Strings(want)
	if len(want) < 3 {
		t.Fatalf("%s has %d subfolders, want at least 3", fleetDir, len(want))
	}
	r := run(t, false, "all", "--accounts", fleetDir, "--as-of", "2026-11-20", "-o", "junit")
	if r.code != ExitError {
		t.Errorf("exit code %d, want %d (an unreadable account); stderr:\n%s", r.code, ExitError, r.stderr)
	}
	j := ciParseJUnit(t, r.stdout)
	var got []string
	for _, s := range j.Suites {
		got = append(got, s.Name)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("testsuites %q, want one per subfolder %q", got, want)
	}
	if j.Errors != 1 {
		t.Errorf("%d errors, want 1 (broken)", j.Errors)
	}
	for _, s := range j.Suites {
		if s.Name != filepath.Base(broken) {
			if s.Errors != 0 || s.Tests == 0 {
				t.Errorf("account %s: %d tests, %d errors; want its metrics and no error", s.Name, s.Tests, s.Errors)
			}
			continue
		}
		if len(s.Cases) != 1 || s.Cases[0].Name != "load" || s.Cases[0].Error == nil {
			t.Fatalf("broken: testcases %+v, want one \"load\" with an <error>", s.Cases)
		}
		if msg := s.Cases[0].Error.Message; !strings.Contains(msg, "claims-maybe.csv") {
			t.Errorf("broken: error message %q does not name the bad file", msg)
		}
	}
	if j.Failures == 0 {
		t.Error("no failures, but acme-us and acme-de fail")
	}
}
