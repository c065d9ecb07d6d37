package render_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/render"
)

var (
	csvMetricHeader = []string{"metric", "name", "fulfillment", "window_days", "marketplace", "value", "numerator", "denominator",
		"status", "target_op", "target", "warn_at", "window_from", "window_to", "recovers_on", "clean_orders_needed", "reason",
		"status_on_files_given", "negative_feedback", "a_to_z_claims", "chargebacks", "missing_invoice", "late_invoice",
		"late_response", "no_response", "invalid_rejection", "missing_days",
		"amazon_value", "amazon_numerator", "amazon_denominator", "amazon_window_from", "amazon_window_to", "amazon_status",
		"ours_over_amazon_numerator", "ours_over_amazon_denominator", "amazon_agrees", "amazon_explained", "platform", "cycle"}
	csvEventHeader = []string{"metric", "fulfillment", "window_days", "marketplace", "order_id", "order_date", "window_date",
		"defect", "defect_date", "defect_status", "leaves_window_on", "comment", "removable_until", "removal_grounds", "removable"}
)

// csvRecords parses out with encoding/csv, every row as wide as the header.
func csvRecords(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(recs) == 0 {
		t.Fatal("no header row")
	}
	return recs
}

// csvRow maps a record to its header's names.
func csvRow(header, rec []string) map[string]string {
	m := make(map[string]string, len(header))
	for i, h := range header {
		m[h] = rec[i]
	}
	return m
}

func renderCSV(t *testing.T, r *health.Report, o render.Options) string {
	t.Helper()
	fn, err := render.Lookup("csv")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fn(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkRow(t *testing.T, what string, got map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got[k], v)
		}
	}
}

func TestCSVMetrics(t *testing.T) {
	r := detAllReport()
	r.Metrics[2].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: detDatePtr("2027-01-19"), CleanOrdersNeeded: detIntPtr(6), DailyOrders: 1.6}
	r.Metrics[3].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.04, CleanOrdersNeeded: detIntPtr(12), Reason: "the late order stays in the window"}
	out := renderCSV(t, r, render.Options{Color: true})
	if strings.Contains(out, "\x1b") {
		t.Errorf("colour in CSV:\n%q", out)
	}
	recs := csvRecords(t, out)
	if !detSameStrings(recs[0], csvMetricHeader) {
		t.Fatalf("header %q, want %q", recs[0], csvMetricHeader)
	}
	if len(recs) != 1+len(r.Metrics) {
		t.Fatalf("%d rows, want one per entry (%d)", len(recs)-1, len(r.Metrics))
	}
	rows := make([]map[string]string, len(recs)-1)
	for i, rec := range recs[1:] {
		rows[i] = csvRow(recs[0], rec)
	}
	// 2/230 written in full: the JSON's digits, no exponent, no rounding.
	checkRow(t, "odr all", rows[0], map[string]string{"metric": "odr", "name": "Order Defect Rate", "fulfillment": "all", "window_days": "",
		"marketplace": "", "value": "0.008695652173913044", "numerator": "2", "denominator": "230", "status": "warn",
		"target_op": "<", "target": "0.01", "warn_at": "0.008", "window_from": "2026-09-08", "window_to": "2026-11-06",
		"recovers_on": "", "clean_orders_needed": "", "reason": ""})
	checkRow(t, "odr mfn", rows[2], map[string]string{"fulfillment": "mfn", "value": "0.010526315789473684", "status": "fail",
		"recovers_on": "2027-01-19", "clean_orders_needed": "6", "reason": ""})
	checkRow(t, "late shipment 10", rows[3], map[string]string{"metric": "late_shipment_rate", "fulfillment": "", "window_days": "10",
		"value": "0.07142857142857142", "recovers_on": "", "clean_orders_needed": "12", "reason": "the late order stays in the window",
		"window_from": "2026-11-11", "window_to": "2026-11-20"})
	checkRow(t, "tracking: a whole rate", rows[5], map[string]string{"value": "1", "target_op": ">", "target": "0.95", "warn_at": "0.96"})
	checkRow(t, "idr", rows[6], map[string]string{"marketplace": "DE", "target": "0.05"})
	checkRow(t, "not computed", rows[7], map[string]string{"metric": "on_time_delivery_rate", "value": "", "numerator": "", "denominator": "",
		"status": "not_computed", "target_op": "", "target": "", "warn_at": "", "window_from": "", "window_to": "", "reason": "needs the shipments file"})
}

func TestCSVNoDataAndEmpty(t *testing.T) {
	r := &health.Report{Command: "odr", AsOf: detDay("2026-11-20"), Metrics: []health.Verdict{
		detVerdict("odr", "all", 0, "", 0, 0, health.NoData, detOdrTarget, detOdrWindow),
	}}
	recs := csvRecords(t, renderCSV(t, r, render.Options{}))
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	checkRow(t, "no data", csvRow(recs[0], recs[1]), map[string]string{"value": "", "numerator": "0", "denominator": "0", "status": "no_data"})

	// A tiny rate is still a plain decimal, never 5e-06.
	r.Metrics[0] = detVerdict("odr", "all", 0, "", 1, 200000, health.Pass, detOdrTarget, detOdrWindow)
	recs = csvRecords(t, renderCSV(t, r, render.Options{}))
	checkRow(t, "tiny rate", csvRow(recs[0], recs[1]), map[string]string{"value": "0.000005"})

	// Header row always: no metrics, no orders.
	empty := &health.Report{Command: "odr", AsOf: detDay("2026-11-20")}
	if got, want := renderCSV(t, empty, render.Options{}), strings.Join(csvMetricHeader, ",")+"\n"; got != want {
		t.Errorf("empty report: %q, want %q", got, want)
	}
	if got, want := renderCSV(t, empty, render.Options{Details: true}), strings.Join(csvEventHeader, ",")+"\n"; got != want {
		t.Errorf("empty list: %q, want %q", got, want)
	}
}

func TestCSVDetails(t *testing.T) {
	r := detAllReport()
	r.Metrics[6].Items = append(r.Metrics[6].Items, metrics.Item{OrderID: "302-0000005-0000005", KeyDate: detDay("2026-11-09"), LeavesWindowOn: detDay("2026-11-23")})
	for _, o := range []render.Options{{Details: true}, {Details: true, DetailsOnly: true}, {DetailsOnly: true}} {
		recs := csvRecords(t, renderCSV(t, r, o))
		if !detSameStrings(recs[0], csvEventHeader) {
			t.Fatalf("%+v: header %q, want %q", o, recs[0], csvEventHeader)
		}
		want := [][]string{
			// The ODR's all-orders list only, one row per event, the
			// order's own channel.
			{"odr", "afn", "", "", "114-0000001-0000001", "2026-10-24", "2026-10-24", "negative_feedback", "2026-11-02", "rating 2", "2027-01-06"},
			{"odr", "afn", "", "", "114-0000001-0000001", "2026-10-24", "2026-10-24", "a_to_z_claim", "2026-11-03", "granted", "2027-01-06"},
			{"odr", "mfn", "", "", "114-0000002-0000002", "2026-11-06", "2026-11-06", "chargeback", "2026-11-10", "service", "2027-01-19"},
			// Each late shipment window with its own leaves_window_on.
			{"late_shipment_rate", "mfn", "10", "", "114-0000003-0000003", "2026-11-18", "2026-11-19", "late_shipment", "", "not confirmed", "2026-11-29"},
			{"late_shipment_rate", "mfn", "30", "", "114-0000003-0000003", "2026-11-18", "2026-11-19", "late_shipment", "", "not confirmed", "2026-12-19"},
			{"invoice_defect_rate", "", "", "DE", "302-0000004-0000004", "2026-11-08", "2026-11-08", "missing_invoice", "", "", "2026-11-22"},
			// An order without events still has its row.
			{"invoice_defect_rate", "", "", "DE", "302-0000005-0000005", "", "2026-11-09", "", "", "", "2026-11-23"},
		}
		for i := range want { // the feedback columns: empty but on its rows
			want[i] = append(want[i], "", "", "", "")
		}
		if len(recs)-1 != len(want) {
			t.Fatalf("%+v: %d rows, want %d:\n%q", o, len(recs)-1, len(want), recs)
		}
		for i, w := range want {
			if !detSameStrings(recs[1+i], w) {
				t.Errorf("%+v: row %d %q, want %q", o, i+1, recs[1+i], w)
			}
		}
	}
}

// audit feedback's work list follows the per-order rows where the table
// shows it (audit feedback, --details), a row per feedback in the shape of
// an event's, with its comment, deadline, grounds and whether it is still
// removable; audit defects has the lists alone.
func TestCSVFeedback(t *testing.T) {
	r := detOdrReport()
	r.Feedback = []metrics.FeedbackItem{
		{OrderID: "114-0000001-0000001", OrderDate: detDay("2026-10-24"), Fulfillment: "afn", FeedbackDate: detDay("2026-11-02"), Rating: 2,
			Comment: "Smells, \"new\"", RemovableUntil: detDay("2027-01-31"), Grounds: []string{"fulfilled_by_amazon", "personal_data"}},
		{OrderID: "114-0000002-0000002", OrderDate: detDay("2026-11-06"), FeedbackDate: detDay("2026-11-14"), Rating: 1,
			Comment: "=late", RemovableUntil: detDay("2027-02-12")},
	}
	recs := csvRecords(t, renderCSV(t, r, render.Options{Details: true}))
	if !detSameStrings(recs[0], csvEventHeader) {
		t.Fatalf("header %q", recs[0])
	}
	want := [][]string{
		{"removable_feedback", "afn", "", "", "114-0000001-0000001", "2026-10-24", "", "negative_feedback", "2026-11-02", "rating 2", "",
			"Smells, \"new\"", "2027-01-31", "fulfilled_by_amazon personal_data", "true"},
		{"removable_feedback", "", "", "", "114-0000002-0000002", "2026-11-06", "", "negative_feedback", "2026-11-14", "rating 1", "",
			"'=late", "2027-02-12", "", "false"},
	}
	got := recs[len(recs)-2:]
	for i, w := range want {
		if !detSameStrings(got[i], w) {
			t.Errorf("feedback row %d %q, want %q", i+1, got[i], w)
		}
	}
	for _, o := range []render.Options{{Details: true, DetailsOnly: true}, {}} {
		if out := renderCSV(t, r, o); strings.Contains(out, "removable_feedback") {
			t.Errorf("%+v: feedback rows in\n%s", o, out)
		}
	}
}

// Values with commas, quotes and line breaks come back whole.
func TestCSVQuoting(t *testing.T) {
	r := &health.Report{Command: "all", AsOf: detDay("2026-11-20"), Metrics: []health.Verdict{
		{Result: metrics.Missing("invoice_defect_rate", "applies to the UK, DE, FR, IT and ES stores; \"VAT\"\nonly"), Status: health.NotComputed},
	}}
	recs := csvRecords(t, renderCSV(t, r, render.Options{}))
	if got := csvRow(recs[0], recs[1])["reason"]; got != "applies to the UK, DE, FR, IT and ES stores; \"VAT\"\nonly" {
		t.Errorf("reason %q", got)
	}
}

func renderCSVFleet(t *testing.T, f *health.Fleet, o render.Options) [][]string {
	t.Helper()
	fn, err := render.LookupFleet("csv")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fn(&b, f, o); err != nil {
		t.Fatal(err)
	}
	return csvRecords(t, b.String())
}

func TestCSVFleet(t *testing.T) {
	f := &health.Fleet{Command: "all", AsOf: detDay("2026-11-20"), Status: health.Error, Accounts: []health.Account{
		{Name: "acme-de", Report: detAllReport()},
		{Name: "broken", Error: "broken/orders.txt:3: not a date"},
		{Name: "acme-us", Report: detOdrReport()},
	}}
	recs := renderCSVFleet(t, f, render.Options{})
	if want := append([]string{"account"}, csvMetricHeader...); !detSameStrings(recs[0], want) {
		t.Fatalf("header %q, want %q", recs[0], want)
	}
	if n, want := len(recs)-1, len(detAllReport().Metrics)+1+len(detOdrReport().Metrics); n != want {
		t.Fatalf("%d rows, want %d", n, want)
	}
	var accounts []string
	for _, rec := range recs[1:] {
		if len(accounts) == 0 || accounts[len(accounts)-1] != rec[0] {
			accounts = append(accounts, rec[0])
		}
	}
	if !detSameStrings(accounts, []string{"acme-de", "broken", "acme-us"}) {
		t.Errorf("accounts in order %q", accounts)
	}
	broken := csvRow(recs[0], recs[1+len(detAllReport().Metrics)])
	checkRow(t, "broken account", broken, map[string]string{"account": "broken", "metric": "", "status": "error",
		"reason": "broken/orders.txt:3: not a date", "value": "", "numerator": ""})
	// An account's rows are the single report's rows.
	single := csvRecords(t, renderCSV(t, detOdrReport(), render.Options{}))
	for i, rec := range recs[len(recs)-len(single)+1:] {
		if !detSameStrings(rec, append([]string{"acme-us"}, single[1+i]...)) {
			t.Errorf("acme-us row %d %q, want %q", i+1, rec, single[1+i])
		}
	}

	d := renderCSVFleet(t, f, render.Options{Details: true})
	if want := append(append([]string{"account"}, csvEventHeader...), "error"); !detSameStrings(d[0], want) {
		t.Fatalf("details header %q, want %q", d[0], want)
	}
	// 6 event rows of acme-de, the broken account, 2 of acme-us' ODR list.
	if len(d)-1 != 6+1+3 {
		t.Fatalf("%d detail rows:\n%q", len(d)-1, d)
	}
	checkRow(t, "broken account, details", csvRow(d[0], d[7]), map[string]string{"account": "broken", "metric": "", "order_id": "",
		"error": "broken/orders.txt:3: not a date"})
	checkRow(t, "acme-us, details", csvRow(d[0], d[8]), map[string]string{"account": "acme-us", "metric": "odr", "order_id": "114-0000001-0000001", "error": ""})
}

// Amazon's figure fills the amazon_* columns of its entry's row and leaves
// them empty on the others; what only Amazon knows follows the entries,
// a row each with its kind as the metric.
func TestCSVAmazon(t *testing.T) {
	r := detAllReport()
	rate := 0.0198
	r.Metrics[2].Amazon = &health.Amazon{File: "perf.json", Window: &records.Range{From: detDay("2026-09-08"), To: detDay("2026-11-06")},
		Rate: &rate, Numerator: detIntPtr(2), Denominator: detIntPtr(101), Status: "BAD",
		Ours: health.Ours{Numerator: 1, Denominator: 95}, Explained: true, Explanations: []string{"6 orders in no file"}}
	r.Account = []health.AccountCheck{
		{Store: "US", Kind: "account_health_rating", Value: "WARNED", Score: detIntPtr(180), Status: health.Warn, Reason: "score 180: 100 to 199 is at risk", File: "perf.json"},
		{Store: "US", Kind: "policy", Key: "listingPolicyViolations", Value: "BAD", Count: detIntPtr(1), Op: "=", Status: health.Fail, Reason: "Amazon says BAD", File: "perf.json"},
	}
	recs := csvRecords(t, renderCSV(t, r, render.Options{}))
	if len(recs) != 1+len(r.Metrics)+2 {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(r.Metrics)+2)
	}
	checkRow(t, "entry with Amazon's figure", csvRow(recs[0], recs[3]), map[string]string{
		"amazon_value": "0.0198", "amazon_numerator": "2", "amazon_denominator": "101", "amazon_window_from": "2026-09-08",
		"amazon_window_to": "2026-11-06", "amazon_status": "BAD", "ours_over_amazon_numerator": "1", "ours_over_amazon_denominator": "95",
		"amazon_agrees": "false", "amazon_explained": "true"})
	for _, h := range csvMetricHeader[27:] {
		if v := csvRow(recs[0], recs[1])[h]; v != "" {
			t.Errorf("entry without Amazon's figure: %s = %q, want empty", h, v)
		}
	}
	n := len(r.Metrics)
	checkRow(t, "AHR", csvRow(recs[0], recs[1+n]), map[string]string{"metric": "account_health_rating", "name": "Account Health Rating",
		"marketplace": "US", "value": "180", "status": "warn", "amazon_status": "WARNED", "reason": "score 180: 100 to 199 is at risk", "numerator": ""})
	checkRow(t, "policy", csvRow(recs[0], recs[2+n]), map[string]string{"metric": "policy", "name": "listingPolicyViolations",
		"value": "1", "status": "fail", "target_op": "=", "target": "0", "amazon_status": "BAD"})
	// With --details the rows are orders: what only Amazon knows has none.
	if recs := csvRecords(t, renderCSV(t, r, render.Options{Details: true})); strings.Contains(strings.Join(recs[len(recs)-1], ","), "account_health_rating") {
		t.Error("an account check in the per-order rows")
	}
}
