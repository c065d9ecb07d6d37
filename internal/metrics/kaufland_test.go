package metrics

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ku is a Kaufland unit of store created on day c (10:00Z), due on day e
// (22:59:59Z; "" none), last updated at upd (a timestamp), of status and
// cancel reason.
func ku(t *testing.T, id int64, store, c, e, upd, status, reason string, price int64) records.KauflandUnit {
	t.Helper()
	ts := func(s string) civil.Timestamp {
		v, err := civil.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	u := records.KauflandUnit{ID: id, OrderID: "O" + strconv.FormatInt(id, 10), Storefront: store, Status: status, CancelReason: reason,
		Created: ts(c + "T10:00:00Z"), Updated: ts(upd), Price: price, Currency: "EUR"}
	if e != "" {
		u.Expires = ts(e + "T22:59:59Z")
	}
	return u
}

func kauflandData(units ...records.KauflandUnit) *records.Dataset {
	d := records.NewDataset()
	d.Kinds[kindKaufland] = true
	d.Kaufland = units
	return d
}

func date(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// The month and the ISO week of as-of, to as-of.
func TestKauflandPeriods(t *testing.T) {
	if m := kauflandMonthOf(date("2026-03-01")); m.From != date("2026-03-01") || m.To != date("2026-03-01") || m.Days != 1 {
		t.Errorf("month of 2026-03-01: %+v", m)
	}
	if m := kauflandMonthOf(date("2028-02-29")); m.From != date("2028-02-01") || m.Days != 29 {
		t.Errorf("month of 2028-02-29: %+v", m)
	}
	// 2026-12-06 is a Sunday: its week began on Monday 11-30.
	if w := kauflandWeekOf(date("2026-12-06")); w.From != date("2026-11-30") || w.To != date("2026-12-06") || w.Days != 7 {
		t.Errorf("week of Sunday 2026-12-06: %+v", w)
	}
	if w := kauflandWeekOf(date("2026-12-07")); w.From != date("2026-12-07") || w.Days != 1 { // a Monday
		t.Errorf("week of Monday 2026-12-07: %+v", w)
	}
	if w := kauflandWeekOf(date("2027-01-01")); w.From != date("2026-12-28") { // a Friday; the week spans two years
		t.Errorf("week of 2027-01-01: %+v", w)
	}
	if daysInMonth(date("2028-02-01")) != 29 || daysInMonth(date("2026-12-01")) != 31 {
		t.Error("daysInMonth")
	}
}

// The fee bands: under 1 % none, 1 % to under 3 % 5 %, 3 % and above 10 %.
func TestKauflandFeeBand(t *testing.T) {
	for rate, want := range map[float64]float64{0: 0, 0.0099: 0, 0.01: 0.05, 0.0299: 0.05, 0.02999: 0.05, 0.03: 0.10, 0.5: 0.10} {
		if got := KauflandFeeBand(rate); got != want {
			t.Errorf("KauflandFeeBand(%v) = %v, want %v", rate, got, want)
		}
	}
}

// Seller reasons count, the buyer's do not, nor does an unknown reason or
// none; a unit created after as-of is ignored; each storefront has its
// entries; a rate in a fee band is named with the fee.
func TestKauflandCancellations(t *testing.T) {
	var units []records.KauflandUnit
	for i := int64(0); i < 30; i++ { // DE November: 30 sent units
		units = append(units, ku(t, 100+i, "DE", "2026-11-"+pad(1+i%30), "", "2026-11-30T12:00:00Z", "sent", "", 1000))
	}
	units = append(units,
		ku(t, 1, "DE", "2026-11-03", "", "2026-11-04T00:00:00Z", "cancelled", "NoInventory", 4000),
		ku(t, 2, "DE", "2026-11-04", "", "2026-11-04T00:00:00Z", "cancelled", "BuyerCancelled", 4000),
		ku(t, 3, "DE", "2026-11-05", "", "2026-11-05T00:00:00Z", "cancelled", "", 4000),
		ku(t, 4, "DE", "2026-11-05", "", "2026-11-05T00:00:00Z", "cancelled", "SellerOnHoliday", 4000),
		ku(t, 5, "DE", "2026-10-31", "", "2026-11-01T00:00:00Z", "cancelled", "WrongPrice", 4000), // October: outside
		ku(t, 6, "DE", "2026-12-01", "", "2026-12-01T00:00:00Z", "cancelled", "GeneralAdjustment", 1990),
		ku(t, 7, "DE", "2026-12-08", "", "2026-12-08T00:00:00Z", "cancelled", "NoInventory", 4000), // after as-of
		ku(t, 8, "CZ", "2026-11-20", "", "2026-11-21T00:00:00Z", "cancelled", "NoReactionBuyer", 4000),
		ku(t, 9, "CZ", "2026-11-21", "", "2026-11-21T00:00:00Z", "sent", "", 4000),
	)
	d := kauflandData(units...)
	out := KauflandCancellations(d, settings.Default(date("2026-11-30")))
	dec := KauflandCancellations(d, settings.Default(date("2026-12-07")))
	out.Results = append(out.Results, dec.Results...)
	out.Notes = append(out.Notes, dec.Notes...)
	s := settings.Default(date("2026-12-07"))
	if len(out.Results) != 4 {
		t.Fatalf("%d entries: %+v", len(out.Results), out.Results)
	}
	type entry struct {
		store    string
		from, to string
		num, den int
		items    string
	}
	want := []entry{
		{"CZ", "2026-11-01", "2026-11-30", 0, 2, ""},
		{"DE", "2026-11-01", "2026-11-30", 1, 34, "1 2026-11-03 NoInventory"},
		{"CZ", "2026-12-01", "2026-12-07", 0, 0, ""},
		{"DE", "2026-12-01", "2026-12-07", 1, 1, "6 2026-12-01 GeneralAdjustment"},
	}
	for i, w := range want {
		r := out.Results[i]
		var items []string
		for _, it := range r.Items {
			items = append(items, it.OrderID+" "+it.KeyDate.String()+" "+it.Events[0].Status)
		}
		if r.ID != KauflandCancellationRate || r.Marketplace != w.store || r.Window.From != date(w.from) || r.Window.To != date(w.to) ||
			r.Numerator != w.num || r.Denominator != w.den || strings.Join(items, ";") != w.items {
			t.Errorf("entry %d = %s %v %d/%d %q, want %+v", i, r.Marketplace, r.Window, r.Numerator, r.Denominator, items, w)
		}
	}
	if out.Results[1].Items[0].LeavesWindowOn != date("2026-12-01") {
		t.Errorf("leaves on %v", out.Results[1].Items[0].LeavesWindowOn)
	}
	notes := strings.Join(out.Notes, "\n")
	for _, n := range []string{
		"Kaufland DE 2026-11: seller-related cancellations 2.94 % (1 of 34 order units) are in the 5 % fee band: 2.00 EUR on the cancelled units' price",
		"Kaufland DE 2026-12 so far: seller-related cancellations 100.00 % (1 of 1 order units) are in the 10 % fee band: 1.99 EUR",
		"1 cancelled Kaufland order units without a cancel reason: not counted as the seller's",
	} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
	if strings.Contains(notes, "CZ") {
		t.Errorf("a note on CZ, under 1 %%: %s", notes)
	}
	// At exactly 3 % the higher band: 3 of 100.
	var hundred []records.KauflandUnit
	for i := int64(0); i < 100; i++ {
		st, r := "sent", ""
		if i < 3 {
			st, r = "cancelled", "DelayedInventory"
		}
		hundred = append(hundred, ku(t, i, "SK", "2026-11-10", "", "2026-11-10T12:00:00Z", st, r, 1000))
	}
	s = settings.Default(date("2026-11-30"))
	out = KauflandCancellations(kauflandData(hundred...), s)
	if !strings.Contains(strings.Join(out.Notes, "\n"), "3.00 % (3 of 100 order units) are in the 10 % fee band: 3.00 EUR") {
		t.Errorf("3 %%: %q", out.Notes)
	}
	// A window setting does not change the month: a note says so.
	s.SetWindow(KauflandCancellationRate, []int{30}, 0)
	if out := KauflandCancellations(kauflandData(hundred...), s); out.Results[0].Window.Days != 30 || !strings.Contains(strings.Join(out.Notes, "\n"), "settings are not used") {
		t.Errorf("window setting: %+v %q", out.Results[0].Window, out.Notes)
	}
	// Without the file: not computed.
	if out := KauflandCancellations(records.NewDataset(), s); len(out.Results) != 1 || out.Results[0].NotComputed == "" {
		t.Errorf("without the file: %+v", out.Results)
	}
}

func pad(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Late for sure: not marked sent and the deadline's date before as-of. On
// time: marked sent with a last update before the deadline. Undecided
// (marked sent, updated after the deadline): on time, with a note.
// Cancelled units and units without a deadline are left out.
func TestKauflandLateShipments(t *testing.T) {
	asOf := "2026-12-06" // a Sunday: the week is 11-30..12-06
	units := []records.KauflandUnit{
		ku(t, 1, "DE", "2026-11-28", "2026-11-30", "2026-11-28T10:00:00Z", "need_to_be_sent", "", 0), // late
		ku(t, 2, "DE", "2026-11-29", "2026-12-01", "2026-11-29T10:00:00Z", "open", "", 0),            // late
		ku(t, 3, "DE", "2026-12-04", "2026-12-06", "2026-12-06T22:59:58Z", "sent", "", 0),            // on time, a second before
		ku(t, 4, "DE", "2026-12-04", "2026-12-06", "2026-12-06T23:00:00Z", "received", "", 0),        // undecided
		ku(t, 5, "DE", "2026-12-04", "2026-12-06", "2026-12-05T00:00:00Z", "cancelled", "NoInventory", 0),
		ku(t, 6, "DE", "2026-12-04", "", "2026-12-05T00:00:00Z", "need_to_be_sent", "", 0),           // no deadline
		ku(t, 7, "DE", "2026-12-04", "2026-12-06", "2026-12-05T00:00:00Z", "need_to_be_sent", "", 0), // due on as-of: not late yet
		ku(t, 8, "DE", "2026-11-26", "2026-11-29", "2026-11-26T00:00:00Z", "need_to_be_sent", "", 0), // due the week before: outside
		ku(t, 9, "DE", "2026-12-07", "2026-12-06", "2026-12-07T00:00:00Z", "need_to_be_sent", "", 0), // created after as-of
		ku(t, 10, "DE", "2026-12-01", "2026-12-03", "2026-12-01T00:00:00Z", "lost", "", 0),           // unknown status
		ku(t, 11, "CZ", "2026-12-01", "2026-12-03", "2026-12-02T00:00:00Z", "sent_and_autopaid", "", 0),
		ku(t, 12, "DE", "2026-12-06", "2026-12-08", "2026-12-06T00:00:00Z", "need_to_be_sent", "", 0), // due Tuesday 12-08
	}
	d := kauflandData(units...)
	out := KauflandLateShipments(d, settings.Default(date(asOf)))
	show := func(out Outcome) string {
		var got []string
		for _, r := range out.Results {
			var items []string
			for _, it := range r.Items {
				items = append(items, it.OrderID+"@"+it.KeyDate.String())
			}
			got = append(got, r.Marketplace+" "+r.Window.From.String()+".."+r.Window.To.String()+" "+strconv.Itoa(r.Numerator)+"/"+strconv.Itoa(r.Denominator)+" "+strings.Join(items, ","))
		}
		return strings.Join(got, "\n")
	}
	if got, want := show(out), "CZ 2026-11-30..2026-12-06 0/1 \nDE 2026-11-30..2026-12-06 2/5 1@2026-11-30,2@2026-12-01"; got != want {
		t.Errorf("entries\n%s\nwant\n%s", got, want)
	}
	notes := strings.Join(out.Notes, "\n")
	for _, n := range []string{"1 Kaufland order unit marked sent, last updated after the deadline", "1 Kaufland order unit without delivery_time_expires_iso", "1 Kaufland order unit of a status the API does not list"} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
	// A unit due on Tuesday is not late on Tuesday, and late on Wednesday.
	if got, want := show(KauflandLateShipments(d, settings.Default(date("2026-12-08")))), "CZ 2026-12-07..2026-12-08 0/0 \nDE 2026-12-07..2026-12-08 0/1 "; got != want {
		t.Errorf("Tuesday\n%s\nwant\n%s", got, want)
	}
	if got, want := show(KauflandLateShipments(d, settings.Default(date("2026-12-09")))), "CZ 2026-12-07..2026-12-09 0/0 \nDE 2026-12-07..2026-12-09 1/1 12@2026-12-08"; got != want {
		t.Errorf("Wednesday\n%s\nwant\n%s", got, want)
	}
	// Without the file: not computed.
	if out := KauflandLateShipments(records.NewDataset(), settings.Default(date(asOf))); len(out.Results) != 1 || out.Results[0].NotComputed == "" {
		t.Errorf("without the file: %+v", out.Results)
	}
}
