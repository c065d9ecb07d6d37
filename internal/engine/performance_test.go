package engine

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Amazon's seller performance report, when given, sets the targets of its
// store's metrics over the profile's, and the output says so; another
// store's entry does not.
func TestAmazonTargetsOverrideProfile(t *testing.T) {
	asOf, _ := civil.ParseISODate("2026-11-20")
	data := func(store string) *records.Dataset {
		d := records.NewDataset()
		d.Kinds["orders"], d.Kinds["feedback"], d.Kinds["claims"], d.Kinds["chargebacks"] = true, true, true, true
		for i := 0; i < 200; i++ {
			id := "A" + string(rune('a'+i%26)) + string(rune('a'+i/26))
			d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: civil.NewDate(2026, 10, 1), Channel: records.ChannelAmazon, SalesChannel: records.Intern("Amazon.com")})
		}
		d.Feedback = []records.Feedback{{OrderID: "Aaa", Date: civil.NewDate(2026, 10, 5), Rating: 1}} // 1/200 = 0.5 %
		d.Performance = []records.Performance{{Source: records.Source{File: "perf.json"}, Stores: []records.StorePerformance{{
			Store: store, Targets: []records.Target{{Metric: "odr", Fulfillment: "afn", Op: "<", Value: 0.004}, {Metric: "odr", Fulfillment: "mfn", Op: "=", Value: 1}}}}}}
		return d
	}
	rep, err := Audit("odr", &input.Loaded{Data: data("US")}, settings.Default(asOf), []string{"odr"})
	if err != nil {
		t.Fatal(err)
	}
	all := rep.Metrics[0]
	if all.Threshold.Value != 0.004 || all.Threshold.WarnAt != 0.0032 || all.Status != health.Fail || !strings.Contains(all.Threshold.Source, "perf.json") {
		t.Errorf("with Amazon's target: %+v", all)
	}
	if len(rep.Warnings) == 0 || !strings.Contains(rep.Warnings[len(rep.Warnings)-1], "targets of odr from Amazon's seller performance report perf.json (store US)") {
		t.Errorf("warnings %q", rep.Warnings)
	}
	// A DE entry does not judge a US account.
	rep, err = Audit("odr", &input.Loaded{Data: data("DE")}, settings.Default(asOf), []string{"odr"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Metrics[0].Threshold.Value != 0.01 || rep.Metrics[0].Status != health.Pass {
		t.Errorf("another store's target was taken: %+v", rep.Metrics[0])
	}
}

// The user's own target (file, environment, flag) wins over Amazon's.
func TestUserTargetWinsOverAmazons(t *testing.T) {
	asOf, _ := civil.ParseISODate("2026-11-20")
	d := records.NewDataset()
	d.Kinds["orders"] = true
	d.Orders.Put(records.Order{Key: records.KeyOf("A"), Date: civil.NewDate(2026, 10, 1), Channel: records.ChannelAmazon, SalesChannel: records.Intern("Amazon.com")})
	d.Performance = []records.Performance{{Source: records.Source{File: "perf.json"}, Stores: []records.StorePerformance{{
		Store: "US", Targets: []records.Target{{Metric: "odr", Fulfillment: "afn", Op: "<", Value: 0.02}}}}}}
	s := settings.Default(asOf)
	s.Overrides = map[string]settings.Override{"thresholds.odr.fail": {Value: 0.005, Origin: "env AUDIT_THRESHOLDS_ODR_FAIL"}}
	rep, err := Audit("odr", &input.Loaded{Data: d}, s, []string{"odr"})
	if err != nil {
		t.Fatal(err)
	}
	if th := rep.Metrics[0].Threshold; th.Value != 0.005 {
		t.Errorf("threshold %+v, want the user's 0.005", th)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "perf.json") {
			t.Errorf("warning about Amazon's targets though none was used: %q", w)
		}
	}
}
