package records

import "github.com/sellerhealth/audit/internal/civil"

// CancelledBy says who cancelled a seller-fulfilled order.
type CancelledBy uint8

const (
	NotCancelled     CancelledBy = iota
	CancelledSeller              // counts in the pre-fulfillment cancel rate
	CancelledBuyer               // buyer-requested: denominator only
	CancelledAmazon              // Amazon's automatic cancel of an unconfirmed order: counts
	CancelledUnknown             // a cancel date without who: counted, with a warning
)

func (c CancelledBy) String() string {
	return [...]string{"", "seller", "buyer", "amazon", "unknown"}[c]
}

// Tracking validity as the shipments file marks it.
type TrackingMark uint8

const (
	TrackingUnmarked TrackingMark = iota // valid when a tracking id is present
	TrackingValid
	TrackingInvalid
)

// Shipment is one seller-fulfilled order's fulfilment story (the canonical
// shipments file of report-formats.md, one row per order). Optional times
// are nil when the file leaves them empty.
type Shipment struct {
	OrderID     string
	Marketplace string // store code, "" when unknown
	Purchase    civil.Timestamp
	LatestShip  civil.Timestamp // expected ship date: a bare date is a deadline (end of day)
	Confirm     *civil.Timestamp
	Cancel      *civil.Timestamp
	CancelledBy CancelledBy
	Carrier     string
	TrackingID  string
	Tracking    TrackingMark
	Promised    *civil.Date // promised delivery date
	Delivered   *civil.Date // actual delivery date, as written
	Business    bool
	Invoice     *civil.Timestamp // invoice upload time
	Source      Source
}

// HasValidTracking: a tracking id is present and the export does not mark
// it invalid (metrics.md, Valid Tracking Rate).
func (s *Shipment) HasValidTracking() bool {
	return s.TrackingID != "" && s.Tracking != TrackingInvalid
}

// Cancellation is one row of Amazon's cancellation download (Order Date,
// Order ID, Impacts Account Health).
type Cancellation struct {
	OrderID string
	Date    civil.Date
	Impacts bool
	Source  Source
}

// Invoice is one row of the VAT invoice data report: a business order's
// shipment and whether its invoice was uploaded.
type Invoice struct {
	OrderID     string
	Marketplace string
	OrderDate   civil.Date
	Shipped     *civil.Timestamp
	Business    bool
	Uploaded    bool
	Source      Source
}
