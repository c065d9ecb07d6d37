package metrics

import (
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Helpers the seller-fulfilled metrics share (late shipment, cancellation,
// valid tracking, on-time delivery, invoice defects, risks): which
// shipments count by as-of, and how a bare report date compares with a
// timestamp.

// Report kinds the seller-fulfilled metrics read (input.Kind values).
const (
	kindShipments     = "shipments"
	kindOrders        = "orders"
	kindCancellations = "cancellations"
)

const needShipments = "needs the shipments file, which your order or shipping system writes: Amazon offers no download of ship-by, confirmation, tracking and delivery dates together (order-id, latest-ship-date, ship-confirm-date, ...; docs/formats.md)"

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
// and strictly before any confirmation made by as-of (a later confirmation
// is ignored, like every event after as-of): such an order never had to
// ship. A cancellation at the confirmation's very instant, or on the same
// bare date, is not before it (eventAfter is strict): the order was
// shipped. The late shipment rate leaves these orders out, and the
// pre-fulfillment cancel rate counts a cancellation of the shipments file
// only on these orders, so no order is both shipped and cancelled before
// shipping.
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
