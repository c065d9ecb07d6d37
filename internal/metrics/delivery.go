package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// OnTimeDeliveryRate is the on-time delivery rate's id.
const OnTimeDeliveryRate = "on_time_delivery_rate"

// deliveryWindow is Amazon's rule: 14 days by promised delivery date,
// ending 7 days before as-of.
// deliveryColumns are the shipments file's columns the on-time delivery rate needs.
var deliveryColumns = []string{"tracking-id", "promised-delivery-date", "delivery-date"}

var deliveryWindow = settings.Window{Days: []int{14}, Lag: 7}

var deliveryMetric = Metric{
	ID: OnTimeDeliveryRate, Title: "On-Time Delivery Rate", Short: "DELIVERY", Abbrev: "OTDR",
	Command: "delivery", Source: "Amazon staff FAQ; help 200633610",
	KeyedOn: "promised delivery dates", Counts: "on time", Population: "shipments", Scope: "Seller-fulfilled, tracked",
	WindowDate: WindowDate{Short: "promised", Long: "Promised delivery"},
	Clean:      [2]string{"shipment delivered on time", "shipments delivered on time"},
	ListTitle:  "Late deliveries",
	Scale:      1, Window: deliveryWindow,
	Reads: []string{kindShipments, kindOrders},
	Base:  Base{Kinds: []string{kindShipments}, Field: records.Promised},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []Result{OnTimeDelivery(d, s)}}
	},
	Series: deliverySeries,
}

// deliverySeries is the on-time delivery rate on every as-of date from
// from to to (SeriesFunc): each validly tracked shipment with a promised
// delivery date is a unit keyed on it, in the population from its
// confirmation on, counted from its delivery on when that was by the
// promised date.
func deliverySeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindShipments) || lacking(d, deliveryColumns...) != "" {
		return nil, false
	}
	win := s.Window(OnTimeDeliveryRate, deliveryWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 1)
	for sh := range d.Shipments.All() {
		key, promised := sh.Promised.Get()
		if !promised || !sl.reaches(key) || !sh.HasValidTracking() {
			continue
		}
		on, known := sh.Delivered.Get()
		sl.follow(key, 1, func(asOf civil.Date) standing {
			switch {
			case confirmedBy(sh, asOf).IsZero():
				return stOut
			case known && on <= asOf && on <= key:
				return stCounted
			}
			return stIn
		}, sh.Confirm.Date, on)
	}
	return oneWindow(sl, OnTimeDeliveryRate, n), true
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
	if why := lacking(d, deliveryColumns...); why != "" {
		return Missing(OnTimeDeliveryRate, why)
	}
	win, w := windowOn(s, OnTimeDeliveryRate, deliveryWindow)
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
			Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, win.Lag, win.Days[0])})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r
}
