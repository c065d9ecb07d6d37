package input

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
	"golang.org/x/text/encoding/unicode"
)

func perfFile(name string) string { return filepath.Join("testdata", "performance", name) }

// perfStore is the comparable view of a StorePerformance, line included.
func perfStore(s records.StorePerformance) string {
	score := "-"
	if s.HealthRatingScore != nil {
		score = fmt.Sprint(*s.HealthRatingScore)
	}
	var w []string
	for _, x := range s.Warnings {
		w = append(w, x.Type+":"+x.Status)
	}
	return fmt.Sprintf("%s %s status=%s ahr=%s/%s warnings=[%s] line=%d", s.Store, s.MarketplaceID, s.AccountStatus, s.HealthRating, score, strings.Join(w, ","), s.Source.Line)
}

// perfTarget is the comparable view of a Target: metric[/fulfillment]
// window op value status rate numerator/denominator from..to, then its
// components when it has any.
func perfTarget(t records.Target) string {
	opt := func(v any) string {
		switch v := v.(type) {
		case *float64:
			if v != nil {
				return fmt.Sprint(*v)
			}
		case *int:
			if v != nil {
				return fmt.Sprint(*v)
			}
		}
		return "-"
	}
	rng := "-"
	if t.From != nil && t.To != nil {
		rng = t.From.String() + ".." + t.To.String()
	}
	m := t.Metric
	if t.Fulfillment != "" {
		m += "/" + t.Fulfillment
	}
	v := fmt.Sprintf("%s %dd %q %v %s rate=%s %s/%s %s", m, t.WindowDays, t.Op, t.Value, t.Status, opt(t.Rate), opt(t.Numerator), opt(t.Denominator), rng)
	if t.Components != nil {
		var cs []string
		for k, n := range t.Components {
			cs = append(cs, fmt.Sprintf("%s=%d", k, n))
		}
		sort.Strings(cs)
		v += " {" + strings.Join(cs, " ") + "}"
	}
	return v
}

// perfPolicies is the comparable view of a store's Policies: key count
// status op value from..to.
func perfPolicies(s records.StorePerformance) []string {
	var out []string
	for _, p := range s.Policies {
		n := "-"
		if p.Count != nil {
			n = fmt.Sprint(*p.Count)
		}
		rng := "-"
		if p.From != nil && p.To != nil {
			rng = p.From.String() + ".." + p.To.String()
		}
		out = append(out, fmt.Sprintf("%s %s %s %q %v %s", p.Key, n, p.Status, p.Op, p.Value, rng))
	}
	return out
}

func perfTargets(s records.StorePerformance) []string {
	var out []string
	for _, t := range s.Targets {
		out = append(out, perfTarget(t))
	}
	return out
}

func onePerformance(t *testing.T, l *Loaded) records.Performance {
	t.Helper()
	if len(l.Data.Performance) != 1 {
		t.Fatalf("%d performance reports, want 1", len(l.Data.Performance))
	}
	return l.Data.Performance[0]
}

func compareLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s\n got: %s\nwant: %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

// The schema's own example document, read to exact values.
func TestPerformanceSchemaExample(t *testing.T) {
	path := perfFile("schema-example.json")
	l := mustLoad(t, Options{}, path)
	p := onePerformance(t, l)
	if p.Source.File != path {
		t.Errorf("source %q, want %q", p.Source.File, path)
	}
	var stores []string
	for _, s := range p.Stores {
		stores = append(stores, perfStore(s))
	}
	compareLines(t, "stores", stores, []string{
		"US ATVPDKIKX0DER status=AT_RISK ahr=WARNED/- warnings=[spammingSellerMessaging:BAD] line=17",
		// Named by accountStatuses only: no figures.
		"CA A2EUQ1WTGCTBG2 status=NORMAL ahr=/- warnings=[] line=7",
		"MX A1AM78C64UM0Y8 status=SUSPENDED ahr=/- warnings=[] line=11",
	})
	compareLines(t, "US targets", perfTargets(p.Stores[0]), []string{
		// The example's afn entry says fulfillmentType "mfn": the key decides.
		// The parts of the numerator: negativeFeedback, claims, chargebacks.
		`odr/afn 60d "<" 0.01 GOOD rate=0.009 1078/539000 2020-09-06..2020-11-04 {a_to_z_claims=442 chargebacks=15 negative_feedback=628}`,
		`odr/mfn 60d "<" 0.01 GOOD rate=0.009 1078/539000 2020-09-06..2020-11-04 {a_to_z_claims=442 chargebacks=15 negative_feedback=628}`,
		`late_shipment_rate 30d "<" 0.04 GOOD rate=0.03203973037 27896/870669 2020-10-21..2020-11-19`,
		// prefulfillmentCancelRate, as the example spells it.
		`prefulfillment_cancel_rate 7d "<" 0.01 GOOD rate=0.005 551/17197 2020-11-12..2020-11-18`,
		// Counts above their denominators are kept as given.
		`valid_tracking_rate 30d ">" 0.95 GOOD rate=0.9529 896462/878443 2020-10-11..2020-11-09`,
		`on_time_delivery_rate 30d ">" 0.95 GOOD rate=0.9529 847987/808046 2020-10-11..2020-11-09`,
		// unitOnTimeDeliveryRate (US only): Amazon's figure, no metric of ours.
		`unit_on_time_delivery_rate 30d ">" 0.9 GOOD rate=0.8848 146/165 2020-10-11..2020-11-09`,
		`invoice_defect_rate 7d "<" 0.05 GOOD rate=0.03499611 315/9001 2020-10-21..2020-10-27 {late_invoice=101 missing_invoice=214}`,
	})
	// The policy-violation objects in the example's order; documentRequest
	// as the example spells it (its range runs backwards: kept as given).
	compareLines(t, "US policies", perfPolicies(p.Stores[0]), []string{
		`productSafetyCustomerComplaints 165 BAD "=" 0 2020-05-22..2020-11-17`,
		`receivedIntellectualPropertyComplaints 75 BAD "=" 0 2020-05-24..2020-11-19`,
		`listingPolicyViolations 86 BAD "=" 0 2020-05-24..2020-11-19`,
		`foodAndProductSafetyIssues 37 BAD "=" 0 2020-05-24..2020-11-19`,
		`productAuthenticityCustomerComplaints 212 BAD "=" 0 2020-05-22..2020-11-17`,
		`documentRequest 8 GOOD "=" 0 2020-11-21..2020-11-19`,
		`productConditionCustomerComplaints 337 BAD "=" 0 2020-05-22..2020-11-17`,
		`otherPolicyViolations 86 BAD "=" 0 2020-05-24..2020-11-19`,
	})
	if p.Version != 2 {
		t.Errorf("version %d, want 2", p.Version)
	}
	for _, s := range p.Stores[1:] {
		if len(s.Targets) != 0 {
			t.Errorf("%s: %d targets, want none", s.Store, len(s.Targets))
		}
	}
	if want := []records.InputFile{{File: path, Kind: "seller-performance", Rows: 1}}; !reflect.DeepEqual(l.Inputs, want) {
		t.Errorf("inputs %+v, want %+v", l.Inputs, want)
	}
	if !l.Data.Has("seller-performance") || len(l.Data.Kinds) != 1 {
		t.Errorf("kinds %v, want only seller-performance", l.Data.Kinds)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q, want none", l.Warnings)
	}
	if got := Kind("seller-performance").Title(); got != "seller performance report (SP-API V2 JSON or V1 XML)" {
		t.Errorf("title %q", got)
	}
	// One exact Target, field by field, so the view above cannot hide one.
	afn := p.Stores[0].Targets[0]
	if afn.Metric != "odr" || afn.Fulfillment != "afn" || afn.Op != "<" || afn.Value != 0.01 || afn.Status != "GOOD" ||
		*afn.Rate != 0.009 || *afn.Numerator != 1078 || *afn.Denominator != 539000 || afn.WindowDays != 60 ||
		afn.From.String() != "2020-09-06" || afn.To.String() != "2020-11-04" {
		t.Errorf("odr afn target %+v", afn)
	}
}

// Real payloads: schema spellings, ahrScore, lateShipmentRateList (one
// entry without a range), counts above denominators, seconds and offsets in
// the dates, unknown keys, an unknown condition and an unknown store.
func TestPerformanceRealQuirks(t *testing.T) {
	path := perfFile("real-quirks.json")
	l := mustLoad(t, Options{}, path)
	p := onePerformance(t, l)
	var stores []string
	for _, s := range p.Stores {
		stores = append(stores, perfStore(s))
	}
	compareLines(t, "stores", stores, []string{
		"DE A1PA6795UKMFR9 status=NORMAL ahr=GREAT/428 warnings=[] line=8",
		"UK A1F83G8C2ARO7P status=AT_RISK ahr=WARNED/180 warnings=[spammingSellerMessaging:BAD] line=50",
		" AXXXXNOTASTORE status= ahr=/- warnings=[] line=66",
		"FR A13V1IB3VIYZZH status=NORMAL ahr=/- warnings=[] line=5",
	})
	compareLines(t, "DE targets", perfTargets(p.Stores[0]), []string{
		// afn gives no parts: Components stays nil.
		`odr/afn 60d "<" 0.01 GOOD rate=0 -/4322 2021-10-29..2021-12-27`,
		`odr/mfn 60d "<" 0.01 BAD rate=0.02564102564102564 1/39 2021-10-29..2021-12-27 {a_to_z_claims=1 chargebacks=0 negative_feedback=0}`,
		// lateShipmentRateList: 10 and 30 days; 14 late of 12 kept as given.
		`late_shipment_rate 10d "<" 0.04 BAD rate=1.1666666666666667 14/12 2021-12-18..2021-12-27`,
		`late_shipment_rate 30d "<" 0.04 BAD rate=0.35 14/40 2021-11-28..2021-12-27`,
		`late_shipment_rate 0d "<" 0.04 GOOD rate=0 -/- -`,
		`prefulfillment_cancel_rate 7d "<" 0.025 GOOD rate=0.02 1/50 2021-12-21..2021-12-27`,
		`valid_tracking_rate 30d ">" 0.95 GOOD rate=1 -/7 2021-11-28..2021-12-27`,
		// Amazon says GOOD at 43 % against a 97 % target: both kept.
		`on_time_delivery_rate 30d ">" 0.97 GOOD rate=0.42857142857142855 3/7 2021-11-28..2021-12-27`,
		`invoice_defect_rate 30d "<" 0.05 BAD rate=0.1 2/20 2021-11-28..2021-12-27 {late_invoice=1 missing_invoice=1}`,
	})
	// policyViolationWarnings counts warningsCount and has no status or target.
	compareLines(t, "DE policies", perfPolicies(p.Stores[0]), []string{
		`listingPolicyViolations 0 GOOD "=" 0 2021-06-30..2021-12-27`,
		`policyViolationWarnings 0  "" 0 2021-06-30..2021-12-27`,
	})
	compareLines(t, "UK targets", perfTargets(p.Stores[1]), []string{
		// 2021-11-28T00:30:00+01:00 is 27 November UTC.
		`late_shipment_rate 30d "<" 0.04 GOOD rate=0.02 6/300 2021-11-27..2021-12-26`,
		`prefulfillment_cancel_rate 7d "<" 0.025 GOOD rate=0 0/70 2021-12-21..2021-12-27`,
		// GREATER_THAN_OR_EQUAL, as real payloads write it.
		`valid_tracking_rate 30d ">=" 0.95 NONE rate=- -/0 2021-11-28..2021-12-27`,
	})
	if n := len(p.Stores[2].Targets) + len(p.Stores[3].Targets); n != 0 {
		t.Errorf("%d targets for the unknown store and FR, want none", n)
	}
	compareLines(t, "warnings", l.Warnings, []string{
		path + `:66: performanceMetrics[2]: marketplaceId "AXXXXNOTASTORE" is not a store audit knows`,
	})
	if want := []records.InputFile{{File: path, Kind: "seller-performance", Rows: 3}}; !reflect.DeepEqual(l.Inputs, want) {
		t.Errorf("inputs %+v, want %+v", l.Inputs, want)
	}
}

// Real payloads' odd types: defectsCount for a count, LESS_THAN_OR_EQUAL and
// GREATER_THAN_OR_EQUAL (any case), warningStates as a list of strings, as an
// object of type to status and as one object, statuses outside the enum, an
// entry without marketplaceId, policy objects the schema does not list, and
// keys that feed no figure of a wrong type or value (warned, left out).
func TestPerformanceOddTypes(t *testing.T) {
	path := perfFile("odd-types.json")
	l := mustLoad(t, Options{}, path)
	p := onePerformance(t, l)
	var stores []string
	for _, s := range p.Stores {
		stores = append(stores, perfStore(s))
	}
	want := []string{
		"US ATVPDKIKX0DER status=UNDER_REVIEW ahr=AT_RISK/180 warnings=[spammingSellerMessaging:,listingPolicy:] line=6",
		"  status= ahr=/- warnings=[spammingSellerMessaging:BAD,productSafety:GOOD,other:] line=31",
		"DE A1PA6795UKMFR9 status= ahr=/- warnings=[spammingSellerMessaging:NONE] line=36",
	}
	compareLines(t, "stores", stores, want)
	compareLines(t, "US targets", perfTargets(p.Stores[0]), []string{
		`odr/mfn 60d "<=" 0.01 AT_RISK rate=0.015 3/200 2026-09-06..2026-11-04 {a_to_z_claims=2 chargebacks=0 negative_feedback=1}`,
		`on_time_delivery_rate 0d ">=" 0.9 GOOD rate=0.9777 88/90 -`,
		`unit_on_time_delivery_rate 14d ">" 0.9 GOOD rate=0.9375 300/320 2026-11-06..2026-11-19`,
		// lateInvoice not given: only missing_invoice.
		`invoice_defect_rate 0d "<" 0.05 BAD rate=0.1 1/10 - {missing_invoice=1}`,
	})
	compareLines(t, "US policies", perfPolicies(p.Stores[0]), []string{
		`customerProductReviewsPolicyViolations 2 BAD "=" 0 2026-05-24..2026-11-19`,
		`documentRequests 0 GOOD "" 0 -`,
		// targetValue "0" feeds no figure: left out with a warning.
		`restrictedProductPolicyViolations 4 WARNED "" 0 -`,
		`suspectedIntellectualPropertyViolations 1 BAD "" 0 -`,
	})
	compareLines(t, "entry without marketplaceId", perfTargets(p.Stores[1]), []string{
		`valid_tracking_rate 0d ">" 0.95 EXCELLENT rate=0.98 49/50 -`,
	})
	compareLines(t, "DE targets", perfTargets(p.Stores[2]), []string{
		`late_shipment_rate 0d "<" 0.04 FAIR rate=0.05 5/100 -`,
	})
	if s := p.Stores[2]; s.Policies != nil {
		t.Errorf("DE policies %v, want none", perfPolicies(s))
	}
	compareLines(t, "warnings", l.Warnings, []string{
		path + ":6: performanceMetrics[0].restrictedProductPolicyViolations.targetValue: want a number, got string; performanceMetrics[0].restrictedProductPolicyViolations.targetValue is not read (it feeds no figure)",
		path + `:6: performanceMetrics[0].suspectedIntellectualPropertyViolations.reportingDateRange.reportingDateFrom: want an ISO-8601 date or time, got "yesterday"; it is not read (it feeds no figure)`,
		path + ":31: performanceMetrics[1] has no marketplaceId",
	})
	if p.Version != 2 {
		t.Errorf("version %d, want 2", p.Version)
	}
}

// The same report gzip-compressed, as plain JSON named .gz (Amazon labels
// some documents gzip that are not), after a byte-order mark (UTF-8, and
// UTF-16 as Windows editors save it) and after blank lines reads the same.
func TestPerformanceWrapped(t *testing.T) {
	plain, err := os.ReadFile(perfFile("real-quirks.json"))
	if err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) string {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.String()
	}
	bom := append([]byte("\xef\xbb\xbf"), plain...)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(plain)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := onePerformance(t, mustLoad(t, Options{}, perfFile("real-quirks.json")))
	for _, tc := range []struct {
		name, body string
		shift      int // lines added before the document
	}{
		{"report.json.gz", gz(plain), 0},
		{"plain-labelled.json.gz", string(plain), 0},
		{"gzip-without-extension", gz(plain), 0},
		{"bom.json", string(bom), 0},
		{"bom-in-gzip.json.gz", gz(bom), 0},
		{"utf16.json", string(utf16), 0},
		{"blank-lines.json", "\n\n  " + string(plain), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, tc.name, tc.body)
			got := onePerformance(t, mustLoad(t, Options{}, path))
			if len(got.Stores) != len(want.Stores) {
				t.Fatalf("%d stores, want %d", len(got.Stores), len(want.Stores))
			}
			for i, w := range want.Stores {
				w.Source = records.Source{File: path, Line: w.Source.Line + tc.shift}
				if a, b := perfStore(got.Stores[i]), perfStore(w); a != b {
					t.Errorf("store %d: %s, want %s", i, a, b)
				}
				if got.Stores[i].Source.File != path {
					t.Errorf("store %d: file %q, want %q", i, got.Stores[i].Source.File, path)
				}
				compareLines(t, "targets", perfTargets(got.Stores[i]), perfTargets(w))
			}
		})
	}
}

// JSON that is not this report is not recognised, like any other file:
// an error when named, skipped with a warning in a folder.
func TestPerformanceNotRecognised(t *testing.T) {
	for _, tc := range []struct{ file, why string }{
		// No "performanceMetrics": read as text, its first line is no header.
		{"not-performance.json", `header row "{" matches no known report`},
		// Names it, but not as a top-level key (a JSON Schema of the report).
		{"json-schema.json", `a JSON document without a top-level "performanceMetrics" key`},
	} {
		path := perfFile(tc.file)
		err := loadErr(t, Options{}, path)
		wantErr(t, err, path+": not a recognised report ("+tc.why+"); see docs/formats.md for the accepted reports", new(*UnrecognisedError))
	}
	dir := t.TempDir()
	for _, f := range []string{"not-performance.json", "json-schema.json", "schema-example.json"} {
		b, err := os.ReadFile(perfFile(f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, f, string(b))
	}
	l := mustLoad(t, Options{}, dir)
	compareLines(t, "warnings", l.Warnings, []string{
		"skipped " + filepath.Join(dir, "json-schema.json") + ": not a recognised report",
		"skipped " + filepath.Join(dir, "not-performance.json") + ": not a recognised report",
	})
	if p := onePerformance(t, l); len(p.Stores) != 3 {
		t.Errorf("%d stores, want 3", len(p.Stores))
	}
}

// A command that does not use the kind skips the report, with a word when
// it was named on purpose; the dataset then does not have the kind.
func TestPerformanceNotUsed(t *testing.T) {
	path := perfFile("schema-example.json")
	l := mustLoad(t, Options{Kinds: map[string]bool{"orders": true}}, path)
	compareLines(t, "warnings", l.Warnings, []string{"skipped " + path + ": seller performance report (SP-API V2 JSON or V1 XML), not used by this command"})
	if l.Data.Has("seller-performance") || len(l.Data.Performance) != 0 {
		t.Errorf("read although not used: kinds %v, %d reports", l.Data.Kinds, len(l.Data.Performance))
	}
	// Not read, so a broken one stops nothing (as a bad row of a table).
	broken := perfFile("broken.json")
	l = mustLoad(t, Options{Kinds: map[string]bool{"orders": true}}, broken)
	compareLines(t, "warnings", l.Warnings, []string{"skipped " + broken + ": seller performance report (SP-API V2 JSON or V1 XML), not used by this command"})
}

// Broken documents: an *InputError at the line and column of the fault.
func TestPerformanceMalformed(t *testing.T) {
	path := perfFile("broken.json")
	err := loadErr(t, Options{}, path)
	inputErr(t, err, path, 6, 41, "")
	wantErr(t, err, path+":6:41: malformed JSON: invalid character ',' looking for beginning of object key string", new(*InputError))

	dir := t.TempDir()
	const head = "{\n  \"performanceMetrics\": [\n    {\n      \"marketplaceId\": \"ATVPDKIKX0DER\",\n"
	for _, tc := range []struct {
		name, body string
		line, col  int
		msg        string
	}{
		{"truncated.json", head + "      \"lateShipmentRate\": {\"rate\": 0.01\n", 5, 40,
			"malformed JSON: unexpected end of JSON input"},
		{"trailing.json", head + "      \"lateShipmentRate\": {}\n    }\n  ]\n}\n}\n", 9, 1,
			"malformed JSON: invalid character '}' after top-level value"},
		{"string-count.json", head + "      \"lateShipmentRate\": {\"orderCount\": \"many\"}\n    }\n  ]\n}\n", 5, 42,
			"performanceMetrics.lateShipmentRate.orderCount: want a number, got string"},
		{"object-rate.json", head + "      \"orderDefectRate\": {\"afn\": {\"rate\": {}}}\n    }\n  ]\n}\n", 5, 43,
			"performanceMetrics.orderDefectRate.afn.rate: want a number, got object"},
		{"metrics-object.json", "{\"performanceMetrics\": {\"marketplaceId\": \"X\"}}", 1, 24,
			"performanceMetrics: want a list, got object"},
		{"fraction-count.json", head + "      \"onTimeDeliveryRate\": {\"shipmentCountWithValidTracking\": 7.5}\n    }\n  ]\n}\n", 3, 0,
			"performanceMetrics[0].onTimeDeliveryRate.shipmentCountWithValidTracking: want a whole number, got 7.5"},
		{"bad-date.json", head + "      \"invoiceDefectRate\": {\"reportingDateRange\": {\"reportingDateFrom\": \"2021-02-30T00:00Z\"}}\n    }\n  ]\n}\n", 3, 0,
			`performanceMetrics[0].invoiceDefectRate.reportingDateRange.reportingDateFrom: want an ISO-8601 date or time, got "2021-02-30T00:00Z"`},
		// The parts of a numerator and policy counts are figures: strict.
		{"fraction-part.json", head + "      \"orderDefectRate\": {\"afn\": {\"claims\": {\"count\": 1.5}}}\n    }\n  ]\n}\n", 3, 0,
			"performanceMetrics[0].orderDefectRate.afn.claims.count: want a whole number, got 1.5"},
		{"fraction-defects.json", head + "      \"invoiceDefectRate\": {\"lateInvoice\": {\"defectsCount\": 0.5}}\n    }\n  ]\n}\n", 3, 0,
			"performanceMetrics[0].invoiceDefectRate.lateInvoice.defectsCount: want a whole number, got 0.5"},
		{"string-part.json", head + "      \"orderDefectRate\": {\"mfn\": {\"chargebacks\": {\"count\": \"1\"}}}\n    }\n  ]\n}\n", 5, 60,
			"performanceMetrics.orderDefectRate.mfn.chargebacks.count: want a number, got string"},
		{"fraction-policy.json", head + "      \"listingPolicyViolations\": {\"defectsCount\": 2.5}\n    }\n  ]\n}\n", 3, 0,
			"performanceMetrics[0].listingPolicyViolations.defectsCount: want a whole number, got 2.5"},
		{"string-policy.json", head + "      \"otherPolicyViolations\": {\"count\": \"none\"}\n    }\n  ]\n}\n", 5, 42,
			"performanceMetrics.otherPolicyViolations.count: want a number, got string"},
		{"fraction-units.json", head + "      \"unitOnTimeDeliveryRate\": {\"totalUnitCount\": 7.5}\n    }\n  ]\n}\n", 3, 0,
			"performanceMetrics[0].unitOnTimeDeliveryRate.totalUnitCount: want a whole number, got 7.5"},
		// A key that feeds a figure is strict, also after a key that
		// feeds none was left out for its type (encoding/json reports only
		// the first type error of a document).
		{"strict-after-loose.json", head + "      \"warningStates\": {\"a\": 1},\n      \"validTrackingRate\": {\"targetValue\": \"0.95\"}\n    }\n  ]\n}\n", 6, 44,
			"performanceMetrics.validTrackingRate.targetValue: want a number, got string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name, tc.body)
			err := loadErr(t, Options{}, p)
			inputErr(t, err, p, tc.line, tc.col, "")
			loc := fmt.Sprintf("%s:%d", p, tc.line)
			if tc.col > 0 {
				loc += fmt.Sprintf(":%d", tc.col)
			}
			wantErr(t, err, loc+": "+tc.msg, new(*InputError))
		})
	}
}

// The keys that feed no figure (accountStatuses, accountHealthRating and
// its keys, warningStates, a metric's status) are read leniently: a value
// of an unexpected JSON type (warningStates as a number: as an object or a
// list of strings it is read, TestPerformanceOddTypes), or a score with a fraction, leaves the key
// out with a warning placed at the line where its entry starts
// (accountStatuses: its own line), and the targets are read as usual.
func TestPerformanceLooseKeys(t *testing.T) {
	p := writeFile(t, t.TempDir(), "perf.json", `{
  "accountStatuses": {"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"},
  "performanceMetrics": [
    {
      "marketplaceId": "ATVPDKIKX0DER",
      "warningStates": 3,
      "accountHealthRating": {"ahrStatus": "GREAT", "ahrScore": "850"},
      "lateShipmentRate": {"status": 1, "rate": 0.01, "targetValue": 0.04, "targetCondition": "LESS_THAN"}
    },
    {
      "marketplaceId": "A1PA6795UKMFR9",
      "warningStates": [{"warningType": "a", "status": 2}],
      "warningState": [{"warningType": "b", "status": "GOOD"}],
      "accountHealthRating": "GREAT",
      "validTrackingRate": {"rate": 0.99, "targetValue": 0.95, "targetCondition": "GREATER_THAN"}
    },
    {
      "marketplaceId": "A1F83G8C2ARO7P",
      "accountHealthRating": {"accountHealthRatingStatus": ["GREAT"], "ahrStatus": "WARNED", "ahrScore": 1.5},
      "orderDefectRate": {"afn": {"status": null, "targetValue": 0.01, "targetCondition": "LESS_THAN"}}
    }
  ]
}
`)
	l := mustLoad(t, Options{}, p)
	compareLines(t, "warnings", l.Warnings, []string{
		p + ":2: accountStatuses: want a list, got object; accountStatuses is not read (it feeds no figure)",
		p + ":4: performanceMetrics[0].accountHealthRating.ahrScore: want a number, got string; performanceMetrics[0].accountHealthRating.ahrScore is not read (it feeds no figure)",
		p + ":4: performanceMetrics[0].warningStates: want a list, got number; performanceMetrics[0].warningStates is not read (it feeds no figure)",
		p + ":4: performanceMetrics[0].lateShipmentRate.status: want a string, got number; performanceMetrics[0].lateShipmentRate.status is not read (it feeds no figure)",
		p + ":10: performanceMetrics[1].accountHealthRating: want an object, got string; performanceMetrics[1].accountHealthRating is not read (it feeds no figure)",
		p + ":10: performanceMetrics[1].warningStates.status: want a string, got number; performanceMetrics[1].warningStates is not read (it feeds no figure)",
		p + ":17: performanceMetrics[2].accountHealthRating.accountHealthRatingStatus: want a string, got array; performanceMetrics[2].accountHealthRating.accountHealthRatingStatus is not read (it feeds no figure)",
		p + ":17: performanceMetrics[2].accountHealthRating.ahrScore: want a whole number, got 1.5; it is not read (it feeds no figure)",
	})
	s := onePerformance(t, l).Stores
	var stores []string
	var targets []string
	for _, st := range s {
		stores = append(stores, perfStore(st))
		targets = append(targets, perfTargets(st)...)
	}
	compareLines(t, "stores", stores, []string{
		"US ATVPDKIKX0DER status= ahr=GREAT/- warnings=[] line=4",
		"DE A1PA6795UKMFR9 status= ahr=/- warnings=[b:GOOD] line=10",
		"UK A1F83G8C2ARO7P status= ahr=WARNED/- warnings=[] line=17",
	})
	compareLines(t, "targets", targets, []string{
		`late_shipment_rate 0d "<" 0.04  rate=0.01 -/- -`,
		`valid_tracking_rate 0d ">" 0.95  rate=0.99 -/- -`,
		`odr/afn 0d "<" 0.01  rate=- -/- -`,
	})
}

// The schema's spelling wins when a document has both; an empty list is a
// report of no stores; a lowercase condition is accepted.
func TestPerformanceSpellings(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "both.json", `{"performanceMetrics": [{"marketplaceId": "A1PA6795UKMFR9",
 "prefulfillmentCancelRate": {"rate": 0.5, "targetValue": 0.01, "targetCondition": "LESS_THAN"},
 "preFulfillmentCancellationRate": {"rate": 0.02, "targetValue": 0.025, "targetCondition": "less_than"},
 "warningState": [{"warningType": "a", "status": "BAD"}], "warningStates": [{"warningType": "b", "status": "GOOD"}],
 "accountHealthRating": {"ahrStatus": "WARNED", "accountHealthRatingStatus": "GREAT"}}]}`)
	s := onePerformance(t, mustLoad(t, Options{}, p)).Stores
	if len(s) != 1 {
		t.Fatalf("%d stores", len(s))
	}
	compareLines(t, "targets", perfTargets(s[0]), []string{`prefulfillment_cancel_rate 0d "<" 0.025  rate=0.02 -/- -`})
	if got := perfStore(s[0]); got != "DE A1PA6795UKMFR9 status= ahr=GREAT/- warnings=[b:GOOD] line=1" {
		t.Errorf("store %s", got)
	}

	p = writeFile(t, dir, "empty.json", `{"accountStatuses": [], "performanceMetrics": []}`)
	l := mustLoad(t, Options{}, p)
	if got := onePerformance(t, l); len(got.Stores) != 0 || !l.Data.Has("seller-performance") {
		t.Errorf("empty report: %+v, kinds %v", got, l.Data.Kinds)
	}
}

func TestSniffPerformance(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`{"performanceMetrics": []}`, true},
		{" \r\n\t{\"a\": 1, \"performanceMetrics\": []}", true},
		{`[{"performanceMetrics": []}]`, false},
		{`{"performance": []}`, false},
		{"order-id\tperformanceMetrics", false},
		{"", false},
	} {
		if got := sniffPerformance([]byte(tc.in)); got != tc.want {
			t.Errorf("sniffPerformance(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// Whatever the bytes, reading a sniffed document fails cleanly, with an
// *InputError naming the file and a line, or yields records; it never
// panics, places values in linear work and warns a bounded number of times
// (checkPerformanceLoad). The many-entries seeds (perfBoundSeeds) hung it
// when each entry's line was counted from the start.
func FuzzPerformance(f *testing.F) {
	for _, name := range []string{"schema-example.json", "real-quirks.json", "odd-types.json", "broken.json", "json-schema.json"} {
		b, err := os.ReadFile(perfFile(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"performanceMetrics": [{"lateShipmentRateList": [{"reportingDateRange": {"reportingDateFrom": "2021-01-10T00:00Z", "reportingDateTo": "2021-01-01T00:00Z"}}]}]}`))
	for _, b := range perfBoundSeeds(f) {
		f.Add(b)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := checkPerformanceLoad(t, filepath.Join(dir, "doc.json"), b)
		if err == nil && sniffPerformance(b) && len(l.Data.Performance) != 1 {
			t.Errorf("a sniffed document read without error gave %d reports", len(l.Data.Performance))
		}
	})
}
