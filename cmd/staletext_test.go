package cmd

import (
	"os"
	"strings"
	"testing"
)

// The starter file of audit config init lists the real output formats.
func TestConfigInitListsFormats(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/audit.yaml"
	if r := run(t, false, "config", "init", path); r.code != ExitOK {
		t.Fatalf("audit config init: exit %d, stderr %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "(table or json)") {
		t.Error("the starter file says the output format is table or json")
	}
	for _, f := range []string{"csv", "markdown", "junit", "html"} {
		if !strings.Contains(s, f) {
			t.Errorf("the starter file does not name the %s format", f)
		}
	}
}

// audit all --help names the customer service metrics and their files.
func TestAllHelpNamesServiceMetrics(t *testing.T) {
	r := run(t, false, "all", "--help")
	for _, want := range []string{"contact response rate", "return dissatisfaction\nrate", "customer service rating", "buyer-messages", "audit service --help"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("audit all --help lacks %q", want)
		}
	}
}

// The README's stderr summaries of acme-us are the ones audit prints.
func TestREADMESummaryLines(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, false, "all", "--as-of", "2026-11-20", "-o", "json", acme)
	want := lastLine(r.stderr)
	if !strings.HasPrefix(want, "audit all: FAIL as of 2026-11-20: ") {
		t.Fatalf("no summary line on stderr:\n%s", r.stderr)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.Trim(strings.TrimSpace(line), "`")
		if !strings.HasPrefix(line, "audit all: FAIL as of 2026-11-20: FAIL odr mfn") {
			continue
		}
		n++
		if line != want {
			t.Errorf("README summary\n%s\ndiffers from audit's\n%s", line, want)
		}
	}
	if n == 0 {
		t.Error("README shows no summary line of acme-us")
	}
}
