package report

import (
	"strings"

	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// VAT invoice data report (GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT, EU):
// tab-delimited, about 90 columns, one row per shipment or refund. It says
// whether a business order's invoice was uploaded, not when: it can give
// missing invoices, never late ones.
func init() {
	register(&Spec{
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
	})
}

// invoiceMissing lists invoice-status values that mean no invoice is there
// yet; any other status, or an invoice number, means one was uploaded.
var invoiceMissing = map[string]bool{
	"pending": true, "invoice-pending": true, "pendingupload": true, "pending-upload": true,
	"not-uploaded": true, "notuploaded": true, "missing": true, "failed": true, "error": true, "": true,
}

func readVATInvoices(t *Table, s *Sink) error {
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
		inv := records.Invoice{OrderID: id, OrderDate: ordered.Date, Shipped: shipped, Business: business, Source: t.source()}
		if m, ok := market.Resolve(t.Get(row, "marketplace-id")); ok {
			inv.Marketplace = m.Code
		}
		status := Normalize(t.Get(row, "invoice-status"))
		inv.Uploaded = t.Get(row, "invoice-number") != "" || !invoiceMissing[status]
		s.Data.Invoices = append(s.Data.Invoices, inv)
		return nil
	})
}
