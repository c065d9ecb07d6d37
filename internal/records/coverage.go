package records

import (
	"fmt"
	"slices"

	"github.com/sellerhealth/audit/internal/civil"
)

// DateField names the date of a row that a span of dates is kept for:
// the date a metric places its entries by (the order date of the ODR, the
// expected ship date of the late shipment rate, ...).
type DateField uint8

const (
	// Ordered is the purchase (order) date.
	Ordered DateField = iota + 1
	// ShipBy is the expected (latest) ship date.
	ShipBy
	// Promised is the promised delivery date.
	Promised
	// Received is when a buyer message was received.
	Received
	// Requested is when a return request was made.
	Requested
	// Rated is when a customer-service rating was given.
	Rated
	// Dated is the date of an event row (feedback, claim, chargeback,
	// return, cancellation).
	Dated
)

var dateFieldNames = [...][2]string{{"", ""}, {"order date", "order_date"}, {"expected ship date", "ship_by"},
	{"promised delivery date", "promised_delivery"}, {"receipt date", "received"}, {"request date", "requested"},
	{"rating date", "rated"}, {"date", "date"}}

// String names the field in running text: "order date".
func (f DateField) String() string {
	if int(f) < len(dateFieldNames) {
		return dateFieldNames[f][0]
	}
	return "date"
}

// MarshalText writes the field's JSON name: "order_date", "ship_by".
func (f DateField) MarshalText() ([]byte, error) {
	if int(f) < len(dateFieldNames) {
		return []byte(dateFieldNames[f][1]), nil
	}
	return []byte("date"), nil
}

// UnmarshalText reads a field's JSON name, as MarshalText writes it.
func (f *DateField) UnmarshalText(b []byte) error {
	for i := Ordered; i <= Dated; i++ {
		if dateFieldNames[i][1] == string(b) {
			*f = i
			return nil
		}
	}
	return fmt.Errorf("unknown date field %q", b)
}

// Span is the first and last date that the rows of one file hold in one
// date field, for one store: what the file covers. A download covers the
// whole of its span (a day without rows inside it is a day without
// orders), and nothing outside it.
type Span struct {
	Field DateField  `json:"field"`
	Store string     `json:"store,omitempty"` // "" when the rows do not say
	From  civil.Date `json:"from"`
	To    civil.Date `json:"to"`
	Rows  int        `json:"rows"`
	// Declared: the days were not read off the rows but declared by the
	// folder's fetch manifest: the days a report fetched through SP-API
	// was asked for, rows or not (audit fetch, docs/fetch.md).
	Declared bool `json:"declared,omitempty"`
}

// SpanCounter gathers the spans of one file as its rows are read: one per
// date field and store symbol. The last one used of each field is
// remembered, so a file of one store costs a comparison a date, however
// many fields its rows count.
type SpanCounter struct {
	spans []spanAt
	last  [Dated + 1]int
}

type spanAt struct {
	field DateField
	store Sym
	span  Span
}

// Add counts a row's date in field for the store symbol (0: unknown).
func (c *SpanCounter) Add(field DateField, store Sym, d civil.Date) {
	if d == 0 {
		return
	}
	i := c.last[field]
	if i >= len(c.spans) || c.spans[i].field != field || c.spans[i].store != store {
		i = slices.IndexFunc(c.spans, func(s spanAt) bool { return s.field == field && s.store == store })
		if i < 0 {
			i = len(c.spans)
			c.spans = append(c.spans, spanAt{field: field, store: store, span: Span{Field: field, From: d, To: d}})
		}
		c.last[field] = i
	}
	s := &c.spans[i].span
	s.From, s.To = min(s.From, d), max(s.To, d)
	s.Rows++
}

// Spans are the file's spans, the store symbols turned into store codes
// by storeOf (nil: the symbols' strings), merged by field and store, in a
// stable order (by field, then store).
func (c *SpanCounter) Spans(storeOf func(Sym) string) []Span {
	var out []Span
	for _, sa := range c.spans {
		s := sa.span
		if sa.store != 0 {
			if storeOf != nil {
				s.Store = storeOf(sa.store)
			} else {
				s.Store = sa.store.String()
			}
		}
		j := slices.IndexFunc(out, func(o Span) bool { return o.Field == s.Field && o.Store == s.Store })
		if j < 0 {
			out = append(out, s)
			continue
		}
		out[j].From, out[j].To, out[j].Rows = min(out[j].From, s.From), max(out[j].To, s.To), out[j].Rows+s.Rows
	}
	slices.SortFunc(out, func(a, b Span) int {
		if a.Field != b.Field {
			return int(a.Field) - int(b.Field)
		}
		switch {
		case a.Store < b.Store:
			return -1
		case a.Store > b.Store:
			return 1
		}
		return 0
	})
	return out
}

// Range is a run of days, both ends included.
type Range struct {
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
}

// Days is the number of days in the range.
func (r Range) Days() int { return int(r.To-r.From) + 1 }

// Covered is the union of the spans of the input kinds (any of them) in
// field, for store ("" any store; else that store's spans and those whose
// store is unknown), as sorted runs of days: two spans that touch or
// overlap are one run.
func (d *Dataset) Covered(kinds []string, field DateField, store string) []Range {
	var rs []Range
	for _, f := range d.Files {
		if !slices.Contains(kinds, f.Kind) {
			continue
		}
		for _, s := range f.Spans {
			if s.Field == field && (store == "" || s.Store == "" || s.Store == store) {
				rs = append(rs, Range{s.From, s.To})
			}
		}
	}
	return Union(rs)
}

// Union merges ranges into sorted runs of days: ranges that overlap or
// touch (one ends the day before the other starts) are one run.
func Union(rs []Range) []Range {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b Range) int { return int(a.From) - int(b.From) })
	var out []Range
	for _, r := range rs {
		if n := len(out); n > 0 && r.From <= out[n-1].To+1 {
			out[n-1].To = max(out[n-1].To, r.To)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Clip is the parts of the runs that fall within need, never nil.
func Clip(runs []Range, need Range) []Range {
	out := []Range{}
	for _, r := range runs {
		if r.To >= need.From && r.From <= need.To {
			out = append(out, Range{From: max(r.From, need.From), To: min(r.To, need.To)})
		}
	}
	return out
}

// Missing is the days of need that the runs do not cover, as ranges.
func Missing(need Range, covered []Range) []Range {
	var out []Range
	next := need.From
	for _, c := range covered {
		if c.To < next || c.From > need.To {
			continue
		}
		if c.From > next {
			out = append(out, Range{next, c.From - 1})
		}
		next = max(next, c.To+1)
	}
	if next <= need.To {
		out = append(out, Range{next, need.To})
	}
	return out
}
