package metrics_test

import (
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// A lag moves the late shipment and cancellation windows back from as-of
// (a profile or config setting; Amazon's is 0).
func TestShippingLags(t *testing.T) {
	ts := func(s string) civil.Timestamp {
		v, err := civil.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	d := records.NewDataset()
	d.Kinds["shipments"] = true
	for _, c := range []string{"cancel-date", "cancelled-by"} {
		d.Columns["shipments."+c] = true
	}
	// Ship-by 11-18, never confirmed: late; bought 11-12.
	d.Shipments = records.ShipmentsOf(records.Shipment{Key: records.KeyOf("A"), Purchase: ts("2026-11-12T10:00:00Z"), LatestShip: ts("2026-11-18T23:59:59Z")})
	s := settings.Default(civil.NewDate(2026, 11, 20))
	for _, c := range []struct {
		lsrLag, cancelLag int
		lsrDen, cancelDen int
	}{{0, 0, 0, 0}, {2, 8, 1, 1}, {3, 7, 0, 0}} {
		s.SetWindow(metrics.LateShipmentRate, []int{1}, c.lsrLag)
		s.SetWindow(metrics.PrefulfillmentCancelRate, []int{1}, c.cancelLag)
		l := metrics.LateShipment(d, s)[0]
		p, _ := metrics.PrefulfillmentCancel(d, s)
		if l.Denominator != c.lsrDen || p[0].Denominator != c.cancelDen {
			t.Errorf("lags %d/%d: late shipment %d/%d (window %s..%s), cancel %d/%d; want denominators %d, %d",
				c.lsrLag, c.cancelLag, l.Numerator, l.Denominator, l.Window.From, l.Window.To, p[0].Numerator, p[0].Denominator, c.lsrDen, c.cancelDen)
		}
	}
}
