package spapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// financialEventsPath is listFinancialEvents' path (Finances API v0).
const financialEventsPath = "/finances/v0/financialEvents"

// financeWindow is the longest span of one listFinancialEvents query:
// Amazon answers nothing when PostedAfter and PostedBefore are more than
// 180 days apart.
const financeWindow = 180 * 24 * time.Hour

// ListFinancialEvents lists the financial events posted in [postedAfter,
// postedBefore) (listFinancialEvents, GET /finances/v0/financialEvents,
// PostedAfter and PostedBefore in RFC 3339, UTC, MaxResultsPerPage=100),
// following NextToken with the same other arguments, as Amazon documents,
// and calls page for every page; a page may be empty. A span longer than
// 180 days is asked for in windows of 180 days, since Amazon answers
// nothing for it. postedBefore must be more than two minutes before now
// (Amazon refuses it otherwise). An error of page stops the listing and is
// returned as it is.
func (c *Client) ListFinancialEvents(ctx context.Context, postedAfter, postedBefore time.Time, page func(*FinancialEvents) error) error {
	if !postedAfter.Before(postedBefore) {
		return fmt.Errorf("listFinancialEvents: PostedAfter (%s) must be before PostedBefore (%s)", formatTime(postedAfter), formatTime(postedBefore))
	}
	if page == nil {
		return errors.New("listFinancialEvents: no page function")
	}
	for from := postedAfter; from.Before(postedBefore); {
		to := from.Add(financeWindow)
		if to.After(postedBefore) {
			to = postedBefore
		}
		if err := c.listFinancialEventsWindow(ctx, from, to, page); err != nil {
			return err
		}
		from = to
	}
	return nil
}

func (c *Client) listFinancialEventsWindow(ctx context.Context, after, before time.Time, page func(*FinancialEvents) error) error {
	query := url.Values{
		"PostedAfter":       {formatTime(after)},
		"PostedBefore":      {formatTime(before)},
		"MaxResultsPerPage": {"100"},
	}
	for {
		var out ListFinancialEventsResponse
		if err := c.do(ctx, request{op: OpListFinancialEvents, method: http.MethodGet, path: financialEventsPath, query: query, want: http.StatusOK}, &out); err != nil {
			return err
		}
		if len(out.Errors) > 0 {
			return c.apiErrorOf(OpListFinancialEvents, http.StatusOK, out.Errors)
		}
		events := &FinancialEvents{}
		next := ""
		if out.Payload != nil {
			events = &out.Payload.FinancialEvents
			next = out.Payload.NextToken
		}
		if err := page(events); err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		query.Set("NextToken", next)
	}
}

// apiErrorOf makes an APIError of errors Amazon put in a successful answer.
func (c *Client) apiErrorOf(op string, status int, list []Error) *APIError {
	e := &APIError{Operation: op, StatusCode: status, Errors: append([]Error(nil), list...)}
	for i := range e.Errors {
		e.Errors[i].Code = c.Redact(e.Errors[i].Code)
		e.Errors[i].Message = c.Redact(e.Errors[i].Message)
		e.Errors[i].Details = c.Redact(e.Errors[i].Details)
	}
	return e
}
