package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

const kauflandSeller = "testdata/accounts/kaufland-seller"

// The Kaufland sample account's figures, pinned in every format touched:
// as of Sunday 2026-12-06 (December so far, the week 11-30..12-06) and as
// of 2026-11-30 (November whole). testdata/accounts/README.md says how each
// follows by hand.
func TestKauflandGolden(t *testing.T) {
	dec := []string{"kaufland", "--as-of", "2026-12-06", kauflandSeller}
	nov := []string{"kaufland", "--as-of", "2026-11-30", kauflandSeller}
	with := func(args []string, more ...string) []string { return append(append([]string{}, args...), more...) }
	checkGolden(t, []goldenCase{
		{name: "kaufland, table piped", args: dec, wantCode: ExitFailed,
			stdout: "kaufland-table-piped.golden", stderr: "kaufland-table-piped.stderr.golden"},
		{name: "kaufland, json", args: with(dec, "-o", "json"), wantCode: ExitFailed,
			stdout: "kaufland-json.golden", stderr: "kaufland-json.stderr.golden"},
		{name: "kaufland, markdown", args: with(dec, "-o", "markdown"), wantCode: ExitFailed, stdout: "kaufland-markdown.golden"},
		{name: "kaufland, details", args: with(dec, "--details"), wantCode: ExitFailed, stdout: "kaufland-details-table-piped.golden"},
		{name: "kaufland, november, json", args: with(nov, "-o", "json"), wantCode: ExitFailed,
			stdout: "kaufland-november-json.golden", stderr: "kaufland-november-json.stderr.golden"},
		{name: "all, kaufland, table piped", args: []string{"all", "--as-of", "2026-12-06", kauflandSeller}, wantCode: ExitFailed,
			stdout: "kaufland-all-table-piped.golden"},
	})
	for _, width := range []int{80, 120} {
		r := runWidth(t, width, dec...)
		golden(t, "kaufland-table-"+itoa(width)+".golden", r.stdout)
	}
}

// The JSON document carries the hand-checked figures, each entry judged by
// the kaufland profile with its platform, and no buyer's e-mail or name.
func TestKauflandFigures(t *testing.T) {
	type entry struct {
		ID          string `json:"id"`
		Platform    string `json:"platform"`
		Marketplace string `json:"marketplace"`
		Numerator   int    `json:"numerator"`
		Denominator int    `json:"denominator"`
		Status      string `json:"status"`
		Window      struct{ From, To string }
		Target      struct {
			Op    string
			Value float64
		}
	}
	var doc struct {
		Metrics  []entry  `json:"metrics"`
		Warnings []string `json:"warnings"`
	}
	figures := func(asOf string) []string {
		r := run(t, false, "kaufland", "--as-of", asOf, "-o", "json", kauflandSeller)
		for _, pii := range []string{"@buyer.kaufland", "Schmidt", "Nováková", "Hauptstraße"} {
			if strings.Contains(r.stdout+r.stderr, pii) {
				t.Errorf("output as of %s shows %q", asOf, pii)
			}
		}
		doc.Metrics, doc.Warnings = nil, nil
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range doc.Metrics {
			if m.Platform != "kaufland" {
				t.Errorf("%s %s: platform %q", m.ID, m.Marketplace, m.Platform)
			}
			out = append(out, m.ID+" "+m.Marketplace+" "+m.Window.From+".."+m.Window.To+" "+itoa(m.Numerator)+"/"+itoa(m.Denominator)+" "+m.Status+" "+m.Target.Op)
		}
		return out
	}
	got := strings.Join(figures("2026-12-06"), "\n")
	want := strings.Join([]string{
		"kaufland_cancellation_rate CZ 2026-12-01..2026-12-06 1/4 fail <",
		"kaufland_cancellation_rate DE 2026-12-01..2026-12-06 0/8 pass <",
		"kaufland_late_shipment_rate CZ 2026-11-30..2026-12-06 0/2 pass <",
		"kaufland_late_shipment_rate DE 2026-11-30..2026-12-06 1/7 warn <",
	}, "\n")
	if got != want {
		t.Errorf("as of 2026-12-06:\n%s\nwant\n%s", got, want)
	}
	if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, "Kaufland CZ 2026-12 so far: seller-related cancellations 25.00 % (1 of 4 order units) are in the 10 % fee band: 49.90 CZK") ||
		!strings.Contains(w, "1 Kaufland order unit marked sent, last updated after the deadline") {
		t.Errorf("warnings as of 2026-12-06:\n%s", w)
	}
	got = strings.Join(figures("2026-11-30"), "\n")
	want = strings.Join([]string{
		"kaufland_cancellation_rate CZ 2026-11-01..2026-11-30 0/20 pass <",
		"kaufland_cancellation_rate DE 2026-11-01..2026-11-30 1/40 fail <",
		"kaufland_late_shipment_rate CZ 2026-11-30..2026-11-30 0/0 no_data <",
		"kaufland_late_shipment_rate DE 2026-11-30..2026-11-30 0/1 pass <",
	}, "\n")
	if got != want {
		t.Errorf("as of 2026-11-30:\n%s\nwant\n%s", got, want)
	}
	if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, "Kaufland DE 2026-11: seller-related cancellations 2.50 % (1 of 40 order units) are in the 5 % fee band: 2.00 EUR") {
		t.Errorf("warnings as of 2026-11-30:\n%s", w)
	}
}
