package spapitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
)

// Account is what the fake serves for one seller: its reports, by report
// type, its financial events and its orders. LoadAccount reads one from a
// folder (testdata/spapi/NAME/amazon); Serve hands it to a Server.
type Account struct {
	Reports map[string]Report
	Events  []Event
	Orders  []spapi.Order
}

// Report is a tab-separated report the fake cuts to the days asked for:
// the rows whose DateColumn, read by Parse, falls in [dataStartTime,
// dataEndTime]. Without a DateColumn the whole document is served (a
// snapshot, such as the seller performance report). A report with no row
// in the range is CANCELLED, as Amazon cancels a report without data.
type Report struct {
	Data       []byte
	DateColumn string
	Parse      func(string) (time.Time, bool)
}

// The files LoadAccount recognises in a folder, by a part of their name.
var accountFiles = []struct {
	name, reportType, column string
	parse                    func(string) (time.Time, bool)
}{
	{"All Orders", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL", "purchase-date", parseISO},
	{"Feedback", "GET_SELLER_FEEDBACK_DATA", "Date", parseUSShort},
	{"Returns", "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE", "Return request date", parseDayMonYear},
	{"performance-v1", "GET_V1_SELLER_PERFORMANCE_REPORT", "", nil},
	{"performance.json", "GET_V2_SELLER_PERFORMANCE_REPORT", "", nil},
}

// LoadAccount reads a folder: the reports of accountFiles, and the
// financial events (financial-events.json: a list of Event) and orders
// (orders.json: a list of spapi.Order) when there.
func LoadAccount(dir string) (*Account, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	a := &Account{Reports: map[string]Report{}}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch e.Name() {
		case "financial-events.json":
			if err := readJSON(p, &a.Events); err != nil {
				return nil, err
			}
			continue
		case "orders.json":
			if err := readJSON(p, &a.Orders); err != nil {
				return nil, err
			}
			continue
		}
		for _, f := range accountFiles {
			if !strings.Contains(e.Name(), f.name) {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			a.Reports[f.reportType] = Report{Data: b, DateColumn: f.column, Parse: f.parse}
			break
		}
	}
	return a, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// StartAccount starts a fake SP-API, closed when tb's test ends, serving
// the account of folder dir (LoadAccount).
func StartAccount(tb testing.TB, dir string) *Server {
	tb.Helper()
	a, err := LoadAccount(dir)
	if err != nil {
		tb.Fatal(err)
	}
	s := Start(tb)
	s.Serve(a)
	return s
}

// Serve makes s answer with a's data.
func (s *Server) Serve(a *Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.FinancialEvents = a.Events
	s.Orders = a.Orders
	s.Reports = a.Outcome
}

// Outcome is the fake's answer to a report request: the report's rows in
// the range asked for; CANCELLED when none is (or the type is not there).
func (a *Account) Outcome(spec spapi.CreateReportSpecification) Outcome {
	r, ok := a.Reports[spec.ReportType]
	if !ok {
		return Outcome{Status: spapi.StatusCancelled}
	}
	if r.DateColumn == "" {
		return Outcome{Document: r.Data}
	}
	lines := strings.SplitAfter(string(bytes.TrimPrefix(r.Data, []byte("\xef\xbb\xbf"))), "\n")
	header := strings.Split(strings.TrimRight(lines[0], "\r\n"), "\t")
	col := -1
	for i, h := range header {
		if h == r.DateColumn {
			col = i
		}
	}
	if col < 0 {
		return Outcome{Status: spapi.StatusFatal, Document: []byte(`{"errorDetails":"no column ` + r.DateColumn + `"}`)}
	}
	var out strings.Builder
	out.WriteString(lines[0])
	n := 0
	for _, line := range lines[1:] {
		cells := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if col >= len(cells) {
			continue
		}
		t, ok := r.Parse(cells[col])
		if !ok || (spec.DataStartTime != nil && t.Before(*spec.DataStartTime)) || (spec.DataEndTime != nil && t.After(*spec.DataEndTime)) {
			continue
		}
		out.WriteString(line)
		n++
	}
	if n == 0 {
		return Outcome{Status: spapi.StatusCancelled}
	}
	return Outcome{Document: []byte(out.String()), Gzip: spec.ReportType == "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"}
}

func parseISO(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// parseUSShort reads the US Feedback report's 8/20/26, as a day in UTC.
func parseUSShort(s string) (time.Time, bool) {
	t, err := time.Parse("1/2/06", s)
	return t, err == nil
}

// parseDayMonYear reads the Returns report's 10-Sep-2026, as a day in UTC.
func parseDayMonYear(s string) (time.Time, bool) {
	t, err := time.Parse("02-Jan-2006", s)
	return t, err == nil
}
