package spapitest

import (
	"net/http"
	"slices"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
)

// The enumerations of searchOrders' array parameters.
var (
	fulfilledByValues   = []string{"MERCHANT", "AMAZON"}
	fulfillmentStatuses = []string{
		spapi.FulfillmentPendingAvailability, spapi.FulfillmentPending, spapi.FulfillmentUnshipped,
		spapi.FulfillmentPartiallyShipped, spapi.FulfillmentShipped, spapi.FulfillmentCancelled, spapi.FulfillmentUnfulfillable,
	}
	includedDataValues = []string{"BUYER", "RECIPIENT", "PROCEEDS", "EXPENSE", "PROMOTION", "CANCELLATION",
		"FULFILLMENT", "PACKAGES", "TAX", "PAYMENT", "FULFILLMENT_ORDERS"}
)

// searchOrdersAnswer is searchOrders' answer.
type searchOrdersAnswer struct {
	Orders            []spapi.Order     `json:"orders"`
	Pagination        *spapi.Pagination `json:"pagination,omitempty"`
	CreatedBefore     *time.Time        `json:"createdBefore,omitempty"`
	LastUpdatedBefore *time.Time        `json:"lastUpdatedBefore,omitempty"`
}

// searchOrders: GET /orders/2026-01-01/orders.
func (s *Server) searchOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := s.now()
	latest := now.Add(-2 * time.Minute)
	times := map[string]*time.Time{}
	for _, name := range []string{"createdAfter", "createdBefore", "lastUpdatedAfter", "lastUpdatedBefore"} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		t, err := parseTime(v)
		if err != nil {
			s.invalid(w, "Invalid Input", name+" is not an ISO 8601 date-time: "+v)
			return
		}
		times[name] = &t
	}
	created := times["createdAfter"] != nil
	switch {
	case created == (times["lastUpdatedAfter"] != nil):
		s.invalid(w, "Invalid Input", "Exactly one of createdAfter and lastUpdatedAfter must be provided")
		return
	case created && (times["lastUpdatedBefore"] != nil):
		s.invalid(w, "Invalid Input", "lastUpdatedBefore cannot be provided with createdAfter")
		return
	case !created && (times["createdBefore"] != nil):
		s.invalid(w, "Invalid Input", "createdBefore cannot be provided with lastUpdatedAfter")
		return
	}
	afterName, beforeName := "createdAfter", "createdBefore"
	if !created {
		afterName, beforeName = "lastUpdatedAfter", "lastUpdatedBefore"
	}
	after := *times[afterName]
	before := latest
	if t := times[beforeName]; t != nil {
		before = *t
		if t.Before(after) {
			s.invalid(w, "Invalid Input", beforeName+" must be equal to or after "+afterName)
			return
		}
		if t.After(latest) {
			s.invalid(w, "Invalid Input", beforeName+" must be at least two minutes before the time of the request")
			return
		}
	}
	if after.After(latest) {
		s.invalid(w, "Invalid Input", afterName+" must be at least two minutes before the time of the request")
		return
	}
	markets := list(q, "marketplaceIds")
	by := list(q, "fulfilledBy")
	statuses := list(q, "fulfillmentStatuses")
	included := list(q, "includedData")
	if len(markets) > 50 {
		s.invalid(w, "Invalid Input", "marketplaceIds must have at most 50 items")
		return
	}
	for _, c := range []struct {
		name   string
		values []string
		known  []string
	}{{"fulfilledBy", by, fulfilledByValues}, {"fulfillmentStatuses", statuses, fulfillmentStatuses}, {"includedData", included, includedDataValues}} {
		for _, v := range c.values {
			if !slices.Contains(c.known, v) {
				s.invalid(w, "Invalid Input", "Invalid value for "+c.name+": "+v)
				return
			}
		}
	}
	// A next page repeats every parameter but maxResultsPerPage and
	// includedData.
	size, args, offset, ok := s.page(w, q, paging{op: spapi.OpSearchOrders, size: "maxResultsPerPage", token: "paginationToken",
		repeatFree: []string{"maxResultsPerPage", "includedData"}, invalid: "Invalid Input",
		tokenWording: "paginationToken must be sent with the same parameters as the request that produced it"})
	if !ok {
		return
	}

	s.mu.Lock()
	all := slices.Clone(s.Orders)
	s.mu.Unlock()
	var match []spapi.Order
	for _, o := range all {
		t := o.CreatedTime
		if !created {
			t = o.LastUpdatedTime
		}
		if t.Before(after) || t.After(before) {
			continue
		}
		if len(markets) > 0 && !slices.Contains(markets, o.SalesChannel.MarketplaceID) {
			continue
		}
		if len(by) > 0 && (o.Fulfillment == nil || !slices.Contains(by, o.Fulfillment.FulfilledBy)) {
			continue
		}
		if len(statuses) > 0 && (o.Fulfillment == nil || !slices.Contains(statuses, o.Fulfillment.FulfillmentStatus)) {
			continue
		}
		match = append(match, trimOrder(o, included))
	}
	slices.SortStableFunc(match, func(a, b spapi.Order) int {
		if created {
			return a.CreatedTime.Compare(b.CreatedTime)
		}
		return a.LastUpdatedTime.Compare(b.LastUpdatedTime)
	})
	ans := searchOrdersAnswer{Orders: []spapi.Order{}}
	b := before.UTC()
	if created {
		ans.CreatedBefore = &b
	} else {
		ans.LastUpdatedBefore = &b
	}
	if offset < len(match) {
		end := min(offset+size, len(match))
		ans.Orders = match[offset:end]
		if end < len(match) {
			ans.Pagination = &spapi.Pagination{NextToken: s.newPageToken(pageState{op: spapi.OpSearchOrders, args: args, offset: end})}
		}
	}
	s.writeJSON(w, http.StatusOK, ans)
}

// trimOrder leaves out of an order the data sets not asked for.
func trimOrder(o spapi.Order, included []string) spapi.Order {
	if !slices.Contains(included, "FULFILLMENT") {
		o.Fulfillment = nil
	}
	if !slices.Contains(included, "PACKAGES") {
		o.Packages = nil
	}
	items := make([]spapi.OrderItem, len(o.OrderItems))
	for i, it := range o.OrderItems {
		if !slices.Contains(included, "CANCELLATION") {
			it.Cancellation = nil
		}
		items[i] = it
	}
	o.OrderItems = items
	return o
}
