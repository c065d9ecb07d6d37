package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/records"
)

var trendDay = civil.NewDate(2026, 11, 18)

// pts makes points on consecutive days from trendDay: n/d pairs; a
// negative numerator is a point without data (no orders), a numerator of
// -2 one not computed.
func pts(nd ...int) []health.Point {
	out := make([]health.Point, 0, len(nd)/2)
	for i := 0; i+1 < len(nd); i += 2 {
		p := health.Point{AsOf: trendDay.AddDays(i / 2), Numerator: nd[i], Denominator: nd[i+1], Status: health.Pass}
		switch nd[i] {
		case -1:
			p = health.Point{AsOf: p.AsOf, Status: health.NoData}
		case -2:
			p = health.Point{AsOf: p.AsOf, Status: health.NotComputed, NotComputed: "no entry on this date"}
		}
		out = append(out, p)
	}
	return out
}

var (
	odrTarget      = health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}
	trackingTarget = health.Threshold{Op: health.GreaterEqual, Value: 0.9, WarnAt: 0.92}
)

// The scale is 0 to the larger of the highest rate and the target; block
// round(7 v / top); gaps are spaces; buckets show their highest rate.
func TestSparkline(t *testing.T) {
	cases := []struct {
		name  string
		s     health.Series
		width int
		want  string
	}{
		// top = target 0.01: 0 -> 0, 0.5% -> round(3.5) = 4, 1% -> 7.
		{"under the target", health.Series{Threshold: odrTarget, Points: pts(0, 100, 1, 200, 1, 100)}, 60, "▁▅█"},
		// top = 2% (above the target): 1% -> round(3.5) = 4, 0.25% -> round(0.875) = 1.
		{"above the target", health.Series{Threshold: odrTarget, Points: pts(2, 100, 1, 100, 1, 400)}, 60, "█▅▂"},
		// no target: top = the highest rate.
		{"no target", health.Series{Points: pts(1, 4, 1, 2)}, 0, "▅█"},
		{"gaps", health.Series{Threshold: odrTarget, Points: pts(1, 100, -1, 0, -2, 0, 0, 50)}, 60, "█  ▁"},
		{"all zero, no target", health.Series{Points: pts(0, 5, 0, 6)}, 60, "▁▁"},
		{"no rate at all", health.Series{Threshold: odrTarget, Points: pts(-1, 0, -2, 0)}, 60, "-"},
		// 7 points in 3 characters: buckets [0,2) [2,4) [4,7), each its max.
		{"buckets", health.Series{Threshold: odrTarget, Points: pts(0, 1, 1, 100, -1, 0, -1, 0, 0, 1, 0, 1, 1, 200)}, 3, "█ ▅"},
		// "greater than" target 90 %: bottom = min(80 %, 90 %) = 0.8, top =
		// 1: 100% -> 7, 90% -> round(3.5) = 4, 80% -> 0, 95% -> round(5.25) = 5 (▆).
		{"greater than: zoomed", health.Series{Threshold: trackingTarget, Points: pts(10, 10, 9, 10, 8, 10, 19, 20)}, 60, "█▅▁▆"},
		// all at 100 % and the target 90 %: bottom 0.9, top 1.
		{"greater than: all good", health.Series{Threshold: trackingTarget, Points: pts(5, 5, 5, 5)}, 60, "██"},
		// buckets show the lowest rate for a "greater than" target.
		{"greater than: worst of a bucket", health.Series{Threshold: trackingTarget, Points: pts(10, 10, 8, 10, 10, 10, 10, 10)}, 2, "▁█"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Sparkline(c.s, c.width); got != c.want {
				t.Errorf("Sparkline = %q, want %q", got, c.want)
			}
		})
	}
	// 120 daily points fit 60 characters, two points each.
	var nd []int
	for i := 0; i < 120; i++ {
		nd = append(nd, i%2, 100) // 0%, 1%, 0%, 1%, ...
	}
	got := Sparkline(health.Series{Threshold: odrTarget, Points: pts(nd...)}, SparklineWidth)
	if got != strings.Repeat("█", 60) {
		t.Errorf("120 points in 60: %q", got)
	}
}

func sampleTrend() *health.Trend {
	return &health.Trend{
		Command: "trend", From: trendDay, To: trendDay.AddDays(2), Marketplace: "US", Profile: "amazon-us",
		Series: []health.Series{
			{ID: "odr", Fulfillment: "mfn", Threshold: odrTarget, Points: []health.Point{
				{AsOf: trendDay, Numerator: 0, Denominator: 90, Status: health.Pass},
				{AsOf: trendDay.AddDays(1), Numerator: 1, Denominator: 120, Status: health.Warn},
				{AsOf: trendDay.AddDays(2), Numerator: 1, Denominator: 95, Status: health.Fail}}},
			{ID: "late_shipment_rate", WindowDays: 10, Threshold: health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.032}, Points: []health.Point{
				{AsOf: trendDay, Status: health.NoData},
				{AsOf: trendDay.AddDays(1), Numerator: 0, Denominator: 3, Status: health.Pass},
				{AsOf: trendDay.AddDays(2), Numerator: 0, Denominator: 4, Status: health.Pass}}},
			{ID: "invoice_defect_rate", Marketplace: "DE", Threshold: health.Threshold{Op: health.Less, Value: 0.05, WarnAt: 0.04}, Points: []health.Point{
				{AsOf: trendDay, Status: health.NotComputed, NotComputed: "no entry on this date"},
				{AsOf: trendDay.AddDays(1), Status: health.NotComputed, NotComputed: "no entry on this date"},
				{AsOf: trendDay.AddDays(2), Status: health.NotComputed, NotComputed: "no entry on this date"}}},
		},
		Warnings: []string{"skipped notes.md"},
		Inputs:   []records.InputFile{{File: "orders.txt", Kind: "orders", Rows: 3}},
	}
}

func TestTrendTable(t *testing.T) {
	var b bytes.Buffer
	if err := TrendTable(&b, sampleTrend(), Options{}); err != nil {
		t.Fatal(err)
	}
	// TREND: top = 1/95 (above the target); 1/120 is 95/120 of it, block
	// round(5.54) = 6.
	want := `Trend (US), 2026-11-18 to 2026-11-20 (3 days)

METRIC               SCOPE                      FIRST   LAST    MIN    MAX  TREND  TARGET  STATUS
Order Defect Rate    Seller-fulfilled (MFN)     0.00%  1.05%  0.00%  1.05%  ▁▇█    < 1%    FAIL
Late Shipment Rate   Seller-fulfilled, 10 days      -  0.00%  0.00%  0.00%   ▁▁    < 4%    PASS
Invoice Defect Rate  Business orders, DE            -      -      -      -  -      < 5%    NOT COMPUTED

Not computed:
  Invoice Defect Rate: no entry on this date

Overall on 2026-11-20: FAIL
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := sampleTrend().Status(); got != health.Fail {
		t.Errorf("Status = %v, want fail", got)
	}
}

func TestTrendSummary(t *testing.T) {
	var b bytes.Buffer
	TrendSummary(&b, sampleTrend())
	want := "audit trend: 2026-11-18..2026-11-20: odr mfn 0.00% -> 1.05% (FAIL); 1 passed; 1 not computed\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestTrendCSV(t *testing.T) {
	var b bytes.Buffer
	if err := TrendCSV(&b, sampleTrend(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := `as_of,metric,fulfillment,window_days,marketplace,value,numerator,denominator,status,status_on_files_given,platform
2026-11-18,odr,mfn,,,0,0,90,pass,,
2026-11-19,odr,mfn,,,0.008333333333333333,1,120,warn,,
2026-11-20,odr,mfn,,,0.010526315789473684,1,95,fail,,
2026-11-18,late_shipment_rate,,10,,,0,0,no_data,,
2026-11-19,late_shipment_rate,,10,,0,0,3,pass,,
2026-11-20,late_shipment_rate,,10,,0,0,4,pass,,
2026-11-18,invoice_defect_rate,,,DE,,0,0,not_computed,,
2026-11-19,invoice_defect_rate,,,DE,,0,0,not_computed,,
2026-11-20,invoice_defect_rate,,,DE,,0,0,not_computed,,
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	if err := TrendCSV(&b, &health.Trend{}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "as_of,metric,fulfillment,window_days,marketplace,value,numerator,denominator,status,status_on_files_given,platform\n" {
		t.Errorf("empty trend: %q", got)
	}
	// An incomplete day says what its figures give on the files given.
	b.Reset()
	tr := &health.Trend{Series: []health.Series{{ID: "odr", Fulfillment: "all", Points: []health.Point{
		{AsOf: civil.NewDate(2026, 11, 20), Numerator: 1, Denominator: 20, Status: health.Incomplete, Partial: health.Fail}}}}}
	if err := TrendCSV(&b, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.HasSuffix(got, "2026-11-20,odr,all,,,0.05,1,20,incomplete,fail,\n") {
		t.Errorf("incomplete day: %q", got)
	}
}

func TestTrendJSON(t *testing.T) {
	var b bytes.Buffer
	if err := TrendJSON(&b, sampleTrend(), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		Command       string `json:"command"`
		From, To      string
		Marketplace   *string
		Profile       string
		Series        []map[string]any
		Warnings      []string
		Inputs        []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Command != "trend" || doc.From != "2026-11-18" || doc.To != "2026-11-20" ||
		doc.Marketplace == nil || *doc.Marketplace != "US" || doc.Profile != "amazon-us" || len(doc.Series) != 3 ||
		len(doc.Warnings) != 1 || len(doc.Inputs) != 1 {
		t.Fatalf("top level: %s", b.String())
	}
	odr := doc.Series[0]
	if odr["id"] != "odr" || odr["fulfillment"] != "mfn" || odr["name"] != "Order Defect Rate" || odr["warn_at"] != 0.008 {
		t.Errorf("odr series: %v", odr)
	}
	if _, ok := odr["window_days"]; ok {
		t.Errorf("odr series has window_days: %v", odr)
	}
	if tg := odr["target"].(map[string]any); tg["op"] != "<" || tg["value"] != 0.01 {
		t.Errorf("odr target: %v", tg)
	}
	p := odr["points"].([]any)[2].(map[string]any)
	if p["as_of"] != "2026-11-20" || p["value"] != 1.0/95 || p["numerator"] != 1.0 || p["denominator"] != 95.0 || p["status"] != "fail" {
		t.Errorf("odr last point: %v", p)
	}
	if _, ok := p["reason"]; ok {
		t.Errorf("a computed point has a reason: %v", p)
	}
	nd := doc.Series[1]["points"].([]any)[0].(map[string]any)
	if v, ok := nd["value"]; !ok || v != nil || nd["status"] != "no_data" {
		t.Errorf("no data point: %v (value must be null)", nd)
	}
	nc := doc.Series[2]["points"].([]any)[0].(map[string]any)
	if nc["reason"] != "no entry on this date" || nc["status"] != "not_computed" || doc.Series[2]["marketplace"] != "DE" {
		t.Errorf("not computed point: %v", nc)
	}
	// Field order is part of the document's shape.
	s := b.String()
	order := []string{`"schema_version"`, `"command"`, `"from"`, `"to"`, `"marketplace"`, `"profile"`, `"series"`, `"id"`, `"fulfillment"`,
		`"name"`, `"target"`, `"warn_at"`, `"points"`, `"as_of"`, `"value"`, `"numerator"`, `"denominator"`, `"status"`, `"warnings"`, `"inputs"`}
	at := 0
	for _, k := range order {
		i := strings.Index(s[at:], k)
		if i < 0 {
			t.Fatalf("%s missing or out of order in\n%s", k, s)
		}
		at += i
	}
	// A trend without warnings or inputs still has both arrays.
	b.Reset()
	if err := TrendJSON(&b, &health.Trend{Command: "trend"}, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"warnings": []`) || !strings.Contains(b.String(), `"inputs": []`) || !strings.Contains(b.String(), `"series": []`) {
		t.Errorf("empty trend:\n%s", b.String())
	}
}

// An incomplete date is not plotted: a space in the sparkline, left out of
// MIN and MAX (and of the scale), as for a date without data; a note names
// the dates, and the status shows the verdict on the files given.
func TestTrendIncomplete(t *testing.T) {
	tr := sampleTrend()
	tr.Series = tr.Series[:1]
	ps := tr.Series[0].Points
	// 2026-11-18 and -19 are incomplete; the second at a rate above all
	// others, which would set the scale if it were plotted.
	ps[0] = health.Point{AsOf: trendDay, Numerator: 0, Denominator: 40, Status: health.Incomplete, Partial: health.Pass}
	ps[1] = health.Point{AsOf: trendDay.AddDays(1), Numerator: 5, Denominator: 50, Status: health.Incomplete, Partial: health.Fail}
	if got := Sparkline(tr.Series[0], 60); got != "  █" {
		t.Errorf("Sparkline = %q, want two spaces and the last point", got)
	}
	var b bytes.Buffer
	if err := TrendTable(&b, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `Trend (US), 2026-11-18 to 2026-11-20 (3 days)

METRIC             SCOPE                     FIRST   LAST    MIN    MAX  TREND  TARGET  STATUS
Order Defect Rate  Seller-fulfilled (MFN)  (0.00%)  1.05%  1.05%  1.05%    █    < 1%    FAIL

Incomplete: on these dates the files do not cover the window, so TREND leaves them blank, MIN and MAX leave them out, and brackets hold what the files given say:
  Order Defect Rate, Seller-fulfilled (MFN): 2 of 3 dates (2026-11-18..2026-11-19)

Overall on 2026-11-20: FAIL
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// On the last date: INCOMPLETE with its verdict on the files given.
	ps[2] = health.Point{AsOf: trendDay.AddDays(2), Numerator: 1, Denominator: 95, Status: health.Incomplete, Partial: health.Fail}
	b.Reset()
	if err := TrendTable(&b, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "  -      < 1%    INCOMPLETE (fail)\n") || !strings.Contains(b.String(), "3 of 3 dates (2026-11-18..2026-11-20)") {
		t.Errorf("all dates incomplete:\n%s", b.String())
	}
	b.Reset()
	TrendSummary(&b, tr)
	if want := "audit trend: 2026-11-18..2026-11-20: odr mfn 0.00% -> 1.05% (INCOMPLETE, fail on these files)\n"; b.String() != want {
		t.Errorf("summary %q, want %q", b.String(), want)
	}
}
