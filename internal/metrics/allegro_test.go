package metrics_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are metrics.md, "Allegro sales quality and Super
// Sprzedawca": the window is the 30 days ending on as-of
// (2026-11-01..2026-11-30 here); the sales quality is the latest day's
// score in it over its maxScore; the Super Sprzedawca days count the days
// at Super or Super+ over the 30 days; the days at Dobry or better count
// over the days with a known grade.

const allegroAsOf = "2026-11-30"

// allegroData is a dataset of the given days ("2026-11-29 SUPER 452"),
// maxScore 500, sorted as input leaves d.Allegro.
func allegroData(days ...string) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["allegro-sales-quality"] = true
	for i, s := range days {
		f := strings.Fields(s)
		var score float64
		fmt.Sscan(f[2], &score)
		d.Allegro = append(d.Allegro, records.AllegroQualityDay{Date: day(f[0]), Grade: strings.ReplaceAll(f[1], "_", " "), Score: score, MaxScore: 500,
			Metrics: []records.AllegroQualityMetric{{Code: "BUYER_SATISFACTION", Score: 40}}, Source: records.Source{File: "q.json", Line: i + 3}})
	}
	return d
}

// Only GOOD is in Allegro's OpenAPI; the rest is the mapping metrics.md
// documents (unconfirmed): Polish names and English literals, any case.
func TestAllegroLevelOf(t *testing.T) {
	for grade, want := range map[string]metrics.AllegroLevel{
		"GOOD": metrics.AllegroDobry, "good": metrics.AllegroDobry, "Dobry": metrics.AllegroDobry,
		"LOW": metrics.AllegroNiski, "Niski": metrics.AllegroNiski, "POOR": metrics.AllegroNiski,
		"VERY_GOOD": metrics.AllegroBardzoDobry, "Bardzo dobry": metrics.AllegroBardzoDobry, "very-good": metrics.AllegroBardzoDobry,
		"SUPER": metrics.AllegroSuper, "Super": metrics.AllegroSuper,
		"SUPER_PLUS": metrics.AllegroSuperPlus, "Super+": metrics.AllegroSuperPlus, "super +": metrics.AllegroSuperPlus, "SUPERPLUS": metrics.AllegroSuperPlus,
		"EXCELLENT": metrics.AllegroUnknown, "": metrics.AllegroUnknown, "SUPER_DUPER": metrics.AllegroUnknown,
	} {
		if got := metrics.AllegroLevelOf(grade); got != want {
			t.Errorf("AllegroLevelOf(%q) = %d (%s), want %d (%s)", grade, got, got.Name(), want, want.Name())
		}
	}
	// The order the criteria compare in.
	if !(metrics.AllegroNiski < metrics.AllegroDobry && metrics.AllegroDobry < metrics.AllegroBardzoDobry &&
		metrics.AllegroBardzoDobry < metrics.AllegroSuper && metrics.AllegroSuper < metrics.AllegroSuperPlus) {
		t.Error("levels out of order")
	}
}

// itemDays lists the items' days.
func itemDays(items []metrics.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.OrderID)
	}
	return strings.Join(out, " ")
}

func TestAllegroQuality(t *testing.T) {
	s := settings.Default(day(allegroAsOf))
	d := allegroData("2026-10-31 SUPER 450", "2026-11-01 GOOD 300", "2026-11-28 SUPER 440", "2026-12-01 SUPER_PLUS 480")
	r := metrics.AllegroQuality(d, s)
	// 12-01 is after as-of and 10-31 before the window: the latest day is 11-28.
	if r.Numerator != 440 || r.Denominator != 500 || r.Period == nil || r.Period.From != day("2026-11-28") ||
		r.Window.From != day("2026-11-01") || r.Window.To != day("2026-11-30") || r.Platform != "allegro" {
		t.Errorf("got %d/%d period %+v window %+v platform %q, want 440/500 on 2026-11-28 in 11-01..11-30", r.Numerator, r.Denominator, r.Period, r.Window, r.Platform)
	}
	if got := itemDays(r.Items); got != "2026-11-01 2026-11-28" {
		t.Errorf("items %s, want the window's days", got)
	}
	if r.Components.Get("BUYER_SATISFACTION") != 40 {
		t.Errorf("components %v", r.Components)
	}
	if got := r.Items[0].Events[0].Status; got != "GOOD = Dobry, 300 of 500 points" {
		t.Errorf("item status %q", got)
	}
	if r.Items[0].LeavesWindowOn != day("2026-12-01") {
		t.Errorf("11-01 leaves the window on %s, want 2026-12-01", r.Items[0].LeavesWindowOn)
	}

	// Decimals: hundredths of a point, with a note.
	d = allegroData("2026-11-30 GOOD 140.5")
	r = metrics.AllegroQuality(d, s)
	if r.Numerator != 14050 || r.Denominator != 50000 {
		t.Errorf("decimals: %d/%d, want 14050/50000", r.Numerator, r.Denominator)
	}
	out := metrics.Catalog()[indexOf(metrics.AllegroSalesQuality)].Compute(d, s)
	if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "140.5 of 500, has decimals") {
		t.Errorf("notes %q", out.Notes)
	}

	// No day in the window: no data. No file: not computed.
	r = metrics.AllegroQuality(allegroData("2026-10-01 GOOD 300"), s)
	if _, ok := r.Value(); ok || r.NotComputed != "" {
		t.Errorf("no day in the window: %+v, want no data", r)
	}
	r = metrics.AllegroQuality(records.NewDataset(), s)
	if !strings.Contains(r.NotComputed, "no Allegro sales quality file") {
		t.Errorf("no file: %q", r.NotComputed)
	}
}

func indexOf(id string) int {
	for i, m := range metrics.Catalog() {
		if m.ID == id {
			return i
		}
	}
	panic(id)
}

// superDays is a dataset with n days at Super from 11-30 backwards, the
// rest of the window GOOD.
func superDays(n int) *records.Dataset {
	var days []string
	for i := 29; i >= 0; i-- {
		g := "GOOD"
		if i < n {
			g = "SUPER"
		}
		days = append(days, day(allegroAsOf).AddDays(-i).String()+" "+g+" 400")
	}
	return allegroData(days...)
}

func TestAllegroSuperDays(t *testing.T) {
	s := settings.Default(day(allegroAsOf))
	d := allegroData("2026-10-31 SUPER 450", "2026-11-01 SUPER 450", "2026-11-02 Super+ 470", "2026-11-03 VERY_GOOD 400",
		"2026-11-04 EXCELLENT 480", "2026-11-05 LOW 100", "2026-12-01 SUPER 450")
	r := metrics.AllegroSuperDays(d, s)
	// 11-01 and 11-02 (Super+); a missing day, Bardzo dobry, an unknown
	// grade and a day outside the window are not Super.
	if r.Numerator != 2 || r.Denominator != 30 || itemDays(r.Items) != "2026-11-01 2026-11-02" {
		t.Errorf("got %d/%d items %s, want 2/30: 11-01 11-02", r.Numerator, r.Denominator, itemDays(r.Items))
	}
	out := metrics.Catalog()[indexOf(metrics.AllegroSuperSellerDays)].Compute(d, s)
	notes := strings.Join(out.Notes, "\n")
	if !strings.Contains(notes, `Allegro grade "EXCELLENT" is none audit knows`) || !strings.Contains(notes, "at least 50 orders in 30 days") {
		t.Errorf("notes:\n%s", notes)
	}
	// A window of another length (the user's), ending lag days before.
	s.Windows = map[string]settings.Window{metrics.AllegroSuperSellerDays: {Days: []int{28}, Lag: 2}}
	r = metrics.AllegroSuperDays(superDays(5), s)
	if r.Numerator != 3 || r.Denominator != 28 || r.Window.To != day("2026-11-28") {
		t.Errorf("28 days, lag 2: %d/%d to %s, want 3/28 to 2026-11-28", r.Numerator, r.Denominator, r.Window.To)
	}
}

// The allegro profile's line is 14 of 30 days exactly: 13 fails, 14 meets
// it (and warns, as 15 and 16 do: the warn line is 16 of 30), 17 passes.
func TestAllegroSuperDaysLine(t *testing.T) {
	p, err := profile.ByName("allegro")
	if err != nil {
		t.Fatal(err)
	}
	e, ok := p.Entry(metrics.AllegroSuperSellerDays)
	if !ok {
		t.Fatal("no allegro_super_seller_days entry")
	}
	s := settings.Default(day(allegroAsOf))
	for n, want := range map[int]health.Status{13: health.Fail, 14: health.Warn, 15: health.Warn, 16: health.Warn, 17: health.Pass, 30: health.Pass} {
		r := metrics.AllegroSuperDays(superDays(n), s)
		v, ok := r.Value()
		if got := e.Threshold().Judge(v, ok); got != want || r.Numerator != n {
			t.Errorf("%d Super days (%d/%d): %s, want %s", n, r.Numerator, r.Denominator, got, want)
		}
	}
	g, _ := p.Entry(metrics.AllegroDaysGoodOrAbove)
	for _, c := range []struct {
		days []string
		want health.Status
	}{
		{[]string{"2026-11-01 GOOD 300", "2026-11-02 SUPER 450"}, health.Pass},
		{[]string{"2026-11-01 GOOD 300", "2026-11-02 LOW 100"}, health.Fail},
		{[]string{"2026-11-01 GOOD 300", "2026-11-02 EXCELLENT 450"}, health.Pass},
	} {
		v, ok := metrics.AllegroGoodDays(allegroData(c.days...), s).Value()
		if got := g.Threshold().Judge(v, ok); got != c.want {
			t.Errorf("%v: %s, want %s", c.days, got, c.want)
		}
	}
}

func TestAllegroGoodDays(t *testing.T) {
	s := settings.Default(day(allegroAsOf))
	d := allegroData("2026-10-31 LOW 100", "2026-11-01 GOOD 300", "2026-11-02 LOW 120", "2026-11-03 Niski 110",
		"2026-11-04 EXCELLENT 480", "2026-11-05 SUPER 450", "2026-12-01 LOW 100")
	r := metrics.AllegroGoodDays(d, s)
	// Graded: 11-01, 11-02, 11-03, 11-05 (EXCELLENT is left out); below
	// Dobry: 11-02 and 11-03. 10-31 and 12-01 are outside.
	if r.Numerator != 2 || r.Denominator != 4 || itemDays(r.Items) != "2026-11-02 2026-11-03" {
		t.Errorf("got %d/%d items %s, want 2/4: 2026-11-02 2026-11-03", r.Numerator, r.Denominator, itemDays(r.Items))
	}
	// No day at all in the window: no data, not a pass.
	r = metrics.AllegroGoodDays(allegroData("2026-10-01 GOOD 300"), s)
	if _, ok := r.Value(); ok {
		t.Errorf("empty window: %+v, want no data", r)
	}
}
