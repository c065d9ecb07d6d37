package input

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/records"
	"golang.org/x/text/encoding/unicode"
)

// A V1 report in the layout docs/formats.md gives: two stores, the first
// with every figure, the second with a marketplaceId attribute, statuses as
// attributes and a timeFrame of bare dates.
func TestPerformanceV1Report(t *testing.T) {
	path := perfFile("v1-report.xml")
	l := mustLoad(t, Options{}, path)
	p := onePerformance(t, l)
	if p.Version != 1 || p.Source.File != path {
		t.Errorf("version %d, file %q; want 1, %q", p.Version, p.Source.File, path)
	}
	var stores []string
	for _, s := range p.Stores {
		stores = append(stores, perfStore(s))
	}
	compareLines(t, "stores", stores, []string{
		"US ATVPDKIKX0DER status= ahr=/- warnings=[] line=3",
		"DE A1PA6795UKMFR9 status= ahr=/- warnings=[] line=79",
	})
	compareLines(t, "US targets", perfTargets(p.Stores[0]), []string{
		// No targets in V1: Op "" and Value 0. Rates are percentages in the
		// file (0.75%), fractions in the records. Statuses come from
		// performanceChecklist, as written.
		`odr/mfn 60d "" 0 Good rate=0.0075 9/1200 2026-09-06..2026-11-04 {a_to_z_claims=3 chargebacks=2 negative_feedback=4}`,
		`odr/afn 60d "" 0 Good rate=0.001 5/5000 2026-09-06..2026-11-04 {a_to_z_claims=0 chargebacks=0 negative_feedback=5}`,
		`late_shipment_rate 30d "" 0 Fair rate=0.045 18/400 2026-10-21..2026-11-19`,
		`late_shipment_rate 7d "" 0 Fair rate=0.0333 3/90 2026-11-13..2026-11-19`,
		`prefulfillment_cancel_rate 30d "" 0 Good rate=0.005 2/400 2026-10-21..2026-11-19`,
		`prefulfillment_cancel_rate 7d "" 0 Good rate=0 0/90 2026-11-13..2026-11-19`,
		`valid_tracking_rate 30d "" 0 Good rate=0.9789 372/380 2026-10-07..2026-11-05`,
		// No shipmentCountWithValidTracking in the entry: no denominator.
		`on_time_delivery_rate 30d "" 0 Good rate=0.9409 350/- 2026-10-07..2026-11-05`,
		// 41 under 24 hours of 41 + 6 + 3 contacts.
		`contact_response_rate 30d "" 0 Poor rate=- 41/50 2026-10-21..2026-11-19 {late_response=6 no_response=3}`,
		`return_dissatisfaction_rate 30d "" 0 Good rate=0.05 1/- 2026-10-21..2026-11-19`,
		// Named by performanceChecklist only: its status alone.
		`customer_service_dissatisfaction_rate 0d "" 0 None rate=- -/- -`,
	})
	compareLines(t, "US policies", perfPolicies(p.Stores[0]), []string{
		`policyViolation - Good "" 0 -`,
		`productAuthenticityStatus - Good "" 0 -`,
		`productSafetyStatus - Good "" 0 -`,
		`listingPolicyStatus - Poor "" 0 -`,
		`intellectualPropertyStatus - Good "" 0 -`,
	})
	compareLines(t, "DE targets", perfTargets(p.Stores[1]), []string{
		// No fulfillmentChannel: all channels.
		`odr 60d "" 0 Good rate=0 0/80 2026-09-06..2026-11-04`,
		`late_shipment_rate 0d "" 0 Good rate=- -/- -`,
	})
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q, want none", l.Warnings)
	}
	if want := []records.InputFile{{File: path, Kind: "seller-performance", Rows: 2}}; !reflect.DeepEqual(l.Inputs, want) {
		t.Errorf("inputs %+v, want %+v", l.Inputs, want)
	}
	// One exact Target, field by field.
	mfn := p.Stores[0].Targets[0]
	if mfn.Metric != "odr" || mfn.Fulfillment != "mfn" || mfn.Op != "" || mfn.Value != 0 || mfn.Status != "Good" ||
		*mfn.Rate != 0.0075 || *mfn.Numerator != 9 || *mfn.Denominator != 1200 || mfn.WindowDays != 60 ||
		mfn.From.String() != "2026-09-06" || mfn.To.String() != "2026-11-04" ||
		!reflect.DeepEqual(mfn.Components, map[string]int{"negative_feedback": 4, "a_to_z_claims": 3, "chargebacks": 2}) {
		t.Errorf("odr mfn target %+v", mfn)
	}
}

// What the layout leaves open is read leniently: a sellerPerformanceReport
// root, namespaces, ISO-8859-1, a channel given above the entry (an
// attribute, an element named mfn) or not known, rates without '%', empty
// or N/A, a count written as the element's own text, the contact counts
// directly in buyerSellerContactResponseTimeMetrics, a timeFrame in another
// zone, and no marketplaceId.
func TestPerformanceV1Quirks(t *testing.T) {
	path := perfFile("v1-quirks.xml")
	l := mustLoad(t, Options{}, path)
	p := onePerformance(t, l)
	if len(p.Stores) != 1 || p.Version != 1 {
		t.Fatalf("%d stores, version %d", len(p.Stores), p.Version)
	}
	if got := perfStore(p.Stores[0]); got != "  status= ahr=/- warnings=[] line=3" {
		t.Errorf("store %s", got)
	}
	compareLines(t, "targets", perfTargets(p.Stores[0]), []string{
		// 2026-08-01T00:00:00+02:00 is 31 July UTC.
		`odr/afn 61d "" 0 Fair rate=0.008 2/250 2026-07-31..2026-09-29 {negative_feedback=2}`,
		`odr/mfn 0d "" 0 Fair rate=- 0/10 -`,
		`odr 0d "" 0 Fair rate=- 1/- -`,
		`on_time_delivery_rate 0d "" 0 N/A rate=- -/- -`,
		// noResponseForContactsOlderThan24Hours not given: no denominator.
		`contact_response_rate 0d "" 0  rate=- 12/- - {late_response=1}`,
	})
	compareLines(t, "warnings", l.Warnings, []string{
		path + ":3: /sellerPerformanceReport has no marketplaceId",
		path + `:22: /sellerPerformanceReport/orderDefectMetrics: fulfillmentType "Prime" is neither AFN nor MFN; the entry is read as all channels`,
	})
}

// The V1 report gzip-compressed, after a byte-order mark, and in UTF-16
// (whose declaration says so) reads the same.
func TestPerformanceV1Wrapped(t *testing.T) {
	plain, err := os.ReadFile(perfFile("v1-report.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(bytes.Replace(plain, []byte(`encoding="UTF-8"`), []byte(`encoding="UTF-16"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	want := onePerformance(t, mustLoad(t, Options{}, perfFile("v1-report.xml")))
	dir := t.TempDir()
	for name, body := range map[string][]byte{
		"v1.xml.gz":  gz.Bytes(),
		"bom.xml":    append([]byte("\xef\xbb\xbf"), plain...),
		"utf16.xml":  utf16,
		"report.txt": plain,
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, dir, name, string(body))
			l := mustLoad(t, Options{}, path)
			got := onePerformance(t, l)
			if len(got.Stores) != len(want.Stores) || got.Version != 1 {
				t.Fatalf("%d stores, version %d", len(got.Stores), got.Version)
			}
			for i := range want.Stores {
				compareLines(t, "targets", perfTargets(got.Stores[i]), perfTargets(want.Stores[i]))
				if a, b := perfStore(got.Stores[i]), perfStore(want.Stores[i]); a != b {
					t.Errorf("store %d: %s, want %s", i, a, b)
				}
			}
			if len(l.Warnings) != 0 {
				t.Errorf("warnings %q", l.Warnings)
			}
		})
	}
}

// A command that does not use the kind skips a V1 report like a V2 one.
func TestPerformanceV1NotUsed(t *testing.T) {
	path := perfFile("v1-report.xml")
	l := mustLoad(t, Options{Kinds: map[string]bool{"orders": true}}, path)
	compareLines(t, "warnings", l.Warnings, []string{"skipped " + path + ": seller performance report (SP-API V2 JSON or V1 XML), not used by this command"})
}

// XML that is not the report is not recognised; in a folder, it is skipped.
func TestPerformanceV1NotRecognised(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "page.xml", "<?xml version=\"1.0\"?>\n<html><body>sellerPerformanceReport</body></html>\n")
	err := loadErr(t, Options{}, path)
	wantErr(t, err, path+": not a recognised report (an XML document whose root element is <html>, not <sellerPerformanceReports>); see docs/formats.md for the accepted reports", new(*UnrecognisedError))
	l := mustLoad(t, Options{}, dir)
	compareLines(t, "warnings", l.Warnings, []string{"skipped " + path + ": not a recognised report"})
}

// Figures are strict, and broken or hostile XML is an error at its line;
// nothing panics or runs out of memory.
func TestPerformanceV1Malformed(t *testing.T) {
	dir := t.TempDir()
	const head = "<sellerPerformanceReports>\n<sellerPerformanceReport>\n<orderDefects>\n<orderDefectMetrics>\n"
	const tail = "</orderDefectMetrics>\n</orderDefects>\n</sellerPerformanceReport>\n</sellerPerformanceReports>\n"
	const odr = "/sellerPerformanceReports/sellerPerformanceReport/orderDefects/orderDefectMetrics"
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"fraction-count.xml", head + "<orderWithDefects><count>1</count></orderWithDefects>\n<orderCount>12.5</orderCount>\n" + tail, 6,
			odr + "/orderCount: want a whole number, got 12.5"},
		{"word-count.xml", head + "<orderWithDefects><count>1</count></orderWithDefects>\n<a_z_claims>\n<count>three</count>\n</a_z_claims>\n" + tail, 7,
			odr + `/a_z_claims/count: want a whole number, got "three"`},
		{"bad-rate.xml", head + "<orderWithDefects><count>1</count>\n<rate>abc%</rate></orderWithDefects>\n" + tail, 6,
			odr + `/orderWithDefects/rate: want a percentage, got "abc%"`},
		{"bad-date.xml", head + "<timeFrame>\n<start>yesterday</start>\n</timeFrame>\n<orderWithDefects><count>1</count></orderWithDefects>\n" + tail, 6,
			odr + `/timeFrame/start: want an ISO-8601 date or time, got "yesterday"`},
		{"bad-contact.xml", "<sellerPerformanceReport>\n<buyerSellerContactResponseTimeMetrics>\n<responseUnder24Hours>-</responseUnder24Hours>\n</buyerSellerContactResponseTimeMetrics>\n</sellerPerformanceReport>\n", 3,
			`/sellerPerformanceReport/buyerSellerContactResponseTimeMetrics/responseUnder24Hours: want a whole number, got "-"`},
		{"mismatched.xml", head + "<orderCount>1</orderCounts>\n" + tail, 5,
			"malformed XML: element <orderCount> closed by </orderCounts>"},
		{"truncated.xml", head + "<orderCount>1</orderCount>\n", 5,
			"malformed XML: unexpected EOF"},
		{"entity.xml", head + "<orderCount>&bogus;</orderCount>\n" + tail, 5,
			"malformed XML: invalid character entity &bogus;"},
		{"two-roots.xml", "<sellerPerformanceReport/>\n<sellerPerformanceReport/>\n", 2,
			"malformed XML: a second root element <sellerPerformanceReport>"},
		{"charset.xml", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<sellerPerformanceReport/>\n", 1,
			`opening charset "Shift_JIS": the XML declaration names encoding "Shift_JIS", which audit does not read: save the report as UTF-8`},
		{"deep.xml", "<sellerPerformanceReport>\n" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "\n</sellerPerformanceReport>\n", 2,
			"XML elements nested more than 64 deep: not a seller performance report"},
		{"many.xml", "<sellerPerformanceReport>\n" + strings.Repeat("<a/>", maxXMLElements) + "\n</sellerPerformanceReport>\n", 2,
			"an XML document of more than 100000 elements: not a seller performance report"},
		{"attrs.xml", "<sellerPerformanceReport>\n" + strings.Repeat(`<a b="" c="" d="" e="" f="" g="" h="" i="" j="" k=""/>`, maxXMLAttrs/10+1) + "\n</sellerPerformanceReport>\n", 2,
			"an XML document of more than 100000 attributes: not a seller performance report"},
		{"long-tag.xml", "<sellerPerformanceReport>\n<a b='>" + strings.Repeat("x", maxXMLTag) + "'/>\n</sellerPerformanceReport>\n", 2,
			"an XML tag longer than 64 KiB: not a seller performance report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name, tc.body)
			err := loadErr(t, Options{}, p)
			inputErr(t, err, p, tc.line, 0, "")
			wantErr(t, err, fmt.Sprintf("%s:%d: %s", p, tc.line, tc.msg), new(*InputError))
		})
	}
}

// Long comments and CDATA sections, and '>' inside attribute values, are
// no long tags.
func TestXMLTagsBounded(t *testing.T) {
	long := strings.Repeat("y", 2*maxXMLTag)
	for _, tc := range []struct {
		in   string
		line int
		ok   bool
	}{
		{"<a><!--" + long + "--></a>", 0, true},
		{"<a><![CDATA[" + long + "]]></a>", 0, true},
		{"<?pi " + long + "?><a/>", 0, true},
		{`<a b=">" c='>'>` + long + "</a>", 0, true},
		{"<a>\n\n<b c=\"" + long + "\"/></a>", 3, false},
		{"<a>\n<b " + long, 2, false},
		{"<a b='", 0, true}, // unterminated: encoding/xml says so
	} {
		line, ok := xmlTagsBounded([]byte(tc.in))
		if line != tc.line || ok != tc.ok {
			t.Errorf("xmlTagsBounded(%.20q...) = %d, %v; want %d, %v", tc.in, line, ok, tc.line, tc.ok)
		}
	}
}

func TestSniffPerformanceXML(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`<?xml version="1.0"?><sellerPerformanceReports/>`, true},
		{"\r\n <sellerPerformanceReport>", true},
		{`<amz:sellerPerformanceReport xmlns:amz="x">`, true},
		{`<html>`, false},
		{`x<sellerPerformanceReport>`, false},
		{`{"sellerPerformanceReport": 1}`, false},
	} {
		if got := sniffPerformanceXML([]byte(tc.in)); got != tc.want {
			t.Errorf("sniffPerformanceXML(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if got := sniffPerformance([]byte(tc.in)); got != tc.want {
			t.Errorf("sniffPerformance(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// Whatever the bytes, reading a sniffed V1 document fails cleanly or
// yields one report of Version 1; it never panics, and its errors and
// warnings are checked as FuzzPerformance's (checkPerformanceLoad).
func FuzzPerformanceV1(f *testing.F) {
	for _, name := range []string{"v1-report.xml", "v1-quirks.xml"} {
		b, err := os.ReadFile(perfFile(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<sellerPerformanceReport><orderDefectMetrics fulfillmentChannel=\"AFN\"><orderCount>1e3</orderCount><orderWithDefects>2<rate>1e400%</rate></orderWithDefects></orderDefectMetrics></sellerPerformanceReport>"))
	f.Add([]byte("<sellerPerformanceReports><sellerPerformanceReport><buyerSellerContactResponseTimeMetrics><responseTimeMetrics><responseUnder24Hours>9007199254740993</responseUnder24Hours><responseTimeGreaterThan24Hours>9007199254740992</responseTimeGreaterThan24Hours><noResponseForContactsOlderThan24Hours>9007199254740992</noResponseForContactsOlderThan24Hours></responseTimeMetrics></buyerSellerContactResponseTimeMetrics></sellerPerformanceReport></sellerPerformanceReports>"))
	// Many entries, each warned about (a channel neither AFN nor MFN).
	var many strings.Builder
	many.WriteString("<sellerPerformanceReport>\n")
	for range 300 {
		many.WriteString("<orderDefectMetrics fulfillmentType=\"Prime\"><orderWithDefects>1</orderWithDefects></orderDefectMetrics>\n")
	}
	many.WriteString("</sellerPerformanceReport>\n")
	f.Add([]byte(many.String()))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := checkPerformanceLoad(t, filepath.Join(dir, "doc.xml"), b)
		if err == nil && sniffPerformanceXML(b) {
			if len(l.Data.Performance) != 1 || l.Data.Performance[0].Version != 1 {
				t.Errorf("a sniffed document read without error gave %d reports", len(l.Data.Performance))
			}
		}
	})
}

// A quoted value is cut on a character boundary and never inside an
// e-mail address, so that the error's mask sees it whole.
func TestClipKeepsPersonalDataWhole(t *testing.T) {
	got := clip("contact jane.doe@example.com now", 20)
	if !strings.Contains(got, "jane.doe@example.com") {
		t.Errorf("clip cut the address: %q", got)
	}
	if got := clip("ééééééééééééééééééééééé", 11); !utf8.ValidString(got) {
		t.Errorf("clip split a character: %q", got)
	}
}
