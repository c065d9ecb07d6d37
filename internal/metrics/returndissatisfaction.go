package metrics

import (
	"sort"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ReturnDissatisfactionRate is the return dissatisfaction rate's id.
const ReturnDissatisfactionRate = "return_dissatisfaction_rate"

// returnDissatisfactionWindow is project policy (Amazon names none): 30
// days by request date, ending on as-of.
var returnDissatisfactionWindow = settings.Window{Days: []int{30}}

var returnDissatisfactionMetric = Metric{
	ID: ReturnDissatisfactionRate, Title: "Return Dissatisfaction Rate", Short: "RETURNS", Abbrev: "RDR",
	Command: "service", Source: "help 201887610",
	KeyedOn: "requests made", Counts: "dissatisfied", Population: "return requests", Scope: "Return requests",
	Scale: 1, Window: returnDissatisfactionWindow,
	Reads: []string{kindReturnRequests}, OnlyWithInputs: true, Uses: []string{kindOrders},
	Base: Base{Kinds: []string{kindReturnRequests}, Field: records.Requested},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		r, note := returnDissatisfaction(d, s)
		return Outcome{Results: []Result{r}, Notes: notes(note)}
	},
	Series: returnDissatisfactionSeries,
}

// returnOutcome classifies a return request made on or before as-of: out
// says it is not yet counted (unanswered and younger than 48 h), late,
// invalid and negative its defects, with their events in that order.
func returnOutcome(q *records.ReturnRequest, asOf civil.Date) (out, late, invalid, negative bool, evs []Event) {
	now := serviceNow(asOf, q.Requested)
	req := start(q.Requested, q.Requested.Location())
	resp, answered := responseBy(q.Responded, q.Requested, now)
	if !answered && now.Sub(req) < returnDeadline {
		return true, false, false, false, nil
	}
	switch {
	case !answered:
		late = true
		evs = append(evs, Event{Type: ComponentLateResponse, Status: "not answered"})
	case resp.Sub(req) > returnDeadline:
		late = true
		evs = append(evs, Event{Type: ComponentLateResponse, Date: q.Responded.Date,
			Status: q.Response.String() + " " + elapsed(resp.Sub(req)) + " after the request"})
	}
	if answered && q.Response == records.ReturnRejected && q.InPolicy {
		invalid = true
		evs = append(evs, Event{Type: ComponentInvalidRejection, Date: q.Responded.Date, Status: "rejected in policy"})
	}
	if q.Feedback == records.ReturnFeedbackNegative {
		negative = true
		evs = append(evs, Event{Type: ComponentNegativeFeedback, Status: "negative return feedback"})
	}
	return false, late, invalid, negative, evs
}

// returnDissatisfactionSeries is the return dissatisfaction rate on every
// as-of date from from to to (SeriesFunc): each return request is a unit
// keyed on the day it was made, out of the population until due (48 h)
// or answered, counted when returnOutcome finds it late, rejected in
// policy or with negative feedback. Its outcome changes only around the
// days it was made and answered.
func returnDissatisfactionSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindReturnRequests) {
		return nil, false
	}
	win := s.Window(ReturnDissatisfactionRate, returnDissatisfactionWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 1)
	var mcf multiChannel
	var breaks []civil.Date
	for i := range d.ReturnRequests {
		q := &d.ReturnRequests[i]
		key := q.Requested.Date
		if !sl.reaches(key) || mcf.id(d, q.OrderID) {
			continue
		}
		breaks = around(around(breaks[:0], q.Requested.Date, 0, 3), q.Responded.Date, -2, 2)
		sl.follow(key, 1, func(asOf civil.Date) standing {
			switch out, late, invalid, negative, _ := returnOutcome(q, asOf); {
			case out:
				return stOut
			case late || invalid || negative:
				return stCounted
			}
			return stIn
		}, breaks...)
	}
	return oneWindow(sl, ReturnDissatisfactionRate, n), true
}

// ReturnDissatisfaction computes the Return Dissatisfaction Rate (help
// 201887610): return requests made in the days of its window (30 by default) ending
// on as-of with negative buyer feedback, a late response or an invalid
// rejection, each request once, over all of them. Late = answered
// (authorised, refunded, rejected or closed) more than 48 h after the
// request, or still unanswered 48 h after it, as of now (the end of the
// as-of day in the request's offset; responses after it are ignored); an
// unanswered request younger than 48 h is not yet counted; a response
// without its date is no response by now. Invalid rejection = rejected
// (by now) while in policy. Components count distinct requests
// per defect. Items are the requests counted; Days count by request date.
// Requests on Multi-Channel Fulfillment orders (the orders report's sales
// channel Non-Amazon) are left out: Amazon's returns do not reach them.
func ReturnDissatisfaction(d *records.Dataset, s settings.Settings) Result {
	r, _ := returnDissatisfaction(d, s)
	return r
}

// returnDissatisfaction is ReturnDissatisfaction and the note of the
// requests on Multi-Channel Fulfillment orders it left out ("": none).
func returnDissatisfaction(d *records.Dataset, s settings.Settings) (Result, string) {
	if !d.Has(kindReturnRequests) {
		return Missing(ReturnDissatisfactionRate, needReturnRequests), ""
	}
	win, w := windowOn(s, ReturnDissatisfactionRate, returnDissatisfactionWindow)
	r := Result{ID: ReturnDissatisfactionRate, Window: w}
	days := daysOf(w, s.AsOf)
	type listed struct {
		it   Item
		file string
		line int32
	}
	var items []listed
	var late, invalid, negative int
	var mcf multiChannel
	left := 0 // requests on MCF orders that would count
	for i := range d.ReturnRequests {
		q := &d.ReturnRequests[i]
		key := q.Requested.Date
		if !w.Contains(key) {
			continue
		}
		out, l, inv, neg, evs := returnOutcome(q, s.AsOf)
		if out {
			continue
		}
		if mcf.id(d, q.OrderID) {
			left++
			continue
		}
		bad := l || inv || neg
		days.add(key, bad)
		r.Denominator++
		if !bad {
			continue
		}
		r.Numerator++
		late += b2i(l)
		invalid += b2i(inv)
		negative += b2i(neg)
		items = append(items, listed{Item{OrderID: q.OrderID, KeyDate: key, Events: evs,
			LeavesWindowOn: LeavesWindow(key, win.Lag, win.Days[0])}, q.File.String(), q.Line})
	}
	// By request date, then order id, then where the row was read.
	sort.Slice(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.it.KeyDate != b.it.KeyDate {
			return a.it.KeyDate < b.it.KeyDate
		}
		if a.it.OrderID != b.it.OrderID {
			return a.it.OrderID < b.it.OrderID
		}
		if a.file != b.file {
			return a.file < b.file
		}
		return a.line < b.line
	})
	for _, x := range items {
		r.Items = append(r.Items, x.it)
	}
	r.Components = Components{{ComponentLateResponse, late}, {ComponentInvalidRejection, invalid}, {ComponentNegativeFeedback, negative}}
	r.Days = days.counted()
	return r, multiChannelNote(left, "return request on a Multi-Channel Fulfillment order", "return requests on Multi-Channel Fulfillment orders",
		"return dissatisfaction rate", "return requests")
}
