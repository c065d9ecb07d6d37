package metrics

import (
	"fmt"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
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
	needMessages       = "needs the buyer-messages file your help desk writes (message-id, order-id, received-at, response-at, response-kind; see docs/formats.md)"
	needReturnRequests = "needs the return-requests file your help desk writes (order-id, request-at, responded-at, response, in-policy, return-feedback; see docs/formats.md)"
	needRatings        = "needs the customer-service ratings file your help desk writes (rater-id, rated-at, score; see docs/formats.md)"
	needSolved         = "needs the customer-service ratings file your help desk writes, with yes/no answers (rater-id, rated-at, solved; see docs/formats.md)"
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
