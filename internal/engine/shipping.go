package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The seller-fulfilled metrics (metrics.md): each a check of its own, so a
// command can ask for one.
func init() {
	register(Check{ID: metrics.LateShipmentRate, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: metrics.LateShipment(d, s)}
	}})
	register(Check{ID: metrics.PrefulfillmentCancelRate, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, unplaced := metrics.PrefulfillmentCancel(d, s)
		return Outcome{Results: res, Unplaced: unplaced}
	}})
	register(Check{ID: metrics.ValidTrackingRate, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []metrics.Result{metrics.ValidTracking(d, s)}}
	}})
	register(Check{ID: metrics.OnTimeDeliveryRate, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []metrics.Result{metrics.OnTimeDelivery(d, s)}}
	}})
	register(Check{ID: metrics.InvoiceDefectRate, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: metrics.InvoiceDefect(d, s, storeOfOrder(d, s.Marketplace))}
	}})
}

// All is every check, in the order audit all shows them.
var All = []string{"odr", metrics.LateShipmentRate, metrics.PrefulfillmentCancelRate,
	metrics.ValidTrackingRate, metrics.OnTimeDeliveryRate, metrics.InvoiceDefectRate}
