package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// LateShipmentRate is the late shipment rate's id.
const LateShipmentRate = "late_shipment_rate"

// lateShipmentWindow is Amazon's rule: 10 and 30 days by expected ship
// date, ending on as-of.
var lateShipmentWindow = settings.Window{Days: []int{10, 30}}

var lateShipmentMetric = Metric{
	ID: LateShipmentRate, Title: "Late Shipment Rate", Short: "LSR", Abbrev: "LSR",
	Command: "late-shipment", Source: "help 200285190",
	KeyedOn: "expected ship dates", Counts: "late", Population: "orders", Scope: "Seller-fulfilled",
	WindowDate: WindowDate{Short: "ship-by", Long: "Ship by"},
	Clean:      [2]string{"order shipped on time", "orders shipped on time"},
	ListTitle:  "Late shipments",
	Scale:      1, MultiWindow: true, Window: lateShipmentWindow,
	Reads: []string{kindShipments},
	Base:  Base{Kinds: []string{kindShipments}, Field: records.ShipBy},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: LateShipment(d, s)}
	},
	Series: lateShipmentSeries,
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
	win := s.Window(LateShipmentRate, lateShipmentWindow)
	for _, n := range win.Days {
		if !d.Has(kindShipments) {
			r := Missing(LateShipmentRate, needShipments)
			r.WindowDays = n
			out = append(out, r)
			continue
		}
		w := WindowEnding(s.AsOf.AddDays(-win.Lag), n)
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
					Events: []Event{ev}, LeavesWindowOn: LeavesWindow(key, win.Lag, n)})
			}
		}
		sortItems(r.Items)
		r.Days = days.counted()
		out = append(out, r)
	}
	return out
}

// lateShipmentSeries is the late shipment rate on every as-of date from
// from to to (SeriesFunc): each shipment is a unit keyed on its expected
// ship date, out of the population while cancelled before shipment, and
// late as lateShipment says; both change only on the days it is
// cancelled and confirmed, and the day after its expected ship date.
func lateShipmentSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindShipments) {
		return nil, false
	}
	win := s.Window(LateShipmentRate, lateShipmentWindow)
	sl := newSlider(from, to, win.Lag, win.Days, 1)
	for sh := range d.Shipments.All() {
		key := sh.LatestShip.Date
		if !sl.reaches(key) {
			continue
		}
		sl.follow(key, 1, func(asOf civil.Date) standing {
			switch {
			case cancelledBefore(sh, asOf):
				return stOut
			case isLate(sh, asOf):
				return stCounted
			}
			return stIn
		}, sh.Cancel.Date, sh.Confirm.Date, key.AddDays(1))
	}
	return byWindow(sl, LateShipmentRate, win.Days), true
}

// isLate says whether a shipment not cancelled before shipment is late
// on as-of: confirmed after its expected ship time, or not confirmed
// while its expected ship date is before as-of.
func isLate(sh *records.Shipment, asOf civil.Date) bool {
	if c := confirmedBy(sh, asOf); !c.IsZero() {
		return pastDeadline(c, sh.LatestShip)
	}
	return sh.LatestShip.Date < asOf
}

// lateShipment says whether a shipment not cancelled before shipment is
// late on as-of, and the event that makes it so.
func lateShipment(sh *records.Shipment, asOf civil.Date) (bool, Event) {
	if c := confirmedBy(sh, asOf); !c.IsZero() {
		return isLate(sh, asOf), Event{Type: "late_shipment", Date: c.Date, Status: "confirmed after the expected ship date"}
	}
	return isLate(sh, asOf), Event{Type: "late_shipment", Status: "not confirmed"}
}
