package render_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

// jxSuites is how a JUnit consumer reads the document: written here from the
// format, not shared with the renderer, so a renamed tag or attribute in
// the renderer fails the test.
type jxSuites struct {
	XMLName  xml.Name  `xml:"testsuites"`
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Errors   int       `xml:"errors,attr"`
	Skipped  int       `xml:"skipped,attr"`
	Suites   []jxSuite `xml:"testsuite"`
}

type jxSuite struct {
	Name       string `xml:"name,attr"`
	Tests      int    `xml:"tests,attr"`
	Failures   int    `xml:"failures,attr"`
	Errors     int    `xml:"errors,attr"`
	Skipped    int    `xml:"skipped,attr"`
	Timestamp  string `xml:"timestamp,attr"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []jxCase `xml:"testcase"`
}

type jxCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Time      string `xml:"time,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	} `xml:"error"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
	SystemOut string `xml:"system-out"`
}

func (s jxSuite) prop(name string) string {
	for _, p := range s.Properties {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

func (s jxSuite) find(t *testing.T, name string) jxCase {
	t.Helper()
	for _, c := range s.Cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("suite %q has no testcase %q", s.Name, name)
	return jxCase{}
}

var ciAsOf = civil.NewDate(2026, time.November, 20)

var ciODR = health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}

// ciReport has one entry of each status: pass, warn, fail (with a
// forecast and a defective order), no data, and not computed with a reason
// that needs escaping in XML and markdown.
func ciReport() *health.Report {
	window := metrics.Window{From: civil.NewDate(2026, time.September, 8), To: civil.NewDate(2026, time.November, 6), Days: 60}
	recovers := civil.NewDate(2027, time.January, 5)
	clean := 6
	r := &health.Report{
		Command: "all", AsOf: ciAsOf, Marketplace: "US", Profile: "amazon",
		Metrics: []health.Verdict{
			{Result: metrics.Result{ID: "odr", Fulfillment: "all", Numerator: 2, Denominator: 230, Window: window,
				Components: metrics.Components{{Key: "negative_feedback", Count: 2}}}, Status: health.Warn, Threshold: ciODR},
			{Result: metrics.Result{ID: "odr", Fulfillment: "afn", Numerator: 0, Denominator: 135, Window: window},
				Status: health.Pass, Threshold: ciODR},
			{Result: metrics.Result{ID: "odr", Fulfillment: "mfn", Numerator: 1, Denominator: 95, Window: window,
				Items: []metrics.Item{{OrderID: "112-0000001-0000001", OrderDate: civil.NewDate(2026, time.October, 2), Fulfillment: "mfn",
					KeyDate: civil.NewDate(2026, time.October, 2), Events: []metrics.Event{{Type: "a_to_z_claim", Date: civil.NewDate(2026, time.October, 9), Status: "granted"}},
					LeavesWindowOn: civil.NewDate(2026, time.December, 15)}}},
				Status: health.Fail, Threshold: ciODR,
				Forecast: &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: &recovers, CleanOrdersNeeded: &clean, DailyOrders: 1.6}},
			{Result: metrics.Result{ID: "late_shipment_rate", WindowDays: 10},
				Status: health.NoData, Threshold: health.Threshold{Op: health.Less, Value: 0.04, WarnAt: 0.03}},
			{Result: metrics.Result{ID: "invoice_defect_rate", NotComputed: `no <invoice> report & no "business" flag`},
				Status: health.NotComputed, Threshold: health.Threshold{Op: health.Less, Value: 0.05, WarnAt: 0.04}},
		},
	}
	r.Finish()
	return r
}

func ciParseJUnit(t *testing.T, b []byte) jxSuites {
	t.Helper()
	var doc jxSuites
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not JUnit XML: %v\n%s", err, b)
	}
	return doc
}

func TestJUnitReport(t *testing.T) {
	var buf bytes.Buffer
	if err := render.JUnit(&buf, ciReport(), render.Options{FailOn: health.FailOnFail}); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n<testsuites ")) {
		t.Errorf("document does not start with the XML declaration and <testsuites>:\n%s", out)
	}
	doc := ciParseJUnit(t, out)
	if doc.Name != "audit" || doc.Tests != 5 || doc.Failures != 1 || doc.Errors != 0 || doc.Skipped != 2 {
		t.Errorf("testsuites %q tests %d failures %d errors %d skipped %d, want audit 5 1 0 2",
			doc.Name, doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d testsuites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "audit all (US)" || s.Tests != 5 || s.Failures != 1 || s.Errors != 0 || s.Skipped != 2 {
		t.Errorf("testsuite %q tests %d failures %d errors %d skipped %d, want \"audit all (US)\" 5 1 0 2",
			s.Name, s.Tests, s.Failures, s.Errors, s.Skipped)
	}
	if s.Timestamp != "" || bytes.Contains(out, []byte("timestamp")) {
		t.Error("the document carries a timestamp; the output must not depend on the clock")
	}
	for k, want := range map[string]string{"as_of": "2026-11-20", "profile": "amazon", "marketplace": "US"} {
		if got := s.prop(k); got != want {
			t.Errorf("property %s = %q, want %q", k, got, want)
		}
	}

	fail := s.find(t, "odr mfn")
	if fail.Classname != "audit.US.odr" || fail.Time != "0" {
		t.Errorf("odr mfn: classname %q time %q, want audit.US.odr 0", fail.Classname, fail.Time)
	}
	if fail.Failure == nil {
		t.Fatal("odr mfn (fail) has no <failure>")
	}
	if want := "Order Defect Rate, Seller-fulfilled (MFN): 1.05% (1/95), target < 1%"; fail.Failure.Message != want || fail.Failure.Type != "fail" {
		t.Errorf("failure message %q type %q, want %q fail", fail.Failure.Message, fail.Failure.Type, want)
	}
	for _, want := range []string{"1 defective of 95 orders", "2026-09-08 to 2026-11-06", "2027-01-05", "6 more", "112-0000001-0000001", "2026-12-15"} {
		if !strings.Contains(fail.Failure.Text, want) {
			t.Errorf("failure details lack %q:\n%s", want, fail.Failure.Text)
		}
	}

	warn := s.find(t, "odr all")
	if warn.Failure != nil || warn.Skipped != nil || warn.Error != nil {
		t.Errorf("odr all (warn) must pass: %+v", warn)
	}
	if !strings.HasPrefix(warn.SystemOut, "WARN: Order Defect Rate, All orders: 0.87% (2/230), target < 1%") {
		t.Errorf("odr all system-out = %q, want WARN and the figures", warn.SystemOut)
	}
	pass := s.find(t, "odr afn")
	if pass.Failure != nil || pass.Skipped != nil || !strings.HasPrefix(pass.SystemOut, "PASS: ") {
		t.Errorf("odr afn (pass): %+v", pass)
	}
	noData := s.find(t, "late_shipment_rate 10d")
	if noData.Skipped == nil || !strings.HasPrefix(noData.Skipped.Message, "no data") || noData.Classname != "audit.US.late_shipment_rate" {
		t.Errorf("late_shipment_rate 10d (no data) = %+v, want <skipped message=\"no data...\">", noData)
	}
	nc := s.find(t, "invoice_defect_rate")
	if nc.Skipped == nil || !strings.Contains(nc.Skipped.Message, `no <invoice> report & no "business" flag`) {
		t.Errorf("invoice_defect_rate (not computed) = %+v, want the reason, unescaped after parsing", nc)
	}
	// The characters are escaped in the bytes, not written raw.
	if bytes.Contains(out, []byte(`<invoice>`)) || bytes.Contains(out, []byte(`& no`)) {
		t.Errorf("<, & written unescaped:\n%s", out)
	}
}

// Two renders of one report are the same bytes.
func TestJUnitDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := render.JUnit(&a, ciReport(), render.Options{FailOn: health.FailOnFail}); err != nil {
		t.Fatal(err)
	}
	if err := render.JUnit(&b, ciReport(), render.Options{FailOn: health.FailOnFail}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders differ")
	}
}

func ciFleet() *health.Fleet {
	okReport := &health.Report{Command: "all", AsOf: ciAsOf, Profile: "amazon", Marketplace: "DE",
		Metrics: []health.Verdict{{Result: metrics.Result{ID: "odr", Fulfillment: "all", Numerator: 0, Denominator: 20},
			Status: health.Pass, Threshold: ciODR}}}
	okReport.Finish()
	f := &health.Fleet{Command: "all", AsOf: ciAsOf, Accounts: []health.Account{
		{Name: "acme.us", Report: ciReport()},
		{Name: `bad <&"> co`, Error: "orders.txt:3:2: rating \"five\" is not a number <1-5> & more\x01"},
		{Name: "clean", Report: okReport},
	}}
	f.Finish()
	return f
}

func TestJUnitFleet(t *testing.T) {
	var buf bytes.Buffer
	if err := render.JUnitFleet(&buf, ciFleet(), render.Options{FailOn: health.FailOnFail}); err != nil {
		t.Fatal(err)
	}
	doc := ciParseJUnit(t, buf.Bytes())
	if doc.Tests != 7 || doc.Failures != 1 || doc.Errors != 1 || doc.Skipped != 2 {
		t.Errorf("testsuites tests %d failures %d errors %d skipped %d, want 7 1 1 2", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	want := []struct {
		name                             string
		tests, failures, errors, skipped int
	}{
		{"acme.us", 5, 1, 0, 2},
		{`bad <&"> co`, 1, 0, 1, 0},
		{"clean", 1, 0, 0, 0},
	}
	if len(doc.Suites) != len(want) {
		t.Fatalf("%d testsuites, want %d", len(doc.Suites), len(want))
	}
	for i, w := range want {
		s := doc.Suites[i]
		if s.Name != w.name || s.Tests != w.tests || s.Failures != w.failures || s.Errors != w.errors || s.Skipped != w.skipped {
			t.Errorf("suite %d: %q %d/%d/%d/%d, want %q %d/%d/%d/%d (tests/failures/errors/skipped)",
				i, s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, w.name, w.tests, w.failures, w.errors, w.skipped)
		}
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %q: tests=%d but %d testcases", s.Name, s.Tests, len(s.Cases))
		}
	}
	// The account, not the store, names the classnames of a fleet; a dot
	// in the name would read as a package.
	if c := doc.Suites[0].find(t, "odr mfn"); c.Classname != "audit.acme_us.odr" {
		t.Errorf("classname %q, want audit.acme_us.odr", c.Classname)
	}
	if got := doc.Suites[2].prop("marketplace"); got != "DE" {
		t.Errorf("clean: marketplace property %q, want DE", got)
	}
	load := doc.Suites[1].find(t, "load")
	// A control character is shown in its visible form (safetext), not
	// written raw nor lost.
	wantErr := "orders.txt:3:2: rating \"five\" is not a number <1-5> & more\\x01"
	if load.Error == nil || load.Error.Message != wantErr {
		t.Fatalf("broken account's load testcase = %+v, want <error message=%q>", load, wantErr)
	}
	if got := doc.Suites[1].prop("as_of"); got != "2026-11-20" {
		t.Errorf("broken account: as_of property %q", got)
	}
	if bytes.Contains(buf.Bytes(), []byte(`<1-5>`)) || bytes.Contains(buf.Bytes(), []byte(`<&"`)) {
		t.Errorf("error text written unescaped:\n%s", buf.String())
	}
}
