package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reading flags: a bad value is a usage error (exit 2, with the hint);
// a good one changes what is read.
func TestInputFlags(t *testing.T) {
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"odr", "--encoding", "ebcdic", acme}, `--encoding: unknown encoding "ebcdic"`},
		{[]string{"odr", "--column", "orders.kaufdatum=Kaufdatum", acme}, `the All Orders report has no column "kaufdatum"`},
		{[]string{"all", "--column", "purchase-date=Kaufdatum", acme}, "want kind.column=Header"},
	}
	for _, c := range bad {
		r := run(t, false, c.args...)
		if r.code != ExitError || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "Run 'audit "+c.args[0]+" --help'") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}

	// A German orders export with the seller's own headers reads with
	// --column, and its ODR comes out.
	dir := t.TempDir()
	orders := "Bestellnummer\tKaufdatum\tVersand durch\tBestellstatus\n" +
		"302-1\t2026-10-01T10:00:00+02:00\tAmazon\tShipped\n302-2\t2026-10-02T10:00:00+02:00\tMerchant\tShipped\n"
	if err := os.WriteFile(filepath.Join(dir, "bestellungen.txt"), []byte(orders), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"odr", "--as-of", "2026-11-20", "-o", "json",
		"--column", "orders.amazon-order-id=Bestellnummer", "--column", "orders.purchase-date=Kaufdatum",
		"--column", "orders.fulfillment-channel=Versand durch", "--column", "orders.order-status=Bestellstatus", dir}
	r := run(t, false, args...)
	if r.code != ExitOK || !strings.Contains(r.stdout, `"denominator": 2`) {
		t.Errorf("--column: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// --show-pii: an e-mail in a bad value is masked unless asked for.
func TestShowPII(t *testing.T) {
	p := filepath.Join(t.TempDir(), "claims.csv")
	if err := os.WriteFile(p, []byte("order-id,claim-date,claim-status\n111-1,2026-09-01,jane@example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, false, "odr", p)
	if r.code != ExitError || strings.Contains(r.stderr, "jane@example.com") || !strings.Contains(r.stderr, "<e-mail>") {
		t.Errorf("masked: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, false, "odr", "--show-pii", p)
	if r.code != ExitError || !strings.Contains(r.stderr, "jane@example.com") {
		t.Errorf("--show-pii: exit %d, stderr %q", r.code, r.stderr)
	}
}
