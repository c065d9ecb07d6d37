package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// VAT invoice data report (GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT, EU):
// tab-delimited, about 90 columns, one row per shipment or refund. It says
// whether a business order's invoice was uploaded, not when: it can give
// missing invoices, never late ones.
var vatInvoicesSpec = Spec{
	Kind:  "vat-invoices",
	Title: "VAT invoice data report",
	Columns: []Column{
		{Name: "marketplace-id"}, {Name: "order-id", Aliases: []string{"amazon-order-id"}}, {Name: "shipping-id"},
		{Name: "transaction-type"}, {Name: "invoice-number"}, {Name: "invoice-status"},
		{Name: "invoice-status-description"}, {Name: "is-amazon-invoiced"}, {Name: "order-date"},
		{Name: "shipment-date"}, {Name: "is-business-order"},
	},
	Required: []string{"order-id", "order-date", "shipment-date", "invoice-status", "is-business-order"},
	Anchor:   func(c map[string]int) bool { return has(c, "order-id", "invoice-status") },
	Read:     readVATInvoices,
}

// invoicePending lists invoice-status values that mean no invoice is there
// yet: the row is uploaded only when it has an invoice number.
var invoicePending = map[string]bool{
	"pending": true, "invoice-pending": true, "pendingupload": true, "pending-upload": true,
	"not-uploaded": true, "notuploaded": true, "missing": true, "notfound": true, "not-found": true, "": true,
}

// invoiceFailed lists invoice-status values of an upload Amazon did not
// accept: no invoice, whatever the invoice-number column says.
var invoiceFailed = map[string]bool{
	"failed": true, "error": true, "errored": true, "rejected": true, "invoice-rejected": true,
}

// readVATInvoices reads one record per order. The report has a row per
// order item (order-item-id), so a multi-item order repeats; an order may
// ship in several shipments (shipping-id). Within a file an order's invoice
// counts as uploaded when each of its shipments has an uploaded row. Across
// files (overlapping downloads) an upload seen in any file counts: a later
// download shows an upload an earlier one did not have yet.
func readVATInvoices(t *Table, s *Sink) error {
	index := make(map[records.OrderKey]int, len(s.Data.Invoices)) // order -> s.Data.Invoices
	for i, inv := range s.Data.Invoices {
		index[inv.Key] = i
	}
	file := records.Intern(t.File)
	type fileOrder struct {
		earlier  bool            // read from an earlier file as uploaded
		shipment map[string]bool // shipping-id -> uploaded (any row)
	}
	inFile := map[records.OrderKey]*fileOrder{}
	return eachRow(t, func(row []string) error {
		if typ := strings.ToLower(t.Get(row, "transaction-type")); typ != "" && typ != "shipment" {
			return nil // refunds have credit notes, not invoices
		}
		amazonInvoiced, err := boolField(t, "is-amazon-invoiced", t.Get(row, "is-amazon-invoiced"))
		if err != nil {
			return err
		}
		if amazonInvoiced {
			return nil // Amazon issues the invoice (VCS): not the seller's defect
		}
		id, err := orderID(t, "order-id", t.Get(row, "order-id"))
		if err != nil {
			return err
		}
		ordered, err := timestampField(t, "order-date", t.Get(row, "order-date"))
		if err != nil {
			return err
		}
		shipped, err := optTimestampField(t, "shipment-date", t.Get(row, "shipment-date"))
		if err != nil {
			return err
		}
		business, err := boolField(t, "is-business-order", t.Get(row, "is-business-order"))
		if err != nil {
			return err
		}
		var store records.Sym
		if m, ok := market.Resolve(t.Get(row, "marketplace-id")); ok {
			store = records.Intern(m.Code)
		}
		status := Normalize(t.Get(row, "invoice-status"))
		uploaded := !invoiceFailed[status] && (t.Get(row, "invoice-number") != "" || !invoicePending[status])

		t.spans.Add(records.Ordered, store, ordered.Date)
		key := records.KeyOf(id)
		i, seen := index[key]
		if !seen {
			i = len(s.Data.Invoices)
			index[key] = i
			s.Data.Invoices = append(s.Data.Invoices, records.Invoice{Key: key, OrderDate: ordered.Date, File: file, Line: int32(t.line)})
		}
		inv := &s.Data.Invoices[i]
		fo := inFile[key]
		if fo == nil {
			fo = &fileOrder{earlier: seen && inv.Uploaded, shipment: map[string]bool{}}
			inFile[key] = fo
		}
		ship := t.Get(row, "shipping-id")
		fo.shipment[ship] = fo.shipment[ship] || uploaded
		all := true
		for _, up := range fo.shipment {
			all = all && up
		}
		inv.Uploaded = fo.earlier || all
		inv.Business = inv.Business || business
		if inv.Marketplace.String() == "" {
			inv.Marketplace = store
		}
		if !shipped.IsZero() && (inv.Shipped.IsZero() || shipped.Compare(inv.Shipped) < 0) {
			inv.Shipped = shipped
		}
		return nil
	})
}
