package metrics_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The per-order lists (Result.Items) and the counts per key date
// (Result.Days) of every metric. An item leaves the metric on its key date
// + lag + window days (metrics.md, ODR: "once the defect falls out of the
// time window, it will no longer affect your ODR"; the same for the other
// windows). The audit date is asOf (2026-11-20, a Friday) unless a case
// says otherwise.

// ev is an event; date "" is none (0).
func ev(typ, date, status string) metrics.Event {
	e := metrics.Event{Type: typ, Status: status}
	if date != "" {
		e.Date = day(date)
	}
	return e
}

// item is an expected item; orderDate "" is unknown (0).
func item(id, orderDate, fulfillment, key, leaves string, evs ...metrics.Event) metrics.Item {
	it := metrics.Item{OrderID: id, Fulfillment: fulfillment, KeyDate: day(key), LeavesWindowOn: day(leaves), Events: evs}
	if orderDate != "" {
		it.OrderDate = day(orderDate)
	}
	return it
}

// showItems writes items one a line, for a readable difference.
func showItems(items []metrics.Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "\n  %s ordered %v %q key %v leaves %v", it.OrderID, it.OrderDate, it.Fulfillment, it.KeyDate, it.LeavesWindowOn)
		for _, e := range it.Events {
			fmt.Fprintf(&b, " [%s %v %q]", e.Type, e.Date, e.Status)
		}
	}
	if len(items) == 0 {
		return " none"
	}
	return b.String()
}

func checkItems(t *testing.T, what string, got, want []metrics.Item) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s items:\n got%s\nwant%s", what, showItems(got), showItems(want))
	}
}

// dayAt is the Day of date d in r.Days, and whether there is one.
func dayAt(r metrics.Result, d string) (metrics.Day, bool) {
	for _, x := range r.Days {
		if x.Date == day(d) {
			return x, true
		}
	}
	return metrics.Day{}, false
}

// checkDays checks the Days of some key dates: want maps a date to
// {numerator, denominator}.
func checkDays(t *testing.T, what string, r metrics.Result, want map[string]nd) {
	t.Helper()
	for d, w := range want {
		x, ok := dayAt(r, d)
		if !ok {
			t.Errorf("%s: no Day %s (days %v..)", what, d, r.Days)
			continue
		}
		if got := (nd{x.Numerator, x.Denominator}); got != w {
			t.Errorf("%s: Day %s = %+v, want %+v", what, d, got, w)
		}
	}
}

// checkLeaves is the boundary of LeavesWindowOn: run at the as-of date
// leaves − 1 lists (and so counts: the list is what the figures count
// against the metric) the order with that LeavesWindowOn; run at leaves, it
// no longer lists it.
func checkLeaves(t *testing.T, what, id string, leaves civil.Date, run func(asOf civil.Date) metrics.Result) {
	t.Helper()
	before, after := run(leaves.AddDays(-1)), run(leaves)
	find := func(r metrics.Result) *metrics.Item {
		for i := range r.Items {
			if r.Items[i].OrderID == id {
				return &r.Items[i]
			}
		}
		return nil
	}
	if it := find(before); it == nil {
		t.Errorf("%s: as of %v (the day before it leaves) %s is not listed:%s", what, leaves.AddDays(-1), id, showItems(before.Items))
	} else if it.LeavesWindowOn != leaves {
		t.Errorf("%s: as of %v %s leaves on %v, want %v", what, leaves.AddDays(-1), id, it.LeavesWindowOn, leaves)
	}
	if it := find(after); it != nil {
		t.Errorf("%s: as of %v (the day it leaves) %s is still listed", what, leaves, id)
	}
	for _, r := range []metrics.Result{before, after} {
		if len(r.Items) != listed(r) {
			t.Errorf("%s: as of %v, %d items for %d counted against the metric", what, r.Window.To, len(r.Items), listed(r))
		}
	}
}

// listed is how many orders a Result's figures count against the metric:
// the numerator, or for the rates of good shipments (valid tracking,
// on-time delivery) the denominator less the numerator.
func listed(r metrics.Result) int {
	switch r.ID {
	case metrics.ValidTrackingRate, metrics.OnTimeDeliveryRate:
		return r.Denominator - r.Numerator
	}
	return r.Numerator
}

// ---------------------------------------------------------------------------
// Order Defect Rate

func TestODRItems(t *testing.T) {
	// Window 2026-09-08 .. 2026-11-06.
	b := newData().
		order("A", "2026-09-10", afn).feedback("A", "2026-09-25", 1).claim("A", "2026-09-20", records.ClaimGranted).
		order("B", "2026-10-01", mfn).chargeback("B", "2026-10-20", records.ChargebackService).
		order("C", "2026-10-02", mfn).feedback("C", "2026-10-05", 4).                // positive: not listed
		order("D", "2026-09-07", mfn).feedback("D", "2026-09-10", 1).                // a day before the window
		order("E", "2026-11-10", mfn).feedback("E", "2026-11-12", 2).                // after the window's end: Days only
		order("F", "2026-10-03", unk).claim("F", "2026-11-21", records.ClaimGranted) // claim after as-of
	out := metrics.ODR(b.d, defaults())
	a := item("A", "2026-09-10", "afn", "2026-09-10", "2026-11-23",
		ev(metrics.AToZClaim, "2026-09-20", "granted"), ev(metrics.NegativeFeedback, "2026-09-25", "rating 1"))
	bb := item("B", "2026-10-01", "mfn", "2026-10-01", "2026-12-14", ev(metrics.Chargeback, "2026-10-20", "service"))
	checkItems(t, "all", out.Segments[0].Items, []metrics.Item{a, bb})
	checkItems(t, "afn", out.Segments[1].Items, []metrics.Item{a})
	checkItems(t, "mfn", out.Segments[2].Items, []metrics.Item{bb})
	checkDays(t, "all", out.Segments[0], map[string]nd{"2026-09-10": {1, 1}, "2026-10-02": {0, 1}, "2026-10-03": {0, 1}, "2026-11-10": {1, 1}})
	checkDays(t, "mfn", out.Segments[2], map[string]nd{"2026-10-03": {0, 0}, "2026-11-10": {1, 1}})
	if r := out.Segments[0]; len(r.Days) != 74 || r.Days[0].Date != day("2026-09-08") || r.Days[73].Date != day(asOf) {
		t.Errorf("all: %d Days from %v", len(r.Days), r.Days[0].Date)
	}
}

// An order counts for 60 + 14 days from its order date: as of its order
// date + 73 it is in the window's first day, as of + 74 out of it.
func TestODRLeavesWindowOn(t *testing.T) {
	b := newData().order("A", "2026-09-10", mfn).feedback("A", "2026-09-12", 1).order("B", "2026-09-30", mfn)
	run := func(a civil.Date) metrics.Result { return metrics.ODR(b.d, settings.Default(a)).Segments[2] }
	checkLeaves(t, "odr", "A", day("2026-09-10").AddDays(74), run)
	if r := run(day("2026-09-10").AddDays(73)); r.Window.From != day("2026-09-10") || ndOf(r) != (nd{1, 2}) {
		t.Errorf("as of order date + 73: window from %v, %+v", r.Window.From, ndOf(r))
	}
	if r := run(day("2026-09-10").AddDays(74)); ndOf(r) != (nd{0, 1}) || r.Items != nil {
		t.Errorf("as of order date + 74: %+v, items%s", ndOf(r), showItems(r.Items))
	}
	// Lag and window are settings: order date + 7 + 30.
	run = func(a civil.Date) metrics.Result {
		s := settings.Default(a)
		s.SetWindow(metrics.ODRID, []int{30}, 7)
		return metrics.ODR(b.d, s).Segments[2]
	}
	checkLeaves(t, "odr 7+30", "A", day("2026-09-10").AddDays(37), run)
}

// ---------------------------------------------------------------------------
// Late shipment rate

func lateShipmentData() *records.Dataset {
	return shipments(nil,
		// Confirmed a day late: in both windows.
		shp{id: "a", purchase: "2026-11-13", latest: "2026-11-15", confirm: "2026-11-16T09:00:00+01:00"},
		// Not confirmed, expected ship date before as-of: late.
		shp{id: "b", purchase: "2026-11-16", latest: "2026-11-18"},
		// Not confirmed, due on the as-of date: not late yet.
		shp{id: "c", latest: "2026-11-20"},
		// Confirmed late in the 30-day window only.
		shp{id: "d", purchase: "2026-11-03", latest: "2026-11-05", confirm: "2026-11-07"},
		// Confirmed on time.
		shp{id: "e", latest: "2026-11-12", confirm: "2026-11-12T18:00:00Z"},
		// Cancelled before shipment: out of the population.
		shp{id: "f", latest: "2026-11-14", cancel: "2026-11-13", by: records.CancelledSeller},
		// Confirmed after as-of: not confirmed as of it, so late.
		shp{id: "g", purchase: "2026-11-14", latest: "2026-11-16", confirm: "2026-11-21"},
		// Before both windows.
		shp{id: "h", latest: "2026-10-21", confirm: "2026-10-25"},
	).d
}

func TestLateShipmentItems(t *testing.T) {
	out := metrics.LateShipment(lateShipmentData(), defaults())
	const late, notConf = "confirmed after the expected ship date", "not confirmed"
	a10 := item("a", "2026-11-13", "mfn", "2026-11-15", "2026-11-25", ev("late_shipment", "2026-11-16", late))
	g10 := item("g", "2026-11-14", "mfn", "2026-11-16", "2026-11-26", ev("late_shipment", "", notConf))
	b10 := item("b", "2026-11-16", "mfn", "2026-11-18", "2026-11-28", ev("late_shipment", "", notConf))
	checkItems(t, "10 days", out[0].Items, []metrics.Item{a10, g10, b10})
	if ndOf(out[0]) != (nd{3, 5}) {
		t.Errorf("10 days: %+v", ndOf(out[0]))
	}
	a30, g30, b30 := a10, g10, b10
	a30.LeavesWindowOn, g30.LeavesWindowOn, b30.LeavesWindowOn = day("2026-12-15"), day("2026-12-16"), day("2026-12-18")
	d30 := item("d", "2026-11-03", "mfn", "2026-11-05", "2026-12-05", ev("late_shipment", "2026-11-07", late))
	checkItems(t, "30 days", out[1].Items, []metrics.Item{d30, a30, g30, b30})
	if ndOf(out[1]) != (nd{4, 6}) {
		t.Errorf("30 days: %+v", ndOf(out[1]))
	}
	checkDays(t, "10 days", out[0], map[string]nd{"2026-11-11": {0, 0}, "2026-11-12": {0, 1}, "2026-11-14": {0, 0},
		"2026-11-15": {1, 1}, "2026-11-16": {1, 1}, "2026-11-18": {1, 1}, "2026-11-20": {0, 1}})
	checkDays(t, "30 days", out[1], map[string]nd{"2026-10-22": {0, 0}, "2026-11-05": {1, 1}})
	if len(out[0].Days) != 10 || len(out[1].Days) != 30 {
		t.Errorf("%d and %d Days", len(out[0].Days), len(out[1].Days))
	}
	// An entry with no late order lists none.
	out = metrics.LateShipment(shipments(nil, shp{id: "e", latest: "2026-11-12", confirm: "2026-11-12"}).d, defaults())
	if out[0].Items != nil || out[1].Items != nil {
		t.Errorf("on-time only: items%s", showItems(out[0].Items))
	}
}

// A late shipment leaves the N-day window N days after its expected ship
// date (+ the lag when one is set).
func TestLateShipmentLeavesWindowOn(t *testing.T) {
	d := lateShipmentData()
	for i, n := range []int{10, 30} {
		for _, lag := range []int{0, 3} {
			run := func(a civil.Date) metrics.Result {
				s := settings.Default(a)
				s.SetWindow(metrics.LateShipmentRate, []int{10, 30}, lag)
				return metrics.LateShipment(d, s)[i]
			}
			checkLeaves(t, fmt.Sprintf("%d days, lag %d", n, lag), "a", day("2026-11-15").AddDays(n+lag), run)
		}
	}
}

// With a lag, the Days after the window's end count the shipments due
// then, by the same rule.
func TestLateShipmentDaysAfterWindow(t *testing.T) {
	s := defaults()
	s.SetWindow(metrics.LateShipmentRate, []int{10, 30}, 3) // windows end 2026-11-17
	out := metrics.LateShipment(lateShipmentData(), s)
	r := out[0]
	if r.Window.To != day("2026-11-17") || len(r.Days) != 13 || r.Days[12].Date != day(asOf) {
		t.Fatalf("window %+v, %d Days", r.Window, len(r.Days))
	}
	checkDays(t, "after the window", r, map[string]nd{"2026-11-18": {1, 1}, "2026-11-19": {0, 0}, "2026-11-20": {0, 1}})
	if ndOf(r) != (nd{2, 3}) {
		t.Errorf("%+v", ndOf(r))
	}
}

// ---------------------------------------------------------------------------
// Pre-fulfillment cancel rate

func cancelData() *records.Dataset {
	// Window 2026-11-14 .. 2026-11-20.
	return shipments(nil,
		shp{id: "s1", purchase: "2026-11-15", cancel: "2026-11-16T10:00:00+01:00", by: records.CancelledSeller},
		shp{id: "s2", purchase: "2026-11-16", cancel: "2026-11-17", by: records.CancelledBuyer},   // denominator only
		shp{id: "s3", purchase: "2026-11-17", cancel: "2026-11-17", by: records.CancelledAmazon},  // counts
		shp{id: "s4", purchase: "2026-11-18", cancel: "2026-11-19", by: records.CancelledUnknown}, // counts
		shp{id: "s5", purchase: "2026-11-10", cancel: "2026-11-11", by: records.CancelledSeller},  // before the window
		shp{id: "s6", purchase: "2026-11-19", cancel: "2026-11-21", by: records.CancelledSeller},  // cancelled after as-of
	).orders(
		ord{id: "o1", date: "2026-11-14", ch: mfn},
		ord{id: "o2", date: "2026-11-15", ch: afn}, // not seller-fulfilled
		ord{id: "o3", date: "2026-11-16", ch: mfn},
	).cancellations(
		cx{id: "o1", date: "2026-11-14", impacts: true},
		cx{id: "s1", date: "2026-11-15", impacts: true},
		cx{id: "s1", date: "2026-11-15", impacts: true}, // an overlapping download
		cx{id: "o3", date: "2026-11-16", impacts: false},
		cx{id: "z1", date: "2026-11-20", impacts: true}, // an order only the download knows
	).d
}

func TestPrefulfillmentCancelItems(t *testing.T) {
	res, _ := metrics.PrefulfillmentCancel(cancelData(), defaults())
	r := res[0]
	const dl = "impacts account health"
	want := []metrics.Item{
		item("o1", "2026-11-14", "mfn", "2026-11-14", "2026-11-21", ev("cancellation", "", dl)),
		item("s1", "2026-11-15", "mfn", "2026-11-15", "2026-11-22", ev("cancellation", "", dl), ev("cancellation", "2026-11-16", "seller")),
		item("s3", "2026-11-17", "mfn", "2026-11-17", "2026-11-24", ev("cancellation", "2026-11-17", "amazon")),
		item("s4", "2026-11-18", "mfn", "2026-11-18", "2026-11-25", ev("cancellation", "2026-11-19", "unknown")),
		item("z1", "2026-11-20", "mfn", "2026-11-20", "2026-11-27", ev("cancellation", "", dl)),
	}
	checkItems(t, "cancel", r.Items, want)
	if ndOf(r) != (nd{5, 8}) {
		t.Errorf("%+v", ndOf(r))
	}
	checkDays(t, "cancel", r, map[string]nd{"2026-11-14": {1, 1}, "2026-11-15": {1, 1}, "2026-11-16": {0, 2},
		"2026-11-17": {1, 1}, "2026-11-18": {1, 1}, "2026-11-19": {0, 1}, "2026-11-20": {1, 1}})
	if len(r.Days) != 7 {
		t.Errorf("%d Days", len(r.Days))
	}
}

// Two reports that date one order differently: it is in the window when
// either date is, and keyed on its latest date in the window.
func TestPrefulfillmentCancelDisagreeingDates(t *testing.T) {
	d := shipments(nil, shp{id: "x", purchase: "2026-11-15", cancel: "2026-11-16", by: records.CancelledSeller}).
		orders(ord{id: "x", date: "2026-11-14", ch: mfn}, ord{id: "y", date: "2026-11-17", ch: mfn}).d
	res, _ := metrics.PrefulfillmentCancel(d, defaults())
	checkItems(t, "cancel", res[0].Items, []metrics.Item{
		item("x", "2026-11-15", "mfn", "2026-11-15", "2026-11-22", ev("cancellation", "2026-11-16", "seller"))})
	if ndOf(res[0]) != (nd{1, 2}) {
		t.Errorf("%+v", ndOf(res[0]))
	}
	checkDays(t, "cancel", res[0], map[string]nd{"2026-11-14": {0, 0}, "2026-11-15": {1, 1}, "2026-11-17": {0, 1}})
}

// With a lag, the Days after the window's end count the orders dated then
// by the same rule; an order the orders report dates in the window stays
// there, and its cancellation counts there, whatever purchase date the
// shipments file's row gives it (as in the figures).
func TestPrefulfillmentCancelDaysAfterWindow(t *testing.T) {
	d := shipments(nil,
		shp{id: "p", purchase: "2026-11-19", cancel: "2026-11-19", by: records.CancelledSeller},
		shp{id: "q", purchase: "2026-11-20", cancel: "2026-11-20", by: records.CancelledBuyer},
		shp{id: "r", purchase: "2026-11-19", cancel: "2026-11-19", by: records.CancelledSeller},
	).orders(ord{id: "r", date: "2026-11-17", ch: mfn}).d
	s := defaults()
	s.SetWindow(metrics.PrefulfillmentCancelRate, []int{7}, 2) // window 2026-11-12 .. 2026-11-18
	res, _ := metrics.PrefulfillmentCancel(d, s)
	r := res[0]
	if ndOf(r) != (nd{1, 1}) || len(r.Items) != 1 || r.Items[0].OrderID != "r" || r.Items[0].KeyDate != day("2026-11-17") {
		t.Errorf("%+v, items%s", ndOf(r), showItems(r.Items))
	}
	checkDays(t, "cancel", r, map[string]nd{"2026-11-17": {1, 1}, "2026-11-19": {1, 1}, "2026-11-20": {0, 1}})
	if len(r.Days) != 9 {
		t.Errorf("%d Days", len(r.Days))
	}
}

func TestPrefulfillmentCancelLeavesWindowOn(t *testing.T) {
	d := cancelData()
	for _, lag := range []int{0, 2} {
		run := func(a civil.Date) metrics.Result {
			s := settings.Default(a)
			s.SetWindow(metrics.PrefulfillmentCancelRate, []int{7}, lag)
			res, _ := metrics.PrefulfillmentCancel(d, s)
			return res[0]
		}
		checkLeaves(t, fmt.Sprintf("lag %d", lag), "s1", day("2026-11-15").AddDays(7+lag), run)
		checkLeaves(t, fmt.Sprintf("lag %d, download only", lag), "o1", day("2026-11-14").AddDays(7+lag), run)
	}
}

// ---------------------------------------------------------------------------
// Valid tracking rate

func trackingData() *records.Dataset {
	// Window 2026-10-08 .. 2026-11-06 by promised delivery date.
	return shipments(nil,
		shp{id: "t1", purchase: "2026-10-26", confirm: "2026-10-28", promised: "2026-11-01"},                                                                // no tracking id
		shp{id: "t2", purchase: "2026-10-27", confirm: "2026-10-29T08:00:00-08:00", tracking: "1Z1", mark: records.TrackingInvalid, promised: "2026-11-02"}, // marked invalid
		shp{id: "t3", purchase: "2026-10-28", confirm: "2026-10-30", tracking: "1Z2", promised: "2026-11-03"},                                               // valid
		shp{id: "t4", purchase: "2026-10-29", confirm: "2026-11-21", promised: "2026-11-04"},                                                                // confirmed after as-of
		shp{id: "t5", purchase: "2026-11-05", confirm: "2026-11-07", promised: "2026-11-10"},                                                                // after the window: Days only
		shp{id: "t6", purchase: "2026-10-01", confirm: "2026-10-03", promised: "2026-10-07"},                                                                // before it
		shp{id: "t7", purchase: "2026-11-05", confirm: "2026-11-07", tracking: "1Z3", mark: records.TrackingValid, promised: "2026-11-10"},
	).d
}

func TestValidTrackingItems(t *testing.T) {
	r := metrics.ValidTracking(trackingData(), defaults())
	checkItems(t, "tracking", r.Items, []metrics.Item{
		item("t1", "2026-10-26", "mfn", "2026-11-01", "2026-12-15", ev("no_tracking", "2026-10-28", "no tracking id")),
		item("t2", "2026-10-27", "mfn", "2026-11-02", "2026-12-16", ev("invalid_tracking", "2026-10-29", "tracking id marked invalid")),
	})
	if ndOf(r) != (nd{1, 3}) {
		t.Errorf("%+v", ndOf(r))
	}
	// The numerator of a Day is the valid shipments, as the Result's.
	checkDays(t, "tracking", r, map[string]nd{"2026-11-01": {0, 1}, "2026-11-03": {1, 1}, "2026-11-04": {0, 0}, "2026-11-10": {1, 2}})
	if len(r.Days) != 44 || r.Days[0].Date != day("2026-10-08") {
		t.Errorf("%d Days", len(r.Days))
	}
}

func TestValidTrackingLeavesWindowOn(t *testing.T) {
	d := trackingData()
	run := func(a civil.Date) metrics.Result { return metrics.ValidTracking(d, settings.Default(a)) }
	checkLeaves(t, "no tracking", "t1", day("2026-11-01").AddDays(14+30), run)
	checkLeaves(t, "invalid", "t2", day("2026-11-02").AddDays(14+30), run)
}

// ---------------------------------------------------------------------------
// On-time delivery rate

func deliveryData() *records.Dataset {
	// Window 2026-10-31 .. 2026-11-13 by promised delivery date.
	tracked := func(id, promised, delivered string) shp {
		return shp{id: id, purchase: "2026-10-30", confirm: "2026-10-31", tracking: "1Z-" + id, promised: promised, delivered: delivered}
	}
	d5 := tracked("d5", "2026-11-09", "")
	d5.mark = records.TrackingInvalid
	d6 := tracked("d6", "2026-11-10", "")
	d6.confirm = ""
	return shipments(nil,
		tracked("d1", "2026-11-05", "2026-11-07"), // late
		tracked("d2", "2026-11-06", ""),           // not delivered
		tracked("d3", "2026-11-07", "2026-11-07"), // on time
		tracked("d4", "2026-11-08", "2026-11-21"), // delivered after as-of: not delivered as of it
		d5, // invalid tracking: out
		d6, // not confirmed: out
		tracked("d7", "2026-11-16", "2026-11-15"), // after the window: Days only
		tracked("d8", "2026-11-17", ""),           // after the window, not delivered yet
	).d
}

func TestOnTimeDeliveryItems(t *testing.T) {
	r := metrics.OnTimeDelivery(deliveryData(), defaults())
	const notDelivered = "not delivered by the as-of date"
	checkItems(t, "delivery", r.Items, []metrics.Item{
		item("d1", "2026-10-30", "mfn", "2026-11-05", "2026-11-26", ev("late_delivery", "2026-11-07", "promised 2026-11-05")),
		item("d2", "2026-10-30", "mfn", "2026-11-06", "2026-11-27", ev("not_delivered", "", notDelivered)),
		item("d4", "2026-10-30", "mfn", "2026-11-08", "2026-11-29", ev("not_delivered", "", notDelivered)),
	})
	if ndOf(r) != (nd{1, 4}) {
		t.Errorf("%+v", ndOf(r))
	}
	checkDays(t, "delivery", r, map[string]nd{"2026-11-05": {0, 1}, "2026-11-07": {1, 1}, "2026-11-09": {0, 0},
		"2026-11-10": {0, 0}, "2026-11-16": {1, 1}, "2026-11-17": {0, 1}})
	if len(r.Days) != 21 {
		t.Errorf("%d Days", len(r.Days))
	}
}

func TestOnTimeDeliveryLeavesWindowOn(t *testing.T) {
	d := deliveryData()
	run := func(a civil.Date) metrics.Result { return metrics.OnTimeDelivery(d, settings.Default(a)) }
	checkLeaves(t, "late", "d1", day("2026-11-05").AddDays(7+14), run)
	checkLeaves(t, "not delivered", "d2", day("2026-11-06").AddDays(7+14), run)
}

// ---------------------------------------------------------------------------
// Invoice defect rate

func invoiceData() *records.Dataset {
	// Window 2026-11-07 .. 2026-11-13 by order date.
	return shipments(nil,
		shp{id: "i1", store: "DE", purchase: "2026-11-09", confirm: "2026-11-10T10:00:00+01:00", business: true},                                       // missing
		shp{id: "i2", store: "DE", purchase: "2026-11-10", confirm: "2026-11-13T10:00:00+01:00", business: true, invoice: "2026-11-17T09:00:00+01:00"}, // Friday: due Monday, late
		shp{id: "i3", store: "DE", purchase: "2026-11-11", confirm: "2026-11-12T10:00:00+01:00", business: true, invoice: "2026-11-13T10:00:00+01:00"}, // on time
		shp{id: "i4", store: "DE", purchase: "2026-11-12", confirm: "2026-11-12", business: true, invoice: "2026-11-21"},                               // uploaded after as-of: missing
		shp{id: "i5", store: "DE", purchase: "2026-11-15", confirm: "2026-11-16", business: true},                                                      // after the window: Days only
		shp{id: "i6", store: "DE", purchase: "2026-11-12", confirm: "2026-11-13", business: false},                                                     // not a business order
		shp{id: "f1", store: "FR", purchase: "2026-11-08", confirm: "2026-11-09T10:00:00+01:00", business: true},                                       // missing, FR
		shp{id: "u1", store: "US", purchase: "2026-11-08", confirm: "2026-11-09", business: true},                                                      // no IDR in the US
	).d
}

func TestInvoiceDefectItems(t *testing.T) {
	d := invoiceData()
	out := metrics.InvoiceDefect(d, defaults(), metrics.StoreOfOrder(d, ""))
	if len(out) != 2 || out[0].Marketplace != "DE" || out[1].Marketplace != "FR" {
		t.Fatalf("entries %+v", idrFigs(out))
	}
	const missing = "not uploaded by the as-of date"
	checkItems(t, "DE", out[0].Items, []metrics.Item{
		item("i1", "2026-11-09", "mfn", "2026-11-09", "2026-11-23", ev("missing_invoice", "", missing)),
		item("i2", "2026-11-10", "mfn", "2026-11-10", "2026-11-24", ev("late_invoice", "2026-11-17", "due 2026-11-16")),
		item("i4", "2026-11-12", "mfn", "2026-11-12", "2026-11-26", ev("missing_invoice", "", missing)),
	})
	checkItems(t, "FR", out[1].Items, []metrics.Item{
		item("f1", "2026-11-08", "mfn", "2026-11-08", "2026-11-22", ev("missing_invoice", "", missing)),
	})
	if got := idrFigs(out); !reflect.DeepEqual(got, []idrFig{{"DE", 3, 4, 2, 1}, {"FR", 1, 1, 1, 0}}) {
		t.Errorf("%+v", got)
	}
	checkDays(t, "DE", out[0], map[string]nd{"2026-11-08": {0, 0}, "2026-11-11": {0, 1}, "2026-11-12": {1, 1}, "2026-11-15": {1, 1}})
	checkDays(t, "FR", out[1], map[string]nd{"2026-11-08": {1, 1}, "2026-11-15": {0, 0}})
	if len(out[0].Days) != 14 || len(out[1].Days) != 14 {
		t.Errorf("%d and %d Days", len(out[0].Days), len(out[1].Days))
	}
}

// The VAT invoice data report tells missing invoices only; the channel is
// the orders report's when it has the order.
func TestInvoiceDefectItemsVAT(t *testing.T) {
	d := noShipments().orders(ord{id: "v1", date: "2026-11-09", ch: afn, business: true, sales: "Amazon.de"}).vatInvoices(
		vi{id: "v1", store: "DE", ordered: "2026-11-09", shipped: "2026-11-10", business: true},
		vi{id: "v2", store: "DE", ordered: "2026-11-10", shipped: "2026-11-11", business: true},
		vi{id: "v3", store: "DE", ordered: "2026-11-11", shipped: "2026-11-12", business: true, uploaded: true},
	).d
	out := metrics.InvoiceDefect(d, defaults(), metrics.StoreOfOrder(d, ""))
	const missing = "not uploaded by the as-of date"
	checkItems(t, "DE", out[0].Items, []metrics.Item{
		item("v1", "2026-11-09", "afn", "2026-11-09", "2026-11-23", ev("missing_invoice", "", missing)),
		item("v2", "2026-11-10", "", "2026-11-10", "2026-11-24", ev("missing_invoice", "", missing)),
	})
	// A store without business orders in the span has no Days.
	d = noShipments().vatInvoices(vi{id: "v1", store: "DE", ordered: "2026-10-01", shipped: "2026-10-02", business: true}).d
	if out := metrics.InvoiceDefect(d, defaults(), metrics.StoreOfOrder(d, "")); out[0].Items != nil || out[0].Days != nil {
		t.Errorf("empty store: items%s, days %v", showItems(out[0].Items), out[0].Days)
	}
}

func TestInvoiceDefectLeavesWindowOn(t *testing.T) {
	d := invoiceData()
	for _, lag := range []int{7, 0} {
		run := func(a civil.Date) metrics.Result {
			s := settings.Default(a)
			s.SetWindow(metrics.InvoiceDefectRate, []int{7}, lag)
			return metrics.InvoiceDefect(d, s, metrics.StoreOfOrder(d, ""))[0]
		}
		checkLeaves(t, fmt.Sprintf("missing, lag %d", lag), "i1", day("2026-11-09").AddDays(lag+7), run)
	}
	run := func(a civil.Date) metrics.Result {
		return metrics.InvoiceDefect(d, settings.Default(a), metrics.StoreOfOrder(d, ""))[0]
	}
	checkLeaves(t, "late", "i2", day("2026-11-10").AddDays(14), run)
}

// ---------------------------------------------------------------------------
// Every metric: Items and Days agree with the figures.

// checkResult checks one Result against the figures it reports: the Days
// inside the window add up to the numerator and denominator, run one a
// day from the window's first day to as-of (or the window's end when that
// is later), or are nil when no order is in that span; the Items are
// sorted, keyed in the window, leave lag + window days after their key
// date, and there are as many as the figures count against the metric.
func checkResult(t *testing.T, what string, r metrics.Result, asOf civil.Date, lag int) {
	t.Helper()
	if r.NotComputed != "" {
		if r.Items != nil || r.Days != nil {
			t.Errorf("%s: not computed, with %d items and %d days", what, len(r.Items), len(r.Days))
		}
		return
	}
	var num, den, all int
	for i, d := range r.Days {
		if d.Date != r.Window.From.AddDays(i) {
			t.Errorf("%s: Day %d is %v, want %v", what, i, d.Date, r.Window.From.AddDays(i))
			return
		}
		if d.Numerator > d.Denominator || d.Numerator < 0 {
			t.Errorf("%s: Day %v has %d of %d", what, d.Date, d.Numerator, d.Denominator)
		}
		all += d.Denominator
		if r.Window.Contains(d.Date) {
			num, den = num+d.Numerator, den+d.Denominator
		}
	}
	if num != r.Numerator || den != r.Denominator {
		t.Errorf("%s: Days in the window add up to %d/%d, the Result says %d/%d", what, num, den, r.Numerator, r.Denominator)
	}
	end := asOf
	if r.Window.To > end {
		end = r.Window.To
	}
	switch {
	case r.Days == nil:
		if r.Denominator != 0 {
			t.Errorf("%s: no Days for %d orders", what, r.Denominator)
		}
	case len(r.Days) != int(end-r.Window.From)+1:
		t.Errorf("%s: %d Days from %v, want to %v", what, len(r.Days), r.Window.From, end)
	case all == 0 && r.ID != "odr":
		t.Errorf("%s: Days with no order at all should be nil", what)
	}
	if len(r.Items) != listed(r) {
		t.Errorf("%s: %d items for %d counted against the metric (%d/%d)", what, len(r.Items), listed(r), r.Numerator, r.Denominator)
	}
	if listed(r) == 0 && r.Items != nil {
		t.Errorf("%s: an empty non-nil list", what)
	}
	if !sort.SliceIsSorted(r.Items, func(i, j int) bool {
		a, b := r.Items[i], r.Items[j]
		return a.KeyDate < b.KeyDate || a.KeyDate == b.KeyDate && a.OrderID < b.OrderID
	}) {
		t.Errorf("%s: items not sorted by key date, order id", what)
	}
	for _, it := range r.Items {
		if !r.Window.Contains(it.KeyDate) {
			t.Errorf("%s: %s keyed %v, outside %v..%v", what, it.OrderID, it.KeyDate, r.Window.From, r.Window.To)
		}
		if want := it.KeyDate.AddDays(lag + r.Window.Days); it.LeavesWindowOn != want {
			t.Errorf("%s: %s leaves on %v, want %v", what, it.OrderID, it.LeavesWindowOn, want)
		}
		if it.LeavesWindowOn <= asOf {
			t.Errorf("%s: %s listed as of %v though it left on %v", what, it.OrderID, asOf, it.LeavesWindowOn)
		}
		if len(it.Events) == 0 {
			t.Errorf("%s: %s lists no event", what, it.OrderID)
		}
		for _, e := range it.Events {
			if e.Date > asOf {
				t.Errorf("%s: %s has an event dated %v, after as-of", what, it.OrderID, e.Date)
			}
		}
	}
}

func TestItemsAndDaysMatchFigures(t *testing.T) {
	for _, seed := range []int64{1, 42} {
		d := randomShipmentsAccount(rand.New(rand.NewSource(seed)), 3000)
		vat := vatFromShipments(d)
		odr := randomAccount(rand.New(rand.NewSource(seed)), 2000)
		for _, a := range crossAsOfs {
			for k, s := range crossSettings(day(a)) {
				t.Run(fmt.Sprintf("seed=%d/asof=%s/settings=%d", seed, a, k), func(t *testing.T) {
					sh := shippingOf(s)
					nItems := 0
					for i, r := range metrics.LateShipment(d, s) {
						checkResult(t, fmt.Sprintf("late shipment %d", sh.lsr[i]), r, s.AsOf, sh.lsrLag)
						nItems += len(r.Items)
					}
					res, _ := metrics.PrefulfillmentCancel(d, s)
					checkResult(t, "cancel", res[0], s.AsOf, sh.cancelLag)
					vt := metrics.ValidTracking(d, s)
					checkResult(t, "tracking", vt, s.AsOf, sh.trackingLag)
					od := metrics.OnTimeDelivery(d, s)
					checkResult(t, "delivery", od, s.AsOf, sh.deliveryLag)
					for _, r := range metrics.InvoiceDefect(d, s, metrics.StoreOfOrder(d, "DE")) {
						checkResult(t, "invoice "+r.Marketplace, r, s.AsOf, sh.invoiceLag)
						nItems += len(r.Items)
					}
					for _, r := range metrics.InvoiceDefect(vat, s, metrics.StoreOfOrder(vat, "DE")) {
						checkResult(t, "invoice (VAT) "+r.Marketplace, r, s.AsOf, sh.invoiceLag)
					}
					for _, st := range []settings.Window{{Days: []int{60}, Lag: 14}, {Days: []int{30}, Lag: 0}} {
						so := s
						so.SetWindow(metrics.ODRID, st.Days, st.Lag)
						for _, r := range metrics.ODR(odr, so).Segments {
							checkResult(t, "odr "+r.Fulfillment, r, s.AsOf, st.Lag)
						}
					}
					// The check must see lists and Days after the window.
					if a == "2026-11-20" && k == 0 {
						if nItems == 0 || res[0].Items == nil || vt.Items == nil || od.Items == nil {
							t.Errorf("too few items: %d, %d, %d, %d", nItems, len(res[0].Items), len(vt.Items), len(od.Items))
						}
						after := 0
						for _, x := range vt.Days {
							if x.Date > vt.Window.To {
								after += x.Denominator
							}
						}
						if after == 0 {
							t.Errorf("tracking: no shipment after the window's end")
						}
					}
				})
			}
		}
	}
}

// Shuffling the input rows changes neither the lists nor the Days.
func TestItemsOrderIndependent(t *testing.T) {
	d := randomShipmentsAccount(rand.New(rand.NewSource(7)), 1500)
	s := defaults()
	snapshot := func() []metrics.Result {
		var out []metrics.Result
		out = append(out, metrics.LateShipment(d, s)...)
		res, _ := metrics.PrefulfillmentCancel(d, s)
		out = append(out, res...)
		out = append(out, metrics.ValidTracking(d, s), metrics.OnTimeDelivery(d, s))
		return append(out, metrics.InvoiceDefect(d, s, metrics.StoreOfOrder(d, "DE"))...)
	}
	before := snapshot()
	rand.New(rand.NewSource(8)).Shuffle(d.Shipments.Len(), d.Shipments.Swap)
	d.Cancellations = append(d.Cancellations[len(d.Cancellations)/2:], d.Cancellations[:len(d.Cancellations)/2]...)
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		for i := range before {
			if !reflect.DeepEqual(before[i], after[i]) {
				t.Errorf("%s %s: differs after shuffling the rows", before[i].ID, before[i].Marketplace)
			}
		}
	}
}
