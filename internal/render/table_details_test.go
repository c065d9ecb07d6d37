package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

func detDay(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func detDatePtr(s string) *civil.Date { d := detDay(s); return &d }
func detIntPtr(n int) *int            { return &n }

var (
	detOdrTarget  = health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}
	detLsrTarget  = health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.032}
	detVtrTarget  = health.Threshold{Op: health.Greater, Value: 0.95, WarnAt: 0.96}
	detIdrTarget  = health.Threshold{Op: health.Less, Value: 0.05, WarnAt: 0.04}
	detOdrWindow  = metrics.Window{From: detDay("2026-09-08"), To: detDay("2026-11-06"), Days: 60}
	detLsr10      = metrics.Window{From: detDay("2026-11-11"), To: detDay("2026-11-20"), Days: 10}
	detLsr30      = metrics.Window{From: detDay("2026-10-22"), To: detDay("2026-11-20"), Days: 30}
	detIdrWindow  = metrics.Window{From: detDay("2026-11-07"), To: detDay("2026-11-13"), Days: 7}
	detAfnDefect  = metrics.Item{OrderID: "114-0000001-0000001", OrderDate: detDay("2026-10-24"), Fulfillment: "afn", KeyDate: detDay("2026-10-24"), LeavesWindowOn: detDay("2027-01-06"), Events: []metrics.Event{{Type: "negative_feedback", Date: detDay("2026-11-02"), Status: "rating 2"}, {Type: "a_to_z_claim", Date: detDay("2026-11-03"), Status: "granted"}}}
	detMfnDefect  = metrics.Item{OrderID: "114-0000002-0000002", OrderDate: detDay("2026-11-06"), Fulfillment: "mfn", KeyDate: detDay("2026-11-06"), LeavesWindowOn: detDay("2027-01-19"), Events: []metrics.Event{{Type: "chargeback", Date: detDay("2026-11-10"), Status: "service"}}}
	detLateShip   = metrics.Item{OrderID: "114-0000003-0000003", OrderDate: detDay("2026-11-18"), Fulfillment: "mfn", KeyDate: detDay("2026-11-19"), LeavesWindowOn: detDay("2026-11-29"), Events: []metrics.Event{{Type: "late_shipment", Status: "not confirmed"}}}
	detLateShip30 = metrics.Item{OrderID: "114-0000003-0000003", OrderDate: detDay("2026-11-18"), Fulfillment: "mfn", KeyDate: detDay("2026-11-19"), LeavesWindowOn: detDay("2026-12-19"), Events: []metrics.Event{{Type: "late_shipment", Status: "not confirmed"}}}
	detNoInvoice  = metrics.Item{OrderID: "302-0000004-0000004", OrderDate: detDay("2026-11-08"), KeyDate: detDay("2026-11-08"), LeavesWindowOn: detDay("2026-11-22"), Events: []metrics.Event{{Type: "missing_invoice"}}}
)

func detVerdict(id, seg string, days int, mkt string, num, den int, st health.Status, th health.Threshold, w metrics.Window, items ...metrics.Item) health.Verdict {
	return health.Verdict{Result: metrics.Result{ID: id, Fulfillment: seg, WindowDays: days, Marketplace: mkt,
		Numerator: num, Denominator: den, Window: w, Items: items}, Status: st, Threshold: th}
}

// detOdrReport is audit odr's report: the all-orders list holds both defective
// orders, each segment its own.
func detOdrReport() *health.Report {
	return &health.Report{Command: "odr", AsOf: detDay("2026-11-20"), Marketplace: "US", Status: health.Fail, Metrics: []health.Verdict{
		detVerdict("odr", "all", 0, "", 2, 230, health.Warn, detOdrTarget, detOdrWindow, detAfnDefect, detMfnDefect),
		detVerdict("odr", "afn", 0, "", 1, 135, health.Pass, detOdrTarget, detOdrWindow, detAfnDefect),
		detVerdict("odr", "mfn", 0, "", 1, 95, health.Fail, detOdrTarget, detOdrWindow, detMfnDefect),
	}}
}

// detAllReport is audit all's report with lists in four metrics, one entry
// with none and one not computed.
func detAllReport() *health.Report {
	r := detOdrReport()
	r.Command = "all"
	r.Marketplace = "DE"
	r.Metrics = append(r.Metrics,
		detVerdict("late_shipment_rate", "", 10, "", 1, 14, health.Fail, detLsrTarget, detLsr10, detLateShip),
		detVerdict("late_shipment_rate", "", 30, "", 1, 45, health.Pass, detLsrTarget, detLsr30, detLateShip30),
		detVerdict("valid_tracking_rate", "", 0, "", 37, 37, health.Pass, detVtrTarget, detOdrWindow),
		detVerdict("invoice_defect_rate", "", 0, "DE", 1, 11, health.Fail, detIdrTarget, detIdrWindow, detNoInvoice),
		health.Verdict{Result: metrics.Missing("on_time_delivery_rate", "needs the shipments file"), Status: health.NotComputed},
	)
	return r
}

func detRenderTable(t *testing.T, r *health.Report, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.Table(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// detSection is the lines of out from the line equal to head up to the next
// blank line.
func detSection(t *testing.T, out, head string) []string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if l != head {
			continue
		}
		var sec []string
		for _, s := range lines[i:] {
			if s == "" {
				break
			}
			sec = append(sec, s)
		}
		return sec
	}
	t.Fatalf("no line %q in:\n%s", head, out)
	return nil
}

// detFields splits a table row on its runs of two or more spaces.
func detFields(row string) []string {
	var out []string
	for _, f := range strings.Split(row, "  ") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func detSameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDetailsODRListsAllOrdersOnce(t *testing.T) {
	out := detRenderTable(t, detOdrReport(), render.Options{Details: true})
	sec := detSection(t, out, "Defective orders: 2")
	if len(sec) != 4 {
		t.Fatalf("want heading, header and 2 rows, got:\n%s", strings.Join(sec, "\n"))
	}
	wantHeader := []string{"ORDER ID", "ORDER DATE", "FULFILLMENT", "DEFECTS", "LEAVES WINDOW ON"}
	if got := detFields(sec[1]); !detSameStrings(got, wantHeader) {
		t.Errorf("header %q, want %q", got, wantHeader)
	}
	rows := [][]string{
		{"114-0000001-0000001", "2026-10-24", "AFN", "negative feedback 2026-11-02 (rating 2); A-to-z claim 2026-11-03 (granted)", "2027-01-06"},
		{"114-0000002-0000002", "2026-11-06", "MFN", "chargeback 2026-11-10 (service)", "2027-01-19"},
	}
	for i, want := range rows {
		if got := detFields(sec[2+i]); !detSameStrings(got, want) {
			t.Errorf("row %d: %q, want %q", i+1, got, want)
		}
	}
	// The segments' lists are parts of the all-orders list: not repeated.
	for _, l := range []string{"Defective orders, Amazon-fulfilled (AFN): 1", "Defective orders, Seller-fulfilled (MFN): 1"} {
		if strings.Contains(out, l) {
			t.Errorf("segment list %q shown:\n%s", l, out)
		}
	}
	if n := strings.Count(out, "114-0000002-0000002"); n != 1 {
		t.Errorf("the MFN order appears %d times, want once:\n%s", n, out)
	}
}

// Without an all-orders entry (none in the report, or an empty one), each
// segment with orders is listed under its own heading.
func TestDetailsODRSegmentsWithoutAllList(t *testing.T) {
	r := detOdrReport()
	r.Metrics = r.Metrics[1:]
	out := detRenderTable(t, r, render.Options{Details: true})
	sec := detSection(t, out, "Defective orders, Seller-fulfilled (MFN): 1")
	if got := detFields(sec[1]); !detSameStrings(got, []string{"ORDER ID", "ORDER DATE", "DEFECTS", "LEAVES WINDOW ON"}) {
		t.Errorf("segment list header %q: no FULFILLMENT column expected", got)
	}
	detSection(t, out, "Defective orders, Amazon-fulfilled (AFN): 1")
}

func TestDetailsOtherMetrics(t *testing.T) {
	out := detRenderTable(t, detAllReport(), render.Options{Details: true})
	for _, c := range []struct {
		head   string
		header []string
		row    []string
	}{
		{"Late shipments, 10 days: 1", []string{"ORDER ID", "ORDER DATE", "SHIP BY", "DEFECTS", "LEAVES WINDOW ON"},
			[]string{"114-0000003-0000003", "2026-11-18", "2026-11-19", "late shipment (not confirmed)", "2026-11-29"}},
		{"Late shipments, 30 days: 1", []string{"ORDER ID", "ORDER DATE", "SHIP BY", "DEFECTS", "LEAVES WINDOW ON"},
			[]string{"114-0000003-0000003", "2026-11-18", "2026-11-19", "late shipment (not confirmed)", "2026-12-19"}},
		{"Missing or late invoices, DE: 1", []string{"ORDER ID", "ORDER DATE", "DEFECTS", "LEAVES WINDOW ON"},
			[]string{"302-0000004-0000004", "2026-11-08", "missing invoice", "2026-11-22"}},
	} {
		sec := detSection(t, out, c.head)
		if len(sec) != 3 {
			t.Errorf("%s: want heading, header and 1 row, got:\n%s", c.head, strings.Join(sec, "\n"))
			continue
		}
		if got := detFields(sec[1]); !detSameStrings(got, c.header) {
			t.Errorf("%s: header %q, want %q", c.head, got, c.header)
		}
		if got := detFields(sec[2]); !detSameStrings(got, c.row) {
			t.Errorf("%s: row %q, want %q", c.head, got, c.row)
		}
	}
	// No list for an entry without orders, nor for one not computed.
	for _, l := range []string{"Shipments without valid tracking", "Late deliveries"} {
		if strings.Contains(out, l) {
			t.Errorf("empty list %q shown:\n%s", l, out)
		}
	}
}

// The lists sit after the table, its forecast and what was not computed,
// and before the unplaced defects and the detVerdict; everything else is the
// output without --details, line for line.
func TestDetailsAddsOnlyTheLists(t *testing.T) {
	for _, r := range []*health.Report{detOdrReport(), detAllReport()} {
		r.Unmatched = []metrics.Unplaced{{OrderID: "112-9", Kind: "negative_feedback", File: "f.txt", Line: 4}}
		r.Metrics[0].Forecast = &health.Forecast{Goal: "pass", Op: health.Less, Line: 0.008, RecoversOn: detDatePtr("2027-01-06"), CleanOrdersNeeded: detIntPtr(20), DailyOrders: 3.8}
		plain := detRenderTable(t, r, render.Options{})
		detailed := detRenderTable(t, r, render.Options{Details: true})
		start := strings.Index(detailed, "\nDefective orders: 2\n")
		end := strings.Index(detailed, "\n1 defect not counted")
		if start < 0 || end < start {
			t.Fatalf("%s: lists not between the table and the unplaced defects:\n%s", r.Command, detailed)
		}
		if without := detailed[:start] + detailed[end:]; without != plain {
			t.Errorf("%s: --details changed more than the lists:\n--- with the lists cut out ---\n%s\n--- without --details ---\n%s", r.Command, without, plain)
		}
		if !strings.Contains(detailed[:start], "Forecast:") {
			t.Errorf("%s: forecast not above the lists", r.Command)
		}
		if r.Command == "all" && !strings.Contains(detailed[:start], "Not computed:") {
			t.Errorf("%s: not-computed list not above the lists", r.Command)
		}
	}
}

func TestDetailsOnly(t *testing.T) {
	r := detAllReport()
	r.Metrics[2].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: detDatePtr("2027-01-19"), DailyOrders: 1.6}
	out := detRenderTable(t, r, render.Options{Details: true, DetailsOnly: true})
	if first := strings.SplitN(out, "\n", 2)[0]; first != "Orders counted against account health (DE) as of 2026-11-20" {
		t.Errorf("title %q", first)
	}
	for _, absent := range []string{"METRIC", "RATE", "Forecast:", "Not computed:", "FAIL  "} {
		if strings.Contains(out, absent) {
			t.Errorf("audit defects shows %q:\n%s", absent, out)
		}
	}
	for _, head := range []string{"Defective orders: 2", "Late shipments, 10 days: 1", "Late shipments, 30 days: 1", "Missing or late invoices, DE: 1"} {
		detSection(t, out, head)
	}
	if !strings.HasSuffix(out, "\n\nOverall: FAIL (1 of 8 entries not computed)\n") {
		t.Errorf("does not end with the detVerdict:\n%s", out)
	}
	// The lists are those of --details, in the same order.
	detailed := detRenderTable(t, r, render.Options{Details: true})
	lists := func(s string) string {
		return s[strings.Index(s, "\nDefective orders"):strings.Index(s, "\nOverall")]
	}
	if lists(out) != lists(detailed) {
		t.Errorf("audit defects lists differ from --details:\n%s\n---\n%s", lists(out), lists(detailed))
	}
}

func TestDetailsOnlyNothingCounts(t *testing.T) {
	r := &health.Report{Command: "defects", AsOf: detDay("2026-11-20"), Status: health.Pass, Metrics: []health.Verdict{
		detVerdict("odr", "all", 0, "", 0, 230, health.Pass, detOdrTarget, detOdrWindow),
	}}
	got := detRenderTable(t, r, render.Options{Details: true, DetailsOnly: true})
	want := "Orders counted against account health as of 2026-11-20\n\nNo order counts against any metric.\n\nOverall: PASS\n"
	if got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}

func TestDetailsColour(t *testing.T) {
	r := detOdrReport()
	plain := detRenderTable(t, r, render.Options{Details: true, DetailsOnly: true})
	if strings.Contains(plain, "\x1b") {
		t.Errorf("escape codes without colour:\n%q", plain)
	}
	coloured := detRenderTable(t, r, render.Options{Color: true, Details: true, DetailsOnly: true})
	if !strings.Contains(coloured, "\x1b[1mDefective orders\x1b[22m: 2\n") {
		t.Errorf("list heading not bold:\n%q", coloured)
	}
}

// An event without a date or status, and an order without an order date.
func TestDetailsSparseItem(t *testing.T) {
	r := detAllReport()
	r.Metrics[3].Items = []metrics.Item{{OrderID: "114-5", KeyDate: detDay("2026-11-19"), LeavesWindowOn: detDay("2026-11-29"),
		Events: []metrics.Event{{Type: "late_shipment"}, {Type: "some_new_kind", Status: "x"}}}}
	out := detRenderTable(t, r, render.Options{Details: true})
	sec := detSection(t, out, "Late shipments, 10 days: 1")
	want := []string{"114-5", "-", "2026-11-19", "late shipment; some new kind (x)", "2026-11-29"}
	if got := detFields(sec[2]); !detSameStrings(got, want) {
		t.Errorf("row %q, want %q", got, want)
	}
}

func TestForecastLines(t *testing.T) {
	mk := func(id, seg string, days int, th health.Threshold, st health.Status, f health.Forecast) health.Verdict {
		v := detVerdict(id, seg, days, "", 1, 95, st, th, detOdrWindow)
		v.Forecast = &f
		return v
	}
	for _, c := range []struct {
		name string
		v    health.Verdict
		want string
	}{
		{"fail, both figures",
			mk("odr", "mfn", 0, detOdrTarget, health.Fail, health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: detDatePtr("2027-01-19"), CleanOrdersNeeded: detIntPtr(5), DailyOrders: 1.5833}),
			"Order Defect Rate, Seller-fulfilled (MFN): under 1% on 2027-01-19 if no new defects arrive (about 1.6 orders a day); 5 more defect-free orders would bring it under 1% today."},
		{"warn: out of the warn band; one order",
			mk("odr", "all", 0, detOdrTarget, health.Warn, health.Forecast{Goal: "pass", Op: health.Less, Line: 0.008, RecoversOn: detDatePtr("2027-01-06"), CleanOrdersNeeded: detIntPtr(1), DailyOrders: 3.83}),
			"Order Defect Rate, All orders: out of the warn band (under 0.8%) on 2027-01-06 if no new defects arrive (about 3.8 orders a day); 1 more defect-free order would bring it out of the warn band (under 0.8%) today."},
		{"never recovers: the reason instead of the date",
			mk("late_shipment_rate", "", 10, detLsrTarget, health.Fail, health.Forecast{Goal: "target", Op: health.Less, Line: 0.04, CleanOrdersNeeded: detIntPtr(12), DailyOrders: 1.4, Reason: "the late orders stay in the window"}),
			"Late Shipment Rate, Seller-fulfilled, 10 days: 12 more orders shipped on time would bring it under 4% today; the late orders stay in the window."},
		{"no count: the reason instead",
			mk("valid_tracking_rate", "", 0, detVtrTarget, health.Warn, health.Forecast{Goal: "pass", Op: health.Greater, Line: 0.96, RecoversOn: detDatePtr("2026-12-01"), DailyOrders: 2, Reason: "no number of shipments would"}),
			"Valid Tracking Rate, Seller-fulfilled: out of the warn band (over 96%) on 2026-12-01 if no new defects arrive (about 2.0 shipments a day); no number of shipments would."},
		{"neither: only the reason",
			mk("odr", "all", 0, detOdrTarget, health.Fail, health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, Reason: "no orders in the window"}),
			"Order Defect Rate, All orders: no orders in the window."},
		{">= target",
			mk("on_time_delivery_rate", "", 0, health.Threshold{Op: health.GreaterEqual, Value: 0.9, WarnAt: 0.92}, health.Fail, health.Forecast{Goal: "target", Op: health.GreaterEqual, Line: 0.9, CleanOrdersNeeded: detIntPtr(21), RecoversOn: detDatePtr("2026-11-29"), DailyOrders: 1.357}),
			"On-Time Delivery Rate, Seller-fulfilled, tracked: at or over 90% on 2026-11-29 if no new defects arrive (about 1.4 shipments a day); 21 more shipments delivered on time would bring it at or over 90% today."},
	} {
		r := &health.Report{Command: "odr", AsOf: detDay("2026-11-20"), Status: c.v.Status, Metrics: []health.Verdict{c.v}}
		out := detRenderTable(t, r, render.Options{})
		sec := detSection(t, out, "Forecast:")
		if len(sec) != 2 || sec[1] != "  "+c.want {
			t.Errorf("%s: got\n%s\nwant\n  %s", c.name, strings.Join(sec, "\n"), c.want)
		}
	}
}

// The forecast block lists the entries that have one, in report order,
// between the table and what was not computed, with and without --details.
func TestForecastBlockPlace(t *testing.T) {
	r := detAllReport()
	r.Metrics[2].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: detDatePtr("2027-01-19"), CleanOrdersNeeded: detIntPtr(1), DailyOrders: 1.6}
	r.Metrics[0].Forecast = &health.Forecast{Goal: "pass", Op: health.Less, Line: 0.008, RecoversOn: detDatePtr("2027-01-06"), CleanOrdersNeeded: detIntPtr(20), DailyOrders: 3.8}
	r.Metrics[6].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.05, Reason: "no invoices"}
	out := detRenderTable(t, r, render.Options{})
	sec := detSection(t, out, "Forecast:")
	if len(sec) != 4 || !strings.HasPrefix(sec[1], "  Order Defect Rate, All orders:") ||
		!strings.HasPrefix(sec[2], "  Order Defect Rate, Seller-fulfilled (MFN):") ||
		sec[3] != "  Invoice Defect Rate, Business orders, DE: no invoices." {
		t.Errorf("forecast block:\n%s", strings.Join(sec, "\n"))
	}
	table, fc, nc := strings.Index(out, "METRIC"), strings.Index(out, "\nForecast:"), strings.Index(out, "\nNot computed:")
	if !(table < fc && fc < nc) {
		t.Errorf("forecast not between the table and what was not computed:\n%s", out)
	}
	// No forecast, no block.
	if out := detRenderTable(t, detAllReport(), render.Options{}); strings.Contains(out, "Forecast") {
		t.Errorf("forecast block without forecasts:\n%s", out)
	}
}
