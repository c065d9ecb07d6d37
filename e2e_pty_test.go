package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// On a real terminal (a pseudo-terminal made by util-linux's script),
// `--output-file` with the default table writes the uncoloured table to
// the file and still shows the table, in colour, and the warnings on the
// terminal; -o json keeps both too.
func TestE2EOutputFileOnATerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("needs util-linux's script to make a pseudo-terminal")
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name, format string
		fileHas      string
	}{{"table", "table", "Order Defect Rate"}, {"json", "json", `"schema_version": 1`}} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, "health."+c.format)
			line := auditBin + " odr --as-of 2026-11-20 -o " + c.format + " --output-file " + file + " " + acme
			cmd := exec.Command(script, "-q", "-e", "-c", line, "/dev/null")
			cmd.Env = append(os.Environ(), "TERM=xterm", "COLUMNS=120", "NO_COLOR=")
			out, err := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Fatalf("exit %d (%v), want 1 (the account fails a threshold):\n%s", code, err, out)
			}
			terminal := string(out)
			for _, want := range []string{"Order Defect Rate", "warning: skipped", "\x1b["} {
				if !strings.Contains(terminal, want) {
					t.Errorf("the terminal lacks %q:\n%q", want, terminal)
				}
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), c.fileHas) || strings.Contains(string(b), "\x1b") {
				t.Errorf("%s: %q", file, b)
			}
			if c.format == "table" && string(b) != readGolden(t, "odr-table-piped.golden") {
				t.Errorf("the file is not the piped table:\n%s", b)
			}
		})
	}
}
