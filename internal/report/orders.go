package report

import (
	"errors"
	"fmt"
	"strings"
	"sync"

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
	v = strings.TrimSpace(v)
	for _, c := range []struct {
		name string
		ch   records.Channel
	}{{"Amazon", records.ChannelAmazon}, {"Merchant", records.ChannelMerchant}, {"AFN", records.ChannelAmazon},
		{"MFN", records.ChannelMerchant}, {"Seller", records.ChannelMerchant}} {
		if strings.EqualFold(v, c.name) { // no lower-cased copy per row
			return c.ch
		}
	}
	return records.ChannelUnknown
}

// orderRow is one row of the orders report, parsed: what readOrders keeps.
type orderRow struct {
	key      records.OrderKey
	date     civil.Date
	line     int32
	status   records.Sym
	sales    records.Sym
	channel  records.Channel
	business bool
	// unknown is the fulfillment-channel as written when it is none the
	// tool knows (a copy), for the warning.
	unknown string
}

// orderBatch is a run of parsed rows, and the error that ended the file
// after them, if any.
type orderBatch struct {
	rows []orderRow
	err  error
}

const orderBatchRows = 4096

// readOrders reads the All Orders report on both cores: one goroutine
// splits and parses the rows (parseOrders), this one folds them into the
// dataset's orders in file order (foldOrders), so every value kept and
// every warning is what reading row after row gives.
func readOrders(t *Table, s *Sink) error {
	// Item rows outnumber orders a little: room for all, no rehash.
	s.Data.Orders.Reserve(s.Data.Orders.Len() + t.estimatedRows())
	batches := make(chan orderBatch, 4)
	free := make(chan []orderRow, 6)
	done := make(chan struct{})
	go func() {
		defer close(batches)
		parseOrders(t, batches, free, done)
	}()
	err := foldOrders(t.File, s, batches, free)
	close(done)
	for range batches { // let the parser stop
	}
	return err
}

// parseOrders splits and parses rows into batches until the end of the
// file or its first bad value; it stops early when done is closed.
func parseOrders(t *Table, batches chan<- orderBatch, free chan []orderRow, done <-chan struct{}) {
	cID, cDate, cChannel := t.Col("amazon-order-id"), t.Col("purchase-date"), t.Col("fulfillment-channel")
	cStatus, cSales, cBusiness := t.Col("order-status"), t.Col("sales-channel"), t.Col("is-business-order")
	batch := make([]orderRow, 0, orderBatchRows)
	send := func(err error) bool {
		select {
		case batches <- orderBatch{rows: batch, err: err}:
		case <-done:
			return false
		}
		select {
		case batch = <-free:
			batch = batch[:0]
		default:
			batch = make([]orderRow, 0, orderBatchRows)
		}
		return true
	}
	// A row's values share its line (eachRowBorrowed): everything kept is
	// copied (keys, interned symbols, the unknown channel).
	err := eachRowBorrowed(t, func(row []string) error {
		id, err := orderID(t, "amazon-order-id", At(row, cID))
		if err != nil {
			return err
		}
		ts, err := timestampField(t, "purchase-date", At(row, cDate))
		if err != nil {
			return err
		}
		r := orderRow{key: records.KeyOf(id), date: ts.Date, line: int32(t.line),
			status: records.Intern(At(row, cStatus)), sales: records.Intern(At(row, cSales)),
			business: strings.EqualFold(At(row, cBusiness), "true")}
		chRaw := At(row, cChannel)
		if r.channel = ParseChannel(chRaw); r.channel == records.ChannelUnknown {
			r.unknown = strings.Clone(chRaw)
		}
		batch = append(batch, r)
		if len(batch) == orderBatchRows && !send(nil) {
			return errStopped
		}
		return nil
	})
	if err != errStopped {
		send(err)
	}
}

var errStopped = errors.New("stopped")

// foldOrders adds the parsed rows to the dataset's orders in file order.
func foldOrders(file string, s *Sink, batches <-chan orderBatch, free chan<- []orderRow) error {
	orders := &s.Data.Orders
	fileSym := records.Intern(file)
	unknownChannel := map[string]bool{}
	var last *records.Order
	for b := range batches {
		for i := range b.rows {
			r := &b.rows[i]
			if r.channel == records.ChannelUnknown && !unknownChannel[r.unknown] {
				unknownChannel[r.unknown] = true
				s.Warnf("%s:%d: unknown fulfillment-channel %q: its orders count in \"all\" only", file, r.line, r.unknown)
			}
			o, ok := last, last != nil && last.Key == r.key // item rows of one order come together
			switch {
			case ok:
			case orders.Full():
				if o, ok = orders.Lookup(r.key); !ok {
					return &InputError{File: file, Line: int(r.line),
						Msg: fmt.Sprintf("more than %d orders: too many for one audit; split the period", records.MaxOrders)}
				}
			default:
				o, ok = orders.Insert(r.key)
			}
			last = o
			if !ok {
				*o = records.Order{Key: r.key, Date: r.date, Channel: r.channel, Status: r.status,
					SalesChannel: r.sales, Business: r.business, File: fileSym, Line: r.line}
				continue
			}
			// Another item row of the order, or the same order in an
			// overlapping download: one order. Conflicting values are
			// warned about (conflicts.go): the earlier date and the first
			// known channel are kept.
			here := records.Source{File: file, Line: int(r.line)}
			if r.date != o.Date {
				s.conflictf("purchase dates", "%s:%d: order %s has purchase date %s here but %s at %s; using the earlier",
					file, r.line, r.key, r.date, o.Date, at(o.Source()))
				o.Date = min(o.Date, r.date)
			}
			switch {
			case o.Channel == records.ChannelUnknown && r.channel != records.ChannelUnknown:
				o.Channel = r.channel
				if s.channelFrom == nil {
					s.channelFrom = map[records.OrderKey]records.Source{}
				}
				s.channelFrom[r.key] = here
			case r.channel != records.ChannelUnknown && r.channel != o.Channel:
				from, ok := s.channelFrom[r.key]
				if !ok {
					from = o.Source()
				}
				s.conflictf("fulfillment channels", "%s:%d: order %s has fulfillment-channel %s here but %s at %s; using the first",
					file, r.line, r.key, channelName(r.channel), channelName(o.Channel), at(from))
			}
		}
		select {
		case free <- b.rows:
		default:
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
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
