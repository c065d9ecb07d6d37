package records

import "github.com/sellerhealth/audit/internal/civil"

// Performance is one of Amazon's seller performance reports (SP-API
// GET_V2_SELLER_PERFORMANCE_REPORT, a JSON document): the figures and
// targets Amazon itself computed, per store. They are Amazon's word, not
// recomputed: counts are kept as given, even where one exceeds its
// denominator.
type Performance struct {
	Stores []StorePerformance
	Source Source // the file; Line 0
	// Version is the report's format: 2 for the V2 JSON report, 1 for the
	// V1 XML report (GET_V1_SELLER_PERFORMANCE_REPORT).
	Version int
}

// StorePerformance is one store of the report: an entry of its
// performanceMetrics list, or a store that only accountStatuses names (then
// without targets).
type StorePerformance struct {
	MarketplaceID string // as written (ATVPDKIKX0DER)
	Store         string // store code (US) via market.ByID; "" when the id is not known
	// AccountStatus is the store's accountStatuses entry as written
	// (NORMAL, AT_RISK, DEACTIVATED; real payloads also SUSPENDED), "" when
	// the report has none for the store.
	AccountStatus string
	// HealthRating is accountHealthRating: its status (accountHealthRatingStatus,
	// or ahrStatus as the example and real payloads write it: GREAT, WARNED)
	// and score (ahrScore, 0-1000; nil when not given).
	HealthRating      string
	HealthRatingScore *int
	// Warnings are warningStates (or warningState), as written.
	Warnings []PerformanceWarning
	Targets  []Target
	// Policies are the policy-violation objects (listingPolicyViolations,
	// productAuthenticityCustomerComplaints, ...), in the report's order.
	Policies []PolicyCount
	Source   Source // the line where the store's entry starts
}

// PolicyCount is one policy-violation object of the report: how many
// defects Amazon counts, its target and status.
type PolicyCount struct {
	// Key is the object's key as the report writes it
	// (listingPolicyViolations).
	Key    string
	Count  *int   // defectsCount (or count), nil when not given
	Status string // GOOD, BAD, NONE, as written; "" when not given
	// Op and Value are its target (targetCondition, targetValue), "" and
	// 0 when not given.
	Op    string
	Value float64
	// From and To are reportingDateRange, nil when not given.
	From, To *civil.Date
}

// PerformanceWarning is one warningStates entry.
type PerformanceWarning struct {
	Type   string // warningType, e.g. spammingSellerMessaging
	Status string // GOOD, BAD, NONE
}

// Target is one metric of the report: Amazon's target for it, its status
// and the figures behind it.
type Target struct {
	// Metric is our metric id (odr, late_shipment_rate,
	// prefulfillment_cancel_rate, valid_tracking_rate,
	// on_time_delivery_rate, invoice_defect_rate; from a V1 report also
	// contact_response_rate, return_dissatisfaction_rate,
	// customer_service_dissatisfaction_rate), or
	// unit_on_time_delivery_rate, which is Amazon's only.
	Metric string
	// Fulfillment is "afn" or "mfn" for odr (the key of orderDefectRate),
	// "" for the other metrics.
	Fulfillment string
	// WindowDays is the length of reportingDateRange in days (To - From +
	// 1: 10 or 30 for the late shipment rate's lateShipmentRateList
	// entries); 0 when the entry has no range.
	WindowDays int
	// Op is the targetCondition: "<" (LESS_THAN), ">" (GREATER_THAN),
	// "<=" and ">=" (LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL, seen in real
	// payloads) or "=" (EQUALS); "" when the entry gives no usable target (no
	// targetCondition or targetValue, or a condition not known), and
	// Value is then 0.
	Op    string
	Value float64 // targetValue, a fraction (0.01 is 1 %)
	// Status is Amazon's status as written: GOOD, BAD, NONE (real payloads
	// also write others, e.g. WARNED); "" when not given. It may say GOOD
	// while Rate misses the target.
	Status string
	Rate   *float64 // a fraction; nil when not given
	// Numerator and Denominator are the counts behind Rate, as given (nil
	// when not given): orderWithDefects/orderCount,
	// lateShipmentCount/orderCount, cancellationCount/orderCount,
	// validTrackingCount/shipmentCount,
	// onTimeDeliveryCount/shipmentCountWithValidTracking,
	// invoiceDefect/orderCount.
	Numerator   *int
	Denominator *int
	// From and To are the UTC dates of reportingDateRange; nil when the
	// entry has none (real lateShipmentRateList entries may omit it).
	From, To *civil.Date
	// Components are the counts Amazon gives of the numerator's parts, by
	// our component key: negative_feedback, a_to_z_claims, chargebacks
	// (orderDefectRate's negativeFeedback, claims, chargebacks);
	// missing_invoice, late_invoice (invoiceDefectRate's missingInvoice,
	// lateInvoice); late_response, no_response (V1 contact response
	// time). Nil when none is given.
	Components map[string]int
}
