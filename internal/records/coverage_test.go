package records

import (
	"reflect"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

func rng(from, to int) Range {
	base := civil.NewDate(2026, 11, 1)
	return Range{base.AddDays(from), base.AddDays(to)}
}

// Runs that overlap or touch are one; a day between two is a gap.
func TestUnion(t *testing.T) {
	for _, c := range []struct {
		in, want []Range
	}{
		{nil, nil},
		{[]Range{rng(5, 9), rng(0, 3)}, []Range{rng(0, 3), rng(5, 9)}}, // day 4 missing
		{[]Range{rng(0, 3), rng(4, 9)}, []Range{rng(0, 9)}},            // touching
		{[]Range{rng(0, 6), rng(2, 4), rng(5, 9)}, []Range{rng(0, 9)}}, // overlapping
	} {
		if got := Union(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Union(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// The days of a need that no run covers: a late start, an early end, a gap
// between two downloads, nothing given.
func TestMissing(t *testing.T) {
	need := rng(0, 9)
	for _, c := range []struct {
		name    string
		covered []Range
		want    []Range
	}{
		{"covered", []Range{rng(-5, 20)}, nil},
		{"one day late", []Range{rng(1, 20)}, []Range{rng(0, 0)}},
		{"ends early", []Range{rng(-5, 6)}, []Range{rng(7, 9)}},
		{"a gap", []Range{rng(-5, 3), rng(6, 20)}, []Range{rng(4, 5)}},
		{"two that together cover", []Range{rng(-5, 4), rng(5, 20)}, nil},
		{"nothing", nil, []Range{rng(0, 9)}},
		{"outside", []Range{rng(20, 30)}, []Range{rng(0, 9)}},
	} {
		if got := Missing(need, Union(c.covered)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Missing = %v, want %v", c.name, got, c.want)
		}
	}
}

// A counter keeps one span per field and store, whatever order the rows
// come in; Spans merges symbols that name one store.
func TestSpanCounter(t *testing.T) {
	var c SpanCounter
	d := civil.NewDate(2026, 11, 1)
	de, amazonDE := Intern("DE"), Intern("Amazon.de")
	c.Add(Ordered, de, d.AddDays(3))
	c.Add(ShipBy, de, d.AddDays(5))
	c.Add(Ordered, amazonDE, d)
	c.Add(Ordered, 0, 0) // no date: not counted
	got := c.Spans(func(s Sym) string {
		if s == amazonDE {
			return "DE"
		}
		return s.String()
	})
	want := []Span{{Field: Ordered, Store: "DE", From: d, To: d.AddDays(3), Rows: 2}, {Field: ShipBy, Store: "DE", From: d.AddDays(5), To: d.AddDays(5), Rows: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Spans = %+v, want %+v", got, want)
	}
}
