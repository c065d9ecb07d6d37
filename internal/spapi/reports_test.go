package spapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

const tsv = "amazon-order-id\tpurchase-date\n111-0000000-0000001\t2026-11-01T10:00:00+00:00\n"

// The whole flow: createReport, getReport through IN_QUEUE and
// IN_PROGRESS, getReportDocument, the download; for a plain document, one
// gzipped by compressionAlgorithm, and one gzipped without the field.
func TestRunReportFlow(t *testing.T) {
	for _, tc := range []struct {
		name      string
		outcome   spapitest.Outcome
		algorithm string
	}{
		{"plain", spapitest.Outcome{Document: []byte(tsv)}, ""},
		{"gzip by compressionAlgorithm", spapitest.Outcome{Document: []byte(tsv), Gzip: true}, "GZIP"},
		{"gzip by magic bytes", spapitest.Outcome{Document: gzipped(t, []byte(tsv))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := spapitest.Start(t)
			srv.PollsBeforeDone = 2
			var asked spapi.CreateReportSpecification
			srv.Reports = func(s spapi.CreateReportSpecification) spapitest.Outcome {
				asked = s
				return tc.outcome
			}
			c, clk := newClient(t, srv, nil)
			ctx := context.Background()
			want := spec()
			rep, doc, err := c.RunReport(ctx, want, spapi.PollOptions{Interval: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if rep.ProcessingStatus != spapi.StatusDone || rep.ReportDocumentID == "" || rep.ReportType != want.ReportType {
				t.Fatalf("report = %+v", rep)
			}
			if asked.ReportType != want.ReportType || !asked.DataStartTime.Equal(*want.DataStartTime) || asked.MarketplaceIDs[0] != "ATVPDKIKX0DER" {
				t.Errorf("the fake was asked for %+v", asked)
			}
			if doc.CompressionAlgorithm != tc.algorithm || doc.ReportDocumentID != rep.ReportDocumentID {
				t.Errorf("document = %+v", doc)
			}
			var out sink
			n, err := c.DownloadDocument(ctx, doc, &out, 0)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tsv || n != int64(len(tsv)) {
				t.Errorf("downloaded %d bytes %q, want %q", n, out.String(), tsv)
			}

			// Two polls before DONE, each told and waited for.
			polls := clk.Events(spapi.KindPoll)
			if len(polls) != 2 || polls[0].Wait != 5*time.Second || polls[0].Operation != spapi.OpGetReport {
				t.Errorf("poll events = %+v", polls)
			}
			var statuses []string
			for _, call := range srv.CallsOf(spapi.OpGetReport) {
				statuses = append(statuses, call.Path)
			}
			if len(statuses) != 3 {
				t.Errorf("getReport was called %d times, want 3", len(statuses))
			}

			// Headers as Amazon documents them.
			create := srv.CallsOf(spapi.OpCreateReport)
			if len(create) != 1 {
				t.Fatalf("createReport calls = %d", len(create))
			}
			h := create[0].Header
			if h.Get("x-amz-access-token") == "" || h.Get("Content-Type") != "application/json" || h.Get("Accept") != "application/json" ||
				!strings.HasSuffix(h.Get("User-Agent"), "(Language=Go)") || h.Get("Authorization") != "" {
				t.Errorf("createReport headers = %v", h)
			}
			var body map[string]any
			if err := json.Unmarshal(create[0].Body, &body); err != nil || body["reportType"] != want.ReportType || body["dataStartTime"] == nil {
				t.Errorf("createReport body = %s (%v)", create[0].Body, err)
			}

			// The download carries no SP-API header.
			dl := srv.CallsOf(spapi.OpDownloadDocument)
			if len(dl) != 1 || dl[0].Status != 200 {
				t.Fatalf("download calls = %+v", dl)
			}
			for name := range dl[0].Header {
				if strings.HasPrefix(strings.ToLower(name), "x-amz-") {
					t.Errorf("the download sent %s", name)
				}
			}
		})
	}
}

func TestRunReportCancelled(t *testing.T) {
	srv := spapitest.Start(t)
	srv.PollsBeforeDone = 1
	srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Status: spapi.StatusCancelled}
	}
	c, _ := newClient(t, srv, nil)
	rep, doc, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{Interval: time.Second})
	if err != nil || doc != nil || rep == nil || rep.ProcessingStatus != spapi.StatusCancelled {
		t.Fatalf("RunReport = %+v, %+v, %v; want CANCELLED, no document, no error", rep, doc, err)
	}
	if n := len(srv.CallsOf(spapi.OpGetReportDocument)); n != 0 {
		t.Errorf("getReportDocument called %d times for a cancelled report", n)
	}
}

func TestRunReportFatal(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Reports = func(s spapi.CreateReportSpecification) spapitest.Outcome {
		if s.ReportType == "NO_DOC" {
			return spapitest.Outcome{Status: spapi.StatusFatal}
		}
		return spapitest.Outcome{Status: spapi.StatusFatal, Gzip: true,
			Document: []byte(`{"errorDetails":"The report could not be generated: the date range exceeds 31 days."}`)}
	}
	c, _ := newClient(t, srv, nil)
	_, _, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{})
	var fe *spapi.ReportFailedError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *ReportFailedError", err)
	}
	if fe.Details != "The report could not be generated: the date range exceeds 31 days." || fe.Report.ProcessingStatus != spapi.StatusFatal {
		t.Errorf("error = %+v", fe)
	}
	if msg := err.Error(); !strings.Contains(msg, fe.Report.ReportID) || !strings.Contains(msg, "FATAL") || !strings.Contains(msg, "exceeds 31 days") {
		t.Errorf("message = %q", msg)
	}

	s := spec()
	s.ReportType = "NO_DOC"
	_, _, err = c.RunReport(context.Background(), s, spapi.PollOptions{})
	if !errors.As(err, &fe) || fe.Details != "" || !strings.Contains(err.Error(), "gave no reason") {
		t.Errorf("without an error document: %v", err)
	}
}

func TestRunReportTimeout(t *testing.T) {
	srv := spapitest.Start(t)
	srv.PollsBeforeDone = 1000
	c, clk := newClient(t, srv, nil)
	_, _, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{Interval: time.Minute, Timeout: 5 * time.Minute})
	var te *spapi.PollTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *PollTimeoutError", err)
	}
	msg := err.Error()
	for _, want := range []string{te.Report.ReportID, "IN_PROGRESS", "5m0s"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if n := len(clk.Events(spapi.KindPoll)); n != 5 {
		t.Errorf("%d polls waited, want 5", n)
	}
}

// A next page of getReports carries nextToken alone.
func TestGetReportsPages(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	ctx := context.Background()
	for range 3 {
		if _, err := c.CreateReport(ctx, spec()); err != nil {
			t.Fatal(err)
		}
	}
	reports, err := c.GetReports(ctx, spapi.ReportsQuery{ReportTypes: []string{spec().ReportType}, MarketplaceIDs: []string{"ATVPDKIKX0DER"}, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 3 {
		t.Fatalf("%d reports, want 3", len(reports))
	}
	calls := srv.CallsOf(spapi.OpGetReports)
	if len(calls) != 2 {
		t.Fatalf("%d getReports calls, want 2", len(calls))
	}
	if q := calls[0].Query; q.Get("reportTypes") != spec().ReportType || q.Get("pageSize") != "2" {
		t.Errorf("first page query = %v", q)
	}
	if q := calls[1].Query; len(q) != 1 || q.Get("nextToken") == "" {
		t.Errorf("second page query = %v, want nextToken only", q)
	}
}

func TestDownloadLimit(t *testing.T) {
	for _, gz := range []bool{false, true} {
		srv := spapitest.Start(t)
		srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
			return spapitest.Outcome{Document: []byte(strings.Repeat("x", 1000)), Gzip: gz}
		}
		c, _ := newClient(t, srv, nil)
		_, doc, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out sink
		n, err := c.DownloadDocument(context.Background(), doc, &out, 100)
		if err == nil || !strings.Contains(err.Error(), "larger than the limit of 100 bytes") || n > 100 {
			t.Errorf("gzip %v: DownloadDocument = %d, %v; want the limit's error", gz, n, err)
		}
		if n, err := c.DownloadDocument(context.Background(), doc, &out, 1000); err != nil || n != 1000 {
			t.Errorf("gzip %v: at the limit: %d, %v", gz, n, err)
		}
	}
}

// A dropped download starts again from an empty sink.
func TestDownloadDropped(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Document: []byte(strings.Repeat(tsv, 100)), Gzip: true}
	}
	c, clk := newClient(t, srv, nil)
	ctx := context.Background()
	_, doc, err := c.RunReport(ctx, spec(), spapi.PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Drop(spapi.OpDownloadDocument, 2)
	var out sink
	n, err := c.DownloadDocument(ctx, doc, &out, 0)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != strings.Repeat(tsv, 100) || n != int64(out.Len()) {
		t.Errorf("downloaded %d bytes, want the document", n)
	}
	if out.resets != 2 {
		t.Errorf("Reset called %d times, want 2", out.resets)
	}
	retries := clk.Events(spapi.KindRetry)
	if len(retries) != 2 || retries[0].Operation != spapi.OpDownloadDocument || !strings.Contains(retries[0].Err.Error(), "unexpected EOF") {
		t.Errorf("retry events = %+v", retries)
	}
	if strings.Contains(retries[0].Err.Error(), "X-Amz-Signature") {
		t.Errorf("the error shows the URL's signature: %v", retries[0].Err)
	}
}

// A pre-signed URL expires after five minutes; S3's refusal becomes an
// APIError with S3's code and message.
func TestDownloadExpiredURL(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	_, doc, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Now = func() time.Time { return time.Now().Add(10 * time.Minute) }
	var out sink
	_, err = c.DownloadDocument(context.Background(), doc, &out, 0)
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 403 || ae.Code() != "AccessDenied" || !strings.Contains(err.Error(), "Request has expired") {
		t.Errorf("expired URL: %v", err)
	}
}

// failingSink fails every write.
type failingSink struct{ resets int }

func (f *failingSink) Write([]byte) (int, error) { return 0, syscall.EPIPE }
func (f *failingSink) Reset() error              { f.resets++; return nil }

// The sink's own failure is not a dropped connection: no second try.
func TestDownloadSinkFailureNotRetried(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Document: []byte(tsv)}
	}
	c, clk := newClient(t, srv, nil)
	_, doc, err := c.RunReport(context.Background(), spec(), spapi.PollOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var f failingSink
	_, err = c.DownloadDocument(context.Background(), doc, &f, 0)
	if !errors.Is(err, syscall.EPIPE) || f.resets != 0 || len(clk.waits) != 0 {
		t.Errorf("err = %v, resets %d, waits %v", err, f.resets, clk.waits)
	}
}

func TestFileSink(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "doc")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := spapi.FileSink{File: f}
	s.Write([]byte("partial"))
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	s.Write([]byte("whole"))
	data, _ := os.ReadFile(f.Name())
	if string(data) != "whole" {
		t.Errorf("file = %q", data)
	}
}
