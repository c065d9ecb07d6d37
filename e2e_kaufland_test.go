package main

import (
	"os"
	"strings"
	"testing"
)

// The real binary on the Kaufland sample account prints what the cmd
// golden tests pin (cmd/kaufland_test.go), exits 1 on its failing
// cancellation rate, and shows no buyer's e-mail or name.
func TestE2EKaufland(t *testing.T) {
	const dir = "testdata/accounts/kaufland-seller"
	for _, tt := range []struct {
		name           string
		args           []string
		stdout, stderr string
	}{
		{"table", []string{"kaufland", "--as-of", "2026-12-06", dir}, "kaufland-table-piped.golden", "kaufland-table-piped.stderr.golden"},
		{"json", []string{"kaufland", "--as-of", "2026-12-06", "-o", "json", dir}, "kaufland-json.golden", "kaufland-json.stderr.golden"},
		{"markdown", []string{"kaufland", "--as-of", "2026-12-06", "-o", "markdown", dir}, "kaufland-markdown.golden", ""},
		{"november, json", []string{"kaufland", "--as-of", "2026-11-30", "-o", "json", dir}, "kaufland-november-json.golden", "kaufland-november-json.stderr.golden"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := audit(t, nil, tt.args...)
			if r.code != 1 {
				t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			if want := readGolden(t, tt.stdout); r.stdout != want {
				t.Errorf("stdout differs from %s:\n got:\n%s\nwant:\n%s", tt.stdout, r.stdout, want)
			}
			if tt.stderr != "" {
				if want := readGolden(t, tt.stderr); r.stderr != want {
					t.Errorf("stderr differs from %s:\n got:\n%s\nwant:\n%s", tt.stderr, r.stderr, want)
				}
			}
			for _, pii := range []string{"@buyer.kaufland", "Schmidt", "Nováková"} {
				if strings.Contains(r.stdout+r.stderr, pii) {
					t.Errorf("the output shows %q", pii)
				}
			}
		})
	}
	// A damaged unit is an input error at its place: exit 2.
	bad := t.TempDir() + "/units.json"
	writeKauflandFile(t, bad, `{"data": [`+"\n"+`{"id_order_unit": "x"}`+"\n]}\n")
	r := audit(t, nil, "kaufland", "--as-of", "2026-12-06", bad)
	if r.code != 2 || !strings.Contains(r.stderr, bad+`:2:19: id_order_unit: want a whole number, got "x"`) {
		t.Errorf("damaged file: exit %d, stderr %q", r.code, r.stderr)
	}
}

func writeKauflandFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
