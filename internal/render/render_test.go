package render

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"

	"strings"
	"testing"
)

// The list of formats names each format once, and every format renders at
// least a report: Formats() is what the --output flag offers.
func TestFormatList(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range formatList {
		if f.Name == "" || seen[f.Name] {
			t.Errorf("format name %q empty or listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Report == nil {
			t.Errorf("format %q has no report renderer", f.Name)
		}
	}
}

// What the lookups offer and say, pinned: the list of formats only moved.
func TestLookups(t *testing.T) {
	if got, want := strings.Join(Formats(), ","), "csv,html,json,junit,markdown,table"; got != want {
		t.Errorf("Formats() = %s, want %s", got, want)
	}
	if got, want := strings.Join(TrendFormats(), ","), "csv,json,table"; got != want {
		t.Errorf("TrendFormats() = %s, want %s", got, want)
	}
	for _, name := range Formats() {
		if fn, err := Lookup(name); err != nil || fn == nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	for _, name := range []string{"table", "json", "csv", "markdown", "junit"} {
		if fn, err := LookupFleet(name); err != nil || fn == nil {
			t.Errorf("LookupFleet(%q): %v", name, err)
		}
	}
	for _, name := range TrendFormats() {
		if fn, err := LookupTrend(name); err != nil || fn == nil {
			t.Errorf("LookupTrend(%q): %v", name, err)
		}
	}
	errs := []struct {
		err  error
		want string
	}{
		{errOf(Lookup("yaml")), `unknown output format "yaml" (want csv, html, json, junit, markdown, table)`},
		{errOf(LookupFleet("yaml")), `output format "yaml" cannot show several accounts (want csv, html, json, junit, markdown, table)`},
		{errOf(LookupTrend("html")), `output format "html" cannot show a trend (want csv, json, table)`},
	}
	for _, e := range errs {
		if e.err == nil || e.err.Error() != e.want {
			t.Errorf("error %v, want %s", e.err, e.want)
		}
	}
	for _, name := range append(Formats(), "yaml") {
		if got, want := WantsTrend(name), name == "html"; got != want {
			t.Errorf("WantsTrend(%q) = %v", name, got)
		}
		if got, want := EmbedsWarnings(name), name == "json" || name == "html"; got != want {
			t.Errorf("EmbedsWarnings(%q) = %v", name, got)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

// A limit is written exactly when it is a short decimal, to two decimals
// when it is a fraction like 14 of 30.
func TestLimit(t *testing.T) {
	for v, want := range map[float64]string{0.01: "1%", 0.025: "2.5%", 0.009: "0.9%", 0.0125: "1.25%", 0.00125: "0.125%",
		14.0 / 30: "46.67%", 1.0 / 3: "33.33%", 1: "100%", 0.95: "95%"} {
		if got := Limit(v); got != want {
			t.Errorf("Limit(%v) = %q, want %q", v, got, want)
		}
	}
}

// An entry's scope names each of its parts once: eBay's program and
// cycle, another platform's store, a calendar period.
func TestScopeParts(t *testing.T) {
	from := civil.NewDate(2026, 11, 16)
	cases := []struct {
		r           metrics.Result
		long, short string
	}{
		{metrics.Result{ID: metrics.EbayTransactionDefectRate, Platform: "ebay", Marketplace: "US", Cycle: "current"}, "US, current", "US, current"},
		{metrics.Result{ID: metrics.ContactResponseRate, Platform: "kaufland", Marketplace: "CZ", Calendar: metrics.CalendarWeek, Window: metrics.Window{From: from}},
			"Buyer messages, Kaufland CZ, week of 2026-11-16", "Messages, Kaufland CZ, wk 11-16"},
		{metrics.Result{ID: metrics.ContactResponseRate, Platform: "amazon", Marketplace: "DE", WindowDays: 7}, "Buyer messages, 7 days, DE", "Messages, 7d, DE"},
	}
	for _, c := range cases {
		v := health.Verdict{Result: c.r}
		if got := scope(v); got != c.long {
			t.Errorf("scope(%+v) = %q, want %q", c.r, got, c.long)
		}
		if got := scopeShort(v); got != c.short {
			t.Errorf("scopeShort(%+v) = %q, want %q", c.r, got, c.short)
		}
	}
}

// A rank's rate is its level's name; a rate's the percentage.
func TestRateLevels(t *testing.T) {
	for _, c := range []struct {
		r    metrics.Result
		want string
	}{
		{metrics.Result{ID: metrics.EbaySellerLevel, Numerator: 1, Denominator: 2}, "Above Standard"},
		{metrics.Result{ID: metrics.EbaySellerLevel, Numerator: 0, Denominator: 2}, "Top Rated"},
		{metrics.Result{ID: metrics.EbayItemNotReceivedRate, Numerator: 3, Denominator: 3}, "Very High"},
		{metrics.Result{ID: metrics.EbaySellerLevel, NotComputed: "no file"}, "-"},
		{metrics.Result{ID: metrics.ODRID, Numerator: 1, Denominator: 200}, "0.50%"},
	} {
		if got := rate(health.Verdict{Result: c.r}); got != c.want {
			t.Errorf("rate(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}

// A narrow table's window leaves out the years, unless it spans a new
// year: "05-01..04-30" would read backwards.
func TestWindowShortAcrossYears(t *testing.T) {
	w := func(from, to civil.Date) health.Verdict {
		return health.Verdict{Result: metrics.Result{ID: metrics.ODRID, Window: metrics.Window{From: from, To: to, Days: int(to-from) + 1}}}
	}
	if got := windowShort(w(civil.NewDate(2026, 9, 8), civil.NewDate(2026, 11, 6)), false); got != "09-08..11-06" {
		t.Errorf("within a year: %q", got)
	}
	if got := windowShort(w(civil.NewDate(2024, 5, 1), civil.NewDate(2025, 4, 30)), false); got != "2024-05-01..2025-04-30" {
		t.Errorf("across a year: %q", got)
	}
}
