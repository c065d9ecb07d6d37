package render_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

var flANSI = regexp.MustCompile("\x1b\\[[0-9;]*m")

var flTarget = health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.03}

// flEntry is one judged entry: num/den with a status, or not computed when
// den is -1.
func flEntry(id, seg string, days int, mkt string, num, den int, st health.Status) health.Verdict {
	r := metrics.Result{ID: id, Fulfillment: seg, WindowDays: days, Marketplace: mkt, Numerator: num, Denominator: den}
	if den < 0 {
		r.Denominator, r.NotComputed = 0, "needs a report"
		st = health.NotComputed
	}
	return health.Verdict{Result: r, Status: st, Threshold: flTarget}
}

func flReport(store string, warnings []string, vs ...health.Verdict) *health.Report {
	r := &health.Report{Command: "all", AsOf: civil.NewDate(2026, 11, 20), Marketplace: store, Profile: "amazon-eu",
		Metrics: vs, Warnings: warnings}
	r.Finish()
	return r
}

// flFleet: "de" computes the 10- and 30-day late shipment rate and the
// IDR of DE and FR; "it" only the 30-day one (listed first) and the IDR of
// IT; neither computes the cancel rate; "zz" could not be read.
func flFleet() *health.Fleet {
	f := &health.Fleet{Command: "all", AsOf: civil.NewDate(2026, 11, 20), Accounts: []health.Account{
		{Name: "de", Path: "fleet/de", Report: flReport("DE", []string{"one"},
			flEntry("late_shipment_rate", "", 10, "", 2, 51, health.Warn),
			flEntry("late_shipment_rate", "", 30, "", 3, 108, health.Pass),
			flEntry("prefulfillment_cancel_rate", "", 0, "", 0, -1, 0),
			flEntry("invoice_defect_rate", "", 0, "DE", 4, 11, health.Fail),
			flEntry("invoice_defect_rate", "", 0, "FR", 0, 0, health.NoData))},
		{Name: "it", Path: "fleet/it", Report: flReport("IT", nil,
			flEntry("late_shipment_rate", "", 30, "", 0, 20, health.Pass),
			flEntry("prefulfillment_cancel_rate", "", 0, "", 0, -1, 0),
			flEntry("invoice_defect_rate", "", 0, "IT", 1, 50, health.Pass))},
		{Name: "zz", Path: "fleet/zz", Error: "fleet/zz/feedback.txt:3:2: bad rating \"five\""},
	}}
	f.Finish()
	return f
}

func flRender(t *testing.T, fn render.FleetRenderer, f *health.Fleet, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b, f, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFleetTable(t *testing.T) {
	fn, err := render.LookupFleet("table")
	if err != nil {
		t.Fatal(err)
	}
	got := flRender(t, fn, flFleet(), render.Options{})
	// Columns: the late shipment windows in ascending order although "it"
	// lists 30 first, the stores of the IDR sorted; no column for the
	// cancel rate, which no account computed.
	want := `Accounts as of 2026-11-20

ACCOUNT  STORE  STATUS  LSR 10D     LSR 30D  IDR DE       IDR FR   IDR IT  WARNINGS
de       DE     FAIL    3.92% WARN  2.78%    36.36% FAIL  NO DATA  -              1
it       IT     PASS    -           0.00%    -            -        2.00%          0
zz              ERROR

Could not be read:
  zz: fleet/zz/feedback.txt:3:2: bad rating "five"

Not computed for any account: Pre-fulfillment Cancel Rate

WARNINGS counts what each account's audit warned about (skipped files, missing reports):
-o json lists them, and so does an audit of the account's folder alone.

Overall: ERROR (1 of 3 accounts could not be read)
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "\x1b") {
		t.Error("escape codes without colour")
	}
}

// No broken account and no warnings: no such sections, and the overall
// status is the worst account's.
func TestFleetTableHealthy(t *testing.T) {
	f := flFleet()
	f.Accounts = f.Accounts[1:2]
	f.Finish()
	got := flRender(t, render.FleetTable, f, render.Options{})
	want := `Accounts as of 2026-11-20

ACCOUNT  STORE  STATUS  LSR 30D  IDR IT  WARNINGS
it       IT     PASS    0.00%    2.00%          0

Not computed for any account: Pre-fulfillment Cancel Rate

Overall: PASS
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// With colour the words are coloured; without their escapes the table is
// the plain one.
func TestFleetTableColour(t *testing.T) {
	plain := flRender(t, render.FleetTable, flFleet(), render.Options{})
	col := flRender(t, render.FleetTable, flFleet(), render.Options{Color: true})
	for _, want := range []string{"\x1b[31;1mFAIL", "\x1b[33;1mWARN", "\x1b[31;1mERROR", "\x1b[32;1mPASS"} {
		if !strings.Contains(col, want) {
			t.Errorf("coloured table lacks %q", want)
		}
	}
	stripped := flANSI.ReplaceAllString(col, "")
	if stripped != plain {
		t.Errorf("coloured table without escapes:\n%s\nplain:\n%s", stripped, plain)
	}
}

// --details: each audited account's own table first, the summary last.
func TestFleetTableDetails(t *testing.T) {
	got := flRender(t, render.FleetTable, flFleet(), render.Options{Details: true})
	de := strings.Index(got, "== de (fleet/de) ==\n")
	it := strings.Index(got, "== it (fleet/it) ==\n")
	sum := strings.Index(got, "Accounts as of 2026-11-20")
	if de < 0 || it < de || sum < it || strings.Contains(got, "== zz") {
		t.Errorf("want de's table, it's table, then the summary (no section for zz):\n%s", got)
	}
	if !strings.HasSuffix(got, "Overall: ERROR (1 of 3 accounts could not be read)\n") {
		t.Errorf("does not end with the fleet's verdict:\n%s", got)
	}
}

func TestFleetSummary(t *testing.T) {
	var b bytes.Buffer
	render.FleetSummary(&b, flFleet())
	want := "audit all: ERROR as of 2026-11-20: 3 accounts: 1 unreadable (zz); 1 fail (de); 1 pass\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	f := &health.Fleet{Command: "odr", AsOf: civil.NewDate(2026, 11, 20), Accounts: []health.Account{
		{Name: "a", Report: flReport("", nil, flEntry("odr", "all", 0, "", 1, 125, health.Warn))},
		{Name: "b", Report: flReport("", nil, flEntry("odr", "all", 0, "", 0, 0, health.NoData))},
		{Name: "c", Report: flReport("", nil, flEntry("odr", "all", 0, "", 1, 125, health.Warn))},
	}}
	f.Finish()
	b.Reset()
	render.FleetSummary(&b, f)
	want = "audit odr: WARN as of 2026-11-20: 3 accounts: 2 warn (a, c); 1 no data\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestFleetJSON(t *testing.T) {
	fn, err := render.LookupFleet("json")
	if err != nil {
		t.Fatal(err)
	}
	out := flRender(t, fn, flFleet(), render.Options{})
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc["schema_version"] != 1.0 || doc["command"] != "all" || doc["as_of"] != "2026-11-20" || doc["status"] != "error" {
		t.Errorf("top level: %v", doc)
	}
	accounts := doc["accounts"].([]any)
	if len(accounts) != 3 {
		t.Fatalf("%d accounts, want 3", len(accounts))
	}
	keys := func(m map[string]any) string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return strings.Join(ks, ",")
	}
	de, it, zz := accounts[0].(map[string]any), accounts[1].(map[string]any), accounts[2].(map[string]any)
	if got, want := keys(de), "inputs,marketplace,metrics,name,profile,status,unmatched,warnings"; got != want {
		t.Errorf("de keys %s, want %s", got, want)
	}
	if de["name"] != "de" || de["status"] != "fail" || de["marketplace"] != "DE" || de["profile"] != "amazon-eu" {
		t.Errorf("de: %v", de)
	}
	// Lists are always present, [] when empty, never null.
	if it["warnings"] == nil || it["unmatched"] == nil || it["inputs"] == nil {
		t.Errorf("it: empty lists written as null: %v", it)
	}
	if got, want := keys(zz), "error,name,status"; got != want {
		t.Errorf("zz keys %s, want %s", got, want)
	}
	if zz["status"] != "error" || zz["error"] != `fleet/zz/feedback.txt:3:2: bad rating "five"` {
		t.Errorf("zz: %v", zz)
	}
	// The metrics entries are a single report's, byte for byte.
	var single bytes.Buffer
	if err := render.JSON(&single, flFleet().Accounts[0].Report, render.Options{}); err != nil {
		t.Fatal(err)
	}
	var one struct{ Metrics json.RawMessage }
	json.Unmarshal(single.Bytes(), &one)
	got, _ := json.Marshal(de["metrics"])
	var want any
	json.Unmarshal(one.Metrics, &want)
	wantB, _ := json.Marshal(want)
	if string(got) != string(wantB) {
		t.Errorf("de metrics\n got %s\nwant %s", got, wantB)
	}
}

// html has a fleet page (htmlfleet.go).
func TestLookupFleetHTML(t *testing.T) {
	if _, err := render.LookupFleet("html"); err != nil {
		t.Errorf("html has no fleet renderer: %v", err)
	}
}

// The AHR column shows Amazon's word when the rating has no score, "-" on
// an account without one; the notes count an unexplained difference; the
// markdown fleet says the same.
func TestFleetAmazon(t *testing.T) {
	differs := flEntry("late_shipment_rate", "", 10, "", 2, 50, health.Pass)
	differs.Amazon = &health.Amazon{Numerator: flInt(3), Denominator: flInt(50), Ours: health.Ours{Numerator: 2, Denominator: 50}}
	agrees := flEntry("late_shipment_rate", "", 30, "", 2, 100, health.Pass)
	agrees.Amazon = &health.Amazon{Numerator: flInt(2), Denominator: flInt(100), Agrees: true, Explained: true,
		Ours: health.Ours{Numerator: 2, Denominator: 100}}
	de := flReport("DE", nil, differs, agrees)
	de.Account = []health.AccountCheck{{Store: "DE", Kind: "account_health_rating", Value: "GOOD", Status: health.Pass, Reason: "Amazon says GOOD"}}
	de.Finish()
	f := &health.Fleet{Command: "all", AsOf: civil.NewDate(2026, 11, 20), Accounts: []health.Account{
		{Name: "de", Report: de}, {Name: "it", Report: flReport("IT", nil, flEntry("late_shipment_rate", "", 10, "", 0, 50, health.Pass))}}}
	out := flRender(t, render.FleetTable, f, render.Options{})
	for _, want := range []string{"AHR", "PASS    PASS GOOD  ", "de: 1 agree, 1 differs (1 unexplained)"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^it\s+IT\s+PASS\s+-\s`).MatchString(out) {
		t.Errorf("an account without a rating has no \"-\" in the AHR column:\n%s", out)
	}
	if strings.Contains(out, "Account health") {
		t.Errorf("a passing rating listed among what does not pass:\n%s", out)
	}
	md := flRender(t, render.MarkdownFleet, f, render.Options{})
	for _, want := range []string{"| Account | Status | AHR |", "✅ PASS GOOD", "Amazon's figures: 1 agree, 1 differs (1 unexplained)"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// Without any rating, no AHR column.
	f.Accounts = f.Accounts[1:]
	if out := flRender(t, render.FleetTable, f, render.Options{}); strings.Contains(out, "AHR") {
		t.Errorf("AHR column without a rating:\n%s", out)
	}
}

func flInt(n int) *int { return &n }
