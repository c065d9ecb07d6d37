package engine

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

// An entry whose files do not cover its window names the reports to
// download (Coverage.Reports, the kinds' titles), for the renderers, which
// do not know the report kinds; the trend keeps its partial status.
func TestCoverageNamesTheReports(t *testing.T) {
	asOf := civil.NewDate(2026, 11, 20)
	s := settings.Default(asOf)
	s.FirstAsOf = asOf - 1
	loaded, err := Load([]string{filepath.Join(acmeUS, "Download (3).txt")}, s, []string{metrics.ODRID})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Audit("odr", loaded, s, []string{metrics.ODRID})
	if err != nil {
		t.Fatal(err)
	}
	v := rep.Metrics[0]
	if v.Status != health.Incomplete || v.Coverage == nil || !reflect.DeepEqual(v.Coverage.Reports, []string{"All Orders report"}) {
		t.Fatalf("odr all: %s, coverage %+v", v.Status, v.Coverage)
	}
	tr, err := Trend("odr", loaded, s, []string{metrics.ODRID}, asOf-1, asOf, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p := tr.Series[0].Points[1]; p.Status != health.Incomplete || p.Partial != v.Partial {
		t.Errorf("trend point %+v, want incomplete with partial %s", p, v.Partial)
	}
}
