package input

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func ebayFile(name string) string { return filepath.Join("testdata", "ebay", name) }

// The research fixtures: a single profile, the list of profiles, and a
// customer service metric, with both value forms (bare numbers and rate
// objects whose percent is a string).
func TestEbayFixtures(t *testing.T) {
	l := mustLoad(t, Options{}, ebayFile("ebay_seller_standards_profile.json"))
	st := l.Data.Ebay.Standards
	if len(st) != 1 || st[0].Program != "PROGRAM_US" || st[0].Cycle != "CURRENT" || st[0].Level != "ABOVE_STANDARD" || st[0].EvaluationMonth != "2025-05" {
		t.Fatalf("profile = %+v", st)
	}
	if st[0].EvaluationDate == nil || st[0].EvaluationDate.String() != "2025-05-20" || st[0].DefaultProgram == nil || !*st[0].DefaultProgram {
		t.Errorf("evaluation date %v, default %v", st[0].EvaluationDate, st[0].DefaultProgram)
	}
	ms := st[0].Metrics
	if len(ms) != 4 {
		t.Fatalf("%d metrics", len(ms))
	}
	if m := ms[0]; m.Key != "MIN_DAYS_ON_SITE" || m.Number == nil || *m.Number != 1460 || m.Lower == nil || *m.Lower != 90 || m.Rate != nil {
		t.Errorf("NUMBER metric = %+v", m)
	}
	tdr := ms[2]
	if tdr.Key != "DEFECTIVE_TRANSACTION_RATE" || tdr.Rate == nil || !near(*tdr.Rate, 0.0078) || *tdr.Numerator != 4 || *tdr.Denominator != 512 ||
		tdr.Upper == nil || !near(*tdr.Upper, 0.02) || tdr.From.String() != "2024-05-01" || tdr.To.String() != "2025-04-30" || tdr.Line != 31 {
		t.Errorf("RATE metric = %+v", tdr)
	}

	l = mustLoad(t, Options{}, ebayFile("ebay_find_seller_standards_profiles.json"))
	if st := l.Data.Ebay.Standards; len(st) != 3 || st[1].Cycle != "PROJECTED" || st[2].Program != "PROGRAM_GLOBAL" || len(st[2].Metrics) != 0 || st[1].Source.Line != 70 {
		t.Errorf("profiles = %+v", st)
	}

	l = mustLoad(t, Options{}, ebayFile("ebay_customer_service_metric.json"))
	sv := l.Data.Ebay.Service
	if len(sv) != 1 || sv[0].Type != "ITEM_NOT_RECEIVED" || sv[0].Cycle != "CURRENT" || sv[0].MarketplaceID != "EBAY_US" || len(sv[0].Dimensions) != 2 {
		t.Fatalf("service = %+v", sv)
	}
	d := sv[0].Dimensions[0]
	if d.Name != "Domestic" || *d.Transactions != 488 || *d.Count != 3 || !near(*d.Rate, 0.0061) || d.Rating != "LOW" || !near(*d.PeerAverage, 0.0054) {
		t.Errorf("dimension = %+v", d)
	}
}

// A bad value is an *InputError at its line and column.
func TestEbayMalformed(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, text, want string }{
		{"syntax", "{\"standardsLevel\": \"TOP_RATED\",\n  \"metrics\": [,]}", ":2:15: malformed JSON: invalid character ',' looking for beginning of value"},
		{"value string", "{\"standardsLevel\": \"TOP_RATED\",\n \"metrics\": [\n  {\"metricKey\": \"X\", \"value\": \"7\"}]}", ":3:31: metrics[0].value: want a number or a rate object, got string"},
		{"percent", "{\"standardsLevel\": \"TOP_RATED\",\n \"metrics\": [\n  {\"metricKey\": \"X\",\n   \"value\": {\"value\": \"abc\"}}]}", ":4:23: metrics[0].value.value: want a percent (\"0.78\"), got \"abc\""},
		{"count", "{\"standardsProfiles\": [{\"standardsLevel\": \"TOP_RATED\",\n \"metrics\": [\n  {\"metricKey\": \"X\", \"value\": {\"value\": \"1\", \"numerator\": 1.5}}]}]}", ":3:59: standardsProfiles[0].metrics[0].value.numerator: want a whole number, got 1.5"},
		{"date", "{\"standardsLevel\": \"TOP_RATED\", \"cycle\": {\"cycleType\": \"CURRENT\",\n \"evaluationDate\": \"soon\"}}", ":2:20: cycle.evaluationDate:"},
		{"service count", "{\"dimensionMetrics\": [{\"dimension\": {\"dimensionKey\": \"SHIPPING_REGION\"},\n \"metrics\": [{\"metricKey\": \"COUNT\", \"value\": \"many\"}]}]}", ":2:46: dimensionMetrics[0].metrics[0].value: want a count (\"488\"), got \"many\""},
	} {
		path := filepath.Join(dir, tc.name+".json")
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		err := loadErr(t, Options{}, path)
		var ie *InputError
		if err == nil || !errors.As(err, &ie) {
			t.Errorf("%s: error %v, want an *InputError", tc.name, err)
			continue
		}
		if got := err.Error(); len(got) < len(path+tc.want) || got[:len(path+tc.want)] != path+tc.want {
			t.Errorf("%s:\n got %s\nwant %s...", tc.name, got, path+tc.want)
		}
	}
}

// Placing every entry of a long document reads each object and array
// once and counts lines forward: linear work, not a walk from the start
// for each entry (a 4 MB file of 20,000 metrics took minutes).
func TestEbayIndexLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"program": "PROGRAM_US", "metrics": [`)
	const n = 3000
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n  {\"metricKey\": \"K%d\", \"value\": %d}", i, i)
	}
	b.WriteString("]}")
	data := []byte(b.String())
	x := newJSONIndex(data)
	before := positionWork.Load()
	for i := range n {
		off := x.offset([]any{"metrics", i, "value"})
		if got := string(data[off : off+len(strconv.Itoa(i))]); got != strconv.Itoa(i) {
			t.Fatalf("metrics[%d].value at %d reads %q", i, off, got)
		}
		if line, _ := x.lines.at(off); line != i+2 {
			t.Fatalf("metrics[%d] on line %d, want %d", i, line, i+2)
		}
	}
	if work := positionWork.Load() - before; work > int64(2*len(data)) {
		t.Errorf("lines counted over %d bytes for a document of %d", work, len(data))
	}
	if len(x.items) != 1 || len(x.members) != n+1 {
		t.Errorf("%d arrays and %d objects read, want 1 and %d (each once)", len(x.items), len(x.members), n+1)
	}
}
