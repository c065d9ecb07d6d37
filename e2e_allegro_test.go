package main

import (
	"encoding/json"
	"testing"
)

// The real binary on the Allegro sample account (testdata/accounts/README.md,
// "allegro-seller"): the outputs cmd's golden files pin, and the figures
// worked out by hand.
func TestE2EAllegro(t *testing.T) {
	const account = "testdata/accounts/allegro-seller"
	for _, c := range []struct {
		name           string
		args           []string
		stdout, stderr string
	}{
		{"table", []string{"allegro", "--as-of", "2026-11-30", account}, "allegro-table-piped.golden", "allegro-table-piped.stderr.golden"},
		{"details", []string{"allegro", "--as-of", "2026-11-30", "--details", account}, "allegro-details-table-piped.golden", ""},
		{"json", []string{"allegro", "--as-of", "2026-11-30", "-o", "json", account}, "allegro-json.golden", "allegro-json.stderr.golden"},
		{"markdown", []string{"allegro", "--as-of", "2026-11-30", "-o", "markdown", account}, "allegro-markdown.golden", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := audit(t, nil, c.args...)
			if r.code != 1 {
				t.Errorf("exit code %d, want 1 (a failing entry); stderr:\n%s", r.code, r.stderr)
			}
			if want := readGolden(t, c.stdout); r.stdout != want {
				t.Errorf("stdout differs from %s:\n%s", c.stdout, r.stdout)
			}
			if c.stderr != "" {
				if want := readGolden(t, c.stderr); r.stderr != want {
					t.Errorf("stderr differs from %s:\n%s", c.stderr, r.stderr)
				}
			}
		})
	}
	// The figures by hand (testdata/gen/allegro_seller.py): the latest day
	// 11-29 scored 472 of 500; 15 of the 30 days at Super or Super+; 28 of
	// the 29 graded days at Dobry or better (11-06 was LOW).
	r := audit(t, nil, "allegro", "--as-of", "2026-11-30", "-o", "json", account)
	var doc struct {
		Metrics []struct {
			ID          string `json:"id"`
			Numerator   int    `json:"numerator"`
			Denominator int    `json:"denominator"`
			Status      string `json:"status"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][3]any{
		"allegro_sales_quality":       {472, 500, "pass"},
		"allegro_super_seller_days":   {15, 30, "warn"},
		"allegro_days_good_or_better": {28, 29, "fail"},
	}
	if len(doc.Metrics) != len(want) {
		t.Errorf("%d entries, want %d", len(doc.Metrics), len(want))
	}
	for _, m := range doc.Metrics {
		if w := want[m.ID]; w != [3]any{m.Numerator, m.Denominator, m.Status} {
			t.Errorf("%s: %d/%d %s, want %v", m.ID, m.Numerator, m.Denominator, m.Status, w)
		}
	}
}
