package metrics

import (
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Metric ids of the seller-fulfilled metrics, as the JSON writes them.
const (
	LateShipmentRate         = "late_shipment_rate"
	PrefulfillmentCancelRate = "prefulfillment_cancel_rate"
	ValidTrackingRate        = "valid_tracking_rate"
	OnTimeDeliveryRate       = "on_time_delivery_rate"
)

// Report kinds the seller-fulfilled metrics read (input.Kind values).
const (
	kindShipments     = "shipments"
	kindOrders        = "orders"
	kindCancellations = "cancellations"
)

const needShipments = "needs the shipments file (order-id, latest-ship-date, ship-confirm-date, ...; see docs/formats.md)"

// lacking says which of the shipments file's columns are absent, as a
// not-computed reason ("" when all are there).
func lacking(d *records.Dataset, cols ...string) string {
	var miss []string
	for _, c := range cols {
		if !d.Columns[kindShipments+"."+c] {
			miss = append(miss, c)
		}
	}
	if len(miss) == 0 {
		return ""
	}
	return "the shipments file lacks column(s) " + strings.Join(miss, ", ")
}

// confirmedBy is the shipment's confirmation if it happened on or before
// as-of (later events are ignored), else the zero Timestamp.
func confirmedBy(s *records.Shipment, asOf civil.Date) civil.Timestamp {
	if !s.Confirm.IsZero() && s.Confirm.Date <= asOf {
		return s.Confirm
	}
	return civil.Timestamp{}
}

// cancelledBefore says whether the order was cancelled on or before as-of
// and before any confirmation made by as-of (a later confirmation is
// ignored, like every event after as-of): such an order never had to ship.
func cancelledBefore(s *records.Shipment, asOf civil.Date) bool {
	if s.Cancel.IsZero() || s.Cancel.Date > asOf {
		return false
	}
	c := confirmedBy(s, asOf)
	return c.IsZero() || eventAfter(c, s.Cancel)
}

// deadline is the instant a report date-or-time expires: its own instant
// when it has a time, else 23:59:59 of that date in loc (metrics.md: a bare
// date is the end of that day where it is a deadline).
func deadline(ts civil.Timestamp, loc *time.Location) time.Time {
	if ts.HasTime() {
		return ts.Instant()
	}
	return civil.EndOfDay(ts.Date, loc)
}

// start is the instant a report date-or-time happened: its own instant when
// it has a time, else 00:00:00 of that date in loc (metrics.md: a bare date
// is the start of that day where it is an event).
func start(ts civil.Timestamp, loc *time.Location) time.Time {
	if ts.HasTime() {
		return ts.Instant()
	}
	y, m, d := ts.Date.Time().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// zoneOf is the location a bare date beside ts is read in: ts's own offset
// when ts has a time, else UTC (two bare dates then compare as dates).
func zoneOf(ts civil.Timestamp) *time.Location {
	return ts.Location()
}

// eventAfter says whether event a happened after event b; a bare date is
// the start of its day in the other timestamp's offset.
func eventAfter(a, b civil.Timestamp) bool {
	return start(a, zoneOf(b)).After(start(b, zoneOf(a)))
}

// pastDeadline says whether event ev happened after deadline dl; a bare
// deadline is the end of its day and a bare event the start of its day,
// each in the other timestamp's offset.
func pastDeadline(ev, dl civil.Timestamp) bool {
	return start(ev, zoneOf(dl)).After(deadline(dl, zoneOf(ev)))
}

// LateShipment computes the late shipment rate (help 200285190) for each
// window of s.Shipping.LateShipmentDays: seller-fulfilled orders whose
// expected ship date falls in the N days ending on as-of, less those
// cancelled before shipment; late = confirmed after the expected ship time,
// or not confirmed at all while the expected ship date is before as-of.
// Each entry lists its late orders (Items) and counts by expected ship date
// (Days).
func LateShipment(d *records.Dataset, s settings.Settings) []Result {
	var out []Result
	for _, n := range s.Shipping.LateShipmentDays {
		if !d.Has(kindShipments) {
			r := Missing(LateShipmentRate, needShipments)
			r.WindowDays = n
			out = append(out, r)
			continue
		}
		w := WindowEnding(s.AsOf.AddDays(-s.Shipping.LateShipmentLagDays), n)
		r := Result{ID: LateShipmentRate, WindowDays: n, Window: w}
		days := daysOf(w, s.AsOf)
		for sh := range d.Shipments.All() {
			key := sh.LatestShip.Date
			if !days.covers(key) || cancelledBefore(sh, s.AsOf) {
				continue
			}
			late, ev := lateShipment(sh, s.AsOf)
			days.add(key, late)
			if !w.Contains(key) {
				continue
			}
			r.Denominator++
			if late {
				r.Numerator++
				r.Items = append(r.Items, Item{OrderID: sh.OrderID(), OrderDate: sh.Purchase.Date, Fulfillment: "mfn", KeyDate: key,
					Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, s.Shipping.LateShipmentLagDays, n)})
			}
		}
		sortItems(r.Items)
		r.Days = days.counted()
		out = append(out, r)
	}
	return out
}

// lateShipment says whether a shipment not cancelled before shipment is
// late on as-of, and the event that makes it so.
func lateShipment(sh *records.Shipment, asOf civil.Date) (bool, Event) {
	if c := confirmedBy(sh, asOf); !c.IsZero() {
		return pastDeadline(c, sh.LatestShip), Event{Type: "late_shipment", Date: c.Date, Status: "confirmed after the expected ship date"}
	}
	return sh.LatestShip.Date < asOf, Event{Type: "late_shipment", Status: "not confirmed"}
}

// daysOf is the day counter of a window on as-of: key dates from the
// window's first day to as-of, or to the window's last day when a negative
// lag puts it after as-of (so that the Days inside the window always add
// up to the Result's figures).
func daysOf(w Window, asOf civil.Date) *dayCounter {
	end := asOf
	if w.To > end {
		end = w.To
	}
	return newDayCounter(w.From, end)
}

// counted is the counter's Days, or nil when no order has a key date in
// its span (a Result with no data, as one of an empty file).
func (c *dayCounter) counted() []Day {
	for _, d := range c.days {
		if d.Denominator > 0 {
			return c.days
		}
	}
	return nil
}

// covers says whether d is one of the counter's key dates.
func (c *dayCounter) covers(d civil.Date) bool {
	return d >= c.from && int(d-c.from) < len(c.days)
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
	w := WindowEnding(s.AsOf.AddDays(-s.Shipping.CancelLagDays), s.Shipping.CancelDays)
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
				Events: sortedEvents(events[id]), LeavesWindowOn: LeavesWindow(k, s.Shipping.CancelLagDays, s.Shipping.CancelDays)})
		}
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return []Result{r}, nil
}

// ValidTracking computes the valid tracking rate (help 201817070):
// confirmed shipments whose promised delivery date is in the 30 days ending
// on as-of − 14; valid = a tracking id is present and not marked invalid.
// Items are the shipments without valid tracking; Days count by promised
// delivery date, the numerator being the valid ones as in the Result.
func ValidTracking(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindShipments) {
		return Missing(ValidTrackingRate, needShipments)
	}
	if why := lacking(d, "tracking-id", "promised-delivery-date"); why != "" {
		return Missing(ValidTrackingRate, why)
	}
	w := WindowEnding(s.AsOf.AddDays(-s.Shipping.TrackingLagDays), s.Shipping.TrackingDays)
	r := Result{ID: ValidTrackingRate, Window: w}
	days := daysOf(w, s.AsOf)
	for sh := range d.Shipments.All() {
		key, promised := sh.Promised.Get()
		if !promised || !days.covers(key) {
			continue
		}
		conf := confirmedBy(sh, s.AsOf)
		if conf.IsZero() {
			continue
		}
		valid := sh.HasValidTracking()
		days.add(key, valid)
		if !w.Contains(key) {
			continue
		}
		r.Denominator++
		if valid {
			r.Numerator++
			continue
		}
		ev := Event{Type: "no_tracking", Date: conf.Date, Status: "no tracking id"}
		if sh.HasTrackingID {
			ev = Event{Type: "invalid_tracking", Date: conf.Date, Status: "tracking id marked invalid"}
		}
		r.Items = append(r.Items, Item{OrderID: sh.OrderID(), OrderDate: sh.Purchase.Date, Fulfillment: "mfn", KeyDate: key,
			Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, s.Shipping.TrackingLagDays, s.Shipping.TrackingDays)})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r
}

// OnTimeDelivery computes the on-time delivery rate (Amazon staff FAQ; help
// 200633610): validly tracked, confirmed shipments whose promised delivery
// date is in the 14 days ending on as-of − 7; on time = delivered on or
// before the promised date, and by as-of (not delivered yet is late).
// Items are the late and undelivered shipments; Days count by promised
// delivery date, the numerator being the on-time ones as in the Result.
func OnTimeDelivery(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindShipments) {
		return Missing(OnTimeDeliveryRate, needShipments)
	}
	if why := lacking(d, "tracking-id", "promised-delivery-date", "delivery-date"); why != "" {
		return Missing(OnTimeDeliveryRate, why)
	}
	w := WindowEnding(s.AsOf.AddDays(-s.Shipping.DeliveryLagDays), s.Shipping.DeliveryDays)
	r := Result{ID: OnTimeDeliveryRate, Window: w}
	days := daysOf(w, s.AsOf)
	for sh := range d.Shipments.All() {
		key, promised := sh.Promised.Get()
		if !promised || !days.covers(key) || confirmedBy(sh, s.AsOf).IsZero() || !sh.HasValidTracking() {
			continue
		}
		on, known := sh.Delivered.Get()
		delivered := known && on <= s.AsOf
		onTime := delivered && on <= key
		days.add(key, onTime)
		if !w.Contains(key) {
			continue
		}
		r.Denominator++
		if onTime {
			r.Numerator++
			continue
		}
		ev := Event{Type: "not_delivered", Status: "not delivered by the as-of date"}
		if delivered {
			ev = Event{Type: "late_delivery", Date: on, Status: "promised " + key.String()}
		}
		r.Items = append(r.Items, Item{OrderID: sh.OrderID(), OrderDate: sh.Purchase.Date, Fulfillment: "mfn", KeyDate: key,
			Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, s.Shipping.DeliveryLagDays, s.Shipping.DeliveryDays)})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r
}
