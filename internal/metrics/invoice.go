package metrics

import (
	"sort"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// InvoiceDefectRate is the invoice defect rate's id.
const InvoiceDefectRate = "invoice_defect_rate"

// invoiceWindow is Amazon's rule: business orders placed in the 7 days
// ending 7 days before as-of ([as-of − 13, as-of − 7]).
var invoiceWindow = settings.Window{Days: []int{7}, Lag: 7}

var invoiceMetric = Metric{
	ID: InvoiceDefectRate, Title: "Invoice Defect Rate", Short: "IDR", Abbrev: "IDR",
	Command: "idr", Source: "help 44QSYRCU27EW4UK",
	KeyedOn: "orders dated", Counts: "defective", Population: "business orders", Scope: "Business orders",
	Clean:     [2]string{"business order invoiced on time", "business orders invoiced on time"},
	ListTitle: "Missing or late invoices",
	Scale:     1, Window: invoiceWindow,
	Reads:   []string{kindShipments, kindOrders, kindVATInvoices},
	Base:    Base{Kinds: []string{kindShipments, kindVATInvoices}, Field: records.Ordered},
	Parts:   []Part{{Component: ComponentLateInvoice, Kinds: []string{kindShipments}, Column: kindShipments + ".invoice-upload-date"}},
	Compute: invoiceOutcome,
	Series:  invoiceSeries,
}

// kindVATInvoices is Amazon's VAT invoice data report (input.Kind).
const kindVATInvoices = "vat-invoices"

// invoiceOutcome is the invoice defect rate per store, with a note when
// it comes from the VAT invoice data report, which tells missing invoices
// only.
func invoiceOutcome(d *records.Dataset, s settings.Settings) Outcome {
	out := Outcome{Results: InvoiceDefect(d, s, StoreOfOrder(d, s.Marketplace))}
	if !d.Columns["shipments.invoice-upload-date"] && d.Has(kindVATInvoices) && out.Results[0].NotComputed == "" {
		out.Notes = append(out.Notes, "invoice defect rate from the VAT invoice data report, which has no upload times: missing invoices are counted, late ones cannot be (give the shipments file with invoice-upload-date)")
	}
	return out
}

// StoreOfOrder finds an order's store: the value its own file gives, else
// its sales channel in the orders report, else the account's store.
func StoreOfOrder(d *records.Dataset, account string) StoreOf {
	return func(order records.OrderKey, fromFile string) string {
		if fromFile != "" {
			return fromFile
		}
		if o, ok := d.Orders.Lookup(order); ok {
			if m, ok := market.BySalesChannel(o.SalesChannel.String()); ok {
				return m.Code
			}
		}
		return account
	}
}

// IDR component keys.
const (
	ComponentMissingInvoice = "missing_invoice"
	ComponentLateInvoice    = "late_invoice"
)

// IDRStores are the stores where Amazon measures invoice defects (help
// 44QSYRCU27EW4UK: calculated separately per store, UK, DE, FR, IT, ES).
var IDRStores = map[string]bool{"UK": true, "DE": true, "FR": true, "IT": true, "ES": true}

// notApplicable is the reason given for stores without an IDR.
func notApplicable(stores []string) string {
	return "applies to business orders of the UK, DE, FR, IT and ES stores only; these reports are from " + strings.Join(stores, ", ")
}

// InvoiceDue is when a business order's invoice is due: 23:59:59 on the
// first Monday-Friday day after the ship-confirmation day, in the
// confirmation's own UTC offset; public holidays are business days ("IDR
// calculation assumes Monday to Friday as working days, irrespective of
// public holidays").
func InvoiceDue(confirm civil.Timestamp) time.Time {
	d := confirm.Date.AddDays(1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDays(1)
	}
	return civil.EndOfDay(d, confirm.Location())
}

// StoreOf finds an order's store: the shipments file's marketplace, else
// the orders report's sales channel (StoreOfOrder), else the --marketplace setting.
type StoreOf func(order records.OrderKey, fromFile string) string

// InvoiceDefect computes the invoice defect rate per store: shipped
// business orders placed in [as-of − 13, as-of − 7]; missing = no invoice
// uploaded on or before as-of; late = uploaded after the due time. Entries
// only for the stores of IDRStores present in the data, each listing its
// missing and late invoices (Items) and counting by order date (Days).
func InvoiceDefect(d *records.Dataset, s settings.Settings, storeOf StoreOf) []Result {
	if why := idrNotComputed(d, s); why != "" {
		return []Result{Missing(InvoiceDefectRate, why)}
	}
	useShipments := idrFromShipments(d)
	win, w := windowOn(s, InvoiceDefectRate, invoiceWindow)
	r := idrRun{w: w, win: win, asOf: s.AsOf, span: daysOf(w, s.AsOf),
		by: map[string]*idrCounts{}, seenStores: map[string]bool{}}
	if useShipments {
		r.countShipments(d, storeOf)
	} else {
		r.countVATInvoices(d, storeOf)
	}
	return r.results(s.Marketplace)
}

// idrFromShipments says whether the invoice defect rate is read from the
// shipments file (its invoice-upload-date column), not the VAT invoice
// data report.
func idrFromShipments(d *records.Dataset) bool {
	return d.Has(kindShipments) && d.Columns["shipments.invoice-upload-date"]
}

// idrNotComputed says why the inputs cannot give the invoice defect rate
// under s ("" when they can).
func idrNotComputed(d *records.Dataset, s settings.Settings) string {
	useShipments := idrFromShipments(d)
	switch {
	case s.Marketplace != "" && !IDRStores[s.Marketplace] && !useShipments && !d.Has(kindVATInvoices):
		// Nothing to compute it from, and the account's store has no IDR
		// anyway: say the latter, not which report is missing.
		return notApplicable([]string{s.Marketplace})
	case !useShipments && !d.Has(kindVATInvoices):
		return "needs the shipments file with invoice-upload-date (your order system writes it: docs/formats.md), or Amazon's VAT invoice data report (docs/downloads.md)"
	case useShipments && !d.Columns["shipments.is-business-order"] && !d.Columns["orders.is-business-order"]:
		return "needs is-business-order in the shipments file or the All Orders report"
	}
	return ""
}

// invoiceSeries is the invoice defect rate on every as-of date from from
// to to (SeriesFunc): each business order of an IDR store (a shipment, or
// a row of the VAT invoice data report) is a unit keyed on its order
// date, per store, in the population from its confirmation (shipment) on,
// and counted while its invoice is missing or when it came late. The
// stores, and so the entries, are those of every row whatever its date,
// as InvoiceDefect finds them on any date.
func invoiceSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if idrNotComputed(d, s) != "" {
		return nil, false // not computed, as InvoiceDefect says at once on each date
	}
	useShipments := idrFromShipments(d)
	storeOf := StoreOfOrder(d, s.Marketplace)
	all := make([]string, 0, len(IDRStores))
	for st := range IDRStores {
		all = append(all, st)
	}
	sort.Strings(all)
	seg := func(store string) uint8 { return 1 << sort.SearchStrings(all, store) }
	win := s.Window(InvoiceDefectRate, invoiceWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, len(all))
	seen := map[string]bool{}
	if useShipments {
		for sh := range d.Shipments.All() {
			store := storeOf(sh.Key, sh.Marketplace.String())
			seen[store] = true
			key := sh.Purchase.Date
			if !IDRStores[store] || !sl.reaches(key) {
				continue
			}
			if o, ok := d.Orders.Lookup(sh.Key); !sh.Business && !(ok && o.Business) {
				continue
			}
			sl.follow(key, seg(store), func(asOf civil.Date) standing {
				conf := confirmedBy(sh, asOf)
				switch {
				case conf.IsZero():
					return stOut
				case invoiceDefect(sh, conf, asOf) != nil:
					return stCounted
				}
				return stIn
			}, sh.Confirm.Date, sh.Invoice.Date)
		}
		for o := range d.Shipments.Old() {
			seen[storeOf(o.Key, o.Marketplace.String())] = true
		}
	} else {
		for i := range d.Invoices {
			inv := &d.Invoices[i]
			store := storeOf(inv.Key, inv.Marketplace.String())
			seen[store] = true
			key := inv.OrderDate
			if !inv.Business || inv.Shipped.IsZero() || !IDRStores[store] || !sl.reaches(key) {
				continue
			}
			sl.follow(key, seg(store), func(asOf civil.Date) standing {
				switch {
				case inv.Shipped.Date > asOf:
					return stOut
				case !inv.Uploaded:
					return stCounted
				}
				return stIn
			}, inv.Shipped.Date)
		}
	}
	stores, none := idrStores(seen, s.Marketplace)
	out := make([][]Result, int(to-from)+1)
	sl.run(func(i int, asOf civil.Date) {
		if none != nil {
			out[i] = []Result{*none}
			return
		}
		out[i] = make([]Result, len(stores))
		for k, st := range stores {
			num, den := sl.count(sort.SearchStrings(all, st), asOf, n)
			out[i][k] = Result{ID: InvoiceDefectRate, Marketplace: st, Window: sl.window(asOf, n), Numerator: num, Denominator: den}
		}
	})
	return out, true
}

// idrRun is one computation of the invoice defect rate: the counts per
// store and every store the rows name. Only the counts it points to
// outlive the call, so that it and its maps stay on the stack.
type idrRun struct {
	w    Window
	win  settings.Window
	asOf civil.Date
	// span covers the order dates counted: from the window's first day to
	// as-of, or to the window's end when later.
	span       *dayCounter
	by         map[string]*idrCounts
	seenStores map[string]bool
}

// idrCounts are the figures, the list and the Days of one store.
type idrCounts struct {
	den, missing, late int
	items              []Item
	days               *dayCounter
}

// missingInvoice is the event of an invoice not uploaded by as-of.
var missingInvoice = Event{Type: ComponentMissingInvoice, Status: "not uploaded by the as-of date"}

// counts is the counts of store, started on first use.
func (r *idrRun) counts(store string) *idrCounts {
	c := r.by[store]
	if c == nil {
		c = &idrCounts{days: daysOf(r.w, r.asOf)}
		r.by[store] = c
	}
	return c
}

// count places one order of the population by its order date: in the
// Days from the window's first day to as-of, and in the figures and
// the list when in the window.
func (r *idrRun) count(store, id, fulfillment string, ordered civil.Date, ev *Event) {
	c := r.counts(store)
	c.days.add(ordered, ev != nil)
	if !r.w.Contains(ordered) {
		return
	}
	c.den++
	if ev == nil {
		return
	}
	if ev.Type == ComponentMissingInvoice {
		c.missing++
	} else {
		c.late++
	}
	c.items = append(c.items, Item{OrderID: id, OrderDate: ordered, Fulfillment: fulfillment, KeyDate: ordered,
		Events: []Event{*ev}, LeavesWindowOn: LeavesWindow(ordered, r.win.Lag, r.win.Days[0])})
}

// countShipments counts the shipped business orders of the shipments file, missing and late invoices.
func (r *idrRun) countShipments(d *records.Dataset, storeOf StoreOf) {
	for sh := range d.Shipments.All() {
		store := storeOf(sh.Key, sh.Marketplace.String())
		r.seenStores[store] = true
		conf := confirmedBy(sh, r.asOf)
		if conf.IsZero() || !r.span.covers(sh.Purchase.Date) || !IDRStores[store] {
			continue
		}
		if o, ok := d.Orders.Lookup(sh.Key); !sh.Business && !(ok && o.Business) {
			continue // not a business order
		}
		r.count(store, sh.OrderID(), "mfn", sh.Purchase.Date, invoiceDefect(sh, conf, r.asOf))
	}
	// Shipments too old for any window still name their stores.
	for o := range d.Shipments.Old() {
		r.seenStores[storeOf(o.Key, o.Marketplace.String())] = true
	}
}

// invoiceDefect is the defect of a business shipment confirmed at conf
// on asOf: its invoice missing (not uploaded by asOf) or late (uploaded
// after InvoiceDue), else nil.
func invoiceDefect(sh *records.Shipment, conf civil.Timestamp, asOf civil.Date) *Event {
	switch due := InvoiceDue(conf); {
	case sh.Invoice.IsZero() || sh.Invoice.Date > asOf:
		return &missingInvoice
	case start(sh.Invoice, zoneOf(conf)).After(due):
		return &Event{Type: ComponentLateInvoice, Date: sh.Invoice.Date, Status: "due " + civil.DateOf(due).String()}
	}
	return nil
}

// countVATInvoices counts the shipped business orders of the VAT invoice data report.
func (r *idrRun) countVATInvoices(d *records.Dataset, storeOf StoreOf) {
	// The VAT invoice data report says whether an invoice was uploaded,
	// not when: only missing invoices can be told.
	for i := range d.Invoices {
		inv := &d.Invoices[i]
		store := storeOf(inv.Key, inv.Marketplace.String())
		r.seenStores[store] = true
		if !inv.Business || inv.Shipped.IsZero() || inv.Shipped.Date > r.asOf || !r.span.covers(inv.OrderDate) || !IDRStores[store] {
			continue
		}
		var ev *Event
		if !inv.Uploaded {
			ev = &missingInvoice
		}
		fulfillment := ""
		if o, ok := d.Orders.Lookup(inv.Key); ok {
			fulfillment = segmentName(o.Channel)
		}
		r.count(store, inv.OrderID(), fulfillment, inv.OrderDate, ev)
	}
}

// results are the entries of the IDR stores the rows name, or one saying why there are none.
func (r *idrRun) results(account string) []Result {
	stores, none := idrStores(r.seenStores, account)
	if none != nil {
		return []Result{*none}
	}
	var out []Result
	for _, st := range stores {
		out = append(out, r.result(st))
	}
	return out
}

// idrStores are the IDR stores among those the rows name (seen; the
// account's store when they name none), sorted: one entry each; or, when
// there is none, the entry saying why.
func idrStores(seen map[string]bool, account string) ([]string, *Result) {
	if len(seen) == 0 {
		seen = map[string]bool{account: true}
	}
	var stores []string
	for st := range seen {
		if IDRStores[st] {
			stores = append(stores, st)
		}
	}
	sort.Strings(stores)
	if len(stores) == 0 && seen[""] {
		r := Missing(InvoiceDefectRate, "the reports do not say which store the orders belong to; pass --marketplace (IDR applies to UK, DE, FR, IT and ES)")
		return nil, &r
	}
	if len(stores) == 0 {
		r := notApplicableTo(seen)
		return nil, &r
	}
	return stores, nil
}

func notApplicableTo(seenStores map[string]bool) Result {
	var others []string
	for st := range seenStores {
		if st != "" {
			others = append(others, st)
		}
	}
	sort.Strings(others)
	return Missing(InvoiceDefectRate, notApplicable(others))
}

// result is the entry of store st.
func (r *idrRun) result(st string) Result {
	c := r.counts(st)
	sortItems(c.items)
	return Result{
		ID: InvoiceDefectRate, Marketplace: st, Window: r.w,
		Numerator: c.missing + c.late, Denominator: c.den,
		Components: Components{{ComponentMissingInvoice, c.missing}, {ComponentLateInvoice, c.late}},
		Items:      c.items, Days: c.days.counted(),
	}
}
