package health

import "testing"

// A trend's status is the worst on its last date, whatever came before.
func TestTrendStatus(t *testing.T) {
	tr := &Trend{Series: []Series{
		{ID: "odr", Points: []Point{{Status: Fail}, {Status: Pass}}},
		{ID: "late_shipment_rate", Points: []Point{{Status: Pass}, {Status: Warn}}},
		{ID: "invoice_defect_rate", Points: []Point{{Status: NotComputed}, {Status: NotComputed}}},
		{ID: "empty"},
	}}
	if got := tr.Status(); got != Warn {
		t.Errorf("Status = %v, want warn (the fail is not on the last date)", got)
	}
	tr.Series[0].Points[1].Status = Fail
	if got := tr.Status(); got != Fail {
		t.Errorf("Status = %v, want fail", got)
	}
	if got := (&Trend{}).Status(); got != NoData {
		t.Errorf("empty trend: %v, want no_data", got)
	}
}
