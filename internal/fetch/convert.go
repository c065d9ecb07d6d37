package fetch

import (
	"slices"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/spapi"
)

// SP-API records become rows of the canonical files audit reads
// (docs/formats.md, "Canonical files"): the shipments file from the
// Orders API, the A-to-z claims and chargebacks files from the Finances
// API. The files are tab-separated and unquoted: a cell never holds a tab,
// a carriage return, a line feed or a NUL (each is written as a space) nor
// a double quote (written as an apostrophe: the reader takes a value
// starting with one for CSV quoting). Times are RFC 3339 with the offset
// Amazon wrote them in (usually UTC: 2026-11-03T17:20:00Z), to the second:
// a date is read as written. Nothing here sorts: the caller does.
//
// A column SP-API gives nothing for is left out, never written empty: an
// empty delivery-date means "not delivered", an empty invoice-upload-date
// "not uploaded", and with the column absent the metric that needs it is
// not computed, with a reason, instead of a false figure.

// ShipmentsHeader is the header of the shipments file audit fetch writes.
// It has no tracking-valid column (SP-API does not say whether Amazon
// found carrier scans), no delivery-date column (it gives no delivery
// time) and no invoice-upload-date column (it gives no upload time outside
// Brazil and Easy Ship). So the on-time delivery rate is not computed, and
// the invoice defect rate falls back on the VAT invoice data report; the
// valid tracking rate reads every tracking id as valid, as the shipments
// file does without tracking-valid (docs/formats.md).
var ShipmentsHeader = []string{
	"order-id", "marketplace", "purchase-date", "latest-ship-date", "ship-confirm-date",
	"cancel-date", "cancelled-by", "carrier", "tracking-id", "promised-delivery-date", "is-business-order",
}

// ClaimsHeader is the header of the A-to-z claims file audit fetch writes.
var ClaimsHeader = []string{"order-id", "claim-date", "claim-status"}

// ChargebacksHeader is the header of the chargebacks file audit fetch
// writes.
var ChargebacksHeader = []string{"order-id", "chargeback-date", "chargeback-type"}

// SellerFulfilled says whether o is an Amazon order the seller fulfils:
// not fulfilled by Amazon (fulfilledBy AMAZON) and not a Multi-Channel
// Fulfillment order of another channel (salesChannel NON_AMAZON). Of
// these, ShipmentRow places those with a shipByWindow; the caller can
// count the others (SellerFulfilled true, ShipmentRow not ok).
func SellerFulfilled(o spapi.Order) bool {
	if o.SalesChannel.ChannelName == "NON_AMAZON" {
		return false
	}
	return o.Fulfillment == nil || o.Fulfillment.FulfilledBy != "AMAZON"
}

// ShipmentRow is the canonical shipments row (ShipmentsHeader) of a
// seller-fulfilled order of the Orders API (2026-01-01, with the
// FULFILLMENT, PACKAGES and CANCELLATION data sets). ok is false for an
// order that is not seller-fulfilled (SellerFulfilled) and for one without
// a shipByWindow end, its expected ship date: such an order cannot be
// placed in the late shipment rate's windows, and the shipments file
// requires the date, so the caller counts them instead. It is false too
// without an order id (or one holding a space, which the reader refuses),
// or without a purchase time.
//
//   - order-id: orderId. marketplace: salesChannel.marketplaceId, empty
//     (unknown) when audit does not know the store, which the reader would
//     refuse. purchase-date: createdTime.
//   - latest-ship-date: fulfillment.shipByWindow.latestDateTime.
//     promised-delivery-date: fulfillment.deliverByWindow.latestDateTime,
//     empty when absent; the reader keeps its date as written (Amazon's
//     offset, usually UTC).
//   - ship-confirm-date: the earliest packages[].shipTime, the time Amazon
//     records the package was handed to the carrier: the closest SP-API
//     gives to the confirmation time. Empty when no package has one (not
//     confirmed), except for an order whose fulfillmentStatus is SHIPPED or
//     PARTIALLY_SHIPPED: its lastUpdatedTime, at or after the confirmation,
//     stands in, so that a shipped order never reads as unconfirmed (late
//     once its ship-by date is past), and is late only if updated after
//     its ship-by date.
//   - carrier, tracking-id: of the package with the earliest shipTime (of
//     the first package with a tracking number when none has a shipTime).
//   - cancel-date, cancelled-by: for fulfillmentStatus CANCELLED only.
//     SP-API gives no cancellation time: lastUpdatedTime, at or after it,
//     stands in. cancelled-by is buyer for an item whose cancellation a
//     buyer requested (cancellationRequest.requester BUYER), whoever
//     carried it out: Amazon does not count buyer-requested cancellations;
//     else the item's cancellationExecution.cancelledBy (MERCHANT seller,
//     AMAZON amazon, BUYER buyer). Items that disagree give seller before
//     amazon before buyer; none told leaves it empty, which the reader
//     counts as a seller cancellation, with a warning.
//   - is-business-order: true when programs holds AMAZON_BUSINESS.
func ShipmentRow(o spapi.Order) (row []string, ok bool) {
	if !SellerFulfilled(o) || o.Fulfillment == nil || o.Fulfillment.ShipByWindow == nil || o.Fulfillment.ShipByWindow.LatestDateTime == nil {
		return nil, false
	}
	id, ok := orderID(o.OrderID)
	if !ok || o.CreatedTime.IsZero() {
		return nil, false
	}
	f := o.Fulfillment
	var marketplace string
	if _, known := market.ByID(o.SalesChannel.MarketplaceID); known {
		marketplace = o.SalesChannel.MarketplaceID
	}
	var promised string
	if f.DeliverByWindow != nil && f.DeliverByWindow.LatestDateTime != nil {
		promised = stamp(*f.DeliverByWindow.LatestDateTime)
	}
	var confirm, carrier, tracking string
	if p := shippedPackage(o.Packages); p != nil {
		carrier, tracking = p.Carrier, p.TrackingNumber
		if p.ShipTime != nil {
			confirm = stamp(*p.ShipTime)
		}
	}
	if confirm == "" && (f.FulfillmentStatus == spapi.FulfillmentShipped || f.FulfillmentStatus == spapi.FulfillmentPartiallyShipped) && !o.LastUpdatedTime.IsZero() {
		confirm = stamp(o.LastUpdatedTime)
	}
	var cancel, by string
	if f.FulfillmentStatus == spapi.FulfillmentCancelled && !o.LastUpdatedTime.IsZero() {
		cancel, by = stamp(o.LastUpdatedTime), canceller(o.OrderItems)
	}
	business := "false"
	if slices.Contains(o.Programs, "AMAZON_BUSINESS") {
		business = "true"
	}
	return []string{
		id, marketplace, stamp(o.CreatedTime), stamp(*f.ShipByWindow.LatestDateTime), confirm,
		cancel, by, cell(carrier), cell(tracking), promised, business,
	}, true
}

// shippedPackage is the package with the earliest shipTime, or the first
// with a tracking number when none has a shipTime; nil without either.
func shippedPackage(pkgs []spapi.OrderPackage) *spapi.OrderPackage {
	var first, tracked *spapi.OrderPackage
	for i := range pkgs {
		p := &pkgs[i]
		if p.ShipTime != nil && (first == nil || p.ShipTime.Before(*first.ShipTime)) {
			first = p
		}
		if tracked == nil && strings.TrimSpace(p.TrackingNumber) != "" {
			tracked = p
		}
	}
	if first != nil {
		return first
	}
	return tracked
}

// canceller is who cancelled an order, from its items (ShipmentRow).
func canceller(items []spapi.OrderItem) string {
	var seller, amazon, buyer bool
	for _, it := range items {
		c := it.Cancellation
		if c == nil {
			continue
		}
		if c.CancellationRequest != nil && c.CancellationRequest.Requester == "BUYER" {
			buyer = true
			continue
		}
		if c.CancellationExecution == nil {
			continue
		}
		switch c.CancellationExecution.CancelledBy {
		case "MERCHANT":
			seller = true
		case "AMAZON":
			amazon = true
		case "BUYER":
			buyer = true
		}
	}
	switch {
	case seller:
		return "seller"
	case amazon:
		return "amazon"
	case buyer:
		return "buyer"
	}
	return ""
}

// ClaimRow is the claims row (ClaimsHeader) of an event of the Finances
// API's GuaranteeClaimEventList: an A-to-z claim granted and charged to
// the seller, dated by its posting (PostedDate, after the claim was filed),
// of status charged: read as the settlement report's "A-to-z Guarantee
// Refund" is, a granted claim that a status of the seller's own claims
// file (denied, reversed on appeal) overrides. ok is false without an order
// id or a posted date.
func ClaimRow(e spapi.ShipmentEvent) ([]string, bool) {
	return eventRow(e, "charged")
}

// ChargebackRow is the chargebacks row (ChargebacksHeader) of an event of
// the Finances API's ChargebackEventList: a chargeback debited to the
// seller, dated by its posting, of type unknown, as the settlement
// report's "Chargeback Refund" (the event does not say service or fraud;
// it counts, docs/metrics.md "Chargebacks"). ok is false without an order
// id or a posted date.
func ChargebackRow(e spapi.ShipmentEvent) ([]string, bool) {
	return eventRow(e, "unknown")
}

func eventRow(e spapi.ShipmentEvent, value string) ([]string, bool) {
	id, ok := orderID(e.AmazonOrderID)
	if !ok || e.PostedDate == nil || e.PostedDate.IsZero() {
		return nil, false
	}
	return []string{id, stamp(*e.PostedDate), value}, true
}

// orderID is an order id as a cell: trimmed, not empty, and without a
// space inside, which the reader refuses (and which no Amazon order id
// has).
func orderID(id string) (string, bool) {
	id = cell(id)
	return id, id != "" && !strings.Contains(id, " ")
}

// stamp writes a time as RFC 3339 with its own offset, to the second.
func stamp(t time.Time) string { return t.Truncate(time.Second).Format(time.RFC3339) }

// cell makes s safe for an unquoted tab-separated cell: tab, CR, LF and
// NUL become spaces, a double quote an apostrophe, and the value is
// trimmed (the reader trims it too).
func cell(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\r', '\n', 0:
			return ' '
		case '"':
			return '\''
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
