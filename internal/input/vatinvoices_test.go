package input

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// vatColumns is a VAT invoice data report header: the columns
// report-formats.md lists for IDR among the report's other columns
// (SP-API "Invoice Data reports attributes"), plus two it does not list.
var vatColumns = []string{
	"marketplace-id", "order-id", "order-item-id", "shipping-id", "transaction-id", "transaction-type",
	"invoice-number", "invoice-status", "invoice-status-description", "is-amazon-invoiced", "order-date",
	"shipment-date", "buyer-vat-number", "seller-vat-number", "asin", "sku", "product-name",
	"quantity-purchased", "currency", "item-vat-incl-amount", "item-vat-amount", "item-vat-excl-amount",
	"item-vat-rate", "shipping-vat-incl-amount", "is-business-order", "price-designation",
	"purchase-order-number", "recipient-name", "ship-service-level", "fulfilled-by", "ship-city",
	"ship-postal-code", "ship-country", "citation-en", "export-outside-eu",
}

// vatCol is the 1-based field number of a column of vatColumns.
func vatCol(name string) int {
	for i, c := range vatColumns {
		if c == name {
			return i + 1
		}
	}
	panic("no column " + name)
}

// vatRow writes one tab-separated row: plausible values for every column,
// with the given ones ("column=value") in their place.
func vatRow(set ...string) string {
	v := map[string]string{
		"marketplace-id": "A1PA6795UKMFR9", "order-item-id": "61234567890123", "shipping-id": "DmZ1v2Fkq",
		"transaction-id": "amzn1.tx.1", "transaction-type": "Shipment", "is-amazon-invoiced": "false",
		"order-date": "2026-11-09T10:15:00+01:00", "shipment-date": "2026-11-10T08:00:00+01:00",
		"seller-vat-number": "DE123456789", "asin": "B08XYZ1234", "sku": "kissen-40",
		"product-name": `Kissen 40x40 "Weiß", 2er Set`, "quantity-purchased": "1", "currency": "EUR",
		"item-vat-incl-amount": "23.80", "item-vat-amount": "3.80", "item-vat-excl-amount": "20.00",
		"item-vat-rate": "0.19", "shipping-vat-incl-amount": "0.00", "is-business-order": "true",
		"recipient-name": "Muster GmbH", "ship-service-level": "Standard", "fulfilled-by": "Seller",
		"ship-city": "Berlin", "ship-postal-code": "10115", "ship-country": "DE", "citation-en": "", "export-outside-eu": "false",
	}
	for _, kv := range set {
		k, val, ok := strings.Cut(kv, "=")
		if !ok {
			panic(kv)
		}
		vatCol(k) // the column must exist
		v[k] = val
	}
	cells := make([]string, len(vatColumns))
	for i, c := range vatColumns {
		cells[i] = v[c]
	}
	return strings.Join(cells, "\t")
}

// invoice is the comparable view of a records.Invoice.
type invoice struct {
	ID        string
	Market    string
	OrderDate string
	Shipped   string
	Business  bool
	Uploaded  bool
	File      string // base name
	Line      int
}

func invoicesOf(l *Loaded) []invoice {
	var out []invoice
	for _, v := range l.Data.Invoices {
		out = append(out, invoice{v.OrderID(), v.Marketplace.String(), v.OrderDate.String(), optStamp(v.Shipped), v.Business, v.Uploaded, filepath.Base(v.Source().File), v.Source().Line})
	}
	return out
}

func checkInvoices(t testing.TB, l *Loaded, want []invoice) {
	t.Helper()
	got := invoicesOf(l)
	if len(got) != len(want) {
		t.Errorf("%d invoices, want %d\n got: %+v", len(got), len(want), got)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("invoice %d\n got: %+v\nwant: %+v", i, got[i], want[i])
		}
	}
}

// A realistic report: shipments and refunds, Amazon-invoiced rows,
// uploaded and pending invoices, several stores, item rows of one order.
func TestVATInvoicesReport(t *testing.T) {
	rows := []string{
		strings.Join(vatColumns, "\t"),
		// 2: uploaded: invoice number and status
		vatRow("order-id=028-0000001-0000001", "invoice-number=INV-DE-0001", "invoice-status=Uploaded"),
		// 3: pending, no number: not uploaded
		vatRow("order-id=028-0000002-0000002", "invoice-status=Pending", "invoice-status-description=Invoice pending"),
		// 4: no status, no number: not uploaded
		vatRow("order-id=028-0000003-0000003"),
		// 5: number without status: uploaded (FR by its marketplace id)
		vatRow("order-id=171-0000004-0000004", "marketplace-id=A13V1IB3VIYZZH", "invoice-number=FR-77", "order-date=2026-11-08", "shipment-date=2026-11-09"),
		// 6: a refund of order 1: no invoice is due, skipped
		vatRow("order-id=028-0000001-0000001", "transaction-type=Refund", "invoice-status=Pending"),
		// 7: Amazon invoices it (VCS): skipped
		vatRow("order-id=028-0000006-0000006", "is-amazon-invoiced=true", "invoice-status=Pending"),
		// 8: a consumer order in the UK
		vatRow("order-id=202-0000005-0000005", "marketplace-id=A1F83G8C2ARO7P", "is-business-order=false", "invoice-status=PENDING", "currency=GBP"),
		// 9, 10: two items of one IT order in one shipment: one record
		vatRow("order-id=403-0000007-0000007", "marketplace-id=APJ6JRA9NG5V4", "order-item-id=1", "invoice-status=pending"),
		vatRow("order-id=403-0000007-0000007", "marketplace-id=APJ6JRA9NG5V4", "order-item-id=2", "invoice-status=pending"),
		// 11, 12: an ES order in two shipments, one invoiced: not uploaded
		vatRow("order-id=406-0000008-0000008", "marketplace-id=A1RKKUPIHCS9HS", "shipping-id=S1", "invoice-number=ES-1", "invoice-status=Uploaded", "shipment-date=2026-11-11T09:00:00+01:00"),
		vatRow("order-id=406-0000008-0000008", "marketplace-id=A1RKKUPIHCS9HS", "shipping-id=S2", "invoice-status=Pending", "shipment-date=2026-11-10T18:00:00+01:00"),
		// 13: unknown marketplace id, not shipped yet
		vatRow("order-id=028-0000009-0000009", "marketplace-id=AXXXXXXXXXXXX", "shipment-date=", "invoice-status="),
		// 14: a rejected upload is no invoice, even with a number
		vatRow("order-id=028-0000010-0000010", "invoice-number=INV-DE-0010", "invoice-status=Rejected"),
		// 15: a return row: skipped
		vatRow("order-id=028-0000011-0000011", "transaction-type=RETURN"),
		// 16: other upload-like statuses: uploaded
		vatRow("order-id=028-0000012-0000012", "invoice-status=Accepted"),
	}
	p := writeFile(t, t.TempDir(), "vidr.txt", tsv(rows...))
	l := mustLoad(t, Options{}, p)
	const ord, shp = "2026-11-09", "2026-11-10 @2026-11-10T07:00:00Z"
	checkInvoices(t, l, []invoice{
		{"028-0000001-0000001", "DE", ord, shp, true, true, "vidr.txt", 2},
		{"028-0000002-0000002", "DE", ord, shp, true, false, "vidr.txt", 3},
		{"028-0000003-0000003", "DE", ord, shp, true, false, "vidr.txt", 4},
		{"171-0000004-0000004", "FR", "2026-11-08", "2026-11-09", true, true, "vidr.txt", 5},
		{"202-0000005-0000005", "UK", ord, shp, false, false, "vidr.txt", 8},
		{"403-0000007-0000007", "IT", ord, shp, true, false, "vidr.txt", 9},
		{"406-0000008-0000008", "ES", ord, "2026-11-10 @2026-11-10T17:00:00Z", true, false, "vidr.txt", 11},
		{"028-0000009-0000009", "", ord, "", true, false, "vidr.txt", 13},
		{"028-0000010-0000010", "DE", ord, shp, true, false, "vidr.txt", 14},
		{"028-0000012-0000012", "DE", ord, shp, true, true, "vidr.txt", 16},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "vat-invoices", Rows: 15}})
	checkWarnings(t, l)
	if !l.Data.Has("vat-invoices") || l.Data.Shipments.Len() != 0 || l.Data.Orders.Len() != 0 {
		t.Errorf("kinds %v, %d shipments, %d orders", l.Data.Kinds, l.Data.Shipments.Len(), l.Data.Orders.Len())
	}
	if !l.Data.Columns["vat-invoices.invoice-number"] || !l.Data.Columns["vat-invoices.is-amazon-invoiced"] {
		t.Errorf("columns %v", columnsOf(l, "vat-invoices"))
	}
}

// The invoice status decides when there is no invoice number: pending and
// its spellings, or empty, are no invoice; a failed upload is none even
// with a number; any other status is an invoice.
func TestVATInvoicesStatus(t *testing.T) {
	cases := []struct {
		number, status string
		uploaded       bool
	}{
		{"", "", false},
		{"", "Pending", false},
		{"", "pending", false},
		{"", "Invoice Pending", false},
		{"", "PendingUpload", false},
		{"", "Pending_Upload", false},
		{"", "Not Uploaded", false},
		{"", "Missing", false},
		{"", "NotFound", false},
		{"", "Failed", false},
		{"", "Error", false},
		{"", "Errored", false},
		{"", "Rejected", false},
		{"", "Uploaded", true},
		{"", "Accepted", true},
		{"", "Processing", true},
		{"INV-1", "", true},
		{"INV-1", "Pending", true},
		{"INV-1", "Uploaded", true},
		{"INV-1", "Failed", false},
		{"INV-1", "Rejected", false},
		{" ", "", false},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "v.txt", tsv(strings.Join(vatColumns, "\t"),
			vatRow("order-id=028-1", "invoice-number="+c.number, "invoice-status="+c.status)))
		l := mustLoad(t, Options{}, p)
		if len(l.Data.Invoices) != 1 || l.Data.Invoices[0].Uploaded != c.uploaded {
			t.Errorf("number %q, status %q: got %+v, want uploaded %v", c.number, c.status, invoicesOf(l), c.uploaded)
		}
	}
}

// Only the columns IDR needs, in another order, CRLF; transaction-type
// and is-amazon-invoiced absent mean shipments invoiced by the seller.
func TestVATInvoicesMinimalColumns(t *testing.T) {
	p := writeFile(t, t.TempDir(), "v.txt", "is-business-order\tinvoice-status\tshipment-date\torder-date\torder-id\r\n"+
		"Y\tPending\t2026-11-10\t2026-11-09\t028-1\r\n"+
		"N\t\t\t2026-11-09T23:30:00-01:00\t028-2\r\n")
	l := mustLoad(t, Options{}, p)
	checkInvoices(t, l, []invoice{
		{"028-1", "", "2026-11-09", "2026-11-10", true, false, "v.txt", 2},
		{"028-2", "", "2026-11-09", "", false, false, "v.txt", 3},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "vat-invoices", Rows: 2}})
}

// Overlapping downloads: an order is one record; an upload seen in any
// file counts, whichever file comes first.
func TestVATInvoicesOverlap(t *testing.T) {
	dir := t.TempDir()
	hdr := strings.Join(vatColumns, "\t")
	a := writeFile(t, dir, "a.txt", tsv(hdr,
		vatRow("order-id=028-1", "invoice-status=Pending"),
		vatRow("order-id=028-2", "invoice-number=N2", "invoice-status=Uploaded"),
		vatRow("order-id=028-3", "invoice-status=Pending")))
	b := writeFile(t, dir, "b.txt", tsv(hdr,
		vatRow("order-id=028-1", "invoice-number=N1", "invoice-status=Uploaded"),
		vatRow("order-id=028-2", "invoice-status=Pending"),
		vatRow("order-id=028-3", "invoice-status=Pending"),
		vatRow("order-id=028-4", "invoice-status=Pending")))
	const ord, shp = "2026-11-09", "2026-11-10 @2026-11-10T07:00:00Z"
	l := mustLoad(t, Options{}, a, b)
	checkInvoices(t, l, []invoice{
		{"028-1", "DE", ord, shp, true, true, "a.txt", 2},
		{"028-2", "DE", ord, shp, true, true, "a.txt", 3},
		{"028-3", "DE", ord, shp, true, false, "a.txt", 4},
		{"028-4", "DE", ord, shp, true, false, "b.txt", 5},
	})
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "vat-invoices", Rows: 3}, {File: b, Kind: "vat-invoices", Rows: 4}})
	checkWarnings(t, l)
}

// Bad values are errors at their row and column.
func TestVATInvoicesBadValues(t *testing.T) {
	cases := []struct {
		set, col, msg string
	}{
		{"is-amazon-invoiced=maybe", "is-amazon-invoiced", `want true or false (Y/N), got "maybe"`},
		{"is-business-order=B2B", "is-business-order", `want true or false (Y/N), got "B2B"`},
		{"order-date=09.11.2026", "order-date", `want an ISO-8601 date or time, got "09.11.2026"`},
		{"order-date=", "order-date", "empty date"},
		{"shipment-date=2026-11-31", "shipment-date", `want an ISO-8601 date or time, got "2026-11-31"`},
		{"order-id=", "order-id", "empty order id"},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "v.txt", tsv(strings.Join(vatColumns, "\t"),
			vatRow("order-id=028-1"), vatRow("order-id=028-2", c.set)))
		err := loadErr(t, Options{}, p)
		col := vatCol(c.col)
		inputErr(t, err, p, 3, col, c.col)
		wantErr(t, err, p+":3:"+strconv.Itoa(col)+`: column "`+c.col+`": `+c.msg, nil)
	}
	// A refund or an Amazon-invoiced row is not read, bad values and all.
	p := writeFile(t, t.TempDir(), "v.txt", tsv(strings.Join(vatColumns, "\t"),
		vatRow("order-id=028-1", "transaction-type=Refund", "order-date=bad"),
		vatRow("order-id=028-2", "is-amazon-invoiced=TRUE", "is-business-order=bad")))
	l := mustLoad(t, Options{}, p)
	checkInvoices(t, l, nil)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "vat-invoices", Rows: 2}})
}

func TestVATInvoicesMissingColumns(t *testing.T) {
	p := writeFile(t, t.TempDir(), "v.txt", "order-id\tinvoice-status\tinvoice-number\n028-1\tPending\t\n")
	wantErr(t, loadErr(t, Options{}, p),
		p+`: looks like a VAT invoice data report but lacks column(s) "order-date", "shipment-date", "is-business-order"`, new(*MissingColumnsError))
}

// FuzzReadVATInvoices puts random bodies under a valid VAT invoice data
// report header (the full one or the five columns IDR needs): Load
// returns an *InputError placed in the body or one record per order, and
// never panics.
func FuzzReadVATInvoices(f *testing.F) {
	f.Add(false, []byte(vatRow("order-id=028-1", "invoice-status=Pending")+"\n"+vatRow("order-id=028-1", "shipping-id=S2", "invoice-number=1")+"\n"))
	f.Add(false, []byte(vatRow("order-id=028-2", "transaction-type=Refund", "order-date=x")+"\r\n\r\n"+vatRow("order-id=028-3", "marketplace-id=Amazon.de")+"\n"))
	f.Add(false, []byte(vatRow("order-id=028-4", "is-amazon-invoiced=maybe")+"\n"))
	f.Add(false, []byte("A1PA6795UKMFR9\t028-5\t\t\t\t\t\"\t\"\n\t\t\t\n"))
	f.Add(true, []byte("028-1\t2026-11-09\t2026-11-10\tPending\ttrue\n028-1\t2026-11-09\t\tUploaded\tY\n"))
	f.Add(true, []byte("028-1\t2026-11-09T25:00\t\t\t\n\t\t\t\t\n"))
	dir := f.TempDir()
	p := filepath.Join(dir, "body.txt")
	full := strings.Join(vatColumns, "\t")
	const minimal = "order-id\torder-date\tshipment-date\tinvoice-status\tis-business-order"
	f.Fuzz(func(t *testing.T, short bool, body []byte) {
		header := full
		if short {
			header = minimal
		}
		l := loadFuzzed(t, p, header+"\n", body, Options{})
		if l == nil {
			return
		}
		if len(l.Inputs) != 1 || l.Inputs[0].Kind != "vat-invoices" || l.Inputs[0].Rows < len(l.Data.Invoices) {
			t.Fatalf("inputs %+v for %d invoices", l.Inputs, len(l.Data.Invoices))
		}
		lines := strings.Count(string(body), "\n") + 2
		seen := map[string]bool{}
		for _, v := range l.Data.Invoices {
			if v.OrderID() == "" || strings.ContainsAny(v.OrderID(), " \t\r\n") || seen[v.OrderID()] {
				t.Fatalf("order id %q (seen before: %v)", v.OrderID(), seen[v.OrderID()])
			}
			seen[v.OrderID()] = true
			if v.Source().File != p || v.Source().Line < 2 || v.Source().Line > lines {
				t.Fatalf("invoice %s at %s:%d of %d lines", v.OrderID(), v.Source().File, v.Source().Line, lines)
			}
			if v.Marketplace != 0 && len(v.Marketplace.String()) != 2 {
				t.Fatalf("invoice %s: marketplace %q", v.OrderID(), v.Marketplace)
			}
		}
	})
}
