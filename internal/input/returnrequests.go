package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// The return-requests file is project-defined (report-formats.md,
// "Canonical files"): Amazon's returns report gives no response time or
// return feedback, so a help desk or order system writes it. One row per
// return request. Its anchor needs a response column, so that Amazon's
// returns report (order-id, return-request-date, in-policy, but no response
// time) is never taken for it.
var returnRequestsSpec = Spec{
	Kind:  "return-requests",
	Title: "return-requests file",
	Columns: []Column{
		{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number", "order"}},
		{Name: "request-at", Aliases: []string{"requested-at", "requested", "request-date", "request-time", "return-request-date", "return-requested-at"}},
		{Name: "responded-at", Aliases: []string{"response-at", "responded", "responded-on", "response-date", "response-time", "answered-at"}},
		{Name: "response", Aliases: []string{"return-response", "response-type", "seller-response", "decision"}},
		{Name: "in-policy", Aliases: []string{"within-policy", "in-return-policy", "is-in-policy", "policy"}},
		{Name: "return-feedback", Aliases: []string{"feedback", "buyer-feedback", "return-feedback-type"}},
	},
	Required: []string{"order-id", "request-at", "responded-at", "response", "in-policy", "return-feedback"},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id", "request-at") && (has(c, "responded-at") || has(c, "response") || has(c, "return-feedback"))
	},
	Quoted: true,
	Read:   readReturnRequests,
}

type returnRequestRow struct {
	OrderID   string `csv:"order-id"`
	Requested string `csv:"request-at"`
	Responded string `csv:"responded-at"`
	Response  string `csv:"response"`
	InPolicy  string `csv:"in-policy"`
	Feedback  string `csv:"return-feedback"`
}

const wantReturnResponses = "authorized, refunded, rejected, closed or empty"

var returnResponses = map[string]records.ReturnResponse{
	"": records.ReturnUnanswered, "unanswered": records.ReturnUnanswered, "none": records.ReturnUnanswered,
	"authorized": records.ReturnAuthorized, "authorised": records.ReturnAuthorized, "approved": records.ReturnAuthorized,
	"refunded": records.ReturnRefunded, "refund": records.ReturnRefunded, "returnless-refund": records.ReturnRefunded,
	"rejected": records.ReturnRejected, "declined": records.ReturnRejected, "denied": records.ReturnRejected,
	"closed": records.ReturnClosed,
}

var returnFeedbacks = map[string]records.ReturnFeedback{
	"": records.ReturnFeedbackNone, "none": records.ReturnFeedbackNone,
	"positive": records.ReturnFeedbackPositive, "negative": records.ReturnFeedbackNegative,
}

// readReturnRequests reads one request a row. A response needs its time
// and a time its response; an empty in-policy is N (not in policy), so a
// rejection it leaves open is not counted as invalid.
func readReturnRequests(t *Table, s *Sink) error {
	file := records.Intern(t.File)
	blankRow := func(r *returnRequestRow) bool {
		return strings.TrimSpace(r.OrderID+r.Requested+r.Responded+r.Response+r.InPolicy+r.Feedback) == ""
	}
	return decodeCanonical(t, blankRow, func(r *returnRequestRow) error {
		id, err := orderID(t, "order-id", r.OrderID)
		if err != nil {
			return err
		}
		requested, err := timestampField(t, "request-at", r.Requested)
		if err != nil {
			return err
		}
		responded, err := optTimestampField(t, "responded-at", r.Responded)
		if err != nil {
			return err
		}
		resp, err := enumField(t, "response", r.Response, returnResponses, "return response", wantReturnResponses)
		if err != nil {
			return err
		}
		switch {
		case resp != records.ReturnUnanswered && responded.IsZero():
			return t.Errorf("responded-at", "empty, but response says %q: give the response's time", strings.TrimSpace(r.Response))
		case resp == records.ReturnUnanswered && !responded.IsZero():
			return t.Errorf("response", "empty, but responded-at gives %q: want authorized, refunded, rejected or closed", strings.TrimSpace(r.Responded))
		case !responded.IsZero() && responded.Compare(requested) < 0:
			return t.Errorf("responded-at", "%s is before the request (%s)", strings.TrimSpace(r.Responded), strings.TrimSpace(r.Requested))
		}
		inPolicy, err := boolField(t, "in-policy", r.InPolicy)
		if err != nil {
			return err
		}
		fb, err := enumField(t, "return-feedback", r.Feedback, returnFeedbacks, "return feedback", "positive, negative or empty")
		if err != nil {
			return err
		}
		t.spans.Add(records.Requested, 0, requested.Date)
		rr := records.ReturnRequest{OrderID: id, Requested: requested, Responded: responded, Response: resp,
			InPolicy: inPolicy, Feedback: fb, Line: int32(t.line), File: file}
		if s.returnIndex == nil {
			s.returnIndex = map[returnKey]int{}
		}
		key := returnKey{id, requested.Instant().Unix()}
		if i, dup := s.returnIndex[key]; dup {
			mergeReturnRequest(t, s, &s.Data.ReturnRequests[i], &rr)
			return nil
		}
		s.returnIndex[key] = len(s.Data.ReturnRequests)
		s.Data.ReturnRequests = append(s.Data.ReturnRequests, rr)
		return nil
	})
}

// returnKey is one return request: its order and the instant it was made.
type returnKey struct {
	orderID string
	at      int64
}

// mergeReturnRequest folds a later row of the same request (an
// overlapping download) into the first: one request. A response that
// appeared since is progress and is taken silently, as is negative
// feedback (never under-reported); a row that says otherwise about a
// response or the policy is warned about, and the first row's word kept.
func mergeReturnRequest(t *Table, s *Sink, first, later *records.ReturnRequest) {
	switch {
	case first.Response == records.ReturnUnanswered && later.Response != records.ReturnUnanswered:
		first.Response, first.Responded = later.Response, later.Responded
	case later.Response != records.ReturnUnanswered &&
		(later.Response != first.Response || !later.Responded.Same(first.Responded)):
		s.Warnf("%s:%d: return request of order %s differs from its row at %s; using the first", t.File, t.line, first.OrderID, at(first.Source()))
	}
	if later.InPolicy != first.InPolicy {
		s.Warnf("%s:%d: return request of order %s differs from its row at %s on in-policy; using the first", t.File, t.line, first.OrderID, at(first.Source()))
	}
	if later.Feedback == records.ReturnFeedbackNegative || first.Feedback == records.ReturnFeedbackNone {
		first.Feedback = max(first.Feedback, later.Feedback)
	}
}
