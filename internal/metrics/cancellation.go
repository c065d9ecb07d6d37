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
// numerator = cancelled before ship confirmation by the seller, or
// automatically by Amazon (prefulfillmentCancelled); a buyer-requested
// cancellation, and one at or after the ship confirmation (a refund),
// stay in the denominator only. Amazon's
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
	r := cancelRun{
		w: w, win: win, asOf: s.AsOf, days: daysOf(w, s.AsOf),
		key:         map[records.OrderKey]civil.Date{},
		cancelIn:    map[records.OrderKey]bool{},
		cancelAfter: map[records.OrderKey]bool{},
		download:    map[records.OrderKey]bool{},
		events:      map[records.OrderKey][]Event{},
	}
	r.readShipments(d)
	r.placeMerchantOrders(d)
	r.readDownload(d)
	r.placeDownloadOnly(d)
	return []Result{r.result()}, nil
}

// prefulfillmentCancelled says whether the shipments file's row sh shows a
// pre-fulfillment cancellation counted against the seller as of asOf.
// Help 200285210: "A decision not to fulfil an order prior to
// ship-confirmation is a cancelled order. Once an order is ship-confirmed,
// a decision to accept a return or not ship an item is treated as a
// refund." So the cancellation counts when it is dated on or before as-of
// and comes strictly before the ship confirmation, or the order has no
// confirmation made by as-of (cancelledBefore: a confirmation at the
// cancellation's very instant makes the order shipped, and a bare date is
// the start of its day in the other value's offset); and when the buyer
// did not request it (a cancellation by the seller, by Amazon, or by
// nobody named counts).
func prefulfillmentCancelled(sh *records.Shipment, asOf civil.Date) bool {
	return sh.CancelledBy != records.CancelledBuyer && cancelledBefore(sh, asOf)
}

// cancelRun is one computation of the pre-fulfillment cancel rate: each
// order's key date and its counted cancellations. Only the Days it points
// to outlive the call, so that it and its maps stay on the stack.
type cancelRun struct {
	w    Window
	win  settings.Window
	asOf civil.Date
	days *dayCounter
	key  map[records.OrderKey]civil.Date
	// Counted cancellations: of the shipments file, by the row's own
	// purchase date (in the window, or after it for the Days), and of the
	// cancellation download, whatever the date.
	cancelIn, cancelAfter, download map[records.OrderKey]bool
	events                          map[records.OrderKey][]Event
}

// place dates order id on d, when d is its key date so far.
func (r *cancelRun) place(id records.OrderKey, d civil.Date) {
	// The population is every order with an order date in the window. The
	// reports may date one order differently: its key date is the latest of
	// its dates in the window, else (an order that enters the window later)
	// the latest after it.
	if !r.days.covers(d) {
		return
	}
	k, ok := r.key[id]
	if !ok || r.w.Contains(d) && (!r.w.Contains(k) || d > k) || !r.w.Contains(d) && !r.w.Contains(k) && d > k {
		r.key[id] = d
	}
}

// readShipments places the shipments file's orders and notes their counted cancellations.
func (r *cancelRun) readShipments(d *records.Dataset) {
	for sh := range d.Shipments.All() {
		if !r.days.covers(sh.Purchase.Date) {
			continue
		}
		r.place(sh.Key, sh.Purchase.Date)
		if prefulfillmentCancelled(sh, r.asOf) {
			if !r.w.Contains(sh.Purchase.Date) {
				r.cancelAfter[sh.Key] = true
				continue
			}
			r.cancelIn[sh.Key] = true
			who := sh.CancelledBy.String()
			if sh.CancelledBy == records.NotCancelled {
				who = records.CancelledUnknown.String()
			}
			r.events[sh.Key] = append(r.events[sh.Key], Event{Type: "cancellation", Date: sh.Cancel.Date, Status: who})
		}
	}
}

// placeMerchantOrders places the seller-fulfilled orders of the orders report.
func (r *cancelRun) placeMerchantOrders(d *records.Dataset) {
	for o := range d.Orders.All() {
		if o.Channel == records.ChannelMerchant {
			r.place(o.Key, o.Date)
		}
	}
}

// readDownload notes the counted cancellations of Amazon's cancellation download.
func (r *cancelRun) readDownload(d *records.Dataset) {
	for _, c := range d.Cancellations {
		if !c.Impacts || c.Date > r.asOf {
			continue
		}
		r.download[c.Key] = true
		// The download's date is the order date: when the order was
		// cancelled is not known.
		r.events[c.Key] = append(r.events[c.Key], Event{Type: "cancellation", Status: "impacts account health"})
	}
}

// placeDownloadOnly places the download's orders that no other report knows.
func (r *cancelRun) placeDownloadOnly(d *records.Dataset) {
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
			r.place(c.Key, c.Date)
		}
	}
}

// result counts the orders placed in the window, lists the counted ones and fills the Days.
func (r *cancelRun) result() Result {
	res := Result{ID: PrefulfillmentCancelRate, Window: r.w}
	for id, k := range r.key {
		if !r.w.Contains(k) {
			r.days.add(k, r.download[id] || r.cancelAfter[id])
			continue
		}
		counted := r.download[id] || r.cancelIn[id]
		r.days.add(k, counted)
		res.Denominator++
		if counted {
			res.Numerator++
			res.Items = append(res.Items, Item{OrderID: id.String(), OrderDate: k, Fulfillment: "mfn", KeyDate: k,
				Events: sortedEvents(r.events[id]), LeavesWindowOn: LeavesWindow(k, r.win.Lag, r.win.Days[0])})
		}
	}
	sortItems(res.Items)
	res.Days = r.days.counted()
	return res
}
