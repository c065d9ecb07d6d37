package report

import (
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// All Orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL and
// its by-last-update twin): tab-delimited, unquoted, one row per order item.
// Read by header name, so the 29-, 32- and 34-column variants, the `url`
// and `cpf` columns and extra columns all read the same.
func init() {
	register(&Spec{
		Kind:  "orders",
		Title: "All Orders report",
		Columns: []Column{
			// "mazon-order-id": a real 2018 export whose byte-order mark
			// swallowed the first letter (reference/samples).
			{Name: "amazon-order-id", Aliases: []string{"mazon-order-id", "order-id"}},
			{Name: "merchant-order-id"},
			{Name: "purchase-date", Aliases: []string{"order-date"}},
			{Name: "last-updated-date"},
			{Name: "order-status"},
			{Name: "fulfillment-channel", Aliases: []string{"fulfilment-channel"}},
			{Name: "sales-channel"},
			{Name: "order-channel"},
			{Name: "url"},
			{Name: "ship-service-level"},
			{Name: "product-name"},
			{Name: "sku"},
			{Name: "asin"},
			{Name: "item-status"},
			{Name: "quantity"},
			{Name: "currency"},
			{Name: "item-price"},
			{Name: "item-tax"},
			{Name: "shipping-price"},
			{Name: "shipping-tax"},
			{Name: "gift-wrap-price"},
			{Name: "gift-wrap-tax"},
			{Name: "item-promotion-discount"},
			{Name: "ship-promotion-discount"},
			{Name: "ship-city"},
			{Name: "ship-state"},
			{Name: "ship-postal-code"},
			{Name: "ship-country"},
			{Name: "promotion-ids"},
			{Name: "cpf"},
			{Name: "is-business-order"},
			{Name: "purchase-order-number"},
			{Name: "price-designation"},
			{Name: "number-of-items"},
			{Name: "tax-collection-model"},
			{Name: "tax-collection-responsible-party"},
			{Name: "address-type"},
			{Name: "ship-promotion-id"},
			{Name: "customized-url"},
			{Name: "customized-page"},
			{Name: "is-heavy-or-bulky"},
			{Name: "is-replacement-order"},
		},
		Required: []string{"amazon-order-id", "purchase-date", "fulfillment-channel"},
		Anchor: func(c map[string]int) bool {
			return has(c, "amazon-order-id") && (has(c, "order-status") || has(c, "item-status") || has(c, "fulfillment-channel"))
		},
		Read: readOrders,
	})
}

// ParseChannel reads fulfillment-channel: "Amazon" (AFN) or "Merchant"
// (MFN); the API's AFN/MFN spellings are accepted too.
func ParseChannel(v string) records.Channel {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "amazon", "afn":
		return records.ChannelAmazon
	case "merchant", "mfn", "seller":
		return records.ChannelMerchant
	}
	return records.ChannelUnknown
}

func readOrders(t *Table, s *Sink) error {
	orders := s.Data.Orders
	unknownChannel := map[string]bool{}
	return eachRow(t, func(row []string) error {
		id, err := orderID(t, "amazon-order-id", t.Get(row, "amazon-order-id"))
		if err != nil {
			return err
		}
		raw := t.Get(row, "purchase-date")
		ts, err := civil.ParseTimestamp(raw)
		if err != nil {
			return t.Errorf("purchase-date", "%v", err)
		}
		chRaw := t.Get(row, "fulfillment-channel")
		ch := ParseChannel(chRaw)
		if ch == records.ChannelUnknown && !unknownChannel[chRaw] {
			unknownChannel[chRaw] = true
			s.Warnf("%s:%d: unknown fulfillment-channel %q: its orders count in \"all\" only", t.File, t.line, chRaw)
		}
		if o, ok := orders[id]; ok {
			// Another item row of the order, or the same order in an
			// overlapping download: one order. Keep the earliest date.
			if ts.Date != o.Date {
				s.Warnf("%s:%d: order %s has purchase date %s here but %s at %s:%d; using the earlier",
					t.File, t.line, id, ts.Date, o.Date, o.Source.File, o.Source.Line)
				if ts.Date < o.Date {
					o.Date = ts.Date
				}
			}
			if o.Channel == records.ChannelUnknown {
				o.Channel = ch
			}
			return nil
		}
		orders[id] = &records.Order{
			ID:           id,
			Date:         ts.Date,
			Channel:      ch,
			Status:       t.Get(row, "order-status"),
			SalesChannel: t.Get(row, "sales-channel"),
			Business:     strings.EqualFold(t.Get(row, "is-business-order"), "true"),
			Source:       t.source(),
		}
		return nil
	})
}
