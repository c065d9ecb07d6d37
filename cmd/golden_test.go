package cmd

import (
	"strings"
	"testing"
)

// TestGolden pins every output format byte for byte. Paths in the output
// are relative to the repository root, as a user would type them.
func TestGolden(t *testing.T) {
	tests := []struct {
		name       string
		tty        bool
		args       []string
		wantCode   int
		stdout     string // golden file of stdout
		stderr     string // golden file of stderr ("" = not pinned)
		wantColour bool
	}{
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
	}
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

// The colour flags change the escape codes and nothing else.
func TestColourFlagsOnlyChangeEscapes(t *testing.T) {
	base := []string{"odr", "--as-of", "2026-11-20", acme}
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

// NO_COLOR (any value, even empty) wins over --color always. (With --color
// auto, NO_COLOR is read by iostreams.System, which the test streams bypass;
// the end-to-end test covers it.)
func TestNoColorEnv(t *testing.T) {
	for _, val := range []string{"1", ""} {
		t.Run("NO_COLOR="+val, func(t *testing.T) {
			t.Setenv("NO_COLOR", val)
			for _, tty := range []bool{true, false} {
				r := run(t, tty, "odr", "--as-of", "2026-11-20", "--color", "always", acme)
				if r.code != ExitFailed {
					t.Errorf("tty=%v: exit code %d, want %d", tty, r.code, ExitFailed)
				}
				if hasANSI(r.stdout) || hasANSI(r.stderr) {
					t.Errorf("tty=%v: escape codes with NO_COLOR set:\n%q", tty, r.stdout)
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
