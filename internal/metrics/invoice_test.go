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

// The rule under test is metrics.md, "Invoice Defect Rate (IDR)":
// "population = shipped business orders with order date in [as-of − 13,
// as-of − 7]; due = 23:59:59 on the first Monday–Friday day after the
// ship-confirmation date, in the confirmation timestamp's own UTC offset
// (holidays are business days); missing = no upload dated on or before
// as-of; late = uploaded after the due instant. One entry per store present
// in the data." With as-of 2026-11-20 the window is 2026-11-07..2026-11-13.

// InvoiceDue for each weekday, holidays, offsets and bare dates. The want
// is RFC 3339, so both the instant and the offset it is written in are
// checked.
func TestInvoiceDue(t *testing.T) {
	cases := []struct{ confirm, want, why string }{
		// The first Monday–Friday day after the confirmation day.
		{"2026-11-09T10:00:00+01:00", "2026-11-10T23:59:59+01:00", "Monday: due Tuesday"},
		{"2026-11-10T10:00:00+01:00", "2026-11-11T23:59:59+01:00", "Tuesday: due Wednesday"},
		{"2026-11-11T10:00:00+01:00", "2026-11-12T23:59:59+01:00", "Wednesday: due Thursday"},
		{"2026-11-12T10:00:00+01:00", "2026-11-13T23:59:59+01:00", "Thursday: due Friday"},
		{"2026-11-13T10:00:00+01:00", "2026-11-16T23:59:59+01:00", "Friday: due Monday"},
		{"2026-11-14T10:00:00+01:00", "2026-11-16T23:59:59+01:00", "Saturday: due Monday"},
		{"2026-11-15T10:00:00+01:00", "2026-11-16T23:59:59+01:00", "Sunday: due Monday"},
		{"2026-11-13T23:59:59+01:00", "2026-11-16T23:59:59+01:00", "Friday's last second: due Monday"},
		{"2026-11-14T00:00:00+01:00", "2026-11-16T23:59:59+01:00", "Saturday's first second: due Monday"},
		{"2026-11-16T00:00:00+01:00", "2026-11-17T23:59:59+01:00", "Monday's first second: due Tuesday"},
		{"2026-11-15T23:59:59+01:00", "2026-11-16T23:59:59+01:00", "Sunday's last second: due Monday"},
		// Public holidays are business days.
		{"2026-12-24T15:00:00+01:00", "2026-12-25T23:59:59+01:00", "Christmas Day (Friday) is a business day"},
		{"2026-12-25T15:00:00+01:00", "2026-12-28T23:59:59+01:00", "confirmed on Christmas Day (Friday): due Monday"},
		{"2026-12-31T15:00:00+01:00", "2027-01-01T23:59:59+01:00", "New Year's Day (Friday) is a business day"},
		{"2026-04-02T15:00:00+02:00", "2026-04-03T23:59:59+02:00", "Good Friday is a business day"},
		{"2026-04-03T15:00:00+02:00", "2026-04-06T23:59:59+02:00", "Easter Monday is a business day"},
		{"2026-04-05T15:00:00+02:00", "2026-04-06T23:59:59+02:00", "Easter Sunday: due Easter Monday"},
		// Month and year ends.
		{"2027-01-29T10:00:00+01:00", "2027-02-01T23:59:59+01:00", "Friday at a month end: due Monday of the next month"},
		{"2028-02-28T10:00:00+01:00", "2028-02-29T23:59:59+01:00", "leap day"},
		// The confirmation's own date and offset, never re-zoned.
		{"2026-11-12T23:30:00-08:00", "2026-11-13T23:59:59-08:00", "Thursday in -08:00 (Friday in UTC): due Friday in -08:00"},
		{"2026-11-14T00:30:00+01:00", "2026-11-16T23:59:59+01:00", "Saturday in +01:00 (Friday in UTC): due Monday in +01:00"},
		{"2026-11-13T10:00:00Z", "2026-11-16T23:59:59Z", "UTC written Z"},
		{"2026-11-13T10:00:00+05:30", "2026-11-16T23:59:59+05:30", "half-hour offset"},
		{"2026-11-13T10:00:00", "2026-11-16T23:59:59Z", "no offset: as written, UTC"},
		// A bare confirmation date: UTC.
		{"2026-11-13", "2026-11-16T23:59:59Z", "bare Friday"},
		{"2026-11-11", "2026-11-12T23:59:59Z", "bare Wednesday"},
	}
	for _, c := range cases {
		got := metrics.InvoiceDue(stamp(c.confirm))
		if s := got.Format(time.RFC3339); s != c.want {
			t.Errorf("%s: InvoiceDue(%s) = %s, want %s", c.why, c.confirm, s, c.want)
		}
	}
}

// idrFig is one IDR entry's figures.
type idrFig struct {
	Store                   string
	Num, Den, Missing, Late int
}

func idrFigs(rs []metrics.Result) []idrFig {
	var out []idrFig
	for _, r := range rs {
		out = append(out, idrFig{r.Marketplace, r.Numerator, r.Denominator,
			r.Components.Get(metrics.ComponentMissingInvoice), r.Components.Get(metrics.ComponentLateInvoice)})
	}
	return out
}

// vi is one row of the VAT invoice data report, as the reader keeps it
// (refunds and Amazon-invoiced rows are already left out by the reader).
type vi struct {
	id, store, ordered, shipped string
	business, uploaded          bool
}

// vatInvoices adds a VAT invoice data report.
func (a sf) vatInvoices(rows ...vi) sf {
	a.d.Kinds["vat-invoices"] = true
	for i, r := range rows {
		if r.id == "" {
			r.id = fmt.Sprintf("vat-%d", i+1)
		}
		a.d.Invoices = append(a.d.Invoices, records.Invoice{Key: records.KeyOf(r.id), Marketplace: records.Intern(r.store), OrderDate: day(r.ordered),
			Shipped: stampP(r.shipped), Business: r.business, Uploaded: r.uploaded, File: records.Intern("vat.txt"), Line: int32(i + 2)})
	}
	return a
}

// biz is a DE business order of the shipments file.
func biz(purchase, confirm, invoice string) shp {
	return shp{store: "DE", purchase: purchase, confirm: confirm, business: true, invoice: invoice}
}

const (
	idrNeedInput    = "needs the shipments file with invoice-upload-date (your order system writes it: docs/formats.md), or Amazon's VAT invoice data report (docs/downloads.md)"
	idrNeedBusiness = "needs is-business-order in the shipments file or the All Orders report"
	idrNotEU5       = "applies to business orders of the UK, DE, FR, IT and ES stores only; these reports are from US"
	idrNoStore      = "the reports do not say which store the orders belong to; pass --marketplace (IDR applies to UK, DE, FR, IT and ES)"
)

func TestInvoiceDefect(t *testing.T) {
	// A Friday confirmation of an order placed on Thursday 2026-11-12.
	const thu, fri = "2026-11-12T09:00:00+01:00", "2026-11-13T10:00:00+01:00"
	de := func(f ...idrFig) []idrFig { return f }
	cases := []struct {
		name    string
		data    sf
		asOf    string // "" is 2026-11-20
		account string // settings.Marketplace, the store storeOf falls back on
		want    []idrFig
		why     string // not computed
	}{
		// Due 23:59:59 on the first Monday–Friday day after confirmation.
		{name: "Friday confirmation, upload Monday 23:59:59: on time",
			data: shipments(nil, biz(thu, fri, "2026-11-16T23:59:59+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Friday confirmation, upload Tuesday 00:00:00: late",
			data: shipments(nil, biz(thu, fri, "2026-11-17T00:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "Friday confirmation, upload Saturday: on time",
			data: shipments(nil, biz(thu, fri, "2026-11-14T10:00:00+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Saturday confirmation, upload Monday 23:59:59: on time",
			data: shipments(nil, biz("2026-11-13T08:00:00+01:00", "2026-11-14T09:00:00+01:00", "2026-11-16T23:59:59+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Saturday confirmation, upload Tuesday 00:00:00: late",
			data: shipments(nil, biz("2026-11-13T08:00:00+01:00", "2026-11-14T09:00:00+01:00", "2026-11-17T00:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "Sunday confirmation, upload Monday 23:59:59: on time",
			data: shipments(nil, biz("2026-11-13T08:00:00+01:00", "2026-11-15T18:00:00+01:00", "2026-11-16T23:59:59+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Sunday confirmation, upload Tuesday 00:00:00: late",
			data: shipments(nil, biz("2026-11-13T08:00:00+01:00", "2026-11-15T18:00:00+01:00", "2026-11-17T00:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "Thursday confirmation, upload Friday 23:59:59: on time",
			data: shipments(nil, biz("2026-11-11T08:00:00+01:00", thu, "2026-11-13T23:59:59+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Thursday confirmation, upload Saturday 00:00:00: late (due Friday, not the next Monday)",
			data: shipments(nil, biz("2026-11-11T08:00:00+01:00", thu, "2026-11-14T00:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},

		// Holidays are business days.
		{name: "Christmas Day (Friday) is a business day: upload that day on time", asOf: "2026-12-31",
			data: shipments(nil, biz("2026-12-23T10:00:00+01:00", "2026-12-24T15:00:00+01:00", "2026-12-25T23:59:59+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Christmas Day (Friday) is a business day: upload Saturday late", asOf: "2026-12-31",
			data: shipments(nil, biz("2026-12-23T10:00:00+01:00", "2026-12-24T15:00:00+01:00", "2026-12-26T00:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "Easter Monday is a business day: Good Friday confirmation due that Monday", asOf: "2026-04-10",
			data: shipments(nil, biz("2026-04-02T10:00:00+02:00", "2026-04-03T15:00:00+02:00", "2026-04-07T00:00:00+02:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "Easter Monday: upload its last second on time", asOf: "2026-04-10",
			data: shipments(nil, biz("2026-04-02T10:00:00+02:00", "2026-04-03T15:00:00+02:00", "2026-04-06T23:59:59+02:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "Good Friday is a business day: Thursday confirmation, upload Saturday late", asOf: "2026-04-10",
			data: shipments(nil, biz("2026-04-01T10:00:00+02:00", "2026-04-02T15:00:00+02:00", "2026-04-04T09:00:00+02:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},

		// The due time is in the confirmation's own offset; instants compare.
		{name: "+01:00 confirmation, upload 2026-11-16T23:30Z (Tuesday 00:30 in +01:00): late",
			data: shipments(nil, biz(thu, fri, "2026-11-16T23:30:00Z")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "+01:00 confirmation, upload 2026-11-16T22:59:59+00:00 (the due second): on time",
			data: shipments(nil, biz(thu, fri, "2026-11-16T22:59:59+00:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "+01:00 confirmation, upload 2026-11-16T23:00:00+00:00 (a second after due): late",
			data: shipments(nil, biz(thu, fri, "2026-11-16T23:00:00+00:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "confirmation written Thursday -08:00 (Friday in UTC) is due Friday: upload Saturday late",
			data: shipments(nil, biz(thu, "2026-11-12T23:30:00-08:00", "2026-11-14T09:00:00-08:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "bare confirmation date: due Monday 23:59:59 UTC, upload then on time",
			data: shipments(nil, biz(thu, "2026-11-13", "2026-11-16T23:59:59Z")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "bare confirmation date: upload Tuesday 00:30+01:00 (Monday 23:30 UTC) on time",
			data: shipments(nil, biz(thu, "2026-11-13", "2026-11-17T00:30:00+01:00")), want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "bare confirmation date: upload Tuesday 00:00:00Z late",
			data: shipments(nil, biz(thu, "2026-11-13", "2026-11-17T00:00:00Z")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "bare upload date is the start of its day in the confirmation's offset: Tuesday is late",
			data: shipments(nil, biz(thu, "2026-11-13T10:00:00-05:00", "2026-11-17")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "bare upload date on the due Monday: on time",
			data: shipments(nil, biz(thu, "2026-11-13T10:00:00-05:00", "2026-11-16")), want: de(idrFig{"DE", 0, 1, 0, 0})},

		// Missing: no upload dated (as written) on or before as-of.
		{name: "no upload: missing",
			data: shipments(nil, biz(thu, fri, "")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "upload after as-of: missing",
			data: shipments(nil, biz(thu, fri, "2026-11-21T08:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "upload written 2026-11-21 (+01:00; 11-20 in UTC): missing",
			data: shipments(nil, biz(thu, fri, "2026-11-21T00:30:00+01:00")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "upload dated as-of: there, but late",
			data: shipments(nil, biz(thu, fri, "2026-11-20T23:00:00+01:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},
		{name: "upload written 2026-11-20 (-08:00; 11-21 in UTC): there, but late",
			data: shipments(nil, biz(thu, fri, "2026-11-20T23:30:00-08:00")), want: de(idrFig{"DE", 1, 1, 0, 1})},

		// Window by order date: [as-of − 13, as-of − 7].
		{name: "ordered as-of - 13: in",
			data: shipments(nil, biz("2026-11-07T10:00:00+01:00", "2026-11-09T10:00:00+01:00", "")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "ordered as-of - 14: out",
			data: shipments(nil, biz("2026-11-06T10:00:00+01:00", "2026-11-09T10:00:00+01:00", "")), want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "ordered as-of - 7: in",
			data: shipments(nil, biz("2026-11-13T10:00:00+01:00", "2026-11-16T10:00:00+01:00", "")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "ordered as-of - 6: out",
			data: shipments(nil, biz("2026-11-14T10:00:00+01:00", "2026-11-16T10:00:00+01:00", "")), want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "ordered 2026-11-07T00:30+01:00 (11-06 in UTC): in",
			data: shipments(nil, biz("2026-11-07T00:30:00+01:00", "2026-11-09T10:00:00+01:00", "")), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "ordered 2026-11-06T23:30+01:00: out",
			data: shipments(nil, biz("2026-11-06T23:30:00+01:00", "2026-11-09T10:00:00+01:00", "")), want: de(idrFig{"DE", 0, 0, 0, 0})},

		// Shipped business orders only.
		{name: "not a business order: out (the store still has an entry)",
			data: shipments(nil, shp{store: "DE", purchase: thu, confirm: fri}), want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "business flag from the orders report counts",
			data: shipments(nil, shp{id: "A", store: "DE", purchase: thu, confirm: fri}).orders(ord{"A", "2026-11-12", mfn, true, "Amazon.de"}),
			want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "business flag from the orders report, without the column in the shipments file",
			data: shipments(shipColsWithout("is-business-order"), shp{id: "A", store: "DE", purchase: thu, confirm: fri}, shp{id: "B", store: "DE", purchase: thu, confirm: fri}).
				orders(ord{"A", "2026-11-12", mfn, true, "Amazon.de"}, ord{"B", "2026-11-12", mfn, false, "Amazon.de"}),
			want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "unconfirmed: out",
			data: shipments(nil, biz(thu, "", "")), want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "confirmed after as-of: out",
			data: shipments(nil, biz(thu, "2026-11-21T10:00:00+01:00", "")), want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "confirmation written 2026-11-21 (11-20 in UTC): out",
			data: shipments(nil, biz(thu, "2026-11-21T00:30:00+01:00", "2026-11-21T00:40:00+01:00")), want: de(idrFig{"DE", 0, 0, 0, 0})},

		// One entry per EU5 store present, sorted.
		{name: "DE and FR: two entries, sorted",
			data: shipments(nil,
				shp{store: "FR", purchase: thu, confirm: fri, business: true, invoice: "2026-11-18T10:00:00+01:00"},
				biz(thu, fri, ""),
				biz(thu, fri, "2026-11-16T10:00:00+01:00"),
			), want: de(idrFig{"DE", 1, 2, 1, 0}, idrFig{"FR", 1, 1, 0, 1})},
		{name: "a store present with nothing in the window has an empty entry",
			data: shipments(nil,
				shp{store: "FR", purchase: thu, confirm: fri, business: true},
				biz("2026-10-01", "2026-10-02", ""),
			), want: de(idrFig{"DE", 0, 0, 0, 0}, idrFig{"FR", 1, 1, 1, 0})},
		{name: "US orders beside DE ones: only DE",
			data: shipments(nil, shp{store: "US", purchase: thu, confirm: fri, business: true}, biz(thu, fri, "")),
			want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "orders of no known store beside DE ones: only DE, the others left out",
			data: shipments(nil, shp{purchase: thu, confirm: fri, business: true}, biz(thu, fri, "")),
			want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "all five EU5 stores",
			data: shipments(nil,
				shp{store: "UK", purchase: thu, confirm: fri, business: true},
				shp{store: "ES", purchase: thu, confirm: fri, business: true},
				shp{store: "IT", purchase: thu, confirm: fri, business: true},
				shp{store: "FR", purchase: thu, confirm: fri, business: true},
				shp{store: "DE", purchase: thu, confirm: fri, business: true},
				shp{store: "NL", purchase: thu, confirm: fri, business: true},
			), want: de(idrFig{"DE", 1, 1, 1, 0}, idrFig{"ES", 1, 1, 1, 0}, idrFig{"FR", 1, 1, 1, 0}, idrFig{"IT", 1, 1, 1, 0}, idrFig{"UK", 1, 1, 1, 0})},
		{name: "US orders only: not computed",
			data: shipments(nil, shp{store: "US", purchase: thu, confirm: fri, business: true}), why: idrNotEU5},
		{name: "JP orders only: not computed",
			data: shipments(nil, shp{store: "JP", purchase: thu, confirm: fri, business: true}), why: strings.Replace(idrNotEU5, "from US", "from JP", 1)},
		{name: "no store known: not computed, asks for --marketplace",
			data: shipments(nil, shp{purchase: thu, confirm: fri, business: true}), why: idrNoStore},
		{name: "no store known beside US orders: asks for --marketplace",
			data: shipments(nil, shp{purchase: thu, confirm: fri, business: true}, shp{store: "US", purchase: thu, confirm: fri, business: true}), why: idrNoStore},
		{name: "store from the orders report's sales channel",
			data: shipments(nil, shp{id: "A", purchase: thu, confirm: fri, business: true}).orders(ord{"A", "2026-11-12", mfn, false, "Amazon.co.uk"}),
			want: de(idrFig{"UK", 1, 1, 1, 0})},
		{name: "store from --marketplace",
			data: shipments(nil, shp{purchase: thu, confirm: fri, business: true}), account: "IT",
			want: de(idrFig{"IT", 1, 1, 1, 0})},
		{name: "the file's own store wins over the sales channel and --marketplace",
			data: shipments(nil, shp{id: "A", store: "FR", purchase: thu, confirm: fri, business: true}).orders(ord{"A", "2026-11-12", mfn, false, "Amazon.de"}), account: "IT",
			want: de(idrFig{"FR", 1, 1, 1, 0})},
		{name: "empty shipments file of a DE account: an empty DE entry (no data)",
			data: shipments(nil), account: "DE", want: de(idrFig{"DE", 0, 0, 0, 0})},
		{name: "empty shipments file, store unknown: asks for --marketplace",
			data: shipments(nil), why: idrNoStore},
		{name: "empty shipments file of a US account: not computed",
			data: shipments(nil), account: "US", why: idrNotEU5},

		// Inputs.
		{name: "no shipments file, no VAT report", data: noShipments().orders(ord{"A", "2026-11-12", mfn, true, "Amazon.de"}), why: idrNeedInput},
		{name: "shipments file without invoice-upload-date", data: shipments(shipColsWithout("invoice-upload-date"), biz(thu, fri, "")), why: idrNeedInput},
		{name: "shipments file without is-business-order, no orders report", data: shipments(shipColsWithout("is-business-order"), biz(thu, fri, "")), why: idrNeedBusiness},
		{name: "shipments file without is-business-order, orders report without it either",
			data: func() sf {
				a := shipments(shipColsWithout("is-business-order"), biz(thu, fri, "")).orders(ord{"X", "2026-11-12", mfn, true, "Amazon.de"})
				delete(a.d.Columns, "orders.is-business-order")
				return a
			}(), why: idrNeedBusiness},

		// The VAT invoice data report: it says whether an invoice was
		// uploaded, not when, so only missing invoices are found.
		{name: "VAT report: not uploaded is missing, uploaded is fine, never late",
			data: noShipments().vatInvoices(
				vi{store: "DE", ordered: "2026-11-12", shipped: fri, business: true, uploaded: false},
				vi{store: "DE", ordered: "2026-11-12", shipped: fri, business: true, uploaded: true},
				vi{store: "DE", ordered: "2026-11-07", shipped: "2026-11-07T10:00:00+01:00", business: true, uploaded: true},
			), want: de(idrFig{"DE", 1, 3, 1, 0})},
		{name: "VAT report: not business, not shipped, shipped after as-of: out",
			data: noShipments().vatInvoices(
				vi{store: "DE", ordered: "2026-11-12", shipped: fri, business: false},
				vi{store: "DE", ordered: "2026-11-12", shipped: "", business: true},
				vi{store: "DE", ordered: "2026-11-12", shipped: "2026-11-21T09:00:00+01:00", business: true},
				vi{store: "DE", ordered: "2026-11-12", shipped: "2026-11-21T00:30:00+01:00", business: true},
				vi{store: "DE", ordered: "2026-11-12", shipped: "2026-11-20T23:30:00+01:00", business: true},
			), want: de(idrFig{"DE", 1, 1, 1, 0})},
		{name: "VAT report: window edges by order date",
			data: noShipments().vatInvoices(
				vi{store: "FR", ordered: "2026-11-06", shipped: fri, business: true},
				vi{store: "FR", ordered: "2026-11-07", shipped: fri, business: true},
				vi{store: "FR", ordered: "2026-11-13", shipped: fri, business: true},
				vi{store: "FR", ordered: "2026-11-14", shipped: "2026-11-15", business: true},
			), want: de(idrFig{"FR", 2, 2, 2, 0})},
		{name: "VAT report: stores from the report, unknown store from --marketplace",
			data: noShipments().vatInvoices(
				vi{store: "UK", ordered: "2026-11-12", shipped: fri, business: true},
				vi{store: "", ordered: "2026-11-12", shipped: fri, business: true, uploaded: true},
			), account: "ES", want: de(idrFig{"ES", 0, 1, 0, 0}, idrFig{"UK", 1, 1, 1, 0})},
		{name: "VAT report: store unknown",
			data: noShipments().vatInvoices(vi{ordered: "2026-11-12", shipped: fri, business: true}), why: idrNoStore},
		{name: "VAT report beside a shipments file without upload times: the VAT report is used",
			data: shipments(shipColsWithout("invoice-upload-date"), biz(thu, fri, "")).vatInvoices(
				vi{store: "DE", ordered: "2026-11-12", shipped: fri, business: true, uploaded: true}),
			want: de(idrFig{"DE", 0, 1, 0, 0})},
		{name: "shipments file with upload times beside a VAT report: the shipments file is used",
			data: shipments(nil, biz(thu, fri, "2026-11-17T10:00:00+01:00")).vatInvoices(
				vi{store: "DE", ordered: "2026-11-12", shipped: fri, business: true, uploaded: false},
				vi{store: "FR", ordered: "2026-11-12", shipped: fri, business: true, uploaded: false}),
			want: de(idrFig{"DE", 1, 1, 0, 1})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asOf := c.asOf
			if asOf == "" {
				asOf = "2026-11-20"
			}
			s := settings.Default(day(asOf))
			s.Marketplace = c.account
			out := metrics.InvoiceDefect(c.data.d, s, metrics.StoreOfOrder(c.data.d, c.account))
			if c.why != "" {
				want := []metrics.Result{{ID: metrics.InvoiceDefectRate, NotComputed: c.why}}
				if !reflect.DeepEqual(out, want) {
					t.Errorf("got %+v\nwant %+v", out, want)
				}
				return
			}
			if got := idrFigs(out); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			a := day(asOf)
			wantWindow := metrics.Window{From: a.AddDays(-13), To: a.AddDays(-7), Days: 7}
			for _, r := range out {
				if r.ID != metrics.InvoiceDefectRate || r.NotComputed != "" || r.Window != wantWindow || r.WindowDays != 0 ||
					len(r.Components) != 2 || r.Components[0].Key != metrics.ComponentMissingInvoice || r.Components[1].Key != metrics.ComponentLateInvoice {
					t.Errorf("entry %+v", r)
				}
			}
		})
	}
}

// The storeOf callback is asked with the order id and the store the file
// gives, for every row.
func TestInvoiceDefectAsksStoreOf(t *testing.T) {
	d := shipments(nil, shp{id: "A", store: "FR", purchase: "2026-11-12", confirm: "2026-11-13", business: true},
		shp{id: "B", purchase: "2026-11-12", confirm: "2026-11-13"}).d
	var asked []string
	storeOf := func(order records.OrderKey, fromFile string) string {
		asked = append(asked, order.String()+"/"+fromFile)
		return "UK"
	}
	out := metrics.InvoiceDefect(d, defaults(), storeOf)
	if want := []string{"A/FR", "B/"}; !reflect.DeepEqual(asked, want) {
		t.Errorf("asked %v, want %v", asked, want)
	}
	// The callback's answer is the store, even over the file's.
	if got := idrFigs(out); !reflect.DeepEqual(got, []idrFig{{"UK", 1, 1, 1, 0}}) {
		t.Errorf("got %+v", got)
	}
}

// ---------------------------------------------------------------------------
// Randomized cross-check, on the account of randomShipmentsAccount.

// naiveInvoice reads metrics.md's IDR rule line by line over the shipments
// file: the stores present, then per EU5 store the shipped business orders
// placed in the window, missing and late.
func naiveInvoice(d *records.Dataset, s settings.Settings, storeOf metrics.StoreOf) ([]idrFig, string) {
	eu5 := map[string]bool{"UK": true, "DE": true, "FR": true, "IT": true, "ES": true}
	win := metrics.WindowOf(s, metrics.InvoiceDefectRate)
	end := s.AsOf - civil.Date(win.Lag)
	figs := map[string]*idrFig{}
	present := map[string]bool{}
	for sh := range d.Shipments.All() {
		store := storeOf(sh.Key, sh.Marketplace.String())
		present[store] = true
		o, known := d.Orders.Lookup(sh.Key)
		business := sh.Business || (known && o.Business)
		shipped := !sh.Confirm.IsZero() && sh.Confirm.Date <= s.AsOf
		if !eu5[store] || !business || !shipped || !inDays(sh.Purchase.Date, end, win.Days[0]) {
			continue
		}
		f := figs[store]
		if f == nil {
			f = &idrFig{Store: store}
			figs[store] = f
		}
		f.Den++
		switch {
		case sh.Invoice.IsZero() || sh.Invoice.Date > s.AsOf:
			f.Missing++
			f.Num++
		case eventSec(sh.Invoice, sh.Confirm) > naiveDueSec(sh.Confirm):
			f.Late++
			f.Num++
		}
	}
	return naiveEntries(figs, present, s.Marketplace)
}

// naiveInvoiceVAT is the same over the VAT invoice data report: missing
// only.
func naiveInvoiceVAT(d *records.Dataset, s settings.Settings, storeOf metrics.StoreOf) ([]idrFig, string) {
	eu5 := map[string]bool{"UK": true, "DE": true, "FR": true, "IT": true, "ES": true}
	win := metrics.WindowOf(s, metrics.InvoiceDefectRate)
	end := s.AsOf - civil.Date(win.Lag)
	figs := map[string]*idrFig{}
	present := map[string]bool{}
	for _, inv := range d.Invoices {
		store := storeOf(inv.Key, inv.Marketplace.String())
		present[store] = true
		if !eu5[store] || !inv.Business || inv.Shipped.IsZero() || inv.Shipped.Date > s.AsOf || !inDays(inv.OrderDate, end, win.Days[0]) {
			continue
		}
		f := figs[store]
		if f == nil {
			f = &idrFig{Store: store}
			figs[store] = f
		}
		f.Den++
		if !inv.Uploaded {
			f.Missing++
			f.Num++
		}
	}
	return naiveEntries(figs, present, s.Marketplace)
}

func naiveEntries(figs map[string]*idrFig, present map[string]bool, account string) ([]idrFig, string) {
	eu5 := map[string]bool{"UK": true, "DE": true, "FR": true, "IT": true, "ES": true}
	if len(present) == 0 {
		present[account] = true
	}
	var out []idrFig
	for st := range present {
		if !eu5[st] {
			continue
		}
		if f := figs[st]; f != nil {
			out = append(out, *f)
		} else {
			out = append(out, idrFig{Store: st})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Store < out[j].Store })
	switch {
	case len(out) > 0:
		return out, ""
	case present[""]:
		return nil, idrNoStore
	}
	var others []string
	for st := range present {
		others = append(others, st)
	}
	sort.Strings(others)
	return nil, "applies to business orders of the UK, DE, FR, IT and ES stores only; these reports are from " + strings.Join(others, ", ")
}

// vatFromShipments turns the account's shipments into a VAT invoice data
// report of the same orders (uploaded = an upload time is given).
func vatFromShipments(d *records.Dataset) *records.Dataset {
	v := records.NewDataset()
	v.Kinds["vat-invoices"] = true
	v.Orders = d.Orders
	for i := 0; i < d.Shipments.Len(); i++ {
		sh := d.Shipments.At(i)
		v.Invoices = append(v.Invoices, records.Invoice{Key: sh.Key, Marketplace: sh.Marketplace, OrderDate: sh.Purchase.Date,
			Shipped: sh.Confirm, Business: sh.Business, Uploaded: !sh.Invoice.IsZero(), File: records.Intern("vat.txt"), Line: int32(i + 2)})
	}
	return v
}

func TestInvoiceDefectMatchesNaiveReading(t *testing.T) {
	for _, seed := range []int64{1, 42, 2026} {
		d := randomShipmentsAccount(rand.New(rand.NewSource(seed)), 3000)
		vat := vatFromShipments(d)
		for _, a := range crossAsOfs {
			for k, s := range crossSettings(day(a)) {
				for _, account := range []string{"", "DE", "US"} {
					s.Marketplace = account
					t.Run(fmt.Sprintf("seed=%d/asof=%s/settings=%d/account=%q", seed, a, k, account), func(t *testing.T) {
						storeOf := metrics.StoreOfOrder(d, account)
						check := func(what string, out []metrics.Result, want []idrFig, why string) {
							t.Helper()
							if why != "" {
								if len(out) != 1 || out[0].NotComputed != why {
									t.Errorf("%s: got %+v, naive not computed: %s", what, out, why)
								}
								return
							}
							if got := idrFigs(out); !reflect.DeepEqual(got, want) {
								t.Errorf("%s:\n got  %+v\nnaive %+v", what, got, want)
							}
						}
						want, why := naiveInvoice(d, s, storeOf)
						check("shipments", metrics.InvoiceDefect(d, s, storeOf), want, why)
						wantV, whyV := naiveInvoiceVAT(vat, s, storeOf)
						check("VAT report", metrics.InvoiceDefect(vat, s, storeOf), wantV, whyV)
						// The data must exercise every branch at the sample date.
						if a == "2026-11-20" && k == 0 {
							var missing, late, den int
							for _, f := range want {
								missing, late, den = missing+f.Missing, late+f.Late, den+f.Den
							}
							if len(want) < 3 || missing == 0 || late == 0 || missing+late == den {
								t.Errorf("invoice figures too thin: %+v", want)
							}
						}
					})
				}
			}
		}
	}
}
