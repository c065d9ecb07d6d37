package render_test

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/safetext"
)

// hostile is appended to every string of a document: an OSC that sets the
// window title, a clear-screen, a C1 CSI, DEL, a right-to-left override, a
// tab, line breaks, a pipe and a backtick.
const hostile = "\x1b]0;pwned\x07\x1b[2J\u009b2J\x7f\u202e\t|`\r\n."

// poisoned is a deep copy of doc with hostile appended to every string,
// whatever field it is in: a string field a document gains later is
// covered by the test too. (A copy, since the sample documents share
// slices with each other.) The comparison operator stays as it is, since
// the verdict code panics on an unknown one.
func poisoned[T any](doc *T) *T { return poison(reflect.ValueOf(doc)).Interface().(*T) }

func poison(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(poison(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(poison(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(poison(v.Index(i)))
		}
		return out
	case reflect.String:
		if v.Type() == reflect.TypeFor[health.Op]() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.SetString(v.String() + hostile)
		return out
	}
	return v
}

// cleanReport is a report with every part a renderer draws: entries with
// lists, a forecast, an incomplete entry, Amazon's figures, what only
// Amazon knows, feedback, risks, defects not placed, warnings, inputs and
// a trend.
func cleanReport() *health.Report {
	r := detAllReport()
	day := r.AsOf
	rate, num := 0.02, 2
	r.Metrics[2].Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: detDatePtr("2027-01-19"),
		CleanOrdersNeeded: detIntPtr(6), DailyOrders: 1.6, Reason: "a reason"}
	r.Metrics[0].Amazon = &health.Amazon{File: "perf.json", Rate: &rate, Numerator: &num, Denominator: &num, Status: "BAD",
		Explanations: []string{"an explanation"}, Components: map[string]int{"negative_feedback": 1}}
	r.Metrics[3].Status, r.Metrics[3].Partial = health.Incomplete, health.Fail
	r.Metrics[3].Coverage = &metrics.Coverage{Kinds: []string{"orders"}, Reports: []string{"All Orders report"},
		Needed: records.Range{From: detDay("2026-11-11"), To: day}, Missing: []records.Range{{From: detDay("2026-11-11"), To: detDay("2026-11-12")}}}
	r.Metrics[1].NotGiven = []string{"chargebacks"}
	r.Metrics[1].Components = metrics.Components{{Key: "negative_feedback", Count: 1}, {Key: "chargebacks"}}
	r.Account = []health.AccountCheck{{Store: "US", Kind: "policy", Key: "listingPolicyViolations", Value: "BAD", Count: detIntPtr(1),
		Op: "=", Status: health.Fail, Reason: "Amazon says BAD", File: "perf.json"}}
	r.Feedback = []metrics.FeedbackItem{{OrderID: "114-1", OrderDate: detDay("2026-10-24"), Fulfillment: "afn", FeedbackDate: detDay("2026-11-02"),
		Rating: 1, Comment: "a comment", RemovableUntil: detDay("2027-01-31"), Grounds: []string{"fulfilled_by_amazon"},
		Source: records.Source{File: "Feedback.txt", Line: 2}}}
	r.Risks = []metrics.Risk{{Kind: "untracked_shipment", OrderID: "114-2", Date: day, Detail: "no tracking id"}}
	r.Unmatched = []metrics.Unplaced{{OrderID: "112-3", Kind: "negative_feedback", File: "Feedback.txt", Line: 4}}
	r.Warnings = []string{"skipped notes.md: not a recognised report"}
	r.Inputs = []records.InputFile{{File: "orders.txt", Kind: "orders", Rows: 3,
		Spans: []records.Span{{Field: records.Ordered, Store: "US", From: day, To: day, Rows: 3}}}}
	r.Trend = cleanTrend(day)
	return r
}

func cleanTrend(day civil.Date) *health.Trend {
	score := 180
	return &health.Trend{Command: "all", From: day.AddDays(-1), To: day, Marketplace: "US", Profile: "amazon-us",
		Series: []health.Series{{ID: "odr", Fulfillment: "all", Threshold: detOdrTarget, Points: []health.Point{
			{AsOf: day.AddDays(-1), Numerator: 1, Denominator: 100, Status: health.Warn},
			{AsOf: day, Status: health.NotComputed, NotComputed: "a reason"}}}},
		AccountHealth: []health.AHRPoint{{AsOf: day, Check: &health.AccountCheck{Kind: "account_health_rating", Value: "WARNED",
			Score: &score, Status: health.Warn, Reason: "score 180", File: "perf.json"}}},
		Warnings: []string{"a warning"}, Inputs: []records.InputFile{{File: "orders.txt", Kind: "orders", Rows: 3}}}
}

// unsafeOut lists what in out would act on a terminal or reorder text.
// CSV keeps tabs and line breaks inside its quoted values.
func unsafeOut(out string, csv bool) []string {
	var bad []string
	for i, r := range out {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\ufffd"):
			bad = append(bad, fmt.Sprintf("byte %#x at %d", out[i], i))
		case r == '\n' || csv && r == '\t':
		case safetext.Unsafe(r):
			bad = append(bad, fmt.Sprintf("%U at %d", r, i))
		}
	}
	return bad
}

// Every output of every format, of a report, many accounts and a trend,
// and the stderr summaries, shows no control character or override from
// the document's strings, whichever string holds it: with colour off not
// a single escape, with colour on only the palette's SGR sequences.
func TestEveryStringIsShownSafely(t *testing.T) {
	r := poisoned(cleanReport())
	f := poisoned(&health.Fleet{Command: "all", AsOf: r.AsOf, Status: health.Error, Accounts: []health.Account{
		{Name: "acme", Path: "accounts/acme", Report: r}, {Name: "broken", Path: "accounts/broken", Error: "an error"}}})
	tr := poisoned(cleanTrend(r.AsOf))
	src := poisoned(&health.Sources{AsOf: r.AsOf, Marketplace: "US", Profile: "amazon-us", Files: true, Warnings: []string{"a warning"},
		Needs: []health.Source{{Metric: "odr", Name: "Order Defect Rate", Kind: "orders", Report: "All Orders report", Role: health.RoleDenominator,
			Field: records.Ordered, Dates: records.Range{From: r.AsOf, To: r.AsOf}, Where: "Seller Central", SPAPI: "GET_FLAT_FILE", Given: true,
			Covered: []records.Range{{From: r.AsOf, To: r.AsOf}}}}})

	type output struct {
		name string
		csv  bool
		fn   func(io.Writer, render.Options) error
	}
	var outs []output
	for _, name := range render.Formats() {
		fn, _ := render.Lookup(name)
		outs = append(outs, output{"report " + name, name == "csv", func(w io.Writer, o render.Options) error { return fn(w, r, o) }})
		if fl, err := render.LookupFleet(name); err == nil {
			outs = append(outs, output{"fleet " + name, name == "csv", func(w io.Writer, o render.Options) error { return fl(w, f, o) }})
		}
	}
	for _, name := range render.TrendFormats() {
		fn, _ := render.LookupTrend(name)
		outs = append(outs, output{"trend " + name, name == "csv", func(w io.Writer, o render.Options) error { return fn(w, tr, o) }})
	}
	outs = append(outs,
		output{"reconcile", false, func(w io.Writer, o render.Options) error { return render.Reconcile(w, r, o) }},
		output{"sources table", false, func(w io.Writer, o render.Options) error { return render.SourcesTable(w, src, o) }},
		output{"sources json", false, func(w io.Writer, o render.Options) error { return render.SourcesJSON(w, src, o) }},
		output{"summary", false, func(w io.Writer, _ render.Options) error { render.Summary(w, r); return nil }},
		output{"fleet summary", false, func(w io.Writer, _ render.Options) error { render.FleetSummary(w, f); return nil }},
		output{"trend summary", false, func(w io.Writer, _ render.Options) error { render.TrendSummary(w, tr); return nil }},
	)
	for _, out := range outs {
		for _, o := range []render.Options{{}, {Details: true}, {DetailsOnly: true}, {Color: true, Details: true}} {
			t.Run(fmt.Sprintf("%s %+v", out.name, o), func(t *testing.T) {
				var b bytes.Buffer
				if err := out.fn(&b, o); err != nil {
					t.Fatal(err)
				}
				got := b.String()
				if o.Color {
					got = stripSGR(got)
				}
				if bad := unsafeOut(got, out.csv); len(bad) > 0 {
					t.Errorf("%s:\n%s", strings.Join(bad, ", "), got)
				}
				if !strings.Contains(got, "pwned") {
					t.Errorf("the text is not shown at all:\n%s", got)
				}
			})
		}
	}
}

// stripSGR removes the colour sequences, ESC [ digits and semicolons m,
// and nothing else.
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Rendering draws a copy: the document keeps its strings as they were, for
// the JSON and the next format.
func TestRenderersLeaveTheDocument(t *testing.T) {
	r := cleanReport()
	r.Metrics[0].Items[0].OrderID = "114-\x1b[2J"
	for _, name := range render.Formats() {
		fn, _ := render.Lookup(name)
		if err := fn(io.Discard, r, render.Options{Details: true}); err != nil {
			t.Fatal(err)
		}
	}
	if got := r.Metrics[0].Items[0].OrderID; got != "114-\x1b[2J" {
		t.Errorf("order id changed to %q", got)
	}
}

// In markdown every string from the document is escaped wherever it is
// written, in a table cell, a list or a note: no backtick from it opens
// code, no pipe ends a cell early.
func TestMarkdownEscapesEveryString(t *testing.T) {
	r := poisoned(cleanReport())
	f := poisoned(&health.Fleet{Command: "all", AsOf: r.AsOf, Status: health.Error, Accounts: []health.Account{
		{Name: "acme", Report: cleanReport()}, {Name: "broken", Error: "an error"}}})
	var one, many bytes.Buffer
	if err := render.Markdown(&one, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := render.MarkdownFleet(&many, f, render.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"report": one.String(), "fleet": many.String()} {
		for i, line := range strings.Split(doc, "\n") {
			if n := strings.Count(line, "`") - strings.Count(line, "\\`"); n > 0 {
				t.Errorf("%s line %d: %d backticks unescaped: %q", name, i+1, n, line)
			}
		}
		for _, table := range mdTables(doc) {
			for _, row := range table[1:] {
				if len(row) != len(table[0]) {
					t.Errorf("%s: a row of %d cells under a header of %d: %q", name, len(row), len(table[0]), row)
				}
			}
		}
	}
}
