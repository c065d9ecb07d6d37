package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// amazonDoc is what these tests read of a report.
type amazonDoc struct {
	Status  string
	Metrics []struct {
		ID, Fulfillment string
		WindowDays      int `json:"window_days"`
		Numerator       int
		Denominator     int
		Components      map[string]*int
		Amazon          *struct {
			Numerator, Denominator *int
			Agrees, Explained      bool
			Explanations           []string
			Ours                   struct{ Numerator, Denominator int }
			Window                 struct{ From, To string }
		}
	}
	Account []struct {
		Kind, Key, Store, Status, Reason, File string
	} `json:"account_health"`
}

// perfReport writes a V2 seller performance report for the US store with
// the ODR of the seller-fulfilled orders over 2026-09-08..2026-11-06 and
// the late shipment rate over 2026-11-11..2026-11-20.
func perfReport(t *testing.T, dir string, odrNum, odrDen, claims, chargebacks, feedback, lsrNum, lsrDen int, extra string) string {
	t.Helper()
	doc := fmt.Sprintf(`{"accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "businessType": "SELLER", "status": "NORMAL"}],
"performanceMetrics": [{
  "marketplaceId": "ATVPDKIKX0DER",
  "accountHealthRating": {"ahrStatus": "GREAT", "ahrScore": 240},
  "orderDefectRate": {"mfn": {
    "reportingDateRange": {"reportingDateFrom": "2026-09-08T00:00:00Z", "reportingDateTo": "2026-11-06T23:59:59Z"},
    "orderCount": %d, "orderWithDefects": {"count": %d, "status": "BAD"},
    "claims": {"count": %d, "status": "NONE"}, "chargebacks": {"count": %d, "status": "NONE"},
    "negativeFeedback": {"count": %d, "status": "NONE"},
    "fulfillmentType": "mfn", "status": "BAD", "rate": %g, "targetValue": 0.01, "targetCondition": "LESS_THAN"}},
  "lateShipmentRate": {"reportingDateRange": {"reportingDateFrom": "2026-11-11T00:00:00Z", "reportingDateTo": "2026-11-20T23:59:59Z"},
    "lateShipmentCount": %d, "orderCount": %d, "status": "BAD", "rate": %g, "targetValue": 0.04, "targetCondition": "LESS_THAN"}%s
}]}`, odrDen, odrNum, claims, chargebacks, feedback, float64(odrNum)/float64(odrDen), lsrNum, lsrDen, float64(lsrNum)/float64(lsrDen), extra)
	p := filepath.Join(dir, "performance.json")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runAmazon(t *testing.T, perf string) amazonDoc {
	t.Helper()
	r := run(t, false, "all", "--as-of", "2026-11-20", "-o", "json", "--fail-on", "never", acme, perf)
	var d amazonDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	return d
}

// Amazon's figure built from the same orders as the files agrees with ours
// to the unit (acme-us's seller-fulfilled ODR is 1/95, its 10-day late
// shipment rate 1/14), and what only Amazon knows is judged.
func TestAmazonFiguresAgree(t *testing.T) {
	d := runAmazon(t, perfReport(t, t.TempDir(), 1, 95, 1, 0, 1, 1, 14, ""))
	seen := 0
	for _, m := range d.Metrics {
		if m.Amazon == nil {
			continue
		}
		seen++
		if !m.Amazon.Agrees || !m.Amazon.Explained || m.Amazon.Ours.Numerator != *m.Amazon.Numerator || m.Amazon.Ours.Denominator != *m.Amazon.Denominator {
			t.Errorf("%s %s %d: %+v", m.ID, m.Fulfillment, m.WindowDays, *m.Amazon)
		}
	}
	if seen != 2 {
		t.Errorf("%d entries with Amazon's figure, want 2 (ODR mfn, late shipment 10 days)", seen)
	}
	want := map[string]string{"account_health_rating": "pass", "account_status": "pass"}
	for _, a := range d.Account {
		if want[a.Kind] != a.Status || a.Store != "US" {
			t.Errorf("account check %+v", a)
		}
		delete(want, a.Kind)
	}
	if len(want) != 0 {
		t.Errorf("account checks missing: %v", want)
	}
}

// Where Amazon's figure differs, the entry says what the files can tell:
// orders Amazon counts that no file holds, claims and chargebacks no file
// lists, negative feedback Amazon no longer counts.
func TestAmazonFiguresExplained(t *testing.T) {
	d := runAmazon(t, perfReport(t, t.TempDir(), 3, 100, 3, 1, 0, 1, 14, ""))
	for _, m := range d.Metrics {
		if m.ID != "odr" || m.Fulfillment != "mfn" {
			continue
		}
		a := m.Amazon
		text := strings.Join(a.Explanations, "\n")
		for _, w := range []string{"Amazon counts 100 in its window, the files hold 95: 5 are in no file given",
			"Amazon counts 3 A-to-z claims, the files 1: 2 are in no file given",
			"Amazon counts 1 chargebacks, the files 0: 1 are in no file given",
			"the files hold 1 negative feedback, Amazon counts 0: 1 may have been removed"} {
			if !strings.Contains(text, w) {
				t.Errorf("explanations lack %q:\n%s", w, text)
			}
		}
		if a.Agrees || !a.Explained {
			t.Errorf("agrees %v explained %v", a.Agrees, a.Explained)
		}
		return
	}
	t.Fatal("no seller-fulfilled ODR entry")
}

// A policy Amazon calls BAD and an AHR score below 100 fail the account,
// and the exit code says so.
func TestAmazonAccountHealthFails(t *testing.T) {
	dir := t.TempDir()
	p := perfReport(t, dir, 1, 95, 1, 0, 1, 1, 14, "")
	raw, _ := os.ReadFile(p)
	bad := strings.Replace(string(raw), `"ahrScore": 240`, `"ahrScore": 80`, 1)
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	d := runAmazon(t, p)
	for _, a := range d.Account {
		if a.Kind == "account_health_rating" && (a.Status != "fail" || !strings.Contains(a.Reason, "below 100")) {
			t.Errorf("AHR %+v", a)
		}
	}
	if r := run(t, false, "odr", "--as-of", "2026-11-20", acme, p); r.code != ExitFailed {
		t.Errorf("exit %d", r.code)
	}
}

// audit reconcile: exit 0 when every difference is explained, 1 when one
// is not (Amazon counts more defects over the same orders), 2 without
// Amazon's report.
func TestReconcileExitCodes(t *testing.T) {
	dir := t.TempDir()
	explained := perfReport(t, dir, 3, 100, 1, 0, 1, 1, 14, "")
	if r := run(t, false, "reconcile", "--as-of", "2026-11-20", acme, explained); r.code != ExitOK ||
		!strings.Contains(r.stdout, "explained") || !strings.Contains(r.stdout, "5 are in no file given") {
		t.Errorf("explained: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	unexplained := perfReport(t, t.TempDir(), 3, 95, 1, 0, 1, 1, 14, "")
	if r := run(t, false, "reconcile", "--as-of", "2026-11-20", acme, unexplained); r.code != ExitFailed || !strings.Contains(r.stdout, "UNEXPLAINED") {
		t.Errorf("unexplained: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, false, "reconcile", "--as-of", "2026-11-20", acme); r.code != ExitError || !strings.Contains(r.stderr, "no seller performance report") {
		t.Errorf("without the report: exit %d %s", r.code, r.stderr)
	}
	r := run(t, false, "reconcile", "--as-of", "2026-11-20", "-o", "json", acme, explained)
	checkContract(t, r.stdout)
	schemas := compileSchemas(t)
	if err := validate(schemas["report"], r.stdout); err != nil {
		t.Errorf("reconcile -o json does not follow the report schema: %v", err)
	}
}

// Golden files of Amazon's figures beside ours: the sample report of
// testdata/amazon gives acme-us's figures, one of which (the
// seller-fulfilled ODR: 101 orders, 2 defective) differs from ours.
func TestAmazonGolden(t *testing.T) {
	perf := "testdata/amazon/acme-us-performance.json"
	checkGolden(t, []goldenCase{
		{name: "all with Amazon's report, table", args: []string{"all", "--as-of", "2026-11-20", acme, perf}, wantCode: ExitFailed, stdout: "amazon-all-us-table-piped.golden"},
		{name: "all with Amazon's report, json", args: []string{"all", "--as-of", "2026-11-20", "-o", "json", acme, perf}, wantCode: ExitFailed, stdout: "amazon-all-us-json.golden"},
		{name: "all with Amazon's report, html", args: []string{"all", "--as-of", "2026-11-20", "-o", "html", acme, perf}, wantCode: ExitFailed, stdout: "amazon-all-us-html.golden"},
		{name: "all with Amazon's report, markdown", args: []string{"all", "--as-of", "2026-11-20", "-o", "markdown", acme, perf}, wantCode: ExitFailed, stdout: "amazon-all-us-markdown.golden"},
		{name: "all with Amazon's report, csv", args: []string{"all", "--as-of", "2026-11-20", "-o", "csv", acme, perf}, wantCode: ExitFailed, stdout: "amazon-all-us-csv.golden"},
		{name: "reconcile, table", args: []string{"reconcile", "--as-of", "2026-11-20", acme, perf}, wantCode: ExitOK, stdout: "reconcile-us-table.golden"},
	})
}

// JUnit agrees with the exit code on what only Amazon knows: an AHR below
// 100 is a failure with --fail-on fail, and passes with --fail-on never.
func TestAmazonAccountJUnit(t *testing.T) {
	dir := t.TempDir()
	p := perfReport(t, dir, 1, 95, 1, 0, 1, 1, 14, "")
	raw, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(raw), `"ahrScore": 240`, `"ahrScore": 80`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, false, "tracking", "--as-of", "2026-11-20", "-o", "junit", acme, p)
	if r.code != ExitFailed || !strings.Contains(r.stdout, `<testcase name="account_health_rating"`) || !strings.Contains(r.stdout, "below 100 is at risk of deactivation") ||
		!strings.Contains(r.stdout, `type="fail"`) {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = run(t, false, "tracking", "--as-of", "2026-11-20", "-o", "junit", "--fail-on", "never", acme, p)
	if r.code != ExitOK || strings.Contains(r.stdout, "<failure") {
		t.Errorf("--fail-on never: exit %d\n%s", r.code, r.stdout)
	}
}

// amazonFleet is a folder of two accounts: acme-us with the sample seller
// performance report of testdata/amazon in its folder, and clean without
// one.
func amazonFleet(t *testing.T) string {
	t.Helper()
	dir := fleetOf(t, map[string]string{"acme-us": acme, "clean": clean})
	b, err := os.ReadFile("testdata/amazon/acme-us-performance.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "acme-us", "acme-us-performance.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshotFolder is a folder holding acme-us's files and three of Amazon's
// V2 reports, dated snapshots (the last day of their reporting range) with
// the given AHR scores.
func snapshotFolder(t *testing.T, snaps map[string]int) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(acme)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(acme, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for date, score := range snaps {
		doc := fmt.Sprintf(`{"performanceMetrics": [{
  "marketplaceId": "ATVPDKIKX0DER",
  "accountHealthRating": {"ahrStatus": "GOOD", "ahrScore": %d},
  "lateShipmentRate": {"reportingDateRange": {"reportingDateFrom": "2026-10-01T00:00:00Z", "reportingDateTo": "%sT23:59:59Z"},
    "lateShipmentCount": 0, "orderCount": 10, "status": "GOOD", "rate": 0, "targetValue": 0.04, "targetCondition": "LESS_THAN"}
}]}`, score, date)
		if err := os.WriteFile(filepath.Join(dir, "performance-"+date+".json"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAmazonFleetGolden pins the formats of many accounts with Amazon's
// report in one of them: the fleet table's AHR column and its notes, the
// markdown fleet, the JUnit suites (the account checks as testcases) and
// the CSV. The folder is a temporary one, written FLEET in the goldens.
func TestAmazonFleetGolden(t *testing.T) {
	dir := amazonFleet(t)
	for _, c := range []struct {
		name, format, golden string
	}{
		{"table", "table", "amazon-accounts-table-piped.golden"},
		{"markdown", "markdown", "amazon-accounts-markdown.golden"},
		{"junit", "junit", "amazon-accounts-junit.golden"},
		{"csv", "csv", "amazon-accounts-csv.golden"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", dir, "-o", c.format)
			if r.code != ExitFailed {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, ExitFailed, r.stderr)
			}
			golden(t, c.golden, strings.ReplaceAll(r.stdout, dir, "FLEET"))
		})
	}
}

// Each account of the fleet's JSON carries account_health and its
// entries' amazon as its own report does, byte for byte, and the document
// follows the accounts schema.
func TestAmazonFleetJSON(t *testing.T) {
	dir := amazonFleet(t)
	r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", dir, "-o", "json")
	if err := validate(compileSchemas(t)["accounts"], r.stdout); err != nil {
		t.Errorf("the fleet's JSON does not follow the accounts schema: %v", err)
	}
	var fleet struct {
		Accounts []struct {
			Name    string          `json:"name"`
			Metrics json.RawMessage `json:"metrics"`
			Account json.RawMessage `json:"account_health"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &fleet); err != nil {
		t.Fatal(err)
	}
	for _, a := range fleet.Accounts {
		one := run(t, false, "all", "--as-of", "2026-11-20", "-o", "json", filepath.Join(dir, a.Name))
		var single struct {
			Metrics json.RawMessage `json:"metrics"`
			Account json.RawMessage `json:"account_health"`
		}
		if err := json.Unmarshal([]byte(one.stdout), &single); err != nil {
			t.Fatal(err)
		}
		if compactJSON(t, a.Metrics) != compactJSON(t, single.Metrics) {
			t.Errorf("%s: the fleet's metrics differ from the account's own audit", a.Name)
		}
		switch {
		case a.Name == "clean" && a.Account != nil:
			t.Errorf("clean: account_health %s, want none (no Amazon report)", a.Account)
		case a.Name == "acme-us" && (a.Account == nil || compactJSON(t, a.Account) != compactJSON(t, single.Account)):
			t.Errorf("acme-us: account_health %s, want its own report's %s", a.Account, single.Account)
		}
		if a.Name == "acme-us" && !strings.Contains(string(a.Metrics), `"amazon"`) {
			t.Error("acme-us: no entry carries amazon")
		}
	}
}

// Several of Amazon's reports are history: each date of a trend has the
// Account Health Rating of the latest dated on or before it, none before
// the first; a single audit leaves out those dated after its as-of date.
func TestAccountHealthSnapshots(t *testing.T) {
	dir := snapshotFolder(t, map[string]int{"2026-11-01": 250, "2026-11-10": 150, "2026-11-16": 80})
	r := run(t, false, "trend", "--from", "2026-10-22", "--to", "2026-11-20", "--metric", "odr", "-o", "json", dir)
	var doc struct {
		AccountHealth []struct {
			AsOf   string `json:"as_of"`
			Score  *int
			Status string
		} `json:"account_health"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	if len(doc.AccountHealth) != 30 {
		t.Fatalf("%d AHR points, want 30", len(doc.AccountHealth))
	}
	for _, p := range doc.AccountHealth {
		want, status := 0, "no_data"
		switch {
		case p.AsOf >= "2026-11-16":
			want, status = 80, "fail"
		case p.AsOf >= "2026-11-10":
			want, status = 150, "warn"
		case p.AsOf >= "2026-11-01":
			want, status = 250, "pass"
		}
		switch {
		case want == 0 && (p.Score != nil || p.Status != status):
			t.Errorf("%s: before the first report, score %v %s, want a gap", p.AsOf, p.Score, p.Status)
		case want != 0 && (p.Score == nil || *p.Score != want || p.Status != status):
			t.Errorf("%s: score %v %s, want %d %s", p.AsOf, p.Score, p.Status, want, status)
		}
	}
	if r.code != ExitFailed {
		t.Errorf("exit %d: the AHR fails on --to", r.code)
	}
	r = run(t, false, "trend", "--from", "2026-10-22", "--to", "2026-11-20", "--metric", "odr", "-o", "csv", dir)
	if !strings.Contains(r.stdout, "\n2026-11-12,account_health_rating,,,,150,,,warn,,amazon\n") || !strings.Contains(r.stdout, "\n2026-10-31,account_health_rating,,,,,,,no_data,,amazon\n") {
		t.Errorf("csv:\n%s", r.stdout)
	}

	// A single audit on 2026-11-12: the report of 2026-11-10, not the
	// later one, which is the future.
	d := runAmazonArgs(t, "all", "--as-of", "2026-11-12", "-o", "json", "--fail-on", "never", dir)
	found := false
	for _, a := range d.Account {
		if a.Kind == "account_health_rating" {
			found = true
			if a.Status != "warn" || !strings.HasSuffix(a.File, "performance-2026-11-10.json") {
				t.Errorf("AHR on 2026-11-12: %+v", a)
			}
		}
	}
	if !found {
		t.Error("no AHR on 2026-11-12")
	}
	r = run(t, false, "all", "--as-of", "2026-11-12", "--fail-on", "never", dir)
	if !strings.Contains(r.stdout+r.stderr, "dated after 2026-11-12 left out") || !strings.Contains(r.stdout+r.stderr, "performance-2026-11-16.json (2026-11-16)") {
		t.Errorf("no warning about the later report:\n%s\n%s", r.stdout, r.stderr)
	}
	// Before the first report, no account checks at all.
	if d := runAmazonArgs(t, "all", "--as-of", "2026-10-25", "-o", "json", "--fail-on", "never", dir); len(d.Account) != 0 {
		t.Errorf("account checks before the first report: %+v", d.Account)
	}
}

func runAmazonArgs(t *testing.T, args ...string) amazonDoc {
	t.Helper()
	r := run(t, false, args...)
	var d amazonDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	return d
}

// Claims Amazon counts that no file lists: the explanation names the
// orders of its window and channel with a negative feedback and no claim
// in the files, which could be the missing ones.
func TestAmazonClaimCandidates(t *testing.T) {
	perf := perfReport(t, t.TempDir(), 1, 95, 1, 0, 1, 1, 14, "")
	r := run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", "--fail-on", "never",
		filepath.Join(acme, "2026-11-20 All Orders.txt"), filepath.Join(acme, "Download (3).txt"), filepath.Join(acme, "Feedback.txt"), perf)
	var d amazonDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	for _, m := range d.Metrics {
		if m.Fulfillment != "mfn" {
			continue
		}
		text := strings.Join(m.Amazon.Explanations, "\n")
		if !strings.Contains(text, "Amazon counts 1 A-to-z claims; no file of them was given; orders with a negative feedback and no claim in the files, which could be among them: 114-6158072-6184001") {
			t.Errorf("explanations:\n%s", text)
		}
		return
	}
	t.Fatal("no seller-fulfilled ODR entry")
}
