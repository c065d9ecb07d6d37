package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

// feedbackReport is audit feedback's report: one removable negative
// feedback, one whose deadline passed, one without grounds.
func feedbackReport() *health.Report {
	r := detOdrReport()
	r.Feedback = []metrics.FeedbackItem{
		{OrderID: "114-0000001-0000001", OrderDate: detDay("2026-10-24"), Fulfillment: "afn", FeedbackDate: detDay("2026-11-02"), Rating: 2,
			Comment: "Smells of chemicals", RemovableUntil: detDay("2027-01-31"), Grounds: []string{"fulfilled_by_amazon"}},
		{OrderID: "114-0000003-0000003", OrderDate: detDay("2026-08-01"), Fulfillment: "mfn", FeedbackDate: detDay("2026-08-10"), Rating: 1,
			Comment: "call me at <phone>", RemovableUntil: detDay("2026-11-08"), Grounds: []string{"personal_data"}},
		{OrderID: "114-0000002-0000002", OrderDate: detDay("2026-11-06"), Fulfillment: "mfn", FeedbackDate: detDay("2026-11-14"), Rating: 1,
			Comment: "Box crushed | cracked", RemovableUntil: detDay("2027-02-12")},
	}
	return r
}

func renderWith(t *testing.T, fn render.Renderer, r *health.Report, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Markdown, HTML and JUnit show audit feedback's work list where the
// table does (audit feedback, --details), in the table's words: the
// heading with how many are removable, each feedback with its deadline
// ("(passed)" once past), grounds ("-" without) and comment; or that
// there is none. Not without --details, not in audit defects.
func TestFeedbackListFormats(t *testing.T) {
	head := "Negative feedback in the ODR window: 3, 1 of them removable (help 20231)"
	cases := []struct {
		format string
		want   []string
	}{
		{"table", []string{head, "2026-11-08 (passed)", "personal_data", "Box crushed | cracked"}},
		{"markdown", []string{"**" + head + "**", "| Order ID | Order date | Channel | Feedback | Rating | Removable until | Grounds | Comment |",
			"| 114-0000001-0000001 | 2026-10-24 | AFN | 2026-11-02 | 2 | 2027-01-31 | fulfilled\\_by\\_amazon | Smells of chemicals |",
			"| 2026-11-08 (passed) | personal\\_data | call me at \\<phone> |", "| 2027-02-12 | - | Box crushed \\| cracked |"}},
		{"html", []string{`<section id="feedback">`, "<p>" + head + ".</p>", `<td class="id">114-0000001-0000001</td>`, `<td class="num">2</td>`,
			"<td>2026-11-08 (passed)</td>", "<td>call me at &lt;phone&gt;</td>"}},
		{"junit", []string{"<system-out>" + head + "\n",
			"Order 114-0000001-0000001 (AFN), ordered 2026-10-24: rating 2 on 2026-11-02; removable until 2027-01-31; grounds: fulfilled_by_amazon; comment: Smells of chemicals\n",
			"removable until 2026-11-08 (passed); grounds: personal_data; comment: call me at &lt;phone&gt;\n",
			"removable until 2027-02-12; grounds: none; comment: Box crushed | cracked</system-out>"}},
	}
	for _, c := range cases {
		fn, err := render.Lookup(c.format)
		if err != nil {
			t.Fatal(err)
		}
		out := renderWith(t, fn, feedbackReport(), render.Options{Details: true})
		if c.format == "html" {
			parseHTMLPage(t, out) // well formed
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %q:\n%s", c.format, w, out)
			}
		}
		empty := feedbackReport()
		empty.Feedback = []metrics.FeedbackItem{}
		if out := renderWith(t, fn, empty, render.Options{Details: true}); !strings.Contains(out, "No negative feedback on the orders of the ODR window.") {
			t.Errorf("%s: an empty list is not said:\n%s", c.format, out)
		}
		for _, o := range []render.Options{{}, {Details: true, DetailsOnly: true}} {
			if out := renderWith(t, fn, feedbackReport(), o); strings.Contains(out, "Negative feedback in the ODR window") {
				t.Errorf("%s %+v: the list is shown:\n%s", c.format, o, out)
			}
		}
		if out := renderWith(t, fn, detOdrReport(), render.Options{Details: true}); strings.Contains(out, "egative feedback in the ODR window") ||
			strings.Contains(out, "No negative feedback") {
			t.Errorf("%s: a list that was not made is shown:\n%s", c.format, out)
		}
	}
}
