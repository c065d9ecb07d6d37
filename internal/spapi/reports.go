package spapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/httpx"
)

// Paths of the Reports API 2021-06-30.
const (
	reportsPath   = "/reports/2021-06-30/reports"
	documentsPath = "/reports/2021-06-30/documents"
)

// Defaults of [PollOptions].
const (
	DefaultPollInterval = 30 * time.Second
	DefaultPollTimeout  = 45 * time.Minute
)

// maxErrorDocument bounds the error document of a FATAL report.
const maxErrorDocument = 1 << 20

// CreateReport asks Amazon for a report (createReport, POST
// /reports/2021-06-30/reports, answered 202) and answers its id.
func (c *Client) CreateReport(ctx context.Context, spec CreateReportSpecification) (reportID string, err error) {
	if spec.ReportType == "" || len(spec.MarketplaceIDs) == 0 {
		return "", errors.New("createReport: the specification needs a report type and at least one marketplace id")
	}
	var out CreateReportResponse
	err = c.do(ctx, request{op: OpCreateReport, method: http.MethodPost, path: reportsPath, body: spec, want: http.StatusAccepted}, &out)
	if err != nil {
		return "", err
	}
	if out.ReportID == "" {
		return "", errors.New("createReport: Amazon's answer has no reportId")
	}
	return out.ReportID, nil
}

// GetReport answers a report's state (getReport, GET
// /reports/2021-06-30/reports/{reportId}).
func (c *Client) GetReport(ctx context.Context, reportID string) (*Report, error) {
	if reportID == "" {
		return nil, errors.New("getReport: no report id")
	}
	var out Report
	err := c.do(ctx, request{op: OpGetReport, method: http.MethodGet, path: reportsPath + "/" + url.PathEscape(reportID), want: http.StatusOK}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ReportsQuery filters [Client.GetReports]. ReportTypes is required.
type ReportsQuery struct {
	ReportTypes        []string   // 1 to 10 report types
	ProcessingStatuses []string   // IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL; none means all
	MarketplaceIDs     []string   // up to 10; a report matches when it has one of them
	CreatedSince       *time.Time // nil: Amazon's default, 90 days ago (reports are kept 90 days)
	CreatedUntil       *time.Time // nil: now
	PageSize           int        // 1 to 100; 0 means 100, to spare getReports' slow rate
}

// GetReports lists reports (getReports, GET /reports/2021-06-30/reports),
// following nextToken to the last page. A next page's request carries only
// nextToken, as Amazon requires.
func (c *Client) GetReports(ctx context.Context, q ReportsQuery) ([]Report, error) {
	if len(q.ReportTypes) == 0 {
		return nil, errors.New("getReports: at least one report type is required")
	}
	first := url.Values{}
	first.Set("reportTypes", strings.Join(q.ReportTypes, ","))
	if len(q.ProcessingStatuses) > 0 {
		first.Set("processingStatuses", strings.Join(q.ProcessingStatuses, ","))
	}
	if len(q.MarketplaceIDs) > 0 {
		first.Set("marketplaceIds", strings.Join(q.MarketplaceIDs, ","))
	}
	if q.CreatedSince != nil {
		first.Set("createdSince", formatTime(*q.CreatedSince))
	}
	if q.CreatedUntil != nil {
		first.Set("createdUntil", formatTime(*q.CreatedUntil))
	}
	size := q.PageSize
	if size <= 0 {
		size = 100
	}
	first.Set("pageSize", strconv.Itoa(size))

	var all []Report
	query := first
	for {
		var out GetReportsResponse
		if err := c.do(ctx, request{op: OpGetReports, method: http.MethodGet, path: reportsPath, query: query, want: http.StatusOK}, &out); err != nil {
			return all, err
		}
		all = append(all, out.Reports...)
		if out.NextToken == "" {
			return all, nil
		}
		query = url.Values{"nextToken": {out.NextToken}}
	}
}

// GetReportDocument answers where a report document is and how it is
// compressed (getReportDocument, GET
// /reports/2021-06-30/documents/{reportDocumentId}). Its URL is valid for
// five minutes.
func (c *Client) GetReportDocument(ctx context.Context, documentID string) (*ReportDocument, error) {
	if documentID == "" {
		return nil, errors.New("getReportDocument: no report document id")
	}
	var out ReportDocument
	err := c.do(ctx, request{op: OpGetReportDocument, method: http.MethodGet, path: documentsPath + "/" + url.PathEscape(documentID), want: http.StatusOK}, &out)
	if err != nil {
		return nil, err
	}
	if out.URL == "" {
		return nil, fmt.Errorf("getReportDocument: Amazon's answer for document %s has no url", documentID)
	}
	return &out, nil
}

// PollOptions say how [Client.RunReport] waits for a report.
type PollOptions struct {
	Interval time.Duration // between two getReport calls; 0 means DefaultPollInterval
	Timeout  time.Duration // the longest wait; 0 means DefaultPollTimeout
}

// RunReport creates a report and asks for its state every opt.Interval
// (telling Notify an Event of kind "poll" each time) until it is DONE,
// CANCELLED or FATAL, or opt.Timeout has passed ([*PollTimeoutError]).
//
// DONE answers the report and its document (getReportDocument); fetch the
// bytes with [Client.DownloadDocument]. CANCELLED answers the report, a nil
// document and a nil error: Amazon cancels a report that has no data in
// its range. FATAL answers a [*ReportFailedError], whose Details are the
// report's error document when it has one.
func (c *Client) RunReport(ctx context.Context, spec CreateReportSpecification, opt PollOptions) (*Report, *ReportDocument, error) {
	interval, timeout := opt.Interval, opt.Timeout
	if interval <= 0 {
		interval = DefaultPollInterval
	}
	if timeout <= 0 {
		timeout = DefaultPollTimeout
	}
	id, err := c.CreateReport(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	start := time.Now()
	var slept time.Duration // with a fake Sleep, time does not pass: count the waits too
	for poll := 1; ; poll++ {
		rep, err := c.GetReport(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		switch rep.ProcessingStatus {
		case StatusDone:
			if rep.ReportDocumentID == "" {
				return rep, nil, fmt.Errorf("getReport: report %s is DONE but has no reportDocumentId", id)
			}
			doc, err := c.GetReportDocument(ctx, rep.ReportDocumentID)
			if err != nil {
				return rep, nil, err
			}
			return rep, doc, nil
		case StatusCancelled:
			return rep, nil, nil
		case StatusFatal:
			return rep, nil, &ReportFailedError{Report: *rep, Details: c.errorDocument(ctx, rep)}
		}
		waited := max(time.Since(start), slept)
		if waited >= timeout {
			return rep, nil, &PollTimeoutError{Report: *rep, Waited: waited}
		}
		wait := min(interval, timeout-waited)
		c.emit(ctx, Event{Operation: OpGetReport, Kind: KindPoll, Wait: wait, Attempt: poll})
		if err := c.sleep(ctx, wait); err != nil {
			return nil, nil, err
		}
		slept += wait
	}
}

// errorDocument reads the error document of a FATAL report: Amazon's JSON
// {"errorDetails": "..."} gives its details, any other text is shown as it
// is. "" when the report has none.
func (c *Client) errorDocument(ctx context.Context, rep *Report) string {
	if rep.ReportDocumentID == "" {
		return ""
	}
	doc, err := c.GetReportDocument(ctx, rep.ReportDocumentID)
	if err != nil {
		return "its error document could not be had: " + err.Error()
	}
	var buf Buffer
	if _, err := c.DownloadDocument(ctx, doc, &buf, maxErrorDocument); err != nil {
		return "its error document could not be read: " + err.Error()
	}
	return c.Redact(errorDetails(buf.Bytes()))
}

// errorDetails is the text of an error document.
func errorDetails(data []byte) string {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	var doc struct {
		ErrorDetails any `json:"errorDetails"`
	}
	if json.Unmarshal(data, &doc) == nil && doc.ErrorDetails != nil {
		switch d := doc.ErrorDetails.(type) {
		case string:
			return strings.TrimSpace(d)
		default:
			if b, err := json.Marshal(d); err == nil {
				return string(b)
			}
		}
	}
	return httpx.Clip(strings.Join(strings.Fields(string(data)), " "), 2000)
}

// formatTime writes a time as SP-API's ISO 8601 date-time, in UTC, to the
// second.
func formatTime(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}
