package records

import "github.com/sellerhealth/audit/internal/civil"

// KauflandUnit is one order unit of the Kaufland Seller API (GET
// /v2/order-units, schema OrderUnit of the Seller API v2.17.2): one item of
// an order, which Kaufland ships, cancels and counts one by one. Several
// files (overlapping downloads, pages) hold the same unit once, by its id
// (input/kaufland.go says which values win).
type KauflandUnit struct {
	ID      int64  // id_order_unit
	OrderID string // id_order
	// Storefront is the store, upper case ("DE", "CZ", "SK", ...): the
	// API writes it in lower case (the schema's enum) or upper (its
	// example).
	Storefront string
	// Status is the unit's status as written (cancelled, need_to_be_sent,
	// open, received, returned, returned_paid, sent, sent_and_autopaid;
	// another value is kept, with a warning).
	Status  string
	Created civil.Timestamp // ts_created_iso
	Updated civil.Timestamp // ts_updated_iso: the unit's last change of any kind
	// Expires is delivery_time_expires_iso, the time by which the unit
	// must be marked sent; zero when the API gives null.
	Expires civil.Timestamp
	// CancelReason is cancel_reason as written ("" when null): NoInventory,
	// BuyerCancelled, ...
	CancelReason string
	Price        int64  // price, in the currency's minor unit (cents)
	Currency     string // EUR, CZK, PLN
	Source       Source // the file and the line where the unit's object starts
}
