package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

// allegroSeller is the Allegro sample account (testdata/accounts/README.md,
// "allegro-seller"): two overlapping GET /sale/quality responses.
const allegroSeller = "testdata/accounts/allegro-seller"

// The Allegro figures in every format the golden files pin.
func TestAllegroGolden(t *testing.T) {
	args := func(more ...string) []string {
		return append([]string{"allegro", "--as-of", "2026-11-30"}, append(more, allegroSeller)...)
	}
	checkGolden(t, []goldenCase{
		{name: "table piped", args: args(), wantCode: ExitFailed, stdout: "allegro-table-piped.golden", stderr: "allegro-table-piped.stderr.golden"},
		{name: "details", args: args("--details"), wantCode: ExitFailed, stdout: "allegro-details-table-piped.golden"},
		{name: "json", args: args("-o", "json"), wantCode: ExitFailed, stdout: "allegro-json.golden", stderr: "allegro-json.stderr.golden"},
		{name: "markdown", args: args("-o", "markdown"), wantCode: ExitFailed, stdout: "allegro-markdown.golden"},
		{name: "all, table piped", args: []string{"all", "--as-of", "2026-11-30", allegroSeller}, wantCode: ExitFailed, stdout: "allegro-all-table-piped.golden"},
	})
	for _, w := range []struct {
		name string
		args []string
	}{{"allegro-table-80", args()}, {"allegro-details-table-80", args("--details")}} {
		t.Run(w.name, func(t *testing.T) {
			r := runWidth(t, 80, w.args...)
			if r.code != ExitFailed {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, ExitFailed, r.stderr)
			}
			for _, line := range strings.Split(r.stdout, "\n") {
				if n := visibleWidth(line); n > 80 {
					t.Errorf("line of %d columns: %q", n, line)
				}
			}
			golden(t, w.name+".golden", r.stdout)
		})
	}
}

// visibleWidth is a line's width without its escape codes.
func visibleWidth(line string) int {
	n, esc := 0, false
	for _, r := range line {
		switch {
		case esc:
			esc = r != 'm'
		case r == '\x1b':
			esc = true
		default:
			n++
		}
	}
	return n
}

// The sample's figures, worked out by hand from the generator's days
// (testdata/gen/allegro_seller.py), as of 2026-11-30: window 11-01..11-30.
func TestAllegroSellerFigures(t *testing.T) {
	type entry struct {
		ID          string `json:"id"`
		Platform    string `json:"platform"`
		Numerator   int    `json:"numerator"`
		Denominator int    `json:"denominator"`
		Status      string `json:"status"`
		Period      *struct {
			From string `json:"from"`
		} `json:"period"`
		Defects []struct {
			OrderID string `json:"order_id"`
			Events  []struct {
				Status string `json:"status"`
			} `json:"events"`
		} `json:"defects"`
	}
	var doc struct {
		Status   string   `json:"status"`
		Metrics  []entry  `json:"metrics"`
		Warnings []string `json:"warnings"`
	}
	for _, c := range []struct {
		asOf string
		want map[string]string // id -> "num/den status [latest day] defects"
	}{
		// The latest day 11-29 (SUPER_PLUS, 472 of 500); 11 days SUPER
		// (11-15..11-25) and 4 SUPER_PLUS: 15 of 30, under the warn line
		// 16/30; 29 graded days, 11-06 LOW: 28 of 29, under 100 %.
		{"2026-11-30", map[string]string{
			"allegro_sales_quality":       "472/500 pass 2026-11-29 29",
			"allegro_super_seller_days":   "15/30 warn - 15",
			"allegro_days_good_or_better": "28/29 fail - 1",
		}},
		// Window 10-17..11-15, but the files start on 10-21: incomplete.
		// 11-15 is the only Super day; 10-25 and 11-06 are LOW, of 26
		// graded days.
		{"2026-11-15", map[string]string{
			"allegro_sales_quality":       "440/500 incomplete 2026-11-15 26",
			"allegro_super_seller_days":   "1/30 incomplete - 1",
			"allegro_days_good_or_better": "24/26 incomplete - 2",
		}},
		// Window 11-07..12-06: 11-06 has left, the 15 Super days remain,
		// and the files end on 11-29: incomplete.
		{"2026-12-06", map[string]string{
			"allegro_super_seller_days":   "15/30 incomplete - 15",
			"allegro_days_good_or_better": "23/23 incomplete - 0",
		}},
	} {
		t.Run(c.asOf, func(t *testing.T) {
			r := run(t, false, "allegro", "--as-of", c.asOf, "-o", "json", allegroSeller)
			doc.Metrics = nil
			if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
				t.Fatalf("%v\n%s", err, r.stdout)
			}
			for _, m := range doc.Metrics {
				want, ok := c.want[m.ID]
				if !ok {
					continue
				}
				period := "-"
				if m.Period != nil {
					period = m.Period.From
				}
				got := strings.Join([]string{itoa(m.Numerator) + "/" + itoa(m.Denominator), m.Status, period, itoa(len(m.Defects))}, " ")
				if got != want {
					t.Errorf("%s: %s, want %s", m.ID, got, want)
				}
				if m.Platform != "allegro" {
					t.Errorf("%s: platform %q", m.ID, m.Platform)
				}
			}
		})
	}
	// The conflict and the orders criterion are said.
	doc.Warnings = nil
	r := run(t, false, "allegro", "--as-of", "2026-11-30", "-o", "json", allegroSeller)
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	w := strings.Join(doc.Warnings, "\n")
	for _, s := range []string{"sale-quality-2026-11-30.json:269: Allegro sales quality for 2026-11-10 is 401 of 500, VERY_GOOD here but 390 of 500",
		"at least 50 orders in 30 days (unconfirmed)"} {
		if !strings.Contains(w, s) {
			t.Errorf("warnings lack %q:\n%s", s, w)
		}
	}
	// The numbers are profile entries: with the line at 12 of 30 days
	// (0.4) and the warn line at 0.45, 15 Super days pass.
	r = runEnv(t, map[string]string{"AUDIT_THRESHOLDS_ALLEGRO_SUPER_SELLER_DAYS_FAIL": "0.4", "AUDIT_THRESHOLDS_ALLEGRO_SUPER_SELLER_DAYS_WARN": "0.45"},
		"allegro", "--as-of", "2026-11-30", "-o", "json", allegroSeller)
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	for _, m := range doc.Metrics {
		if m.ID == "allegro_super_seller_days" && m.Status != "pass" {
			t.Errorf("allegro_super_seller_days at fail 0.4: %s, want pass", m.Status)
		}
	}
}
