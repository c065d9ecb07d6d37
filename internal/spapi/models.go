package spapi

import "time"

// The JSON of Amazon's Selling Partner API that audit reads, field for
// field as amzn/selling-partner-api-models defines it: Reports API
// 2021-06-30 (reports_2021-06-30.json), Finances API v0 (financesV0.json)
// and Orders API 2026-01-01 (orders_2026-01-01.json). Only the fields audit
// uses are declared: a buyer's name, e-mail or address is never decoded.

// Processing statuses of a report (Report.ProcessingStatus).
const (
	StatusInQueue    = "IN_QUEUE"
	StatusInProgress = "IN_PROGRESS"
	StatusDone       = "DONE"
	StatusCancelled  = "CANCELLED"
	StatusFatal      = "FATAL"
)

// CreateReportSpecification is createReport's body.
type CreateReportSpecification struct {
	ReportType     string            `json:"reportType"`
	MarketplaceIDs []string          `json:"marketplaceIds"`
	DataStartTime  *time.Time        `json:"dataStartTime,omitempty"`
	DataEndTime    *time.Time        `json:"dataEndTime,omitempty"`
	ReportOptions  map[string]string `json:"reportOptions,omitempty"`
}

// CreateReportResponse is createReport's answer (202 Accepted).
type CreateReportResponse struct {
	ReportID string `json:"reportId"`
}

// Report is getReport's answer, and one entry of getReports'.
type Report struct {
	ReportID         string     `json:"reportId"`
	ReportType       string     `json:"reportType"`
	MarketplaceIDs   []string   `json:"marketplaceIds,omitempty"`
	DataStartTime    *time.Time `json:"dataStartTime,omitempty"`
	DataEndTime      *time.Time `json:"dataEndTime,omitempty"`
	ReportScheduleID string     `json:"reportScheduleId,omitempty"`
	CreatedTime      time.Time  `json:"createdTime"`
	ProcessingStatus string     `json:"processingStatus"`
	// ReportDocumentID is set when the status is DONE, and for a FATAL
	// report whose error document says why.
	ReportDocumentID string `json:"reportDocumentId,omitempty"`
}

// GetReportsResponse is getReports' answer: one page of reports.
type GetReportsResponse struct {
	Reports   []Report `json:"reports"`
	NextToken string   `json:"nextToken,omitempty"`
}

// ReportDocument is getReportDocument's answer: a pre-signed URL, valid
// for five minutes, and how the document there is compressed.
type ReportDocument struct {
	ReportDocumentID     string `json:"reportDocumentId"`
	URL                  string `json:"url"`
	CompressionAlgorithm string `json:"compressionAlgorithm,omitempty"` // "GZIP" or empty
}

// Error is one of the errors SP-API answers a failed call with.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details string `json:"details,omitempty"`
}

// ErrorList is the body of a failed call.
type ErrorList struct {
	Errors []Error `json:"errors"`
}

// ListFinancialEventsResponse is listFinancialEvents' answer.
type ListFinancialEventsResponse struct {
	Payload *ListFinancialEventsPayload `json:"payload,omitempty"`
	Errors  []Error                     `json:"errors,omitempty"`
}

// ListFinancialEventsPayload is one page of financial events.
type ListFinancialEventsPayload struct {
	NextToken       string          `json:"NextToken,omitempty"`
	FinancialEvents FinancialEvents `json:"FinancialEvents"`
}

// FinancialEvents are the lists of one page that audit reads: A-to-z
// guarantee claims and chargebacks, each a ShipmentEvent of the order.
type FinancialEvents struct {
	GuaranteeClaimEventList []ShipmentEvent `json:"GuaranteeClaimEventList,omitempty"`
	ChargebackEventList     []ShipmentEvent `json:"ChargebackEventList,omitempty"`
}

// ShipmentEvent is a financial event of an order. Of its amounts, none
// is read.
type ShipmentEvent struct {
	AmazonOrderID   string     `json:"AmazonOrderId,omitempty"`
	SellerOrderID   string     `json:"SellerOrderId,omitempty"`
	MarketplaceName string     `json:"MarketplaceName,omitempty"` // "Amazon.com"
	PostedDate      *time.Time `json:"PostedDate,omitempty"`
}

// SearchOrdersResponse is searchOrders' answer (Orders API 2026-01-01).
type SearchOrdersResponse struct {
	Orders     []Order     `json:"orders"`
	Pagination *Pagination `json:"pagination,omitempty"`
}

// Pagination holds the token of the next page; absent on the last.
type Pagination struct {
	NextToken string `json:"nextToken,omitempty"`
}

// Order is an order of searchOrders (Orders API 2026-01-01), with the
// FULFILLMENT, PACKAGES and CANCELLATION data sets.
type Order struct {
	OrderID         string            `json:"orderId"`
	CreatedTime     time.Time         `json:"createdTime"`
	LastUpdatedTime time.Time         `json:"lastUpdatedTime"`
	Programs        []string          `json:"programs,omitempty"` // AMAZON_BUSINESS, PRIME, ...
	SalesChannel    SalesChannel      `json:"salesChannel"`
	Fulfillment     *OrderFulfillment `json:"fulfillment,omitempty"`
	OrderItems      []OrderItem       `json:"orderItems"`
	Packages        []OrderPackage    `json:"packages,omitempty"`
}

// SalesChannel says where an order was placed.
type SalesChannel struct {
	ChannelName     string `json:"channelName"` // AMAZON, NON_AMAZON
	MarketplaceID   string `json:"marketplaceId,omitempty"`
	MarketplaceName string `json:"marketplaceName,omitempty"`
}

// Fulfillment statuses of an order (OrderFulfillment.FulfillmentStatus).
const (
	FulfillmentPendingAvailability = "PENDING_AVAILABILITY"
	FulfillmentPending             = "PENDING"
	FulfillmentUnshipped           = "UNSHIPPED"
	FulfillmentPartiallyShipped    = "PARTIALLY_SHIPPED"
	FulfillmentShipped             = "SHIPPED"
	FulfillmentCancelled           = "CANCELLED"
	FulfillmentUnfulfillable       = "UNFULFILLABLE"
)

// OrderFulfillment is how an order is shipped.
type OrderFulfillment struct {
	FulfillmentStatus string         `json:"fulfillmentStatus"`
	FulfilledBy       string         `json:"fulfilledBy,omitempty"` // AMAZON, MERCHANT
	ShipByWindow      *DateTimeRange `json:"shipByWindow,omitempty"`
	DeliverByWindow   *DateTimeRange `json:"deliverByWindow,omitempty"`
}

// DateTimeRange is a period; either end may be absent.
type DateTimeRange struct {
	EarliestDateTime *time.Time `json:"earliestDateTime,omitempty"`
	LatestDateTime   *time.Time `json:"latestDateTime,omitempty"`
}

// OrderItem is an item of an order; audit reads its cancellation only.
type OrderItem struct {
	OrderItemID  string            `json:"orderItemId"`
	Cancellation *ItemCancellation `json:"cancellation,omitempty"`
}

// ItemCancellation says who asked for an item's cancellation and who
// carried it out.
type ItemCancellation struct {
	CancellationRequest   *ItemCancellationRequest   `json:"cancellationRequest,omitempty"`
	CancellationExecution *ItemCancellationExecution `json:"cancellationExecution,omitempty"`
}

// ItemCancellationRequest: Requester is BUYER.
type ItemCancellationRequest struct {
	Requester    string `json:"requester,omitempty"`
	CancelReason string `json:"cancelReason,omitempty"`
}

// ItemCancellationExecution: CancelledBy is BUYER, MERCHANT or AMAZON.
type ItemCancellationExecution struct {
	CancelledBy  string `json:"cancelledBy,omitempty"`
	CancelReason string `json:"cancelReason,omitempty"`
}

// OrderPackage is a package of a seller-fulfilled order.
type OrderPackage struct {
	PackageReferenceID string         `json:"packageReferenceId"`
	CreatedTime        *time.Time     `json:"createdTime,omitempty"`
	PackageStatus      *PackageStatus `json:"packageStatus,omitempty"`
	Carrier            string         `json:"carrier,omitempty"`
	ShipTime           *time.Time     `json:"shipTime,omitempty"`
	ShippingService    string         `json:"shippingService,omitempty"`
	TrackingNumber     string         `json:"trackingNumber,omitempty"`
}

// PackageStatus: Status is PENDING, IN_TRANSIT, SHIPPED, DELIVERED,
// CANCELLED or UNDELIVERABLE.
type PackageStatus struct {
	Status         string `json:"status"`
	DetailedStatus string `json:"detailedStatus,omitempty"`
}
