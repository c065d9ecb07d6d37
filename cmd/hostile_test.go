package cmd

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile and damaged input at the command level: the exit code and the
// message a user sees (the readers' own tests cover every case in detail).
func TestHostileInputExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	orders := "amazon-order-id\tpurchase-date\tfulfillment-channel\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(orders + "111-1\t2026-10-01T10:00:00+00:00\tAmazon\n"))
	zw.Close()
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	f, _ := z.Create("orders.txt")
	f.Write([]byte(orders + "111-2\t2026-10-01T10:00:00+00:00\tMerchant\n111-3\t2026-02-30T10:00:00+00:00\tAmazon\n"))
	z.Close()
	empty := filepath.Join(dir, "empty-folder")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"impossible date", []string{write("bad-date.txt", []byte(orders+"111-1\t2026-02-30T10:00:00+00:00\tAmazon\n"))}, ExitError,
			`bad-date.txt:2:2: column "purchase-date": want an ISO-8601 date or time, got "2026-02-30T10:00:00+00:00"`},
		{"NUL in a row", []string{write("nul.txt", []byte(orders+"111-1\t2026-10-01\x00\tAmazon\n"))}, ExitError, "nul.txt:2:2:"},
		{"random bytes named", []string{write("noise.bin", []byte{0x89, 0x00, 0x13, 0xff, 0x01})}, ExitError, "noise.bin: not a recognised report (binary content)"},
		{"empty file named", []string{write("empty.txt", nil)}, ExitError, "empty.txt: not a recognised report (empty file)"},
		// A header without rows covers no day: the window is not covered.
		{"header only", []string{write("header.txt", []byte(orders))}, ExitOK, "INCOMPLETE"},
		{"gzip", []string{write("orders.gz", gz.Bytes())}, ExitOK, "0 / 1"},
		{"zip member with a bad date", []string{write("export.zip", zb.Bytes())}, ExitError, "export.zip:orders.txt:3:2:"},
		{"folder with no reports", []string{empty}, ExitError, "no report among the inputs feeds audit odr: it reads All Orders report"},
	}
	for _, c := range cases {
		args := append([]string{"odr", "--as-of", "2026-11-20"}, c.args...)
		r := run(t, false, args...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("%s: exit %d (want %d), output lacks %q:\n%s%s", c.name, r.code, c.code, c.want, r.stdout, r.stderr)
		}
	}
}
