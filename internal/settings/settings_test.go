package settings

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

// Default is valid and holds the rating's and feedback's settings; the
// windows are the metrics' own (no entry).
func TestDefault(t *testing.T) {
	s := Default(civil.NewDate(2026, 11, 20))
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.ODR.CountDeniedClaims || len(s.Windows) != 0 || s.Service.RatingMin != 40 || s.Service.RatingLookbackDays != 365 ||
		s.Feedback.RemovalDays != 90 || s.Feedback.PeriodDays != 90 {
		t.Errorf("defaults: %+v", s)
	}
}

// A window is its entry when set, else the default given; SetWindow does
// not change a copy made before.
func TestWindow(t *testing.T) {
	def := Window{Days: []int{60}, Lag: 14}
	s := Default(0)
	if w := s.Window("odr", def); w.Lag != 14 || w.Days[0] != 60 {
		t.Errorf("unset: %+v", w)
	}
	s.SetWindow("odr", []int{30}, 7)
	before := s
	s.SetWindow("odr", []int{10}, 0)
	if w := s.Window("odr", def); w.Lag != 0 || w.Days[0] != 10 {
		t.Errorf("set: %+v", w)
	}
	if w := before.Window("odr", def); w.Lag != 7 || w.Days[0] != 30 {
		t.Errorf("copy changed: %+v", w)
	}
}

// Every window and lag is bounded; a bad one names its metric.
func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Settings)
		want string
	}{
		{"odr lag", func(s *Settings) { s.SetWindow("odr", []int{60}, -1) }, "odr: lag of -1 days"},
		{"odr window", func(s *Settings) { s.SetWindow("odr", []int{0}, 14) }, "odr: window of 0 days"},
		{"late shipment", func(s *Settings) { s.SetWindow("late_shipment_rate", []int{10, 0}, 0) }, "late_shipment_rate: window of 0 days"},
		{"delivery", func(s *Settings) { s.SetWindow("on_time_delivery_rate", []int{4000}, 7) }, "on_time_delivery_rate: window of 4000 days"},
		{"invoice lag", func(s *Settings) { s.SetWindow("invoice_defect_rate", []int{7}, 3651) }, "invoice_defect_rate: lag of 3651 days"},
		{"feedback", func(s *Settings) { s.Feedback.RemovalDays = -1 }, "feedback.removal_days"},
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
