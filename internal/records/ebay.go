package records

import "github.com/sellerhealth/audit/internal/civil"

// Ebay is what eBay's Sell Analytics API says of the seller, from its
// responses saved as files (docs/formats.md, "eBay seller standards and
// customer service metric"): the seller standards profiles
// (getSellerStandardsProfile, findSellerStandardsProfiles) and the
// customer service metrics (getCustomerServiceMetric).
type Ebay struct {
	Standards []EbayStandards
	Service   []EbayService
}

// EbayStandards is one StandardsProfile: the seller's level in one eBay
// program for one cycle, and the metrics it was judged on.
type EbayStandards struct {
	Source Source // the file and the line the profile starts on
	// Program is as written: PROGRAM_US, PROGRAM_UK, PROGRAM_DE,
	// PROGRAM_GLOBAL.
	Program string
	// Cycle is the cycleType: CURRENT (the last monthly evaluation) or
	// PROJECTED (computed when the call was made).
	Cycle string
	// EvaluationDate is the UTC date of cycle.evaluationDate; nil when
	// not given. EvaluationMonth is cycle.evaluationMonth (YYYY-MM).
	EvaluationDate  *civil.Date
	EvaluationMonth string
	// Level is standardsLevel: TOP_RATED, ABOVE_STANDARD, BELOW_STANDARD.
	Level string
	// DefaultProgram is defaultProgram; nil when not given.
	DefaultProgram *bool
	Reason         string // evaluationReason
	Metrics        []EbayStandardsMetric
}

// EbayStandardsMetric is one metric of a standards profile (eBay's
// ssp:Metric), any metricKey, known to audit or not.
type EbayStandardsMetric struct {
	Line int    // where the metric starts
	Key  string // metricKey: DEFECTIVE_TRANSACTION_RATE, SHIPPING_MISS_RATE, ...
	Name string // name, as eBay localises it
	// Level is the metric's own standards level.
	Level string
	// Type is as written: RATE or NUMBER (or another).
	Type string
	// Rate, for a value object ({"value": "0.78", "numerator": 4,
	// "denominator": 512}), is its rate as a fraction (eBay writes a
	// percent: "0.78" is 0.78 % = 0.0078); Numerator and Denominator its
	// counts when given. Number, for a bare number value, is that number.
	Rate                   *float64
	Numerator, Denominator *int
	Number                 *float64
	// Lower and Upper are thresholdLowerBound and thresholdUpperBound on
	// the value's scale (a fraction for a rate); nil when not given.
	// Bounds is thresholdMetaData ("(LOWER,UPPER]").
	Lower, Upper *float64
	Bounds       string
	// From and To are the UTC dates of lookbackStartDate and
	// lookbackEndDate; nil when not given.
	From, To *civil.Date
}

// EbayService is one getCustomerServiceMetric response: one metric type
// (item not as described, item not received) for one evaluation.
type EbayService struct {
	Source Source
	// Type is ITEM_NOT_AS_DESCRIBED or ITEM_NOT_RECEIVED, told by the
	// dimensions' dimensionKey (LISTING_CATEGORY, SHIPPING_REGION): the
	// response does not name it.
	Type string
	// Cycle is evaluationCycle.evaluationType: CURRENT or PROJECTED.
	Cycle string
	// MarketplaceID is marketplaceId (EBAY_US, ...).
	MarketplaceID string
	// EvaluationDate, From and To are the UTC dates of evaluationCycle's
	// evaluationDate, startDate and endDate; nil when not given.
	EvaluationDate, From, To *civil.Date
	Dimensions               []EbayDimension
}

// EbayDimension is one dimensionMetrics entry: a shipping region or a
// listing category, and the seller's figures and rating in it.
type EbayDimension struct {
	Line  int
	Key   string // dimensionKey
	Name  string // "Domestic", a category's name
	Value string // DOMESTIC, a category id
	// Transactions and Count are TRANSACTION_COUNT and COUNT; Rate is RATE
	// as a fraction (eBay writes a percent); nil when not given.
	Transactions, Count *int
	Rate                *float64
	// Rating is the benchmark's rating (LOW, AVERAGE, HIGH, VERY_HIGH,
	// NOT_APPLICABLE), as written; PeerAverage the benchmark's average as
	// a fraction; Adjustment the benchmark's adjustment, when eBay
	// overrode the rating.
	Rating      string
	PeerAverage *float64
	Adjustment  string
}
