// Package health turns metric results into verdicts against thresholds and
// assembles the report every renderer draws from. It computes no metric and
// formats nothing.
package health

import (
	"fmt"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// Status is a verdict. Its order is its severity.
type Status int

const (
	// NotComputed: the reports given cannot produce the metric (a reason
	// says which is missing). It is the mildest status: it never fails a
	// run, and the overall status is at least NoData.
	NotComputed Status = iota - 1
	NoData
	Pass
	Warn
	Fail
	// Error: an account of a fleet whose reports could not be read. Only
	// accounts and fleets have it; it is worse than a fail.
	Error
)

var statusNames = [...]string{"not_computed", "no_data", "pass", "warn", "fail", "error"}

func (s Status) String() string { return statusNames[s+1] }

// MarshalText writes the JSON contract's names: pass, warn, fail, no_data.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Worst is the most severe of the statuses; NoData when there are none.
func Worst(ss ...Status) Status {
	w := NoData
	for _, s := range ss {
		if s > w {
			w = s
		}
	}
	return w
}

// Op is a target's comparison: the value passes when "value Op target".
type Op string

const (
	Less         Op = "<"
	LessEqual    Op = "<="
	Greater      Op = ">"
	GreaterEqual Op = ">="
)

// Threshold is a metric's target and the project's early-warning line.
type Threshold struct {
	Op    Op
	Value float64 // the platform's target (fail line)
	// WarnAt: for "<" targets a value at or above it warns; for ">" targets
	// a value at or below it warns. Project policy (metrics.md, "Warn band").
	WarnAt float64
	// WarnBelow: a "greater than" target warns below WarnAt, not at it
	// (the customer-service rating's 8 of 10 is green).
	WarnBelow bool
	// Advisory: a miss is only a warning (EU on-time delivery).
	Advisory bool
	// Scale is the largest value: 0 or 1 for a rate (a fraction), 10 for
	// the customer-service rating (an average score).
	Scale  float64
	Source string
}

// Judge gives the verdict on a value; ok false means no data.
func (t Threshold) Judge(v float64, ok bool) Status {
	if !ok {
		return NoData
	}
	var meets, warns bool
	switch t.Op {
	case Less:
		meets, warns = v < t.Value, v >= t.WarnAt
	case LessEqual:
		meets, warns = v <= t.Value, v >= t.WarnAt
	case Greater, GreaterEqual:
		meets = v > t.Value || (t.Op == GreaterEqual && v == t.Value)
		warns = v <= t.WarnAt
		if t.WarnBelow {
			warns = v < t.WarnAt
		}
	default:
		panic(fmt.Sprintf("health: unknown op %q", t.Op))
	}
	switch {
	case !meets && !t.Advisory:
		return Fail
	case !meets || warns:
		return Warn
	}
	return Pass
}

// Verdict is a result judged against its threshold.
type Verdict struct {
	metrics.Result
	Status    Status
	Threshold Threshold
	// Forecast is set on warning and failing entries (forecast.go).
	Forecast *Forecast
}

// Judge returns the verdict on r against t.
func Judge(r metrics.Result, t Threshold) Verdict {
	if r.NotComputed != "" {
		return Verdict{Result: r, Status: NotComputed, Threshold: t}
	}
	v, ok := r.Value()
	return Verdict{Result: r, Status: t.Judge(v, ok), Threshold: t}
}

// Report is one audit: what every renderer draws.
type Report struct {
	Command     string // "odr", "all", ...
	AsOf        civil.Date
	Marketplace string // the account's store, "" when unknown
	Profile     string // the threshold profile used
	Status      Status
	Metrics     []Verdict
	Unmatched   []metrics.Unplaced
	Warnings    []string
	Inputs      []records.InputFile
	// Trend, when set, is the same entries over the days up to AsOf, for
	// the formats that chart it (html).
	Trend *Trend
	// Feedback is the negative feedback in the ODR window and what would
	// get it removed (audit feedback, audit all); nil when not asked for.
	Feedback []metrics.FeedbackItem
	// Risks are the untracked shipments and the return requests about to
	// be late (audit risks); nil when not asked for.
	Risks []metrics.Risk
}

// Removable counts the feedback Amazon would still remove.
func (r *Report) Removable() int {
	n := 0
	for _, f := range r.Feedback {
		if f.Removable(r.AsOf) {
			n++
		}
	}
	return n
}

// Finish sets the report's overall status to the worst of its metrics.
func (r *Report) Finish() {
	s := NoData
	for _, m := range r.Metrics {
		s = Worst(s, m.Status)
	}
	r.Status = s
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.Unmatched == nil {
		r.Unmatched = []metrics.Unplaced{}
	}
	if r.Inputs == nil {
		r.Inputs = []records.InputFile{}
	}
}

// FailOn is the status from which the exit code is 1.
type FailOn int

const (
	FailOnFail FailOn = iota
	FailOnWarn
	FailOnNever
)

// ParseFailOn reads --fail-on.
func ParseFailOn(s string) (FailOn, error) {
	switch s {
	case "fail":
		return FailOnFail, nil
	case "warn":
		return FailOnWarn, nil
	case "never":
		return FailOnNever, nil
	}
	return 0, fmt.Errorf("--fail-on must be fail, warn or never, got %q", s)
}

// Failed says whether status s fails the run under f.
func (f FailOn) Failed(s Status) bool {
	switch f {
	case FailOnWarn:
		return s >= Warn
	case FailOnNever:
		return false
	}
	return s >= Fail
}
