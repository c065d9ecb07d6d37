package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/iostreams"
)

func TestManPage(t *testing.T) {
	a := run(t, false, "man")
	if a.code != ExitOK {
		t.Fatalf("audit man: exit %d, stderr %s", a.code, a.stderr)
	}
	for _, want := range []string{`.TH "AUDIT" "1"`, ".SH NAME", "Exit codes: 0 healthy", ".SH SEE ALSO", `\fBaudit-odr(1)\fP`} {
		if !strings.Contains(a.stdout, want) {
			t.Errorf("audit man lacks %q", want)
		}
	}
	if strings.Contains(a.stdout, "Auto generated") {
		t.Error("the page carries cobra's dated auto-generated tag: not reproducible")
	}
	if b := run(t, false, "man"); b.stdout != a.stdout {
		t.Error("two runs of audit man differ")
	}

	dir := t.TempDir()
	if r := run(t, false, "man", "--dir", dir); r.code != ExitOK {
		t.Fatalf("audit man --dir: exit %d, stderr %s", r.code, r.stderr)
	}
	for _, name := range []string{"audit.1", "audit-odr.1", "audit-all.1", "audit-defects.1", "audit-trend.1", "audit-thresholds.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("audit man --dir wrote no %s: %v", name, err)
			continue
		}
		if !strings.HasPrefix(string(b), ".nh\n.TH") {
			t.Errorf("%s is not a man page: %.40q", name, b)
		}
	}
	if r := run(t, false, "man", "--dir", filepath.Join(dir, "missing")); r.code != ExitError {
		t.Errorf("audit man --dir missing: exit %d, want %d", r.code, ExitError)
	}
}

// TestManHeaders: each page is titled by its command, and dated by
// SOURCE_DATE_EPOCH, else the build's date, else the day of the run.
func TestManHeaders(t *testing.T) {
	manRun := func(t *testing.T, env map[string]string, date string, args ...string) result {
		t.Helper()
		streams, out, errOut := iostreams.Test(false)
		code := Execute(args, Env{IO: streams, LookupEnv: envOf(env), Now: func() time.Time { return fixedNow }, Version: "test", Date: date})
		return result{code: code, stdout: out.String(), stderr: errOut.String()}
	}
	th := func(s string) string { l, _, _ := strings.Cut(strings.TrimPrefix(s, ".nh\n"), "\n"); return l }
	dates := []struct {
		name string
		env  map[string]string
		date string
		want string
	}{
		{"SOURCE_DATE_EPOCH first", map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}, "2025-03-04T05:06:07Z", `.TH "AUDIT" "1" "Jan 2026" "audit test" "audit manual"`},
		{"the build's date", nil, "2025-03-04T05:06:07Z", `.TH "AUDIT" "1" "Mar 2025" "audit test" "audit manual"`},
		{"no build date: the clock", nil, "", `.TH "AUDIT" "1" "Nov 2026" "audit test" "audit manual"`},
	}
	for _, d := range dates {
		r := manRun(t, d.env, d.date, "man")
		if got := th(r.stdout); r.code != ExitOK || got != d.want {
			t.Errorf("%s: exit %d, header %q, want %q", d.name, r.code, got, d.want)
		}
	}
	if r := manRun(t, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, "", "man"); r.code != ExitError || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d, stderr %q", r.code, r.stderr)
	}

	dir := t.TempDir()
	if r := manRun(t, nil, "2025-03-04T05:06:07Z", "man", "--dir", dir); r.code != ExitOK {
		t.Fatalf("audit man --dir: exit %d, stderr %s", r.code, r.stderr)
	}
	for name, title := range map[string]string{"audit.1": `"AUDIT"`, "audit-odr.1": `"AUDIT-ODR"`, "audit-late-shipment.1": `"AUDIT-LATE-SHIPMENT"`, "audit-config-init.1": `"AUDIT-CONFIG-INIT"`} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no %s: %v", name, err)
			continue
		}
		if want := ".TH " + title + ` "1" "Mar 2025" "audit test" "audit manual"`; th(string(b)) != want {
			t.Errorf("%s: header %q, want %q", name, th(string(b)), want)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := run(t, false, "completion", shell)
		if r.code != ExitOK || !strings.Contains(r.stdout, "audit") || len(r.stdout) < 500 {
			t.Errorf("audit completion %s: exit %d, %d bytes", shell, r.code, len(r.stdout))
		}
	}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"odr", "--output", ""}, []string{"json", "table", "csv", "markdown", "junit", "html"}},
		{[]string{"all", "--marketplace", "D"}, []string{"DE"}},
		{[]string{"all", "--profile", "amazon-"}, []string{"amazon-us", "amazon-eu"}},
		{[]string{"odr", "--fail-on", ""}, []string{"fail", "warn", "incomplete", "no-data", "never"}},
		{[]string{""}, []string{"odr", "all", "defects", "trend", "thresholds", "man"}},
	}
	for _, c := range cases {
		r := run(t, false, append([]string{"__complete"}, c.args...)...)
		lines := map[string]bool{}
		for _, l := range strings.Split(r.stdout, "\n") {
			lines[strings.SplitN(l, "\t", 2)[0]] = true
		}
		for _, w := range c.want {
			if !lines[w] {
				t.Errorf("completing %q: %q not offered in\n%s", c.args, w, r.stdout)
			}
		}
	}
}
