package metrics

import (
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// Multi-Channel Fulfillment (MCF) orders are orders sold on another
// channel (a web shop, another marketplace) that Amazon fulfils from the
// seller's FBA stock. The All Orders report lists them with the
// sales-channel "Non-Amazon" (and ids like S01-2412417-1075636). They
// are not Amazon orders: no Amazon feedback, A-to-z claim or chargeback
// reaches them, nor Amazon's buyer messages, return requests or service
// ratings. The ODR and the customer-service metrics leave them out where
// the orders report tells them (an order that report does not hold cannot
// be told), and say how many they left out in a note.

// nonAmazonSalesChannel is the All Orders report's sales-channel of an
// MCF order.
const nonAmazonSalesChannel = "Non-Amazon"

// multiChannel tells MCF orders by their sales channel. It remembers its
// last answer, since an account's orders share a few sales channels.
type multiChannel struct {
	sym       records.Sym
	known, is bool
}

// order says whether o is an MCF order: its sales-channel is Non-Amazon
// (any case).
func (m *multiChannel) order(o *records.Order) bool {
	if !m.known || o.SalesChannel != m.sym {
		m.sym, m.known = o.SalesChannel, true
		m.is = strings.EqualFold(strings.TrimSpace(o.SalesChannel.String()), nonAmazonSalesChannel)
	}
	return m.is
}

// id says whether id names an MCF order of the orders report; false for
// an empty id, an order the report does not hold, and without the report.
func (m *multiChannel) id(d *records.Dataset, id string) bool {
	if id == "" || d.Orders.Len() == 0 {
		return false
	}
	o, ok := d.Orders.Get(id)
	return ok && m.order(o)
}

// multiChannelNote is the note that n things (one, many: "buyer message",
// "buyer messages") of MCF orders were left out of metric, which Amazon's
// reach ("feedback, claims and chargebacks") do not reach; "" when n is 0.
func multiChannelNote(n int, one, many, metric, reach string) string {
	if n == 0 {
		return ""
	}
	what := strconv.Itoa(n) + " " + many
	if n == 1 {
		what = "1 " + one
	}
	return what + " (sales channel " + nonAmazonSalesChannel + ") left out of the " + metric + ": Amazon's " + reach + " do not reach them"
}

// notes is the non-empty ones of ns, nil when none is.
func notes(ns ...string) []string {
	var out []string
	for _, n := range ns {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}
