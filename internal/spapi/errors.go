package spapi

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is an answer of SP-API (or of S3, for a document download)
// other than the success: its status and Amazon's errors, already
// redacted.
type APIError struct {
	Operation  string  // "createReport", ... (the Op constants)
	StatusCode int     // the HTTP status
	Errors     []Error // Amazon's error list; empty when the body had none
	RequestID  string  // x-amzn-RequestId (x-amz-request-id for S3), for Amazon's support
}

// Error reads like
// "createReport: 400 Bad Request: InvalidInput: Invalid input (reportType is missing) (request id X)".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d %s", e.Operation, e.StatusCode, http.StatusText(e.StatusCode))
	for i, x := range e.Errors {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		switch {
		case x.Code != "" && x.Message != "":
			b.WriteString(x.Code + ": " + x.Message)
		default:
			b.WriteString(x.Code + x.Message)
		}
		if x.Details != "" {
			b.WriteString(" (" + x.Details + ")")
		}
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// Code is the code of Amazon's first error ("InvalidInput",
// "QuotaExceeded", "Unauthorized", ...), or "".
func (e *APIError) Code() string {
	if len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Code
}

// ReportFailedError is a report that Amazon could not make: its status is
// FATAL. Details is the text of the report's error document when it has
// one ("errorDetails" of Amazon's JSON), redacted.
type ReportFailedError struct {
	Report  Report // as getReport answered it
	Details string // the error document's text; "" when there is none
}

// Error names the report, its type and status, and Amazon's reason.
func (e *ReportFailedError) Error() string {
	s := fmt.Sprintf("report %s (%s) failed: Amazon's status is %s", e.Report.ReportID, e.Report.ReportType, e.Report.ProcessingStatus)
	if e.Details == "" {
		return s + " and Amazon gave no reason"
	}
	return s + ": " + e.Details
}

// PollTimeoutError is a report still not done when [PollOptions].Timeout
// ran out. The report may still finish: its id can be asked for later.
type PollTimeoutError struct {
	Report Report        // as last seen
	Waited time.Duration // since createReport
}

// Error names the report, its type, its last status and the time waited.
func (e *PollTimeoutError) Error() string {
	return fmt.Sprintf("report %s (%s) is still %s after waiting %s for it; gave up (the poll timeout)",
		e.Report.ReportID, e.Report.ReportType, e.Report.ProcessingStatus, e.Waited.Round(time.Second))
}
