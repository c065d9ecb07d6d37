package input

// Amazon reports a seller's downloads folder also holds, which audit does
// not read: no figure needs them. Each is recognised by its own header, so
// that it is never taken for a kind audit reads because it shares a few of
// its columns (an FBA customer returns report has order-id and status, as
// a claims file has), and is skipped with the note "TITLE: not a report
// audit reads". Their columns are listed so that they win detection over
// the kinds they resemble (more cells known); their anchors hold columns
// no kind audit reads has. The headers are those of the real files in
// reference/samples (testdata/samples).

// FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA):
// its status is a disposition (IMMEDIATE_DONATION), not a claim status.
var fbaCustomerReturnsSpec = Spec{
	Kind:  "fba-customer-returns",
	Title: "FBA customer returns report",
	Columns: []Column{
		{Name: "return-date"}, {Name: "order-id"}, {Name: "sku"}, {Name: "asin"}, {Name: "fnsku"},
		{Name: "product-name"}, {Name: "quantity"}, {Name: "fulfillment-center-id"},
		{Name: "detailed-disposition"}, {Name: "reason"}, {Name: "status"},
		{Name: "license-plate-number"}, {Name: "customer-comments"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "detailed-disposition") || has(c, "license-plate-number"))
	},
	NotRead: true,
}

// Seller Central Payments, "Transaction view" download: Date and Order ID
// like a chargebacks file, but every payment of the period. The last
// column's name holds the currency ("Total (INR)"), so it is not listed.
var paymentsTransactionsSpec = Spec{
	Kind:  "payments-transactions",
	Title: "Payments transaction view",
	Columns: []Column{
		{Name: "date"}, {Name: "transaction-status"}, {Name: "account-type"}, {Name: "transaction-type"},
		{Name: "order-id"}, {Name: "product-details"}, {Name: "total-product-charges"},
		{Name: "total-promotional-rebates"}, {Name: "amazon-fees"}, {Name: "other"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "transaction-type") && (has(c, "total-product-charges") || has(c, "total-promotional-rebates") || has(c, "amazon-fees"))
	},
	NotRead: true,
}

// Amazon Business purchase history: the seller buying on Amazon. Order ID,
// Order Date and Order Status as in the All Orders report, but no order of
// the seller's store.
var businessPurchasesSpec = Spec{
	Kind:  "business-purchases",
	Title: "Amazon Business purchase history",
	Columns: []Column{
		{Name: "order-date"}, {Name: "order-id"}, {Name: "account-group"}, {Name: "po-number"},
		{Name: "order-quantity"}, {Name: "currency"}, {Name: "order-subtotal"},
		{Name: "order-shipping-&-handling"}, {Name: "order-promotion"}, {Name: "order-tax"},
		{Name: "order-net-total"}, {Name: "order-status"}, {Name: "approver"}, {Name: "account-user"},
		{Name: "account-user-email"}, {Name: "shipment-date"}, {Name: "shipment-status"},
		{Name: "delivery-status"}, {Name: "expected-delivery-date"}, {Name: "carrier-tracking-#"},
		{Name: "shipment-quantity"}, {Name: "shipping-address"}, {Name: "carrier-name"},
		{Name: "asin"}, {Name: "title"}, {Name: "unspsc"}, {Name: "seller-name"}, {Name: "seller-credentials"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id", "account-group") && (has(c, "account-user") || has(c, "po-number") || has(c, "order-subtotal"))
	},
	NotRead: true,
}

// FBA removal order detail report
// (GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA): its order-id is a
// removal order's, and order-status and last-updated-date are the removal's.
var fbaRemovalOrdersSpec = Spec{
	Kind:  "fba-removal-orders",
	Title: "FBA removal order detail report",
	Columns: []Column{
		{Name: "request-date"}, {Name: "order-id"}, {Name: "order-type"}, {Name: "service-speed"},
		{Name: "order-status"}, {Name: "last-updated-date"}, {Name: "sku"}, {Name: "fnsku"},
		{Name: "disposition"}, {Name: "requested-quantity"}, {Name: "cancelled-quantity"},
		{Name: "disposed-quantity"}, {Name: "shipped-quantity"}, {Name: "in-process-quantity"},
		{Name: "removal-fee"}, {Name: "currency"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "removal-fee") || has(c, "disposed-quantity") || has(c, "requested-quantity"))
	},
	NotRead: true,
}

// FBA removal shipment detail report
// (GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA): a shipment date,
// carrier and tracking number like the shipments file, for inventory sent
// back to the seller.
var fbaRemovalShipmentsSpec = Spec{
	Kind:  "fba-removal-shipments",
	Title: "FBA removal shipment detail report",
	Columns: []Column{
		{Name: "request-date"}, {Name: "order-id"}, {Name: "shipment-date"}, {Name: "sku"},
		{Name: "fnsku"}, {Name: "disposition"}, {Name: "shipped-quantity"}, {Name: "carrier"},
		{Name: "tracking-number"}, {Name: "removal-order-type"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "removal-order-type") || has(c, "fnsku", "disposition", "tracking-number"))
	},
	NotRead: true,
}

// FBA reimbursements report (GET_FBA_REIMBURSEMENTS_DATA).
var fbaReimbursementsSpec = Spec{
	Kind:  "fba-reimbursements",
	Title: "FBA reimbursements report",
	Columns: []Column{
		{Name: "approval-date"}, {Name: "reimbursement-id"}, {Name: "case-id"}, {Name: "amazon-order-id"},
		{Name: "reason"}, {Name: "sku"}, {Name: "fnsku"}, {Name: "asin"}, {Name: "product-name"},
		{Name: "condition"}, {Name: "currency-unit"}, {Name: "amount-per-unit"}, {Name: "amount-total"},
		{Name: "quantity-reimbursed-cash"}, {Name: "quantity-reimbursed-inventory"},
		{Name: "quantity-reimbursed-total"}, {Name: "original-reimbursement-id"},
		{Name: "original-reimbursement-type"},
	},
	Anchor:  func(c map[string]int) bool { return has(c, "reimbursement-id") },
	NotRead: true,
}

// FBA replacements report
// (GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_REPLACEMENT_DATA).
var fbaReplacementsSpec = Spec{
	Kind:  "fba-replacements",
	Title: "FBA replacements report",
	Columns: []Column{
		{Name: "shipment-date"}, {Name: "sku"}, {Name: "asin"}, {Name: "fulfillment-center-id"},
		{Name: "original-fulfillment-center-id"}, {Name: "quantity"}, {Name: "replacement-reason-code"},
		{Name: "replacement-amazon-order-id"}, {Name: "original-amazon-order-id"},
	},
	Anchor: func(c map[string]int) bool {
		return has(c, "replacement-amazon-order-id") || has(c, "replacement-reason-code")
	},
	NotRead: true,
}
