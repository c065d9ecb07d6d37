package health

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Amazon is Amazon's own figure for an entry, from its seller performance
// report, beside ours recomputed over Amazon's dates, with the difference
// and what the files can tell of it (docs/metrics.md, "Amazon's figures").
type Amazon struct {
	File string // the report it was read from
	// Window is Amazon's reportingDateRange; nil when the report gives
	// none (ours is then over our own window).
	Window *records.Range
	// Rate, Numerator, Denominator and Components are Amazon's, as given
	// (nil or empty when not given).
	Rate                   *float64
	Numerator, Denominator *int
	Components             map[string]int
	// Op and Target are Amazon's target ("" when not given); Status is
	// Amazon's status as written (GOOD, BAD, NONE, ...).
	Op     string
	Target float64
	Status string
	// Ours is our figure over Amazon's window (the entry's own when
	// Amazon gives no window), computed as of AsOf: the audit date, or
	// Amazon's report date when that is earlier (events after it are ones
	// Amazon could not count).
	Ours Ours
	AsOf civil.Date
	// Difference is our rate less Amazon's; nil when either is unknown.
	Difference *float64
	// Agrees: the two figures are the same (the counts, or the rate when
	// Amazon gives no counts).
	Agrees bool
	// Explanations say what the files can tell of a difference; Explained
	// is false when a difference remains that none of them accounts for.
	Explanations []string
	Explained    bool
}

// Unexplained says whether the figures differ with nothing in the files
// to explain it (audit reconcile exits 1 on one).
func (a *Amazon) Unexplained() bool { return !a.Agrees && !a.Explained }

// The Account Health Rating's bands (help G200205250): healthy from
// AHRHealthy, at risk from AHRAtRisk, at risk of deactivation below it.
const (
	AHRHealthy = 200
	AHRAtRisk  = 100
)

// Ours is our figure over a window.
type Ours struct {
	Numerator, Denominator int
	Components             map[string]int
	// NotGiven are our components no input counts (not 0).
	NotGiven []string
	Window   records.Range
	Missing  []records.Range // days of the window the files do not cover
}

// Value is our rate, false without a denominator.
func (o Ours) Value() (float64, bool) {
	if o.Denominator == 0 {
		return 0, false
	}
	return float64(o.Numerator) / float64(o.Denominator), true
}

// AccountCheck is one thing only Amazon knows of the account, as its
// report gives it, judged: the Account Health Rating, the account status
// of a store, a policy-violation count.
type AccountCheck struct {
	Store string // the store it is for, "" when the report does not say
	// Kind is "account_health_rating", "account_status" or "policy".
	Kind string
	// Key names it: the policy object's key (listingPolicyViolations);
	// empty otherwise.
	Key string
	// Value is what Amazon says, as written: a status (GREAT, NORMAL,
	// BAD) or a count; Score the AHR score when given.
	Value string
	Score *int
	// Count, Target and Op for a policy count (Op "" without a target).
	Count  *int
	Op     string
	Target float64
	Status Status
	Reason string // why the status: the band or Amazon's own status
	File   string
}
