package cmd

import (
	"strings"
	"testing"
)

// Words from a list are matched in any case, from a flag or from the
// environment and config file, as --marketplace de always was: the run is
// the same as with the words in lower case.
func TestEnumValuesInAnyCase(t *testing.T) {
	base := []string{"odr", "--as-of", "2026-11-20"}
	same := []struct {
		name        string
		env         map[string]string
		args, lower []string
	}{
		{"-o JSON", nil, []string{"-o", "JSON"}, []string{"-o", "json"}},
		{"--output Markdown", nil, []string{"--output", "Markdown"}, []string{"--output", "markdown"}},
		{"--fail-on Warn", nil, []string{"--fail-on", "Warn", "-o", "json"}, []string{"--fail-on", "warn", "-o", "json"}},
		{"--color Always", nil, []string{"--color", "Always"}, []string{"--color", "always"}},
		{"--encoding UTF-8", nil, []string{"--encoding", "UTF-8", "-o", "json"}, []string{"--encoding", "utf-8", "-o", "json"}},
		{"--profile AMAZON-EU", nil, []string{"--profile", "AMAZON-EU", "-o", "json"}, []string{"--profile", "amazon-eu", "-o", "json"}},
		{"AUDIT_OUTPUT=JSON", map[string]string{"AUDIT_OUTPUT": "JSON", "AUDIT_COLOR": "Never"}, nil, []string{"-o", "json"}},
	}
	for _, c := range same {
		t.Run(c.name, func(t *testing.T) {
			got := runEnv(t, c.env, append(append(append([]string{}, base...), c.args...), acme)...)
			want := runEnv(t, nil, append(append(append([]string{}, base...), c.lower...), acme)...)
			if got.code != want.code || got.stdout != want.stdout || got.code == ExitError {
				t.Errorf("exit %d, stderr %q; want exit %d and the same output as %v:\n%s", got.code, got.stderr, want.code, c.lower, firstDiff(got.stdout, want.stdout))
			}
		})
	}
	for _, args := range [][]string{
		{"thresholds", "-o", "JSON", "--profile", "Amazon-EU"},
		{"sources", "-o", "JSON", acme},
		{"trend", "-o", "JSON", "--as-of", "2026-11-20", acme},
	} {
		r := run(t, false, args...)
		if r.code == ExitError || !strings.HasPrefix(r.stdout, "{") {
			t.Errorf("%v: exit %d, stderr %q, stdout %.40q; want a JSON document", args, r.code, r.stderr, r.stdout)
		}
	}
}

// audit completion SHELL: a shell cobra has no script for is a usage error
// (exit 2), not the help and exit 0.
func TestCompletionUnknownShell(t *testing.T) {
	r := run(t, false, "completion", "tcsh")
	if r.code != ExitError || r.stdout != "" || !strings.Contains(r.stderr, `unknown shell "tcsh"`) || !strings.Contains(r.stderr, "bash") {
		t.Errorf("audit completion tcsh: exit %d, stdout %.60q, stderr %q; want 2 and the shells", r.code, r.stdout, r.stderr)
	}
	if !strings.HasSuffix(r.stderr, "Run 'audit completion --help' for usage.\n") {
		t.Errorf("the hint does not name audit completion's help:\n%s", r.stderr)
	}
	if r := run(t, false, "completion"); r.code != ExitOK || !strings.Contains(r.stdout, "bash") {
		t.Errorf("audit completion: exit %d, stdout %q; want its help", r.code, r.stdout)
	}
}

// A usage error names the help of the command that failed.
func TestUsageHintNamesTheCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		hint string
	}{
		{[]string{"odr", "--bogus", acme}, "audit odr --help"},
		{[]string{"config", "init", "--bogus"}, "audit config init --help"},
		{[]string{"thresholds", "-o", "xml"}, "audit thresholds --help"},
		{[]string{"bogus"}, "audit --help"},
		{[]string{"--bogus"}, "audit --help"},
	} {
		r := run(t, false, c.args...)
		if want := "Run '" + c.hint + "' for usage.\n"; r.code != ExitError || !strings.HasSuffix(r.stderr, want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, want)
		}
	}
}
