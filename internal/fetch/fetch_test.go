package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

var usStore, _ = market.ByCode("US")

func date(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fake is a fake SP-API serving testdata/spapi/acme-us, and a client of it
// that never sleeps.
func fake(t *testing.T) (*spapitest.Server, *spapi.Client) {
	t.Helper()
	srv := spapitest.StartAccount(t, "../../testdata/spapi/acme-us/amazon")
	cfg := srv.Config()
	cfg.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	c, err := spapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// options fetches what an audit on 2026-11-20 needs, on a clock of now.
func options(dir string, c *spapi.Client, now string) Options {
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		panic(err)
	}
	return Options{Dir: dir, Client: c, Stores: []market.Marketplace{usStore}, Settings: settings.Default(date("2026-11-20")),
		Now: func() time.Time { return at }, Poll: spapi.PollOptions{Interval: time.Millisecond, Timeout: time.Minute}}
}

func actions(res *Result) map[string]string {
	out := map[string]string{}
	for _, f := range res.Files {
		out[f.File] = f.Action
	}
	return out
}

// The whole flow against Amazon's documented answers, with the faults of
// a real night: a throttled request, a server error, a dropped document
// download, an expired token, reports Amazon cancels for want of data, a
// gzipped document, and a second page of financial events. Every file the
// plan lists lands, the manifest says which days each covers, and the
// folder reads as the account.
func TestRunFetchesEverything(t *testing.T) {
	srv, c := fake(t)
	srv.PollsBeforeDone = 2
	srv.PageSize = 2
	srv.Throttle(spapi.OpCreateReport, 1)
	srv.Fail(spapi.OpGetReport, 1)
	srv.Drop(spapi.OpDownloadDocument, 1)
	srv.ExpireToken(1)
	acct, _ := spapitest.LoadAccount("../../testdata/spapi/acme-us/amazon")
	srv.Reports = func(spec spapi.CreateReportSpecification) spapitest.Outcome {
		if spec.ReportType == "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE" && spec.DataStartTime.Month() == time.November {
			return spapitest.Outcome{Status: spapi.StatusCancelled} // as if nothing was returned in November
		}
		return acct.Outcome(spec)
	}
	dir := t.TempDir()
	res, err := Run(context.Background(), options(dir, c, "2026-11-21T06:00:00Z"))
	if err != nil {
		t.Fatalf("%v\n%+v", err, res)
	}
	got := actions(res)
	for file, want := range map[string]string{
		"orders-US-2026-09.tsv":                   Fetched,
		"orders-US-2026-11.tsv":                   Fetched,
		"feedback-US-2026-09.tsv":                 Fetched,
		"returns-US-2026-11.tsv":                  NoData, // no return requested in November
		"seller-performance-US-2026-11-21.json":   Fetched,
		"seller-performance-v1-US-2026-11-21.xml": NoData,
		"claims-spapi.tsv":                        Fetched,
		"chargebacks-spapi.tsv":                   Fetched,
		"shipments-spapi.tsv":                     Fetched,
	} {
		if got[file] != want {
			t.Errorf("%s: %q, want %q (all: %v)", file, got[file], want, got)
		}
	}
	if n := len(srv.CallsOf("listFinancialEvents")); n < 4 {
		t.Errorf("%d listFinancialEvents calls: want a second page for some month", n)
	}
	if srv.TokenRequests() < 2 {
		t.Errorf("the expired token was not refreshed: %d token requests", srv.TokenRequests())
	}
	// No temporary file is left, and every file is in the manifest.
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".fetch-") {
			t.Errorf("left behind: %s", e.Name())
		}
		if e.Name() != input.ManifestName && m.file(e.Name()) == nil {
			t.Errorf("%s is not in the manifest", e.Name())
		}
	}
	// A report Amazon cancelled is its header alone and covers its days.
	b, _ := os.ReadFile(filepath.Join(dir, "returns-US-2026-11.tsv"))
	if strings.Count(string(b), "\n") != 1 {
		t.Errorf("returns of November: %q", b)
	}
	l, err := input.Load([]string{dir}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Data.Covered([]string{"orders"}, records.Ordered, "US"); len(got) != 1 || got[0].From > date("2026-09-08") || got[0].To < date("2026-11-20") {
		t.Errorf("orders cover %v", got)
	}
	if got := l.Data.Covered([]string{"returns"}, records.Dated, "US"); len(got) != 1 || got[0].To != date("2026-11-20") {
		t.Errorf("returns cover %v", got)
	}
	if len(l.Data.Claims) == 0 || len(l.Data.Chargebacks) == 0 || l.Data.Shipments.Len() == 0 {
		t.Errorf("claims %d, chargebacks %d, shipments %d", len(l.Data.Claims), len(l.Data.Chargebacks), l.Data.Shipments.Len())
	}
}

// A run stopped halfway keeps what it finished, and leaves no temporary
// file; the next run asks only for the rest.
func TestRunResumes(t *testing.T) {
	srv, c := fake(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o := options(dir, c, "2027-03-01T06:00:00Z") // long after: nothing may still change
	o.Jobs = 1
	o.Progress = func(s Step) {
		if s.State == "done" && s.Done == 3 {
			cancel()
		}
	}
	res, err := Run(ctx, o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want the run cancelled, got %v", err)
	}
	done := 0
	for _, f := range res.Files {
		if f.Action == Fetched || f.Action == NoData {
			done++
		}
	}
	if done < 3 {
		t.Fatalf("%d files done before the stop: %+v", done, res.Files)
	}
	created := len(srv.CallsOf(spapi.OpCreateReport))
	o.Progress = nil
	res2, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	skipped := 0
	for _, f := range res2.Files {
		if f.Action == UpToDate {
			skipped++
		}
	}
	if skipped < 3 {
		t.Errorf("second run: %d files up to date, want the %d of the first run: %v", skipped, done, actions(res2))
	}
	reports, doneReports := 0, 0
	for _, f := range res.Files {
		if strings.HasPrefix(f.Source, "GET_") {
			reports++
			if f.Action == Fetched || f.Action == NoData {
				doneReports++
			}
		}
	}
	if again := len(srv.CallsOf(spapi.OpCreateReport)) - created; again != reports-doneReports {
		t.Errorf("second run created %d reports, want the %d the first did not finish", again, reports-doneReports)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".fetch-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Run again the next day, a chunk Amazon may still change is asked for
// again; one long settled is not; the Orders API is asked for the orders
// updated since the last run.
func TestRunAgainAsksForWhatMayHaveChanged(t *testing.T) {
	srv, c := fake(t)
	dir := t.TempDir()
	if _, err := Run(context.Background(), options(dir, c, "2026-11-21T06:00:00Z")); err != nil {
		t.Fatal(err)
	}
	before := len(srv.CallsOf("searchOrders"))
	res, err := Run(context.Background(), options(dir, c, "2026-12-25T06:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	got := actions(res)
	// September's orders were fetched on 21 November, 51 days after
	// their last day: settled. November's, the day after: asked again.
	if got["orders-US-2026-09.tsv"] != UpToDate || got["orders-US-2026-11.tsv"] != Fetched {
		t.Errorf("orders: %v", got)
	}
	// Feedback may change for 90 days.
	if got["feedback-US-2026-09.tsv"] != Fetched {
		t.Errorf("feedback of September: %q", got["feedback-US-2026-09.tsv"])
	}
	calls := srv.CallsOf("searchOrders")[before:]
	if len(calls) == 0 || calls[0].Query.Get("lastUpdatedAfter") == "" || calls[0].Query.Get("createdAfter") != "" {
		t.Errorf("second run's searchOrders: %+v", calls)
	}
}

// --dry-run asks Amazon nothing and says what it would fetch, and why.
func TestDryRun(t *testing.T) {
	srv, c := fake(t)
	o := options(t.TempDir(), c, "2026-11-21T06:00:00Z")
	o.DryRun = true
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls in a dry run", n)
	}
	for _, f := range res.Files {
		if f.Action != Planned || f.Reason == "" {
			t.Errorf("%+v", f)
		}
	}
	b, _ := json.Marshal(res)
	if !strings.Contains(string(b), `"file":"orders-US-2026-09.tsv"`) {
		t.Errorf("json: %s", b)
	}
}

// A report Amazon fails (FATAL) is listed with Amazon's reason; the other
// files are fetched all the same, and Run says how many failed.
func TestFatalReportDoesNotStopTheOthers(t *testing.T) {
	srv, c := fake(t)
	acct, _ := spapitest.LoadAccount("../../testdata/spapi/acme-us/amazon")
	srv.Reports = func(spec spapi.CreateReportSpecification) spapitest.Outcome {
		if spec.ReportType == "GET_SELLER_FEEDBACK_DATA" {
			return spapitest.Outcome{Status: spapi.StatusFatal, Document: []byte(`{"errorDetails":"The report could not be generated."}`)}
		}
		return acct.Outcome(spec)
	}
	res, err := Run(context.Background(), options(t.TempDir(), c, "2026-11-21T06:00:00Z"))
	if err == nil || !strings.Contains(err.Error(), "could not be fetched") {
		t.Fatalf("err %v", err)
	}
	for _, f := range res.Files {
		switch {
		case f.Kind == "feedback" && (f.Action != Failed || !strings.Contains(f.Error, "The report could not be generated.")):
			t.Errorf("feedback: %+v", f)
		case f.Kind == "orders" && f.Action != Fetched:
			t.Errorf("orders: %+v", f)
		}
	}
}

// Stores of two SP-API regions are two accounts (one refresh token each).
func TestStoresOfTwoRegions(t *testing.T) {
	de, _ := market.ByCode("DE")
	o := Options{Dir: t.TempDir(), Stores: []market.Marketplace{usStore, de}, Settings: settings.Default(date("2026-11-20")), DryRun: true}
	if _, err := Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "different SP-API regions") {
		t.Errorf("err %v", err)
	}
}

// --since and --to fetch every source for those days; --reports limits
// the sources.
func TestHistoryAndOnly(t *testing.T) {
	o := Options{Dir: t.TempDir(), Stores: []market.Marketplace{usStore}, Settings: settings.Default(date("2026-11-20")), DryRun: true,
		Since: date("2026-01-15"), To: date("2026-03-10"), Only: []string{"orders", "claims"},
		Now: func() time.Time { return time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC) }}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range res.Files {
		files = append(files, f.File+" "+f.From.String()+".."+f.To.String())
	}
	want := []string{"orders-US-2026-01.tsv 2026-01-15..2026-01-31", "orders-US-2026-02.tsv 2026-02-01..2026-02-28",
		"orders-US-2026-03.tsv 2026-03-01..2026-03-10", "claims-spapi.tsv 2026-01-15..2026-01-31",
		"claims-spapi.tsv 2026-02-01..2026-02-28", "claims-spapi.tsv 2026-03-01..2026-03-10"}
	if !slices.Equal(files, want) {
		t.Errorf("files\n got %q\nwant %q", files, want)
	}
}

// History asks for the kinds a metric reads: not the FBA shipments report,
// which no metric reads yet, unless --reports names it.
func TestHistoryLeavesOutWhatNoMetricReads(t *testing.T) {
	o := Options{Dir: t.TempDir(), Stores: []market.Marketplace{usStore}, Settings: settings.Default(date("2026-11-20")), DryRun: true,
		Since: date("2026-10-01"), To: date("2026-10-31"), Now: func() time.Time { return time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC) }}
	kinds := func() map[string]bool {
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, f := range res.Files {
			out[f.Kind] = true
		}
		return out
	}
	if got := kinds(); got["fba-shipments"] || !got["orders"] || !got["shipments"] || !got["claims"] || !got["seller-performance"] || got["vat-invoices"] {
		t.Errorf("kinds %v", got)
	}
	o.Only = []string{"fba-shipments"}
	if got := kinds(); !got["fba-shipments"] || len(got) != 1 {
		t.Errorf("with --reports fba-shipments: %v", got)
	}
}

// --reports fba-shipments on an audit date asks for the orders' days.
func TestOnlyAKindNoMetricNeeds(t *testing.T) {
	o := Options{Dir: t.TempDir(), Stores: []market.Marketplace{usStore}, Settings: settings.Default(date("2026-11-20")), DryRun: true,
		Only: []string{"fba-shipments"}, Now: func() time.Time { return time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC) }}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 3 || res.Files[0].File != "fba-shipments-US-2026-09.tsv" || res.Files[0].From != date("2026-09-08") {
		t.Errorf("files %+v", res.Files)
	}
}
