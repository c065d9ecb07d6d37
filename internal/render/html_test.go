package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/render"
)

// go test ./internal/render -run HTML -update-html rewrites
// testdata/html-report.golden. The flag has its own name so that it cannot
// clash with another test file's -update in this package.
var updateHTML = flag.Bool("update-html", false, "rewrite testdata/html-report.golden")

func htmlDay(m time.Month, d int) civil.Date { return civil.NewDate(2026, m, d) }

var htmlODR = health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}

// htmlReport is a hand-built report: a warning ODR with a forecast, two
// orders (one whose id is markup) and a trend with a gap; a failing
// seller-fulfilled ODR with a forecast that has neither date nor count, a
// steady trend, and its order (also in the all-orders list); a late
// shipment rate with a late order never confirmed, whose only series is for
// another window length (so: no trend); a metric not computed; an unmatched
// defect; warnings, one repeated by the trend.
func htmlReport() *health.Report {
	window := metrics.Window{From: htmlDay(time.September, 8), To: htmlDay(time.November, 6), Days: 60}
	recovers := civil.NewDate(2027, time.January, 23)
	clean := 21
	r := &health.Report{
		Command: "all", AsOf: htmlDay(time.November, 20), Marketplace: "US", Profile: "amazon-us",
		Metrics: []health.Verdict{
			{Result: metrics.Result{ID: "odr", Fulfillment: "all", Numerator: 2, Denominator: 230, Window: window,
				Components: metrics.Components{{Key: "negative_feedback", Count: 1}, {Key: "a_to_z_claims", Count: 1}, {Key: "chargebacks", Count: 1}},
				Items: []metrics.Item{
					{OrderID: "114-<script>alert(1)</script>", OrderDate: htmlDay(time.October, 24), Fulfillment: "afn", KeyDate: htmlDay(time.October, 24),
						Events: []metrics.Event{{Type: "negative_feedback", Date: htmlDay(time.November, 2), Status: "rating 2"},
							{Type: "a_to_z_claim", Date: htmlDay(time.November, 3), Status: "granted"}},
						LeavesWindowOn: civil.NewDate(2027, time.January, 6)},
					{OrderID: "114-0000002-0000002", OrderDate: htmlDay(time.November, 6), Fulfillment: "mfn", KeyDate: htmlDay(time.November, 6),
						Events:         []metrics.Event{{Type: "chargeback", Status: "pending"}},
						LeavesWindowOn: civil.NewDate(2027, time.January, 19)},
				}},
				Status: health.Warn, Threshold: htmlODR,
				Forecast: &health.Forecast{Goal: "pass", Op: health.Less, Line: 0.008, RecoversOn: &recovers, CleanOrdersNeeded: &clean, DailyOrders: 3.8333}},
			{Result: metrics.Result{ID: "odr", Fulfillment: "mfn", Numerator: 1, Denominator: 95, Window: window,
				Items: []metrics.Item{{OrderID: "114-0000002-0000002", OrderDate: htmlDay(time.November, 6), Fulfillment: "mfn", KeyDate: htmlDay(time.November, 6),
					Events:         []metrics.Event{{Type: "chargeback", Status: "pending"}},
					LeavesWindowOn: civil.NewDate(2027, time.January, 19)}}},
				Status: health.Fail, Threshold: htmlODR,
				Forecast: &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, DailyOrders: 0,
					Reason: "no orders in the window & none to come"}},
			{Result: metrics.Result{ID: "late_shipment_rate", Fulfillment: "", WindowDays: 10, Numerator: 1, Denominator: 40,
				Window: metrics.Window{From: htmlDay(time.November, 11), To: htmlDay(time.November, 20), Days: 10},
				Items: []metrics.Item{{OrderID: "114-0043812-5179151", OrderDate: htmlDay(time.November, 18), Fulfillment: "mfn", KeyDate: htmlDay(time.November, 19),
					Events:         []metrics.Event{{Type: "late_shipment", Status: "not confirmed"}},
					LeavesWindowOn: htmlDay(time.November, 29)}}},
				Status: health.Pass, Threshold: health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.032}},
			{Result: metrics.Result{ID: "invoice_defect_rate", Marketplace: "DE", NotComputed: `no <invoice> report & no "business" flag`},
				Status: health.NotComputed, Threshold: health.Threshold{Op: health.Less, Value: 0.05, WarnAt: 0.04}},
		},
		Unmatched: []metrics.Unplaced{{OrderID: "112-9118186-0214734", Kind: "negative_feedback", File: "acme/Feedback.txt", Line: 4}},
		Warnings:  []string{"skipped acme/notes.md: not a recognised <report>"},
		Inputs:    []records.InputFile{{File: "acme/Orders & returns.txt", Kind: "orders", Rows: 230}},
		Trend: &health.Trend{
			Command: "all", From: htmlDay(time.November, 18), To: htmlDay(time.November, 20), Marketplace: "US", Profile: "amazon-us",
			Series: []health.Series{
				{ID: "odr", Fulfillment: "all", Threshold: htmlODR, Points: []health.Point{
					{AsOf: htmlDay(time.November, 18), Numerator: 1, Denominator: 100, Status: health.Pass},
					{AsOf: htmlDay(time.November, 19), Status: health.NoData}, // the gap
					{AsOf: htmlDay(time.November, 20), Numerator: 2, Denominator: 100, Status: health.Fail},
				}},
				{ID: "odr", Fulfillment: "mfn", Threshold: htmlODR, Points: []health.Point{
					{AsOf: htmlDay(time.November, 18), Numerator: 0, Denominator: 50, Status: health.Pass},
					{AsOf: htmlDay(time.November, 19), Numerator: 1, Denominator: 100, Status: health.Fail},
					{AsOf: htmlDay(time.November, 20), Numerator: 1, Denominator: 95, Status: health.Fail},
				}},
				// Another window length than the entry's: it must not be drawn.
				{ID: "late_shipment_rate", WindowDays: 30, Threshold: health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.032},
					Points: []health.Point{{AsOf: htmlDay(time.November, 20), Numerator: 1, Denominator: 2, Status: health.Fail}}},
			},
			Warnings: []string{"skipped acme/notes.md: not a recognised <report>", "orders start 2026-10-01: earlier dates see part of a window"},
		},
	}
	r.Finish()
	return r
}

func renderHTML(t *testing.T, r *health.Report) string {
	t.Helper()
	fn, err := render.Lookup("html")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fn(&b, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// htmlElement is one element of the page as encoding/xml reads it.
type htmlElement struct {
	name  string
	attrs []xml.Attr
	path  []string // the names of its ancestors, outermost first
}

// parseHTMLPage reads the page as XML: the renderer writes well-formed
// markup (void elements closed, every element ended, only XML entities), so
// a strict XML decoder reads it to the end, and every end tag matches its
// start tag. It returns the elements in document order.
func parseHTMLPage(t *testing.T, page string) []htmlElement {
	t.Helper()
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n") {
		t.Errorf("the page does not start with <!DOCTYPE html>: %.40q", page)
	}
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	var (
		out   []htmlElement
		stack []string
		roots int
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			t.Fatalf("not well-formed at line %d: %v", line, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				roots++
			}
			out = append(out, htmlElement{name: tk.Name.Local, attrs: tk.Attr, path: append([]string(nil), stack...)})
			stack = append(stack, tk.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != tk.Name.Local {
				t.Fatalf("unbalanced </%s> in %v", tk.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 || roots != 1 {
		t.Fatalf("unclosed elements %v, %d root elements", stack, roots)
	}
	return out
}

func countElements(els []htmlElement, name string) int {
	n := 0
	for _, e := range els {
		if e.name == name {
			n++
		}
	}
	return n
}

func TestHTMLWellFormed(t *testing.T) {
	for name, r := range map[string]*health.Report{"with trend": htmlReport(), "no trend": htmlNoTrend()} {
		t.Run(name, func(t *testing.T) {
			els := parseHTMLPage(t, renderHTML(t, r))
			if els[0].name != "html" || countElements(els, "head") != 1 || countElements(els, "body") != 1 || countElements(els, "style") != 1 {
				t.Errorf("want one html with one head, body and style")
			}
			// Every chart has a title and a description for a screen reader.
			svgs := countElements(els, "svg")
			var titled, described int
			for _, e := range els {
				if len(e.path) > 0 && e.path[len(e.path)-1] == "svg" {
					switch e.name {
					case "title":
						titled++
					case "desc":
						described++
					}
				}
			}
			if titled != svgs || described != svgs {
				t.Errorf("%d charts, %d titles, %d descriptions", svgs, titled, described)
			}
		})
	}
}

// The page asks for nothing over the network: no script, no stylesheet,
// font or image by address, no link but to its own sections.
func TestHTMLSelfContained(t *testing.T) {
	page := renderHTML(t, htmlReport())
	for _, bad := range []string{"http:", "https:", "//", "url(", "@import", "@font-face", "<script", "<link", "<img", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, e := range parseHTMLPage(t, page) {
		for _, a := range e.attrs {
			switch strings.ToLower(a.Name.Local) {
			case "src", "srcset", "action", "xlink:href", "data":
				t.Errorf("<%s %s=%q>", e.name, a.Name.Local, a.Value)
			case "href":
				if !strings.HasPrefix(a.Value, "#") {
					t.Errorf("<%s href=%q> leaves the page", e.name, a.Value)
				}
			}
		}
	}
}

func TestHTMLContent(t *testing.T) {
	page := renderHTML(t, htmlReport())
	want := []string{
		"<title>Account health – US – as of 2026-11-20</title>",
		"<h1>Account health</h1>",
		`<p class="meta">Account health · Store: US · As of <span class="date">2026-11-20</span>`,
		// The overall status, in words, and what went unaudited.
		`Overall: <span class="status st-fail">FAIL</span> (1 of 4 entries not computed)`,
		// The verdict table: metric, scope, rate, count, target, status, window.
		`<td><a href="#entry-1">Order Defect Rate</a></td><td>All orders</td><td class="num">0.87%</td><td class="num">2 / 230</td><td>&lt; 1%</td><td class="status st-warn">WARN</td><td class="date">2026-09-08..2026-11-06</td>`,
		`<td><a href="#entry-2">Order Defect Rate</a></td><td>Seller-fulfilled (MFN)</td><td class="num">1.05%</td><td class="num">1 / 95</td><td>&lt; 1%</td><td class="status st-fail">FAIL</td>`,
		`<td><a href="#entry-3">Late Shipment Rate</a></td><td>Seller-fulfilled, 10 days</td><td class="num">2.50%</td><td class="num">1 / 40</td><td>&lt; 4%</td><td class="status st-pass">PASS</td><td class="date">ship-by 2026-11-11..2026-11-20</td>`,
		`<td>Invoice Defect Rate</td><td>Business orders, DE</td><td class="num">-</td><td class="num">-</td><td>&lt; 5%</td><td class="status st-not_computed">NOT COMPUTED</td>`,
		// One section per computed entry.
		`<section class="entry" id="entry-1">`, `<section class="entry" id="entry-2">`, `<section class="entry" id="entry-3">`,
		"2 defective of 230 orders (orders dated 2026-09-08 to 2026-11-06, 60 days). Of which negative feedback 1, A-to-z claims 1, chargebacks 1.",
		// The forecasts, in the table's words: a date and a number, or why
		// there is neither.
		"<dt>Goal</dt><dd>out of the warn band (under 0.8%)</dd>",
		"<dt>Recovers on</dt><dd>2027-01-23, if no new defects arrive (about 3.8 orders a day)</dd>",
		"<dt>Or today</dt><dd>21 more defect-free orders would bring it out of the warn band (under 0.8%)</dd>",
		"<dt>Goal</dt><dd>under 1% (the target)</dd>",
		"<dt>Recovers on</dt><dd>no date</dd>",
		"<dt>Or today</dt><dd>no number of new orders would bring it under 1%</dd>",
		"<dt>Why</dt><dd>no orders in the window &amp; none to come</dd>",
		// The orders, escaped, with their channel in the all-orders list; an
		// event without a date.
		"<h3>Defective orders: 2</h3>",
		`<th>Order ID</th><th>Order date</th><th>Fulfillment</th><th>Window date</th><th>What made it count</th><th>Leaves the window on</th>`,
		`<td class="id">114-&lt;script&gt;alert(1)&lt;/script&gt;</td><td class="date">2026-10-24</td><td>AFN</td><td class="date">2026-10-24</td><td><ul class="events"><li>negative feedback <span class="date">2026-11-02</span> (rating 2)</li><li>A-to-z claim <span class="date">2026-11-03</span> (granted)</li></ul></td><td class="date">2027-01-06</td>`,
		`<td class="id">114-0000002-0000002</td><td class="date">2026-11-06</td><td>MFN</td><td class="date">2026-11-06</td><td><ul class="events"><li>chargeback (pending)</li></ul></td><td class="date">2027-01-19</td>`,
		// The segment's orders are in the all-orders list, not twice.
		`<p>Its orders are listed under <a href="#entry-1">Order Defect Rate – All orders</a>.</p>`,
		// A late shipment: placed by its expected ship date, no channel column.
		"<h3>Late shipments, 10 days: 1</h3>",
		`<th>Order ID</th><th>Order date</th><th>Ship by</th><th>What made it count</th>`,
		`<td class="id">114-0043812-5179151</td><td class="date">2026-11-18</td><td class="date">2026-11-19</td><td><ul class="events"><li>late shipment (not confirmed)</li></ul></td><td class="date">2026-11-29</td>`,
		// Not computed, unmatched, warnings, inputs: technical notes,
		// collapsed, with file names and no folders.
		`<details class="notes" id="technical-notes">
<summary>Technical notes</summary>`,
		"<li>Invoice Defect Rate (Business orders, DE): no &lt;invoice&gt; report &amp; no &#34;business&#34; flag</li>",
		`<td class="id">112-9118186-0214734</td><td>negative feedback</td><td>Feedback.txt:4</td>`,
		"<li>skipped notes.md: not a recognised &lt;report&gt;</li>",
		"<li>orders start 2026-10-01: earlier dates see part of a window</li>",
		`<td>Orders &amp; returns.txt</td><td>orders</td><td class="num">230</td>`,
		"Trend: 2026-11-18 to 2026-11-20",
		"<p>Generated by audit all as of 2026-11-20.</p>",
	}
	for _, s := range want {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("an order id reached the page unescaped")
	}
	if n := strings.Count(page, `<td class="id">114-0000002-0000002</td>`); n != 1 {
		t.Errorf("the seller-fulfilled order is listed %d times, want once", n)
	}
	if n := strings.Count(page, "skipped notes.md"); n != 1 {
		t.Errorf("a warning of both the report and its trend is listed %d times, want once", n)
	}
	if strings.Contains(page, "acme/") {
		t.Error("a folder of the auditor's reached the page")
	}
	if i, j := strings.Index(page, "<summary>Technical notes</summary>"), strings.Index(page, "skipped notes.md"); i < 0 || j < i {
		t.Error("the warnings are not in the technical notes")
	}
	// No section for the entry that was not computed.
	if n := strings.Count(page, `<section class="entry"`); n != 3 {
		t.Errorf("%d entry sections, want 3", n)
	}
}

// The charts, computed by hand. Plot area x 52..630, y 160 (0 %) .. 10
// (the axis maximum).
//
// ODR all: 1 % on 18 Nov, nothing on 19 Nov, 2 % on 20 Nov; the target 1 %
// and warn line 0.8 % are lower, so the axis tops at 2 %: 1 % at y 85,
// 2 % at y 10, the target at 85 and the warn line at 160-150*0.4 = 100.
// The gap splits the line: two moves, no segment between them.
//
// ODR mfn: 0 %, 1 %, 1/95 = 1.0526 %: the axis tops at 1.2 %; 1 % at
// 160-150*(1/1.2) = 35, 1.0526 % at 160-131.58 = 28.4; the middle date at
// x (52+630)/2 = 341.
func TestHTMLCharts(t *testing.T) {
	page := renderHTML(t, htmlReport())
	want := []string{
		`<title>Order Defect Rate, All orders: the rate on each as-of date</title>`,
		`<path d="M52.0 85.0 M630.0 10.0"`,
		`<circle cx="52.0" cy="85.0" r="2.5"><title>2026-11-18: 1.00% (1 / 100) PASS</title></circle>`,
		`<circle cx="630.0" cy="10.0" r="2.5"><title>2026-11-20: 2.00% (2 / 100) FAIL</title></circle>`,
		`<line x1="52.0" y1="85.0" x2="630.0" y2="85.0" stroke="#a50000" stroke-width="1.5" stroke-dasharray="6 4"><title>target &lt; 1%</title></line>`,
		`<line x1="52.0" y1="100.0" x2="630.0" y2="100.0" stroke="#7a4a00" stroke-width="1.5" stroke-dasharray="1.5 3"><title>warn line 0.8%</title></line>`,
		`text-anchor="end" fill="#333">2%</text>`,
		"Gaps are dates without a value.",
		`<path d="M52.0 160.0 L341.0 35.0 L630.0 28.4"`,
		`text-anchor="end" fill="#333">1.2%</text>`,
		`<text x="52.0" y="176.0" text-anchor="start" fill="#333">2026-11-18</text>`,
		`<text x="630.0" y="176.0" text-anchor="end" fill="#333">2026-11-20</text>`,
		`<text x="46.0" y="164.0" text-anchor="end" fill="#333">0%</text>`,
	}
	for _, s := range want {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if n := strings.Count(page, "<svg"); n != 2 {
		t.Errorf("%d charts, want 2 (the late shipment series is for 30 days, the entry for 10)", n)
	}
	if n := strings.Count(page, "<circle"); n != 5 {
		t.Errorf("%d points, want 5 (one date has no value)", n)
	}
	if n := strings.Count(page, "Gaps are dates without a value."); n != 2 { // desc and caption of one chart
		t.Errorf("the gap note appears %d times, want 2", n)
	}
	if n := strings.Count(page, "No trend for this entry."); n != 1 {
		t.Errorf("%d entries without a trend, want 1", n)
	}
}

func htmlNoTrend() *health.Report {
	r := htmlReport()
	r.Trend = nil
	return r
}

// Without a trend (not computed, or an older engine) the page still renders,
// saying so under each entry.
func TestHTMLNoTrend(t *testing.T) {
	page := renderHTML(t, htmlNoTrend())
	if strings.Contains(page, "<svg") || strings.Contains(page, "Trend: ") {
		t.Error("a chart or trend span without a trend")
	}
	if n := strings.Count(page, "No trend for this entry."); n != 3 {
		t.Errorf("%d entries say they have no trend, want 3", n)
	}
	if strings.Contains(page, "earlier dates see part of a window") {
		t.Error("a trend warning without a trend")
	}
}

func TestHTMLDeterministic(t *testing.T) {
	a, b := renderHTML(t, htmlReport()), renderHTML(t, htmlReport())
	if a != b {
		t.Error("two renderings of one report differ")
	}
}

func TestHTMLGolden(t *testing.T) {
	got := renderHTML(t, htmlReport())
	path := filepath.Join("testdata", "html-report.golden")
	if *updateHTML {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -run TestHTMLGolden -update-html)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("differs from %s at line %d (run with -update-html if intended):\n got: %q\nwant: %q", path, i+1, g, w)
			}
		}
	}
}

// A large account: the lists stop at 100 rows each and say how many more
// there are and where they are; the counts have thousands separators; the
// page stays small.
func TestHTMLLargeAccount(t *testing.T) {
	r := htmlReport()
	const n = 23000
	items := make([]metrics.Item, n)
	for i := range items {
		items[i] = metrics.Item{OrderID: fmt.Sprintf("114-%07d-%07d", i, i), OrderDate: htmlDay(time.October, 24), Fulfillment: "afn",
			KeyDate: htmlDay(time.October, 24), Events: []metrics.Event{{Type: "a_to_z_claim", Date: htmlDay(time.November, 3), Status: "granted"}}}
	}
	r.Metrics[0].Items, r.Metrics[0].Numerator, r.Metrics[0].Denominator = items, n, 499568
	clean := 2375432
	r.Metrics[0].Forecast.CleanOrdersNeeded = &clean
	r.Unmatched = nil
	for i := range 250 {
		r.Unmatched = append(r.Unmatched, metrics.Unplaced{OrderID: fmt.Sprintf("112-%07d-0000000", i), Kind: "negative_feedback",
			File: "/home/agency/clients/acme/Feedback.txt", Line: i + 2})
	}
	r.Inputs = []records.InputFile{{File: "/home/agency/clients/acme/orders.txt", Kind: "orders", Rows: 1234567}}
	page := renderHTML(t, r)
	for _, s := range []string{
		`<td class="num">23,000 / 499,568</td>`,
		"23,000 defective of 499,568 orders",
		"<dt>Or today</dt><dd>2,375,432 more defect-free orders would bring it",
		"<h3>Defective orders: 23,000</h3>",
		`<p class="more">and 22,900 more: the full list is in the CSV and JSON outputs.</p>`,
		`<p class="more">and 150 more: the full list is in the CSV and JSON outputs.</p>`,
		`<td>orders.txt</td><td>orders</td><td class="num">1,234,567</td>`,
		`<td>Feedback.txt:2</td>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if got := strings.Count(page, `<td class="id">114-`); got != 100+1 { // the list's first 100, and the segment's own order
		t.Errorf("%d orders listed, want 101", got)
	}
	if got := strings.Count(page, `<td class="id">112-`); got != 100 {
		t.Errorf("%d defects not counted listed, want 100", got)
	}
	if strings.Contains(page, "/home/agency") {
		t.Error("a local path reached the page")
	}
	if len(page) > 200_000 {
		t.Errorf("the page of a large account is %d bytes, want under 200 kB", len(page))
	}
}

// --title names the page: its <title> and heading, with the store and the
// as-of date beside it.
func TestHTMLTitle(t *testing.T) {
	fn, _ := render.Lookup("html")
	var b bytes.Buffer
	if err := fn(&b, htmlReport(), render.Options{Title: "Acme <GmbH>"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, s := range []string{
		"<title>Acme &lt;GmbH&gt; – Account health – US – as of 2026-11-20</title>",
		"<h1>Acme &lt;GmbH&gt;</h1>",
		`Account health · Store: US · As of <span class="date">2026-11-20</span>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
}
