package health

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// Forecast says, for a failing or warning entry, when it recovers if nothing
// new goes wrong, and what would fix it today (docs/metrics.md, "Forecast").
type Forecast struct {
	// Goal is the line the forecast aims for: "target" for a failing entry
	// (back under the platform's target), "pass" for a warning one (out of
	// the warn band as well).
	Goal string
	// Op and Line are the goal as a comparison: the rate must be "Op Line".
	Op   Op
	Line float64
	// RecoversOn is the first as-of date after the audit date on which the
	// rate meets the goal, if no new defects arrive and orders keep coming
	// at DailyOrders a day; nil when it never does (Reason says why).
	RecoversOn *civil.Date
	// CleanOrdersNeeded is how many more defect-free orders in today's
	// window would meet the goal; nil when no number of them would.
	CleanOrdersNeeded *int
	// DailyOrders is the window's average population per day, the volume
	// the forecast assumes for every day after the audit date.
	DailyOrders float64
	// Reason says why RecoversOn or CleanOrdersNeeded is nil.
	Reason string
}

// ForecastOf is the forecast of a warning or failing verdict on the audit
// date asOf; nil for other statuses.
func ForecastOf(v Verdict, asOf civil.Date) *Forecast {
	return nil // TODO(forecast helper)
}
