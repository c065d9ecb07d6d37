package metrics_test

import (
	"testing"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// if_removed: an order whose only defects are removable negative feedback
// leaves the numerator; one with a claim or a chargeback too, or whose
// feedback has no ground or a deadline passed, stays.
func TestODRIfRemoved(t *testing.T) {
	b := newData()
	b.order("A-fba-only", "2026-10-01", afn).feedback("A-fba-only", "2026-10-05", 1)   // fulfilled by Amazon: removable
	b.order("B-fba-claim", "2026-10-02", afn).feedback("B-fba-claim", "2026-10-05", 1) // removable feedback...
	b.claim("B-fba-claim", "2026-10-06", records.ClaimGranted)                         // ...but a claim stays (ClaimGranted)
	b.order("C-mfn", "2026-10-03", mfn).feedback("C-mfn", "2026-10-05", 2)             // no ground
	b.order("D-fba-old", "2026-09-10", afn).feedback("D-fba-old", "2026-08-15", 1)     // feedback dated before its order is fine for the rule; its deadline 11-13 has passed
	b.order("E-clean", "2026-10-04", afn)
	for i := range b.d.Feedback {
		if b.d.Feedback[i].OrderID == "C-mfn" {
			b.d.Feedback[i].Comment = "arrived late"
		}
	}
	s := settings.Default(day("2026-11-20"))
	o := metrics.ODR(b.d, s)
	all, afnSeg, mfnSeg := o.Segments[0], o.Segments[1], o.Segments[2]
	if all.Numerator != 4 || *all.IfRemoved != 3 {
		t.Errorf("all: %d defective, %d if removed; want 4 and 3 (only A leaves)", all.Numerator, *all.IfRemoved)
	}
	if afnSeg.Numerator != 3 || *afnSeg.IfRemoved != 2 || mfnSeg.Numerator != 1 || *mfnSeg.IfRemoved != 1 {
		t.Errorf("afn %d/%d, mfn %d/%d", afnSeg.Numerator, *afnSeg.IfRemoved, mfnSeg.Numerator, *mfnSeg.IfRemoved)
	}
	if v, ok := all.IfRemovedValue(); !ok || v != 3.0/5.0 {
		t.Errorf("if removed value %v %v, want 3/5", v, ok)
	}
	// A product-review word list makes C removable too.
	s.Feedback.ProductReviewWords = []string{"arrived late"}
	if o := metrics.ODR(b.d, s); *o.Segments[0].IfRemoved != 2 {
		t.Errorf("with a word list: %d if removed, want 2", *o.Segments[0].IfRemoved)
	}
}

// provisional: final_on is the window's end + the feedback period, and is
// left out once that day is past.
func TestODRProvisional(t *testing.T) {
	b := newData()
	b.order("A", "2026-10-01", afn)
	for _, c := range []struct {
		asOf              string
		lag, window, days int
		want              string // "" none
	}{
		{"2026-11-20", 14, 60, 90, "2027-02-04"}, // the example: 11-06 + 90
		{"2026-11-20", 0, 30, 90, "2027-02-18"},  // window ending on as-of
		{"2026-11-20", 14, 60, 30, "2026-12-06"},
		{"2026-11-20", 14, 60, 14, ""},           // 11-06 + 14 = 11-20: not after as-of, final
		{"2026-11-20", 14, 60, 15, "2026-11-21"}, // one day left
	} {
		s := settings.Default(day(c.asOf))
		s.SetWindow(metrics.ODRID, []int{c.window}, c.lag)
		s.Feedback.PeriodDays = c.days
		got := metrics.ODR(b.d, s).Segments[0].FinalOn
		switch {
		case c.want == "" && got != nil:
			t.Errorf("%+v: final_on %s, want none", c, got)
		case c.want != "" && (got == nil || got.String() != c.want):
			t.Errorf("%+v: final_on %v, want %s", c, got, c.want)
		}
	}
}
