package input

// Download says where a report kind comes from: the Seller Central page
// that offers it (or that the seller's own systems write it), and the
// SP-API report type or operation that gives it (docs/downloads.md).
type Download struct {
	// Where is the menu path in Seller Central, with the help article,
	// or what writes the file when Amazon offers no download.
	Where string `json:"where"`
	// SPAPI is the Selling Partner API report type or operation, "" when
	// there is none.
	SPAPI string `json:"sp_api,omitempty"`
	// Own: Amazon offers no download of it; the seller's order system or
	// help desk writes the file (docs/formats.md gives its columns).
	Own bool `json:"own_file,omitempty"`
}

// downloads is where each kind comes from, by kind; every kind of specs
// has an entry (TestDownloadsComplete).
var downloads = map[Kind]Download{
	"orders": {Where: "Reports > Fulfillment > All Orders, by order date (help 200547170)",
		SPAPI: "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"},
	"feedback": {Where: "Performance > Feedback > Feedback Manager > Feedback report (help 761); a year at most per download",
		SPAPI: "GET_SELLER_FEEDBACK_DATA"},
	"returns": {Where: "Reports > Return Reports (seller-fulfilled returns)",
		SPAPI: "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE"},
	"claims": {Where: "no Amazon download: copy Performance > A-to-z Guarantee Claims into the claims file",
		SPAPI: "Finances API listFinancialEvents (GuaranteeClaimEventList)", Own: true},
	"chargebacks": {Where: "no Amazon download: copy Performance > Chargeback Claims into the chargebacks file",
		SPAPI: "Finances API listFinancialEvents (ChargebackEventList)", Own: true},
	"shipments": {Where: "no Amazon download holds ship-by, confirmation, tracking, delivery and invoice times together: your order or shipping system writes the shipments file",
		Own: true},
	"cancellations": {Where: "Performance > Account Health > Pre-fulfillment Cancel Rate > Download report"},
	"vat-invoices": {Where: "Reports > Tax Document Library > VAT Invoice Data Report (EU stores)",
		SPAPI: "GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT"},
	"fba-shipments": {Where: "Reports > Fulfillment > Amazon Fulfilled Shipments",
		SPAPI: "GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL"},
	"seller-performance": {Where: "no Seller Central download: the Account Health page as JSON (V2) or XML (V1), through the API only",
		SPAPI: "GET_V2_SELLER_PERFORMANCE_REPORT, or GET_V1_SELLER_PERFORMANCE_REPORT (XML)"},
	"settlement": {Where: "Reports > Payments > All Statements, a settlement's \"Download Flat File V2\" (the older flat file is read too); a settlement covers about two weeks",
		SPAPI: "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"},
	"messages":            {Where: "no Amazon download: your help desk writes the buyer-messages file", Own: true},
	"return-requests":     {Where: "no Amazon download: your help desk writes the return-requests file", Own: true},
	"ratings":             {Where: "no Amazon download: your help desk writes the ratings file", Own: true},
	"ebay-standards":      {Where: "no eBay download: eBay Sell Analytics API getSellerStandardsProfile or findSellerStandardsProfiles, the response saved as it is"},
	"ebay-service-metric": {Where: "no eBay download: eBay Sell Analytics API getCustomerServiceMetric, the response saved as it is (one file per metric type and evaluation)"},
	// Other platforms' own figures, their API responses saved as files.
	"allegro-sales-quality": {Where: "no Allegro download: the My sales quality page through Allegro's REST API only, GET https://api.allegro.pl/sale/quality (scope allegro:api:profile:read; 30 days at most) saved as a file"},
	"kaufland-order-units":  {Where: "no Amazon download: the Kaufland Seller API's GET /v2/order-units response (JSON), saved as returned, a file per page or the pages joined"},
}

// DownloadOf is where the kind comes from.
func DownloadOf(k Kind) Download { return downloads[k] }
