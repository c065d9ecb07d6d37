package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// coverageDoc is what these tests read of a report.
type coverageDoc struct {
	Status  string
	Metrics []struct {
		ID, Fulfillment, Status string
		Partial                 string `json:"partial_status"`
		Value                   *float64
		Components              map[string]*int
		Coverage                *struct {
			Missing []struct{ From, To string }
		}
		Inputs struct{ Used, Absent []string }
	}
}

func decodeCoverage(t *testing.T, r result) coverageDoc {
	t.Helper()
	var d coverageDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v; stderr %s", err, r.stderr)
	}
	return d
}

// The ODR on one of the two All Orders downloads of acme-us is not a
// verdict: the window 2026-09-08..2026-11-06 is covered from 10-17 only
// (that download's first order), so it is incomplete, with the figure the
// files give (a fail) as its partial status. With both, it is complete.
func TestCoverageOneOfTwoDownloads(t *testing.T) {
	f := func(name string) string { return filepath.Join(acme, name) }
	part := run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", f("Download (3).txt"), f("Feedback.txt"), f("atoz-claims.csv"), f("chargebacks.tsv"))
	d := decodeCoverage(t, part)
	all := d.Metrics[0]
	if all.Status != "incomplete" || all.Partial != "fail" || all.Coverage == nil || len(all.Coverage.Missing) != 1 ||
		all.Coverage.Missing[0].From != "2026-09-08" || all.Coverage.Missing[0].To != "2026-10-16" || d.Status != "incomplete" {
		t.Errorf("one download: %+v, status %s", all, d.Status)
	}
	// An incomplete entry is no fail: exit 0 by default, 1 when asked.
	if part.code != ExitOK {
		t.Errorf("exit %d, want 0 with --fail-on fail", part.code)
	}
	r := run(t, false, "odr", "--as-of", "2026-11-20", "--fail-on", "fail,incomplete", f("Download (3).txt"))
	if r.code != ExitFailed {
		t.Errorf("--fail-on fail,incomplete: exit %d, want 1", r.code)
	}
	whole := decodeCoverage(t, run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", acme))
	if m := whole.Metrics[0]; m.Status != "warn" || m.Partial != "" || len(m.Coverage.Missing) != 0 {
		t.Errorf("both downloads: %+v", m)
	}
}

// Reports that end before the window does: audited on 2026-12-07, the
// ODR's window ends 11-23, three days after the files; the late shipment
// rate's 10 days end on the audit date, 17 days after them.
func TestCoverageFilesEndEarly(t *testing.T) {
	d := decodeCoverage(t, run(t, false, "all", "--as-of", "2026-12-07", "-o", "json", acme))
	for _, m := range d.Metrics {
		switch {
		case m.ID == "odr" && m.Fulfillment == "all":
			if m.Status != "incomplete" || len(m.Coverage.Missing) != 1 || m.Coverage.Missing[0].From != "2026-11-21" || m.Coverage.Missing[0].To != "2026-11-23" {
				t.Errorf("odr: %+v", m)
			}
		case m.ID == "late_shipment_rate":
			// Ship-by dates reach 11-23; the audit date itself need not be
			// in the files. The 10 days (11-28..12-07) have none of them,
			// the 30 days (11-08..12-07) miss 11-24 on.
			from := map[bool]string{true: "2026-11-28", false: "2026-11-24"}[m.Partial == "no_data"]
			if m.Status != "incomplete" || len(m.Coverage.Missing) != 1 || m.Coverage.Missing[0].From != from || m.Coverage.Missing[0].To != "2026-12-06" {
				t.Errorf("late shipment: %+v, missing %+v", m, m.Coverage.Missing)
			}
		}
	}
}

// Two downloads with a gap between them leave the gap's days missing; two
// that overlap or touch cover the window.
func TestCoverageGapAndOverlap(t *testing.T) {
	const h = "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n"
	orders := func(dates ...string) string {
		var b strings.Builder
		b.WriteString(h)
		for i, d := range dates {
			b.WriteString("111-" + strconv.Itoa(1000+i) + "-" + d + "\t" + d + "\tAmazon\tAmazon.com\n")
		}
		return b.String()
	}
	for _, c := range []struct {
		name    string
		a, b    []string
		missing string
	}{
		{"a gap", []string{"2026-09-01", "2026-10-01"}, []string{"2026-10-05", "2026-11-20"}, "2026-10-02..2026-10-04"},
		{"touching", []string{"2026-09-01", "2026-10-01"}, []string{"2026-10-02", "2026-11-20"}, ""},
		{"overlapping", []string{"2026-09-01", "2026-10-20"}, []string{"2026-10-02", "2026-11-20"}, ""},
		{"starts one day late", []string{"2026-09-09", "2026-10-20"}, []string{"2026-10-02", "2026-11-20"}, "2026-09-08..2026-09-08"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, dates := range map[string][]string{"a.txt": c.a, "b.txt": c.b} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(orders(dates...)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			d := decodeCoverage(t, run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", dir))
			m := d.Metrics[0]
			var got []string
			for _, r := range m.Coverage.Missing {
				got = append(got, r.From+".."+r.To)
			}
			if strings.Join(got, ",") != c.missing || (c.missing == "") == (m.Status == "incomplete") {
				t.Errorf("missing %v, status %s; want %q", got, m.Status, c.missing)
			}
		})
	}
}

// A component whose inputs were not given is null, never 0, and the entry
// says which inputs it lacked.
func TestNotGivenIsNotZero(t *testing.T) {
	d := decodeCoverage(t, run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", warnOnly))
	for _, m := range d.Metrics {
		if m.Components["a_to_z_claims"] != nil || m.Components["chargebacks"] != nil || m.Components["negative_feedback"] == nil {
			t.Errorf("%s: components %v", m.Fulfillment, m.Components)
		}
		if strings.Join(m.Inputs.Absent, ",") != "claims,chargebacks,returns,settlement" || strings.Join(m.Inputs.Used, ",") != "orders,feedback" {
			t.Errorf("%s: inputs %+v", m.Fulfillment, m.Inputs)
		}
	}
}
