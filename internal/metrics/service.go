package metrics

import (
	"fmt"
	"sort"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Metric ids of the customer-service metrics, as the JSON writes them.
const (
	ContactResponseRate                = "contact_response_rate"
	ReturnDissatisfactionRate          = "return_dissatisfaction_rate"
	CustomerServiceRating              = "customer_service_rating"
	CustomerServiceDissatisfactionRate = "customer_service_dissatisfaction_rate"
)

// Component keys of the customer-service metrics (the return
// dissatisfaction rate's negative feedback is ComponentNegativeFeedback).
const (
	ComponentLateResponse     = "late_response"
	ComponentNoResponse       = "no_response"
	ComponentInvalidRejection = "invalid_rejection"
)

// Event types of the customer-service items, besides the component keys.
const (
	// EventNotSolved is a "no" answer to "Did this solve your problem?".
	EventNotSolved = "not_solved"
)

// Report kinds the customer-service metrics read (input.Kind values).
const (
	kindMessages       = "messages"
	kindReturnRequests = "return-requests"
	kindRatings        = "ratings"
)

const (
	needMessages       = "needs the buyer-messages file (message-id, order-id, received-at, response-at, response-kind; see docs/formats.md)"
	needReturnRequests = "needs the return-requests file (order-id, request-at, responded-at, response, in-policy, return-feedback; see docs/formats.md)"
	needRatings        = "needs the customer-service ratings file (rater-id, rated-at, score; see docs/formats.md)"
	needSolved         = "needs the customer-service ratings file with yes/no answers (rater-id, rated-at, solved; see docs/formats.md)"
	onlySolved         = "the ratings file holds only yes/no answers (solved), no 1-10 scores: see customer_service_dissatisfaction_rate"
	noSolved           = "the ratings file holds no yes/no answers (solved), only 1-10 scores: see customer_service_rating"
)

// Response deadlines (metrics.md, "Customer service"): 24 h for a buyer
// message, 48 h for a return request, weekends and holidays included.
const (
	messageDeadline = 24 * time.Hour
	returnDeadline  = 48 * time.Hour
)

// serviceNow is "now" of an audit on asOf for a record stamped ts: the end
// of the as-of day (23:59:59) in ts's own offset (UTC for a bare date).
// Responses after it are ignored.
func serviceNow(asOf civil.Date, ts civil.Timestamp) time.Time {
	return civil.EndOfDay(asOf, ts.Location())
}

// responseBy is the instant of a response stamped resp to a request stamped
// at, and whether it was given by now: false when there is none or it came
// after now. A bare date is the start of its day in at's offset.
func responseBy(resp, at civil.Timestamp, now time.Time) (time.Time, bool) {
	if resp.IsZero() {
		return time.Time{}, false
	}
	t := start(resp, at.Location())
	if t.After(now) {
		return time.Time{}, false
	}
	return t, true
}

// elapsed writes a duration of whole seconds for an item's status:
// "25 h", "24 h 1 s", "30 h 5 min".
func elapsed(d time.Duration) string {
	d = d.Truncate(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	out := fmt.Sprintf("%d h", h)
	if m > 0 {
		out += fmt.Sprintf(" %d min", m)
	}
	if s > 0 {
		out += fmt.Sprintf(" %d s", s)
	}
	return out
}

// message outcomes on the as-of date.
const (
	msgOut     = iota // not in the population
	msgInTime         // answered at most 24 h after receipt
	msgLate           // answered by now, more than 24 h after receipt
	msgNoReply        // unanswered by now, 24 h or more after receipt
)

// messageOutcome classifies a buyer message received on or before as-of,
// and gives the event that counts it against the metric (late or none).
func messageOutcome(m *records.Message, asOf civil.Date) (int, Event) {
	if m.NoResponseNeeded {
		return msgOut, Event{}
	}
	now := serviceNow(asOf, m.Received)
	rcv := start(m.Received, m.Received.Location())
	if resp, ok := responseBy(m.FirstResponse, m.Received, now); ok {
		after := resp.Sub(rcv)
		if after <= messageDeadline {
			return msgInTime, Event{}
		}
		st := "answered " + elapsed(after) + " after receipt"
		if m.AutoReplied {
			st += "; the automatic reply does not count"
		}
		return msgLate, Event{Type: ComponentLateResponse, Date: m.FirstResponse.Date, Status: st}
	}
	if now.Sub(rcv) < messageDeadline {
		return msgOut, Event{} // not yet due
	}
	st := "no response"
	if m.AutoReplied {
		st = "only an automatic reply"
	}
	return msgNoReply, Event{Type: ComponentNoResponse, Status: st}
}

// ContactResponse computes the contact response rate (help 200549770) for
// each window of s.Service.ContactDays: buyer messages received in the N
// days ending on as-of, except those marked no-response-needed and those
// still unanswered but received less than 24 h before now (the end of the
// as-of day in the message's own offset; responses after it are ignored).
// Numerator = answered by the first manual response at most 24 h after
// receipt (exactly 24 h is in time); automatic replies are not responses.
// Components: late_response (answered by now, after 24 h) and no_response
// (unanswered 24 h after receipt). Items are the late and unanswered
// messages, under their order id (the message id when none); Days count by
// receipt date, the numerator being the messages answered in time.
func ContactResponse(d *records.Dataset, s settings.Settings) []Result {
	var out []Result
	if !d.Has(kindMessages) {
		for _, n := range s.Service.ContactDays {
			r := Missing(ContactResponseRate, needMessages)
			r.WindowDays = n
			out = append(out, r)
		}
		return out
	}
	longest := 0
	for _, n := range s.Service.ContactDays {
		longest = max(longest, n)
	}
	// Each message is classified once, for every window.
	type counted struct {
		key     civil.Date
		outcome int
		ev      Event
		id, msg string
	}
	var all []counted
	first := s.AsOf.AddDays(-(longest - 1))
	for i := range d.Messages {
		m := &d.Messages[i]
		key := m.Received.Date
		if key < first || key > s.AsOf {
			continue
		}
		o, ev := messageOutcome(m, s.AsOf)
		if o == msgOut {
			continue
		}
		id := m.OrderID
		if id == "" {
			id = m.ID
		}
		all = append(all, counted{key: key, outcome: o, ev: ev, id: id, msg: m.ID})
	}
	// Items in a deterministic order whatever the rows' order: by receipt
	// date, then id, then message id.
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.msg < b.msg
	})
	for _, n := range s.Service.ContactDays {
		w := WindowEnding(s.AsOf, n)
		r := Result{ID: ContactResponseRate, WindowDays: n, Window: w}
		days := daysOf(w, s.AsOf)
		var late, none int
		for _, c := range all {
			if !w.Contains(c.key) {
				continue
			}
			days.add(c.key, c.outcome == msgInTime)
			r.Denominator++
			switch c.outcome {
			case msgInTime:
				r.Numerator++
				continue
			case msgLate:
				late++
			case msgNoReply:
				none++
			}
			r.Items = append(r.Items, Item{OrderID: c.id, KeyDate: c.key, Events: []Event{c.ev},
				LeavesWindowOn: LeavesWindow(c.key, 0, n)})
		}
		r.Components = Components{{ComponentLateResponse, late}, {ComponentNoResponse, none}}
		r.Days = days.counted()
		out = append(out, r)
	}
	return out
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

// ReturnDissatisfaction computes the Return Dissatisfaction Rate (help
// 201887610): return requests made in the s.Service.ReturnDays days ending
// on as-of with negative buyer feedback, a late response or an invalid
// rejection, each request once, over all of them. Late = answered
// (authorised, refunded, rejected or closed) more than 48 h after the
// request, or still unanswered 48 h after it, as of now (the end of the
// as-of day in the request's offset; responses after it are ignored); an
// unanswered request younger than 48 h is not yet counted; a response
// without its date is no response by now. Invalid rejection = rejected
// (by now) while in policy. Components count distinct requests
// per defect. Items are the requests counted; Days count by request date.
func ReturnDissatisfaction(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindReturnRequests) {
		return Missing(ReturnDissatisfactionRate, needReturnRequests)
	}
	w := WindowEnding(s.AsOf, s.Service.ReturnDays)
	r := Result{ID: ReturnDissatisfactionRate, Window: w}
	days := daysOf(w, s.AsOf)
	type listed struct {
		it   Item
		file string
		line int32
	}
	var items []listed
	var late, invalid, negative int
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
			LeavesWindowOn: LeavesWindow(key, 0, s.Service.ReturnDays)}, q.File.String(), q.Line})
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
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ratingLater says whether rating a supersedes rating b of the same rater:
// a later instant, or the same instant and a later row (file, then line).
func ratingLater(a, b *records.Rating) bool {
	if c := a.Rated.Compare(b.Rated); c != 0 {
		return c > 0
	}
	if fa, fb := a.File.String(), b.File.String(); fa != fb {
		return fa > fb
	}
	return a.Line > b.Line
}

// ratingKinds says whether the ratings hold 1-10 scores and yes/no answers.
func ratingKinds(rs []records.Rating) (scores, answers bool) {
	for i := range rs {
		if rs[i].Solved == records.SolvedUnknown {
			scores = true
		} else {
			answers = true
		}
		if scores && answers {
			break
		}
	}
	return scores, answers
}

// ServiceRating computes the customer-service rating (source
// article 004; Amazon UK help LE8H7ZDEAUB3BMK): the average 1-10 score of
// the ratings dated in the RatingDays days ending on a day D, each rater's
// latest rating of that period only (latest instant; on a tie the later
// row). D is the latest day on or before as-of, at most RatingLookbackDays
// days back, whose period holds at least RatingMin ratings; Window and
// Period are that period. Numerator = the sum of the scores counted,
// Denominator = their number, so Value is the average. With no such period
// the Result has no data (Denominator 0, Period nil) and the as-of period
// as its Window. Ratings dated after as-of are ignored.
func ServiceRating(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindRatings) {
		return Missing(CustomerServiceRating, needRatings)
	}
	if scores, answers := ratingKinds(d.Ratings); !scores && answers {
		return Missing(CustomerServiceRating, onlySolved)
	}
	n := s.Service.RatingDays
	r := Result{ID: CustomerServiceRating, Window: WindowEnding(s.AsOf, n)}
	if n <= 0 {
		return r
	}
	// Periods end on as-of back to as-of − lookback; their ratings are
	// dated from first on. byDay[k] are the scores dated first + k.
	lookback := max(s.Service.RatingLookbackDays, 0)
	first := s.AsOf.AddDays(-lookback - (n - 1))
	byDay := make([][]int32, int(s.AsOf-first)+1)
	for i := range d.Ratings {
		g := &d.Ratings[i]
		if g.Solved != records.SolvedUnknown || g.Score < 1 || g.Score > 10 || g.Rated.Date < first || g.Rated.Date > s.AsOf {
			continue
		}
		k := int(g.Rated.Date - first)
		byDay[k] = append(byDay[k], int32(i))
	}
	// The period slides back one day at a time from as-of: the ratings of
	// its new first day enter, those of the day after its end leave. Each
	// rater holds its ratings in the period and the latest of them.
	type rater struct {
		in     []int32
		latest int32 // -1 when in is empty
	}
	raters := map[string]*rater{}
	count, sum := 0, 0
	latestOf := func(in []int32) int32 {
		best := in[0]
		for _, i := range in[1:] {
			if ratingLater(&d.Ratings[i], &d.Ratings[best]) {
				best = i
			}
		}
		return best
	}
	update := func(rt *rater, old int32) {
		if old >= 0 {
			count--
			sum -= d.Ratings[old].Score
		}
		rt.latest = -1
		if len(rt.in) > 0 {
			rt.latest = latestOf(rt.in)
			count++
			sum += d.Ratings[rt.latest].Score
		}
	}
	enter := func(k int) {
		for _, i := range byDay[k] {
			id := d.Ratings[i].Rater
			rt := raters[id]
			if rt == nil {
				rt = &rater{latest: -1}
				raters[id] = rt
			}
			rt.in = append(rt.in, i)
			update(rt, rt.latest)
		}
	}
	leave := func(k int) {
		for _, i := range byDay[k] {
			rt := raters[d.Ratings[i].Rater]
			for j, x := range rt.in {
				if x == i {
					rt.in = append(rt.in[:j], rt.in[j+1:]...)
					break
				}
			}
			update(rt, rt.latest)
		}
	}
	end := len(byDay) - 1 // index of D
	for k := end - (n - 1); k <= end; k++ {
		enter(k)
	}
	for {
		if count >= s.Service.RatingMin && count > 0 {
			D := first.AddDays(end)
			p := WindowEnding(D, n)
			r.Numerator, r.Denominator, r.Window, r.Period = sum, count, p, &p
			return r
		}
		if end == n-1 { // the period ending as-of − lookback
			return r
		}
		leave(end)
		end--
		enter(end - (n - 1))
	}
}

// ServiceDissatisfaction computes the Customer Service Dissatisfaction Rate
// (the older Amazon metric): "no" answers to "Did this solve your
// problem?" over all answers dated in the s.Service.DissatisfactionDays
// days ending on as-of, only the latest answer per order (the rater id;
// latest instant, on a tie the later row). Items are the orders whose
// latest answer is "no"; Days count by answer date.
func ServiceDissatisfaction(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindRatings) {
		return Missing(CustomerServiceDissatisfactionRate, needSolved)
	}
	if _, answers := ratingKinds(d.Ratings); !answers {
		return Missing(CustomerServiceDissatisfactionRate, noSolved)
	}
	w := WindowEnding(s.AsOf, s.Service.DissatisfactionDays)
	r := Result{ID: CustomerServiceDissatisfactionRate, Window: w}
	latest := map[string]*records.Rating{}
	for i := range d.Ratings {
		g := &d.Ratings[i]
		if g.Solved == records.SolvedUnknown || !w.Contains(g.Rated.Date) {
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
			LeavesWindowOn: LeavesWindow(key, 0, s.Service.DissatisfactionDays)})
	}
	sortItems(r.Items)
	r.Days = days.counted()
	return r
}
