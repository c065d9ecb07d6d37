package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The seller-fulfilled metrics (metrics.md): each a check of its own, so a
// command can ask for one.
func init() {
	register(Check{ID: metrics.LateShipmentRate, Needs: []string{"shipments"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: metrics.LateShipment(d, s)}
	}})
	register(Check{ID: metrics.PrefulfillmentCancelRate, Needs: []string{"shipments", "orders", "cancellations"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, unplaced := metrics.PrefulfillmentCancel(d, s)
		return Outcome{Results: res, Unplaced: unplaced}
	}})
	register(Check{ID: metrics.ValidTrackingRate, Needs: []string{"shipments"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []metrics.Result{metrics.ValidTracking(d, s)}}
	}})
	register(Check{ID: metrics.OnTimeDeliveryRate, Needs: []string{"shipments", "orders"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []metrics.Result{metrics.OnTimeDelivery(d, s)}}
	}})
	register(Check{ID: metrics.InvoiceDefectRate, Needs: []string{"shipments", "orders", "vat-invoices"}, Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		out := Outcome{Results: metrics.InvoiceDefect(d, s, storeOfOrder(d, s.Marketplace))}
		if !d.Columns["shipments.invoice-upload-date"] && d.Has("vat-invoices") && out.Results[0].NotComputed == "" {
			out.Notes = append(out.Notes, "invoice defect rate from the VAT invoice data report, which has no upload times: missing invoices are counted, late ones cannot be (give the shipments file with invoice-upload-date)")
		}
		return out
	}})
}

// All is every check, in the order audit all shows them; the customer
// service ones only when their files are read (WithInputs).
var All = []string{"odr", metrics.LateShipmentRate, metrics.PrefulfillmentCancelRate,
	metrics.ValidTrackingRate, metrics.OnTimeDeliveryRate, metrics.InvoiceDefectRate,
	metrics.ContactResponseRate, metrics.ReturnDissatisfactionRate,
	metrics.CustomerServiceRating, metrics.CustomerServiceDissatisfactionRate,
	RemovableFeedback}
