package metrics_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are those of ../shared/reference/metrics.md, sections
// "Late Shipment Rate" through "On-Time Delivery Rate", and its Dates
// paragraph: "a timestamp's calendar date is the date as written in the
// report ..., never re-zoned; two timestamps are compared as instants; a date
// without a time means the end of that day where it is a deadline (promised
// delivery, expected ship date) and its start where it is an event. ...
// events dated after it ... are ignored". Every case names the clause it
// guards. The audit date is asOf (2026-11-20, a Friday) unless a case says
// otherwise.

// stamp parses an ISO date or date-time the way the shipments reader does.
func stamp(s string) civil.Timestamp {
	t, err := civil.ParseTimestamp(s)
	if err != nil {
		panic(err)
	}
	return t
}

// stampP is stamp for an optional cell: "" is the zero Timestamp.
func stampP(s string) civil.Timestamp {
	if s == "" {
		return civil.Timestamp{}
	}
	return stamp(s)
}

// dateP is an optional date cell: "" is none.
func dateP(s string) civil.OptDate {
	if s == "" {
		return 0
	}
	return civil.OptDateOf(day(s))
}

// shipCols are the shipments file's columns (report-formats.md, "Canonical
// files").
var shipCols = []string{"order-id", "marketplace", "purchase-date", "latest-ship-date", "ship-confirm-date",
	"cancel-date", "cancelled-by", "carrier", "tracking-id", "tracking-valid", "promised-delivery-date",
	"delivery-date", "is-business-order", "invoice-upload-date"}

// shipColsWithout is shipCols less some columns: a file that lacks them.
func shipColsWithout(drop ...string) []string {
	var out []string
	for _, c := range shipCols {
		keep := true
		for _, d := range drop {
			keep = keep && c != d
		}
		if keep {
			out = append(out, c)
		}
	}
	return out
}

// shp is one row of the shipments file, cells as written ("" empty). An
// empty purchase date defaults to the latest ship date and vice versa; an
// empty id to ord-N.
type shp struct {
	id, store, purchase, latest, confirm, cancel string
	by                                           records.CancelledBy
	tracking                                     string
	mark                                         records.TrackingMark
	promised, delivered                          string
	business                                     bool
	invoice                                      string
}

func (r shp) record(i int) records.Shipment {
	if r.id == "" {
		r.id = fmt.Sprintf("ord-%d", i+1)
	}
	switch {
	case r.purchase == "" && r.latest == "":
		r.purchase, r.latest = "2026-11-10", "2026-11-10"
	case r.purchase == "":
		r.purchase = r.latest
	case r.latest == "":
		r.latest = r.purchase
	}
	return records.Shipment{
		Key: records.KeyOf(r.id), Marketplace: records.Intern(r.store),
		Purchase: stamp(r.purchase), LatestShip: stamp(r.latest),
		Confirm: stampP(r.confirm), Cancel: stampP(r.cancel), CancelledBy: r.by,
		HasTrackingID: r.tracking != "", Shipping: records.FingerprintOf("", r.tracking), Tracking: r.mark,
		Promised: dateP(r.promised), Delivered: dateP(r.delivered),
		Business: r.business, Invoice: stampP(r.invoice),
		File: records.Intern("shipments.csv"), Line: int32(i + 2),
	}
}

// sf builds the dataset of one account: which reports were read, with which
// columns, and their rows.
type sf struct{ d *records.Dataset }

// shipments is an account with a shipments file of the given columns (nil:
// all of them) holding rows.
func shipments(cols []string, rows ...shp) sf {
	a := sf{records.NewDataset()}
	if cols == nil {
		cols = shipCols
	}
	a.d.Kinds["shipments"] = true
	for _, c := range cols {
		a.d.Columns["shipments."+c] = true
	}
	for i, r := range rows {
		a.d.Shipments.Append(r.record(i))
	}
	return a
}

// noShipments is an account without a shipments file.
func noShipments() sf { return sf{records.NewDataset()} }

// ord is one order of the All Orders report.
type ord struct {
	id, date string
	ch       records.Channel
	business bool
	sales    string // sales-channel, "" for Amazon.com
}

// orders adds an All Orders report (with its is-business-order column).
func (a sf) orders(os ...ord) sf {
	a.d.Kinds["orders"] = true
	a.d.Columns["orders.is-business-order"] = true
	for i, o := range os {
		if o.sales == "" {
			o.sales = "Amazon.com"
		}
		a.d.Orders.Put(records.Order{Key: records.KeyOf(o.id), Date: day(o.date), Channel: o.ch, Status: records.Intern("Shipped"),
			SalesChannel: records.Intern(o.sales), Business: o.business, File: records.Intern("orders.txt"), Line: int32(i + 2)})
	}
	return a
}

// cx is one row of Amazon's cancellation download.
type cx struct {
	id, date string
	impacts  bool
}

// cancellations adds the cancellation download (cancellations.csv).
func (a sf) cancellations(cs ...cx) sf {
	a.d.Kinds["cancellations"] = true
	for i, c := range cs {
		a.d.Cancellations = append(a.d.Cancellations, records.Cancellation{Key: records.KeyOf(c.id), Date: day(c.date),
			Impacts: c.impacts, File: records.Intern("cancellations.csv"), Line: int32(i + 2)})
	}
	return a
}

// nd is a result's numerator and denominator.
type nd struct{ Num, Den int }

func ndOf(r metrics.Result) nd { return nd{r.Numerator, r.Denominator} }

const needShipmentsReason = "needs the shipments file, which your order or shipping system writes: Amazon offers no download of ship-by, confirmation, tracking and delivery dates together (order-id, latest-ship-date, ship-confirm-date, ...; docs/formats.md)"

// ---------------------------------------------------------------------------
// Late shipment rate

// Rule: "population = seller-fulfilled orders, not cancelled before shipment,
// whose expected (latest) ship date is in the N days ending on as-of. Late =
// shipment confirmed after the expected ship date, or not confirmed at all
// while the expected ship date is before the as-of date. Two entries, N = 10
// and 30." With as-of 2026-11-20 the windows are 2026-11-11..2026-11-20 and
// 2026-10-22..2026-11-20.
func TestLateShipment(t *testing.T) {
	cases := []struct {
		name string
		rows []shp
		want [2]nd // 10-day, 30-day entry
	}{
		// Late = confirmed after the expected ship time; equality is on time.
		{"confirmed at the ship-by instant: not late",
			[]shp{{latest: "2026-11-15T12:00:00-08:00", confirm: "2026-11-15T12:00:00-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"confirmed one second after the ship-by instant: late",
			[]shp{{latest: "2026-11-15T12:00:00-08:00", confirm: "2026-11-15T12:00:01-08:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"confirmed before the ship-by instant",
			[]shp{{latest: "2026-11-15T12:00:00-08:00", confirm: "2026-11-15T11:59:59-08:00"}}, [2]nd{{0, 1}, {0, 1}}},

		// A bare expected ship date is a deadline: the end of that day,
		// 23:59:59, in the confirmation's own offset.
		{"bare ship-by date: confirmed 23:59:59 that day is on time",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-15T23:59:59-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"bare ship-by date: confirmed 00:00:00 the next day is late",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-16T00:00:00-08:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"bare ship-by date ends in the confirmation's offset, not UTC (-08:00: 07:30Z next day, on time)",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-15T23:30:00-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"bare ship-by date ends in the confirmation's offset, not UTC (+09:00: 15:30Z same day, late)",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-16T00:30:00+09:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"bare ship-by and bare confirmation on the same day: on time",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-15"}}, [2]nd{{0, 1}, {0, 1}}},
		{"bare ship-by and bare confirmation the next day: late",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-16"}}, [2]nd{{1, 1}, {1, 1}}},

		// A bare confirmation date is an event: the start of that day, in
		// the ship-by time's offset.
		{"bare confirmation the day after a timed ship-by: late (start of the day in -08:00)",
			[]shp{{latest: "2026-11-15T23:59:59-08:00", confirm: "2026-11-16"}}, [2]nd{{1, 1}, {1, 1}}},
		{"bare confirmation on the day of a timed ship-by: not late (start of the day in +09:00)",
			[]shp{{latest: "2026-11-15T06:00:00+09:00", confirm: "2026-11-15"}}, [2]nd{{0, 1}, {0, 1}}},

		// Two timestamps compare as instants, whatever their offsets.
		{"offsets compared as instants: 23:30-08:00 the day before is after 06:00+00:00",
			[]shp{{latest: "2026-11-11T06:00:00+00:00", confirm: "2026-11-10T23:30:00-08:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"offsets compared as instants: 22:00-08:00 the day before is exactly 06:00+00:00",
			[]shp{{latest: "2026-11-11T06:00:00+00:00", confirm: "2026-11-10T22:00:00-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"offsets compared as instants: 07:00+02:00 is before 06:00+00:00",
			[]shp{{latest: "2026-11-11T06:00:00+00:00", confirm: "2026-11-11T07:00:00+02:00"}}, [2]nd{{0, 1}, {0, 1}}},

		// Unconfirmed: late only once the expected ship date is before as-of.
		{"unconfirmed, ship-by = as-of: not late yet",
			[]shp{{latest: "2026-11-20"}}, [2]nd{{0, 1}, {0, 1}}},
		{"unconfirmed, ship-by = as-of - 1: late",
			[]shp{{latest: "2026-11-19"}}, [2]nd{{1, 1}, {1, 1}}},
		{"unconfirmed, ship-by early on as-of (timed): not late yet (dates compared)",
			[]shp{{latest: "2026-11-20T00:00:01-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"unconfirmed, ship-by late on as-of - 1 (timed, +09:00): late",
			[]shp{{latest: "2026-11-19T23:59:59+09:00"}}, [2]nd{{1, 1}, {1, 1}}},

		// Events after as-of are ignored: a confirmation dated after as-of
		// is no confirmation (dated as written).
		{"confirmed after as-of, ship-by = as-of: unconfirmed, not late yet",
			[]shp{{latest: "2026-11-20", confirm: "2026-11-21T09:00:00-08:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"confirmed after as-of, ship-by = as-of - 1: unconfirmed, late",
			[]shp{{latest: "2026-11-19", confirm: "2026-11-21T09:00:00-08:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"confirmation written 2026-11-21 (+09:00) is after as-of though 2026-11-20 in UTC",
			[]shp{{latest: "2026-11-20", confirm: "2026-11-21T01:00:00+09:00"}}, [2]nd{{0, 1}, {0, 1}}},
		{"confirmation written 2026-11-20 (-08:00) counts though 2026-11-21 in UTC: late",
			[]shp{{latest: "2026-11-20T12:00:00-08:00", confirm: "2026-11-20T23:00:00-08:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"confirmed on as-of, on time",
			[]shp{{latest: "2026-11-20", confirm: "2026-11-20T09:00:00-08:00"}}, [2]nd{{0, 1}, {0, 1}}},

		// Orders cancelled before shipment are out; after, they stay.
		{"cancelled (seller) and never confirmed: out",
			[]shp{{latest: "2026-11-15", cancel: "2026-11-14T10:00:00-08:00", by: records.CancelledSeller}}, [2]nd{{0, 0}, {0, 0}}},
		{"cancelled by the buyer before confirmation: out as well",
			[]shp{{latest: "2026-11-15", cancel: "2026-11-14T10:00:00-08:00", by: records.CancelledBuyer}}, [2]nd{{0, 0}, {0, 0}}},
		{"cancelled an hour before a late confirmation: out",
			[]shp{{latest: "2026-11-15", cancel: "2026-11-16T08:00:00-08:00", confirm: "2026-11-16T09:00:00-08:00", by: records.CancelledSeller}}, [2]nd{{0, 0}, {0, 0}}},
		{"cancelled an hour after a late confirmation: stays in, late",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-16T09:00:00-08:00", cancel: "2026-11-16T10:00:00-08:00", by: records.CancelledSeller}}, [2]nd{{1, 1}, {1, 1}}},
		{"cancellation dated after as-of is ignored: in, unconfirmed and late",
			[]shp{{latest: "2026-11-19", cancel: "2026-11-21T08:00:00-08:00", by: records.CancelledSeller}}, [2]nd{{1, 1}, {1, 1}}},
		{"cancellation dated as-of counts: out",
			[]shp{{latest: "2026-11-19", cancel: "2026-11-20T08:00:00-08:00", by: records.CancelledSeller}}, [2]nd{{0, 0}, {0, 0}}},
		{"cancelled by as-of, confirmation dated after as-of (earlier instant) is ignored: out",
			[]shp{{latest: "2026-11-19", cancel: "2026-11-20T23:00:00-08:00", confirm: "2026-11-21T00:30:00+09:00", by: records.CancelledSeller}}, [2]nd{{0, 0}, {0, 0}}},
		{"bare cancel date is the start of its day in the confirmation's offset: after a confirmation at 20:00-08:00 the day before",
			[]shp{{latest: "2026-11-15", confirm: "2026-11-15T20:00:00-08:00", cancel: "2026-11-16", by: records.CancelledSeller}}, [2]nd{{0, 1}, {0, 1}}},

		// Windows by expected ship date (as written), N days ending on as-of.
		{"ship-by as-of - 9: in both windows",
			[]shp{{latest: "2026-11-11"}}, [2]nd{{1, 1}, {1, 1}}},
		{"ship-by as-of - 10: out of the 10-day window, in the 30-day one",
			[]shp{{latest: "2026-11-10"}}, [2]nd{{0, 0}, {1, 1}}},
		{"ship-by as-of - 29: in the 30-day window",
			[]shp{{latest: "2026-10-22"}}, [2]nd{{0, 0}, {1, 1}}},
		{"ship-by as-of - 30: out of both",
			[]shp{{latest: "2026-10-21"}}, [2]nd{{0, 0}, {0, 0}}},
		{"ship-by after as-of: out of both",
			[]shp{{latest: "2026-11-21", confirm: "2026-11-19T10:00:00-08:00"}}, [2]nd{{0, 0}, {0, 0}}},
		{"ship-by written 2026-11-10 (-08:00) is out of the 10-day window though 2026-11-11 in UTC",
			[]shp{{latest: "2026-11-10T23:30:00-08:00"}}, [2]nd{{0, 0}, {1, 1}}},
		{"ship-by written 2026-11-11 (+09:00) is in the 10-day window though 2026-11-10 in UTC",
			[]shp{{latest: "2026-11-11T01:00:00+09:00"}}, [2]nd{{1, 1}, {1, 1}}},
		{"window by expected ship date, not purchase date",
			[]shp{{purchase: "2026-09-01", latest: "2026-11-15"}, {purchase: "2026-11-15", latest: "2026-11-01", confirm: "2026-11-01T10:00:00Z"}}, [2]nd{{1, 1}, {1, 2}}},

		{"several orders",
			[]shp{
				{latest: "2026-11-12", confirm: "2026-11-12T10:00:00+01:00"}, // 10/30, on time
				{latest: "2026-11-12", confirm: "2026-11-13T10:00:00+01:00"}, // 10/30, late
				{latest: "2026-11-01", confirm: "2026-11-03T10:00:00+01:00"}, // 30, late
				{latest: "2026-11-01"}, // 30, unconfirmed, late
				{latest: "2026-11-05", confirm: "2026-11-05T10:00:00+01:00"}, // 30, on time
				{latest: "2026-11-20"}, // 10/30, not yet late
				{latest: "2026-11-14", cancel: "2026-11-13T10:00:00+01:00", by: records.CancelledBuyer}, // out
				{latest: "2026-09-30", confirm: "2026-10-30T10:00:00+01:00"},                            // out
			}, [2]nd{{1, 3}, {3, 6}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := metrics.LateShipment(shipments(nil, c.rows...).d, defaults())
			if len(out) != 2 {
				t.Fatalf("%d entries, want 2: %+v", len(out), out)
			}
			for i, n := range []int{10, 30} {
				r := out[i]
				if r.ID != metrics.LateShipmentRate || r.WindowDays != n || r.NotComputed != "" {
					t.Errorf("entry %d: id %q, window_days %d, not computed %q", i, r.ID, r.WindowDays, r.NotComputed)
				}
				if got := ndOf(r); got != c.want[i] {
					t.Errorf("%d-day entry: got %d/%d, want %d/%d", n, got.Num, got.Den, c.want[i].Num, c.want[i].Den)
				}
			}
		})
	}
}

// Two entries, each with WindowDays and the N days ending on as-of.
func TestLateShipmentWindows(t *testing.T) {
	out := metrics.LateShipment(shipments(nil).d, defaults())
	want := []metrics.Result{
		{ID: metrics.LateShipmentRate, WindowDays: 10, Window: metrics.Window{From: day("2026-11-11"), To: day("2026-11-20"), Days: 10}},
		{ID: metrics.LateShipmentRate, WindowDays: 30, Window: metrics.Window{From: day("2026-10-22"), To: day("2026-11-20"), Days: 30}},
	}
	// An empty population is no data: denominator 0, not "not computed".
	if !reflect.DeepEqual(out, want) {
		t.Errorf("got %+v\nwant %+v", out, want)
	}
	for _, r := range out {
		if _, ok := r.Value(); ok {
			t.Errorf("%d-day entry of an empty file has a value", r.WindowDays)
		}
	}
	// The windows are settings: one entry per configured N.
	s := defaults()
	s.SetWindow(metrics.LateShipmentRate, []int{7}, 0)
	out = metrics.LateShipment(shipments(nil, shp{latest: "2026-11-14"}, shp{latest: "2026-11-13"}).d, s)
	if len(out) != 1 || out[0].WindowDays != 7 || ndOf(out[0]) != (nd{1, 1}) || out[0].Window.From != day("2026-11-14") {
		t.Errorf("7-day window: %+v", out)
	}
}

// Without a shipments file the metric is not computed, and says what would
// enable it; both entries keep their WindowDays.
func TestLateShipmentNotComputed(t *testing.T) {
	d := noShipments().orders(ord{"A", "2026-11-15", mfn, false, ""}).cancellations(cx{"A", "2026-11-15", true}).d
	out := metrics.LateShipment(d, defaults())
	want := []metrics.Result{
		{ID: metrics.LateShipmentRate, WindowDays: 10, NotComputed: needShipmentsReason},
		{ID: metrics.LateShipmentRate, WindowDays: 30, NotComputed: needShipmentsReason},
	}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("got %+v\nwant %+v", out, want)
	}
}

// ---------------------------------------------------------------------------
// Pre-fulfillment cancel rate

// Rule: "population = seller-fulfilled orders with order date in the 7 days
// ending on as-of; numerator = cancelled by the seller or automatically by
// Amazon; a buyer-requested cancellation stays in the denominator only."
// Window 2026-11-14..2026-11-20.
func TestPrefulfillmentCancel(t *testing.T) {
	one := func(by records.CancelledBy, purchase, cancel string) sf {
		return shipments(nil, shp{id: "A", purchase: purchase, cancel: cancel, by: by})
	}
	// shipped is an order of 2026-11-15 confirmed and cancelled (by the
	// seller unless by says otherwise).
	shipped := func(confirm, cancel string, by ...records.CancelledBy) sf {
		who := records.CancelledSeller
		if len(by) > 0 {
			who = by[0]
		}
		return shipments(nil, shp{id: "A", purchase: "2026-11-15T09:00:00+01:00", latest: "2026-11-18T23:59:59+01:00",
			confirm: confirm, cancel: cancel, by: who})
	}
	cases := []struct {
		name     string
		data     sf
		want     nd
		unplaced []metrics.Unplaced
	}{
		// Who cancelled.
		{"cancelled by the seller: counts", one(records.CancelledSeller, "2026-11-15T10:00:00+01:00", "2026-11-15T12:00:00+01:00"), nd{1, 1}, nil},
		{"cancelled by the buyer: denominator only", one(records.CancelledBuyer, "2026-11-15T10:00:00+01:00", "2026-11-15T12:00:00+01:00"), nd{0, 1}, nil},
		{"cancelled automatically by Amazon: counts", one(records.CancelledAmazon, "2026-11-15T10:00:00+01:00", "2026-11-18T00:00:00+01:00"), nd{1, 1}, nil},
		{"cancelled by an unknown party: counts", one(records.CancelledUnknown, "2026-11-15T10:00:00+01:00", "2026-11-15T12:00:00+01:00"), nd{1, 1}, nil},
		{"not cancelled", one(records.NotCancelled, "2026-11-15T10:00:00+01:00", ""), nd{0, 1}, nil},

		// Events after as-of are ignored.
		{"seller cancellation dated after as-of: not counted", one(records.CancelledSeller, "2026-11-19T10:00:00+01:00", "2026-11-21T09:00:00+01:00"), nd{0, 1}, nil},
		{"seller cancellation written 2026-11-21 (+09:00), 2026-11-20 in UTC: not counted", one(records.CancelledSeller, "2026-11-19T10:00:00+09:00", "2026-11-21T01:00:00+09:00"), nd{0, 1}, nil},
		{"seller cancellation dated as-of: counted", one(records.CancelledSeller, "2026-11-19T10:00:00+01:00", "2026-11-20T23:00:00+01:00"), nd{1, 1}, nil},

		// Help 200285210: "A decision not to fulfil an order prior to
		// ship-confirmation is a cancelled order. Once an order is
		// ship-confirmed, a decision to accept a return or not ship an
		// item is treated as a refund." Timestamps compare as instants;
		// a bare date is the start of its day in the other value's offset
		// (metrics.md, "Bare dates and timestamps").
		{"cancelled an hour before the confirmation: counts", shipped("2026-11-15T13:00:00+01:00", "2026-11-15T12:00:00+01:00"), nd{1, 1}, nil},
		{"cancelled a second before the confirmation, another offset: counts", shipped("2026-11-15T11:00:00Z", "2026-11-15T11:59:59+01:00"), nd{1, 1}, nil},
		{"cancelled at the confirmation's instant, another offset: a refund", shipped("2026-11-15T11:00:00Z", "2026-11-15T12:00:00+01:00"), nd{0, 1}, nil},
		{"cancelled a second after the confirmation: a refund", shipped("2026-11-15T11:00:00Z", "2026-11-15T12:00:01+01:00"), nd{0, 1}, nil},
		{"cancelled days after the confirmation: a refund", shipped("2026-11-16T10:00:00+01:00", "2026-11-19T10:00:00+01:00"), nd{0, 1}, nil},
		{"Amazon's cancellation after the confirmation: a refund", shipped("2026-11-16T10:00:00+01:00", "2026-11-19T10:00:00+01:00", records.CancelledAmazon), nd{0, 1}, nil},
		{"cancelled by nobody named after the confirmation: a refund", shipped("2026-11-16T10:00:00+01:00", "2026-11-19T10:00:00+01:00", records.CancelledUnknown), nd{0, 1}, nil},
		{"bare cancel date, confirmed later that day: counts (00:00 of the day)", shipped("2026-11-16T08:00:00-08:00", "2026-11-16"), nd{1, 1}, nil},
		{"bare confirmation date, cancelled later that day: a refund (00:00 of the day)", shipped("2026-11-16", "2026-11-16T08:00:00-08:00"), nd{0, 1}, nil},
		{"bare cancel date in the confirmation's +09:00: before it", shipped("2026-11-16T00:30:00+09:00", "2026-11-16"), nd{1, 1}, nil},
		{"bare cancel date in the confirmation's -08:00: after it", shipped("2026-11-15T23:30:00-08:00", "2026-11-16"), nd{0, 1}, nil},
		{"both bare, the same date: not before, a refund", shipped("2026-11-16", "2026-11-16"), nd{0, 1}, nil},
		{"both bare, cancelled the day before: counts", shipped("2026-11-16", "2026-11-15"), nd{1, 1}, nil},
		{"confirmed, cancellation dated after as-of: not counted", shipped("2026-11-16T10:00:00+01:00", "2026-11-21T10:00:00+01:00"), nd{0, 1}, nil},
		{"confirmation dated after as-of is ignored: the cancellation on as-of counts", shipped("2026-11-21T05:00:00+09:00", "2026-11-20T22:00:00Z"), nd{1, 1}, nil},
		{"the buyer cancelled before the confirmation: denominator only", shipped("2026-11-16T10:00:00+01:00", "2026-11-15T10:00:00+01:00", records.CancelledBuyer), nd{0, 1}, nil},
		{"download: Impacts=Yes counts though the shipments file shows a cancellation after the confirmation",
			shipped("2026-11-16T10:00:00+01:00", "2026-11-19T10:00:00+01:00").cancellations(cx{"A", "2026-11-15", true}), nd{1, 1}, nil},
		{"download: Impacts=No does not undo a cancellation before the confirmation",
			shipped("2026-11-16T10:00:00+01:00", "2026-11-15T10:00:00+01:00").cancellations(cx{"A", "2026-11-15", false}), nd{1, 1}, nil},

		// Window: 7 days ending on as-of, by order date as written.
		{"ordered as-of - 6: in", one(records.CancelledSeller, "2026-11-14", "2026-11-14"), nd{1, 1}, nil},
		{"ordered as-of - 7: out", one(records.CancelledSeller, "2026-11-13", "2026-11-14"), nd{0, 0}, nil},
		{"ordered on as-of: in", one(records.CancelledSeller, "2026-11-20", "2026-11-20"), nd{1, 1}, nil},
		{"ordered after as-of: out", one(records.CancelledSeller, "2026-11-21", "2026-11-21"), nd{0, 0}, nil},
		{"ordered 2026-11-13T23:30-08:00 (11-14 in UTC): out", one(records.CancelledSeller, "2026-11-13T23:30:00-08:00", "2026-11-14T09:00:00-08:00"), nd{0, 0}, nil},
		{"ordered 2026-11-14T00:30+09:00 (11-13 in UTC): in", one(records.CancelledSeller, "2026-11-14T00:30:00+09:00", "2026-11-14T09:00:00+09:00"), nd{1, 1}, nil},

		{"several orders", shipments(nil,
			shp{purchase: "2026-11-14", cancel: "2026-11-15", by: records.CancelledSeller},
			shp{purchase: "2026-11-15", cancel: "2026-11-15", by: records.CancelledBuyer},
			shp{purchase: "2026-11-16", cancel: "2026-11-17", by: records.CancelledAmazon},
			shp{purchase: "2026-11-17"},
			shp{purchase: "2026-11-18", confirm: "2026-11-18T10:00:00Z"},
			shp{purchase: "2026-11-10", cancel: "2026-11-15", by: records.CancelledSeller}, // out of window
		), nd{2, 5}, nil},

		// The orders report's seller-fulfilled orders join the population;
		// Amazon-fulfilled ones do not; one order counts once.
		{"orders report: Merchant orders join, Amazon ones do not", shipments(nil,
			shp{id: "A", purchase: "2026-11-15", cancel: "2026-11-15", by: records.CancelledSeller},
		).orders(
			ord{"A", "2026-11-15", mfn, false, ""}, // the same order: once
			ord{"B", "2026-11-16", mfn, false, ""}, // joins
			ord{"C", "2026-11-16", afn, false, ""}, // FBA: out
			ord{"D", "2026-11-12", mfn, false, ""}, // out of window
			ord{"E", "2026-11-16", unk, false, ""}, // channel unknown: not seller-fulfilled
		), nd{1, 2}, nil},

		// Amazon's cancellation download: Impacts Account Health = Yes counts.
		{"download: Impacts=Yes counts, Impacts=No does not", shipments(nil,
			shp{id: "A", purchase: "2026-11-15"},
			shp{id: "B", purchase: "2026-11-15"},
		).cancellations(cx{"A", "2026-11-15", true}, cx{"B", "2026-11-15", false}), nd{1, 2}, nil},
		{"download: Impacts=Yes counts even where the shipments file says buyer", shipments(nil,
			shp{id: "A", purchase: "2026-11-15", cancel: "2026-11-15", by: records.CancelledBuyer},
		).cancellations(cx{"A", "2026-11-15", true}), nd{1, 1}, nil},
		{"download: Impacts=Yes on an order outside the window counts nowhere", shipments(nil,
			shp{id: "A", purchase: "2026-11-15"},
			shp{id: "B", purchase: "2026-11-10"},
		).cancellations(cx{"B", "2026-11-10", true}), nd{0, 1}, nil},
		{"download: an order only the download knows is placed by its own order date", shipments(nil,
			shp{id: "A", purchase: "2026-11-15"},
		).cancellations(cx{"A", "2026-11-15", false}, cx{"Z", "2026-11-16", true}, cx{"Y", "2026-11-16", false},
			cx{"W", "2026-11-13", true}), nd{1, 3}, nil},
		{"download: Impacts=Yes on an order only the download knows, dated after as-of: out", shipments(nil,
			shp{id: "A", purchase: "2026-11-20"},
		).cancellations(cx{"Z", "2026-11-21", true}), nd{0, 1}, nil},
		// The download's Order Date is one more date of the order: the
		// order's key date (here the shipments file's 11-20) places it and
		// stands for the cancellation's date.
		{"download: Impacts=Yes dated 11-21 on an order the shipments file dates 11-20: counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-20T20:00:00-08:00"},
		).cancellations(cx{"A", "2026-11-21", true}), nd{1, 1}, nil},

		// The count follows the order's key date, whichever report gives
		// it: the orders report and the shipments file may write one
		// instant in two offsets, so on two dates.
		{"shipments file 11-13 (out), orders report 11-14 (in): the cancellation counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-13T23:30:00-08:00", cancel: "2026-11-14T09:00:00-08:00", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-14", mfn, false, ""}), nd{1, 1}, nil},
		{"shipments file 11-14 (in), orders report 11-13 (out): the cancellation counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-14T00:30:00+09:00", cancel: "2026-11-14T09:00:00+09:00", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-13", mfn, false, ""}), nd{1, 1}, nil},
		{"shipments file 11-21 (after as-of), orders report 11-20 (in): the cancellation counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-21T01:00:00+09:00", cancel: "2026-11-20T17:30:00Z", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-20", mfn, false, ""}), nd{1, 1}, nil},
		{"shipments file 11-20 (in), orders report 11-21 (after as-of): the cancellation counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-20T16:30:00-08:00", cancel: "2026-11-20T17:30:00-08:00", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-21", mfn, false, ""}), nd{1, 1}, nil},
		{"shipments file and orders report both out: neither counts", shipments(nil,
			shp{id: "A", purchase: "2026-11-13T23:30:00-08:00", cancel: "2026-11-14T09:00:00-08:00", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-13", mfn, false, ""}), nd{0, 0}, nil},
		{"shipments file 11-13 (out), orders report 11-14 (in), cancelled after the confirmation: a refund", shipments(nil,
			shp{id: "A", purchase: "2026-11-13T23:30:00-08:00", confirm: "2026-11-14T08:00:00-08:00", cancel: "2026-11-14T09:00:00-08:00", by: records.CancelledSeller},
		).orders(ord{"A", "2026-11-14", mfn, false, ""}), nd{0, 1}, nil},
		{"download with the orders report only: the orders are the population", noShipments().orders(
			ord{"B", "2026-11-16", mfn, false, ""},
			ord{"C", "2026-11-17", mfn, false, ""},
			ord{"X", "2026-11-17", afn, false, ""},
		).cancellations(cx{"B", "2026-11-16", true}, cx{"X", "2026-11-17", true}), nd{1, 2}, nil},
		{"download makes a shipments file without cancel columns usable", shipments(shipColsWithout("cancel-date", "cancelled-by"),
			shp{id: "A", purchase: "2026-11-15"}, shp{id: "B", purchase: "2026-11-16"},
		).cancellations(cx{"A", "2026-11-15", true}), nd{1, 2}, nil},

		// An empty population is no data.
		{"empty shipments file: denominator 0", shipments(nil), nd{0, 0}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, un := metrics.PrefulfillmentCancel(c.data.d, defaults())
			if len(res) != 1 {
				t.Fatalf("%d entries", len(res))
			}
			r := res[0]
			want := metrics.Window{From: day("2026-11-14"), To: day("2026-11-20"), Days: 7}
			if r.ID != metrics.PrefulfillmentCancelRate || r.NotComputed != "" || r.Window != want {
				t.Errorf("entry %+v", r)
			}
			if got := ndOf(r); got != c.want {
				t.Errorf("got %d/%d, want %d/%d", got.Num, got.Den, c.want.Num, c.want.Den)
			}
			if !reflect.DeepEqual(un, c.unplaced) {
				t.Errorf("unplaced: got %+v, want %+v", un, c.unplaced)
			}
		})
	}
}

// The count follows the order's key date in the list and the Days too:
// with a lag of 3 days the window is 2026-11-11..2026-11-17 and the Days
// run to as-of.
func TestPrefulfillmentCancelKeyDate(t *testing.T) {
	s := defaults()
	s.SetWindow(metrics.PrefulfillmentCancelRate, []int{7}, 3)
	d := shipments(nil,
		// Dated 11-18 (after the window) here, 11-17 (in it) by the orders report.
		shp{id: "A", purchase: "2026-11-18T00:30:00+09:00", cancel: "2026-11-18T08:00:00+09:00", by: records.CancelledSeller},
		// Dated 11-10 (before the window) here, 11-11 (its first day) by the orders report.
		shp{id: "B", purchase: "2026-11-10T23:00:00-08:00", cancel: "2026-11-11T09:00:00-08:00", by: records.CancelledAmazon},
		// Both after the window, 11-18 here and 11-19 there: counted on 11-19, the key date, in the Days.
		shp{id: "C", purchase: "2026-11-18T22:00:00-08:00", cancel: "2026-11-19T09:00:00-08:00", by: records.CancelledSeller},
		shp{id: "D", purchase: "2026-11-12"},
	).orders(ord{"A", "2026-11-17", mfn, false, ""}, ord{"B", "2026-11-11", mfn, false, ""}, ord{"C", "2026-11-19", mfn, false, ""})
	res, _ := metrics.PrefulfillmentCancel(d.d, s)
	r := res[0]
	checkResult(t, "cancel", r, s.AsOf, 3)
	if got := ndOf(r); got != (nd{2, 3}) {
		t.Errorf("got %+v, want 2/3", got)
	}
	var listed []string
	for _, it := range r.Items {
		listed = append(listed, it.OrderID+" "+it.KeyDate.String())
	}
	if want := []string{"B 2026-11-11", "A 2026-11-17"}; !reflect.DeepEqual(listed, want) {
		t.Errorf("items %v, want %v", listed, want)
	}
	for _, x := range r.Days {
		want := map[string]nd{"2026-11-11": {1, 1}, "2026-11-12": {0, 1}, "2026-11-17": {1, 1}, "2026-11-19": {1, 1}}[x.Date.String()]
		if (nd{x.Numerator, x.Denominator}) != want {
			t.Errorf("Day %v: %d/%d, want %+v", x.Date, x.Numerator, x.Denominator, want)
		}
	}
}

// Not computed: the reasons name the missing input.
func TestPrefulfillmentCancelNotComputed(t *testing.T) {
	cases := []struct {
		name string
		data sf
		why  string
	}{
		{"orders report only", noShipments().orders(ord{"A", "2026-11-15", mfn, false, ""}),
			"needs the shipments file your order system writes (docs/formats.md), or Amazon's cancellation download from Account Health (docs/downloads.md)"},
		{"nothing at all", noShipments(),
			"needs the shipments file your order system writes (docs/formats.md), or Amazon's cancellation download from Account Health (docs/downloads.md)"},
		{"shipments without cancel-date", shipments(shipColsWithout("cancel-date"), shp{purchase: "2026-11-15"}),
			"the shipments file lacks column(s) cancel-date (or give Amazon's cancellation download)"},
		{"shipments without cancelled-by", shipments(shipColsWithout("cancelled-by"), shp{purchase: "2026-11-15"}),
			"the shipments file lacks column(s) cancelled-by (or give Amazon's cancellation download)"},
		{"shipments without either", shipments(shipColsWithout("cancelled-by", "cancel-date"), shp{purchase: "2026-11-15"}).orders(),
			"the shipments file lacks column(s) cancel-date, cancelled-by (or give Amazon's cancellation download)"},
		{"cancellation download without any order list", noShipments().cancellations(cx{"A", "2026-11-15", true}),
			"needs the All Orders report (docs/downloads.md) or the shipments file for the seller-fulfilled orders (the denominator)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, un := metrics.PrefulfillmentCancel(c.data.d, defaults())
			want := []metrics.Result{{ID: metrics.PrefulfillmentCancelRate, NotComputed: c.why}}
			if !reflect.DeepEqual(res, want) || un != nil {
				t.Errorf("got %+v, %+v\nwant %+v", res, un, want)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Valid tracking rate

// Rule: "population = confirmed seller-fulfilled shipments whose promised
// delivery date is in the 30 days ending on as-of − 14; valid = a tracking id
// is present and the export does not mark it invalid." Window
// 2026-10-08..2026-11-06.
func TestValidTracking(t *testing.T) {
	base := shp{purchase: "2026-10-27", confirm: "2026-10-28T10:00:00-08:00", tracking: "1Z999", promised: "2026-11-01"}
	with := func(f func(*shp)) shp { r := base; f(&r); return r }
	cases := []struct {
		name string
		rows []shp
		want nd
	}{
		// Valid = id present and not marked invalid.
		{"id, unmarked: valid", []shp{base}, nd{1, 1}},
		{"id, marked Y: valid", []shp{with(func(r *shp) { r.mark = records.TrackingValid })}, nd{1, 1}},
		{"id, marked N: invalid", []shp{with(func(r *shp) { r.mark = records.TrackingInvalid })}, nd{0, 1}},
		{"no id, unmarked: invalid", []shp{with(func(r *shp) { r.tracking = "" })}, nd{0, 1}},
		{"no id, marked Y: invalid (the id must be present)", []shp{with(func(r *shp) { r.tracking = ""; r.mark = records.TrackingValid })}, nd{0, 1}},

		// Window: 30 days ending on as-of − 14, by promised delivery date.
		{"promised as-of - 14: in", []shp{with(func(r *shp) { r.promised = "2026-11-06" })}, nd{1, 1}},
		{"promised as-of - 13: out", []shp{with(func(r *shp) { r.promised = "2026-11-07" })}, nd{0, 0}},
		{"promised as-of - 43: in", []shp{with(func(r *shp) { r.promised = "2026-10-08" })}, nd{1, 1}},
		{"promised as-of - 44: out", []shp{with(func(r *shp) { r.promised = "2026-10-07"; r.confirm = "2026-10-01T10:00:00Z" })}, nd{0, 0}},
		{"no promised date: out", []shp{with(func(r *shp) { r.promised = "" })}, nd{0, 0}},

		// Confirmed shipments only; a confirmation after as-of is ignored.
		{"unconfirmed: out", []shp{with(func(r *shp) { r.confirm = "" })}, nd{0, 0}},
		{"unconfirmed and invalid: out", []shp{with(func(r *shp) { r.confirm = ""; r.tracking = "" })}, nd{0, 0}},
		{"confirmed after as-of: out", []shp{with(func(r *shp) { r.confirm = "2026-11-21T10:00:00-08:00" })}, nd{0, 0}},
		{"confirmed written 2026-11-21 (+09:00, 11-20 in UTC): out", []shp{with(func(r *shp) { r.confirm = "2026-11-21T01:00:00+09:00" })}, nd{0, 0}},
		{"confirmed on as-of: in", []shp{with(func(r *shp) { r.confirm = "2026-11-20T23:00:00-08:00" })}, nd{1, 1}},

		{"several shipments", []shp{
			base,
			with(func(r *shp) { r.mark = records.TrackingInvalid; r.promised = "2026-10-20" }),
			with(func(r *shp) { r.tracking = ""; r.promised = "2026-10-10" }),
			with(func(r *shp) { r.mark = records.TrackingValid; r.promised = "2026-11-06" }),
			with(func(r *shp) { r.promised = "2026-11-10" }),                              // out
			with(func(r *shp) { r.confirm = ""; r.tracking = "" }),                        // out
			with(func(r *shp) { r.cancel = "2026-10-29"; r.by = records.CancelledBuyer }), // confirmed, then cancelled: still a confirmed shipment
		}, nd{3, 5}},
		{"empty file: denominator 0", nil, nd{0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := metrics.ValidTracking(shipments(nil, c.rows...).d, defaults())
			want := metrics.Window{From: day("2026-10-08"), To: day("2026-11-06"), Days: 30}
			if r.ID != metrics.ValidTrackingRate || r.NotComputed != "" || r.Window != want || r.WindowDays != 0 {
				t.Errorf("entry %+v", r)
			}
			if got := ndOf(r); got != c.want {
				t.Errorf("got %d/%d, want %d/%d", got.Num, got.Den, c.want.Num, c.want.Den)
			}
		})
	}
}

func TestValidTrackingColumns(t *testing.T) {
	row := shp{confirm: "2026-10-28T10:00:00Z", tracking: "1Z", promised: "2026-11-01"}
	cases := []struct {
		name string
		data sf
		why  string
		want nd
	}{
		{"no shipments file", noShipments().orders(ord{"A", "2026-10-25", mfn, false, ""}), needShipmentsReason, nd{}},
		{"no tracking-id column", shipments(shipColsWithout("tracking-id"), row), "the shipments file lacks column(s) tracking-id", nd{}},
		{"no promised-delivery-date column", shipments(shipColsWithout("promised-delivery-date"), row), "the shipments file lacks column(s) promised-delivery-date", nd{}},
		{"neither", shipments(shipColsWithout("promised-delivery-date", "tracking-id"), row), "the shipments file lacks column(s) tracking-id, promised-delivery-date", nd{}},
		// tracking-valid is optional: unmarked ids are valid.
		{"no tracking-valid column: computed", shipments(shipColsWithout("tracking-valid", "delivery-date", "cancel-date"), row), "", nd{1, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := metrics.ValidTracking(c.data.d, defaults())
			if r.NotComputed != c.why || ndOf(r) != c.want || r.ID != metrics.ValidTrackingRate {
				t.Errorf("got %+v, want reason %q and %+v", r, c.why, c.want)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// On-time delivery rate

// Rule: "population = shipments with valid tracking whose promised delivery
// date is in the 14 days ending on as-of − 7; on time = delivered on or
// before the promised delivery date (not delivered yet counts as late)", and
// deliveries dated after as-of are ignored. Window 2026-10-31..2026-11-13.
func TestOnTimeDelivery(t *testing.T) {
	base := shp{purchase: "2026-11-04", confirm: "2026-11-05T10:00:00+01:00", tracking: "1Z999", promised: "2026-11-10"}
	with := func(f func(*shp)) shp { r := base; f(&r); return r }
	cases := []struct {
		name string
		rows []shp
		set  func(*settings.Settings)
		want nd
	}{
		// On time = delivered on or before the promised date.
		{"delivered on the promised date: on time", []shp{with(func(r *shp) { r.delivered = "2026-11-10" })}, nil, nd{1, 1}},
		{"delivered a day before: on time", []shp{with(func(r *shp) { r.delivered = "2026-11-09" })}, nil, nd{1, 1}},
		{"delivered a day after: late", []shp{with(func(r *shp) { r.delivered = "2026-11-11" })}, nil, nd{0, 1}},
		{"not delivered: late", []shp{base}, nil, nd{0, 1}},
		{"delivered after as-of (and after the promise): late", []shp{with(func(r *shp) { r.delivered = "2026-11-21" })}, nil, nd{0, 1}},
		// With the default lag every promise is at least 7 days before
		// as-of, so a delivery after as-of is always after the promise too.
		// A negative lag puts promises after as-of: a delivery dated after
		// as-of is then ignored (not delivered: late) even though it is
		// before the promise.
		{"delivered after as-of but before the promise: late", []shp{with(func(r *shp) { r.promised = "2026-11-24"; r.delivered = "2026-11-22" })},
			func(s *settings.Settings) { s.SetWindow(metrics.OnTimeDeliveryRate, []int{14}, -5) }, nd{0, 1}},
		{"delivered on as-of, before the promise: on time", []shp{with(func(r *shp) { r.promised = "2026-11-24"; r.delivered = "2026-11-20" })},
			func(s *settings.Settings) { s.SetWindow(metrics.OnTimeDeliveryRate, []int{14}, -5) }, nd{1, 1}},

		// Only shipments with valid tracking.
		{"tracking marked invalid: out", []shp{with(func(r *shp) { r.mark = records.TrackingInvalid; r.delivered = "2026-11-10" })}, nil, nd{0, 0}},
		{"no tracking id: out", []shp{with(func(r *shp) { r.tracking = ""; r.delivered = "2026-11-20" })}, nil, nd{0, 0}},
		{"no tracking id, marked Y: out", []shp{with(func(r *shp) { r.tracking = ""; r.mark = records.TrackingValid })}, nil, nd{0, 0}},
		{"tracking marked Y: in", []shp{with(func(r *shp) { r.mark = records.TrackingValid; r.delivered = "2026-11-12" })}, nil, nd{0, 1}},

		// Confirmed shipments only, confirmation by as-of.
		{"unconfirmed: out", []shp{with(func(r *shp) { r.confirm = ""; r.delivered = "2026-11-10" })}, nil, nd{0, 0}},
		{"confirmed after as-of: out", []shp{with(func(r *shp) { r.confirm = "2026-11-21T08:00:00+01:00" })}, nil, nd{0, 0}},

		// Window: 14 days ending on as-of − 7, by promised delivery date.
		{"promised as-of - 7: in", []shp{with(func(r *shp) { r.promised = "2026-11-13"; r.delivered = "2026-11-13" })}, nil, nd{1, 1}},
		{"promised as-of - 6: out", []shp{with(func(r *shp) { r.promised = "2026-11-14"; r.delivered = "2026-11-13" })}, nil, nd{0, 0}},
		{"promised as-of - 20: in", []shp{with(func(r *shp) { r.promised = "2026-10-31"; r.confirm = "2026-10-29T10:00:00Z" })}, nil, nd{0, 1}},
		{"promised as-of - 21: out", []shp{with(func(r *shp) { r.promised = "2026-10-30"; r.confirm = "2026-10-29T10:00:00Z" })}, nil, nd{0, 0}},
		{"no promised date: out", []shp{with(func(r *shp) { r.promised = "" })}, nil, nd{0, 0}},

		{"several shipments", []shp{
			with(func(r *shp) { r.delivered = "2026-11-10" }),
			with(func(r *shp) { r.delivered = "2026-11-08" }),
			with(func(r *shp) { r.delivered = "2026-11-12" }),
			base,
			with(func(r *shp) { r.mark = records.TrackingInvalid }),
			with(func(r *shp) { r.promised = "2026-11-16" }),
		}, nil, nd{2, 4}},
		{"empty file: denominator 0", nil, nil, nd{0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := defaults()
			if c.set != nil {
				c.set(&s)
			}
			r := metrics.OnTimeDelivery(shipments(nil, c.rows...).d, s)
			if r.ID != metrics.OnTimeDeliveryRate || r.NotComputed != "" {
				t.Errorf("entry %+v", r)
			}
			if c.set == nil && r.Window != (metrics.Window{From: day("2026-10-31"), To: day("2026-11-13"), Days: 14}) {
				t.Errorf("window %s..%s", r.Window.From, r.Window.To)
			}
			if got := ndOf(r); got != c.want {
				t.Errorf("got %d/%d, want %d/%d", got.Num, got.Den, c.want.Num, c.want.Den)
			}
		})
	}
}

func TestOnTimeDeliveryColumns(t *testing.T) {
	row := shp{confirm: "2026-11-05T10:00:00Z", tracking: "1Z", promised: "2026-11-10", delivered: "2026-11-10"}
	cases := []struct {
		name string
		data sf
		why  string
		want nd
	}{
		{"no shipments file", noShipments(), needShipmentsReason, nd{}},
		{"no delivery-date column", shipments(shipColsWithout("delivery-date"), row), "the shipments file lacks column(s) delivery-date", nd{}},
		{"no tracking-id column", shipments(shipColsWithout("tracking-id"), row), "the shipments file lacks column(s) tracking-id", nd{}},
		{"no promised-delivery-date column", shipments(shipColsWithout("promised-delivery-date"), row), "the shipments file lacks column(s) promised-delivery-date", nd{}},
		{"none of them", shipments(shipColsWithout("promised-delivery-date", "tracking-id", "delivery-date"), row),
			"the shipments file lacks column(s) tracking-id, promised-delivery-date, delivery-date", nd{}},
		{"no tracking-valid column: computed", shipments(shipColsWithout("tracking-valid"), row), "", nd{1, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := metrics.OnTimeDelivery(c.data.d, defaults())
			if r.NotComputed != c.why || ndOf(r) != c.want || r.ID != metrics.OnTimeDeliveryRate {
				t.Errorf("got %+v, want reason %q and %+v", r, c.why, c.want)
			}
		})
	}
}

// The metrics read the dataset and never change it.
func TestShippingDoesNotModifyDataset(t *testing.T) {
	d := randomShipmentsAccount(rand.New(rand.NewSource(5)), 300)
	twin := randomShipmentsAccount(rand.New(rand.NewSource(5)), 300)
	if !reflect.DeepEqual(d, twin) {
		t.Fatal("the generator is not deterministic")
	}
	s := defaults()
	metrics.LateShipment(d, s)
	metrics.PrefulfillmentCancel(d, s)
	metrics.ValidTracking(d, s)
	metrics.OnTimeDelivery(d, s)
	metrics.InvoiceDefect(d, s, metrics.StoreOfOrder(d, "DE"))
	if !reflect.DeepEqual(d, twin) {
		t.Error("a metric modified the dataset")
	}
}

// ---------------------------------------------------------------------------
// Randomized cross-check against a naive reading of metrics.md.

// offsets the generator writes timestamps in; "" is a time without offset
// (read as UTC), "Z" is UTC spelled Z.
var genOffsets = []string{"-08:00", "+00:00", "+01:00", "+02:00", "+09:00", "Z", ""}

// storeOffset is the offset a store's files usually carry.
var storeOffset = map[string]string{"DE": "+01:00", "FR": "+01:00", "UK": "+00:00", "US": "-08:00", "JP": "+09:00", "": "Z"}

// salesChannelOf is the orders report's sales-channel of a store.
var salesChannelOf = map[string]string{"DE": "Amazon.de", "FR": "Amazon.fr", "UK": "Amazon.co.uk", "US": "Amazon.com", "JP": "Amazon.co.jp", "IT": "Amazon.it", "": "Non-Amazon"}

// writeTime writes instant t as a report would: a bare date (the date in
// the offset), or a date-time in the offset.
func writeTime(t time.Time, off string, bare bool) string {
	loc := time.UTC
	if off != "" && off != "Z" {
		sign := 1
		if off[0] == '-' {
			sign = -1
		}
		h := int(off[1]-'0')*10 + int(off[2]-'0')
		m := int(off[4]-'0')*10 + int(off[5]-'0')
		loc = time.FixedZone(off, sign*(h*3600+m*60))
	}
	t = t.In(loc)
	if bare {
		return t.Format("2006-01-02")
	}
	s := t.Format("2006-01-02T15:04:05")
	if off == "" {
		return s
	}
	return s + off
}

// randomShipmentsAccount builds n seller-fulfilled orders placed between
// 2026-09-20 and 2027-01-09 in several stores, with every branch of the
// rules: timestamps in mixed offsets and bare dates, confirmations on time,
// late, exactly at the ship-by time, a second late and after as-of;
// cancellations by each party before, at the instant of and after
// confirmation; tracking ids missing, unmarked, valid and invalid;
// deliveries early, on the day, late and missing; business orders with uploads on time, at the due second, a
// second late, much later and never; an orders report with some of the
// orders (some flagged business only there, some dated a day apart from
// the shipments file: the same instant written in another offset) and
// other orders of both channels; and a cancellation download, partly on
// unknown orders.
func randomShipmentsAccount(rng *rand.Rand, n int) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["shipments"], d.Kinds["orders"], d.Kinds["cancellations"] = true, true, true
	for _, c := range shipCols {
		d.Columns["shipments."+c] = true
	}
	d.Columns["orders.is-business-order"] = true
	first := time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)
	span := 112 * 24 * 3600 // to 2027-01-09: Christmas and New Year's Day fall in some windows
	stores := []string{"DE", "DE", "FR", "UK", "US", "JP", ""}
	pick := func(ss []string) string { return ss[rng.Intn(len(ss))] }
	chance := func(p float64) bool { return rng.Float64() < p }
	var ids []string
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("sf-%05d", i)
		ids = append(ids, id)
		store := pick(stores)
		off := storeOffset[store]
		offFor := func() string { // mostly the store's offset, sometimes another
			if chance(0.2) {
				return pick(genOffsets)
			}
			return off
		}
		purchase := first.Add(time.Duration(rng.Intn(span)) * time.Second)
		latest := purchase.Add(time.Duration(24+rng.Intn(72)) * time.Hour)
		latestBare := chance(0.3)
		latestOff := offFor()
		row := shp{id: id, purchase: writeTime(purchase, offFor(), chance(0.1)), latest: writeTime(latest, latestOff, latestBare)}
		if chance(0.8) {
			row.store = store
		}
		// Confirmation relative to the ship-by instant.
		var confirm time.Time
		confirmed := chance(0.85)
		if confirmed {
			switch u := rng.Float64(); {
			case u < 0.06 && !latestBare: // exactly at the ship-by time, maybe in another offset
				confirm = latest
			case u < 0.1 && !latestBare: // one second late
				confirm = latest.Add(time.Second)
			default:
				confirm = latest.Add(time.Duration(rng.Intn(5*24*3600)-3*24*3600) * time.Second)
			}
			if confirm.Before(purchase) {
				confirm = purchase.Add(time.Hour)
			}
			row.confirm = writeTime(confirm, offFor(), chance(0.12))
		}
		if chance(0.12) {
			cancel := purchase.Add(time.Duration(rng.Intn(5*24*3600)) * time.Second)
			row.cancel = writeTime(cancel, offFor(), chance(0.2))
			row.by = []records.CancelledBy{records.CancelledSeller, records.CancelledBuyer, records.CancelledAmazon, records.CancelledUnknown}[rng.Intn(4)]
			switch {
			case confirmed && i%4 == 0: // at the confirmation's very instant, maybe written in another offset
				row.cancel = writeTime(confirm, genOffsets[i%len(genOffsets)], false)
			case confirmed && i%4 == 1 && !stamp(row.confirm).HasTime(): // on the confirmation's bare date
				row.cancel = row.confirm
			}
		}
		if confirmed || chance(0.1) {
			if chance(0.9) {
				row.tracking = fmt.Sprintf("1Z%010d", rng.Intn(1e9))
			}
			row.mark = []records.TrackingMark{records.TrackingUnmarked, records.TrackingValid, records.TrackingValid, records.TrackingInvalid}[rng.Intn(4)]
		}
		if confirmed || chance(0.05) {
			promised := latest.Add(time.Duration(2+rng.Intn(5)) * 24 * time.Hour)
			row.promised = writeTime(promised, off, true)
			if chance(0.85) {
				row.delivered = writeTime(promised.Add(time.Duration(rng.Intn(7)-4)*24*time.Hour), off, true)
			}
		}
		row.business = chance(0.35)
		if confirmed && (row.business || chance(0.1)) && chance(0.85) {
			cd := stamp(row.confirm)
			due := time.Unix(naiveDueSec(cd), 0)
			var up time.Time
			switch u := rng.Float64(); {
			case u < 0.08:
				up = due
			case u < 0.16:
				up = due.Add(time.Second)
			default:
				up = confirm.Add(time.Duration(rng.Intn(6*24*3600)) * time.Second)
			}
			upOff := offFor()
			if chance(0.15) && cd.HasTime() { // the confirmation's own offset, so the due second is exact
				_, o := cd.Instant().Zone()
				upOff = fmt.Sprintf("%+03d:%02d", o/3600, (abs(o)%3600)/60)
			}
			row.invoice = writeTime(up, upOff, chance(0.1))
		}
		sh := row.record(i)
		sh.File, sh.Line = records.Intern("shipments.csv"), int32(i+2)
		d.Shipments.Append(sh)
		if chance(0.4) { // in the orders report too, the same instant written in an offset of its own
			d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: day(writeTime(purchase, genOffsets[i%len(genOffsets)], true)), Channel: mfn, SalesChannel: records.Intern(salesChannelOf[store]),
				Business: sh.Business || chance(0.1), File: records.Intern("orders.txt"), Line: int32(d.Orders.Len() + 2)})
		}
	}
	// Orders of the orders report only, of both channels.
	for i := 0; i < n/5; i++ {
		id := fmt.Sprintf("or-%05d", i)
		ch := []records.Channel{mfn, mfn, afn, unk}[rng.Intn(4)]
		d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: civil.DateOf(first.Add(time.Duration(rng.Intn(span)) * time.Second)), Channel: ch,
			SalesChannel: records.Intern(salesChannelOf[pick(stores)]), Business: chance(0.3), File: records.Intern("orders.txt"), Line: int32(d.Orders.Len() + 2)})
		ids = append(ids, id)
	}
	// The cancellation download: known and unknown orders, both answers.
	for i := 0; i < n/10; i++ {
		var id string
		var dt civil.Date
		if chance(0.2) {
			id, dt = fmt.Sprintf("zz-%04d", rng.Intn(n/20)), civil.DateOf(first).AddDays(rng.Intn(95))
		} else {
			id = ids[rng.Intn(len(ids))]
			if o, ok := d.Orders.Get(id); ok {
				dt = o.Date
			} else {
				for j := 0; j < d.Shipments.Len(); j++ {
					if d.Shipments.At(j).OrderID() == id {
						dt = d.Shipments.At(j).Purchase.Date
					}
				}
			}
		}
		d.Cancellations = append(d.Cancellations, records.Cancellation{Key: records.KeyOf(id), Date: dt, Impacts: chance(0.7),
			File: records.Intern("cancellations.csv"), Line: int32(i + 2)})
	}
	rng.Shuffle(d.Shipments.Len(), d.Shipments.Swap)
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// The naive reading: every date comparison is done on Unix seconds, by
// hand, straight from metrics.md's Dates paragraph.

// offsetSec is a timestamp's UTC offset in seconds; a bare date has none (0).
func offsetSec(ts civil.Timestamp) int64 {
	if !ts.HasTime() {
		return 0
	}
	_, off := ts.Instant().Zone()
	return int64(off)
}

// eventSec is when event ts happened, compared with other: its instant, or
// for a bare date the start of that day in other's offset.
func eventSec(ts, other civil.Timestamp) int64 {
	if ts.HasTime() {
		return ts.Instant().Unix()
	}
	return int64(ts.Date)*86400 - offsetSec(other)
}

// deadlineSec is when deadline ts expires, compared with other: its
// instant, or for a bare date 23:59:59 of that day in other's offset.
func deadlineSec(ts, other civil.Timestamp) int64 {
	if ts.HasTime() {
		return ts.Instant().Unix()
	}
	return int64(ts.Date)*86400 + 86399 - offsetSec(other)
}

// inDays says whether d is one of the n days ending on end.
func inDays(d, end civil.Date, n int) bool { return d <= end && d > end-civil.Date(n) }

// naiveDueSec: "due = 23:59:59 on the first Monday–Friday day after the
// ship-confirmation date, in the confirmation timestamp's own UTC offset
// (holidays are business days)". 1970-01-01 was a Thursday.
func naiveDueSec(confirm civil.Timestamp) int64 {
	d := int64(confirm.Date) + 1
	for (d+4)%7 == 6 || (d+4)%7 == 0 { // Saturday, Sunday
		d++
	}
	return d*86400 + 86399 - offsetSec(confirm)
}

func naiveLateShipment(d *records.Dataset, asOf civil.Date, n int) nd {
	var r nd
	for sh := range d.Shipments.All() {
		if !inDays(sh.LatestShip.Date, asOf, n) {
			continue
		}
		confirmed := !sh.Confirm.IsZero() && sh.Confirm.Date <= asOf
		if !sh.Cancel.IsZero() && sh.Cancel.Date <= asOf &&
			(!confirmed || eventSec(sh.Cancel, sh.Confirm) < eventSec(sh.Confirm, sh.Cancel)) {
			continue // cancelled before shipment
		}
		r.Den++
		if confirmed && eventSec(sh.Confirm, sh.LatestShip) > deadlineSec(sh.LatestShip, sh.Confirm) ||
			!confirmed && sh.LatestShip.Date < asOf {
			r.Num++
		}
	}
	return r
}

// naiveCancel: the population is every order that any report dates in
// the days ending on as-of; an order counts when any row of it holds a
// counted cancellation, whatever date that row gives the order.
func naiveCancel(d *records.Dataset, asOf civil.Date, days int) (nd, []metrics.Unplaced) {
	population := map[string]bool{}
	counted := map[string]bool{}
	known := map[string]bool{}
	for sh := range d.Shipments.All() {
		known[sh.OrderID()] = true
		if inDays(sh.Purchase.Date, asOf, days) {
			population[sh.OrderID()] = true
		}
		// "A decision not to fulfil an order prior to ship-confirmation is
		// a cancelled order. Once an order is ship-confirmed, a decision
		// to accept a return or not ship an item is treated as a refund."
		// A confirmation dated after as-of has not happened yet.
		confirmed := !sh.Confirm.IsZero() && sh.Confirm.Date <= asOf
		priorToConfirmation := !confirmed || eventSec(sh.Cancel, sh.Confirm) < eventSec(sh.Confirm, sh.Cancel)
		if !sh.Cancel.IsZero() && sh.Cancel.Date <= asOf && priorToConfirmation &&
			(sh.CancelledBy == records.CancelledSeller || sh.CancelledBy == records.CancelledAmazon || sh.CancelledBy == records.CancelledUnknown) {
			counted[sh.OrderID()] = true
		}
	}
	for o := range d.Orders.All() {
		id := o.ID()
		known[id] = true
		if o.Channel == mfn && inDays(o.Date, asOf, days) {
			population[id] = true
		}
	}
	var un []metrics.Unplaced
	for _, c := range d.Cancellations {
		// An order only the download knows is a seller-fulfilled order
		// dated by the download's own Order Date.
		if !known[c.OrderID()] && inDays(c.Date, asOf, days) {
			population[c.OrderID()] = true
		}
		// Impacts = Yes is Amazon's verdict that the order's cancellation
		// counts. The download gives no cancellation date: the order's
		// date stands for it, and an order in a window ending on as-of
		// (as this reading's are) is dated on or before as-of.
		if c.Impacts {
			counted[c.OrderID()] = true
		}
	}
	var r nd
	for id := range population {
		r.Den++
		if counted[id] {
			r.Num++
		}
	}
	return r, un
}

func naiveTracking(d *records.Dataset, asOf civil.Date, days, lag int) nd {
	var r nd
	for sh := range d.Shipments.All() {
		promised, ok := sh.Promised.Get()
		if sh.Confirm.IsZero() || sh.Confirm.Date > asOf || !ok || !inDays(promised, asOf-civil.Date(lag), days) {
			continue
		}
		r.Den++
		if sh.HasTrackingID && sh.Tracking != records.TrackingInvalid {
			r.Num++
		}
	}
	return r
}

func naiveDelivery(d *records.Dataset, asOf civil.Date, days, lag int) nd {
	var r nd
	for sh := range d.Shipments.All() {
		promised, ok := sh.Promised.Get()
		if sh.Confirm.IsZero() || sh.Confirm.Date > asOf || !sh.HasTrackingID || sh.Tracking == records.TrackingInvalid ||
			!ok || !inDays(promised, asOf-civil.Date(lag), days) {
			continue
		}
		r.Den++
		if delivered, ok := sh.Delivered.Get(); ok && delivered <= asOf && delivered <= promised {
			r.Num++
		}
	}
	return r
}

// crossSettings are the rule settings the cross-check runs: the defaults
// and unusual windows.
func crossSettings(asOf civil.Date) []settings.Settings {
	a := settings.Default(asOf)
	b := settings.Default(asOf)
	setShipping(&b, shippingWindows{lsr: []int{1, 3, 60}, cancel: 14, tracking: 7, trackingLag: 0,
		delivery: 30, deliveryLag: 3, invoice: 3, invoiceLag: 10})
	// Windows reaching past as-of, so that events dated after it (a
	// confirmation, a delivery before its promise, a shipment) fall
	// inside them and must be ignored.
	c := settings.Default(asOf)
	setShipping(&c, shippingWindows{lsr: []int{10, 30}, cancel: 7, tracking: 12, trackingLag: -4,
		delivery: 10, deliveryLag: -4, invoice: 7, invoiceLag: -2})
	return []settings.Settings{a, b, c}
}

// shippingWindows are the windows of the seller-fulfilled metrics in one
// value, for the tests that vary them together.
type shippingWindows struct {
	lsr                                              []int
	lsrLag, cancel, cancelLag, tracking, trackingLag int
	delivery, deliveryLag, invoice, invoiceLag       int
}

// setShipping sets the seller-fulfilled metrics' windows.
func setShipping(s *settings.Settings, w shippingWindows) {
	s.SetWindow(metrics.LateShipmentRate, w.lsr, w.lsrLag)
	s.SetWindow(metrics.PrefulfillmentCancelRate, []int{w.cancel}, w.cancelLag)
	s.SetWindow(metrics.ValidTrackingRate, []int{w.tracking}, w.trackingLag)
	s.SetWindow(metrics.OnTimeDeliveryRate, []int{w.delivery}, w.deliveryLag)
	s.SetWindow(metrics.InvoiceDefectRate, []int{w.invoice}, w.invoiceLag)
}

// shippingOf are the seller-fulfilled metrics' windows under s.
func shippingOf(s settings.Settings) shippingWindows {
	l, c := metrics.WindowOf(s, metrics.LateShipmentRate), metrics.WindowOf(s, metrics.PrefulfillmentCancelRate)
	t, d := metrics.WindowOf(s, metrics.ValidTrackingRate), metrics.WindowOf(s, metrics.OnTimeDeliveryRate)
	i := metrics.WindowOf(s, metrics.InvoiceDefectRate)
	return shippingWindows{lsr: l.Days, lsrLag: l.Lag, cancel: c.Days[0], cancelLag: c.Lag, tracking: t.Days[0], trackingLag: t.Lag,
		delivery: d.Days[0], deliveryLag: d.Lag, invoice: i.Days[0], invoiceLag: i.Lag}
}

var crossAsOfs = []string{"2026-10-05", "2026-11-20", "2026-12-07", "2026-12-24", "2027-01-05", "2027-01-31"}

func TestShippingMatchesNaiveReading(t *testing.T) {
	for _, seed := range []int64{1, 42, 2026} {
		d := randomShipmentsAccount(rand.New(rand.NewSource(seed)), 3000)
		for _, a := range crossAsOfs {
			for k, s := range crossSettings(day(a)) {
				t.Run(fmt.Sprintf("seed=%d/asof=%s/settings=%d", seed, a, k), func(t *testing.T) {
					sh := shippingOf(s)
					lsr := metrics.LateShipment(d, s)
					if len(lsr) != len(sh.lsr) {
						t.Fatalf("%d late shipment entries", len(lsr))
					}
					for i, n := range sh.lsr {
						if want := naiveLateShipment(d, s.AsOf, n); ndOf(lsr[i]) != want || lsr[i].WindowDays != n {
							t.Errorf("late shipment %d days: got %+v (window_days %d), naive %+v", n, ndOf(lsr[i]), lsr[i].WindowDays, want)
						}
					}
					res, un := metrics.PrefulfillmentCancel(d, s)
					wantC, wantUn := naiveCancel(d, s.AsOf, sh.cancel)
					if ndOf(res[0]) != wantC {
						t.Errorf("cancel: got %+v, naive %+v", ndOf(res[0]), wantC)
					}
					if !reflect.DeepEqual(un, wantUn) {
						t.Errorf("cancel unplaced: got %d, naive %d", len(un), len(wantUn))
					}
					if got, want := ndOf(metrics.ValidTracking(d, s)), naiveTracking(d, s.AsOf, sh.tracking, sh.trackingLag); got != want {
						t.Errorf("tracking: got %+v, naive %+v", got, want)
					}
					if got, want := ndOf(metrics.OnTimeDelivery(d, s)), naiveDelivery(d, s.AsOf, sh.delivery, sh.deliveryLag); got != want {
						t.Errorf("delivery: got %+v, naive %+v", got, want)
					}
					// The data must exercise every branch at the sample date.
					if a == "2026-11-20" && k == 0 {
						if l := naiveLateShipment(d, s.AsOf, 10); l.Num == 0 || l.Num == l.Den {
							t.Errorf("late shipment too thin: %+v", l)
						}
						if wantC.Num == 0 || wantC.Num == wantC.Den {
							t.Errorf("cancellations too thin: %+v", wantC)
						}
						if v := naiveTracking(d, s.AsOf, 30, 14); v.Num == v.Den {
							t.Errorf("no invalid tracking: %+v", v)
						}
						if o := naiveDelivery(d, s.AsOf, 14, 7); o.Num == 0 || o.Num == o.Den {
							t.Errorf("on-time delivery too thin: %+v", o)
						}
					}
				})
			}
		}
	}
}

// randomCancelAccount is n seller-fulfilled orders placed around the
// cancel rate's window edges of late November 2026, for the cross-check of
// the cancel rate: each order's purchase written in a random offset (or as
// a bare date) by the shipments file and, for most, the same instant
// written in another offset by the orders report, so that the two often
// date it a day apart; cancellations by each party before, at and after
// confirmations, some dated after as-of; orders of the orders report only
// (both channels); and a cancellation download dating its orders by one
// report or the other, or by a date of its own, partly on unknown orders.
func randomCancelAccount(rng *rand.Rand, n int) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["shipments"], d.Kinds["orders"], d.Kinds["cancellations"] = true, true, true
	for _, c := range shipCols {
		d.Columns["shipments."+c] = true
	}
	first := time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC)
	span := 16 * 24 * 3600 // to 2026-11-24
	chance := func(p float64) bool { return rng.Float64() < p }
	off := func() string { return genOffsets[rng.Intn(len(genOffsets))] }
	var ids []string
	var dates []civil.Date // the shipments file's purchase date of ids[i]
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("cx-%05d", i)
		purchase := first.Add(time.Duration(rng.Intn(span)) * time.Second)
		row := shp{id: id, purchase: writeTime(purchase, off(), chance(0.15)),
			latest: writeTime(purchase.Add(48*time.Hour), off(), true)}
		var confirm time.Time
		if chance(0.5) {
			confirm = purchase.Add(time.Duration(rng.Intn(3*24*3600)) * time.Second)
			row.confirm = writeTime(confirm, off(), chance(0.2))
		}
		if chance(0.5) {
			cancel := purchase.Add(time.Duration(rng.Intn(3*24*3600)) * time.Second)
			if row.confirm != "" && chance(0.2) {
				cancel = confirm // at the confirmation's instant
			}
			row.cancel = writeTime(cancel, off(), chance(0.2))
			row.by = []records.CancelledBy{records.CancelledSeller, records.CancelledBuyer, records.CancelledAmazon, records.CancelledUnknown}[rng.Intn(4)]
		}
		sh := row.record(i)
		shipped := chance(0.9)
		if shipped {
			d.Shipments.Append(sh)
		}
		if chance(0.7) { // the orders report, in an offset of its own
			ch := mfn
			if !shipped && chance(0.3) {
				ch = afn
			}
			d.Orders.Put(records.Order{Key: sh.Key, Date: day(writeTime(purchase, off(), true)), Channel: ch,
				SalesChannel: records.Intern("Amazon.com"), File: records.Intern("orders.txt"), Line: int32(d.Orders.Len() + 2)})
		}
		ids = append(ids, id)
		dates = append(dates, sh.Purchase.Date)
	}
	for i := 0; i < n/3; i++ {
		// A date of its own, an unknown order's or a known one's.
		id, dt := fmt.Sprintf("zz-%04d", rng.Intn(n/10)), civil.DateOf(first.Add(time.Duration(rng.Intn(span))*time.Second))
		if chance(0.8) {
			k := rng.Intn(len(ids))
			id = ids[k]
			switch o, ok := d.Orders.Get(id); {
			case ok && chance(0.4):
				dt = o.Date // the orders report's
			case chance(0.6):
				dt = dates[k] // the shipments file's
			}
		}
		d.Cancellations = append(d.Cancellations, records.Cancellation{Key: records.KeyOf(id), Date: dt, Impacts: chance(0.6),
			File: records.Intern("cancellations.csv"), Line: int32(i + 2)})
	}
	return d
}

// The cancel rate against its naive reading, on orders crowded around the
// window's edges, which the shipments file and the orders report often
// date a day apart.
func TestCancelMatchesNaiveReading(t *testing.T) {
	apart, edges := 0, 0
	for _, seed := range []int64{3, 11, 2026} {
		d := randomCancelAccount(rand.New(rand.NewSource(seed)), 1500)
		for a := day("2026-11-12"); a <= day("2026-11-24"); a++ {
			for _, n := range []int{1, 3, 7} {
				s := settings.Default(a)
				s.SetWindow(metrics.PrefulfillmentCancelRate, []int{n}, 0)
				res, _ := metrics.PrefulfillmentCancel(d, s)
				want, _ := naiveCancel(d, a, n)
				if got := ndOf(res[0]); got != want {
					t.Errorf("seed %d, as-of %v, %d days: got %+v, naive %+v", seed, a, n, got, want)
				}
			}
		}
		// The data must hold orders dated apart, on both sides of an edge.
		for sh := range d.Shipments.All() {
			if o, ok := d.Orders.Lookup(sh.Key); ok && o.Date != sh.Purchase.Date {
				apart++
				if !sh.Cancel.IsZero() && (o.Date == day("2026-11-14")) != (sh.Purchase.Date == day("2026-11-14")) {
					edges++
				}
			}
		}
	}
	if apart < 100 || edges < 10 {
		t.Errorf("too few orders dated apart (%d) or cancelled across the edge of 2026-11-14 (%d)", apart, edges)
	}
}

// The cross-check's generator does produce the tricky cases it claims.
func TestRandomShipmentsAccountCoverage(t *testing.T) {
	d := randomShipmentsAccount(rand.New(rand.NewSource(1)), 3000)
	seen := map[string]int{}
	for sh := range d.Shipments.All() {
		if !sh.LatestShip.HasTime() {
			seen["bare ship-by"]++
		}
		if !sh.Confirm.IsZero() {
			if !sh.Confirm.HasTime() {
				seen["bare confirmation"]++
			}
			if sh.LatestShip.HasTime() && sh.Confirm.Instant().Equal(sh.LatestShip.Instant()) {
				seen["confirmed at the ship-by instant"]++
				if offsetSec(sh.Confirm) != offsetSec(sh.LatestShip) {
					seen["... in another offset"]++
				}
			}
			if sh.LatestShip.HasTime() && sh.Confirm.Instant().Sub(sh.LatestShip.Instant()) == time.Second {
				seen["confirmed a second late"]++
			}
			if !sh.Cancel.IsZero() {
				seen["confirmed and cancelled"]++
				switch c := eventSec(sh.Cancel, sh.Confirm) - eventSec(sh.Confirm, sh.Cancel); {
				case c < 0:
					seen["cancelled before the confirmation"]++
				case c == 0 && sh.Cancel.HasTime() && sh.Confirm.HasTime():
					seen["cancelled at the confirmation's instant"]++
				case c == 0:
					seen["cancelled on the confirmation's bare date"]++
				default:
					seen["cancelled after the confirmation"]++
				}
			}
			if !sh.Invoice.IsZero() && sh.Confirm.HasTime() && sh.Invoice.HasTime() {
				switch sh.Invoice.Instant().Unix() - naiveDueSec(sh.Confirm) {
				case 0:
					seen["upload at the due second"]++
				case 1:
					seen["upload a second late"]++
				}
			}
		}
		if !sh.Invoice.IsZero() && !sh.Invoice.HasTime() {
			seen["bare upload"]++
		}
		if !sh.Cancel.IsZero() {
			seen["cancelled by "+sh.CancelledBy.String()]++
		}
		switch {
		case !sh.HasTrackingID:
			seen["no tracking id"]++
		case sh.Tracking == records.TrackingInvalid:
			seen["tracking invalid"]++
		}
		promised, ok1 := sh.Promised.Get()
		if delivered, ok2 := sh.Delivered.Get(); ok1 && ok2 && delivered > promised {
			seen["delivered late"]++
		}
		if sh.Business && sh.Marketplace.String() == "" {
			seen["business order of no stated store"]++
		}
		if o, ok := d.Orders.Lookup(sh.Key); ok && o.Date != sh.Purchase.Date {
			seen["dated apart by the orders report"]++
			if !sh.Cancel.IsZero() {
				seen["cancelled, dated apart by the orders report"]++
			}
		}
	}
	var names []string
	for k := range seen {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, want := range []string{"bare ship-by", "bare confirmation", "confirmed at the ship-by instant", "... in another offset",
		"confirmed a second late", "confirmed and cancelled", "cancelled before the confirmation", "cancelled at the confirmation's instant",
		"cancelled on the confirmation's bare date", "cancelled after the confirmation", "upload at the due second", "upload a second late", "bare upload",
		"cancelled by seller", "cancelled by buyer", "cancelled by amazon", "cancelled by unknown", "no tracking id",
		"tracking invalid", "delivered late", "business order of no stated store", "dated apart by the orders report",
		"cancelled, dated apart by the orders report"} {
		if seen[want] < 3 {
			t.Errorf("generator made %d of %q (all: %v)", seen[want], want, names)
		}
	}
}

// Without the tracking-valid column (audit fetch's shipments file), the
// valid tracking rate is computed over tracking ids alone, and its outcome
// says so: the rate can be higher than Amazon's, which wants scans too.
func TestValidTrackingNoteWithoutValidity(t *testing.T) {
	row := shp{confirm: "2026-10-28T10:00:00Z", tracking: "1Z", promised: "2026-11-01"}
	m, _ := metrics.Lookup(metrics.ValidTrackingRate)
	without := m.Compute(shipments(shipColsWithout("tracking-valid"), row).d, defaults())
	if len(without.Notes) != 1 || !strings.Contains(without.Notes[0], "no tracking-valid column") {
		t.Errorf("notes without the column: %q", without.Notes)
	}
	if with := m.Compute(shipments(nil, row).d, defaults()); len(with.Notes) != 0 {
		t.Errorf("notes with the column: %q", with.Notes)
	}
	if none := m.Compute(noShipments().d, defaults()); len(none.Notes) != 0 {
		t.Errorf("notes without a shipments file: %q", none.Notes)
	}
}
