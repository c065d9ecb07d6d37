package metrics

import (
	"sort"

	"github.com/sellerhealth/audit/internal/civil"
)

// Item is one order counted against a metric: a defective order of the
// ODR, a late shipment, a seller cancellation, a missing or late invoice.
// It says what made the order count and when it stops counting.
type Item struct {
	OrderID     string
	OrderDate   civil.Date // the order's purchase date; 0 when no report gives it
	Fulfillment string     // "afn", "mfn", or "" where the metric has no segments
	// KeyDate is the date that places the order in the metric's window: the
	// order date (ODR, cancellations, invoices), the expected ship date
	// (late shipment) or the promised delivery date (tracking, delivery).
	KeyDate civil.Date
	Events  []Event
	// LeavesWindowOn is the first as-of date at which the order no longer
	// counts: KeyDate + lag + window days (metrics.md: a defect leaves the
	// metric when its date falls out of the window).
	LeavesWindowOn civil.Date
}

// Event is one thing that made an order count: a negative feedback, a
// claim, a chargeback, a late confirmation, a cancellation, ...
type Event struct {
	Type   string     // negative_feedback, a_to_z_claim, chargeback, late_shipment, ...
	Date   civil.Date // when it happened; 0 when it has not (not confirmed, no invoice)
	Status string     // the claim status, "rating 1", "not confirmed", ...
}

// Day is the population and numerator of the orders whose key date is one
// day, as the metric's rule counts them on the as-of date. A Result's Days
// run from its window's first day to the as-of date: the days after the
// window's end (the lag) are orders known already that enter the window
// later, which the forecast needs.
type Day struct {
	Date        civil.Date
	Numerator   int
	Denominator int
}

// LeavesWindow is the first as-of date at which an entry keyed on date d
// is out of a window of n days ending lag days before as-of.
func LeavesWindow(d civil.Date, lagDays, windowDays int) civil.Date {
	return d.AddDays(lagDays + windowDays)
}

// sortItems orders items by key date, then order id.
func sortItems(items []Item) {
	sort.Slice(items, func(i, j int) bool {
		if items[i].KeyDate != items[j].KeyDate {
			return items[i].KeyDate < items[j].KeyDate
		}
		return items[i].OrderID < items[j].OrderID
	})
}

// dayCounter gathers Days for the key dates from..to.
type dayCounter struct {
	from civil.Date
	days []Day
}

func newDayCounter(from, to civil.Date) *dayCounter {
	c := &dayCounter{from: from}
	if to >= from {
		c.days = make([]Day, int(to-from)+1)
		for i := range c.days {
			c.days[i].Date = from.AddDays(i)
		}
	}
	return c
}

// add counts one member of the population keyed on d; counted says whether
// it is in the numerator. Dates outside from..to are ignored.
func (c *dayCounter) add(d civil.Date, counted bool) {
	i := int(d - c.from)
	if i < 0 || i >= len(c.days) {
		return
	}
	c.days[i].Denominator++
	if counted {
		c.days[i].Numerator++
	}
}
