// Package health turns metric results into verdicts against thresholds and
// assembles the report every renderer draws from. It computes no metric and
// formats nothing.
package health

import (
	"fmt"
	"strings"

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
	// Incomplete: the files do not cover the entry's window (its
	// Coverage): the figures are shown, but they cannot pass. It is worse
	// than a warning and milder than a fail.
	Incomplete
	Fail
	// Error: an account of a fleet whose reports could not be read. Only
	// accounts and fleets have it; it is worse than a fail.
	Error
)

var statusNames = [...]string{"not_computed", "no_data", "pass", "warn", "incomplete", "fail", "error"}

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
	Status Status
	// Partial, on an incomplete entry, is the status its figures have on
	// the files given (pass, warn, fail or no data).
	Partial   Status
	Threshold Threshold
	// Forecast is set on warning and failing entries (forecast.go).
	Forecast *Forecast
	// Amazon is Amazon's own figure for the entry beside ours, when its
	// seller performance report gives one (amazon.go).
	Amazon *Amazon
}

// Uncovered says whether the entry is incomplete for days its files do
// not cover (its Coverage names them).
func (v Verdict) Uncovered() bool { return v.Status == Incomplete && !v.Coverage.Complete() }

// Judge returns the verdict on r against t.
func Judge(r metrics.Result, t Threshold) Verdict {
	if r.NotComputed != "" {
		return Verdict{Result: r, Status: NotComputed, Threshold: t}
	}
	v, ok := r.Value()
	s := t.Judge(v, ok)
	if !r.Coverage.Complete() {
		return Verdict{Result: r, Status: Incomplete, Partial: s, Threshold: t}
	}
	return Verdict{Result: r, Status: s, Threshold: t}
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
	// Account is what only Amazon knows of the account (the Account
	// Health Rating, account statuses, policy violations), judged, from
	// its seller performance report; nil without one.
	Account []AccountCheck
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

// Statuses are the statuses of the report's entries, for --fail-on.
func (r *Report) Statuses() []Status { return statuses(r.Metrics, r.Account) }

// statuses are the statuses of entries and account checks, in that order.
func statuses(ms []Verdict, as []AccountCheck) []Status {
	out := make([]Status, 0, len(ms)+len(as))
	for _, m := range ms {
		out = append(out, m.Status)
	}
	for _, a := range as {
		out = append(out, a.Status)
	}
	return out
}

// Finish sets the report's overall status to the worst of its metrics
// and account checks.
func (r *Report) Finish() {
	r.Status = Worst(r.Statuses()...)
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

// FailOn is the set of statuses that make the exit code 1 (--fail-on):
// "fail" (the default), "warn" (warn, incomplete and fail), "incomplete",
// "no-data", or several of them separated by commas; "never" alone for
// none. An account that could not be read (Error) fails with every set
// but "never".
type FailOn uint8

// FailOnFail is the default: a failed threshold.
const FailOnFail = FailOn(1<<(Fail+1) | 1<<(Error+1))

// failOnWords are the values --fail-on takes, and the statuses of each.
var failOnWords = map[string]FailOn{
	"fail":       FailOnFail,
	"warn":       FailOnFail | 1<<(Warn+1) | 1<<(Incomplete+1),
	"incomplete": 1<<(Incomplete+1) | 1<<(Error+1),
	"no-data":    1<<(NoData+1) | 1<<(Error+1),
	"never":      0,
}

// FailOnValues are the values --fail-on takes, for help and completion.
var FailOnValues = []string{"fail", "warn", "incomplete", "no-data", "never"}

// ParseFailOn reads --fail-on: one value or several separated by commas,
// in any case ("fail,incomplete,no-data").
func ParseFailOn(s string) (FailOn, error) {
	var f FailOn
	parts := strings.Split(s, ",")
	for _, p := range parts {
		w := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(p)), "_", "-")
		v, ok := failOnWords[w]
		if !ok || (w == "never" && len(parts) > 1) {
			return 0, fmt.Errorf("--fail-on must be fail, warn, incomplete, no-data or never, or several of the first four separated by commas; got %q", s)
		}
		f |= v
	}
	return f, nil
}

// Fails says whether status s makes the exit code 1 under f.
func (f FailOn) Fails(s Status) bool { return f&(1<<(s+1)) != 0 }

// Failed says whether any of the statuses fails the run under f.
func (f FailOn) Failed(ss ...Status) bool {
	for _, s := range ss {
		if f.Fails(s) {
			return true
		}
	}
	return false
}
