package render_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/render"
)

func covDay(m time.Month, d int) civil.Date { return civil.NewDate(2026, m, d) }

// covODR is the ODR coverage of one of acme-us's two All Orders downloads:
// the window from 2026-10-17 only.
func covODR() *metrics.Coverage {
	return &metrics.Coverage{Kinds: []string{"orders"}, Field: records.Ordered,
		Needed:  records.Range{From: covDay(9, 8), To: covDay(11, 6)},
		Covered: []records.Range{{From: covDay(10, 17), To: covDay(11, 6)}},
		Missing: []records.Range{{From: covDay(9, 8), To: covDay(10, 16)}},
		Reports: []string{"All Orders report"}}
}

// covReport: the ODR of one download, incomplete (a fail on these files)
// with A-to-z claims and chargebacks not given; the 10-day late shipment
// rate covered by none of its window; the 30-day one complete, a pass.
func covReport() *health.Report {
	window := metrics.Window{From: covDay(9, 8), To: covDay(11, 6), Days: 60}
	odr := func(seg string, num, den int) health.Verdict {
		return health.Verdict{Result: metrics.Result{ID: "odr", Fulfillment: seg, Numerator: num, Denominator: den, Window: window,
			Components: metrics.Components{{Key: "negative_feedback", Count: num}, {Key: "a_to_z_claims"}, {Key: "chargebacks"}},
			NotGiven:   []string{"a_to_z_claims", "chargebacks"}, Coverage: covODR()},
			Status: health.Incomplete, Partial: health.Fail, Threshold: ciODR}
	}
	lsr := health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.03}
	r := &health.Report{Command: "all", AsOf: covDay(11, 20), Marketplace: "US", Profile: "amazon",
		Metrics: []health.Verdict{
			odr("all", 2, 40), odr("afn", 1, 24), odr("mfn", 1, 16),
			{Result: metrics.Result{ID: "late_shipment_rate", WindowDays: 10, Window: metrics.Window{From: covDay(11, 11), To: covDay(11, 20), Days: 10},
				Coverage: &metrics.Coverage{Kinds: []string{"shipments"}, Field: records.ShipBy,
					Needed: records.Range{From: covDay(11, 11), To: covDay(11, 20)}, Covered: []records.Range{},
					Missing: []records.Range{{From: covDay(11, 11), To: covDay(11, 19)}}, Reports: []string{"shipments file"}}},
				Status: health.Incomplete, Partial: health.NoData, Threshold: lsr},
			{Result: metrics.Result{ID: "late_shipment_rate", WindowDays: 30, Numerator: 0, Denominator: 45,
				Window: metrics.Window{From: covDay(10, 22), To: covDay(11, 20), Days: 30}}, Status: health.Pass, Threshold: lsr},
		}}
	r.Finish()
	return r
}

const (
	covODRNote = "Order Defect Rate: the files cover 2026-10-17..2026-11-06 of the window 2026-09-08..2026-11-06 (by order date); " +
		"download the All Orders report for 2026-09-08..2026-10-16"
	covLSRNote = "Late Shipment Rate, 10 days: the files cover none of the window 2026-11-11..2026-11-20 (by expected ship date); " +
		"download the shipments file for 2026-11-11..2026-11-19"
)

func covRender(t *testing.T, fn render.Renderer, r *health.Report, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func wantAll(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, out)
		}
	}
}

// The table: INCOMPLETE with the verdict on the files given, the note
// naming the days missing and the report to download (once for the ODR's
// three segments), "not given" where a count would be 0, and an overall
// line that says what it could not see.
func TestTableIncompleteAndNotGiven(t *testing.T) {
	r := covReport()
	out := covRender(t, render.Table, r, render.Options{})
	wantAll(t, "audit all table", out,
		"  INCOMPLETE (fail)     2026-09-08..2026-11-06 ", "  INCOMPLETE (no data)  ship-by ",
		"\nIncomplete: no verdict until the files cover the whole window (in brackets: the verdict on the files given):\n  "+
			strings.Replace(covODRNote, "; ", ";\n    ", 1)+".\n  "+strings.Replace(covLSRNote, "; ", ";\n    ", 1)+".\n",
		"negative feedback 2, A-to-z claims not given, chargebacks not given",
		"\nNot given: no file among the inputs counts them, so they are unknown (not 0) and the rates leave them out:\n  Order Defect Rate: A-to-z claims and chargebacks\n",
		"Overall: INCOMPLETE (4 of 5 entries incomplete; A-to-z claims and chargebacks not given)\n")
	if n := strings.Count(out, "Order Defect Rate: the files cover"); n != 1 {
		t.Errorf("the ODR's coverage note %d times, want once", n)
	}
	if strings.Contains(out, "chargebacks 0") {
		t.Errorf("a not-given count written as 0:\n%s", out)
	}

	// One metric: its component columns say "not given".
	r.Command, r.Metrics = "odr", r.Metrics[:3]
	out = covRender(t, render.Table, r, render.Options{})
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "All orders") {
			if f := strings.Fields(line); strings.Join(f[len(f)-9:], " ") != "2 not given not given < 1% INCOMPLETE (fail)" {
				t.Errorf("odr all row %q", line)
			}
		}
	}
	// Colour: INCOMPLETE has its own (magenta), the partial verdict none.
	col := covRender(t, render.Table, r, render.Options{Color: true})
	wantAll(t, "coloured table", col, "\x1b[35;1mINCOMPLETE\x1b[0", " (fail)\n")
}

// The stderr summary names incomplete entries with their verdict on the
// files given, what each report lacks and what was not given.
func TestSummaryIncompleteAndNotGiven(t *testing.T) {
	var b bytes.Buffer
	render.Summary(&b, covReport())
	want := "audit all: INCOMPLETE as of 2026-11-20: INCOMPLETE odr all 5.00% (2/40, fail on these files); " +
		"INCOMPLETE odr afn 4.17% (1/24, fail on these files); INCOMPLETE odr mfn 6.25% (1/16, fail on these files); " +
		"INCOMPLETE late_shipment_rate 10d - (0/0, no data on these files); " +
		"All Orders report missing order dates 2026-09-08..2026-10-16; shipments file missing expected ship dates 2026-11-11..2026-11-19; " +
		"A-to-z claims and chargebacks not given; 1 passed\n"
	if b.String() != want {
		t.Errorf("summary\n got %q\nwant %q", b.String(), want)
	}
}

func TestMarkdownIncompleteAndNotGiven(t *testing.T) {
	out := covRender(t, render.Markdown, covReport(), render.Options{})
	wantAll(t, "markdown", out, "### Account health (US) as of 2026-11-20: INCOMPLETE\n\n4 of 5 entries incomplete; A-to-z claims and chargebacks not given.\n",
		"| Order Defect Rate | All orders | 5.00% | 2 / 40 | < 1% | ❔ INCOMPLETE (fail on these files) |",
		"- "+covODRNote+".\n", "- Order Defect Rate: A-to-z claims and chargebacks\n")
}

// JUnit agrees with the exit code: what --fail-on names is a <failure>
// (typed by its status), an incomplete entry otherwise is skipped with the
// days to download, and a fail under --fail-on never passes.
func TestJUnitFollowsFailOn(t *testing.T) {
	parse := func(s string) health.FailOn {
		f, err := health.ParseFailOn(s)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	r := covReport()
	r.Metrics = append(r.Metrics,
		health.Verdict{Result: metrics.Result{ID: "valid_tracking_rate", Numerator: 36, Denominator: 37}, Status: health.Warn,
			Threshold: health.Threshold{Op: health.Greater, Value: 0.95, WarnAt: 0.97}},
		health.Verdict{Result: metrics.Result{ID: "on_time_delivery_rate", Numerator: 15, Denominator: 19}, Status: health.Fail,
			Threshold: health.Threshold{Op: health.GreaterEqual, Value: 0.9, WarnAt: 0.92}})
	outcome := func(c jxCase) string {
		switch {
		case c.Failure != nil:
			return "failure:" + c.Failure.Type
		case c.Skipped != nil:
			return "skipped"
		case c.Error != nil:
			return "error"
		}
		return "passed"
	}
	for _, c := range []struct {
		failOn string
		want   map[string]string
	}{
		{"fail", map[string]string{"odr all": "skipped", "late_shipment_rate 10d": "skipped", "late_shipment_rate 30d": "passed",
			"valid_tracking_rate": "passed", "on_time_delivery_rate": "failure:fail"}},
		{"warn", map[string]string{"odr all": "failure:incomplete", "late_shipment_rate 10d": "failure:incomplete",
			"valid_tracking_rate": "failure:warn", "on_time_delivery_rate": "failure:fail"}},
		{"fail,incomplete,no-data", map[string]string{"odr all": "failure:incomplete", "valid_tracking_rate": "passed",
			"on_time_delivery_rate": "failure:fail"}},
		{"never", map[string]string{"odr all": "skipped", "valid_tracking_rate": "passed", "on_time_delivery_rate": "passed"}},
	} {
		f := parse(c.failOn)
		doc := ciParseJUnit(t, []byte(covRender(t, render.JUnit, r, render.Options{FailOn: f})))
		s := doc.Suites[0]
		for name, want := range c.want {
			if got := outcome(s.find(t, name)); got != want {
				t.Errorf("--fail-on %s: %s is %s, want %s", c.failOn, name, got, want)
			}
		}
		// As many failures as entries whose status makes the exit code 1.
		n := 0
		for _, m := range r.Metrics {
			if f.Fails(m.Status) {
				n++
			}
		}
		if doc.Failures != n {
			t.Errorf("--fail-on %s: %d failures, want %d", c.failOn, doc.Failures, n)
		}
	}
	doc := ciParseJUnit(t, []byte(covRender(t, render.JUnit, r, render.Options{FailOn: parse("fail")})))
	all := doc.Suites[0].find(t, "odr all")
	if want := "incomplete: Order Defect Rate, All orders: fail on these files; " + strings.TrimPrefix(covODRNote, "Order Defect Rate: "); all.Skipped.Message != want {
		t.Errorf("odr all skipped message\n got %q\nwant %q", all.Skipped.Message, want)
	}
	wantAll(t, "odr all system-out", all.SystemOut, "INCOMPLETE (fail on these files): Order Defect Rate, All orders: 5.00% (2/40)",
		"negative feedback 2, A-to-z claims not given, chargebacks not given", "Not given: A-to-z claims and chargebacks")
	never := ciParseJUnit(t, []byte(covRender(t, render.JUnit, r, render.Options{})))
	if otdr := never.Suites[0].find(t, "on_time_delivery_rate"); !strings.HasPrefix(otdr.SystemOut, "FAIL: ") {
		t.Errorf("a fail that --fail-on never passes: system-out %q", otdr.SystemOut)
	}
	warn := ciParseJUnit(t, []byte(covRender(t, render.JUnit, r, render.Options{FailOn: parse("warn")})))
	if m := warn.Suites[0].find(t, "odr all").Failure.Message; !strings.HasPrefix(m, "INCOMPLETE (fail on these files): Order Defect Rate, All orders: 5.00%") {
		t.Errorf("incomplete failure message %q", m)
	}
}

// CSV: a not-given component is an empty cell, a given one its count;
// an incomplete entry has its status on the files given, the days missing,
// and what to download as the reason.
func TestCSVIncompleteAndNotGiven(t *testing.T) {
	recs := csvRecords(t, covRender(t, render.CSV, covReport(), render.Options{}))
	all := csvRow(recs[0], recs[1])
	checkRow(t, "odr all", all, map[string]string{"status": "incomplete", "status_on_files_given": "fail",
		"negative_feedback": "2", "a_to_z_claims": "", "chargebacks": "", "missing_days": "2026-09-08..2026-10-16",
		"reason": strings.TrimPrefix(covODRNote, "Order Defect Rate: ")})
	checkRow(t, "lsr 10", csvRow(recs[0], recs[4]), map[string]string{"status_on_files_given": "no_data", "missing_days": "2026-11-11..2026-11-19"})
	checkRow(t, "lsr 30", csvRow(recs[0], recs[5]), map[string]string{"status": "pass", "status_on_files_given": "", "missing_days": "", "reason": ""})
}

func TestHTMLIncompleteAndNotGiven(t *testing.T) {
	out := covRender(t, render.HTML, covReport(), render.Options{})
	wantAll(t, "html", out,
		`<td class="status st-incomplete">INCOMPLETE <span class="partial">(fail on these files)</span></td>`,
		"<strong>Incomplete:</strong> "+strings.TrimPrefix(covODRNote, "Order Defect Rate: ")+".",
		"Of which negative feedback 2, A-to-z claims not given, chargebacks not given.",
		"<strong>Not given:</strong> no file among the inputs counts A-to-z claims and chargebacks",
		"Overall: <span class=\"status st-incomplete\">INCOMPLETE</span> (4 of 5 entries incomplete; A-to-z claims and chargebacks not given)")
}

// Many accounts: the cell says INCOMPLETE, and the notes name the account,
// the days missing and the report; the summary counts it.
func TestFleetIncomplete(t *testing.T) {
	f := &health.Fleet{Command: "all", AsOf: covDay(11, 20), Accounts: []health.Account{
		{Name: "one-download", Report: covReport()},
		{Name: "ok", Report: flReport("US", nil, flEntry("late_shipment_rate", "", 30, "", 0, 20, health.Pass))},
	}}
	f.Finish()
	out := flRender(t, render.FleetTable, f, render.Options{})
	wantAll(t, "fleet table", out, "5.00% INCOMPLETE", "  one-download: "+strings.Replace(covODRNote, "; ", ";\n    ", 1)+".\n",
		"  one-download: Order Defect Rate: A-to-z claims and chargebacks\n", "Overall: INCOMPLETE")
	md := flRender(t, render.MarkdownFleet, f, render.Options{})
	wantAll(t, "fleet markdown", md, "5.00% ❔", "❔ INCOMPLETE: the files do not cover the window",
		"**one-download**: incomplete: "+covODRNote+"; incomplete: "+covLSRNote+"; not given: Order Defect Rate: A-to-z claims and chargebacks\n")
	var b bytes.Buffer
	render.FleetSummary(&b, f)
	wantAll(t, "fleet summary", b.String(), "1 incomplete (one-download); 1 pass")
}

// The chart does not plot an incomplete date: a gap, which its
// description and legend explain.
func TestHTMLChartLeavesOutIncompleteDates(t *testing.T) {
	r := htmlReport()
	p := &r.Trend.Series[1].Points[1] // odr mfn on 2026-11-19
	p.Status, p.Partial = health.Incomplete, health.Fail
	page := renderHTML(t, r)
	if n := strings.Count(page, "<circle"); n != 4 {
		t.Errorf("%d points, want 4 (one date has no value, one is incomplete)", n)
	}
	wantAll(t, "html", page, `<path d="M52.0 160.0 M630.0 28.4"`,
		"Gaps are dates without a value, or whose files do not cover the window (incomplete): their rate is not plotted.",
		`text-anchor="end" fill="#333">gap: no value or incomplete</text>`)
	if strings.Contains(page, "2026-11-19: ") {
		t.Error("the incomplete date has a point")
	}
}

// A chart with nothing but incomplete dates is not drawn: the page says
// why.
func TestHTMLNoChartWhenEveryDateIsIncomplete(t *testing.T) {
	r := htmlReport()
	for i := range r.Trend.Series[1].Points { // odr mfn
		p := &r.Trend.Series[1].Points[i]
		p.Status, p.Partial = health.Incomplete, health.Fail
	}
	page := renderHTML(t, r)
	wantAll(t, "html", page, `<p class="none">No trend: on none of its dates do the files cover the window and give a rate.</p>`)
	if n := strings.Count(page, "<svg"); n != 1 {
		t.Errorf("%d charts, want 1", n)
	}
}
