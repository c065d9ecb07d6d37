package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// The A-to-z claims file is project-defined (report-formats.md, "Canonical
// files"): Amazon offers no export of its claims page.
var claimsSpec = Spec{
	Kind:  "claims",
	Title: "A-to-z claims file",
	Columns: []Column{
		{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number", "order"}},
		{Name: "claim-date", Aliases: []string{"date", "claim-created-date", "created-date", "filed-date", "claim-filed-date"}},
		{Name: "claim-status", Aliases: []string{"status"}},
		{Name: "claim-reason", Aliases: []string{"reason"}},
		{Name: "claim-amount", Aliases: []string{"amount"}},
		{Name: "currency"},
	},
	Required: []string{"order-id", "claim-date", "claim-status"},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "claim-status") || has(c, "claim-date"))
	},
	Quoted: true,
	Read:   readClaims,
}

type claimRow struct {
	OrderID string `csv:"order-id"`
	Date    string `csv:"claim-date"`
	Status  string `csv:"claim-status"`
}

// claimStatuses are the canonical status names and the spellings of
// Seller Central's claims page that mean the same.
var claimStatuses = func() map[string]records.ClaimStatus {
	m := records.ClaimStatuses()
	for alias, st := range map[string]records.ClaimStatus{
		"pending": records.ClaimUnderReview, "open": records.ClaimUnderReview, "in-review": records.ClaimUnderReview,
		"refunded": records.ClaimSellerRefunded, "closed-seller-refunded": records.ClaimSellerRefunded,
		"decided-in-buyer-favor": records.ClaimGranted, "amazon-funded": records.ClaimGranted,
		"decided-in-seller-favor": records.ClaimDenied, "rejected": records.ClaimDenied,
		"cancelled": records.ClaimWithdrawn, "withdrawn-by-buyer": records.ClaimWithdrawn,
		"appeal-granted": records.ClaimReversedOnAppeal, "reversed": records.ClaimReversedOnAppeal,
		"charged": claimCharged, "charged-to-seller": claimCharged, "a-to-z-guarantee-refund": claimCharged,
	} {
		m[alias] = st
	}
	return m
}()

// claimCharged is the status "charged": a claim whose refund was charged to
// the seller, as Amazon's money records tell it (the Finances API's
// GuaranteeClaimEventList, which audit fetch writes this way) without
// the claim's own status. It is read as the settlement report's A-to-z
// refund is: a granted claim, which a claim of the order in another file
// (denied, reversed on appeal, ...) overrides (mergeSettlement).
const claimCharged records.ClaimStatus = 255

// claimStatusesWanted lists the statuses for the error message.
const claimStatusesWanted = "under-review, granted, seller-refunded, denied, withdrawn, reversed-on-appeal or charged"

func readClaims(t *Table, s *Sink) error {
	blankRow := func(r *claimRow) bool {
		return strings.TrimSpace(r.OrderID+r.Date+r.Status) == ""
	}
	return decodeCanonical(t, blankRow, func(r *claimRow) error {
		id, err := orderID(t, "order-id", r.OrderID)
		if err != nil {
			return err
		}
		ts, err := timestampField(t, "claim-date", r.Date)
		if err != nil {
			return err
		}
		st, err := enumField(t, "claim-status", r.Status, claimStatuses, "claim status", claimStatusesWanted)
		if err != nil {
			return err
		}
		t.spans.Add(records.Dated, 0, ts.Date)
		if st == claimCharged {
			s.settlement.claim(id, ts.Date, t.source())
			return nil
		}
		s.Data.Claims = append(s.Data.Claims, records.Claim{OrderID: id, Date: ts.Date, Status: st, Source: t.source()})
		return nil
	})
}

// orderID checks an order id value: present, one token.
func orderID(t *Table, col, v string) (string, error) {
	v = trim(v)
	if v == "" {
		return "", t.Errorf(col, "empty order id")
	}
	if strings.IndexByte(v, ' ') >= 0 || strings.IndexByte(v, '\t') >= 0 { // ContainsAny built a set each row
		return "", t.Errorf(col, "order id %q contains spaces", v)
	}
	return v, nil
}
