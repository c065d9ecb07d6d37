package input

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// synthHeader is the first line of the shipments.csv that
// internal/bench/synth.py writes (python3 synth.py --orders 200 --seed 1).
const synthHeader = "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,carrier,tracking-id,tracking-valid,promised-delivery-date,delivery-date,is-business-order,invoice-upload-date"

// allShipmentColumns are the Dataset.Columns keys of a file with every
// shipments column.
var allShipmentColumns = []string{
	"shipments.cancel-date", "shipments.cancelled-by", "shipments.carrier", "shipments.delivery-date",
	"shipments.invoice-upload-date", "shipments.is-business-order", "shipments.latest-ship-date",
	"shipments.marketplace", "shipments.order-id", "shipments.promised-delivery-date",
	"shipments.purchase-date", "shipments.ship-confirm-date", "shipments.tracking-id", "shipments.tracking-valid",
}

// shipment is the comparable view of a records.Shipment. Times read
// "date-as-written @instant-in-UTC"; a bare date reads as the date alone.
type shipment struct {
	ID         string
	Market     string
	Purchase   string
	LatestShip string
	Confirm    string
	Cancel     string
	By         records.CancelledBy
	Carrier    string // as written: compared through the record's fingerprint
	Tracking   string
	// Shipping and HasTracking are what the record keeps of the two.
	Shipping    records.Fingerprint
	HasTracking bool
	Mark        records.TrackingMark
	Promised    string
	Delivered   string
	Business    bool
	Invoice     string
	File        string // base name
	Line        int
}

// stamp writes a timestamp as its date as written and, when it has a time,
// its instant in UTC. A bare date must sit at midnight UTC.
func stamp(ts civil.Timestamp) string {
	if ts.IsZero() {
		return "!zero"
	}
	if !ts.HasTime() {
		if !ts.Instant().Equal(ts.Date.Time()) {
			return ts.Date.String() + " !instant " + ts.Instant().UTC().Format(time.RFC3339Nano)
		}
		return ts.Date.String()
	}
	return ts.Date.String() + " @" + ts.Instant().UTC().Format(time.RFC3339Nano)
}

func optStamp(ts civil.Timestamp) string {
	if ts.IsZero() {
		return ""
	}
	return stamp(ts)
}

func optDate(o civil.OptDate) string {
	d, ok := o.Get()
	if !ok {
		return ""
	}
	return d.String()
}

// shipmentsOf lists the loaded shipments in the order they were read.
func shipmentsOf(l *Loaded) []shipment {
	var out []shipment
	for s := range l.Data.Shipments.All() {
		out = append(out, shipment{
			ID: s.OrderID(), Market: s.Marketplace.String(), Purchase: stamp(s.Purchase), LatestShip: stamp(s.LatestShip),
			Confirm: optStamp(s.Confirm), Cancel: optStamp(s.Cancel), By: s.CancelledBy,
			Shipping: s.Shipping, HasTracking: s.HasTrackingID, Mark: s.Tracking, Promised: optDate(s.Promised), Delivered: optDate(s.Delivered),
			Business: s.Business, Invoice: optStamp(s.Invoice), File: filepath.Base(s.Source().File), Line: s.Source().Line,
		})
	}
	return out
}

func checkShipments(t testing.TB, l *Loaded, want []shipment) {
	t.Helper()
	got := shipmentsOf(l)
	if len(got) != len(want) {
		t.Errorf("%d shipments, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w shipment
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = expected(want[i])
		}
		if g != w {
			t.Errorf("shipment %d\n got: %+v\nwant: %+v", i, g, w)
		}
	}
}

// expected turns a wanted shipment's carrier and tracking id as written
// into what the record keeps of them.
func expected(w shipment) shipment {
	w.Shipping, w.HasTracking = records.FingerprintOf(w.Carrier, w.Tracking), w.Tracking != ""
	w.Carrier, w.Tracking = "", ""
	return w
}

// columnsOf lists the Dataset.Columns keys of one kind, sorted.
func columnsOf(l *Loaded, kind string) []string {
	var out []string
	for c, ok := range l.Data.Columns {
		if ok && strings.HasPrefix(c, kind+".") {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

func checkColumns(t testing.TB, l *Loaded, kind string, want []string) {
	t.Helper()
	want = append([]string(nil), want...)
	sort.Strings(want)
	if got := columnsOf(l, kind); !reflect.DeepEqual(got, want) {
		t.Errorf("columns of %s\n got: %q\nwant: %q", kind, got, want)
	}
}

// csvLines joins rows with "\n" and ends the file with one.
func csvLines(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// Rows exactly as synth.py writes them (US, offsets -08:00): a buyer
// cancellation, a shipment with unmarked tracking, a seller cancellation of
// a business order, tracking marked N with an invoice, tracking marked Y.
var synthRows = []string{
	"543-0035333-0000001,US,2026-08-23T14:17:46-08:00,2026-08-25T23:59:59-08:00,,2026-08-23T16:17:46-08:00,buyer,,,,,,false,",
	"601-0496185-0000004,US,2026-09-21T01:19:45-08:00,2026-09-23T23:59:59-08:00,2026-09-21T17:22:01-08:00,,,UPS,1Z593562403121,,2026-09-26,2026-09-25,false,",
	"847-8558325-0000007,US,2026-10-25T19:27:52-08:00,2026-10-26T23:59:59-08:00,,2026-10-26T06:27:52-08:00,seller,,,,,,true,",
	"405-5348564-0000046,US,2026-10-06T08:20:47-08:00,2026-10-07T23:59:59-08:00,2026-10-06T21:15:23-08:00,,,UPS,1Z494216930975,N,2026-10-12,2026-10-11,true,2026-10-10T00:59:59-08:00",
	"281-9240156-0000006,US,2026-09-07T05:55:05-08:00,2026-09-10T23:59:59-08:00,2026-09-08T22:43:29-08:00,,,UPS,1Z271790670186,Y,2026-09-13,2026-09-13,true,2026-09-09T05:10:31-08:00",
}

// synthWant is what synthRows read to, in file fileName from line 2 on.
func synthWant(fileName string) []shipment {
	return []shipment{
		{ID: "543-0035333-0000001", Market: "US", Purchase: "2026-08-23 @2026-08-23T22:17:46Z", LatestShip: "2026-08-25 @2026-08-26T07:59:59Z",
			Cancel: "2026-08-23 @2026-08-24T00:17:46Z", By: records.CancelledBuyer, File: fileName, Line: 2},
		{ID: "601-0496185-0000004", Market: "US", Purchase: "2026-09-21 @2026-09-21T09:19:45Z", LatestShip: "2026-09-23 @2026-09-24T07:59:59Z",
			Confirm: "2026-09-21 @2026-09-22T01:22:01Z", Carrier: "UPS", Tracking: "1Z593562403121", Mark: records.TrackingUnmarked,
			Promised: "2026-09-26", Delivered: "2026-09-25", File: fileName, Line: 3},
		{ID: "847-8558325-0000007", Market: "US", Purchase: "2026-10-25 @2026-10-26T03:27:52Z", LatestShip: "2026-10-26 @2026-10-27T07:59:59Z",
			Cancel: "2026-10-26 @2026-10-26T14:27:52Z", By: records.CancelledSeller, Business: true, File: fileName, Line: 4},
		{ID: "405-5348564-0000046", Market: "US", Purchase: "2026-10-06 @2026-10-06T16:20:47Z", LatestShip: "2026-10-07 @2026-10-08T07:59:59Z",
			Confirm: "2026-10-06 @2026-10-07T05:15:23Z", Carrier: "UPS", Tracking: "1Z494216930975", Mark: records.TrackingInvalid,
			Promised: "2026-10-12", Delivered: "2026-10-11", Business: true, Invoice: "2026-10-10 @2026-10-10T08:59:59Z", File: fileName, Line: 5},
		{ID: "281-9240156-0000006", Market: "US", Purchase: "2026-09-07 @2026-09-07T13:55:05Z", LatestShip: "2026-09-10 @2026-09-11T07:59:59Z",
			Confirm: "2026-09-08 @2026-09-09T06:43:29Z", Carrier: "UPS", Tracking: "1Z271790670186", Mark: records.TrackingValid,
			Promised: "2026-09-13", Delivered: "2026-09-13", Business: true, Invoice: "2026-09-09 @2026-09-09T13:10:31Z", File: fileName, Line: 6},
	}
}

// The file synth.py writes reads field by field; every column is recorded
// as present.
func TestShipmentsSynthFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "shipments.csv", csvLines(append([]string{synthHeader}, synthRows...)...))
	l := mustLoad(t, Options{}, p)
	checkShipments(t, l, synthWant("shipments.csv"))
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "shipments", Rows: 5}})
	checkWarnings(t, l)
	checkColumns(t, l, "shipments", allShipmentColumns)
	if !l.Data.Has("shipments") || len(l.Data.Kinds) != 1 {
		t.Errorf("kinds %v, want shipments only", l.Data.Kinds)
	}
	if l.Data.Orders.Len() != 0 || len(l.Data.Claims) != 0 || len(l.Data.Cancellations) != 0 || len(l.Data.Invoices) != 0 {
		t.Errorf("a shipments file produced other records: %d orders, %d claims, %d cancellations, %d invoices",
			l.Data.Orders.Len(), len(l.Data.Claims), len(l.Data.Cancellations), len(l.Data.Invoices))
	}
}

// Comma and tab separation, CSV quoting, CRLF and a byte-order mark all
// read the same two rows.
func TestShipmentsDelimitersAndQuoting(t *testing.T) {
	want := []shipment{
		{ID: "302-1111111-0000001", Market: "UK", Purchase: "2026-09-07 @2026-09-07T09:00:00Z", LatestShip: "2026-09-09 @2026-09-09T22:59:59Z",
			Confirm: "2026-09-08 @2026-09-08T15:30:00Z", Carrier: "Royal Mail, Tracked 24", Tracking: "AB123456789GB", Mark: records.TrackingValid,
			Promised: "2026-09-11", Delivered: "2026-09-10", Business: true, File: "f", Line: 2},
		{ID: "302-1111111-0000002", Market: "UK", Purchase: "2026-09-08", LatestShip: "2026-09-10",
			Cancel: "2026-09-08 @2026-09-08T12:00:00Z", By: records.CancelledBuyer, Carrier: `Evri 12" box`, File: "f", Line: 3},
	}
	const hdr = "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,carrier,tracking-id,tracking-valid,promised-delivery-date,delivery-date,is-business-order"
	tab := func(s string) string { return strings.ReplaceAll(s, ",", "\t") }
	cases := []struct{ name, body string }{
		{"comma, quoted value holding a comma, literal quote", csvLines(hdr,
			`302-1111111-0000001,UK,2026-09-07T10:00:00+01:00,2026-09-09T23:59:59+01:00,2026-09-08T16:30:00+01:00,,,"Royal Mail, Tracked 24",AB123456789GB,Y,2026-09-11,2026-09-10,true`,
			`302-1111111-0000002,UK,2026-09-08,2026-09-10,,2026-09-08T13:00:00+01:00,buyer,Evri 12" box,,,,,false`)},
		{"comma, every cell quoted, CRLF, BOM", "\ufeff" + `"order-id","marketplace","purchase-date","latest-ship-date","ship-confirm-date","cancel-date","cancelled-by","carrier","tracking-id","tracking-valid","promised-delivery-date","delivery-date","is-business-order"` + "\r\n" +
			`"302-1111111-0000001","UK","2026-09-07T10:00:00+01:00","2026-09-09T23:59:59+01:00","2026-09-08T16:30:00+01:00","","","Royal Mail, Tracked 24","AB123456789GB","Y","2026-09-11","2026-09-10","true"` + "\r\n" +
			`"302-1111111-0000002","UK","2026-09-08","2026-09-10","","2026-09-08T13:00:00+01:00","buyer","Evri 12"" box","","","","","false"` + "\r\n"},
		{"tab", tab(hdr) + "\n" +
			"302-1111111-0000001\tUK\t2026-09-07T10:00:00+01:00\t2026-09-09T23:59:59+01:00\t2026-09-08T16:30:00+01:00\t\t\tRoyal Mail, Tracked 24\tAB123456789GB\tY\t2026-09-11\t2026-09-10\ttrue\n" +
			"302-1111111-0000002\tUK\t2026-09-08\t2026-09-10\t\t2026-09-08T13:00:00+01:00\tbuyer\tEvri 12\" box\t\t\t\t\tfalse\n"},
		{"tab, quoted values, CRLF, short last row", tab(hdr) + "\r\n" +
			"\"302-1111111-0000001\"\tUK\t\"2026-09-07T10:00:00+01:00\"\t2026-09-09T23:59:59+01:00\t2026-09-08T16:30:00+01:00\t\t\t\"Royal Mail, Tracked 24\"\tAB123456789GB\tY\t2026-09-11\t2026-09-10\ttrue\r\n" +
			"302-1111111-0000002\tUK\t2026-09-08\t2026-09-10\t\t2026-09-08T13:00:00+01:00\tbuyer\t\"Evri 12\"\" box\"\r\n"},
		{"spaces around values", csvLines(hdr,
			` 302-1111111-0000001 , UK ,2026-09-07T10:00:00+01:00 , 2026-09-09T23:59:59+01:00,2026-09-08T16:30:00+01:00, , ,"Royal Mail, Tracked 24", AB123456789GB , Y ,2026-09-11 , 2026-09-10, true `,
			`302-1111111-0000002,UK, 2026-09-08,2026-09-10 ,,2026-09-08T13:00:00+01:00, Buyer ,Evri 12" box ,,,,,`)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "f", c.body)
			l := mustLoad(t, Options{}, p)
			checkShipments(t, l, want)
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "shipments", Rows: 2}})
			checkWarnings(t, l)
		})
	}
}

// Header aliases, in any case and with spaces, '_' or '-'; every alias
// set reads the same row and records all fourteen columns.
func TestShipmentsHeaderAliases(t *testing.T) {
	const row = "028-2222222-0000001,DE,2026-09-07T10:00:00+02:00,2026-09-09T23:59:59+02:00,2026-09-10T09:00:00+02:00,,,DHL,00340434161094042557,N,2026-09-12,2026-09-13,Y,2026-09-11T08:00:00+02:00"
	want := []shipment{{ID: "028-2222222-0000001", Market: "DE", Purchase: "2026-09-07 @2026-09-07T08:00:00Z", LatestShip: "2026-09-09 @2026-09-09T21:59:59Z",
		Confirm: "2026-09-10 @2026-09-10T07:00:00Z", Carrier: "DHL", Tracking: "00340434161094042557", Mark: records.TrackingInvalid,
		Promised: "2026-09-12", Delivered: "2026-09-13", Business: true, Invoice: "2026-09-11 @2026-09-11T06:00:00Z", File: "f", Line: 2}}
	headers := []string{
		"Order ID,Marketplace,Purchase Date,Expected Ship Date,Ship Date,Cancel Date,Canceled By,Carrier,Tracking Number,Tracking Valid,Promised Date,Delivered At,Business Order,Invoice Uploaded At",
		"amazon_order_id,store,order_date,ship_by_date,ship_confirmation_date,cancellation_date,cancelled_by,carrier_name,tracking,valid_tracking,promise_date,delivered_date,is_business,invoice_upload_time",
		"ORDER-NUMBER,MARKETPLACE-CODE,PURCHASED-AT,SHIP-BY,CONFIRMED-AT,CANCELLED-AT,CANCEL-INITIATOR,CARRIER,TRACKING-ID,IS-TRACKING-VALID,LATEST-DELIVERY-DATE,ACTUAL-DELIVERY-DATE,IS-BUSINESS-ORDER,INVOICE-UPLOADED",
		"Order Number,Sales Channel,Ordered At,Latest Ship By,Shipped At,Canceled At,Cancellation Initiator,Carrier Name,Tracking ID,Tracking Is Valid,Delivery Promise Date,Delivery Date,Is Business Order,Invoice Upload Date",
		"order id,marketplace,purchase date,latest ship date,shipment date,cancelled date,cancelled by party,carrier,tracking number,tracking valid,promised delivery date,delivered at,business order,invoice uploaded at",
		"Order-Id,Marketplace,Purchase-Date,Latest-Ship-Date,Ship-Confirm-Date,Canceled-Date,Canceled-By,Carrier,Tracking-Id,Tracking-Valid,Promised-Delivery-Date,Delivery-Date,Is-Business-Order,Invoice-Upload-Date",
	}
	for _, h := range headers {
		t.Run(h, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "f", csvLines(h, row))
			l := mustLoad(t, Options{}, p)
			checkShipments(t, l, want)
			checkColumns(t, l, "shipments", allShipmentColumns)
			checkWarnings(t, l)
		})
	}
}

// An error names the column as its header writes it, so an alias shows.
func TestShipmentsErrorNamesAlias(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f.csv", csvLines(
		"Order ID,Order Date,Expected Ship Date,Ship Date",
		"028-2222222-0000001,2026-09-07,2026-09-31,"))
	err := loadErr(t, Options{}, p)
	inputErr(t, err, p, 2, 3, "Expected Ship Date")
	wantErr(t, err, p+`:2:3: column "Expected Ship Date": want an ISO-8601 date or time, got "2026-09-31"`, nil)
}

// Columns in any order, with columns the kind does not know among them.
func TestShipmentsShuffledColumns(t *testing.T) {
	body := csvLines(
		"sku,invoice-upload-date,delivery-date,tracking-id,is-business-order,carrier,cancelled-by,order-id,notes,promised-delivery-date,cancel-date,tracking-valid,ship-confirm-date,latest-ship-date,marketplace,purchase-date",
		"SKU-1,2026-10-10T00:59:59-08:00,2026-10-11,1Z494216930975,true,UPS,,405-5348564-0000046,fragile,2026-10-12,,N,2026-10-06T21:15:23-08:00,2026-10-07T23:59:59-08:00,US,2026-10-06T08:20:47-08:00",
		"SKU-2,,,,false,,buyer,543-0035333-0000001,\"a, b\",,2026-08-23T16:17:46-08:00,,,2026-08-25T23:59:59-08:00,US,2026-08-23T14:17:46-08:00",
	)
	p := writeFile(t, t.TempDir(), "shipments.csv", body)
	l := mustLoad(t, Options{}, p)
	all := synthWant("shipments.csv")
	first, second := all[3], all[0]
	first.Line, second.Line = 2, 3
	checkShipments(t, l, []shipment{first, second})
	checkColumns(t, l, "shipments", allShipmentColumns)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "shipments", Rows: 2}})
}

// Optional columns may be absent; Dataset.Columns says which were there,
// so a metric can tell "not in the file" from "empty".
func TestShipmentsOptionalColumnsAbsent(t *testing.T) {
	cases := []struct {
		name string
		body string
		want shipment
		cols []string
	}{
		{"required only", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date",
			"111-1,2026-09-07,2026-09-09,2026-09-08T10:00:00Z"),
			shipment{ID: "111-1", Purchase: "2026-09-07", LatestShip: "2026-09-09", Confirm: "2026-09-08 @2026-09-08T10:00:00Z", File: "f", Line: 2},
			[]string{"shipments.order-id", "shipments.purchase-date", "shipments.latest-ship-date", "shipments.ship-confirm-date"}},
		{"tracking without validity, business flag", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,tracking-id,is-business-order",
			"111-1,2026-09-07,2026-09-09,,1Z999,true"),
			shipment{ID: "111-1", Purchase: "2026-09-07", LatestShip: "2026-09-09", Tracking: "1Z999", Business: true, File: "f", Line: 2},
			[]string{"shipments.order-id", "shipments.purchase-date", "shipments.latest-ship-date", "shipments.ship-confirm-date",
				"shipments.tracking-id", "shipments.is-business-order"}},
		{"cancellations without who", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date",
			"111-1,2026-09-07,2026-09-09,,2026-09-08"),
			shipment{ID: "111-1", Purchase: "2026-09-07", LatestShip: "2026-09-09", Cancel: "2026-09-08", By: records.CancelledUnknown, File: "f", Line: 2},
			[]string{"shipments.order-id", "shipments.purchase-date", "shipments.latest-ship-date", "shipments.ship-confirm-date",
				"shipments.cancel-date"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "f", c.body)
			l := mustLoad(t, Options{}, p)
			checkShipments(t, l, []shipment{c.want})
			checkColumns(t, l, "shipments", c.cols)
		})
	}
}

// The marketplace column takes a store code, a sales channel or Amazon's
// marketplace id; an unknown value is an error at its cell.
func TestShipmentsMarketplace(t *testing.T) {
	cases := []struct{ in, want string }{
		{"DE", "DE"},
		{"de", "DE"},
		{"Amazon.de", "DE"},
		{"AMAZON.DE", "DE"},
		{"A1PA6795UKMFR9", "DE"},
		{"a1pa6795ukmfr9", "DE"},
		{"GB", "UK"},
		{"Amazon.co.uk", "UK"},
		{"A1F83G8C2ARO7P", "UK"},
		{"ATVPDKIKX0DER", "US"},
		{"Amazon.com", "US"},
		{"Amazon.co.jp", "JP"},
		{"", ""},
		{"  ", ""},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "f", csvLines("order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date",
			"111-1,"+c.in+",2026-09-07,2026-09-09,"))
		l := mustLoad(t, Options{}, p)
		if l.Data.Shipments.Len() != 1 || l.Data.Shipments.At(0).Marketplace.String() != c.want {
			t.Errorf("marketplace %q: got %+v, want %q", c.in, shipmentsOf(l), c.want)
		}
	}
	for _, bad := range []string{"Germany", "Amazon.xx", "DEU", "A1PA6795UKMFR", "www.amazon.de", "Non-Amazon"} {
		p := writeFile(t, t.TempDir(), "f.csv", csvLines("order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date",
			"111-1,DE,2026-09-07,2026-09-09,",
			"111-2,"+bad+",2026-09-07,2026-09-09,"))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 3, 2, "marketplace")
		wantErr(t, err, p+`:3:2: column "marketplace": unknown marketplace "`+bad+`" (want a store code such as US, UK, DE, a sales channel such as Amazon.de or a marketplace id such as A1PA6795UKMFR9)`, new(*InputError))
	}
}

// cancelled-by: the three values and their synonyms, any case; empty with
// no cancel date is no cancellation; empty with a cancel date is unknown,
// counted with one warning per file.
func TestShipmentsCancelledBy(t *testing.T) {
	cases := []struct {
		by, cancel string
		want       records.CancelledBy
	}{
		{"seller", "2026-09-08", records.CancelledSeller},
		{"Seller", "2026-09-08", records.CancelledSeller},
		{"MERCHANT", "2026-09-08", records.CancelledSeller},
		{"buyer", "2026-09-08", records.CancelledBuyer},
		{"Customer", "2026-09-08", records.CancelledBuyer},
		{"Buyer Requested", "2026-09-08", records.CancelledBuyer},
		{"buyer_requested", "2026-09-08", records.CancelledBuyer},
		{"amazon", "2026-09-08", records.CancelledAmazon},
		{"Amazon", "2026-09-08", records.CancelledAmazon},
		{"System", "2026-09-08", records.CancelledAmazon},
		{"automatic", "2026-09-08", records.CancelledAmazon},
		{"AUTO", "2026-09-08", records.CancelledAmazon},
		{"", "", records.NotCancelled},
		{" ", "", records.NotCancelled},
		{"", "2026-09-08", records.CancelledUnknown},
		{"", "2026-09-08T10:00:00+02:00", records.CancelledUnknown},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := writeFile(t, dir, "f.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by",
			"111-1,2026-09-07,2026-09-09,,"+c.cancel+","+c.by))
		l := mustLoad(t, Options{}, p)
		if l.Data.Shipments.Len() != 1 || l.Data.Shipments.At(0).CancelledBy != c.want {
			t.Errorf("cancelled-by %q, cancel-date %q: got %+v, want %v", c.by, c.cancel, shipmentsOf(l), c.want)
		}
		if c.want == records.CancelledUnknown {
			checkWarnings(t, l, p+": 1 order cancelled without saying by whom: counted as seller cancellations")
		} else {
			checkWarnings(t, l)
		}
	}

	// One warning per file, with that file's count.
	a := writeFile(t, dir, "a.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by",
		"111-1,2026-09-07,2026-09-09,,2026-09-08,",
		"111-2,2026-09-07,2026-09-09,,2026-09-08,seller",
		"111-3,2026-09-07,2026-09-09,,2026-09-08,",
		"111-4,2026-09-07,2026-09-09,2026-09-08,,",
		"111-5,2026-09-07,2026-09-09,,2026-09-09T00:00:00Z,"))
	b := writeFile(t, dir, "b.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date",
		"111-6,2026-09-07,2026-09-09,,2026-09-08"))
	c := writeFile(t, dir, "c.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by",
		"111-7,2026-09-07,2026-09-09,,2026-09-08,buyer"))
	l := mustLoad(t, Options{}, a, b, c)
	checkWarnings(t, l,
		a+": 3 orders cancelled without saying by whom: counted as seller cancellations",
		b+": 1 order cancelled without saying by whom: counted as seller cancellations")
	var got []records.CancelledBy
	for s := range l.Data.Shipments.All() {
		got = append(got, s.CancelledBy)
	}
	want := []records.CancelledBy{records.CancelledUnknown, records.CancelledSeller, records.CancelledUnknown, records.NotCancelled,
		records.CancelledUnknown, records.CancelledUnknown, records.CancelledBuyer}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cancelled-by %v, want %v", got, want)
	}

	for _, bad := range []string{"vendor", "seller-cancelled", "amazon.com"} {
		p := writeFile(t, dir, "bad.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by",
			"111-1,2026-09-07,2026-09-09,,2026-09-08,"+bad))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 2, 6, "cancelled-by")
		wantErr(t, err, p+`:2:6: column "cancelled-by": unknown canceller "`+bad+`" (want seller, buyer or amazon)`, nil)
	}
}

// tracking-valid: Y/N/empty and their spellings; anything else is an error.
func TestShipmentsTrackingValid(t *testing.T) {
	cases := []struct {
		in   string
		want records.TrackingMark
	}{
		{"Y", records.TrackingValid},
		{"y", records.TrackingValid},
		{"yes", records.TrackingValid},
		{"Yes", records.TrackingValid},
		{"true", records.TrackingValid},
		{"valid", records.TrackingValid},
		{"1", records.TrackingValid},
		{"N", records.TrackingInvalid},
		{"no", records.TrackingInvalid},
		{"FALSE", records.TrackingInvalid},
		{"invalid", records.TrackingInvalid},
		{"Invalid", records.TrackingInvalid},
		{"0", records.TrackingInvalid},
		{"", records.TrackingUnmarked},
		{"  ", records.TrackingUnmarked},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := writeFile(t, dir, "f.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,tracking-id,tracking-valid",
			"111-1,2026-09-07,2026-09-09,2026-09-08,1Z1,"+c.in))
		l := mustLoad(t, Options{}, p)
		if l.Data.Shipments.Len() != 1 || l.Data.Shipments.At(0).Tracking != c.want {
			t.Errorf("tracking-valid %q: got %+v, want %v", c.in, shipmentsOf(l), c.want)
		}
	}
	for _, bad := range []string{"maybe", "X", "2", "not valid"} {
		p := writeFile(t, dir, "bad.csv", csvLines("Order ID,Purchase Date,Latest Ship Date,Ship Confirm Date,Tracking ID,Valid Tracking",
			"111-1,2026-09-07,2026-09-09,2026-09-08,1Z1,Y",
			"111-2,2026-09-07,2026-09-09,2026-09-08,1Z2,"+bad))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 3, 6, "Valid Tracking")
		wantErr(t, err, p+`:3:6: column "Valid Tracking": unknown tracking validity "`+bad+`" (want Y, N or empty)`, nil)
	}
}

// Bare dates and timestamps with offsets: the date is the date as written,
// the instant the one the offset gives; delivery dates keep the date only.
func TestShipmentsDates(t *testing.T) {
	body := csvLines(synthHeader,
		"111-1,,2026-09-08T01:00:00+02:00,2026-09-07T23:30:00-07:00,2026-09-08 10:00:00,2026-09-08T10:00Z,seller,,,,2026-09-12T23:00:00-08:00,2026-09-13T01:00:00+09:00,,2026-09-09T10:00:00.250+0530",
		"111-2,,2026-09-08,2026-09-10,2026-09-09,,,,,,2026-09-12,2026-09-12,,2026-09-10",
	)
	p := writeFile(t, t.TempDir(), "f", body)
	l := mustLoad(t, Options{}, p)
	checkShipments(t, l, []shipment{
		{ID: "111-1", Purchase: "2026-09-08 @2026-09-07T23:00:00Z", LatestShip: "2026-09-07 @2026-09-08T06:30:00Z",
			Confirm: "2026-09-08 @2026-09-08T10:00:00Z", Cancel: "2026-09-08 @2026-09-08T10:00:00Z", By: records.CancelledSeller,
			Promised: "2026-09-12", Delivered: "2026-09-13", Invoice: "2026-09-09 @2026-09-09T04:30:00.25Z", File: "f", Line: 2},
		{ID: "111-2", Purchase: "2026-09-08", LatestShip: "2026-09-10", Confirm: "2026-09-09",
			Promised: "2026-09-12", Delivered: "2026-09-12", Invoice: "2026-09-10", File: "f", Line: 3},
	})
}

// A bad value in each date column is an error at its line and column.
func TestShipmentsBadDates(t *testing.T) {
	good := []string{"111-9", "US", "2026-09-07", "2026-09-09", "2026-09-08", "", "", "UPS", "1Z1", "Y", "2026-09-11", "2026-09-10", "true", "2026-09-09"}
	cases := []struct {
		col   int // 1-based
		value string
		msg   string
	}{
		{3, "2026-02-30", `want an ISO-8601 date or time, got "2026-02-30"`},
		{3, "", "empty date"},
		{3, "9/7/26", `want an ISO-8601 date or time, got "9/7/26"`},
		{4, "2026-09-09T25:00:00Z", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-09-09T25:00:00Z"`},
		{4, " ", "empty date"},
		{5, "07.09.2026", `want an ISO-8601 date or time, got "07.09.2026"`},
		{6, "2026-13-01", `want an ISO-8601 date or time, got "2026-13-01"`},
		{11, "2026-09-11T10", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-09-11T10"`},
		{12, "10-Sep-2026", `want an ISO-8601 date or time, got "10-Sep-2026"`},
		{14, "2026-09-09T10:00:00+25:00", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-09-09T10:00:00+25:00"`},
	}
	names := strings.Split(synthHeader, ",")
	for _, c := range cases {
		row := append([]string(nil), good...)
		row[c.col-1] = c.value
		p := writeFile(t, t.TempDir(), "f.csv", csvLines(synthHeader, strings.Join(good, ","), strings.Join(row, ",")))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 3, c.col, names[c.col-1])
		wantErr(t, err, p+":3:"+strconv.Itoa(c.col)+`: column "`+names[c.col-1]+`": `+c.msg, nil)
	}
}

// is-business-order: true/false, Y/N, yes/no, 1/0 in any case; empty is
// false; anything else is an error.
func TestShipmentsBusinessFlag(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"true", true}, {"TRUE", true}, {"Y", true}, {"y", true}, {"yes", true}, {"1", true},
		{"false", false}, {"False", false}, {"N", false}, {"no", false}, {"0", false}, {"", false}, {" ", false},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := writeFile(t, dir, "f.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,is-business-order",
			"111-1,2026-09-07,2026-09-09,,"+c.in))
		l := mustLoad(t, Options{}, p)
		if l.Data.Shipments.Len() != 1 || l.Data.Shipments.At(0).Business != c.want {
			t.Errorf("is-business-order %q: got %+v, want %v", c.in, shipmentsOf(l), c.want)
		}
	}
	for _, bad := range []string{"B2B", "t", "2", "nope"} {
		p := writeFile(t, dir, "bad.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,Business Order",
			"111-1,2026-09-07,2026-09-09,,"+bad))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 2, 5, "Business Order")
		wantErr(t, err, p+`:2:5: column "Business Order": want true or false (Y/N), got "`+bad+`"`, nil)
	}
}

// Bad order ids are errors at the order-id cell.
func TestShipmentsBadOrderID(t *testing.T) {
	cases := []struct{ value, msg string }{
		{"", "empty order id"},
		{"111 222", `order id "111 222" contains spaces`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "f.csv", csvLines("purchase-date,order-id,latest-ship-date,ship-confirm-date",
			"2026-09-07,"+c.value+",2026-09-09,"))
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+`:2:2: column "order-id": `+c.msg, nil)
	}
}

// A row that is not blank but lacks its order id is an error, never
// skipped: ",,,,,,,UPS,1Z..." would otherwise drop a shipment silently.
func TestShipmentsRowWithoutKeys(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f.csv", csvLines(synthHeader, ",,,,,,,UPS,1Z999,,,,,"))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`:2:1: column "order-id": empty order id`, nil)
}

// A canceller without a cancel date cannot be placed against --as-of.
func TestShipmentsCancelledByWithoutDate(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by",
		"111-1,2026-09-07,2026-09-09,,,Seller"))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`:2:5: column "cancel-date": empty, but cancelled-by says "Seller": give the cancellation's date`, nil)
}

// The same order in two overlapping downloads is one shipment: identical
// rows (even written differently) silently; a row that fills in what the
// first left empty (confirmed, tracked since) silently too, the values
// taken; two different filled values with a warning naming both places,
// the first row's value kept.
func TestShipmentsOverlap(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", csvLines(
		"order-id,purchase-date,latest-ship-date,ship-confirm-date,carrier,tracking-id",
		"111-1,2026-09-07T10:00:00+02:00,2026-09-09,2026-09-08T10:00:00+02:00,DHL,001",
		"111-2,2026-09-07T10:00:00+02:00,2026-09-09,2026-09-08T10:00:00+02:00,DHL,002",
		"111-3,2026-09-07T10:00:00+02:00,2026-09-09,,,"))
	// b is tab-separated with its columns in another order and times
	// written in another zone (same date as written, same instant).
	b := writeFile(t, dir, "b.tsv", tsv(
		"tracking-id\tcarrier\torder-id\tpurchase-date\tlatest-ship-date\tship-confirm-date",
		"002\tDHL\t111-2\t2026-09-07T08:00:00Z\t2026-09-09\t2026-09-08T08:00:00Z",
		"003\tDHL\t111-3\t2026-09-07T10:00:00+02:00\t2026-09-09\t2026-09-08T09:00:00+02:00",
		"004\tDHL\t111-4\t2026-09-07T10:00:00+02:00\t2026-09-09\t",
		"002\tDHL\t111-2\t2026-09-07T08:00:00Z\t2026-09-09\t2026-09-08T08:00:00Z"))
	l := mustLoad(t, Options{}, a, b)
	checkShipments(t, l, []shipment{
		{ID: "111-1", Purchase: "2026-09-07 @2026-09-07T08:00:00Z", LatestShip: "2026-09-09", Confirm: "2026-09-08 @2026-09-08T08:00:00Z", Carrier: "DHL", Tracking: "001", File: "a.csv", Line: 2},
		{ID: "111-2", Purchase: "2026-09-07 @2026-09-07T08:00:00Z", LatestShip: "2026-09-09", Confirm: "2026-09-08 @2026-09-08T08:00:00Z", Carrier: "DHL", Tracking: "002", File: "a.csv", Line: 3},
		// Confirmed and tracked in b: progress, taken.
		{ID: "111-3", Purchase: "2026-09-07 @2026-09-07T08:00:00Z", LatestShip: "2026-09-09", Confirm: "2026-09-08 @2026-09-08T07:00:00Z", Carrier: "DHL", Tracking: "003", File: "a.csv", Line: 4},
		{ID: "111-4", Purchase: "2026-09-07 @2026-09-07T08:00:00Z", LatestShip: "2026-09-09", Carrier: "DHL", Tracking: "004", File: "b.tsv", Line: 4},
	})
	checkWarnings(t, l)
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "shipments", Rows: 3}, {File: b, Kind: "shipments", Rows: 4}})

	// A time given in one file and a bare date in the other differ.
	c := writeFile(t, dir, "c.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date",
		"111-1,2026-09-07,2026-09-09,"))
	d := writeFile(t, dir, "d.csv", csvLines("order-id,purchase-date,latest-ship-date,ship-confirm-date",
		"111-1,2026-09-07T00:00:00Z,2026-09-09,"))
	l = mustLoad(t, Options{}, c, d)
	checkWarnings(t, l, d+":2: order 111-1 differs from its row at "+c+":2; using the first")
	if l.Data.Shipments.Len() != 1 {
		t.Errorf("%d shipments, want 1", l.Data.Shipments.Len())
	}
}

// A file with order-id and latest-ship-date only is a shipments file
// lacking its other required columns.
func TestShipmentsMissingColumns(t *testing.T) {
	cases := []struct{ header, missing string }{
		{"order-id,latest-ship-date", `"purchase-date", "ship-confirm-date"`},
		{"Order ID\tExpected Ship Date", `"purchase-date", "ship-confirm-date"`},
		{"order-id,ship-confirm-date,carrier,tracking-id", `"purchase-date", "latest-ship-date"`},
		{"order-id,purchase-date,ship-date", `"latest-ship-date"`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "ship.csv", c.header+"\n111-1,2026-09-09\n")
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+": looks like a shipments file but lacks column(s) "+c.missing, new(*MissingColumnsError))
		var me *MissingColumnsError
		if errors.As(err, &me) && me.Kind != "shipments" {
			t.Errorf("%q: kind %s", c.header, me.Kind)
		}
	}
}

// A shipments file is never taken for the All Orders report, the claims
// or chargebacks files, the cancellation or VAT reports, and none of those
// is taken for a shipments file.
func TestShipmentsDetection(t *testing.T) {
	synthOrders := "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tcpf\tis-business-order\tpurchase-order-number\tprice-designation"
	fba := "amazon-order-id\tmerchant-order-id\tshipment-id\tshipment-item-id\tamazon-order-item-id\tmerchant-order-item-id\tpurchase-date\tpayments-date\tshipment-date\treporting-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tproduct-name\tquantity-shipped\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number\tbill-address-1\tbill-address-2\tbill-address-3\tbill-city\tbill-state\tbill-postal-code\tbill-country\titem-promotion-discount\tship-promotion-discount\tcarrier\ttracking-number\testimated-arrival-date\tfulfillment-center-id\tfulfillment-channel\tsales-channel"
	cases := []struct {
		header string
		delim  byte
		want   Kind
	}{
		{synthHeader, ',', "shipments"},
		{strings.ReplaceAll(synthHeader, ",", "\t"), '\t', "shipments"},
		{"Order ID,Order Date,Expected Ship Date,Ship Date", ',', "shipments"},
		{"order-id,purchase-date,latest-ship-date,ship-confirm-date", ',', "shipments"},
		{"order-id,latest-ship-date", ',', "shipments"},
		{"amazon-order-id,sales-channel,purchase-date,latest-ship-date,shipment-date", ',', "shipments"},
		// a shipments export that also carries All Orders columns
		{synthHeader + ",order-status,fulfillment-channel,sales-channel", ',', "shipments"},
		{synthOrders, '\t', "orders"},
		{"amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\tis-business-order", '\t', "orders"},
		{"order-id,claim-date,claim-status,claim-reason,claim-amount,currency", ',', "claims"},
		{"order-id,chargeback-date,chargeback-type,reason,amount,currency", ',', "chargebacks"},
		{"Order Date,Order ID,Impacts Account Health", ',', "cancellations"},
		{"marketplace-id\torder-id\tshipping-id\ttransaction-type\tinvoice-number\tinvoice-status\tinvoice-status-description\tis-amazon-invoiced\torder-date\tshipment-date\tis-business-order", '\t', "vat-invoices"},
		{"order-id\torder-date\tshipment-date\tinvoice-status\tis-business-order", '\t', "vat-invoices"},
		{fba, '\t', "fba-shipments"},
	}
	for _, c := range cases {
		spec, _, why := detect(splitHeader(c.header, c.delim))
		var got Kind
		if spec != nil {
			got = spec.Kind
		}
		if got != c.want {
			t.Errorf("%q: detected %q, want %q (%s)", c.header, got, c.want, why)
		}
	}

	// End to end: a folder with synth.py's files reads each as its kind.
	dir := t.TempDir()
	ship := writeFile(t, dir, "shipments.csv", csvLines(append([]string{synthHeader}, synthRows...)...))
	orders := writeFile(t, dir, "orders.txt", tsv(synthOrders,
		"543-0035333-0000001\t543-0035333-0000001\t2026-08-23T14:17:46-08:00\t2026-08-25T21:17:46-08:00\tCancelled\tMerchant\tAmazon.com\t\t\tStandard\tYoga Mat; non-slip, 6mm\tyoga6\tB07YOGA666\tCancelled\t3\tUSD\t24.50\t1.96\t0.00\t0.00\t\t\t\t\tSEATTLE\tWA\t98109\tUS\t\t\tfalse\t\t"))
	claims := writeFile(t, dir, "claims.csv", csvLines("order-id,claim-date,claim-status,claim-reason,claim-amount,currency",
		`337-8274755-0000139,2026-10-26,granted,"Damaged, defective",142.00,USD`))
	chargebacks := writeFile(t, dir, "chargebacks.csv", csvLines("order-id,chargeback-date,chargeback-type,reason,amount,currency",
		"337-8274755-0000139,2026-11-11,service,Merchandise not received,26.00,USD"))
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, []records.InputFile{{File: chargebacks, Kind: "chargebacks", Rows: 1}, {File: claims, Kind: "claims", Rows: 1}, {File: orders, Kind: "orders", Rows: 1}, {File: ship, Kind: "shipments", Rows: 5}})
	checkWarnings(t, l)
	if l.Data.Shipments.Len() != 5 || l.Data.Orders.Len() != 1 || len(l.Data.Claims) != 1 || len(l.Data.Chargebacks) != 1 {
		t.Errorf("%d shipments, %d orders, %d claims, %d chargebacks", l.Data.Shipments.Len(), l.Data.Orders.Len(), len(l.Data.Claims), len(l.Data.Chargebacks))
	}
}

// A row with no order id, dates or confirmation is blank and skipped; the
// rows count only rows read.
func TestShipmentsBlankRows(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f.csv", csvLines(
		"order-id,purchase-date,latest-ship-date,ship-confirm-date,is-business-order",
		",,,,",
		"111-1,2026-09-07,2026-09-09,,false",
		"",
		"  ,  , , ,",
		"111-2,2026-09-07,2026-09-09,,true"))
	l := mustLoad(t, Options{}, p)
	checkShipments(t, l, []shipment{
		{ID: "111-1", Purchase: "2026-09-07", LatestShip: "2026-09-09", File: "f.csv", Line: 3},
		{ID: "111-2", Purchase: "2026-09-07", LatestShip: "2026-09-09", Business: true, File: "f.csv", Line: 6},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "shipments", Rows: 2}})
}

// FuzzReadShipments puts random bodies under a valid shipments header
// (comma or tab separated): Load returns an *InputError placed in the body
// or well-formed shipments, one per order, and never panics.
func FuzzReadShipments(f *testing.F) {
	for _, r := range synthRows {
		f.Add(false, []byte(r+"\n"))
	}
	for _, b := range []string{
		"111-1,DE,2026-09-07,2026-09-09,,2026-09-08,,\"UPS, Inc.\",1Z,Y,2026-09-11,2026-09-10,true,2026-09-09\n111-1,DE,2026-09-07,2026-09-09,,,,,,,,,,\n",
		"111-1,Amazon.de,2026-09-07T10:00:00+02:00,2026-09-09,2026-09-08 10:00,,,,,n,,,0,\r\n\r\n,,,,,,,,,,,,,\r\n",
		"\"111-1\"x,A1PA6795UKMFR9,\"2026-09-07\n2026-09-08\",2026-09-09,,,,,,,,,,\n",
		"111-1,XX,2026-02-30,2026-09-09,,,,,,,,,,\n",
		",,,,,,,,UPS,,,,,\n",
	} {
		f.Add(false, []byte(b))
	}
	f.Add(true, []byte("111-1\tDE\t2026-09-07\t2026-09-09\t\t2026-09-08\tbuyer\tDHL \"x\"\t\t\t\t\tY\t\n111-2\t\t2026-09-07\n"))
	dir := f.TempDir()
	p := filepath.Join(dir, "body.csv")
	f.Fuzz(func(t *testing.T, tab bool, body []byte) {
		header := synthHeader
		if tab {
			header = strings.ReplaceAll(header, ",", "\t")
		}
		l := loadFuzzed(t, p, header+"\n", body, Options{})
		if l == nil {
			return
		}
		if len(l.Inputs) != 1 || l.Inputs[0].Kind != "shipments" || l.Inputs[0].Rows < l.Data.Shipments.Len() {
			t.Fatalf("inputs %+v for %d shipments", l.Inputs, l.Data.Shipments.Len())
		}
		lines := strings.Count(string(body), "\n") + 2
		seen := map[string]bool{}
		for s := range l.Data.Shipments.All() {
			if s.OrderID() == "" || strings.ContainsAny(s.OrderID(), " \t\r\n") || seen[s.OrderID()] {
				t.Fatalf("order id %q (seen before: %v)", s.OrderID(), seen[s.OrderID()])
			}
			seen[s.OrderID()] = true
			if s.Source().File != p || s.Source().Line < 2 || s.Source().Line > lines {
				t.Fatalf("shipment %s at %s:%d of %d lines", s.OrderID(), s.Source().File, s.Source().Line, lines)
			}
			// A cancel date always has a canceller; "unknown" needs a cancel date.
			if !s.Cancel.IsZero() && s.CancelledBy == records.NotCancelled || s.Cancel.IsZero() && s.CancelledBy == records.CancelledUnknown {
				t.Fatalf("shipment %s: cancel %v by %v", s.OrderID(), s.Cancel, s.CancelledBy)
			}
			if s.Marketplace != 0 && len(s.Marketplace.String()) != 2 {
				t.Fatalf("shipment %s: marketplace %q", s.OrderID(), s.Marketplace)
			}
		}
	})
}

// Two rows of one order, in either order. A value written differently but
// meaning the same is the same. A value filled in one row and empty in the
// other is progress (an order confirmed, tracked, delivered since), taken
// silently whichever row comes first. Only two different filled values
// conflict: a warning, and the first row's value is kept. With Since past
// every date, the first row is set aside and keeps only a hash of its
// values: the warnings, and the store kept, are the same.
func TestShipmentsOverlapEachField(t *testing.T) {
	base := []string{"111-1", "DE", "2026-09-07T10:00:00+02:00", "2026-09-09", "2026-09-08T10:00:00+02:00", "2026-09-08", "buyer",
		"DHL", "001", "Y", "2026-09-11", "2026-09-10", "true", "2026-09-09T10:00:00+02:00"}
	names := strings.Split(synthHeader, ",")
	const (
		same     = iota
		empty    // the changed row leaves a value of base empty
		conflict // both fill it, differently
	)
	cases := []struct {
		col   int // 1-based
		value string
		how   int
	}{
		{2, "FR", conflict},
		{2, "Amazon.de", same},
		{2, "", empty},
		{3, "2026-09-07T10:00:01+02:00", conflict},
		{3, "2026-09-07T08:00:00Z", same},
		{3, "2026-09-07", conflict},
		{4, "2026-09-10", conflict},
		{4, "2026-09-09T00:00:00Z", conflict},
		{5, "", empty},
		{5, "2026-09-08T09:00:00+01:00", same},
		{6, "2026-09-08T00:00:00Z", conflict},
		{7, "seller", conflict},
		{7, "Customer", same},
		{7, "", empty}, // a cancel date without canceller: unknown, and the other row says
		{8, "UPS", conflict},
		{8, " DHL ", same},
		{9, "002", conflict},
		{9, "", empty}, // no tracking id: carrier and tracking id are one value
		{10, "N", conflict},
		{10, "", empty},
		{10, "yes", same},
		{11, "2026-09-12", conflict},
		{11, "2026-09-11T23:00:00-08:00", same},
		{11, "", empty},
		{12, "", empty},
		{13, "false", empty}, // false and empty are alike: a business order is one
		{13, "Y", same},
		{14, "", empty},
		{14, "2026-09-09T10:00:00+01:00", conflict},
	}
	since := civil.NewDate(2026, 10, 1) // every row is older: set aside
	for _, c := range cases {
		dir := t.TempDir()
		row := append([]string(nil), base...)
		row[c.col-1] = c.value
		full := writeFile(t, dir, "full.csv", csvLines(synthHeader, strings.Join(base, ",")))
		changed := writeFile(t, dir, "changed.csv", csvLines(synthHeader, strings.Join(row, ",")))
		alone := func(p string) []shipment {
			got := shipmentsOf(mustLoad(t, Options{}, p))
			for i := range got {
				got[i].File, got[i].Line = "", 0
			}
			return got
		}
		for _, order := range [][2]string{{full, changed}, {changed, full}} {
			first, later := order[0], order[1]
			what := fmt.Sprintf("%s %q, %s first", names[c.col-1], c.value, filepath.Base(first))
			l := mustLoad(t, Options{}, first, later)
			var want []string
			if c.how == conflict {
				want = []string{later + ":2: order 111-1 differs from its row at " + first + ":2; using the first"}
			}
			if !reflect.DeepEqual(l.Warnings, want) {
				t.Errorf("%s: warnings %q, want %q", what, l.Warnings, want)
			}
			// The merged row: the first's values, and the later one's where
			// the first is empty. Every case differs in one value, so it is
			// the first row, or the full one when a value was missing.
			wantRow := alone(first)
			if c.how == empty {
				wantRow = alone(full)
			}
			got := shipmentsOf(l)
			if len(got) != 1 || got[0].File != filepath.Base(first) || got[0].Line != 2 {
				t.Errorf("%s: shipments %+v, want one, from the first row", what, got)
			}
			for i := range got {
				got[i].File, got[i].Line = "", 0
			}
			if !reflect.DeepEqual(got, wantRow) {
				t.Errorf("%s: merged\n got: %+v\nwant: %+v", what, got, wantRow)
			}

			ls := mustLoad(t, Options{Since: since}, first, later)
			if !reflect.DeepEqual(ls.Warnings, want) {
				t.Errorf("%s, first row set aside: warnings %q, want %q", what, ls.Warnings, want)
			}
			// A first row without a promised delivery date is kept whole:
			// a later row could bring the order into a window by one.
			sh := &ls.Data.Shipments
			if c.col == 11 && c.value == "" && first == changed {
				if got := shipmentsOf(ls); sh.OldLen() != 0 || len(got) != 1 || got[0].Promised != "2026-09-11" {
					t.Errorf("%s, not set aside: %d set aside, kept %+v", what, sh.OldLen(), got)
				}
				continue
			}
			if sh.Len() != 0 || sh.OldLen() != 1 || sh.OldAt(0).Marketplace.String() != wantRow[0].Market {
				t.Errorf("%s, set aside: %d kept, %d set aside, want store %q", what, sh.Len(), sh.OldLen(), wantRow[0].Market)
			} else if o := sh.OldAt(0); o.File.String() != first || o.Line != 2 {
				t.Errorf("%s, set aside from %s:%d", what, o.File, o.Line)
			}
		}
	}
}

// The index of shipments finds every order through many growths, tells
// apart orders whose hashes share their top half (which places them) and
// their lowest bits (what a slot keeps), and is rebuilt from the shipments
// of earlier files.
func TestShipmentIndex(t *testing.T) {
	// inv is the inverse of the hash's multiplier: keyOfHash(h) is the
	// key whose hash is h.
	const c = 0x9E3779B97F4A7C15
	inv := uint64(c)
	for i := 0; i < 6; i++ {
		inv *= 2 - c*inv
	}
	keyOfHash := func(h uint64) records.OrderKey { return records.OrderKey(h * inv) }
	var keys []records.OrderKey
	for i := uint64(0); i < 3000; i++ {
		keys = append(keys, records.OrderKey(113_0000000_0000000+i*7919))
		// Three keys with one top half and one fingerprint.
		keys = append(keys, keyOfHash(i<<40|1), keyOfHash(i<<40|1<<10|1), keyOfHash(i<<40|2<<10|1))
	}
	for _, k := range keys[1:4] {
		if keyHash(k)>>32 != keyHash(keys[1])>>32 || slotFingerprint(keyHash(k)) != slotFingerprint(keyHash(keys[1])) {
			t.Fatalf("keys %v do not share their hash's top half and fingerprint", keys[1:4])
		}
	}
	// Every other key is a shipment set aside, as for Options.Since: the
	// index finds both kinds.
	var all records.Shipments
	x := newShipmentIndex(&all, 0)
	for i, k := range keys {
		at := all.Len()
		if i%2 == 1 {
			at = oldBit | all.OldLen()
		}
		if r, dup := x.put(&all, k, at); dup {
			t.Fatalf("key %d (#%d) found at line %d before it was added", k, i, r.line)
		}
		if i%2 == 1 {
			all.SetAside(&records.Shipment{Key: k, Line: int32(i)}, 0)
		} else {
			all.Append(records.Shipment{Key: k, Line: int32(i)})
		}
	}
	again := newShipmentIndex(&all, 100) // as for the next file
	for _, ix := range []*shipmentIndex{x, again} {
		for i, k := range keys {
			r, dup := ix.put(&all, k, all.Len())
			if !dup || r.line != int32(i) || (r.sh == nil) != (i%2 == 1) || (r.sh != nil && r.sh.Key != k) {
				t.Fatalf("key %d: found %v, line %d, kept %v; want line %d", k, dup, r.line, r.sh != nil, i)
			}
		}
		if ix.n != len(keys) || ix.n*4 > len(ix.slots)*3 {
			t.Errorf("%d indexed in %d slots, want %d under a load of 3/4", ix.n, len(ix.slots), len(keys))
		}
	}
	if r, dup := again.put(&all, 42, all.Len()); dup {
		t.Errorf("an unknown key is found at line %d", r.line)
	}
}
