package fetch

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
	"github.com/sellerhealth/audit/internal/spapi"
)

// at parses an RFC 3339 time, or fails the test.
func at(t testing.TB, s string) *time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return &v
}

// writeTSV writes header and rows as a tab-separated file dir/name, as
// audit fetch writes them, and returns its path.
func writeTSV(t testing.TB, dir, name string, header []string, rows [][]string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for _, c := range r {
			if strings.ContainsAny(c, "\t\r\n") {
				t.Fatalf("cell %q holds a tab or a line break", c)
			}
		}
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// orderSpec is an order of the test, told briefly.
type orderSpec struct {
	id, status, by, market string // by: fulfilledBy
	created, shipBy        string
	deliverBy, updated     string // "" when absent
	programs               []string
	packages               []spapi.OrderPackage
	items                  []spapi.OrderItem
}

func (s orderSpec) order(t testing.TB) spapi.Order {
	o := spapi.Order{
		OrderID: s.id, CreatedTime: *at(t, s.created), Programs: s.programs,
		SalesChannel: spapi.SalesChannel{ChannelName: "AMAZON", MarketplaceID: s.market},
		Fulfillment:  &spapi.OrderFulfillment{FulfillmentStatus: s.status, FulfilledBy: s.by, ShipByWindow: &spapi.DateTimeRange{LatestDateTime: at(t, s.shipBy)}},
		OrderItems:   s.items, Packages: s.packages,
	}
	o.LastUpdatedTime = o.CreatedTime
	if s.updated != "" {
		o.LastUpdatedTime = *at(t, s.updated)
	}
	if s.deliverBy != "" {
		o.Fulfillment.DeliverByWindow = &spapi.DateTimeRange{LatestDateTime: at(t, s.deliverBy)}
	}
	return o
}

func pkg(t testing.TB, carrier, tracking, shipTime string) spapi.OrderPackage {
	p := spapi.OrderPackage{PackageReferenceID: tracking, Carrier: carrier, TrackingNumber: tracking}
	if shipTime != "" {
		p.ShipTime = at(t, shipTime)
	}
	return p
}

func cancelled(requester string, by ...string) []spapi.OrderItem {
	var items []spapi.OrderItem
	for i, b := range by {
		c := &spapi.ItemCancellation{}
		if requester != "" {
			c.CancellationRequest = &spapi.ItemCancellationRequest{Requester: requester}
		}
		if b != "" {
			c.CancellationExecution = &spapi.ItemCancellationExecution{CancelledBy: b}
		}
		items = append(items, spapi.OrderItem{OrderItemID: string(rune('1' + i)), Cancellation: c})
	}
	return items
}

const us, de = "ATVPDKIKX0DER", "A1PA6795UKMFR9"

// The orders of the shipments test, as of 2026-11-20.
func testOrders(t testing.TB) []spapi.Order {
	specs := []orderSpec{
		// Shipped on time, promised for 9 November (Pacific) = 10 November UTC.
		{id: "111-0000001-0000001", status: "SHIPPED", by: "MERCHANT", market: us,
			created: "2026-11-02T15:00:00Z", shipBy: "2026-11-05T07:59:59Z", deliverBy: "2026-11-10T07:59:59Z",
			packages: []spapi.OrderPackage{pkg(t, "UPS", "1Z0000000000000001", "2026-11-04T18:00:00Z")}},
		// Shipped late: handed over after the ship-by time.
		{id: "111-0000002-0000002", status: "SHIPPED", by: "MERCHANT", market: us,
			created: "2026-11-02T16:00:00-08:00", shipBy: "2026-11-05T07:59:59Z", deliverBy: "2026-11-10T07:59:59Z",
			packages: []spapi.OrderPackage{pkg(t, "USPS", "9400000000000000000002", "2026-11-06T12:00:00Z")}},
		// Unshipped, due the day before as-of: late, not confirmed.
		{id: "111-0000003-0000003", status: "UNSHIPPED", by: "MERCHANT", market: us,
			created: "2026-11-18T09:00:00Z", shipBy: "2026-11-19T07:59:59Z"},
		// Cancelled by the seller, by Amazon, at the buyer's request.
		{id: "111-0000004-0000004", status: "CANCELLED", by: "MERCHANT", market: us,
			created: "2026-11-15T10:00:00Z", shipBy: "2026-11-17T07:59:59Z", updated: "2026-11-16T09:30:00Z",
			items: cancelled("", "MERCHANT")},
		{id: "111-0000005-0000005", status: "CANCELLED", by: "MERCHANT", market: us,
			created: "2026-11-16T10:00:00Z", shipBy: "2026-11-18T07:59:59Z", updated: "2026-11-18T08:00:00Z",
			items: cancelled("", "AMAZON")},
		{id: "111-0000006-0000006", status: "CANCELLED", by: "MERCHANT", market: us,
			created: "2026-11-17T10:00:00Z", shipBy: "2026-11-19T07:59:59Z", updated: "2026-11-17T11:00:00Z",
			items: cancelled("BUYER", "MERCHANT")},
		// Fulfilled by Amazon: no row.
		{id: "111-0000007-0000007", status: "SHIPPED", by: "AMAZON", market: us,
			created: "2026-11-16T10:00:00Z", shipBy: "2026-11-17T07:59:59Z"},
		// A business order of the German store, shipped on time.
		{id: "302-0000008-0000008", status: "SHIPPED", by: "MERCHANT", market: de, programs: []string{"PRIME", "AMAZON_BUSINESS"},
			created: "2026-11-09T08:00:00Z", shipBy: "2026-11-10T22:59:59Z", deliverBy: "2026-11-12T22:59:59Z",
			packages: []spapi.OrderPackage{pkg(t, "DHL", "JJD000000000000008", "2026-11-10T07:00:00Z")}},
		// Two packages, the later one listed first: the earlier counts.
		{id: "302-0000009-0000009", status: "SHIPPED", by: "MERCHANT", market: de,
			created: "2026-11-05T08:00:00Z", shipBy: "2026-11-07T22:59:59Z", deliverBy: "2026-11-10T22:59:59Z",
			packages: []spapi.OrderPackage{
				pkg(t, "Hermes", "H000000000000000092", "2026-11-07T10:00:00Z"),
				pkg(t, "DHL", "JJD000000000000091", "2026-11-06T09:00:00Z"),
			}},
		// Cancelled, no item says by whom.
		{id: "111-0000010-0000010", status: "CANCELLED", by: "MERCHANT", market: us,
			created: "2026-11-19T10:00:00Z", shipBy: "2026-11-21T07:59:59Z", updated: "2026-11-19T12:00:00Z"},
	}
	var out []spapi.Order
	for _, s := range specs {
		out = append(out, s.order(t))
	}
	return out
}

// shipmentWant is what the reader should hold of a row.
type shipmentWant struct {
	market, purchase, shipBy, confirm, cancel string // "" when empty
	by                                        records.CancelledBy
	carrier, tracking                         string
	promised                                  string
	business                                  bool
}

func TestShipmentRowsReadBack(t *testing.T) {
	var rows [][]string
	skipped := 0
	for _, o := range testOrders(t) {
		row, ok := ShipmentRow(o)
		if !ok {
			skipped++
			continue
		}
		if len(row) != len(ShipmentsHeader) {
			t.Fatalf("%s: %d cells for %d columns", o.OrderID, len(row), len(ShipmentsHeader))
		}
		rows = append(rows, row)
	}
	if skipped != 1 {
		t.Errorf("%d orders skipped, want 1 (the FBA order)", skipped)
	}
	dir := t.TempDir()
	p := writeTSV(t, dir, "shipments.txt", ShipmentsHeader, rows)
	l, err := input.Load([]string{dir}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []records.InputFile{{File: p, Kind: "shipments", Rows: 9}}; len(l.Inputs) != 1 || l.Inputs[0].File != p || l.Inputs[0].Kind != "shipments" || l.Inputs[0].Rows != 9 {
		t.Errorf("inputs %+v, want %+v", l.Inputs, want)
	}
	if want := []string{p + ": 1 order cancelled without saying by whom: counted as seller cancellations"}; !reflect.DeepEqual(l.Warnings, want) {
		t.Errorf("warnings %q, want %q", l.Warnings, want)
	}
	d := l.Data
	for _, c := range []string{"order-id", "marketplace", "purchase-date", "latest-ship-date", "ship-confirm-date", "cancel-date",
		"cancelled-by", "carrier", "tracking-id", "promised-delivery-date", "is-business-order"} {
		if !d.Columns["shipments."+c] {
			t.Errorf("the shipments file lacks %s", c)
		}
	}
	for _, c := range []string{"tracking-valid", "delivery-date", "invoice-upload-date"} {
		if d.Columns["shipments."+c] {
			t.Errorf("the shipments file has %s, which SP-API cannot give", c)
		}
	}

	want := map[string]shipmentWant{
		"111-0000001-0000001": {"US", "2026-11-02T15:00:00Z", "2026-11-05T07:59:59Z", "2026-11-04T18:00:00Z", "", records.NotCancelled, "UPS", "1Z0000000000000001", "2026-11-10", false},
		"111-0000002-0000002": {"US", "2026-11-03T00:00:00Z", "2026-11-05T07:59:59Z", "2026-11-06T12:00:00Z", "", records.NotCancelled, "USPS", "9400000000000000000002", "2026-11-10", false},
		"111-0000003-0000003": {"US", "2026-11-18T09:00:00Z", "2026-11-19T07:59:59Z", "", "", records.NotCancelled, "", "", "", false},
		"111-0000004-0000004": {"US", "2026-11-15T10:00:00Z", "2026-11-17T07:59:59Z", "", "2026-11-16T09:30:00Z", records.CancelledSeller, "", "", "", false},
		"111-0000005-0000005": {"US", "2026-11-16T10:00:00Z", "2026-11-18T07:59:59Z", "", "2026-11-18T08:00:00Z", records.CancelledAmazon, "", "", "", false},
		"111-0000006-0000006": {"US", "2026-11-17T10:00:00Z", "2026-11-19T07:59:59Z", "", "2026-11-17T11:00:00Z", records.CancelledBuyer, "", "", "", false},
		"302-0000008-0000008": {"DE", "2026-11-09T08:00:00Z", "2026-11-10T22:59:59Z", "2026-11-10T07:00:00Z", "", records.NotCancelled, "DHL", "JJD000000000000008", "2026-11-12", true},
		"302-0000009-0000009": {"DE", "2026-11-05T08:00:00Z", "2026-11-07T22:59:59Z", "2026-11-06T09:00:00Z", "", records.NotCancelled, "DHL", "JJD000000000000091", "2026-11-10", false},
		"111-0000010-0000010": {"US", "2026-11-19T10:00:00Z", "2026-11-21T07:59:59Z", "", "2026-11-19T12:00:00Z", records.CancelledUnknown, "", "", "", false},
	}
	seen := map[string]bool{}
	ts := func(c civil.Timestamp) string {
		if c.IsZero() {
			return ""
		}
		return c.Instant().UTC().Format(time.RFC3339)
	}
	for sh := range d.Shipments.All() {
		id := sh.OrderID()
		w, ok := want[id]
		if !ok {
			t.Errorf("unexpected shipment %s", id)
			continue
		}
		seen[id] = true
		promised := ""
		if p, ok := sh.Promised.Get(); ok {
			promised = p.String()
		}
		got := shipmentWant{sh.Marketplace.String(), ts(sh.Purchase), ts(sh.LatestShip), ts(sh.Confirm), ts(sh.Cancel), sh.CancelledBy, w.carrier, w.tracking, promised, sh.Business}
		if got != w {
			t.Errorf("%s\n got: %+v\nwant: %+v", id, got, w)
		}
		if sh.Shipping != records.FingerprintOf(w.carrier, w.tracking) || sh.HasTrackingID != (w.tracking != "") {
			t.Errorf("%s: carrier and tracking id are not %q, %q", id, w.carrier, w.tracking)
		}
		if sh.Tracking != records.TrackingUnmarked || sh.Delivered != 0 || !sh.Invoice.IsZero() {
			t.Errorf("%s: tracking mark %v, delivery %v, invoice %v: none was written", id, sh.Tracking, sh.Delivered, sh.Invoice)
		}
		if !sh.Purchase.HasTime() || !sh.LatestShip.HasTime() {
			t.Errorf("%s: times read as bare dates", id)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("read %d shipments, want %d", len(seen), len(want))
	}

	// What the metrics make of it, as of 2026-11-20.
	s := settings.Default(civil.NewDate(2026, 11, 20))
	for _, r := range metrics.LateShipment(d, s) {
		if r.WindowDays != 30 {
			continue
		}
		// Ship-by in 22 Oct..20 Nov, less the four cancelled before
		// shipment: 1, 2, 3, 8, 9; late: 2 (after its ship-by), 3 (not
		// confirmed, due before as-of).
		if r.NotComputed != "" || r.Numerator != 2 || r.Denominator != 5 {
			t.Errorf("late shipment (30 days) %d/%d %q, want 2/5", r.Numerator, r.Denominator, r.NotComputed)
		}
	}
	cancel, _ := metrics.PrefulfillmentCancel(d, s)
	// Ordered 14..20 Nov: 3, 4, 5, 6, 10; cancelled by the seller (4), by
	// Amazon (5), by nobody told (10, counted); at the buyer's request (6):
	// not counted.
	if len(cancel) != 1 || cancel[0].NotComputed != "" || cancel[0].Numerator != 3 || cancel[0].Denominator != 5 {
		t.Errorf("cancel rate %+v, want 3/5", cancel)
	}
	if r := metrics.OnTimeDelivery(d, s); !strings.Contains(r.NotComputed, "delivery-date") {
		t.Errorf("on-time delivery %+v: want not computed for lack of delivery-date", r)
	}
	// Without tracking-valid, the reader takes every tracking id as valid.
	if r := metrics.ValidTracking(d, s); r.NotComputed != "" {
		t.Errorf("valid tracking not computed: %s", r.NotComputed)
	}
}

func TestShipmentRowCases(t *testing.T) {
	base := orderSpec{id: "111-0000001-0000001", status: "SHIPPED", by: "MERCHANT", market: us,
		created: "2026-11-02T15:00:00Z", shipBy: "2026-11-05T07:59:59Z"}
	col := func(name string) int {
		for i, c := range ShipmentsHeader {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	cases := []struct {
		name string
		edit func(*spapi.Order)
		ok   bool
		want map[string]string // column -> value
	}{
		{"not an Amazon order", func(o *spapi.Order) { o.SalesChannel.ChannelName = "NON_AMAZON" }, false, nil},
		{"fulfilled by Amazon", func(o *spapi.Order) { o.Fulfillment.FulfilledBy = "AMAZON" }, false, nil},
		{"no fulfillment", func(o *spapi.Order) { o.Fulfillment = nil }, false, nil},
		{"no ship-by window", func(o *spapi.Order) { o.Fulfillment.ShipByWindow = nil }, false, nil},
		{"ship-by window without its end", func(o *spapi.Order) { o.Fulfillment.ShipByWindow.LatestDateTime = nil }, false, nil},
		{"no order id", func(o *spapi.Order) { o.OrderID = " " }, false, nil},
		{"order id with a space", func(o *spapi.Order) { o.OrderID = "111-1 2" }, false, nil},
		{"no purchase time", func(o *spapi.Order) { o.CreatedTime = time.Time{} }, false, nil},
		{"fulfilledBy not told", func(o *spapi.Order) { o.Fulfillment.FulfilledBy = "" }, true,
			map[string]string{"order-id": "111-0000001-0000001", "latest-ship-date": "2026-11-05T07:59:59Z"}},
		{"a store audit does not know", func(o *spapi.Order) { o.SalesChannel.MarketplaceID = "AE08WJ6YKNBMC" }, true,
			map[string]string{"marketplace": ""}},
		{"times keep the offset Amazon wrote", func(o *spapi.Order) { o.CreatedTime = *at(t, "2026-11-02T23:30:00-08:00") }, true,
			map[string]string{"purchase-date": "2026-11-02T23:30:00-08:00", "marketplace": us}},
		{"shipped, no package time", func(o *spapi.Order) {
			o.LastUpdatedTime = *at(t, "2026-11-04T20:00:00Z")
			o.Packages = []spapi.OrderPackage{pkg(t, "UPS", "1Z9", "")}
		}, true, map[string]string{"ship-confirm-date": "2026-11-04T20:00:00Z", "carrier": "UPS", "tracking-id": "1Z9"}},
		{"unshipped, a package not handed over", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "UNSHIPPED"
			o.Packages = []spapi.OrderPackage{pkg(t, "UPS", "1Z9", "")}
		}, true, map[string]string{"ship-confirm-date": "", "carrier": "UPS", "tracking-id": "1Z9"}},
		{"a tab, a line break and quotes", func(o *spapi.Order) {
			o.Packages = []spapi.OrderPackage{pkg(t, "\"Deutsche\tPost\"", " 12\r\n34 ", "2026-11-04T18:00:00.250+01:00")}
		}, true, map[string]string{"carrier": "'Deutsche Post'", "tracking-id": "12  34", "ship-confirm-date": "2026-11-04T18:00:00+01:00"}},
		{"cancelled, items disagree: seller first", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "CANCELLED"
			o.OrderItems = append(cancelled("", "AMAZON", "BUYER"), cancelled("", "MERCHANT")...)
		}, true, map[string]string{"cancelled-by": "seller", "cancel-date": "2026-11-02T15:00:00Z"}},
		{"cancelled, items disagree: amazon before buyer", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "CANCELLED"
			o.OrderItems = append(cancelled("BUYER", "MERCHANT"), cancelled("", "AMAZON")...)
		}, true, map[string]string{"cancelled-by": "amazon"}},
		{"cancelled by the buyer", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "CANCELLED"
			o.OrderItems = cancelled("", "BUYER")
		}, true, map[string]string{"cancelled-by": "buyer"}},
		{"cancelled, the buyer asked and Amazon carried it out", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "CANCELLED"
			o.OrderItems = cancelled("BUYER", "AMAZON")
		}, true, map[string]string{"cancelled-by": "buyer"}},
		{"cancelled, nobody told", func(o *spapi.Order) {
			o.Fulfillment.FulfillmentStatus = "CANCELLED"
			o.OrderItems = []spapi.OrderItem{{OrderItemID: "1"}}
		}, true, map[string]string{"cancelled-by": "", "cancel-date": "2026-11-02T15:00:00Z"}},
		{"not cancelled: items' cancellations ignored", func(o *spapi.Order) {
			o.OrderItems = cancelled("", "MERCHANT")
		}, true, map[string]string{"cancelled-by": "", "cancel-date": ""}},
		{"not a business order", func(o *spapi.Order) { o.Programs = []string{"PRIME"} }, true,
			map[string]string{"is-business-order": "false", "promised-delivery-date": ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := base.order(t)
			c.edit(&o)
			row, ok := ShipmentRow(o)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v (row %q)", ok, c.ok, row)
			}
			if !ok {
				if row != nil {
					t.Errorf("row %q with ok false", row)
				}
				return
			}
			for k, v := range c.want {
				if got := row[col(k)]; got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if SellerFulfilled(o) != true {
				t.Errorf("SellerFulfilled false for a row written")
			}
		})
	}
}

// The Finances API's events read back as granted claims and chargebacks
// of unknown type, both of which count.
func TestEventRowsReadBack(t *testing.T) {
	events := []spapi.ShipmentEvent{
		{AmazonOrderID: "113-8805142-7713068", MarketplaceName: "Amazon.com", PostedDate: at(t, "2026-11-02T18:04:55.123Z")},
		{AmazonOrderID: "114-2913377-4208260", PostedDate: at(t, "2026-10-30T08:05:09-08:00")},
		{AmazonOrderID: "", SellerOrderID: "mine-1", PostedDate: at(t, "2026-10-30T16:05:09Z")}, // no Amazon order id
		{AmazonOrderID: "114-0000000-0000003"},                                    // no date
		{AmazonOrderID: "114 0000000", PostedDate: at(t, "2026-10-30T16:05:09Z")}, // a space
	}
	var claims, chargebacks [][]string
	for _, e := range events {
		if row, ok := ClaimRow(e); ok {
			claims = append(claims, row)
		}
		if row, ok := ChargebackRow(e); ok {
			chargebacks = append(chargebacks, row)
		}
	}
	wantClaims := [][]string{
		{"113-8805142-7713068", "2026-11-02T18:04:55Z", "charged"},
		{"114-2913377-4208260", "2026-10-30T08:05:09-08:00", "charged"},
	}
	if !reflect.DeepEqual(claims, wantClaims) {
		t.Errorf("claim rows %q, want %q", claims, wantClaims)
	}
	dir := t.TempDir()
	cp := writeTSV(t, dir, "claims.txt", ClaimsHeader, claims)
	bp := writeTSV(t, dir, "chargebacks.txt", ChargebacksHeader, chargebacks)
	l, err := input.Load([]string{dir}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, in := range l.Inputs {
		kinds[in.File] = in.Kind
	}
	if kinds[cp] != "claims" || kinds[bp] != "chargebacks" {
		t.Errorf("inputs %+v: want the claims and the chargebacks file", l.Inputs)
	}
	type ev struct {
		id, date string
		counts   bool
		status   string
	}
	var gotClaims, gotCharge []ev
	for _, c := range l.Data.Claims {
		gotClaims = append(gotClaims, ev{c.OrderID, c.Date.String(), metrics.ClaimCounts(c.Status, false), c.Status.String()})
	}
	for _, c := range l.Data.Chargebacks {
		gotCharge = append(gotCharge, ev{c.OrderID, c.Date.String(), metrics.ChargebackCounts(c.Type), c.Type.String()})
	}
	if want := []ev{{"113-8805142-7713068", "2026-11-02", true, "granted"}, {"114-2913377-4208260", "2026-10-30", true, "granted"}}; !reflect.DeepEqual(gotClaims, want) {
		t.Errorf("claims %+v, want %+v", gotClaims, want)
	}
	if want := []ev{{"113-8805142-7713068", "2026-11-02", true, "unknown"}, {"114-2913377-4208260", "2026-10-30", true, "unknown"}}; !reflect.DeepEqual(gotCharge, want) {
		t.Errorf("chargebacks %+v, want %+v", gotCharge, want)
	}
	if want := []string{bp + ": 2 chargebacks of unknown type (debited to you; the file does not say service or fraud): counted, as a service chargeback is"}; !reflect.DeepEqual(l.Warnings, want) {
		t.Errorf("warnings %q, want %q", l.Warnings, want)
	}
}

// A header-only claims or chargebacks file (no event in the range) is its
// kind, with no rows.
func TestEventHeadersAlone(t *testing.T) {
	dir := t.TempDir()
	cp := writeTSV(t, dir, "claims.txt", ClaimsHeader, nil)
	bp := writeTSV(t, dir, "chargebacks.txt", ChargebacksHeader, nil)
	sp := writeTSV(t, dir, "shipments.txt", ShipmentsHeader, nil)
	l, err := input.Load([]string{dir}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []records.InputFile{{File: bp, Kind: "chargebacks"}, {File: cp, Kind: "claims"}, {File: sp, Kind: "shipments"}}
	if !reflect.DeepEqual(l.Inputs, want) {
		t.Errorf("inputs %+v, want %+v", l.Inputs, want)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q", l.Warnings)
	}
}
