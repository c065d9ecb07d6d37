package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// CustomerServiceDissatisfactionRate is the customer service
// dissatisfaction rate's id.
const CustomerServiceDissatisfactionRate = "customer_service_dissatisfaction_rate"

// serviceDissatisfactionWindow is project policy (Amazon names none): 30
// days by answer date, ending on as-of.
var serviceDissatisfactionWindow = settings.Window{Days: []int{30}}

var serviceDissatisfactionMetric = Metric{
	ID: CustomerServiceDissatisfactionRate, Title: "Customer Service Dissatisfaction Rate", Short: "CS DISSAT.", Abbrev: "CSDR",
	Command: "service", Source: "Amazon's older customer service metric",
	KeyedOn: "answers dated", Counts: "answered no", Population: "answers", Scope: "Latest answer per order",
	Scale: 1, Window: serviceDissatisfactionWindow,
	Reads: []string{kindRatings}, OnlyWithInputs: true, Uses: []string{kindOrders},
	Base: Base{Kinds: []string{kindRatings}, Field: records.Rated},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		r, note := serviceDissatisfaction(d, s)
		return Outcome{Results: []Result{r}, Notes: notes(note)}
	},
	Series: serviceDissatisfactionSeries,
}

// serviceDissatisfactionSeries is the customer service dissatisfaction
// rate on every as-of date from from to to (SeriesFunc): each yes/no
// answer is a unit keyed on its date, in the population while no later
// answer of the same order is in the window (latestInWindow), counted
// when it is no.
func serviceDissatisfactionSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindRatings) {
		return nil, false
	}
	if _, answers := ratingKinds(d.Ratings); !answers {
		return nil, false
	}
	win := s.Window(CustomerServiceDissatisfactionRate, serviceDissatisfactionWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 1)
	latestInWindow(sl, d, func(g *records.Rating) bool { return g.Solved != records.SolvedUnknown }, func(g *records.Rating) standing {
		if g.Solved == records.SolvedNo {
			return stCounted
		}
		return stIn
	})
	return oneWindow(sl, CustomerServiceDissatisfactionRate, n), true
}

// ServiceDissatisfaction computes the Customer Service Dissatisfaction Rate
// (the older Amazon metric): "no" answers to "Did this solve your
// problem?" over all answers dated in the days of its window (30 by
// default) ending on as-of, only the latest answer per order (the rater id;
// latest instant, on a tie the later row). Items are the orders whose
// latest answer is "no"; Days count by answer date. The answers on
// Multi-Channel Fulfillment orders (the orders report's sales channel
// Non-Amazon) are left out: Amazon's surveys do not reach them.
func ServiceDissatisfaction(d *records.Dataset, s settings.Settings) Result {
	r, _ := serviceDissatisfaction(d, s)
	return r
}

// serviceDissatisfaction is ServiceDissatisfaction and the note of the
// Multi-Channel Fulfillment orders whose answers it left out ("": none).
func serviceDissatisfaction(d *records.Dataset, s settings.Settings) (Result, string) {
	if !d.Has(kindRatings) {
		return Missing(CustomerServiceDissatisfactionRate, needSolved), ""
	}
	if _, answers := ratingKinds(d.Ratings); !answers {
		return Missing(CustomerServiceDissatisfactionRate, noSolved), ""
	}
	win, w := windowOn(s, CustomerServiceDissatisfactionRate, serviceDissatisfactionWindow)
	r := Result{ID: CustomerServiceDissatisfactionRate, Window: w}
	latest := map[string]*records.Rating{}
	var mcf multiChannel
	var left map[string]bool // MCF orders with an answer in the window
	for i := range d.Ratings {
		g := &d.Ratings[i]
		if g.Solved == records.SolvedUnknown || !w.Contains(g.Rated.Date) {
			continue
		}
		if mcf.id(d, g.Rater) {
			if left == nil {
				left = map[string]bool{}
			}
			left[g.Rater] = true
			continue
		}
		if old := latest[g.Rater]; old == nil || ratingLater(g, old) {
			latest[g.Rater] = g
		}
	}
	days := daysOf(w, s.AsOf)
	for id, g := range latest {
		no := g.Solved == records.SolvedNo
		key := g.Rated.Date
		days.add(key, no)
		r.Denominator++
		if !no {
			continue
		}
		r.Numerator++
		r.Items = append(r.Items, Item{OrderID: id, KeyDate: key,
			Events:         []Event{{Type: EventNotSolved, Date: key, Status: "answered no"}},
			LeavesWindowOn: LeavesWindow(key, win.Lag, win.Days[0])})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r, multiChannelNote(len(left), "answer on a Multi-Channel Fulfillment order", "answers on Multi-Channel Fulfillment orders",
		"customer service dissatisfaction rate", "customer service surveys")
}
