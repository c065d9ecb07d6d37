package spapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ordersPath is searchOrders' path (Orders API 2026-01-01).
const ordersPath = "/orders/2026-01-01/orders"

// OrdersQuery is searchOrders' filter. Exactly one of CreatedAfter and
// LastUpdatedAfter must be set; CreatedBefore goes with CreatedAfter and
// LastUpdatedBefore with LastUpdatedAfter, and either must be at least two
// minutes before now.
type OrdersQuery struct {
	CreatedAfter, CreatedBefore         *time.Time
	LastUpdatedAfter, LastUpdatedBefore *time.Time
	MarketplaceIDs                      []string // up to 50
	FulfilledBy                         []string // MERCHANT, AMAZON
	FulfillmentStatuses                 []string // the Fulfillment constants
	// IncludedData names the data sets wanted beside the order's core:
	// FULFILLMENT, PACKAGES, CANCELLATION, ... (BUYER and RECIPIENT are
	// personal data that audit does not ask for).
	IncludedData      []string
	MaxResultsPerPage int // 1 to 100; 0 means 100
}

// SearchOrders lists orders (searchOrders, GET /orders/2026-01-01/orders),
// sending the query's lists as comma-separated values, and follows
// pagination.nextToken (sent back as paginationToken with the same other
// parameters) to the last page, calling page for every page. An error of
// page stops the listing and is returned as it is.
func (c *Client) SearchOrders(ctx context.Context, q OrdersQuery, page func([]Order) error) error {
	if (q.CreatedAfter == nil) == (q.LastUpdatedAfter == nil) {
		return errors.New("searchOrders: give exactly one of CreatedAfter and LastUpdatedAfter")
	}
	if page == nil {
		return errors.New("searchOrders: no page function")
	}
	query := url.Values{}
	setTime := func(name string, t *time.Time) {
		if t != nil {
			query.Set(name, formatTime(*t))
		}
	}
	setTime("createdAfter", q.CreatedAfter)
	setTime("createdBefore", q.CreatedBefore)
	setTime("lastUpdatedAfter", q.LastUpdatedAfter)
	setTime("lastUpdatedBefore", q.LastUpdatedBefore)
	setList := func(name string, list []string) {
		if len(list) > 0 {
			query.Set(name, strings.Join(list, ","))
		}
	}
	setList("marketplaceIds", q.MarketplaceIDs)
	setList("fulfilledBy", q.FulfilledBy)
	setList("fulfillmentStatuses", q.FulfillmentStatuses)
	setList("includedData", q.IncludedData)
	size := q.MaxResultsPerPage
	if size <= 0 {
		size = 100
	}
	query.Set("maxResultsPerPage", strconv.Itoa(size))
	for {
		var out SearchOrdersResponse
		if err := c.do(ctx, request{op: OpSearchOrders, method: http.MethodGet, path: ordersPath, query: query, want: http.StatusOK}, &out); err != nil {
			return err
		}
		if err := page(out.Orders); err != nil {
			return err
		}
		if out.Pagination == nil || out.Pagination.NextToken == "" {
			return nil
		}
		query.Set("paginationToken", out.Pagination.NextToken)
	}
}
