package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// The chargebacks file is project-defined (report-formats.md, "Canonical
// files"): Amazon offers no export of its chargeback page.
var chargebacksSpec = Spec{
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
}

type chargebackRow struct {
	OrderID string `csv:"order-id"`
	Date    string `csv:"chargeback-date"`
	Type    string `csv:"chargeback-type"`
}

// chargebackTypes: a service chargeback counts; a fraud one (payment fraud,
// an unauthorised card) is Amazon's responsibility (help 48781). An
// unknown one is a chargeback debited to the seller whose type the writer
// was not told, as the settlement report's "Chargeback Refund" and the
// Finances API's ChargebackEventList (audit fetch) give it: it counts
// (metrics.ChargebackCounts).
var chargebackTypes = map[string]records.ChargebackType{
	"service": records.ChargebackService, "service-chargeback": records.ChargebackService,
	"fraud": records.ChargebackFraud, "fraud-chargeback": records.ChargebackFraud,
	"payment-fraud": records.ChargebackFraud, "unauthorised-card": records.ChargebackFraud,
	"unauthorized-card": records.ChargebackFraud, "unauthorised": records.ChargebackFraud,
	"unauthorized": records.ChargebackFraud, "unknown": records.ChargebackUnknown,
	"unknown-type": records.ChargebackUnknown, "debited": records.ChargebackUnknown,
}

// chargebackTypesWanted lists the canonical types for the error message.
const chargebackTypesWanted = "service, fraud or unknown"

// readChargebacks reads the file's chargebacks. Those of unknown type
// count, as the settlement report's debits do; the file is named in a
// warning with how many it holds, as the ODR notes for the settlement
// report that it cannot tell a service chargeback from a fraud one.
func readChargebacks(t *Table, s *Sink) error {
	blankRow := func(r *chargebackRow) bool {
		return strings.TrimSpace(r.OrderID+r.Date+r.Type) == ""
	}
	unknown := 0
	err := decodeCanonical(t, blankRow, func(r *chargebackRow) error {
		id, err := orderID(t, "order-id", r.OrderID)
		if err != nil {
			return err
		}
		ts, err := timestampField(t, "chargeback-date", r.Date)
		if err != nil {
			return err
		}
		typ, err := enumField(t, "chargeback-type", r.Type, chargebackTypes, "chargeback type", chargebackTypesWanted)
		if err != nil {
			return err
		}
		t.spans.Add(records.Dated, 0, ts.Date)
		if typ == records.ChargebackUnknown {
			// A debit of unknown type is evidence like the settlement
			// report's: a fraud chargeback of the order in another file
			// overrides it (mergeSettlement).
			unknown++
			s.settlement.chargeback(id, ts.Date, t.source())
			return nil
		}
		s.Data.Chargebacks = append(s.Data.Chargebacks, records.Chargeback{OrderID: id, Date: ts.Date, Type: typ, Source: t.source()})
		return nil
	})
	if err == nil && unknown > 0 {
		s.Warnf("%s: %s of unknown type (debited to you; the file does not say service or fraud): counted, as a service chargeback is",
			t.File, plural(unknown, "chargeback", "chargebacks"))
	}
	return err
}
