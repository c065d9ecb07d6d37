package metrics

import (
	"slices"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Base says where a metric's denominator is read from: the input kinds
// (any of them) and the date field that places a row in the window. The
// files of those kinds must cover an entry's whole window for its figure
// to be complete (docs/metrics.md, "Coverage").
type Base struct {
	Kinds []string
	Field records.DateField
}

// Part says which input kinds (any of them; or a column of one) count a
// component of the numerator: without them the component is not given,
// not 0.
type Part struct {
	Component string
	Kinds     []string
	// Column, when set, is a "kind.column" the part also needs (the
	// invoice upload time of the shipments file).
	Column string
}

// Coverage is how far the files cover an entry's window: what was needed
// (the window), what the files of the base's kinds cover of it, and what
// they do not.
type Coverage struct {
	Kinds   []string          `json:"kinds"`
	Field   records.DateField `json:"field"`
	Needed  records.Range     `json:"needed"`
	Covered []records.Range   `json:"covered"`
	Missing []records.Range   `json:"missing"`
	// Reports are the titles of Kinds ("All Orders report"), in order,
	// for the words that say what to download. The engine sets them (it
	// knows the report kinds' names; metrics does not). Not in the JSON,
	// whose kinds say the same.
	Reports []string `json:"-"`
}

// Complete says whether the files cover the whole window.
func (c *Coverage) Complete() bool { return c == nil || len(c.Missing) == 0 }

// Inputs are the input kinds an entry reads, split into those among the
// inputs and those that were not.
type Inputs struct {
	Used   []string `json:"used"`
	Absent []string `json:"absent"`
}

// CoverageOf is how far the files of m's base cover the window of r on
// asOf; nil when it is not judged (no base, not computed, no window, or a
// dataset that was not read from files: d.Files is nil).
//
// A window ending on the audit date need not have that day in the files:
// the audit date is often today, and a download made during the day holds
// part of it at most. Every other day of the window must lie within a
// file's span (its first to its last row's date) of the store of the
// entry (or of no known store).
func CoverageOf(m Metric, r Result, d *records.Dataset, asOf civil.Date) *Coverage {
	if len(m.Base.Kinds) == 0 || r.NotComputed != "" || r.Window.Days <= 0 || d.Files == nil {
		return nil
	}
	need := records.Range{From: r.Window.From, To: r.Window.To}
	covered := d.Covered(m.Base.Kinds, m.Base.Field, r.Marketplace)
	check := need
	if need.To == asOf && need.From < need.To {
		check.To = asOf - 1
	}
	c := &Coverage{Kinds: slices.Clone(m.Base.Kinds), Field: m.Base.Field, Needed: need, Covered: records.Clip(covered, need),
		Missing: records.Missing(check, covered)}
	if c.Missing == nil {
		c.Missing = []records.Range{}
	}
	return c
}

// InputsOf are the kinds m reads, split by whether they were read.
func InputsOf(m Metric, d *records.Dataset) *Inputs {
	in := &Inputs{Used: []string{}, Absent: []string{}}
	for _, k := range m.Reads {
		if d.Has(k) {
			in.Used = append(in.Used, k)
		} else {
			in.Absent = append(in.Absent, k)
		}
	}
	return in
}

// NotGivenOf are the components of r that m's parts say no input read
// could count, in r's order.
func NotGivenOf(m Metric, r Result, d *records.Dataset) []string {
	var out []string
	for _, c := range r.Components {
		for _, p := range m.Parts {
			if p.Component == c.Key && !(slices.ContainsFunc(p.Kinds, d.Has) && (p.Column == "" || d.Columns[p.Column])) {
				out = append(out, c.Key)
			}
		}
	}
	return out
}

// IsNotGiven says whether component key of r is not given.
func (r Result) IsNotGiven(key string) bool { return slices.Contains(r.NotGiven, key) }
