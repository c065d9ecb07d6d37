package health

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Trend is a metric's figures recomputed at each as-of date of a range
// from the same files (audit trend): one series per entry.
type Trend struct {
	Command     string
	From, To    civil.Date
	Marketplace string
	Profile     string
	Series      []Series
	// AccountHealth is the Account Health Rating over the dates, one
	// point per date, oldest first: on each date the one of the latest of
	// Amazon's seller performance reports dated on or before it. Nil when
	// no date has one.
	AccountHealth []AHRPoint
	Warnings      []string
	Inputs        []records.InputFile
}

// Series is one entry (a metric, and its segment, window length or store)
// over the dates of a trend, oldest first.
type Series struct {
	ID          string
	Fulfillment string
	WindowDays  int
	Marketplace string
	Platform    string    // the marketplace whose rule judges it
	Calendar    string    // "week", "month": a calendar period (metrics.Result.Calendar)
	Cycle       string    // eBay's current or projected evaluation; "" otherwise
	Threshold   Threshold // as of the last date
	Points      []Point
}

// Point is one entry's figures on one as-of date.
type Point struct {
	AsOf        civil.Date
	Numerator   int
	Denominator int
	Status      Status
	// Partial, on an incomplete point, is the status its figures have on
	// the files given (Verdict.Partial).
	Partial     Status
	NotComputed string
}

// AHRPoint is the Account Health Rating on one as-of date.
type AHRPoint struct {
	AsOf civil.Date
	// Check is the rating judged (AccountCheck of kind
	// account_health_rating), from the latest of Amazon's reports dated on
	// or before AsOf; nil when none is (a gap).
	Check *AccountCheck
}

// Score is the point's AHR score, and false without one.
func (p AHRPoint) Score() (int, bool) {
	if p.Check == nil || p.Check.Score == nil {
		return 0, false
	}
	return *p.Check.Score, true
}

// Status is the point's verdict: NoData for a gap.
func (p AHRPoint) Status() Status {
	if p.Check == nil {
		return NoData
	}
	return p.Check.Status
}

// Value is the rate, and false when there is none (no data, not computed).
func (p Point) Value() (float64, bool) {
	if p.Denominator == 0 || p.NotComputed != "" {
		return 0, false
	}
	return float64(p.Numerator) / float64(p.Denominator), true
}

// Status is the worst status of the entries (and the Account Health
// Rating) on the trend's last date: what
// a single audit on that date would say, and what decides the exit code.
func (t *Trend) Status() Status { return Worst(t.Statuses()...) }

// Statuses are the statuses of the series on the last date, and the
// Account Health Rating's when a report of Amazon's gives it on that date,
// for --fail-on.
func (t *Trend) Statuses() []Status {
	var out []Status
	for _, se := range t.Series {
		if n := len(se.Points); n > 0 {
			out = append(out, se.Points[n-1].Status)
		}
	}
	if n := len(t.AccountHealth); n > 0 && t.AccountHealth[n-1].Check != nil {
		out = append(out, t.AccountHealth[n-1].Check.Status)
	}
	return out
}
