package metrics

import (
	"cmp"
	"slices"

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
	Base:  Base{Kinds: []string{kindShipments, kindOrders}, Field: records.Ordered},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, unplaced := PrefulfillmentCancel(d, s)
		return Outcome{Results: res, Unplaced: unplaced}
	},
	Series: cancelSeries,
}

// PrefulfillmentCancel computes the pre-fulfillment cancel rate (help
// 200285210): seller-fulfilled orders dated in the 7 days ending on as-of;
// numerator = cancelled before ship confirmation by the seller, or
// automatically by Amazon (prefulfillmentCancelled); a buyer-requested
// cancellation, and one at or after the ship confirmation (a refund),
// stay in the denominator only. Amazon's cancellation download (Impacts
// Account Health = Yes) also marks counted cancellations. The population
// is every seller-fulfilled order of the shipments file and of the orders
// report, each placed by its key date (cancelRun.place); a counted
// cancellation counts for its order whatever date the row that holds it
// gives the order.
func PrefulfillmentCancel(d *records.Dataset, s settings.Settings) ([]Result, []Unplaced) {
	if why := cancelNotComputed(d); why != "" {
		return []Result{Missing(PrefulfillmentCancelRate, why)}, nil
	}
	win, w := windowOn(s, PrefulfillmentCancelRate, cancellationWindow)
	r := cancelRun{
		w: w, win: win, asOf: s.AsOf, days: daysOf(w, s.AsOf),
		key:     map[records.OrderKey]civil.Date{},
		counted: map[records.OrderKey]bool{},
		events:  map[records.OrderKey][]Event{},
	}
	// First every order gets its key date, from every report; then the
	// cancellations are marked on the orders so placed.
	r.placeShipments(d)
	r.placeMerchantOrders(d)
	r.placeDownloadOnly(d)
	r.markShipments(d)
	r.markDownload(d)
	return []Result{r.result()}, nil
}

// cancelNotComputed says why the inputs cannot give the cancel rate ("" when
// they can).
func cancelNotComputed(d *records.Dataset) string {
	switch {
	case !d.Has(kindShipments) && !d.Has(kindCancellations):
		return "needs the shipments file your order system writes (docs/formats.md), or Amazon's cancellation download from Account Health (docs/downloads.md)"
	case d.Has(kindShipments) && !d.Has(kindCancellations) && lacking(d, "cancel-date", "cancelled-by") != "":
		return lacking(d, "cancel-date", "cancelled-by") + " (or give Amazon's cancellation download)"
	case !d.Has(kindShipments) && !d.Has(kindOrders):
		return "needs the All Orders report (docs/downloads.md) or the shipments file for the seller-fulfilled orders (the denominator)"
	}
	return ""
}

// cancelSeries is the pre-fulfillment cancel rate on every as-of date from
// from to to (SeriesFunc). PrefulfillmentCancel places an order on the
// latest of its dates (the shipments file's, the orders report's, the
// cancellation download's) that is in the window: so each date of an
// order is a unit keyed on it, in the population until a later date of
// the same order enters the window (as-of = that date + lag), counted
// while a shipment of it is cancelled before shipment, or once dated
// when the download says the cancellation impacts account health.
func cancelSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if cancelNotComputed(d) != "" {
		return nil, false // not computed, as PrefulfillmentCancel says at once on each date
	}
	win := s.Window(PrefulfillmentCancelRate, cancellationWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 1)
	c := cancelUnits{sl: sl, lag: win.Lag, cancelled: map[records.OrderKey][]records.Shipment{}, impacts: map[records.OrderKey]bool{}}
	// Most orders have one date: the orders report's, which the shipments
	// file repeats. Only the dates that differ from it, and the orders it
	// lacks, are gathered (extra) and sorted, not every order.
	var extra []datedOrder
	for sh := range d.Shipments.All() {
		if !sh.Cancel.IsZero() && sh.CancelledBy != records.CancelledBuyer {
			c.cancelled[sh.Key] = append(c.cancelled[sh.Key], *sh) // a copy: the store may lend sh for this step only
		}
		on := sh.Purchase.Date
		if !sl.reaches(on) {
			continue
		}
		if o, ok := d.Orders.Lookup(sh.Key); ok && o.Channel == records.ChannelMerchant && o.Date == on {
			continue
		}
		extra = append(extra, datedOrder{sh.Key, on})
	}
	for _, r := range downloadOnly(d) {
		if sl.reaches(r.Date) {
			extra = append(extra, datedOrder{r.Key, r.Date})
		}
	}
	for _, r := range d.Cancellations {
		if r.Impacts {
			c.impacts[r.Key] = true
		}
	}
	sortDated(extra)
	more := len(extra)
	for o := range d.Orders.All() {
		if o.Channel != records.ChannelMerchant || !sl.reaches(o.Date) {
			continue
		}
		if _, other := slices.BinarySearchFunc(extra[:more], o.Key, func(e datedOrder, k records.OrderKey) int { return cmp.Compare(e.key, k) }); other {
			extra = append(extra, datedOrder{o.Key, o.Date})
			continue
		}
		c.follow(o.Key, o.Date, false, 0)
	}
	sortDated(extra)
	extra = slices.Compact(extra)
	for i, u := range extra {
		hasLater := i+1 < len(extra) && extra[i+1].key == u.key
		var later civil.Date
		if hasLater {
			later = extra[i+1].date
		}
		c.follow(u.key, u.date, hasLater, later)
	}
	return oneWindow(sl, PrefulfillmentCancelRate, n), true
}

// datedOrder is one date an order is given.
type datedOrder struct {
	key  records.OrderKey
	date civil.Date
}

// sortDated sorts by order, then date.
func sortDated(ds []datedOrder) {
	slices.SortFunc(ds, func(a, b datedOrder) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.date, b.date)
	})
}

// cancelUnits follows the units of cancelSeries: the shipments cancelled
// by someone other than the buyer, and the orders the download says
// impact account health, by order.
type cancelUnits struct {
	sl        *slider
	lag       int
	cancelled map[records.OrderKey][]records.Shipment
	impacts   map[records.OrderKey]bool
	breaks    []civil.Date
}

// follow counts order key placed on date on, until its later date
// (hasLater) enters the window.
func (c *cancelUnits) follow(key records.OrderKey, on civil.Date, hasLater bool, later civil.Date) {
	shipments, impacting := c.cancelled[key], c.impacts[key]
	c.breaks = append(c.breaks[:0], on)
	if hasLater {
		c.breaks = append(c.breaks, later.AddDays(c.lag))
	}
	for i := range shipments {
		c.breaks = append(c.breaks, shipments[i].Cancel.Date, shipments[i].Confirm.Date)
	}
	c.sl.follow(on, 1, func(asOf civil.Date) standing {
		if hasLater && asOf >= later.AddDays(c.lag) {
			return stOut // the later date is in the window: the order is placed there
		}
		if impacting && on <= asOf {
			return stCounted
		}
		for i := range shipments {
			if prefulfillmentCancelled(&shipments[i], asOf) {
				return stCounted
			}
		}
		return stIn
	}, c.breaks...)
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
	// counted are the placed orders with a counted cancellation, of the
	// shipments file or of the cancellation download, whatever date the
	// row holding it gives the order: the key date alone places an order.
	counted map[records.OrderKey]bool
	events  map[records.OrderKey][]Event
}

// place dates order id on d, when d is its key date so far.
func (r *cancelRun) place(id records.OrderKey, d civil.Date) {
	// The population is every order with an order date in the window. The
	// reports may date one order differently (the same instant written in
	// two offsets): its key date is the latest of its dates in the window,
	// else (an order that enters the window later) the latest after it.
	if !r.days.covers(d) {
		return
	}
	k, ok := r.key[id]
	if !ok || r.w.Contains(d) && (!r.w.Contains(k) || d > k) || !r.w.Contains(d) && !r.w.Contains(k) && d > k {
		r.key[id] = d
	}
}

// placeShipments places the shipments file's orders by their purchase dates.
func (r *cancelRun) placeShipments(d *records.Dataset) {
	for sh := range d.Shipments.All() {
		r.place(sh.Key, sh.Purchase.Date)
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

// placeDownloadOnly places the download's orders that no other report knows.
func (r *cancelRun) placeDownloadOnly(d *records.Dataset) {
	for _, c := range downloadOnly(d) {
		r.place(c.Key, c.Date)
	}
}

// downloadOnly are the rows of the cancellation download on orders that
// neither the orders report nor the shipments file knows. The download
// lists seller-fulfilled orders with their own order date: an order no
// other report knows is placed by it. (Its orders are few; the shipments
// are many.)
func downloadOnly(d *records.Dataset) []records.Cancellation {
	unknown := map[records.OrderKey]bool{}
	for _, c := range d.Cancellations {
		if _, known := d.Orders.Lookup(c.Key); !known {
			unknown[c.Key] = true
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	for sh := range d.Shipments.All() {
		delete(unknown, sh.Key)
	}
	for o := range d.Shipments.Old() {
		delete(unknown, o.Key)
	}
	var out []records.Cancellation
	for _, c := range d.Cancellations {
		if unknown[c.Key] {
			out = append(out, c)
		}
	}
	return out
}

// markShipments marks the counted cancellations of the shipments file on
// the orders placed, whatever purchase date their row gives.
func (r *cancelRun) markShipments(d *records.Dataset) {
	for sh := range d.Shipments.All() {
		if !prefulfillmentCancelled(sh, r.asOf) {
			continue
		}
		if _, placed := r.key[sh.Key]; !placed {
			continue
		}
		r.counted[sh.Key] = true
		who := sh.CancelledBy.String()
		if sh.CancelledBy == records.NotCancelled {
			who = records.CancelledUnknown.String()
		}
		r.events[sh.Key] = append(r.events[sh.Key], Event{Type: "cancellation", Date: sh.Cancel.Date, Status: who})
	}
}

// markDownload marks the counted cancellations of Amazon's cancellation
// download on the orders placed.
func (r *cancelRun) markDownload(d *records.Dataset) {
	for _, c := range d.Cancellations {
		if !c.Impacts {
			continue
		}
		// The download says when the order was placed, not when it was
		// cancelled: the order's date stands for the cancellation's in
		// the as-of test, and an order has one date, its key date (the
		// download's own Order Date only where no other report dates it).
		k, placed := r.key[c.Key]
		if !placed || k > r.asOf {
			continue
		}
		r.counted[c.Key] = true
		r.events[c.Key] = append(r.events[c.Key], Event{Type: "cancellation", Status: "impacts account health"})
	}
}

// result counts the orders placed in the window, lists the counted ones and fills the Days.
func (r *cancelRun) result() Result {
	res := Result{ID: PrefulfillmentCancelRate, Window: r.w}
	for id, k := range r.key {
		counted := r.counted[id]
		r.days.add(k, counted)
		if !r.w.Contains(k) {
			continue
		}
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
