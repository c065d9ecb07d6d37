package spapi_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

func claim(kind, id string, posted time.Time) spapitest.Event {
	return spapitest.Event{Kind: kind, ShipmentEvent: spapi.ShipmentEvent{AmazonOrderID: id, MarketplaceName: "Amazon.com", PostedDate: &posted}}
}

// Pages follow NextToken, sent with the same other arguments.
func TestListFinancialEventsPages(t *testing.T) {
	srv := spapitest.Start(t)
	srv.PageSize = 2
	now := time.Now().UTC().Truncate(time.Second)
	after, before := now.Add(-10*24*time.Hour), now.Add(-time.Hour)
	srv.FinancialEvents = []spapitest.Event{
		claim(spapitest.GuaranteeClaim, "A", now.Add(-9*24*time.Hour)),
		claim(spapitest.Chargeback, "B", now.Add(-8*24*time.Hour)),
		claim(spapitest.GuaranteeClaim, "C", now.Add(-7*24*time.Hour)),
		claim(spapitest.Chargeback, "outside", now.Add(-20*24*time.Hour)),
		claim(spapitest.GuaranteeClaim, "D", now.Add(-2*time.Hour)),
		claim(spapitest.Chargeback, "at PostedBefore", before),
	}
	c, _ := newClient(t, srv, nil)
	var claims, chargebacks []string
	pages := 0
	err := c.ListFinancialEvents(context.Background(), after, before, func(fe *spapi.FinancialEvents) error {
		pages++
		for _, e := range fe.GuaranteeClaimEventList {
			claims = append(claims, e.AmazonOrderID)
		}
		for _, e := range fe.ChargebackEventList {
			chargebacks = append(chargebacks, e.AmazonOrderID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 || !slices.Equal(claims, []string{"A", "C", "D"}) || !slices.Equal(chargebacks, []string{"B"}) {
		t.Errorf("%d pages, claims %v, chargebacks %v", pages, claims, chargebacks)
	}
	calls := srv.CallsOf(spapi.OpListFinancialEvents)
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	first, second := calls[0].Query, calls[1].Query
	if first.Get("PostedAfter") != after.Format(time.RFC3339) || first.Get("PostedBefore") != before.Format(time.RFC3339) ||
		first.Get("MaxResultsPerPage") != "100" || first.Get("NextToken") != "" {
		t.Errorf("first query = %v", first)
	}
	if second.Get("NextToken") == "" || second.Get("PostedAfter") != first.Get("PostedAfter") || second.Get("PostedBefore") != first.Get("PostedBefore") {
		t.Errorf("second query = %v", second)
	}

	// An error of page stops the listing.
	stop := errors.New("stop")
	if err := c.ListFinancialEvents(context.Background(), after, before, func(*spapi.FinancialEvents) error { return stop }); err != stop {
		t.Errorf("err = %v, want page's", err)
	}
}

// A span over 180 days is asked in windows of 180 days; an empty answer is
// one empty page.
func TestListFinancialEventsWindows(t *testing.T) {
	srv := spapitest.Start(t)
	now := time.Now().UTC().Truncate(time.Second)
	after, before := now.Add(-400*24*time.Hour), now.Add(-time.Hour)
	srv.FinancialEvents = []spapitest.Event{claim(spapitest.GuaranteeClaim, "old", now.Add(-399*24*time.Hour)), claim(spapitest.Chargeback, "new", now.Add(-24*time.Hour))}
	c, _ := newClient(t, srv, nil)
	var ids []string
	err := c.ListFinancialEvents(context.Background(), after, before, func(fe *spapi.FinancialEvents) error {
		for _, e := range append(fe.GuaranteeClaimEventList, fe.ChargebackEventList...) {
			ids = append(ids, e.AmazonOrderID)
		}
		return nil
	})
	if err != nil || !slices.Equal(ids, []string{"old", "new"}) {
		t.Errorf("ids %v, err %v", ids, err)
	}
	calls := srv.CallsOf(spapi.OpListFinancialEvents)
	if len(calls) != 3 {
		t.Fatalf("%d calls, want 3 windows", len(calls))
	}
	for i, call := range calls {
		a, _ := time.Parse(time.RFC3339, call.Query.Get("PostedAfter"))
		b, _ := time.Parse(time.RFC3339, call.Query.Get("PostedBefore"))
		if b.Sub(a) > 180*24*time.Hour || (i > 0 && call.Query.Get("PostedAfter") != calls[i-1].Query.Get("PostedBefore")) {
			t.Errorf("window %d = %v .. %v", i, a, b)
		}
	}
	if calls[2].Query.Get("PostedBefore") != before.Format(time.RFC3339) {
		t.Errorf("last window ends %s", calls[2].Query.Get("PostedBefore"))
	}
}

// Amazon refuses a PostedBefore less than two minutes old; so does the
// fake, and the client shows Amazon's error.
func TestListFinancialEventsTooRecent(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	err := c.ListFinancialEvents(context.Background(), time.Now().Add(-time.Hour), time.Now(), func(*spapi.FinancialEvents) error { return nil })
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 400 || ae.Code() != "InvalidInput" || !strings.Contains(err.Error(), "two minutes") {
		t.Errorf("err = %v", err)
	}
}

func order(id string, created time.Time, market, by string) spapi.Order {
	return spapi.Order{
		OrderID:         id,
		CreatedTime:     created,
		LastUpdatedTime: created.Add(time.Hour),
		SalesChannel:    spapi.SalesChannel{ChannelName: "AMAZON", MarketplaceID: market},
		Fulfillment:     &spapi.OrderFulfillment{FulfillmentStatus: spapi.FulfillmentShipped, FulfilledBy: by},
		OrderItems: []spapi.OrderItem{{OrderItemID: id + "-1", Cancellation: &spapi.ItemCancellation{
			CancellationRequest: &spapi.ItemCancellationRequest{Requester: "BUYER"}}}},
		Packages: []spapi.OrderPackage{{PackageReferenceID: "1", TrackingNumber: "1Z" + id}},
	}
}

func TestSearchOrdersPages(t *testing.T) {
	srv := spapitest.Start(t)
	now := time.Now().UTC().Truncate(time.Second)
	const us, ca = "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"
	srv.Orders = []spapi.Order{
		order("1", now.Add(-5*24*time.Hour), us, "MERCHANT"),
		order("2", now.Add(-4*24*time.Hour), us, "AMAZON"),
		order("3", now.Add(-3*24*time.Hour), ca, "MERCHANT"),
		order("4", now.Add(-2*24*time.Hour), us, "MERCHANT"),
		order("5", now.Add(-1*24*time.Hour), us, "MERCHANT"),
		order("old", now.Add(-50*24*time.Hour), us, "MERCHANT"),
	}
	c, _ := newClient(t, srv, nil)
	q := spapi.OrdersQuery{
		CreatedAfter:      ptr(now.Add(-10 * 24 * time.Hour)),
		CreatedBefore:     ptr(now.Add(-time.Hour)),
		MarketplaceIDs:    []string{us},
		FulfilledBy:       []string{"MERCHANT"},
		IncludedData:      []string{"FULFILLMENT", "PACKAGES"},
		MaxResultsPerPage: 2,
	}
	var ids []string
	pages := 0
	err := c.SearchOrders(context.Background(), q, func(orders []spapi.Order) error {
		pages++
		for _, o := range orders {
			ids = append(ids, o.OrderID)
			if o.Fulfillment == nil || len(o.Packages) != 1 || o.OrderItems[0].Cancellation != nil {
				t.Errorf("order %s: the data sets asked for are FULFILLMENT and PACKAGES: %+v", o.OrderID, o)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 || !slices.Equal(ids, []string{"1", "4", "5"}) {
		t.Errorf("%d pages, orders %v", pages, ids)
	}
	calls := srv.CallsOf(spapi.OpSearchOrders)
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	first, second := calls[0].Query, calls[1].Query
	if first.Get("includedData") != "FULFILLMENT,PACKAGES" || first.Get("marketplaceIds") != us || first.Get("fulfilledBy") != "MERCHANT" ||
		first.Get("maxResultsPerPage") != "2" || first.Get("createdAfter") != now.Add(-10*24*time.Hour).Format(time.RFC3339) {
		t.Errorf("first query = %v", first)
	}
	if second.Get("paginationToken") == "" || second.Get("createdAfter") != first.Get("createdAfter") || second.Get("marketplaceIds") != us {
		t.Errorf("second query = %v", second)
	}

	// By last update, with the cancellations.
	ids = nil
	err = c.SearchOrders(context.Background(), spapi.OrdersQuery{
		LastUpdatedAfter: ptr(now.Add(-3*24*time.Hour + 30*time.Minute)),
		IncludedData:     []string{"CANCELLATION"},
	}, func(orders []spapi.Order) error {
		for _, o := range orders {
			ids = append(ids, o.OrderID)
			if o.Fulfillment != nil || o.OrderItems[0].Cancellation == nil {
				t.Errorf("order %s: only CANCELLATION was asked for: %+v", o.OrderID, o)
			}
		}
		return nil
	})
	if err != nil || !slices.Equal(ids, []string{"3", "4", "5"}) {
		t.Errorf("by last update: %v, %v", ids, err)
	}
}

func TestSearchOrdersNeedsOneStart(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	t0 := ptr(time.Now().Add(-time.Hour))
	for _, q := range []spapi.OrdersQuery{{}, {CreatedAfter: t0, LastUpdatedAfter: t0}} {
		err := c.SearchOrders(context.Background(), q, func([]spapi.Order) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "exactly one of CreatedAfter and LastUpdatedAfter") {
			t.Errorf("%+v: err = %v", q, err)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
