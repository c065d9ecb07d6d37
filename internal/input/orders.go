package input

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// All Orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL and
// its by-last-update twin): tab-delimited, unquoted, one row per order item.
// Read by header name, so the variants all read the same: 29 columns (an
// older file ending at promotion-ids), 32 (with url or cpf), 33 (by last
// update: cpf and signature-confirmation-recommended, no url), 34 (with
// order-item-id after order-status; or the connectors' variant with
// ship-promotion-id, customized-url, customized-page, is-heavy-or-bulky and
// is-replacement-order and no ship-city, -state or -postal-code), 39 (with
// buyer-identification-number and -type), and extra columns.
var ordersSpec = Spec{
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
		{Name: "order-item-id"},
		{Name: "signature-confirmation-recommended"},
		{Name: "buyer-identification-number"},
		{Name: "buyer-identification-type"},
	},
	Required: []string{"amazon-order-id", "purchase-date", "fulfillment-channel"},
	Anchor: func(c map[string]int) bool {
		return has(c, "amazon-order-id") && (has(c, "order-status") || has(c, "item-status") || has(c, "fulfillment-channel"))
	},
	Read: readOrders,
}

// ParseChannel reads fulfillment-channel: "Amazon" (AFN) or "Merchant"
// (MFN); the API's AFN/MFN spellings are accepted too.
func ParseChannel(v string) records.Channel {
	v = trim(v)
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
	// unknown is, when the fulfillment-channel is none the tool knows,
	// the index of the value as written in its batch's unknown, plus
	// one, for the warning: a row holds no pointer, so the batches in
	// flight are nothing for the garbage collector to scan.
	unknown int32
}

// orderBatch is a run of parsed rows, the fulfillment channels as written
// that the tool does not know (copies), and the error that ended the file
// after them, if any.
type orderBatch struct {
	rows    []orderRow
	unknown []string
	err     error
}

const orderBatchRows = 4096

// readOrders reads the All Orders report on every core: one goroutine
// reads the lines (readLines), workers split and parse batches of them
// (parseLines), and this one folds the rows into the dataset's orders in
// file order (foldOrders), so every value kept and every warning is what
// reading row after row gives.
func readOrders(t *Table, s *Sink) error {
	// The table of orders is sized once the first batch tells how many
	// item rows an order has (foldOrders).
	work := make(chan *lineBatch, 4)
	inOrder := make(chan chan orderBatch, 8)
	done := make(chan struct{})
	free := &batchPool{lines: make(chan *lineBatch, 16), rows: make(chan []orderRow, 16)}
	var wg sync.WaitGroup
	for range min(4, runtime.GOMAXPROCS(0)) {
		wt := *t // its own row buffer and current line; the rest is read only
		wt.fields = nil
		wg.Add(1)
		go func() {
			defer wg.Done()
			parseLines(&wt, work, free)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(work)
		defer close(inOrder)
		readLines(t, work, inOrder, done, free)
	}()
	err := foldOrders(t, s, inOrder, free)
	close(done)
	for res := range inOrder { // let the reader stop
		<-res
	}
	wg.Wait()
	return err
}

// lineBatch is a run of the file's lines, copied out of its buffer, with
// the error that ended reading after them, if any.
type lineBatch struct {
	data []byte
	segs []lineSeg // the runs of lines in data, in file order
	err  error
	res  chan orderBatch // the parsed rows go there
}

// lineSeg is a run of lines in a batch's data, from the end of the one
// before (or 0) to end. A raw run is whole lines as the file has them,
// each ending in '\n', that the worker cuts (the reader copies what its
// buffer holds of them at once, and counts its lines); the other kind is
// one line as the line reader gives it (lineReader.next: a line that ran
// past the buffer, or the file's last, without its line break).
type lineSeg struct {
	end  int
	line int32 // the physical line of its first line
	raw  bool
}

const lineBatchBytes = 256 << 10

// batchPool recycles the batches' buffers: the file's bytes pass through
// a few of them instead of a new one each 256 KiB.
type batchPool struct {
	lines chan *lineBatch
	rows  chan []orderRow
}

func (p *batchPool) lineBatch() *lineBatch {
	select {
	case b := <-p.lines:
		b.data, b.segs, b.err = b.data[:0], b.segs[:0], nil
		return b
	default:
		return &lineBatch{data: make([]byte, 0, lineBatchBytes)}
	}
}

func (p *batchPool) rowBatch() []orderRow {
	select {
	case r := <-p.rows:
		return r[:0]
	default:
		return make([]orderRow, 0, orderBatchRows)
	}
}

func (p *batchPool) put(b *lineBatch) {
	select {
	case p.lines <- b:
	default:
	}
}

func (p *batchPool) putRows(r []orderRow) {
	select {
	case p.rows <- r:
	default:
	}
}

// readLines cuts the file into batches of lines for the workers, and
// queues each batch's result channel in file order for foldOrders. What
// the line reader's buffer holds up to its last line break is copied into
// the batch at once, its lines counted but not cut (the workers cut them,
// and skip a repeated header there): the one goroutine reading the file
// then does little more than copy it. A line not wholly in the buffer is
// read by the line reader, as every line was before.
func readLines(t *Table, work chan<- *lineBatch, inOrder chan<- chan orderBatch, done <-chan struct{}, free *batchPool) {
	b := free.lineBatch()
	send := func() bool {
		b.res = make(chan orderBatch, 1)
		select {
		case inOrder <- b.res:
		case <-done:
			return false
		}
		work <- b
		b = free.lineBatch()
		return true
	}
	lr := t.lines
	for {
		if n := lr.br.Buffered(); n > 0 {
			buf, _ := lr.br.Peek(n) // no read: what is buffered
			if j := bytes.LastIndexByte(buf, '\n'); j >= 0 {
				chunk := buf[:j+1]
				if len(b.data) > 0 && len(b.data)+len(chunk) > cap(b.data) {
					// Full: a larger buffer would stay in the pool.
					if !send() {
						return
					}
				}
				b.data = append(b.data, chunk...)
				b.segs = append(b.segs, lineSeg{end: len(b.data), line: int32(lr.n + 1), raw: true})
				lr.n += bytes.Count(chunk, []byte{'\n'})
				lr.nl = true
				lr.br.Discard(j + 1)
				if len(b.data) >= lineBatchBytes {
					if !send() {
						return
					}
				}
				continue
			}
		}
		line, err := lr.next()
		if err == io.EOF {
			send()
			return
		}
		if err != nil {
			b.err = t.ioErr(err)
			send()
			return
		}
		if t.head.is(line) {
			continue // the header again: downloads joined with cat
		}
		b.data = append(b.data, line...)
		b.segs = append(b.segs, lineSeg{end: len(b.data), line: int32(lr.n)})
		if len(b.data) >= lineBatchBytes {
			if !send() {
				return
			}
		}
	}
}

// eachLine calls fn with each line of the batch and its physical line,
// in order, until fn says to stop: the raw runs cut at '\n' and their
// lines ended as lineReader.next ends them (a '\r' before the '\n'
// dropped), a line repeating the header skipped.
func (lb *lineBatch) eachLine(head *repeatedHeader, fn func(line []byte, n int) bool) {
	from := 0
	for _, sg := range lb.segs {
		if !sg.raw {
			if !fn(lb.data[from:sg.end], int(sg.line)) {
				return
			}
			from = sg.end
			continue
		}
		n := int(sg.line)
		for p := from; p < sg.end; n++ {
			e := p + bytes.IndexByte(lb.data[p:sg.end], '\n')
			line := lb.data[p:e]
			p = e + 1
			if k := len(line); k > 0 && line[k-1] == '\r' {
				line = line[:k-1]
			}
			if head.is(line) {
				continue // the header again: downloads joined with cat
			}
			if !fn(line, n) {
				return
			}
		}
		from = sg.end
	}
}

// parseLines splits and parses the batches it gets until there are no
// more. A bad value ends its batch: the rows before it and the error go
// to foldOrders, which stops there.
func parseLines(wt *Table, work <-chan *lineBatch, free *batchPool) {
	cID, cDate, cChannel := wt.Col("amazon-order-id"), wt.Col("purchase-date"), wt.Col("fulfillment-channel")
	cStatus, cSales, cBusiness := wt.Col("order-status"), wt.Col("sales-channel"), wt.Col("is-business-order")
	var statuses, sales symMemo
	// The columns read, in increasing order, without those the file lacks
	// (splitPicked).
	var want []int
	for _, c := range []int{cID, cDate, cChannel, cStatus, cSales, cBusiness} {
		if c >= 0 && !slices.Contains(want, c) {
			want = append(want, c)
		}
	}
	slices.Sort(want)
	for lb := range work {
		out := orderBatch{rows: free.rowBatch()}
		lb.eachLine(wt.head, func(line []byte, n int) bool {
			wt.line = n
			row := wt.splitPicked(line, want)
			if blank(row) { // in the columns read: is it in all?
				if row = wt.splitBorrowed(line); blank(row) {
					return true
				}
			}
			// The values share the batch (split): everything kept is
			// copied (keys, interned symbols, the unknown channel).
			id, err := orderID(wt, "amazon-order-id", At(row, cID))
			if err == nil {
				var ts civil.Timestamp
				if ts, err = timestampField(wt, "purchase-date", At(row, cDate)); err == nil {
					r := orderRow{key: records.KeyOf(id), date: ts.Date, line: int32(wt.line),
						status: statuses.intern(At(row, cStatus)), sales: sales.intern(At(row, cSales)),
						business: strings.EqualFold(At(row, cBusiness), "true")}
					chRaw := At(row, cChannel)
					if r.channel = ParseChannel(chRaw); r.channel == records.ChannelUnknown {
						out.unknown = append(out.unknown, strings.Clone(chRaw))
						r.unknown = int32(len(out.unknown))
					}
					out.rows = append(out.rows, r)
					return true
				}
			}
			out.err = err
			return false
		})
		if out.err == nil {
			out.err = lb.err
		}
		res := lb.res
		free.put(lb)
		res <- out
	}
}

// symMemo remembers the symbols of the few values a column repeats on
// every row (an order status, a sales channel), so that a worker interns
// each once instead of taking the process-wide table's lock on every row
// (the workers contended for it).
type symMemo struct {
	vals []string
	syms []records.Sym
}

func (m *symMemo) intern(v string) records.Sym {
	for i, s := range m.vals {
		if s == v {
			return m.syms[i]
		}
	}
	y := records.Intern(v)
	if len(m.vals) < 8 {
		m.vals = append(m.vals, strings.Clone(v)) // v is a slice of the batch
		m.syms = append(m.syms, y)
	}
	return y
}

// foldOrders adds the parsed rows to the dataset's orders in file order.
func foldOrders(t *Table, s *Sink, inOrder <-chan chan orderBatch, free *batchPool) error {
	file := t.File
	orders := &s.Data.Orders
	before := orders.Len()
	fileSym := records.Intern(file)
	unknownChannel := map[string]bool{}
	// cur is the order of the last row, unpacked, at index idx of the
	// store; it is stored back (Set) when a row changes it.
	var cur records.Order
	idx, have := 0, false
	for res := range inOrder {
		b := <-res
		sized := t.rowsRead > 0
		t.rowsRead += len(b.rows)
		orders.Touch(func(yield func(records.OrderKey) bool) {
			for i := range b.rows {
				if !yield(b.rows[i].key) {
					return
				}
			}
		})
		for i := range b.rows {
			r := &b.rows[i]
			if r.channel == records.ChannelUnknown && !unknownChannel[b.unknown[r.unknown-1]] {
				raw := b.unknown[r.unknown-1]
				unknownChannel[raw] = true
				s.Warnf("%s:%d: unknown fulfillment-channel %q: its orders count in \"all\" only", file, r.line, raw)
			}
			t.spans.Add(records.Ordered, r.sales, r.date)
			ok := have && cur.Key == r.key // item rows of one order come together
			switch {
			case ok:
			case orders.Full():
				if idx, ok = orders.Index(r.key); !ok {
					return &InputError{File: file, Line: int(r.line),
						Msg: fmt.Sprintf("more than %d orders: too many for one audit; split the period", records.MaxOrders)}
				}
				cur = orders.At(idx)
			default:
				if idx, ok = orders.Insert(r.key); ok {
					cur = orders.At(idx)
				}
			}
			have = true
			o := &cur
			if !ok {
				*o = records.Order{Key: r.key, Date: r.date, Channel: r.channel, Status: r.status,
					SalesChannel: r.sales, Business: r.business, File: fileSym, Line: r.line}
				orders.Set(idx, o)
				continue
			}
			// Another item row of the order, or the same order in an
			// overlapping download: one order. Conflicting values are
			// warned about (conflicts.go): the earlier date and the first
			// known channel are kept.
			here := records.Source{File: file, Line: int(r.line)}
			changed := false
			if r.date != o.Date {
				s.conflictf("purchase dates", "%s:%d: order %s has purchase date %s here but %s at %s; using the earlier",
					file, r.line, r.key, r.date, o.Date, at(o.Source()))
				if r.date < o.Date {
					o.Date, changed = r.date, true
				}
			}
			switch {
			case o.Channel == records.ChannelUnknown && r.channel != records.ChannelUnknown:
				o.Channel, changed = r.channel, true
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
			if changed {
				orders.Set(idx, o)
			}
		}
		if !sized && t.rowsRead > 0 {
			// Room for the orders the file's rows hold at the first
			// batch's rows an order, and an eighth more: sized by rows,
			// the table grew with the items an order has, not with the
			// orders (a rare larger file grows it by half once).
			if est := t.estimatedRows(); est > t.rowsRead {
				per := float64(orders.Len()-before) / float64(t.rowsRead)
				orders.Reserve(orders.Len() + int(float64(est-t.rowsRead)*per*9/8))
			}
		}
		free.putRows(b.rows)
		if b.err != nil {
			return b.err
		}
	}
	return nil
}
