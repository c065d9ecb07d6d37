package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

const (
	acmeUS = "../../testdata/accounts/acme-us"
	acmeDE = "../../testdata/accounts/acme-de"
)

// loadAccount reads an account as audit trend does: once, for every check
// and every as-of date from first to asOf.
func loadAccount(t testing.TB, path string, first, asOf civil.Date) (*input.Loaded, settings.Settings) {
	t.Helper()
	s := settings.Default(asOf)
	s.FirstAsOf = first
	loaded, err := Load([]string{path}, s, All)
	if err != nil {
		t.Fatal(err)
	}
	return loaded, s
}

// A trend is the audits of its dates: every point equals what a separate
// run (reading the files again) finds on that date, and the series'
// threshold is the last date's. Every sample account, over a range that
// starts before its data (the metrics' Series against Compute, on real
// files: the differential test of internal/metrics does so on random
// accounts).
func TestTrendEqualsSingleAudits(t *testing.T) {
	accounts, err := filepath.Glob("../../testdata/accounts/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range accounts {
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			from, to := civil.NewDate(2026, 8, 23), civil.NewDate(2026, 11, 20)
			if _, err := Run("trend", []string{path}, settings.Default(to), All); err != nil {
				t.Skipf("not an account audit all takes: %v", err)
			}
			loaded, s := loadAccount(t, path, from, to)
			tr, err := Trend("trend", loaded, s, All, from, to, TrendOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tr.From != from || tr.To != to || tr.Command != "trend" {
				t.Errorf("trend covers %s..%s (%q), want %s..%s", tr.From, tr.To, tr.Command, from, to)
			}
			if len(tr.Series) == 0 {
				t.Fatal("no series")
			}
			for _, ser := range tr.Series {
				if len(ser.Points) != 90 {
					t.Fatalf("%s %s: %d points, want 90", ser.ID, ser.Fulfillment, len(ser.Points))
				}
			}
			for i := 0; i < 90; i++ {
				d := from.AddDays(i)
				r, err := Run("trend", []string{path}, settings.Default(d), All)
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Metrics) != len(tr.Series) {
					t.Errorf("%s: %d entries, trend has %d series", d, len(r.Metrics), len(tr.Series))
				}
				for _, v := range r.Metrics {
					ser := findSeries(tr, v.Result)
					if ser == nil {
						t.Errorf("%s: no series for %s %s %d %s", d, v.ID, v.Fulfillment, v.WindowDays, v.Marketplace)
						continue
					}
					p := ser.Points[i]
					want := health.Point{AsOf: d, Numerator: v.Numerator, Denominator: v.Denominator, Status: v.Status, Partial: v.Partial, NotComputed: v.NotComputed}
					if p != want {
						t.Errorf("%s %s %s: point %+v, audit alone %+v", d, v.ID, v.Fulfillment, p, want)
					}
					if i == 89 && ser.Threshold != v.Threshold {
						t.Errorf("%s %s: threshold %+v, last audit's %+v", v.ID, v.Fulfillment, ser.Threshold, v.Threshold)
					}
				}
				if i == 89 {
					if tr.Marketplace != r.Marketplace || tr.Profile != r.Profile {
						t.Errorf("store %q profile %q, last audit's %q %q", tr.Marketplace, tr.Profile, r.Marketplace, r.Profile)
					}
					if !reflect.DeepEqual(tr.Inputs, r.Inputs) {
						t.Errorf("inputs %+v, last audit's %+v", tr.Inputs, r.Inputs)
					}
					if !reflect.DeepEqual(tr.Warnings, dedup(r.Warnings)) {
						t.Errorf("warnings %q, last audit's %q", tr.Warnings, r.Warnings)
					}
				}
			}
		})
	}
}

func findSeries(tr *health.Trend, r metrics.Result) *health.Series {
	for i := range tr.Series {
		s := &tr.Series[i]
		if s.ID == r.ID && s.Fulfillment == r.Fulfillment && s.WindowDays == r.WindowDays && s.Marketplace == r.Marketplace &&
			s.Platform == r.Platform && s.Calendar == r.Calendar && s.Cycle == r.Cycle {
			return s
		}
	}
	return nil
}

// The figures of the sample account at both ends of the range, as the
// README and testdata/accounts/acme-us.expected.json give them: the ODR of
// all orders falls from 3/149 (orders of 2026-08-10..2026-10-08) to 2/230.
func TestTrendSampleFigures(t *testing.T) {
	from, to := civil.NewDate(2026, 10, 22), civil.NewDate(2026, 11, 20)
	loaded, s := loadAccount(t, acmeUS, from, to)
	tr, err := Trend("trend", loaded, s, []string{"odr", metrics.LateShipmentRate}, from, to, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type fig struct {
		id, ful   string
		wd        int
		num, den  int
		st        health.Status
		lastNum   int
		lastDen   int
		lastState health.Status
	}
	want := []fig{
		{"odr", "all", 0, 3, 149, health.Fail, 2, 230, health.Warn},
		{"odr", "afn", 0, 1, 87, health.Fail, 1, 135, health.Pass},
		{"odr", "mfn", 0, 2, 62, health.Fail, 1, 95, health.Fail},
		{metrics.LateShipmentRate, "", 10, 0, 16, health.Pass, 1, 14, health.Fail},
		{metrics.LateShipmentRate, "", 30, 0, 47, health.Pass, 1, 45, health.Pass},
	}
	if len(tr.Series) != len(want) {
		t.Fatalf("%d series, want %d", len(tr.Series), len(want))
	}
	for i, w := range want {
		ser := tr.Series[i]
		first, last := ser.Points[0], ser.Points[len(ser.Points)-1]
		got := fig{ser.ID, ser.Fulfillment, ser.WindowDays, first.Numerator, first.Denominator, first.Status, last.Numerator, last.Denominator, last.Status}
		if got != w {
			t.Errorf("series %d: got %+v, want %+v", i, got, w)
		}
		if first.AsOf != from || last.AsOf != to {
			t.Errorf("series %d runs %s..%s", i, first.AsOf, last.AsOf)
		}
	}
	if th := tr.Series[0].Threshold; th.Op != health.Less || th.Value != 0.01 {
		t.Errorf("ODR threshold %+v, want < 0.01", th)
	}
}

// The trend works on the records in memory: with the files gone after
// Load, it still computes every date, the same as with them there.
func TestTrendDoesNotReadFiles(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir(acmeUS)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(acmeUS, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	to := civil.NewDate(2026, 11, 20)
	loaded, s := loadAccount(t, dir, to.AddDays(-89), to)
	for _, e := range entries {
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	got, err := TrendBefore("trend", loaded, s, All, 90, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	loadedAgain, _ := loadAccount(t, acmeUS, to.AddDays(-89), to)
	want, err := TrendBefore("trend", loadedAgain, s, All, 90, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Series) != len(want.Series) {
		t.Fatalf("%d series, want %d", len(got.Series), len(want.Series))
	}
	for i := range got.Series {
		if !reflect.DeepEqual(got.Series[i].Points, want.Series[i].Points) {
			t.Errorf("series %d differs without the files", i)
		}
	}
}

// TrendBefore ends on the audit date and has n points; the range is
// checked before anything is computed.
func TestTrendRange(t *testing.T) {
	to := civil.NewDate(2026, 11, 20)
	loaded, s := loadAccount(t, acmeUS, to, to)
	tr, err := TrendBefore("odr", loaded, s, []string{"odr"}, 1, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.From != to || tr.To != to || len(tr.Series[0].Points) != 1 {
		t.Errorf("one day: %s..%s, %d points", tr.From, tr.To, len(tr.Series[0].Points))
	}
	tr, err = TrendBefore("odr", loaded, s, []string{"odr"}, 60, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := civil.NewDate(2026, 9, 22); tr.From != want || len(tr.Series[0].Points) != 60 {
		t.Errorf("60 days: from %s (want %s), %d points", tr.From, want, len(tr.Series[0].Points))
	}
	for _, c := range []struct {
		from, to civil.Date
		want     string
	}{
		{to.AddDays(1), to, "is after"},
		{to.AddDays(-MaxTrendDays), to, "at most 3660"},
	} {
		if _, err := Trend("odr", loaded, s, []string{"odr"}, c.from, c.to, TrendOptions{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s..%s: error %v, want %q", c.from, c.to, err, c.want)
		}
	}
	if _, err := TrendBefore("odr", loaded, s, []string{"odr"}, 0, TrendOptions{}); err == nil {
		t.Error("0 days: no error")
	}
	if _, err := Trend("odr", loaded, s, []string{"nope"}, to, to, TrendOptions{}); err == nil {
		t.Error("unknown check: no error")
	}
}

// gather: one series per entry, grouped by metric in the checks' order;
// an entry missing on a date is a not computed point; the threshold is the
// last one seen; warnings are the last date's, each once.
func TestGather(t *testing.T) {
	d1, d2, d3 := civil.NewDate(2026, 1, 1), civil.NewDate(2026, 1, 2), civil.NewDate(2026, 1, 3)
	v := func(id, store string, num, den int, st health.Status, limit float64) health.Verdict {
		return health.Verdict{Result: metrics.Result{ID: id, Marketplace: store, Numerator: num, Denominator: den},
			Status: st, Threshold: health.Threshold{Op: health.Less, Value: limit}}
	}
	idr, odr := metrics.InvoiceDefectRate, "odr"
	reports := []*health.Report{
		{AsOf: d1, Metrics: []health.Verdict{v(idr, "DE", 1, 10, health.Fail, 0.05), v(odr, "", 0, 5, health.Pass, 0.01)}, Warnings: []string{"w0"}},
		{AsOf: d2, Metrics: []health.Verdict{v(idr, "DE", 0, 10, health.Pass, 0.05), v(idr, "FR", 2, 4, health.Fail, 0.05), v(odr, "", 1, 5, health.Fail, 0.01)}},
		{AsOf: d3, Metrics: []health.Verdict{v(idr, "FR", 0, 4, health.Pass, 0.06), v(odr, "", 1, 6, health.Fail, 0.02)},
			Marketplace: "DE", Profile: "amazon-eu", Warnings: []string{"w1", "w2", "w1"}},
	}
	tr := gather("trend", reports, reports[len(reports)-1], []string{odr, idr}, d1, d3)
	type pt struct {
		num, den int
		st       health.Status
		why      string
	}
	want := []struct {
		id, store string
		limit     float64
		points    []pt
	}{
		{odr, "", 0.02, []pt{{0, 5, health.Pass, ""}, {1, 5, health.Fail, ""}, {1, 6, health.Fail, ""}}},
		{idr, "DE", 0.05, []pt{{1, 10, health.Fail, ""}, {0, 10, health.Pass, ""}, {0, 0, health.NotComputed, noEntry}}},
		{idr, "FR", 0.06, []pt{{0, 0, health.NotComputed, noEntry}, {2, 4, health.Fail, ""}, {0, 4, health.Pass, ""}}},
	}
	if len(tr.Series) != len(want) {
		t.Fatalf("%d series, want %d: %+v", len(tr.Series), len(want), tr.Series)
	}
	for i, w := range want {
		s := tr.Series[i]
		if s.ID != w.id || s.Marketplace != w.store || s.Threshold.Value != w.limit {
			t.Errorf("series %d: %s %s limit %v, want %s %s limit %v", i, s.ID, s.Marketplace, s.Threshold.Value, w.id, w.store, w.limit)
		}
		for j, p := range s.Points {
			got := pt{p.Numerator, p.Denominator, p.Status, p.NotComputed}
			if got != w.points[j] || p.AsOf != reports[j].AsOf {
				t.Errorf("series %d point %d: %+v on %s, want %+v on %s", i, j, got, p.AsOf, w.points[j], reports[j].AsOf)
			}
		}
	}
	if !reflect.DeepEqual(tr.Warnings, []string{"w1", "w2"}) {
		t.Errorf("warnings %q, want the last date's, each once", tr.Warnings)
	}
	if tr.Marketplace != "DE" || tr.Profile != "amazon-eu" || tr.Inputs == nil {
		t.Errorf("store %q profile %q inputs %v", tr.Marketplace, tr.Profile, tr.Inputs)
	}
}

// BenchmarkTrend90 measures 90 daily points of every check on a generated
// account read once; compare BenchmarkODR10k, which reads it each time:
// go test -bench Trend90 -benchmem ./internal/engine
func BenchmarkTrend90(b *testing.B) {
	dir := b.TempDir()
	asOf := civil.NewDate(2026, 11, 20)
	writeAccount(b, dir, 10_000, asOf)
	s := settings.Default(asOf)
	s.FirstAsOf = asOf.AddDays(-89)
	loaded, err := Load([]string{dir}, s, All)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := TrendBefore("trend", loaded, s, All, 90, TrendOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A trend over dates the reading did not serve is refused, not computed
// from half the shipments.
func TestTrendNeedsItsDatesRead(t *testing.T) {
	to := civil.NewDate(2026, 11, 20)
	loaded, s := loadAccount(t, acmeUS, to, to)
	if _, err := Trend("trend", loaded, s, All, to.AddDays(-29), to, TrendOptions{}); err == nil || !strings.Contains(err.Error(), "were read for as-of dates from") {
		t.Errorf("err = %v", err)
	}
	if _, err := Trend("trend", loaded, s, All, to, to, TrendOptions{}); err != nil {
		t.Errorf("the date it was read for: %v", err)
	}
}

// TrendOptions.Progress hears of every date once, done rising by one to
// the total, and changes nothing in the trend.
func TestTrendProgress(t *testing.T) {
	to := civil.NewDate(2026, 11, 20)
	loaded, s := loadAccount(t, acmeUS, to.AddDays(-29), to)
	var got []int
	tr, err := TrendBefore("trend", loaded, s, All, 30, TrendOptions{Progress: func(done, total int) {
		if total != 30 {
			t.Errorf("total %d, want 30", total)
		}
		got = append(got, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range got {
		if d != i+1 {
			t.Fatalf("progress %v, want 1..30 in order", got)
		}
	}
	if len(got) != 30 {
		t.Errorf("%d progress calls, want 30", len(got))
	}
	plain, err := TrendBefore("trend", loaded, s, All, 30, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tr, plain) {
		t.Error("the trend with progress differs from the one without")
	}
}

// On a generated account of 5,000 orders with every seller-fulfilled
// event (the benchmarks' account), a 200-day trend equals the audits of
// its dates on the same records, entry by entry.
func TestTrendEqualsAuditsOnGenerated(t *testing.T) {
	dir := t.TempDir()
	to := civil.NewDate(2026, 11, 20)
	writeAccount(t, dir, 5000, to)
	from := to.AddDays(-199)
	loaded, s := loadAccount(t, dir, from, to)
	tr, err := Trend("trend", loaded, s, All, from, to, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for i := 0; i < 200; i++ {
		on := s
		on.AsOf = from.AddDays(i)
		r, err := Audit("trend", loaded, on, All)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range r.Metrics {
			ser := findSeries(tr, v.Result)
			if ser == nil {
				t.Fatalf("%s: no series for %s %s", on.AsOf, v.ID, v.Fulfillment)
			}
			p := ser.Points[i]
			want := health.Point{AsOf: on.AsOf, Numerator: v.Numerator, Denominator: v.Denominator, Status: v.Status, Partial: v.Partial, NotComputed: v.NotComputed}
			if p != want {
				t.Errorf("%s %s %s %d: point %+v, audit %+v", on.AsOf, v.ID, v.Fulfillment, v.WindowDays, p, want)
			}
			if v.Numerator > 0 {
				counted++
			}
		}
	}
	if counted < 500 {
		t.Errorf("%d points with a numerator: the account is too thin to tell", counted)
	}
}
