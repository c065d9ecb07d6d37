package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

type sourcesDoc struct {
	Command, AsOf, Profile string
	Sources                []struct {
		Metric, Kind, Role, Field, Where string
		Dates                            struct{ From, To string }
		Given                            *bool
		Missing                          []struct{ From, To string }
	}
}

func decodeSources(t *testing.T, r result) sourcesDoc {
	t.Helper()
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var d sourcesDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// audit sources names, per metric, the reports to download and the dates:
// for the ODR, orders from as-of − 73 days (the window's first day, 60
// days ending 14 before as-of) to the audit date.
func TestSourcesDates(t *testing.T) {
	d := decodeSources(t, run(t, false, "sources", "--as-of", "2026-11-20", "-o", "json"))
	found := 0
	for _, s := range d.Sources {
		if s.Given != nil {
			t.Errorf("%s %s: given without files", s.Metric, s.Kind)
		}
		switch {
		case s.Metric == "odr" && s.Kind == "orders":
			found++
			if s.Role != "denominator" || s.Field != "order_date" || s.Dates.From != "2026-09-08" || s.Dates.To != "2026-11-20" ||
				!strings.Contains(s.Where, "All Orders") {
				t.Errorf("odr orders: %+v", s)
			}
		case s.Metric == "odr" && s.Kind == "chargebacks":
			found++
			if s.Role != "defects" || !strings.Contains(s.Where, "no Amazon download") {
				t.Errorf("odr chargebacks: %+v", s)
			}
		case s.Metric == "late_shipment_rate":
			found++
			if s.Field != "ship_by" || s.Dates.From != "2026-10-22" {
				t.Errorf("late shipment: %+v", s)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 sources checked", found)
	}
}

// Given files, it says what they hold: one of acme-us's two All Orders
// downloads misses the days before its first order; the absent files are
// not given.
func TestSourcesWithFiles(t *testing.T) {
	d := decodeSources(t, run(t, false, "sources", "--as-of", "2026-11-20", "-o", "json", filepath.Join(acme, "Download (3).txt")))
	for _, s := range d.Sources {
		if s.Given == nil {
			t.Fatalf("%s %s: no given with files", s.Metric, s.Kind)
		}
		if s.Metric == "odr" && s.Kind == "orders" && (!*s.Given || len(s.Missing) != 1 || s.Missing[0].From != "2026-09-08" || s.Missing[0].To != "2026-10-16") {
			t.Errorf("odr orders: %+v", s)
		}
		if s.Metric == "odr" && s.Kind == "feedback" && *s.Given {
			t.Errorf("odr feedback given: %+v", s)
		}
	}
	if r := run(t, false, "sources", "-o", "csv"); r.code != ExitError || !strings.Contains(r.stderr, "table or json") {
		t.Errorf("-o csv: exit %d, %s", r.code, r.stderr)
	}
}

func TestSourcesGolden(t *testing.T) {
	checkGolden(t, []goldenCase{
		{name: "sources of acme-de, table", args: []string{"sources", "--as-of", "2026-11-20", acmeDE}, wantCode: ExitOK, stdout: "sources-de-table.golden"},
		{name: "sources, json", args: []string{"sources", "--as-of", "2026-11-20", "--marketplace", "DE", "-o", "json"}, wantCode: ExitOK, stdout: "sources-json.golden"},
	})
}
