package render

import (
	"bytes"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// JSON writes, entry by entry, the very bytes json.Encoder gives for the
// whole document: with and without the optional fields, empty and full
// lists, values that JSON escapes.
func TestJSONStreamsTheEncodersBytes(t *testing.T) {
	asOf := civil.NewDate(2026, 11, 20)
	w := metrics.WindowEnding(asOf.AddDays(-14), 60)
	rec := 2
	full := &health.Report{Command: "all", AsOf: asOf, Marketplace: "US", Profile: "amazon-us", Status: health.Fail,
		Metrics: []health.Verdict{
			{Result: metrics.Result{ID: "odr", Fulfillment: "all", Numerator: 1, Denominator: 95, Window: w,
				Components: metrics.Components{{Key: "negative_feedback", Count: 1}},
				Items: []metrics.Item{{OrderID: `111-<"&>-1`, OrderDate: asOf.AddDays(-20), KeyDate: asOf.AddDays(-20), Fulfillment: "mfn",
					Events:         []metrics.Event{{Type: "negative_feedback", Date: asOf.AddDays(-10), Status: "rating 1"}, {Type: "a_to_z_claim"}},
					LeavesWindowOn: asOf.AddDays(54)}}},
				Status: health.Fail, Threshold: health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008},
				Forecast: &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: &asOf, CleanOrdersNeeded: &rec, DailyOrders: 1.5}},
			{Result: metrics.Result{ID: "invoice_defect_rate", NotComputed: "applies to the UK, DE, FR, IT and ES stores only"}, Status: health.NotComputed},
		},
		Unmatched: []metrics.Unplaced{{OrderID: "x", Kind: "chargeback", File: "c.csv", Line: 3}},
		Warnings:  []string{`skipped "notes.md" <not a report> & more`},
		Inputs:    []records.InputFile{{File: "orders.txt", Kind: "orders", Rows: 3}},
	}
	empty := &health.Report{Command: "odr", AsOf: asOf, Status: health.NoData}
	empty.Finish()
	for name, r := range map[string]*health.Report{"full": full, "empty": empty} {
		var got, want bytes.Buffer
		if err := JSON(&got, r, Options{}); err != nil {
			t.Fatal(err)
		}
		doc := jsonReport{SchemaVersion: SchemaVersion, Command: r.Command, AsOf: r.AsOf.String(), Marketplace: r.Marketplace,
			Profile: r.Profile, Status: r.Status, Metrics: jsonMetrics(r), Account: jsonAccountChecks(r.Account), Unmatched: r.Unmatched, Warnings: r.Warnings, Inputs: r.Inputs}
		if err := writeJSON(&want, doc); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed\n%s\nencoder\n%s", name, got.String(), want.String())
		}
	}
}
