package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ValidTrackingRate is the valid tracking rate's id.
const ValidTrackingRate = "valid_tracking_rate"

// trackingWindow is Amazon's rule: 30 days by promised delivery date,
// ending 14 days before as-of.
// trackingColumns are the shipments file's columns the valid tracking rate needs.
var trackingColumns = []string{"tracking-id", "promised-delivery-date"}

var trackingWindow = settings.Window{Days: []int{30}, Lag: 14}

var trackingMetric = Metric{
	ID: ValidTrackingRate, Title: "Valid Tracking Rate", Short: "TRACKING", Abbrev: "VTR",
	Command: "tracking", Source: "help 201817070",
	KeyedOn: "promised delivery dates", Counts: "validly tracked", Population: "shipments", Scope: "Seller-fulfilled",
	WindowDate: WindowDate{Short: "promised", Long: "Promised delivery"},
	Clean:      [2]string{"validly tracked shipment", "validly tracked shipments"},
	ListTitle:  "Shipments without valid tracking",
	Scale:      1, Window: trackingWindow,
	Reads: []string{kindShipments},
	Base:  Base{Kinds: []string{kindShipments}, Field: records.Promised},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		r := ValidTracking(d, s)
		var notes []string
		if r.NotComputed == "" && lacking(d, "tracking-valid") != "" {
			notes = append(notes, noValidityNote)
		}
		return Outcome{Results: []Result{r}, Notes: notes}
	},
	Series: trackingSeries,
}

// noValidityNote: without the shipments file's tracking-valid column (audit
// fetch's, from the Orders API, has none), every tracking id counts as
// valid, while Amazon also wants the carrier's scans of it.
const noValidityNote = "the shipments file has no tracking-valid column: every tracking id counts as valid, while Amazon also wants the carrier to have scanned it, so the rate can be higher than Amazon's"

// trackingSeries is the valid tracking rate on every as-of date from from
// to to (SeriesFunc): each shipment with a promised delivery date is a
// unit keyed on it, in the population from its confirmation on, counted
// when its tracking is valid.
func trackingSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindShipments) || lacking(d, trackingColumns...) != "" {
		return nil, false
	}
	win := s.Window(ValidTrackingRate, trackingWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 1)
	for sh := range d.Shipments.All() {
		key, promised := sh.Promised.Get()
		if !promised || !sl.reaches(key) {
			continue
		}
		valid := sh.HasValidTracking()
		sl.follow(key, 1, func(asOf civil.Date) standing {
			switch {
			case confirmedBy(sh, asOf).IsZero():
				return stOut
			case valid:
				return stCounted
			}
			return stIn
		}, sh.Confirm.Date)
	}
	return oneWindow(sl, ValidTrackingRate, n), true
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
	if why := lacking(d, trackingColumns...); why != "" {
		return Missing(ValidTrackingRate, why)
	}
	win, w := windowOn(s, ValidTrackingRate, trackingWindow)
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
			Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, win.Lag, win.Days[0])})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r
}
