package settings

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

// Default is Amazon's published rules (metrics.md) and is valid.
func TestDefault(t *testing.T) {
	s := Default(civil.NewDate(2026, 11, 20))
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.ODR.LagDays != 14 || s.ODR.WindowDays != 60 || s.ODR.CountDeniedClaims {
		t.Errorf("ODR defaults: %+v", s.ODR)
	}
	sh := s.Shipping
	if len(sh.LateShipmentDays) != 2 || sh.LateShipmentDays[0] != 10 || sh.LateShipmentDays[1] != 30 ||
		sh.CancelDays != 7 || sh.TrackingDays != 30 || sh.TrackingLagDays != 14 ||
		sh.DeliveryDays != 14 || sh.DeliveryLagDays != 7 || sh.InvoiceDays != 7 || sh.InvoiceLagDays != 7 {
		t.Errorf("shipping defaults: %+v", sh)
	}
}

// Every window and lag is bounded; a bad one names itself.
func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Settings)
		want string
	}{
		{"odr lag", func(s *Settings) { s.ODR.LagDays = -1 }, "--lag-days"},
		{"odr window", func(s *Settings) { s.ODR.WindowDays = 0 }, "--window-days"},
		{"late shipment", func(s *Settings) { s.Shipping.LateShipmentDays = []int{10, 0} }, "late shipment window"},
		{"cancel", func(s *Settings) { s.Shipping.CancelDays = 0 }, "cancellation window"},
		{"tracking lag", func(s *Settings) { s.Shipping.TrackingLagDays = -2 }, "valid tracking lag"},
		{"delivery", func(s *Settings) { s.Shipping.DeliveryDays = 4000 }, "on-time delivery window"},
		{"invoice lag", func(s *Settings) { s.Shipping.InvoiceLagDays = -1 }, "invoice defect lag"},
	}
	for _, c := range cases {
		s := Default(0)
		c.edit(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error naming %q", c.name, err, c.want)
		}
	}
}
