package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Real exports from public repositories, copied byte-exact from
// reference/samples (see its README for where each comes from).
const samples = "testdata/samples"

func sample(name string) string { return filepath.Join(samples, name) }

const afn = records.ChannelAmazon

// The 2018 MWS export: its byte-order mark swallowed the first letter of the
// header ("\ufeffmazon-order-id"), the header is the older 29-column one and
// ends in "promotion-ids " with a trailing space; a Cancelled row has
// quantity 0 and no currency or price.
func TestSample2018TwentyNineColumns(t *testing.T) {
	p := sample("all-orders-2018-29-columns.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "\ufeffmazon-order-id\t") {
		t.Fatalf("sample changed: starts %q", raw[:20])
	}

	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if tb.Spec.Kind != "orders" || tb.Delim != '\t' || len(tb.Header) != 29 {
		t.Errorf("kind %s, delim %q, %d header cells; want orders, tab, 29", tb.Spec.Kind, tb.Delim, len(tb.Header))
	}
	if tb.Header[0] != "mazon-order-id" || tb.Header[28] != "promotion-ids" {
		t.Errorf("header cells %q ... %q", tb.Header[0], tb.Header[28])
	}
	if tb.Cols["amazon-order-id"] != 0 || tb.Cols["purchase-date"] != 2 || tb.Cols["fulfillment-channel"] != 5 || tb.Has("cpf") {
		t.Errorf("columns %v", tb.Cols)
	}

	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{
		{"111-7708803-8011437", "2018-07-30", afn, "Shipped", "Amazon.com", false, p, 2},
		{"112-2069915-6145869", "2018-07-18", afn, "Shipped", "Amazon.com", false, p, 4},
		{"112-2156375-2161856", "2018-07-16", afn, "Cancelled", "Amazon.com", false, p, 5},
		{"114-6125266-5252255", "2018-07-23", afn, "Shipped", "Amazon.com", false, p, 3},
		{"114-6176398-7083468", "2018-07-04", afn, "Shipped", "Amazon.com", false, p, 6},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 5}})
	checkWarnings(t, l)
}

// The same report with no orders: header only (BOM, first letter intact,
// trailing space). It is an orders report with no rows, not an error.
func TestSample2018Empty(t *testing.T) {
	p := sample("all-orders-2018-empty.txt")
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, nil)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 0}})
	checkWarnings(t, l)
}

// A 32-column header with `url` and one scrubbed row: Amazon.it, order
// Shipped while its item is Cancelled; no final newline.
func TestSample2017ThirtyTwoColumns(t *testing.T) {
	p := sample("all-orders-2017-32-columns-scrubbed.tsv")
	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	row, err := tb.Next()
	tb.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Header) != 32 || !tb.Has("url") || len(row) != 32 || tb.Get(row, "item-status") != "Cancelled" || tb.Get(row, "ship-postal-code") != "30041-8435" {
		t.Errorf("%d header cells, url %v, %d fields, item-status %q, ship-postal-code %q",
			len(tb.Header), tb.Has("url"), len(row), tb.Get(row, "item-status"), tb.Get(row, "ship-postal-code"))
	}

	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{{"scrubbed", "2017-06-17", afn, "Shipped", "Amazon.it", false, p, 2}})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 1}})
	checkWarnings(t, l)
}

// 13 real rows pasted without their header: no header, no report. Named on
// the command line it is an error naming the file; in a folder it is
// skipped with a warning and the rest is read.
func TestSample2020RowsOnly(t *testing.T) {
	p := sample("all-orders-2020-rows-only.tsv")
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`: not a recognised report (its first line looks like data, not a header row (32 fields); was the header row cut off?); see docs/formats.md for the accepted reports`, new(*UnrecognisedError))

	dir := t.TempDir()
	rows, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rowsOnly := writeFile(t, dir, "Download (3).tsv", string(rows))
	orders := writeFile(t, dir, "orders.txt", tsv(
		"amazon-order-id\tpurchase-date\tfulfillment-channel",
		"111-0000000-0000001\t2020-02-17T10:00:00+00:00\tAmazon",
	))
	l := mustLoad(t, Options{}, dir)
	checkOrders(t, l, []order{{"111-0000000-0000001", "2020-02-17", afn, "", "", false, orders, 2}})
	checkInputs(t, l, []records.InputFile{{File: orders, Kind: "orders", Rows: 1}})
	checkWarnings(t, l, "skipped "+rowsOnly+": not a recognised report")
}

// The rows of 2020 under the 32-column header of the 2017 file read as 13
// orders: CRLF, literal '"' and commas in product names and trailing empty
// fields do not shift the columns.
func TestSample2020RowsUnderHeader(t *testing.T) {
	head, err := os.ReadFile(sample("all-orders-2017-32-columns-scrubbed.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(head), "\n")
	rows, err := os.ReadFile(sample("all-orders-2020-rows-only.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, t.TempDir(), "all orders.txt", header+"\r\n"+string(rows))

	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	row, err := tb.Next()
	tb.Close()
	if err != nil {
		t.Fatal(err)
	}
	wantName := `Trendy Home 12" x 18" Premium Hypoallergenic Stuffer Home Office Decorative Throw Pillow Insert, Standard/White (12x18)`
	if len(row) != 32 || tb.Get(row, "product-name") != wantName || tb.Get(row, "sku") != "th1218" ||
		tb.Get(row, "is-business-order") != "false" || tb.Get(row, "price-designation") != "" {
		t.Errorf("first row: %d fields, product-name %q, sku %q, is-business-order %q, price-designation %q",
			len(row), tb.Get(row, "product-name"), tb.Get(row, "sku"), tb.Get(row, "is-business-order"), tb.Get(row, "price-designation"))
	}

	l := mustLoad(t, Options{}, p)
	got := ordersOf(l)
	if len(got) != 13 {
		t.Fatalf("%d orders, want 13", len(got))
	}
	for _, o := range got {
		if o.Date != "2020-02-18" || o.Channel != afn || o.Status != "Shipped" || o.Sales != "Amazon.com" || o.Business {
			t.Errorf("order %+v", o)
		}
	}
	if got[0].ID != "111-1357150-2051438" || got[0].Line != 12 || got[12].ID != "114-9172604-4691450" || got[12].Line != 13 {
		t.Errorf("first %+v, last %+v", got[0], got[12])
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 13}})
	checkWarnings(t, l)
}

// The FBA shipments report shares amazon-order-id, purchase-date,
// fulfillment-channel and sales-channel with the orders report but is
// recognised as itself and skipped, also with a row cut short.
func TestSampleFBAShipments(t *testing.T) {
	for _, name := range []string{"fba-shipments-anonymised.csv", "fba-shipments-broken-row.csv"} {
		t.Run(name, func(t *testing.T) {
			p := sample(name)
			tb, err := openTable(p)
			if err != nil {
				t.Fatal(err)
			}
			tb.Close()
			if tb.Spec.Kind != "fba-shipments" || tb.Delim != ',' || len(tb.Header) != 48 {
				t.Errorf("kind %s, delim %q, %d header cells; want fba-shipments, comma, 48", tb.Spec.Kind, tb.Delim, len(tb.Header))
			}
			l := mustLoad(t, Options{}, p)
			checkOrders(t, l, nil)
			checkInputs(t, l, nil)
			checkWarnings(t, l, "skipped "+p+": FBA shipments report, not used by this version")
		})
	}
}

// The returns report: a real 2025 row with 27 of 32 fields, fields holding
// one space, and A-to-Z Claim = N: no claim.
func TestSampleReturns(t *testing.T) {
	p := sample("returns-2025-one-row-lossy.tsv")
	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	row, err := tb.Next()
	tb.Close()
	if err != nil {
		t.Fatal(err)
	}
	if tb.Spec.Kind != "returns" || len(row) != 27 || tb.Get(row, "a-to-z-claim") != "N" ||
		tb.Get(row, "merchant-rma-id") != "" || tb.Get(row, "refunded-amount") != "" || tb.Get(row, "return-request-date") != "14-Jul-2025" {
		t.Errorf("kind %s, %d fields, a-to-z-claim %q, merchant-rma-id %q", tb.Spec.Kind, len(row), tb.Get(row, "a-to-z-claim"), tb.Get(row, "merchant-rma-id"))
	}
	l := mustLoad(t, Options{}, p)
	if len(l.Data.Claims) != 0 {
		t.Errorf("claims %+v, want none", l.Data.Claims)
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "returns", Rows: 1}})
	checkWarnings(t, l)
}

// Real Amazon reports audit does not read, which a downloads folder also
// holds. Some share columns with a kind audit reads (resembles: the kind
// the kinds audit reads alone would take them for, and stop the run on the
// columns it lacks); each is recognised as itself and skipped with a note
// naming it, named on the command line or found in a folder.
func TestSamplesNotRead(t *testing.T) {
	cases := []struct {
		file      string
		kind      Kind
		title     string
		cells     int
		resembles Kind // "" when no kind audit reads resembles it
	}{
		{"fba-customer-returns-2025-one-row.txt", "fba-customer-returns", "FBA customer returns report", 13, "claims"},
		{"payments-transactions-2025-first-24-rows.csv", "payments-transactions", "Payments transaction view", 11, "chargebacks"},
		{"amazon-business-purchases-2025-first-10-rows.csv", "business-purchases", "Amazon Business purchase history", 71, "orders"},
		{"header-only-fba-removal-order-detail.txt", "fba-removal-orders", "FBA removal order detail report", 16, "orders"},
		{"header-only-fba-removal-shipment-detail.txt", "fba-removal-shipments", "FBA removal shipment detail report", 10, "shipments"},
		{"header-only-fba-reimbursements.txt", "fba-reimbursements", "FBA reimbursements report", 18, ""},
		{"header-only-fba-replacements.txt", "fba-replacements", "FBA replacements report", 9, ""},
	}
	var read []*Spec
	for _, s := range Specs() {
		if !s.NotRead {
			read = append(read, s)
		}
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			p := sample(c.file)
			tb, err := openTable(p)
			if err != nil {
				t.Fatal(err)
			}
			tb.Close()
			if tb.Spec.Kind != c.kind || tb.Spec.Title != c.title || !tb.Spec.NotRead || len(tb.Header) != c.cells {
				t.Errorf("kind %s (%q, not read %v), %d header cells; want %s (%q), %d", tb.Spec.Kind, tb.Spec.Title, tb.Spec.NotRead, len(tb.Header), c.kind, c.title, c.cells)
			}
			if s, cols, _ := detectIn(read, tb.Header, nil); (s == nil) != (c.resembles == "") || (s != nil && (s.Kind != c.resembles || len(s.missing(cols)) == 0)) {
				t.Errorf("among the kinds audit reads it resembles %v, want %q lacking columns", s, c.resembles)
			}
			note := "skipped " + p + ": " + c.title + ": not a report audit reads"
			l := mustLoad(t, Options{}, p)
			checkInputs(t, l, nil)
			checkWarnings(t, l, note)
			if l.Data.Orders.Len() != 0 || len(l.Data.Claims) != 0 || len(l.Data.Chargebacks) != 0 || l.Data.Shipments.Len() != 0 {
				t.Errorf("records read from a report audit does not read")
			}

			// In a folder beside an orders report, whatever the command.
			dir := t.TempDir()
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			q := writeFile(t, dir, "Download (3)"+filepath.Ext(p), string(raw))
			orders := writeFile(t, dir, "orders.txt", tsv("amazon-order-id\tpurchase-date\tfulfillment-channel", "111-0000000-0000001\t2026-02-17T10:00:00+00:00\tAmazon"))
			for _, kinds := range []map[string]bool{nil, {"orders": true}, {"shipments": true}} {
				l = mustLoad(t, Options{Kinds: kinds}, dir)
				checkWarnings(t, l, "skipped "+q+": "+c.title+": not a report audit reads")
				if kinds == nil || kinds["orders"] {
					checkInputs(t, l, []records.InputFile{{File: orders, Kind: "orders", Rows: 1}})
				}
			}
		})
	}
}

// All the samples in one folder: the readable ones are read, the others
// are skipped with a warning each, in name order. Nothing stops the run.
func TestSamplesFolder(t *testing.T) {
	l := mustLoad(t, Options{}, samples)
	if n := l.Data.Orders.Len(); n != 21 {
		t.Errorf("%d orders, want 21 (5 of 2018, 1 of 2017, 15 of 2022)", n)
	}
	checkInputs(t, l, []records.InputFile{
		{File: sample("all-orders-2017-32-columns-scrubbed.tsv"), Kind: "orders", Rows: 1},
		{File: sample("all-orders-2018-29-columns.txt"), Kind: "orders", Rows: 5},
		{File: sample("all-orders-2018-empty.txt"), Kind: "orders", Rows: 0},
		{File: sample("all-orders-2022-33-columns-by-last-update.tsv"), Kind: "orders", Rows: 15},
		{File: sample("header-only-all-orders-34-order-item-id.txt"), Kind: "orders", Rows: 0},
		{File: sample("header-only-all-orders-39-buyer-identification.txt"), Kind: "orders", Rows: 0},
		{File: sample("returns-2025-one-row-lossy.tsv"), Kind: "returns", Rows: 1},
	})
	checkWarnings(t, l,
		"skipped "+sample("all-orders-2020-rows-only.tsv")+": not a recognised report",
		"skipped "+sample("amazon-business-purchases-2025-first-10-rows.csv")+": Amazon Business purchase history: not a report audit reads",
		"skipped "+sample("fba-customer-returns-2025-one-row.txt")+": FBA customer returns report: not a report audit reads",
		"skipped "+sample("fba-shipments-anonymised.csv")+": FBA shipments report, not used by this version",
		"skipped "+sample("fba-shipments-broken-row.csv")+": FBA shipments report, not used by this version",
		"skipped "+sample("header-only-fba-reimbursements.txt")+": FBA reimbursements report: not a report audit reads",
		"skipped "+sample("header-only-fba-removal-order-detail.txt")+": FBA removal order detail report: not a report audit reads",
		"skipped "+sample("header-only-fba-removal-shipment-detail.txt")+": FBA removal shipment detail report: not a report audit reads",
		"skipped "+sample("header-only-fba-replacements.txt")+": FBA replacements report: not a report audit reads",
		"skipped "+sample("payments-transactions-2025-first-24-rows.csv")+": Payments transaction view: not a report audit reads",
	)
}

// The All Orders report by last update (2022, 33 columns): no url, with cpf
// and a last column signature-confirmation-recommended; 15 seller-fulfilled
// orders, all Cancelled, quantity 0 and empty prices.
func TestSample2022ThirtyThreeColumnsByLastUpdate(t *testing.T) {
	p := sample("all-orders-2022-33-columns-by-last-update.tsv")
	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if tb.Spec.Kind != "orders" || len(tb.Header) != 33 || tb.Has("url") || !tb.Has("cpf") ||
		tb.Cols["signature-confirmation-recommended"] != 32 || tb.Cols["fulfillment-channel"] != 5 {
		t.Errorf("kind %s, %d header cells, columns %v", tb.Spec.Kind, len(tb.Header), tb.Cols)
	}
	l := mustLoad(t, Options{}, p)
	got := ordersOf(l)
	if len(got) != 15 {
		t.Fatalf("%d orders, want 15", len(got))
	}
	for _, o := range got {
		if o.Channel != records.ChannelMerchant || o.Status != "Cancelled" || o.Sales != "Amazon.com" || o.Business || !strings.HasPrefix(o.Date, "2022-07-") {
			t.Errorf("order %+v", o)
		}
	}
	if got[0] != (order{"111-1225255-7785053", "2022-07-15", records.ChannelMerchant, "Cancelled", "Amazon.com", false, p, 16}) {
		t.Errorf("first order %+v", got[0])
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 15}})
	checkWarnings(t, l)
}

// rowUnder writes a row for header (tab-separated) holding each value of
// vals under its column, the other fields empty.
func rowUnder(header string, vals map[string]string) string {
	cells := strings.Split(header, "\t")
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = vals[c]
	}
	return strings.Join(row, "\t")
}

// The header-only variants of real All Orders reports, and the current
// connectors' 34-column variant, read by name: a column added before
// fulfillment-channel (order-item-id) or removed before sales-channel
// (ship-city, ...) shifts nothing. Each header is read alone (an orders
// report without orders) and with rows written under it.
func TestSampleAllOrdersVariants(t *testing.T) {
	// The 34-column variant of current connector fixtures
	// (reference/samples/README.md): the 32 official columns without
	// ship-city, ship-state and ship-postal-code, plus ship-promotion-id,
	// customized-url, customized-page, is-heavy-or-bulky and
	// is-replacement-order. No copy of the file is at hand: the header is
	// written from that description.
	connector := strings.Join([]string{
		"amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
		"fulfillment-channel", "sales-channel", "order-channel", "ship-service-level", "product-name", "sku",
		"asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price",
		"shipping-tax", "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount",
		"ship-promotion-discount", "ship-promotion-id", "ship-country", "promotion-ids", "cpf",
		"is-business-order", "purchase-order-number", "price-designation", "customized-url",
		"customized-page", "is-heavy-or-bulky", "is-replacement-order",
	}, "\t")
	cases := []struct {
		name      string
		header    string // "" reads the sample's
		cells     int
		extra     []string // columns of the variant that the orders report knows
		channelAt int
	}{
		{"header-only-all-orders-34-order-item-id.txt", "", 34, []string{"order-item-id", "cpf", "signature-confirmation-recommended"}, 6},
		{"header-only-all-orders-39-buyer-identification.txt", "", 39, []string{"url", "cpf", "customized-url", "customized-page", "signature-confirmation-recommended", "buyer-identification-number", "buyer-identification-type", "order-item-id"}, 5},
		{"connector-34-columns.txt", connector, 34, []string{"ship-promotion-id", "customized-url", "customized-page", "is-heavy-or-bulky", "is-replacement-order"}, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			header, p := c.header, ""
			if header == "" {
				p = sample(c.name)
				raw, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				header = strings.TrimRight(string(raw), "\r\n")
			} else {
				p = writeFile(t, t.TempDir(), c.name, header+"\n")
			}
			tb, err := openTable(p)
			if err != nil {
				t.Fatal(err)
			}
			tb.Close()
			if tb.Spec.Kind != "orders" || len(tb.Header) != c.cells || tb.Cols["fulfillment-channel"] != c.channelAt {
				t.Errorf("kind %s, %d header cells, fulfillment-channel at %d; want orders, %d, %d", tb.Spec.Kind, len(tb.Header), tb.Cols["fulfillment-channel"], c.cells, c.channelAt)
			}
			for _, col := range c.extra {
				if !tb.Has(col) {
					t.Errorf("column %s not known", col)
				}
			}
			l := mustLoad(t, Options{}, p)
			checkOrders(t, l, nil)
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 0}})
			checkWarnings(t, l)

			// Rows under the header.
			q := writeFile(t, t.TempDir(), "with rows.txt", tsv(header,
				rowUnder(header, map[string]string{"amazon-order-id": "111-0000000-0000001", "purchase-date": "2026-10-01T10:00:00+00:00",
					"order-status": "Shipped", "order-item-id": "12345678901234", "fulfillment-channel": "Amazon",
					"sales-channel": "Amazon.com", "ship-city": "TOWN", "is-business-order": "true", "is-replacement-order": "false"}),
				rowUnder(header, map[string]string{"amazon-order-id": "111-0000000-0000002", "purchase-date": "2026-10-02T10:00:00+00:00",
					"order-status": "Pending", "order-item-id": "22345678901234", "fulfillment-channel": "Merchant",
					"sales-channel": "Amazon.com", "buyer-identification-number": "123", "is-replacement-order": "true"})))
			l = mustLoad(t, Options{}, q)
			checkOrders(t, l, []order{
				{"111-0000000-0000001", "2026-10-01", afn, "Shipped", "Amazon.com", true, q, 2},
				{"111-0000000-0000002", "2026-10-02", records.ChannelMerchant, "Pending", "Amazon.com", false, q, 3},
			})
			checkWarnings(t, l)
		})
	}
}
