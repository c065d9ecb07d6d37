package report

import (
	"strings"
	"sync"

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
			// "quantity-purchased": the field name Amazon's EU help pages give
			// for this report (docs/i18n-sources.md).
			{Name: "quantity", Aliases: []string{"quantity-purchased"}},
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
	orders := &s.Data.Orders
	file := records.Intern(t.File)
	unknownChannel := map[string]bool{}
	return eachRow(t, func(row []string) error {
		id, err := orderID(t, "amazon-order-id", t.Get(row, "amazon-order-id"))
		if err != nil {
			return err
		}
		ts, err := timestampField(t, "purchase-date", t.Get(row, "purchase-date"))
		if err != nil {
			return err
		}
		chRaw := t.Get(row, "fulfillment-channel")
		ch := ParseChannel(chRaw)
		if ch == records.ChannelUnknown && !unknownChannel[chRaw] {
			unknownChannel[chRaw] = true
			s.Warnf("%s:%d: unknown fulfillment-channel %q: its orders count in \"all\" only", t.File, t.line, chRaw)
		}
		key := records.KeyOf(id)
		if o, ok := orders.Lookup(key); ok {
			// Another item row of the order, or the same order in an
			// overlapping download: one order. Conflicting values are
			// warned about (conflicts.go): the earlier date and the first
			// known channel are kept.
			if ts.Date != o.Date {
				s.conflictf("purchase dates", "%s:%d: order %s has purchase date %s here but %s at %s; using the earlier",
					t.File, t.line, id, ts.Date, o.Date, at(o.Source()))
				o.Date = min(o.Date, ts.Date)
			}
			switch {
			case o.Channel == records.ChannelUnknown && ch != records.ChannelUnknown:
				o.Channel = ch
				if s.channelFrom == nil {
					s.channelFrom = map[records.OrderKey]records.Source{}
				}
				s.channelFrom[key] = t.source()
			case ch != records.ChannelUnknown && ch != o.Channel:
				from, ok := s.channelFrom[key]
				if !ok {
					from = o.Source()
				}
				s.conflictf("fulfillment channels", "%s:%d: order %s has fulfillment-channel %s here but %s at %s; using the first",
					t.File, t.line, id, channelName(ch), channelName(o.Channel), at(from))
			}
			return nil
		}
		orders.Put(records.Order{
			Key:          key,
			Date:         ts.Date,
			Channel:      ch,
			Status:       records.Intern(t.Get(row, "order-status")),
			SalesChannel: records.Intern(t.Get(row, "sales-channel")),
			Business:     strings.EqualFold(t.Get(row, "is-business-order"), "true"),
			File:         file,
			Line:         int32(t.line),
		})
		return nil
	})
}

// interned holds the few distinct values of low-cardinality columns
// (order status, sales channel), so a million orders share them.
var (
	internMu sync.Mutex
	interned = map[string]string{}
)

func intern(v string) string {
	internMu.Lock()
	defer internMu.Unlock()
	if s, ok := interned[v]; ok {
		return s
	}
	if len(interned) > 4096 { // not low-cardinality after all: just copy
		return strings.Clone(v)
	}
	s := strings.Clone(v)
	interned[s] = s
	return s
}
