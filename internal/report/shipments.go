package report

import (
	"fmt"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// The shipments file is project-defined (report-formats.md, "Canonical
// files"): one row per seller-fulfilled order with its ship-by,
// confirmation, cancellation, tracking, delivery and invoice times, which
// no single Amazon download carries.
func init() {
	register(&Spec{
		Kind:  "shipments",
		Title: "shipments file",
		Columns: []Column{
			{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number"}},
			{Name: "marketplace", Aliases: []string{"store", "marketplace-code", "sales-channel"}},
			{Name: "purchase-date", Aliases: []string{"order-date", "purchased-at", "ordered-at"}},
			{Name: "latest-ship-date", Aliases: []string{"expected-ship-date", "ship-by-date", "ship-by", "latest-ship-by"}},
			{Name: "ship-confirm-date", Aliases: []string{"ship-confirmation-date", "confirmed-at", "shipped-at", "ship-date", "shipment-date"}},
			{Name: "cancel-date", Aliases: []string{"cancellation-date", "cancelled-at", "canceled-at", "cancelled-date", "canceled-date"}},
			{Name: "cancelled-by", Aliases: []string{"canceled-by", "cancel-initiator", "cancellation-initiator", "cancelled-by-party"}},
			{Name: "carrier", Aliases: []string{"carrier-name"}},
			{Name: "tracking-id", Aliases: []string{"tracking-number", "tracking"}},
			{Name: "tracking-valid", Aliases: []string{"valid-tracking", "tracking-is-valid", "is-tracking-valid"}},
			{Name: "promised-delivery-date", Aliases: []string{"promise-date", "promised-date", "latest-delivery-date", "delivery-promise-date"}},
			{Name: "delivery-date", Aliases: []string{"delivered-at", "delivered-date", "actual-delivery-date"}},
			{Name: "is-business-order", Aliases: []string{"business-order", "is-business"}},
			{Name: "invoice-upload-date", Aliases: []string{"invoice-uploaded-at", "invoice-upload-time", "invoice-uploaded"}},
		},
		Required: []string{"order-id", "purchase-date", "latest-ship-date", "ship-confirm-date"},
		Anchor: func(c map[string]int) bool {
			return has(c, "order-id") && (has(c, "latest-ship-date") || has(c, "ship-confirm-date"))
		},
		Quoted: true,
		Read:   readShipments,
	})
}

type shipmentRow struct {
	OrderID     string `csv:"order-id"`
	Marketplace string `csv:"marketplace"`
	Purchase    string `csv:"purchase-date"`
	LatestShip  string `csv:"latest-ship-date"`
	Confirm     string `csv:"ship-confirm-date"`
	Cancel      string `csv:"cancel-date"`
	CancelledBy string `csv:"cancelled-by"`
	Carrier     string `csv:"carrier"`
	TrackingID  string `csv:"tracking-id"`
	Valid       string `csv:"tracking-valid"`
	Promised    string `csv:"promised-delivery-date"`
	Delivered   string `csv:"delivery-date"`
	Business    string `csv:"is-business-order"`
	Invoice     string `csv:"invoice-upload-date"`
}

var cancelledBy = map[string]records.CancelledBy{
	"seller": records.CancelledSeller, "merchant": records.CancelledSeller,
	"buyer": records.CancelledBuyer, "customer": records.CancelledBuyer, "buyer-requested": records.CancelledBuyer,
	"amazon": records.CancelledAmazon, "system": records.CancelledAmazon, "automatic": records.CancelledAmazon, "auto": records.CancelledAmazon,
}

var trackingMarks = map[string]records.TrackingMark{
	"":  records.TrackingUnmarked,
	"y": records.TrackingValid, "yes": records.TrackingValid, "true": records.TrackingValid, "valid": records.TrackingValid, "1": records.TrackingValid,
	"n": records.TrackingInvalid, "no": records.TrackingInvalid, "false": records.TrackingInvalid, "invalid": records.TrackingInvalid, "0": records.TrackingInvalid,
}

func readShipments(t *Table, s *Sink) error {
	blankRow := func(r *shipmentRow) bool {
		return strings.TrimSpace(r.OrderID+r.Marketplace+r.Purchase+r.LatestShip+r.Confirm+r.Cancel+r.CancelledBy+
			r.Carrier+r.TrackingID+r.Valid+r.Promised+r.Delivered+r.Business+r.Invoice) == ""
	}
	unknownCanceller := 0
	err := decodeCanonical(t, blankRow, func(r *shipmentRow) error {
		sh, err := parseShipment(t, r)
		if err != nil {
			return err
		}
		if i, dup := s.shipmentIndex[sh.OrderID]; dup {
			// The same order in an overlapping download: one order.
			prev := s.Data.Shipments[i]
			if !sameShipment(prev, sh) {
				s.Warnf("%s:%d: order %s differs from its row at %s:%d; using the first", t.File, t.line, sh.OrderID, prev.Source.File, prev.Source.Line)
			}
			return nil
		}
		if s.shipmentIndex == nil {
			s.shipmentIndex = map[string]int{}
		}
		if sh.CancelledBy == records.CancelledUnknown {
			unknownCanceller++
		}
		s.shipmentIndex[sh.OrderID] = len(s.Data.Shipments)
		s.Data.Shipments = append(s.Data.Shipments, sh)
		return nil
	})
	if unknownCanceller > 0 {
		s.Warnf("%s: %s cancelled without saying by whom: counted as seller cancellations", t.File, plural(unknownCanceller, "order", "orders"))
	}
	return err
}

func parseShipment(t *Table, r *shipmentRow) (records.Shipment, error) {
	var sh records.Shipment
	var err error
	if sh.OrderID, err = orderID(t, "order-id", r.OrderID); err != nil {
		return sh, err
	}
	// Fields are slices of the row's line: keep copies, not the line.
	sh.OrderID = strings.Clone(sh.OrderID)
	if mp := strings.TrimSpace(r.Marketplace); mp != "" {
		m, ok := market.Resolve(mp)
		if !ok {
			return sh, t.Errorf("marketplace", "unknown marketplace %q (want a store code such as US, UK, DE, a sales channel such as Amazon.de or a marketplace id such as A1PA6795UKMFR9)", mp)
		}
		sh.Marketplace = m.Code
	}
	if sh.Purchase, err = timestampField(t, "purchase-date", r.Purchase); err != nil {
		return sh, err
	}
	if sh.LatestShip, err = timestampField(t, "latest-ship-date", r.LatestShip); err != nil {
		return sh, err
	}
	if sh.Confirm, err = optTimestampField(t, "ship-confirm-date", r.Confirm); err != nil {
		return sh, err
	}
	if sh.Cancel, err = optTimestampField(t, "cancel-date", r.Cancel); err != nil {
		return sh, err
	}
	if strings.TrimSpace(r.CancelledBy) != "" {
		if sh.CancelledBy, err = enumField(t, "cancelled-by", r.CancelledBy, cancelledBy, "canceller", "seller, buyer or amazon"); err != nil {
			return sh, err
		}
	}
	if sh.Cancel != nil && sh.CancelledBy == records.NotCancelled {
		sh.CancelledBy = records.CancelledUnknown
	}
	if sh.Cancel == nil && sh.CancelledBy != records.NotCancelled {
		// Without its date the cancellation cannot be placed against
		// --as-of; dropping it would hide a seller cancellation.
		return sh, t.Errorf("cancel-date", "empty, but cancelled-by says %q: give the cancellation's date", strings.TrimSpace(r.CancelledBy))
	}
	sh.Carrier = intern(strings.TrimSpace(r.Carrier))
	sh.TrackingID = strings.Clone(strings.TrimSpace(r.TrackingID))
	if sh.Tracking, err = enumField(t, "tracking-valid", r.Valid, trackingMarks, "tracking validity", "Y, N or empty"); err != nil {
		return sh, err
	}
	if sh.Promised, err = optDateField(t, "promised-delivery-date", r.Promised); err != nil {
		return sh, err
	}
	if sh.Delivered, err = optDateField(t, "delivery-date", r.Delivered); err != nil {
		return sh, err
	}
	if sh.Business, err = boolField(t, "is-business-order", r.Business); err != nil {
		return sh, err
	}
	if sh.Invoice, err = optTimestampField(t, "invoice-upload-date", r.Invoice); err != nil {
		return sh, err
	}
	sh.Source = t.source()
	return sh, nil
}

// sameShipment compares two rows of one order, ignoring where they were read.
func sameShipment(a, b records.Shipment) bool {
	eqT := func(x, y *civil.Timestamp) bool { return (x == nil) == (y == nil) && (x == nil || x.Same(*y)) }
	eqD := func(x, y *civil.Date) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.OrderID == b.OrderID && a.Marketplace == b.Marketplace &&
		a.Purchase.Same(b.Purchase) && a.LatestShip.Same(b.LatestShip) &&
		eqT(a.Confirm, b.Confirm) && eqT(a.Cancel, b.Cancel) && a.CancelledBy == b.CancelledBy &&
		a.Carrier == b.Carrier && a.TrackingID == b.TrackingID && a.Tracking == b.Tracking &&
		eqD(a.Promised, b.Promised) && eqD(a.Delivered, b.Delivered) &&
		a.Business == b.Business && eqT(a.Invoice, b.Invoice)
}

// plural writes "1 order" / "2 orders".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
