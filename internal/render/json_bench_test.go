package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// benchReport is an account's report with n defective orders in all,
// spread over five entries as `audit all` spreads them, and n/50
// negative feedbacks: the shape of synth.py's accounts.
func benchReport(n int) *health.Report {
	asOf := civil.NewDate(2026, 11, 20)
	r := &health.Report{Command: "all", AsOf: asOf, Marketplace: "US", Profile: "amazon-us", Status: health.Fail}
	kinds := []string{"negative_feedback", "a_to_z_claim", "chargeback", "late_shipment", "invalid_tracking"}
	for k, kind := range kinds {
		m := health.Verdict{Result: metrics.Result{ID: "odr", Fulfillment: "all", Numerator: n / len(kinds), Denominator: 50 * n,
			Window: metrics.WindowEnding(asOf.AddDays(-14), 60)},
			Status: health.Fail, Threshold: health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}}
		for i := 0; i < n/len(kinds); i++ {
			d := asOf.AddDays(-74 + i%60)
			it := metrics.Item{OrderID: fmt.Sprintf("%03d-%07d-%07d", i%1000, i*7919%10000000, i), OrderDate: d, KeyDate: d,
				Fulfillment: []string{"afn", "mfn"}[i%2], LeavesWindowOn: d.AddDays(74),
				Events: []metrics.Event{{Type: kind, Date: d.AddDays(3), Status: "rating 1"}}}
			if i%7 == 0 {
				it.Events = append(it.Events, metrics.Event{Type: "chargeback"})
			}
			m.Items = append(m.Items, it)
		}
		if k == 0 {
			for i := 0; i < n/50; i++ {
				d := asOf.AddDays(-70 + i%60)
				r.Feedback = append(r.Feedback, metrics.FeedbackItem{OrderID: fmt.Sprintf("838-%07d-%07d", i, i*31), OrderDate: d,
					Fulfillment: "afn", FeedbackDate: d.AddDays(3), Rating: 1 + i%2, Comment: "Never received",
					RemovableUntil: d.AddDays(90), Grounds: []string{"fulfilled_by_amazon"}})
			}
		}
		r.Metrics = append(r.Metrics, m)
	}
	return r
}

// BenchmarkJSON writes the JSON document of a report of 100k defective
// orders (docs/performance.md: at 10M orders an account's lists hold
// about that many).
func BenchmarkJSON(b *testing.B) {
	r := benchReport(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
