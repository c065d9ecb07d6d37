package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

func init() {
	register(Check{ID: "odr", Needs: []string{"orders", "feedback", "claims", "chargebacks", "returns"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		if !d.Has("orders") {
			// Without the orders report no defect can be placed in a window:
			// every entry is not computed, and the defects are still listed.
			o := metrics.ODR(d, s)
			res := make([]metrics.Result, len(o.Segments))
			for i, seg := range o.Segments {
				res[i] = metrics.Missing(seg.ID, "needs the All Orders report (the denominator and each order's date)")
				res[i].Fulfillment = seg.Fulfillment
				res[i].Window = seg.Window
			}
			return Outcome{Results: res, Unplaced: o.Unplaced}
		}
		o := metrics.ODR(d, s)
		var notes []string
		if !d.Has("feedback") {
			notes = append(notes, "no Feedback report among the inputs: negative feedback is not counted in the ODR")
		}
		if !d.Has("claims") && !d.Has("returns") {
			notes = append(notes, "no A-to-z claims file or returns report among the inputs: A-to-z claims are not counted in the ODR")
		}
		if !d.Has("chargebacks") {
			notes = append(notes, "no chargebacks file among the inputs: chargebacks are not counted in the ODR")
		}
		return Outcome{Results: o.Segments[:], Unplaced: o.Unplaced, Notes: notes}
	}})
}
