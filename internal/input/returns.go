package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Seller-fulfilled returns report (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE).
// Its `A-to-Z Claim = Y` is a per-order A-to-z flag (the settlement
// report's A-to-z refunds are the other per-order evidence Amazon lets a
// seller download): it marks a claim whose status is unknown, so it counts
// (metrics.md, ODR).
var returnsSpec = Spec{
	Kind:  "returns",
	Title: "returns report",
	Columns: []Column{
		{Name: "order-id"}, {Name: "order-date"}, {Name: "return-request-date"},
		{Name: "return-request-status"}, {Name: "amazon-rma-id"}, {Name: "merchant-rma-id"},
		{Name: "label-type"}, {Name: "label-cost"}, {Name: "currency-code"}, {Name: "return-carrier"},
		{Name: "tracking-id"}, {Name: "label-to-be-paid-by"},
		{Name: "a-to-z-claim", Aliases: []string{"a-to-z-claim-flag", "atoz-claim", "a-z-claim"}},
		{Name: "is-prime"}, {Name: "asin"}, {Name: "merchant-sku"}, {Name: "item-name"},
		{Name: "return-quantity"}, {Name: "return-reason"}, {Name: "in-policy"}, {Name: "return-type"},
		{Name: "resolution"}, {Name: "invoice-number"}, {Name: "return-delivery-date"},
		{Name: "order-amount"}, {Name: "order-quantity"}, {Name: "safet-action-reason"},
		{Name: "safet-claim-id"}, {Name: "safet-claim-state"}, {Name: "safet-claim-creation-time"},
		{Name: "safet-claim-reimbursement-amount"}, {Name: "refunded-amount"},
	},
	Required: []string{"order-id", "return-request-date", "a-to-z-claim"},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "a-to-z-claim") || has(c, "return-request-date"))
	},
	Read: readReturns,
}

func readReturns(t *Table, s *Sink) error {
	return eachRow(t, func(row []string) error {
		flag := t.Get(row, "a-to-z-claim")
		switch strings.ToUpper(flag) {
		case "N", "NO", "FALSE", "":
			return nil
		case "Y", "YES", "TRUE":
		default:
			return t.Errorf("a-to-z-claim", "want Y or N, got %q", flag)
		}
		id, err := orderID(t, "order-id", t.Get(row, "order-id"))
		if err != nil {
			return err
		}
		d, err := civil.ParseDayMonYear(t.Get(row, "return-request-date"))
		if err != nil {
			return t.Errorf("return-request-date", "%v", err)
		}
		// The claim's own date is unknown; it cannot precede the return
		// request, so the request date stands in for it.
		t.spans.Add(records.Dated, 0, d)
		s.Data.Claims = append(s.Data.Claims, records.Claim{OrderID: id, Date: d, Status: records.ClaimUnknown, Source: t.source()})
		return nil
	})
}
