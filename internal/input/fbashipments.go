package input

// FBA shipments report (GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL): known,
// so that it is never mistaken for the All Orders report (both have
// amazon-order-id and purchase-date), but it feeds no metric yet.
var fbaShipmentsSpec = Spec{
	Kind:  "fba-shipments",
	Title: "FBA shipments report",
	Columns: []Column{
		{Name: "amazon-order-id"}, {Name: "merchant-order-id"}, {Name: "shipment-id"},
		{Name: "shipment-item-id"}, {Name: "amazon-order-item-id"}, {Name: "merchant-order-item-id"},
		{Name: "purchase-date"}, {Name: "payments-date"}, {Name: "shipment-date"}, {Name: "reporting-date"},
		{Name: "sku"}, {Name: "product-name"}, {Name: "quantity-shipped"}, {Name: "currency"},
		{Name: "item-price"}, {Name: "item-tax"}, {Name: "shipping-price"}, {Name: "shipping-tax"},
		{Name: "ship-service-level"}, {Name: "carrier"}, {Name: "tracking-number"},
		{Name: "estimated-arrival-date"}, {Name: "fulfillment-center-id"}, {Name: "fulfillment-channel"},
		{Name: "sales-channel"},
	},
	Anchor: func(c map[string]int) bool { return has(c, "amazon-order-id", "shipment-id") },
}
