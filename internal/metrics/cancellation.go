package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// PrefulfillmentCancelRate is the pre-fulfillment cancel rate's id.
const PrefulfillmentCancelRate = "prefulfillment_cancel_rate"

// cancellationWindow is Amazon's rule: 7 days by order date, ending on
// as-of.
var cancellationWindow = settings.Window{Days: []int{7}}

var cancellationMetric = Metric{
	ID: PrefulfillmentCancelRate, Title: "Pre-fulfillment Cancel Rate", Short: "CANCEL", Abbrev: "CR",
	Command: "cancellation", Source: "help 200285210",
	KeyedOn: "orders dated", Counts: "cancelled", Population: "orders", Scope: "Seller-fulfilled",
	Clean:     [2]string{"order not cancelled", "orders not cancelled"},
	ListTitle: "Counted cancellations (seller or Amazon)",
	Scale:     1, Window: cancellationWindow,
	Reads: []string{kindShipments, kindOrders, kindCancellations},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, unplaced := PrefulfillmentCancel(d, s)
		return Outcome{Results: res, Unplaced: unplaced}
	},
}

// PrefulfillmentCancel computes the pre-fulfillment cancel rate (help
// 200285210): seller-fulfilled orders dated in the 7 days ending on as-of;
// numerator = cancelled by the seller, or automatically by Amazon; a
// buyer-requested cancellation stays in the denominator only. Amazon's
// cancellation download (Impacts Account Health = Yes) also marks counted
// cancellations. The population is every seller-fulfilled order of the
// shipments file and of the orders report.
func PrefulfillmentCancel(d *records.Dataset, s settings.Settings) ([]Result, []Unplaced) {
	if !d.Has(kindShipments) && !d.Has(kindCancellations) {
		return []Result{Missing(PrefulfillmentCancelRate, "needs the shipments file or Amazon's cancellation download (Order ID, Impacts Account Health)")}, nil
	}
	if d.Has(kindShipments) && !d.Has(kindCancellations) {
		if why := lacking(d, "cancel-date", "cancelled-by"); why != "" {
			return []Result{Missing(PrefulfillmentCancelRate, why+" (or give Amazon's cancellation download)")}, nil
		}
	}
	if !d.Has(kindShipments) && !d.Has(kindOrders) {
		return []Result{Missing(PrefulfillmentCancelRate, "needs the orders report or the shipments file for the seller-fulfilled orders (the denominator)")}, nil
	}
	win := s.Window(PrefulfillmentCancelRate, cancellationWindow)
	w := WindowEnding(s.AsOf.AddDays(-win.Lag), win.Days[0])
	days := daysOf(w, s.AsOf)
	// The population is every order with an order date in the window. The
	// reports may date one order differently: its key date is the latest of
	// its dates in the window, else (an order that enters the window later)
	// the latest after it.
	key := map[records.OrderKey]civil.Date{}
	place := func(id records.OrderKey, d civil.Date) {
		if !days.covers(d) {
			return
		}
		k, ok := key[id]
		if !ok || w.Contains(d) && (!w.Contains(k) || d > k) || !w.Contains(d) && !w.Contains(k) && d > k {
			key[id] = d
		}
	}
	// Counted cancellations: of the shipments file, by the row's own
	// purchase date (in the window, or after it for the Days), and of the
	// cancellation download, whatever the date.
	cancelIn, cancelAfter, download := map[records.OrderKey]bool{}, map[records.OrderKey]bool{}, map[records.OrderKey]bool{}
	events := map[records.OrderKey][]Event{}
	for sh := range d.Shipments.All() {
		if !days.covers(sh.Purchase.Date) {
			continue
		}
		place(sh.Key, sh.Purchase.Date)
		if !sh.Cancel.IsZero() && sh.Cancel.Date <= s.AsOf && sh.CancelledBy != records.CancelledBuyer {
			if !w.Contains(sh.Purchase.Date) {
				cancelAfter[sh.Key] = true
				continue
			}
			cancelIn[sh.Key] = true
			who := sh.CancelledBy.String()
			if sh.CancelledBy == records.NotCancelled {
				who = records.CancelledUnknown.String()
			}
			events[sh.Key] = append(events[sh.Key], Event{Type: "cancellation", Date: sh.Cancel.Date, Status: who})
		}
	}
	for o := range d.Orders.All() {
		if o.Channel == records.ChannelMerchant {
			place(o.Key, o.Date)
		}
	}
	for _, c := range d.Cancellations {
		if !c.Impacts || c.Date > s.AsOf {
			continue
		}
		download[c.Key] = true
		// The download's date is the order date: when the order was
		// cancelled is not known.
		events[c.Key] = append(events[c.Key], Event{Type: "cancellation", Status: "impacts account health"})
	}
	// The cancellation download lists seller-fulfilled orders with their
	// own order date: an order no other report knows is placed by it.
	// (Its orders are few; the shipments are many.)
	unknown := map[records.OrderKey]bool{}
	for _, c := range d.Cancellations {
		if _, known := d.Orders.Lookup(c.Key); !known {
			unknown[c.Key] = true
		}
	}
	if len(unknown) > 0 {
		for sh := range d.Shipments.All() {
			delete(unknown, sh.Key)
		}
		for o := range d.Shipments.Old() {
			delete(unknown, o.Key)
		}
	}
	for _, c := range d.Cancellations {
		if unknown[c.Key] {
			place(c.Key, c.Date)
		}
	}
	r := Result{ID: PrefulfillmentCancelRate, Window: w}
	for id, k := range key {
		if !w.Contains(k) {
			days.add(k, download[id] || cancelAfter[id])
			continue
		}
		counted := download[id] || cancelIn[id]
		days.add(k, counted)
		r.Denominator++
		if counted {
			r.Numerator++
			r.Items = append(r.Items, Item{OrderID: id.String(), OrderDate: k, Fulfillment: "mfn", KeyDate: k,
				Events: sortedEvents(events[id]), LeavesWindowOn: LeavesWindow(k, win.Lag, win.Days[0])})
		}
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return []Result{r}, nil
}
