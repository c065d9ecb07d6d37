package report

import (
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// The chargebacks file is project-defined (report-formats.md, "Canonical
// files"): Amazon offers no export of its chargeback page.
func init() {
	register(&Spec{
		Kind:  "chargebacks",
		Title: "chargebacks file",
		Columns: []Column{
			{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number", "order"}},
			{Name: "chargeback-date", Aliases: []string{"date", "chargeback-received-date", "received-date"}},
			{Name: "chargeback-type", Aliases: []string{"type"}},
			{Name: "reason", Aliases: []string{"chargeback-reason"}},
			{Name: "amount", Aliases: []string{"chargeback-amount"}},
			{Name: "currency"},
		},
		Required: []string{"order-id", "chargeback-date", "chargeback-type"},
		Anchor: func(c map[string]int) bool {
			return has(c, "order-id") && (has(c, "chargeback-type") || has(c, "chargeback-date"))
		},
		Quoted: true,
		Read:   readChargebacks,
	})
}

type chargebackRow struct {
	OrderID string `csv:"order-id"`
	Date    string `csv:"chargeback-date"`
	Type    string `csv:"chargeback-type"`
}

var chargebackTypes = map[string]records.ChargebackType{
	"service": records.ChargebackService, "fraud": records.ChargebackFraud,
}

func readChargebacks(t *Table, s *Sink) error {
	blankRow := func(r *chargebackRow) bool {
		return strings.TrimSpace(r.OrderID+r.Date+r.Type) == ""
	}
	return decodeCanonical(t, blankRow, func(r *chargebackRow) error {
		id, err := orderID(t, "order-id", r.OrderID)
		if err != nil {
			return err
		}
		ts, err := civil.ParseTimestamp(strings.TrimSpace(r.Date))
		if err != nil {
			return t.Errorf("chargeback-date", "%v", err)
		}
		typ, ok := chargebackTypes[Normalize(r.Type)]
		if !ok {
			return t.Errorf("chargeback-type", "unknown chargeback type %q (want service or fraud)", strings.TrimSpace(r.Type))
		}
		s.Data.Chargebacks = append(s.Data.Chargebacks, records.Chargeback{OrderID: id, Date: ts.Date, Type: typ, Source: t.source()})
		return nil
	})
}
