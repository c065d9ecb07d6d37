// Package metrics computes account-health figures as pure functions of
// records, settings and the as-of date. It knows nothing of thresholds or
// output: a Result is counts and the window they cover.
//
// Each metric is one file (odr.go, lateshipment.go, ...) holding its rule
// with Amazon's source, its Metric value (names, words, default window,
// input kinds, compute function) and its code; Catalog lists them all,
// and the rest of the program reads a metric's facts from there. Helpers
// shared by several metrics live in sellerfulfilled.go (shipments and
// report dates), service.go (customer service) and items.go (per-order
// lists and day counts).
package metrics

import (
	"bytes"
	"encoding/json"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/settings"
)

// Window is the span of dates a metric covers, both ends inclusive.
type Window struct {
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
	Days int        `json:"days"`
}

// WindowEnding is the n-day window ending on end.
func WindowEnding(end civil.Date, n int) Window {
	return Window{From: end.AddDays(-(n - 1)), To: end, Days: n}
}

// windowOn is metric id's window setting under s (def, its default, when
// s sets none) and the span of dates its first length covers on s.AsOf:
// the days ending lag days before as-of. The default is passed, not looked
// up: the catalog is built from the metrics' compute functions.
func windowOn(s settings.Settings, id string, def settings.Window) (settings.Window, Window) {
	win := s.Window(id, def)
	return win, WindowEnding(s.AsOf.AddDays(-win.Lag), win.Days[0])
}

// Contains says whether d is in the window.
func (w Window) Contains(d civil.Date) bool { return d >= w.From && d <= w.To }

// Component is one named part of a metric's numerator.
type Component struct {
	Key   string
	Count int
}

// Components keep their order and marshal as a JSON object in that order.
type Components []Component

// MarshalJSON writes {"key": count, ...} in order.
func (cs Components) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c.Key)
		b.Write(k)
		b.WriteByte(':')
		n, _ := json.Marshal(c.Count)
		b.Write(n)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Get returns the count of key (0 if absent).
func (cs Components) Get(key string) int {
	for _, c := range cs {
		if c.Key == key {
			return c.Count
		}
	}
	return 0
}

// Result is one computed entry: numerator over denominator in a window.
type Result struct {
	ID          string
	Fulfillment string // "all", "afn", "mfn"; "" where a metric has no segments
	WindowDays  int    // set where one metric has entries for several windows (late shipment 10/30)
	// Calendar, when set, says the window is a calendar period ("week",
	// Monday to Sunday; "month") cut at as-of, not a number of days
	// ending on it (WindowDays is then 0).
	Calendar    string
	Marketplace string // set where a metric is per store (invoice defect rate)
	// Platform is the marketplace whose rule judges the entry ("amazon",
	// "kaufland", ...): set by the metric where its entries span platforms
	// (the contact response rate of a multi-marketplace help desk), else
	// by the judge (the metric's platform, or the profile's).
	Platform string
	// Cycle, where a platform reports the same figure for several
	// evaluations (eBay's CURRENT and PROJECTED seller standards), names
	// the entry's: "current", "projected"; "" otherwise.
	Cycle       string
	Numerator   int
	Denominator int
	Window      Window
	Components  Components
	// NotComputed, when set, says why the metric could not be computed
	// (which report is missing); the counts are then meaningless.
	NotComputed string
	// Items are the orders the numerator counts against the metric (the
	// defective orders of the ODR, the late shipments, ...), sorted by key
	// date then order id; nil where a metric lists none.
	Items []Item
	// Days are the counts per key date from the window's first day to the
	// as-of date (metrics.Day), for the forecast; nil where not known.
	Days []Day
	// Period, when set, is the period the figure is reported with (the
	// customer-service rating: the latest 28 days with enough ratings, which
	// may end before as-of).
	Period *Window
	// IfRemoved (ODR) is the numerator if every negative feedback Amazon
	// would still remove (RemovalGrounds, before RemovableUntil) were
	// removed: an order with another defect stays defective.
	IfRemoved *int
	// Coverage says how far the files cover the window, for the inputs
	// the denominator is read from (CoverageOf); nil where not judged.
	Coverage *Coverage
	// NotGiven are the keys of the components none of whose inputs was
	// read: their count is unknown, not 0 (MarkNotGiven).
	NotGiven []string
	// Inputs are the input kinds the entry reads that were among the
	// inputs, and those that were not.
	Inputs *Inputs
	// FinalOn (ODR), when after as-of, is the day the window's last order
	// stops accepting feedback (window end + feedback period): until then
	// the figure can still rise (provisional).
	FinalOn *civil.Date
}

// Missing is the result of a metric whose input is absent.
func Missing(id, reason string) Result { return Result{ID: id, NotComputed: reason} }

// Value is the rate, and false when the denominator is empty (no data).
func (r Result) Value() (float64, bool) {
	if r.Denominator == 0 || r.NotComputed != "" {
		return 0, false
	}
	return float64(r.Numerator) / float64(r.Denominator), true
}

// IfRemovedValue is the rate if the removable negative feedback were
// removed, and false when there is no such figure or no data.
func (r Result) IfRemovedValue() (float64, bool) {
	if r.IfRemoved == nil || r.Denominator == 0 || r.NotComputed != "" {
		return 0, false
	}
	return float64(*r.IfRemoved) / float64(r.Denominator), true
}

// Unplaced is a defect whose order is not in the orders report: it cannot be
// placed in a window, so it is left out of the figures and listed.
type Unplaced struct {
	OrderID string `json:"order_id"`
	Kind    string `json:"kind"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}
