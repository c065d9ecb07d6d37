package input

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

const mfn = records.ChannelMerchant

// Every variant of the orders file reads to the same two orders: 111-1 on
// line 2 and 111-2 on line 3 unless a case says otherwise.
func TestOrdersFileVariants(t *testing.T) {
	type want struct {
		lines [2]int
		rows  int
	}
	std := want{[2]int{2, 3}, 2}
	cases := []struct {
		name string
		body string
		want want
	}{
		{"LF", "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"CRLF", "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\r\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\r\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\r\n", std},
		{"UTF-8 BOM and CRLF, no final line break", "\ufeffamazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\r\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\r\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue", std},
		{"BOM that swallowed the first letter", "\ufeffmazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"trailing empty fields and short rows", "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\tpromotion-ids\tcpf\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\t\t\t\t\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"fields holding one space", "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\tmerchant-order-id\n" +
			" 111-1 \t2026-09-07T23:30:00-07:00 \tShipped\t Amazon\tAmazon.com\tfalse\t \n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\t \n", std},
		{"quotes and commas in tab-separated values", "amazon-order-id\tproduct-name\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\n" +
			"111-1\tTrendy Home 12\" x 18\" Pillow, \"White\"\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t\"Quoted, with comma\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"blank lines", "\n\namazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\n" +
			"\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"   \n\t\t\t\t\t\n\r\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n\n", want{[2]int{5, 9}, 2}},
		{"header cells with trailing space and quotes", "amazon-order-id \t purchase-date\t\"order-status\"\tfulfillment-channel \tsales-channel\tis-business-order \n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"upper case and underscores", "AMAZON_ORDER_ID\tPurchase_Date\tORDER STATUS\tFulfillment Channel\tSALES-CHANNEL\tIs_Business_Order\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"aliases Order ID, Order Date, fulfilment", "Order ID\tOrder Date\tOrder Status\tFulfilment Channel\tSales Channel\tIs Business Order\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tfalse\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tMerchant\tAmazon.com\ttrue\n", std},
		{"shuffled columns and unknown extra columns", "my notes\tis-business-order\tfulfillment-channel\tsales-channel\tpurchase-date\tnumber-of-items\torder-status\tamazon-order-id\tgift-message\n" +
			"call back\tfalse\tAmazon\tAmazon.com\t2026-09-07T23:30:00-07:00\t1\tShipped\t111-1\thappy birthday\n" +
			"\ttrue\tMerchant\tAmazon.com\t2026-09-08T01:00:00+02:00\t3\tPending\t111-2\t\n", std},
		{"AFN and MFN spellings", "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tis-business-order\n" +
			"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAFN\tAmazon.com\tFALSE\n" +
			"111-2\t2026-09-08T01:00:00+02:00\tPending\tmfn\tAmazon.com\tTrue\n", std},
		{"34-column variant without ship-city", "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-country\tpromotion-ids\tcpf\tis-business-order\tpurchase-order-number\tprice-designation\tship-promotion-id\tcustomized-url\tcustomized-page\tis-heavy-or-bulky\tis-replacement-order\n" +
			"111-1\t\t2026-09-07T23:30:00-07:00\t2026-09-09T10:00:00-07:00\tShipped\tAmazon\tAmazon.com\t\tStandard\tPillow 12\" x 18\"\tsku-1\tB000000001\tShipped\t1\tUSD\t7.49\t0.42\t\t\t\t\t\t\tUS\t\t\tfalse\t\t\t\t\t\tfalse\tfalse\n" +
			"111-2\t\t2026-09-08T01:00:00+02:00\t2026-09-08T02:00:00+02:00\tPending\tMerchant\tAmazon.com\t\tStandard\tSofa\tsku-2\tB000000002\tUnshipped\t1\tUSD\t499.00\t0\t\t\t\t\t\t\tUS\t\t\ttrue\tPO-7\t\t\t\t\ttrue\tfalse\n", std},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "orders.txt", c.body)
			l := mustLoad(t, Options{}, p)
			checkOrders(t, l, []order{
				// Dates as written, never re-zoned: 23:30 at -07:00 is
				// the 7th, 01:00 at +02:00 the 8th.
				{"111-1", "2026-09-07", afn, "Shipped", "Amazon.com", false, p, c.want.lines[0]},
				{"111-2", "2026-09-08", mfn, "Pending", "Amazon.com", true, p, c.want.lines[1]},
			})
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: c.want.rows}})
			checkWarnings(t, l)
		})
	}
}

// Item rows of one order fold into one order, dated by its first row; the
// same order in two overlapping downloads counts once, and both files are
// listed with the rows each held.
func TestOrdersFoldAndOverlap(t *testing.T) {
	dir := t.TempDir()
	sep := writeFile(t, dir, "2026-09 All Orders.txt", tsv(
		"amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsku",
		"111-1\t2026-09-07T10:00:00+00:00\tShipped\tMerchant\tsku-a",
		"111-1\t2026-09-07T10:00:00+00:00\tShipped\tMerchant\tsku-b",
		"111-2\t2026-09-20T10:00:00+00:00\tShipped\tAmazon\tsku-a",
	))
	oct := writeFile(t, dir, "2026-10 All Orders.txt", tsv(
		"amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsku",
		"111-2\t2026-09-20T10:00:00+00:00\tShipped\tAmazon\tsku-a",
		"111-3\t2026-10-02T10:00:00+00:00\tCancelled\tAmazon\tsku-c",
		"111-3\t2026-10-02T10:00:00+00:00\tCancelled\tAmazon\tsku-d",
		"111-3\t2026-10-02T10:00:00+00:00\tCancelled\tAmazon\tsku-e",
	))
	l := mustLoad(t, Options{}, dir)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", mfn, "Shipped", "", false, sep, 2},
		{"111-2", "2026-09-20", afn, "Shipped", "", false, sep, 4},
		{"111-3", "2026-10-02", afn, "Cancelled", "", false, oct, 3},
	})
	checkInputs(t, l, []records.InputFile{{File: sep, Kind: "orders", Rows: 3}, {File: oct, Kind: "orders", Rows: 4}})
	checkWarnings(t, l)
}

// An order whose rows disagree on its purchase date keeps the earlier date,
// with a warning; a later row fills in a channel the first left unknown.
func TestOrdersDisagreeingRows(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(
		"amazon-order-id\tpurchase-date\tfulfillment-channel",
		"111-1\t2026-09-08T10:00:00+00:00\t",
		"111-1\t2026-09-07T10:00:00+00:00\tMerchant",
	))
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{{"111-1", "2026-09-07", mfn, "", "", false, p, 2}})
	checkWarnings(t, l,
		p+`:2: unknown fulfillment-channel "": its orders count in "all" only`,
		p+":3: order 111-1 has purchase date 2026-09-07 here but 2026-09-08 at "+p+":2; using the earlier",
	)
}

// An unknown fulfillment channel is warned about once per value; its
// orders are read with ChannelUnknown.
func TestOrdersUnknownChannel(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(
		"amazon-order-id\tpurchase-date\tfulfillment-channel",
		"111-1\t2026-09-07\tAmazon Warehouse",
		"111-2\t2026-09-07\tAmazon Warehouse",
		"111-3\t2026-09-07\tAmazon",
	))
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", records.ChannelUnknown, "", "", false, p, 2},
		{"111-2", "2026-09-07", records.ChannelUnknown, "", "", false, p, 3},
		{"111-3", "2026-09-07", afn, "", "", false, p, 4},
	})
	checkWarnings(t, l, p+`:2: unknown fulfillment-channel "Amazon Warehouse": its orders count in "all" only`)
}

func TestOrdersBadValues(t *testing.T) {
	const header = "amazon-order-id\tmerchant-order-id\tpurchase-date\torder-status\tfulfillment-channel"
	cases := []struct {
		name string
		row  string
		col  int
		cell string
		msg  string
	}{
		{"impossible purchase date", "111-1\t\t2026-02-30T10:00:00+00:00\tShipped\tAmazon", 3, "purchase-date",
			`want an ISO-8601 date or time, got "2026-02-30T10:00:00+00:00"`},
		{"empty purchase date", "111-1\t\t\tShipped\tAmazon", 3, "purchase-date",
			`empty date`},
		{"US date in purchase-date", "111-1\t\t9/7/26\tShipped\tAmazon", 3, "purchase-date",
			`want an ISO-8601 date or time, got "9/7/26"`},
		{"time out of range", "111-1\t\t2026-09-07T25:00:00+00:00\tShipped\tAmazon", 3, "purchase-date",
			`want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-09-07T25:00:00+00:00"`},
		{"empty order id", "\t111-1\t2026-09-07T10:00:00+00:00\tShipped\tAmazon", 1, "amazon-order-id",
			"empty order id"},
		{"order id holding a space", "111-1 222\t\t2026-09-07T10:00:00+00:00\tShipped\tAmazon", 1, "amazon-order-id",
			`order id "111-1 222" contains spaces`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "orders.txt", tsv(header, "111-0\t\t2026-09-07T10:00:00+00:00\tShipped\tAmazon", "", c.row))
			err := loadErr(t, Options{}, p)
			inputErr(t, err, p, 4, c.col, c.cell)
			wantErr(t, err, p+":4:"+strconv.Itoa(c.col)+": column \""+c.cell+"\": "+c.msg, nil)
		})
	}
}

// The column name in an error is the header cell as written.
func TestOrdersErrorNamesHeaderAsWritten(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(
		"Order ID\tPurchase Date\tFulfillment Channel",
		"111-1\t2026-13-01\tAmazon",
	))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`:2:2: column "Purchase Date": want an ISO-8601 date or time, got "2026-13-01"`, new(*InputError))
}

func TestOrdersMissingColumns(t *testing.T) {
	cases := []struct {
		name   string
		header string
		want   string
	}{
		{"no purchase-date", "amazon-order-id\torder-status\tfulfillment-channel\tsku",
			`looks like an All Orders report but lacks column(s) "purchase-date"`},
		{"no purchase-date nor fulfillment-channel", "amazon-order-id\torder-status\tsales-channel",
			`looks like an All Orders report but lacks column(s) "purchase-date", "fulfillment-channel"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "orders.txt", tsv(c.header, "111-1\tShipped\tAmazon\tx"))
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+": "+c.want, new(*MissingColumnsError))
			// In a folder it may only resemble the kind: it is skipped,
			// with a warning saying what it looked like and what it lacks,
			// and the rest of the folder is read.
			other := writeFile(t, filepath.Dir(p), "other.txt", tsv("amazon-order-id	purchase-date	fulfillment-channel", "111-2	2026-09-07	Amazon"))
			l := mustLoad(t, Options{}, filepath.Dir(p))
			checkWarnings(t, l, "skipped "+p+": "+c.want)
			checkInputs(t, l, []records.InputFile{{File: other, Kind: "orders", Rows: 1}})
		})
	}
}

// A gzip-compressed download reads the same as the plain file; a broken
// stream is an error naming the file.
func TestOrdersGzip(t *testing.T) {
	body := "\ufeffamazon-order-id\tpurchase-date\tfulfillment-channel\r\n" +
		"111-1\t2026-09-07T23:30:00-07:00\tAmazon\r\n" +
		"111-2\t2026-09-08T10:00:00+00:00\tMerchant\r\n"
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	if _, err := zw.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plain := writeFile(t, dir, "plain.txt", body)
	// A name that does not say gzip: the magic bytes decide.
	gz := writeFile(t, dir, "report.txt", zb.String())

	lp := mustLoad(t, Options{}, plain)
	lz := mustLoad(t, Options{}, gz)
	want := []order{
		{"111-1", "2026-09-07", afn, "", "", false, "", 2},
		{"111-2", "2026-09-08", mfn, "", "", false, "", 3},
	}
	for _, l := range []*Loaded{lp, lz} {
		got := ordersOf(l)
		for i := range got {
			got[i].File = ""
		}
		if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("orders %+v, want %+v", got, want)
		}
	}
	checkInputs(t, lz, []records.InputFile{{File: gz, Kind: "orders", Rows: 2}})

	t.Run("truncated in the rows", func(t *testing.T) {
		p := writeFile(t, t.TempDir(), "cut.txt.gz", zb.String()[:zb.Len()-8])
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+":4: broken gzip stream: unexpected EOF", new(*InputError))
	})
	t.Run("truncated in the header", func(t *testing.T) {
		p := writeFile(t, t.TempDir(), "cut.txt.gz", zb.String()[:16])
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+":1: broken gzip stream: unexpected EOF", new(*InputError))
	})
	t.Run("gzip magic, no gzip header", func(t *testing.T) {
		p := writeFile(t, t.TempDir(), "bad.gz", "\x1f\x8b")
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+": broken gzip stream: unexpected EOF", new(*InputError))
	})
}

// A line longer than MaxLine is an error, not a panic or a memory blow-up.
func TestOrdersLineTooLong(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(
		"amazon-order-id\tpurchase-date\tfulfillment-channel",
		"111-1\t2026-09-07\tAmazon",
		"111-2\t2026-09-07\t"+strings.Repeat("x", MaxLine),
	))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+":3: line longer than 1048576 bytes: not a report", new(*InputError))
}

// Bytes that are not UTF-8 (a Windows-1252 product name) do not stop the
// rows from reading.
func TestOrdersWindows1252(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(
		"amazon-order-id\tproduct-name\tpurchase-date\tfulfillment-channel",
		"111-1\tCaf\xe9 cr\xe8me 12\x94\t2026-09-07\tAmazon",
	))
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{{"111-1", "2026-09-07", afn, "", "", false, p, 2}})
}
