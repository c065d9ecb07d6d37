package profile

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

// Every built-in entry is complete: a known comparison, a warn line on the
// right side of the target, windows, a source and the date it was checked.
func TestBuiltinEntriesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Builtin {
		if seen[p.Name] || p.Platform == "" || p.Description == "" || len(p.Entries) == 0 {
			t.Errorf("profile %q: duplicate or incomplete", p.Name)
		}
		seen[p.Name] = true
		for _, e := range p.Entries {
			if err := check(e); err != nil {
				t.Errorf("%s %s: %v", p.Name, e.Metric, err)
			}
			if e.Source == "" || e.Checked == "" || len(e.WindowDays) == 0 || e.Fail <= 0 || e.Fail > metrics.ScaleOf(e.Metric) || e.Warn > metrics.ScaleOf(e.Metric) {
				t.Errorf("%s %s: incomplete %+v", p.Name, e.Metric, e)
			}
			switch e.Op {
			case health.Less, health.LessEqual, health.Greater, health.GreaterEqual:
			default:
				t.Errorf("%s %s: op %q", p.Name, e.Metric, e.Op)
			}
		}
	}
}

// The profile follows from the store: US enforces on-time delivery, the EU
// stores advise it and enforce IDR; unknown stores are judged as the US.
func TestForStore(t *testing.T) {
	for store, want := range map[string]string{"": "amazon-us", "US": "amazon-us", "CA": "amazon-ca", "UK": "amazon-uk",
		"DE": "amazon-eu", "FR": "amazon-eu", "PL": "amazon-eu", "JP": "amazon-jp", "MX": "amazon-other", "AU": "amazon-other"} {
		if got := ForStore(store).Name; got != want {
			t.Errorf("ForStore(%q) = %s, want %s", store, got, want)
		}
	}
	us, _ := ForStore("US").Entry("on_time_delivery_rate")
	eu, _ := ForStore("DE").Entry("on_time_delivery_rate")
	idr, _ := ForStore("DE").Entry("invoice_defect_rate")
	if us.Advisory || us.Fail != 0.90 || us.Op != health.GreaterEqual || !eu.Advisory || eu.Fail != 0.97 || idr.Advisory {
		t.Errorf("US %+v, EU %+v, IDR %+v", us, eu, idr)
	}
	if _, err := ByName("amazon-mars"); err == nil || !strings.Contains(err.Error(), "amazon-us") {
		t.Errorf("ByName(amazon-mars) = %v", err)
	}
}

// Resolve: each override replaces its field and says where it came from;
// a new fail line brings its warn band; bad values name the key.
func TestResolve(t *testing.T) {
	p, _ := ByName("amazon-us")
	r, err := Resolve(p, map[string]settings.Override{
		"thresholds.odr.fail":                            {Value: 0.008, Origin: "file a.yaml"},
		"thresholds.late_shipment_rate.window_days":      {Value: []int{15}, Origin: "env AUDIT_THRESHOLDS_LATE_SHIPMENT_RATE_WINDOW_DAYS"},
		"thresholds.valid_tracking_rate.fail":            {Value: 0.9, Origin: "flag --x"},
		"thresholds.valid_tracking_rate.warn":            {Value: 0.99, Origin: "file a.yaml"},
		"thresholds.on_time_delivery_rate.advisory":      {Value: true, Origin: "file a.yaml"},
		"thresholds.prefulfillment_cancel_rate.lag_days": {Value: 3, Origin: "file a.yaml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	odr := r["odr"]
	if odr.Fail != 0.008 || odr.Warn != 0.0064 || odr.Origins["fail"] != "file a.yaml" || odr.Origins["warn"] != "warn band of file a.yaml" || odr.Origins["lag_days"] != "profile amazon-us" {
		t.Errorf("odr %+v", odr)
	}
	if l := r["late_shipment_rate"]; len(l.WindowDays) != 1 || l.WindowDays[0] != 15 {
		t.Errorf("late shipment %+v", l)
	}
	if v := r["valid_tracking_rate"]; v.Fail != 0.9 || v.Warn != 0.99 || v.Origins["warn"] != "file a.yaml" {
		t.Errorf("tracking %+v", v)
	}
	if !r["on_time_delivery_rate"].Advisory || r["prefulfillment_cancel_rate"].LagDays != 3 {
		t.Error("advisory or lag not applied")
	}
	if p.Entries[0].Fail != 0.01 {
		t.Error("Resolve changed the built-in profile")
	}
	for key, v := range map[string]any{
		"thresholds.odr.fail":        1.5,
		"thresholds.odr.warn":        0.02, // above fail 0.01
		"thresholds.odr.window_days": []int{0},
		"thresholds.odr.lag_days":    -1,
		"thresholds.odr.advisory":    "yes",
	} {
		if _, err := Resolve(p, map[string]settings.Override{key: {Value: v, Origin: "file b.yaml"}}); err == nil {
			t.Errorf("%s = %v accepted", key, v)
		}
	}
}

func TestWarnBand(t *testing.T) {
	for _, c := range []struct {
		op         health.Op
		fail, want float64
	}{{health.Less, 0.01, 0.008}, {health.Less, 0.03, 0.024}, {health.Greater, 0.95, 0.97}, {health.GreaterEqual, 0.99, 1}} {
		if got := WarnBand(c.op, c.fail); got != c.want {
			t.Errorf("WarnBand(%s, %v) = %v, want %v", c.op, c.fail, got, c.want)
		}
	}
}

// The rating's overrides are scores: a fail line of 7 brings a warn line
// of 9; a fraction is refused.
func TestRatingOverrides(t *testing.T) {
	p, _ := ByName("amazon-us")
	r, err := Resolve(p, map[string]settings.Override{"thresholds.customer_service_rating.fail": {Value: 7.0, Origin: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	if e := r["customer_service_rating"]; e.Fail != 7 || e.Warn != 9 || !e.Threshold().WarnBelow || e.Threshold().Scale != 10 {
		t.Errorf("rating entry %+v", e)
	}
	if _, err := Resolve(p, map[string]settings.Override{"thresholds.customer_service_rating.fail": {Value: 0.6, Origin: "test"}}); err == nil {
		t.Error("a fraction for the rating is accepted")
	}
	if _, err := Resolve(p, map[string]settings.Override{"thresholds.contact_response_rate.window_days": {Value: []int{7, 14}, Origin: "test"}}); err != nil {
		t.Errorf("two contact response windows refused: %v", err)
	}
	if _, err := Resolve(p, map[string]settings.Override{"thresholds.odr.window_days": {Value: []int{30, 60}, Origin: "test"}}); err == nil {
		t.Error("two ODR windows accepted")
	}
}
