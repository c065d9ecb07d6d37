package spapitest

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
)

// Kinds of financial Event.
const (
	GuaranteeClaim = "GuaranteeClaim"
	Chargeback     = "Chargeback"
)

// financeSpan is the longest span listFinancialEvents answers events for.
const financeSpan = 180 * 24 * time.Hour

// financialEventsAnswer is listFinancialEvents' answer; like Amazon's, it
// has every list, empty ones too.
type financialEventsAnswer struct {
	Payload struct {
		NextToken       string `json:"NextToken,omitempty"`
		FinancialEvents struct {
			ShipmentEventList       []spapi.ShipmentEvent `json:"ShipmentEventList"`
			RefundEventList         []spapi.ShipmentEvent `json:"RefundEventList"`
			GuaranteeClaimEventList []spapi.ShipmentEvent `json:"GuaranteeClaimEventList"`
			ChargebackEventList     []spapi.ShipmentEvent `json:"ChargebackEventList"`
		} `json:"FinancialEvents"`
	} `json:"payload"`
}

// listFinancialEvents: GET /finances/v0/financialEvents.
func (s *Server) listFinancialEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size, args, offset, ok := s.page(w, q, paging{op: spapi.OpListFinancialEvents, size: "MaxResultsPerPage", token: "NextToken",
		invalid: "Input not valid.", tokenWording: "NextToken must be sent with the same arguments as the call that produced it"})
	if !ok {
		return
	}

	now := s.now()
	latest := now.Add(-2 * time.Minute)
	if q.Get("PostedAfter") == "" {
		// Amazon has a default; audit always gives one, and the fake
		// insists, to catch a misspelt parameter.
		s.invalid(w, "Input not valid.", "PostedAfter is required")
		return
	}
	after, err := parseTime(q.Get("PostedAfter"))
	if err != nil {
		s.invalid(w, "Input not valid.", "PostedAfter is not an ISO 8601 date-time: "+q.Get("PostedAfter"))
		return
	}
	before := latest
	if v := q.Get("PostedBefore"); v != "" {
		if before, err = parseTime(v); err != nil {
			s.invalid(w, "Input not valid.", "PostedBefore is not an ISO 8601 date-time: "+v)
			return
		}
		if !before.Before(latest) {
			s.invalid(w, "Input not valid.", "PostedBefore must be more than two minutes before the time of the request")
			return
		}
	}
	if !after.Before(latest) {
		s.invalid(w, "Input not valid.", "PostedAfter must be more than two minutes before the time of the request")
		return
	}
	if !after.Before(before) {
		s.invalid(w, "Input not valid.", "PostedBefore must be later than PostedAfter")
		return
	}
	var ans financialEventsAnswer
	fe := &ans.Payload.FinancialEvents
	fe.ShipmentEventList = []spapi.ShipmentEvent{}
	fe.RefundEventList = []spapi.ShipmentEvent{}
	fe.GuaranteeClaimEventList = []spapi.ShipmentEvent{}
	fe.ChargebackEventList = []spapi.ShipmentEvent{}
	if before.Sub(after) <= financeSpan { // Amazon answers nothing for a longer span
		s.mu.Lock()
		all := slices.Clone(s.FinancialEvents)
		pageSize := s.PageSize
		s.mu.Unlock()
		if pageSize <= 0 {
			pageSize = 100
		}
		pageSize = min(pageSize, size)
		var match []Event
		for _, e := range all {
			if e.Kind != GuaranteeClaim && e.Kind != Chargeback {
				s.writeError(w, http.StatusInternalServerError, "InternalFailure", "spapitest: a financial event's Kind must be GuaranteeClaim or Chargeback, not "+strconv.Quote(e.Kind), "")
				return
			}
			if e.PostedDate != nil && !e.PostedDate.Before(after) && e.PostedDate.Before(before) {
				match = append(match, e)
			}
		}
		slices.SortStableFunc(match, func(a, b Event) int { return a.PostedDate.Compare(*b.PostedDate) })
		if offset < len(match) {
			end := min(offset+pageSize, len(match))
			for _, e := range match[offset:end] {
				if e.Kind == GuaranteeClaim {
					fe.GuaranteeClaimEventList = append(fe.GuaranteeClaimEventList, e.ShipmentEvent)
				} else {
					fe.ChargebackEventList = append(fe.ChargebackEventList, e.ShipmentEvent)
				}
			}
			if end < len(match) {
				ans.Payload.NextToken = s.newPageToken(pageState{op: spapi.OpListFinancialEvents, args: args, offset: end})
			}
		}
	}
	s.writeJSON(w, http.StatusOK, ans)
}
