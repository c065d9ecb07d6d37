package metrics

import (
	"fmt"
	"sort"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Risk kinds: what can still turn into a defect (issue 9, `audit risks`).
const (
	// RiskUntrackedShipment is a seller-fulfilled shipment without valid
	// tracking: A-to-z claims on it are granted automatically.
	RiskUntrackedShipment = "untracked_shipment"
	// RiskReturnUnanswered is a return request unanswered for 24 h or
	// more, but less than 48 h: at 48 h it is a late response.
	RiskReturnUnanswered = "return_request_unanswered"
)

// ClaimPeriodDays is how long after the latest delivery date a buyer can
// file an A-to-z Guarantee claim (metrics.md: "up to 90 days after the
// latest delivery date").
const ClaimPeriodDays = 90

// returnWarning is the age from which an unanswered return request is a
// risk: half its 48 h deadline.
const returnWarning = 24 * time.Hour

// Risk is one entry of the work list of what can still go wrong.
type Risk struct {
	Kind    string
	OrderID string
	// Date is the event's date: the ship confirmation's, or the request's.
	Date civil.Date
	// Deadline is when the risk turns into a defect or stops: the last day
	// a claim can be filed on an untracked shipment (a bare date), or 48 h
	// after a return request (in the request's offset).
	Deadline civil.Timestamp
	// Detail is the risk in words for people: "no tracking id",
	// "tracking id marked invalid", "unanswered for 30 h: 18 h left".
	Detail string
	Source records.Source
}

// RisksList is the id of the work list of audit risks: the untracked
// shipments and the return requests about to be late.
const RisksList = "risks"

var risksList = Metric{
	ID: RisksList, Title: "Risks", Command: "risks",
	List: true, NotInAll: true, Reads: []string{kindShipments, kindReturnRequests},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		out := Outcome{Risks: append([]Risk{}, Risks(d, s)...)}
		if !d.Has(kindShipments) {
			out.Notes = append(out.Notes, "no shipments file among the inputs: untracked shipments cannot be listed")
		}
		if !d.Has(kindReturnRequests) {
			out.Notes = append(out.Notes, "no return-requests file among the inputs: unanswered return requests cannot be listed")
		}
		return out
	},
}

// Risks is the work list on the as-of date s.AsOf, sorted by deadline
// (earliest first), then order id, then kind:
//
//   - untracked_shipment: seller-fulfilled shipments confirmed on or before
//     as-of without valid tracking (no tracking id, or one marked invalid),
//     not cancelled before their confirmation, whose claim period has not
//     ended: Deadline = the promised delivery date (the confirmation date
//     when there is none) + ClaimPeriodDays, on or after as-of;
//   - return_request_unanswered: return requests still unanswered at now
//     (the end of the as-of day in the request's own offset; responses
//     after it are ignored, as in ReturnDissatisfaction) whose age is at
//     least 24 h and less than 48 h (at 48 h the request is a late
//     response): Deadline = the request + 48 h; a bare date is the start
//     of its day.
func Risks(d *records.Dataset, s settings.Settings) []Risk {
	var out []Risk
	for sh := range d.Shipments.All() {
		if r, ok := untrackedRisk(sh, s.AsOf); ok {
			out = append(out, r)
		}
	}
	for i := range d.ReturnRequests {
		if r, ok := returnRisk(&d.ReturnRequests[i], s.AsOf); ok {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if c := a.Deadline.Compare(b.Deadline); c != 0 {
			return c < 0
		}
		if a.OrderID != b.OrderID {
			return a.OrderID < b.OrderID
		}
		return a.Kind < b.Kind
	})
	return out
}

// untrackedRisk is the risk of a shipment confirmed without valid tracking
// whose claim period runs on the as-of date.
func untrackedRisk(sh *records.Shipment, asOf civil.Date) (Risk, bool) {
	conf := confirmedBy(sh, asOf)
	if conf.IsZero() || sh.HasValidTracking() || cancelledBefore(sh, asOf) {
		return Risk{}, false
	}
	base, ok := sh.Promised.Get()
	if !ok {
		base = conf.Date
	}
	end := base.AddDays(ClaimPeriodDays)
	if end < asOf {
		return Risk{}, false
	}
	detail := "no tracking id"
	if sh.HasTrackingID {
		detail = "tracking id marked invalid"
	}
	return Risk{Kind: RiskUntrackedShipment, OrderID: sh.OrderID(), Date: conf.Date,
		Deadline: civil.DateStamp(end), Detail: detail, Source: sh.Source()}, true
}

// returnRisk is the risk of a return request unanswered at now for at
// least 24 h and less than 48 h.
func returnRisk(q *records.ReturnRequest, asOf civil.Date) (Risk, bool) {
	now := serviceNow(asOf, q.Requested)
	if _, answered := responseBy(q.Responded, q.Requested, now); answered {
		return Risk{}, false
	}
	req := start(q.Requested, q.Requested.Location())
	age := now.Sub(req)
	if age < returnWarning || age >= returnDeadline {
		return Risk{}, false
	}
	return Risk{Kind: RiskReturnUnanswered, OrderID: q.OrderID, Date: q.Requested.Date,
		Deadline: civil.TimestampOf(req.Add(returnDeadline)),
		Detail:   fmt.Sprintf("unanswered for %d h: %d h left", int(age/time.Hour), int((returnDeadline-age)/time.Hour)),
		Source:   q.Source()}, true
}
