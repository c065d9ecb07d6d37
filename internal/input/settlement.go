package input

import (
	"fmt"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Amazon's settlement report, as a flat file: the V2 layout
// (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2; Seller Central: Reports >
// Payments > All Statements, "Download Flat File V2"), whose money is in
// three columns (amount-type, amount-description, amount), and the older
// layout (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE, "V1"), whose money is in
// a column per kind of fee. Tab-delimited, unquoted, one header row. The
// first row after the header is the settlement's summary (its id, period,
// deposit date, total and currency, no transaction type); each later row is
// one amount of one transaction.
//
// Two transaction types are evidence for the ODR (docs/formats.md,
// "Settlement report"): "A-to-z Guarantee Refund", the refund of a granted
// A-to-z claim charged to the seller, and "Chargeback Refund", a chargeback
// debited to the seller. Each becomes one claim or chargeback per order,
// however many amount rows and settlements hold it; once every file is
// read they are set beside the claims and chargebacks of the other files
// (mergeSettlement). Every other transaction's date only says which days
// the file covers.
var settlementSpec = Spec{
	Kind:  "settlement",
	Title: "settlement report",
	Columns: []Column{
		// Both layouts.
		{Name: "settlement-id"}, {Name: "settlement-start-date"}, {Name: "settlement-end-date"},
		{Name: "deposit-date"}, {Name: "total-amount"}, {Name: "currency"}, {Name: "transaction-type"},
		{Name: "order-id"}, {Name: "merchant-order-id"}, {Name: "adjustment-id"}, {Name: "shipment-id"},
		{Name: "marketplace-name"}, {Name: "fulfillment-id"}, {Name: "posted-date"},
		{Name: "order-item-code"}, {Name: "merchant-order-item-id"}, {Name: "merchant-adjustment-item-id"},
		{Name: "sku"}, {Name: "quantity-purchased"}, {Name: "promotion-id"},
		// V2.
		{Name: "amount-type"}, {Name: "amount-description"}, {Name: "amount"}, {Name: "posted-date-time"},
		// V1.
		{Name: "shipment-fee-type"}, {Name: "shipment-fee-amount"}, {Name: "order-fee-type"},
		{Name: "order-fee-amount"}, {Name: "price-type"}, {Name: "price-amount"},
		{Name: "item-related-fee-type"}, {Name: "item-related-fee-amount"}, {Name: "misc-fee-amount"},
		{Name: "other-fee-amount"}, {Name: "other-fee-reason-description"}, {Name: "promotion-type"},
		{Name: "promotion-amount"}, {Name: "direct-payment-type"}, {Name: "direct-payment-amount"},
		{Name: "other-amount"},
	},
	Required: []string{"settlement-id", "transaction-type", "order-id", "posted-date"},
	// No other report has a settlement-id with a transaction-type: the
	// Payments date range report writes "settlement id" and "type", the
	// Payments transaction view "Transaction type" without a settlement.
	Anchor: func(c map[string]int) bool { return has(c, "settlement-id", "transaction-type") },
	Read:   readSettlement,
}

// settlementEvent is what a transaction type is evidence of.
type settlementEvent uint8

const (
	settledNothing    settlementEvent = iota
	settledClaim                      // a granted A-to-z claim, charged to the seller
	settledChargeback                 // a chargeback debited to the seller
)

// settlementTypes are the transaction types read, by their letters and
// digits in lower case, so that case, spaces and hyphens do not matter:
// "A-to-z Guarantee Refund" (the settlement reports), "A-to-z Guarantee
// Claim" (how the Payments date range report names the same transaction),
// "Chargeback Refund" (both). Any other type (Order, Refund, Adjustment,
// other-transaction, ServiceFee, ...) is evidence of neither.
var settlementTypes = map[string]settlementEvent{
	"atozguaranteerefund":      settledClaim,
	"atozguaranteeclaim":       settledClaim,
	"atozguaranteerefundclaim": settledClaim,
	"chargebackrefund":         settledChargeback,
}

// settlementEventOf is what the transaction type v is evidence of.
func settlementEventOf(v string) settlementEvent {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		}
	}
	return settlementTypes[b.String()]
}

// settled gathers the claims and chargebacks of the settlement reports, one
// per order each, until every file is read (mergeSettlement).
type settled struct {
	claims      []records.Claim
	chargebacks []records.Chargeback
	claimAt     map[string]int // order id -> index in claims
	chargeAt    map[string]int // order id -> index in chargebacks
}

// claim notes an A-to-z refund row of order id: the order's first one, or
// an earlier-dated one (the claim was granted by then).
func (st *settled) claim(id string, d civil.Date, src records.Source) {
	if i, ok := st.claimAt[id]; ok {
		if d < st.claims[i].Date {
			st.claims[i].Date, st.claims[i].Source = d, src
		}
		return
	}
	if st.claimAt == nil {
		st.claimAt = map[string]int{}
	}
	st.claimAt[id] = len(st.claims)
	st.claims = append(st.claims, records.Claim{OrderID: id, Date: d, Status: records.ClaimGranted, Source: src})
}

// chargeback notes a chargeback row of order id, as claim does.
func (st *settled) chargeback(id string, d civil.Date, src records.Source) {
	if i, ok := st.chargeAt[id]; ok {
		if d < st.chargebacks[i].Date {
			st.chargebacks[i].Date, st.chargebacks[i].Source = d, src
		}
		return
	}
	if st.chargeAt == nil {
		st.chargeAt = map[string]int{}
	}
	st.chargeAt[id] = len(st.chargebacks)
	st.chargebacks = append(st.chargebacks, records.Chargeback{OrderID: id, Date: d, Type: records.ChargebackUnknown, Source: src})
}

// readSettlement reads the rows of a settlement report. A row without a
// transaction type (the summary row) is skipped. A transaction's date is
// its posted-date-time, or its posted-date when the file has no time or the
// row leaves it empty; the date as written counts (UTC, as Amazon writes
// it). An A-to-z refund or chargeback row needs its order id and its date;
// another row's date, when it has one, goes to the days the file covers.
func readSettlement(t *Table, s *Sink) error {
	typ, id, day, stamp, market := t.Col("transaction-type"), t.Col("order-id"), t.Col("posted-date"), t.Col("posted-date-time"), t.Col("marketplace-name")
	return eachRow(t, func(row []string) error {
		tt := At(row, typ)
		if tt == "" {
			return nil // the settlement's summary
		}
		ev := settlementEventOf(tt)
		col, v := "posted-date-time", At(row, stamp)
		if v == "" {
			col, v = "posted-date", At(row, day)
		}
		if v == "" {
			if ev == settledNothing {
				return nil
			}
			return t.Errorf("posted-date", "empty date")
		}
		d, err := settlementDate(v)
		if err != nil {
			return t.Errorf(col, "%v", err)
		}
		var order string
		if ev != settledNothing {
			if order, err = orderID(t, "order-id", At(row, id)); err != nil {
				return err
			}
		}
		t.spans.Add(records.Dated, records.Intern(At(row, market)), d)
		switch ev {
		case settledClaim:
			s.settlement.claim(order, d, t.source())
		case settledChargeback:
			s.settlement.chargeback(order, d, t.source())
		}
		return nil
	})
}

// wantSettlementDate is the error's example of the dates accepted.
const wantSettlementDate = "want a date like 2026-11-05, 2026-11-05 10:31:12 UTC or 05.11.2026 10:31:12 UTC"

// settlementDate reads a settlement report's posted date or time as Amazon
// writes it, and returns the date as written:
//
//   - ISO-8601 (civil.ParseTimestamp): 2026-11-05, 2015-12-02T04:15:26+00:00,
//     and 2026-11-05 10:31:12 UTC, the zone written as a word;
//   - day first with dots, as the V2 files of Amazon's European stores
//     (and some others) write it: 05.11.2026, 05.11.2026 10:31:12 UTC;
//   - year first with slashes (Japan): 2026/11/05 10:31:12 UTC;
//   - with slashes and the year last: 05/11/2026 is read when one of its
//     first two numbers is above 12 (then it can only be the day); when
//     both could be the month it is an error, for stores write both orders.
//
// A time, when there is one, must be a clock time (H:MM or H:MM:SS); it is
// not used: the date as written counts, in the report's own zone (UTC).
func settlementDate(v string) (civil.Date, error) {
	s := strings.TrimSpace(v)
	if n := len(s); n > 4 && strings.EqualFold(s[n-4:], " UTC") {
		s = strings.TrimSpace(s[:n-4])
	}
	if len(s) >= 10 && s[4] == '-' {
		ts, err := civil.ParseTimestamp(s)
		if err != nil {
			return 0, fmt.Errorf("%s, got %q", wantSettlementDate, v)
		}
		return ts.Date, nil
	}
	date, clock, _ := strings.Cut(s, " ")
	if clock = strings.TrimSpace(clock); clock != "" {
		if _, err := civil.ParseTimestamp("2000-01-01T" + clock); err != nil || strings.ContainsAny(clock, "+-Zz") {
			return 0, fmt.Errorf("%s, got %q", wantSettlementDate, v)
		}
	}
	// The day/month order as the feedback reports' short dates are read
	// (civil.ShortEvidence): a year first, a dot (day first), or a number
	// above 12 tells it; otherwise it cannot be told.
	var order civil.Order
	switch ev := civil.ShortEvidence(date); len(ev) {
	case 0:
		return 0, fmt.Errorf("%s, got %q", wantSettlementDate, v)
	case 1:
		order = ev[0]
	default:
		return 0, fmt.Errorf("cannot tell whether %q is day/month or month/day: give the report's posted-date-time, or write the date as 2026-11-05", date)
	}
	d, err := civil.ParseShort(date, order)
	if err != nil {
		return 0, fmt.Errorf("%s, got %q", wantSettlementDate, v)
	}
	return d, nil
}

// mergeSettlement adds the settlement reports' claims and chargebacks to
// the dataset once every file is read, beside those of the other files
// (conflicts.go). The other files' record of an order that is dated on or
// before the settlement's posting can be the claim or chargeback the
// settlement paid out:
//
//   - a claim the other files give as under review, granted, refunded by
//     the seller or of unknown status (the returns report's flag) is the
//     same claim: the settlement's is not added, silently; the other
//     file's record has the claim's own (earlier) date and status;
//   - a claim reversed on appeal: the settlement's charge came before the
//     appeal, and the claim no longer counts; not added, silently;
//   - a claim denied or withdrawn, and no other: Amazon charges an A-to-z
//     refund only on a granted claim, so the file is out of date or names
//     another claim of the order; the settlement's is added (it counts)
//     with a warning naming both rows;
//   - a service chargeback is the same chargeback: not added, silently;
//   - a fraud chargeback, and no service one: the chargebacks file knows
//     the type the settlement does not; not added (it does not count),
//     with a warning, for Amazon bears fraud chargebacks and the seller
//     was debited all the same.
//
// A record of the other files dated after the settlement's posting is
// another claim or chargeback: both stay, and the ODR counts the order
// once per defect type anyway.
func mergeSettlement(s *Sink) {
	st := &s.settlement
	if len(st.claims) > 0 {
		byOrder := map[string][]records.Claim{}
		for _, c := range s.Data.Claims {
			byOrder[c.OrderID] = append(byOrder[c.OrderID], c)
		}
		for _, sc := range st.claims {
			given, reversed := false, false
			var against *records.Claim
			for i, c := range byOrder[sc.OrderID] {
				if c.Date > sc.Date {
					continue
				}
				switch c.Status {
				case records.ClaimReversedOnAppeal:
					reversed = true
				case records.ClaimDenied, records.ClaimWithdrawn:
					if against == nil {
						against = &byOrder[sc.OrderID][i]
					}
				default:
					given = true
				}
			}
			switch {
			case given || reversed:
				continue
			case against != nil:
				s.conflictf("A-to-z claim statuses", "%s: order %s has an A-to-z Guarantee refund charged to the seller here but its claim is %s at %s; counting the claim (Amazon charges the refund of a granted claim only)",
					at(sc.Source), sc.OrderID, against.Status, at(against.Source))
			}
			s.Data.Claims = append(s.Data.Claims, sc)
		}
	}
	if len(st.chargebacks) > 0 {
		byOrder := map[string][]records.Chargeback{}
		for _, c := range s.Data.Chargebacks {
			byOrder[c.OrderID] = append(byOrder[c.OrderID], c)
		}
		for _, sc := range st.chargebacks {
			service := false
			var fraud *records.Chargeback
			for i, c := range byOrder[sc.OrderID] {
				if c.Date > sc.Date {
					continue
				}
				switch c.Type {
				case records.ChargebackFraud:
					if fraud == nil {
						fraud = &byOrder[sc.OrderID][i]
					}
				default:
					service = true
				}
			}
			switch {
			case service:
				continue
			case fraud != nil:
				s.conflictf("chargeback types", "%s: order %s has a chargeback debited to the seller here but a fraud chargeback at %s; using fraud, which does not count (Amazon bears fraud chargebacks)",
					at(sc.Source), sc.OrderID, at(fraud.Source))
				continue
			}
			s.Data.Chargebacks = append(s.Data.Chargebacks, sc)
		}
	}
}
