package fetch

import "strings"

// Amazon cancels a report that has no data in the requested range
// (processingStatus CANCELLED: "an automatic cancellation if there is no
// data to return"), so there is no document to download. audit fetch then
// writes the report's header line alone: audit recognises the file as its
// kind, with no rows, and knows the kind was fetched and the range holds
// nothing, instead of a report missing.

// emptyReports are the headers of the reports audit fetch requests, as
// Amazon writes them in English (US), tab-separated, by report type.
var emptyReports = map[string][]string{
	// The 32 columns of Amazon's by-order-date report (report-formats.md,
	// "Official columns"), as testdata/accounts/acme-us/Download (3).txt
	// has them.
	"GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL": {
		"amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
		"fulfillment-channel", "sales-channel", "order-channel", "ship-service-level", "product-name", "sku",
		"asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax",
		"gift-wrap-price", "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount",
		"ship-city", "ship-state", "ship-postal-code", "ship-country", "promotion-ids", "cpf",
		"is-business-order", "purchase-order-number", "price-designation",
	},
	// The standard layout (testdata/accounts/acme-us/Feedback.txt; the
	// English header of docs/i18n-sources.md, source A2).
	"GET_SELLER_FEEDBACK_DATA": {"Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"},
	// A real 2025 US file (internal/input/testdata/samples/returns-2025-one-row-lossy.tsv).
	"GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE": {
		"Order ID", "Order date", "Return request date", "Return request status", "Amazon RMA ID",
		"Merchant RMA ID", "Label type", "Label cost", "Currency code", "Return carrier", "Tracking ID",
		"Label to be paid by", "A-to-Z Claim", "Is prime", "ASIN", "Merchant SKU", "Item Name",
		"Return quantity", "Return Reason", "In policy", "Return type", "Resolution", "Invoice number",
		"Return delivery date", "Order Amount", "Order quantity", "SafeT Action reason", "SafeT claim id",
		"SafeT claim state", "SafeT claim creation time", "SafeT claim reimbursement amount", "Refunded Amount",
	},
	// The 48 columns of a real file
	// (internal/input/testdata/samples/fba-shipments-anonymised.csv,
	// saved there with commas; Amazon writes tabs). audit recognises the
	// report and skips it (no metric reads it).
	"GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL": {
		"amazon-order-id", "merchant-order-id", "shipment-id", "shipment-item-id", "amazon-order-item-id",
		"merchant-order-item-id", "purchase-date", "payments-date", "shipment-date", "reporting-date",
		"buyer-email", "buyer-name", "buyer-phone-number", "sku", "product-name", "quantity-shipped", "currency",
		"item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
		"ship-service-level", "recipient-name", "ship-address-1", "ship-address-2", "ship-address-3",
		"ship-city", "ship-state", "ship-postal-code", "ship-country", "ship-phone-number",
		"bill-address-1", "bill-address-2", "bill-address-3", "bill-city", "bill-state", "bill-postal-code",
		"bill-country", "item-promotion-discount", "ship-promotion-discount", "carrier", "tracking-number",
		"estimated-arrival-date", "fulfillment-center-id", "fulfillment-channel", "sales-channel",
	},
	// No real file was found: the attributes of Amazon's "Invoice Data
	// reports attributes" page (SP-API documentation), in its order, up to
	// ship-phone-number; the rest in the order of a public client library
	// (FikaAmazonAPI's VatInvoicingReport), which lists the page's
	// attributes before them in the same order.
	"GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT": {
		"marketplace-id", "order-id", "order-item-id", "shipping-id", "transaction-id", "transaction-type",
		"invoice-number", "invoice-status", "invoice-status-description", "is-amazon-invoiced", "order-date",
		"shipment-date", "buyer-vat-number", "seller-vat-number", "asin", "sku", "product-name",
		"quantity-purchased", "currency", "item-vat-incl-amount", "item-vat-amount", "item-vat-excl-amount",
		"item-vat-rate", "item-promo-vat-incl-amount", "item-promo-vat-excl-amount", "item-promo-vat-amount",
		"item-promo-vat-rate", "item-promotion-id", "gift-wrap-vat-incl-amount", "gift-wrap-vat-amount",
		"gift-wrap-vat-excl-amount", "gift-wrap-vat-rate", "gift-promo-vat-incl-amount",
		"gift-promo-vat-excl-amount", "gift-promo-vat-amount", "gift-promo-vat-rate", "gift-promotion-id",
		"shipping-vat-incl-amount", "shipping-vat-amount", "shipping-vat-excl-amount", "shipping-vat-rate",
		"shipping-promo-vat-incl-amount", "shipping-promo-vat-excl-amount", "shipping-promo-vat-amount",
		"shipping-promo-vat-rate", "ship-promotion-id", "is-business-order", "price-designation",
		"purchase-order-number", "recipient-name", "ship-service-level", "fulfilled-by", "ship-address-1",
		"ship-address-2", "ship-address-3", "ship-city", "ship-state", "ship-postal-code", "ship-country",
		"ship-phone-number", "ship-from-country", "ship-from-state", "ship-from-city", "ship-from-postal-code",
		"billing-name", "bill-address-1", "bill-address-2", "bill-address-3", "bill-city", "bill-state",
		"bill-postal-code", "bill-country", "billing-phone-number", "buyer-name", "buyer-company-name",
		"legacy-customer-order-item-id", "recommended-invoice-format", "buyer-tax-registration-type",
		"buyer-e-invoice-account-id", "is-buyer-physically-present", "is-seller-physically-present",
		"citation-es", "citation-it", "citation-fr", "citation-de", "citation-en", "export-outside-eu",
		"is-invoice-corrected", "original-vat-invoice-number", "invoice-correction-details",
	},
}

// EmptyReport is the header line (with trailing "\n") of reportType as
// Amazon writes it in English (US), for a report with no rows; false for
// a type it does not know. audit fetch writes it when Amazon cancels the
// report for want of data, so that audit reads the kind as fetched and
// empty.
func EmptyReport(reportType string) ([]byte, bool) {
	cols, ok := emptyReports[reportType]
	if !ok {
		return nil, false
	}
	return []byte(strings.Join(cols, "\t") + "\n"), true
}
