package metrics

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Kaufland's own figures, from the Seller API's order units
// (records.KauflandUnit; docs/metrics.md, "Kaufland cancellations and late
// shipments"). Each storefront (DE, CZ, SK, ...) has its entries, judged by
// the kaufland profile whatever the account's store.

// The Kaufland metrics' ids.
const (
	KauflandCancellationRate = "kaufland_cancellation_rate"
	KauflandLateShipmentRate = "kaufland_late_shipment_rate"
)

// kindKaufland is the Kaufland order units document (input.Kind).
const kindKaufland = "kaufland-order-units"

// The windows are calendar periods, not day counts: a month (Kaufland:
// "under 1% of all orders per month") and an ISO week (Monday to Sunday).
// Days holds the longest such period only because every metric has a
// length; a window_days setting does not change the period (a note says
// so).
var (
	kauflandMonth = settings.Window{Days: []int{31}}
	kauflandWeek  = settings.Window{Days: []int{7}}
)

var kauflandCancellationMetric = Metric{
	ID: KauflandCancellationRate, Title: "Kaufland Seller Cancellation Rate", Short: "KL-CANCEL", Abbrev: "KCR",
	Command: "kaufland", Source: "Kaufland Seller University, order management", Platform: "kaufland",
	KeyedOn: "order units created", Counts: "cancelled by the seller", Population: "order units", Scope: "Kaufland order units",
	Clean:     [2]string{"order unit not cancelled by the seller", "order units not cancelled by the seller"},
	ListTitle: "Seller-related cancellations",
	Scale:     1, Window: kauflandMonth,
	Reads:          []string{kindKaufland},
	Base:           Base{Kinds: []string{kindKaufland}, Field: records.Ordered},
	OnlyWithInputs: true,
	Compute:        KauflandCancellations,
}

var kauflandLateShipmentMetric = Metric{
	ID: KauflandLateShipmentRate, Title: "Kaufland Late Shipment Rate", Short: "KL-LATE", Abbrev: "KLSR",
	Command: "kaufland", Source: "no published Kaufland definition (policy)", Platform: "kaufland",
	KeyedOn: "order units due", Counts: "late", Population: "order units due", Scope: "Kaufland order units",
	WindowDate: WindowDate{Short: "due", Long: "Due to be sent"},
	Clean:      [2]string{"order unit sent on time", "order units sent on time"},
	ListTitle:  "Order units not sent by their deadline",
	Scale:      1, Window: kauflandWeek,
	Reads:          []string{kindKaufland},
	Base:           Base{Kinds: []string{kindKaufland}, Field: records.ShipBy},
	OnlyWithInputs: true,
	Compute:        KauflandLateShipments,
}

// KauflandSellerReasons are the cancel reasons (OrderUnitCancelReason)
// counted as the seller's. Kaufland does not publish the split (its
// cancellations report only offers cancellation_type seller_related); it
// is inferred from the names: the seller had no stock or stock late,
// priced or described the item wrongly, or adjusted the order itself.
// GeneralAdjustment is counted as the seller's, so that the figure never
// under-reports. BuyerCancelled, NoReactionBuyer,
// ShippingAddressUndeliverable, UndeliverableRegion and
// MerchandiseNotReceived (after sending) are not; nor is a reason the API
// does not list, or none.
var KauflandSellerReasons = map[string]bool{
	"NoInventory": true, "DelayedInventory": true, "WrongPrice": true, "WrongCatalogData": true, "GeneralAdjustment": true,
}

// Kaufland's fee bands on seller-related cancellations (order management
// page): under 1 % none; from 1 % to 2.99 %, 5 % of the cancelled units'
// price; "over 3 %", 10 %. A rate of exactly 3.00 % is in neither band of
// the text; it is put in the 10 % band (the lower band ends at 2.99 %):
// unconfirmed.
const (
	kauflandFeeFrom   = 0.01
	kauflandFeeHigher = 0.03
)

// KauflandFeeBand is the share of the cancelled units' price Kaufland
// charges at a seller-related cancellation rate: 0, 0.05 or 0.10.
func KauflandFeeBand(rate float64) float64 {
	switch {
	case rate >= kauflandFeeHigher:
		return 0.10
	case rate >= kauflandFeeFrom:
		return 0.05
	}
	return 0
}

// Kaufland's order unit statuses, by what they say of sending: marked
// sent (and maybe received or returned since), or not yet.
var (
	kauflandSent   = map[string]bool{"sent": true, "sent_and_autopaid": true, "received": true, "returned": true, "returned_paid": true}
	kauflandUnsent = map[string]bool{"need_to_be_sent": true, "open": true}
)

// monthStart is the first day of d's month.
func monthStart(d civil.Date) civil.Date {
	y, m, _ := d.Time().Date()
	return civil.NewDate(y, m, 1)
}

// weekStart is the Monday of d's ISO week.
func weekStart(d civil.Date) civil.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// span is the window from..to.
func span(from, to civil.Date) Window { return Window{From: from, To: to, Days: int(to-from) + 1} }

// kauflandMonth is the month of as-of, from its first day to as-of: on
// the month's last day it is the whole month, the figure Kaufland charges
// on.
func kauflandMonthOf(asOf civil.Date) Window { return span(monthStart(asOf), asOf) }

// kauflandWeekOf is the ISO week of as-of, from its Monday to as-of.
func kauflandWeekOf(asOf civil.Date) Window { return span(weekStart(asOf), asOf) }

// kauflandStores are the storefronts the units name, sorted (also those of
// units created after as-of, so that every date of a trend has the same
// entries); [""] when there is none.
func kauflandStores(d *records.Dataset) []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range d.Kaufland {
		if !seen[u.Storefront] {
			seen[u.Storefront] = true
			out = append(out, u.Storefront)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	sort.Strings(out)
	return out
}

// kauflandPeriodNote says that a window setting does not change a
// calendar period.
func kauflandPeriodNote(s settings.Settings, id, title string, def settings.Window, period string) []string {
	w := s.Window(id, def)
	if len(w.Days) == 1 && w.Days[0] == def.Days[0] && w.Lag == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s is measured per calendar %s (Kaufland's rule): its window_days and lag_days settings are not used", title, period)}
}

// KauflandCancellations is the seller-related cancellation rate per
// storefront and calendar month: the order units created in the month
// (by ts_created_iso's date as written) that are cancelled with a reason
// of KauflandSellerReasons, over all the units created in the month,
// cancelled or not. Units created after as-of are ignored; a unit's
// status is the file's (a cancellation the file shows counts in its
// unit's month, whenever it happened). One entry per storefront: the
// month of as-of, from its first day to as-of (an audit as of a month's
// last day gives the whole month, the figure Kaufland charges on). Where a rate
// is in a fee band, a note gives the band and the fee on the cancelled
// units' price.
func KauflandCancellations(d *records.Dataset, s settings.Settings) Outcome {
	if !d.Has(kindKaufland) {
		return Outcome{Results: []Result{Missing(KauflandCancellationRate, "no Kaufland order units among the inputs (the Seller API's GET /v2/order-units, saved as JSON)")}}
	}
	out := Outcome{Notes: kauflandPeriodNote(s, KauflandCancellationRate, "The Kaufland seller cancellation rate", kauflandMonth, "month")}
	stores := kauflandStores(d)
	var noReason int
	w := kauflandMonthOf(s.AsOf)
	for _, store := range stores {
		r := Result{ID: KauflandCancellationRate, Marketplace: store, Window: w, Calendar: CalendarMonth, Items: []Item{}}
		fee := map[string]int64{} // currency -> cancelled price, cents
		for _, u := range d.Kaufland {
			if u.Storefront != store || !w.Contains(u.Created.Date) {
				continue
			}
			r.Denominator++
			if u.Status != "cancelled" {
				continue
			}
			if u.CancelReason == "" {
				noReason++
			}
			if !KauflandSellerReasons[u.CancelReason] {
				continue
			}
			r.Numerator++
			fee[u.Currency] += u.Price
			r.Items = append(r.Items, Item{OrderID: strconv.FormatInt(u.ID, 10), OrderDate: u.Created.Date, KeyDate: u.Created.Date,
				Events:         []Event{{Type: "seller_cancellation", Date: u.Updated.Date, Status: u.CancelReason}},
				LeavesWindowOn: w.From.AddDays(daysInMonth(w.From))})
		}
		sortItems(r.Items)
		out.Results = append(out.Results, r)
		if v, ok := r.Value(); ok && KauflandFeeBand(v) > 0 {
			out.Notes = append(out.Notes, kauflandFeeNote(r, v, fee, s.AsOf))
		}
	}
	if noReason > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%d cancelled Kaufland order units without a cancel reason: not counted as the seller's", noReason))
	}
	return out
}

// daysInMonth is the number of days of the month starting on first.
func daysInMonth(first civil.Date) int {
	y, m, _ := first.Time().Date()
	return int(civil.NewDate(y, m+1, 1) - first)
}

// kauflandFeeNote names the fee band of an entry and the fee on the
// cancelled units' price, per currency.
func kauflandFeeNote(r Result, rate float64, fee map[string]int64, asOf civil.Date) string {
	band := KauflandFeeBand(rate)
	month := r.Window.From.Time().Format("2006-01")
	running := ""
	if r.Window.To == asOf && r.Window.To.AddDays(1) != monthStart(r.Window.To.AddDays(1)) {
		running = " so far"
	}
	currencies := make([]string, 0, len(fee))
	for c := range fee {
		currencies = append(currencies, c)
	}
	sort.Strings(currencies)
	amounts := ""
	for i, c := range currencies {
		if i > 0 {
			amounts += ", "
		}
		cents := int64(float64(fee[c])*band + 0.5)
		amounts += fmt.Sprintf("%d.%02d %s", cents/100, cents%100, c)
	}
	return fmt.Sprintf("Kaufland %s %s%s: seller-related cancellations %.2f %% (%d of %d order units) are in the %d %% fee band: %s on the cancelled units' price (bands 1-2.99 %% and over 3 %%; exactly 3.00 %% taken as 10 %%, unconfirmed)",
		r.Marketplace, month, running, rate*100, r.Numerator, r.Denominator, int(band*100+0.5), amounts)
}

// KauflandLateShipments is the late shipment rate per storefront and ISO
// week: of the order units due in the week (delivery_time_expires_iso's
// date as written), not cancelled, created by as-of, those the data shows
// late. The API gives no time a unit was marked sent, so only two cases
// are decided: a unit not yet marked sent (need_to_be_sent, open) whose
// deadline's date is before as-of is late; a unit marked sent (sent,
// sent_and_autopaid, received, returned, returned_paid) whose last update
// (ts_updated_iso) is before its deadline was sent on time. A unit marked
// sent whose last update is after its deadline may have been sent late or
// changed since (received, returned): it is counted on time, and a note
// counts such units, so the rate is a lower bound. A unit without a
// deadline, or of a status the API does not list, is left out (counted in
// a note). One entry per storefront: the week of as-of, from its Monday
// to as-of.
func KauflandLateShipments(d *records.Dataset, s settings.Settings) Outcome {
	if !d.Has(kindKaufland) {
		return Outcome{Results: []Result{Missing(KauflandLateShipmentRate, "no Kaufland order units among the inputs (the Seller API's GET /v2/order-units, saved as JSON)")}}
	}
	out := Outcome{Notes: kauflandPeriodNote(s, KauflandLateShipmentRate, "The Kaufland late shipment rate", kauflandWeek, "week (Monday to Sunday)")}
	stores := kauflandStores(d)
	var undecided, noDeadline, unknown int
	for _, u := range d.Kaufland {
		if u.Created.Date > s.AsOf || u.Status == "cancelled" {
			continue
		}
		switch {
		case !kauflandSent[u.Status] && !kauflandUnsent[u.Status]:
			unknown++
		case u.Expires.IsZero():
			noDeadline++
		}
	}
	w := kauflandWeekOf(s.AsOf)
	for _, store := range stores {
		r := Result{ID: KauflandLateShipmentRate, Marketplace: store, Window: w, Calendar: CalendarWeek, Items: []Item{}}
		for _, u := range d.Kaufland {
			if u.Storefront != store || u.Created.Date > s.AsOf || u.Status == "cancelled" || u.Expires.IsZero() || !w.Contains(u.Expires.Date) {
				continue
			}
			switch {
			case kauflandUnsent[u.Status]:
				r.Denominator++
				if u.Expires.Date < s.AsOf {
					r.Numerator++
					r.Items = append(r.Items, Item{OrderID: strconv.FormatInt(u.ID, 10), OrderDate: u.Created.Date, KeyDate: u.Expires.Date,
						Events:         []Event{{Type: "late_shipment", Status: "still " + u.Status}},
						LeavesWindowOn: w.From.AddDays(7)})
				}
			case kauflandSent[u.Status]:
				r.Denominator++
				if u.Updated.Compare(u.Expires) > 0 {
					undecided++
				}
			}
		}
		sortItems(r.Items)
		out.Results = append(out.Results, r)
	}
	if undecided > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%s marked sent, last updated after the deadline: the API gives no time a unit was sent, so these count as on time and the Kaufland late shipment rate is a lower bound",
			kauflandUnits(undecided)))
	}
	if noDeadline > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%s without delivery_time_expires_iso: left out of the Kaufland late shipment rate", kauflandUnits(noDeadline)))
	}
	if unknown > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%s of a status the API does not list: left out of the Kaufland late shipment rate", kauflandUnits(unknown)))
	}
	return out
}

// kauflandUnits writes "1 Kaufland order unit", "2 Kaufland order units".
func kauflandUnits(n int) string {
	if n == 1 {
		return "1 Kaufland order unit"
	}
	return strconv.Itoa(n) + " Kaufland order units"
}
