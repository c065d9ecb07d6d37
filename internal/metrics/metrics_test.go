package metrics_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// WindowEnding(end, n) is the n days ending on end, both inclusive.
func TestWindowEnding(t *testing.T) {
	cases := []struct {
		end      string
		n        int
		from, to string
	}{
		{"2026-11-06", 60, "2026-09-08", "2026-11-06"},
		{"2026-11-20", 1, "2026-11-20", "2026-11-20"},
		{"2026-11-20", 7, "2026-11-14", "2026-11-20"},
		{"2026-03-01", 2, "2026-02-28", "2026-03-01"}, // not a leap year
		{"2028-03-01", 2, "2028-02-29", "2028-03-01"}, // leap year
		{"2027-01-05", 10, "2026-12-27", "2027-01-05"},
	}
	for _, c := range cases {
		w := metrics.WindowEnding(day(c.end), c.n)
		want := metrics.Window{From: day(c.from), To: day(c.to), Days: c.n}
		if w != want {
			t.Errorf("WindowEnding(%s, %d) = %s..%s/%d, want %s..%s/%d", c.end, c.n, w.From, w.To, w.Days, c.from, c.to, c.n)
		}
		// Days is the count of dates Contains accepts.
		inside := 0
		for d := w.From.AddDays(-3); d <= w.To.AddDays(3); d++ {
			if w.Contains(d) {
				inside++
			}
		}
		if inside != c.n {
			t.Errorf("WindowEnding(%s, %d) contains %d days", c.end, c.n, inside)
		}
	}
}

// Contains is inclusive at both ends.
func TestWindowContains(t *testing.T) {
	w := metrics.Window{From: day("2026-09-08"), To: day("2026-11-06"), Days: 60}
	for d, want := range map[string]bool{
		"2026-09-07": false, "2026-09-08": true, "2026-10-01": true, "2026-11-06": true, "2026-11-07": false,
	} {
		if got := w.Contains(day(d)); got != want {
			t.Errorf("Contains(%s) = %v, want %v", d, got, want)
		}
	}
}

// The window's JSON is the contract's {"from": "YYYY-MM-DD", "to": ..., "days": n}.
func TestWindowJSON(t *testing.T) {
	b, err := json.Marshal(metrics.Window{From: day("2026-09-08"), To: day("2026-11-06"), Days: 60})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"from":"2026-09-08","to":"2026-11-06","days":60}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

// Components marshal as an object in their own order (not sorted keys), as
// valid JSON even for keys that need escaping.
func TestComponentsMarshalJSON(t *testing.T) {
	cases := []struct {
		name string
		cs   metrics.Components
		want string
	}{
		{"contract order", metrics.Components{{"negative_feedback", 6}, {"a_to_z_claims", 5}, {"chargebacks", 2}},
			`{"negative_feedback":6,"a_to_z_claims":5,"chargebacks":2}`},
		{"not alphabetical", metrics.Components{{"z", 1}, {"a", 0}, {"m", 12345}},
			`{"z":1,"a":0,"m":12345}`},
		{"empty", metrics.Components{}, `{}`},
		{"nil", nil, `{}`},
		{"escaped key", metrics.Components{{`a"b\c<`, 1}}, `{"a\"b\\c\u003c":1}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The method's own bytes (json.Marshal would compact them).
			raw, err := c.cs.MarshalJSON()
			if err != nil || string(raw) != c.want || !json.Valid(raw) {
				t.Errorf("MarshalJSON = %s, %v; want %s", raw, err, c.want)
			}
			b, err := json.Marshal(c.cs)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != c.want {
				t.Errorf("got %s, want %s", b, c.want)
			}
			if !json.Valid(b) {
				t.Errorf("invalid JSON %s", b)
			}
			// Inside a struct, through the encoder (which re-validates it).
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(struct {
				C metrics.Components `json:"components"`
			}{c.cs}); err != nil {
				t.Fatal(err)
			}
			if want := `{"components":` + c.want + "}\n"; buf.String() != want {
				t.Errorf("in struct: got %s, want %s", buf.String(), want)
			}
			// Round trip: the counts come back under their keys.
			var m map[string]int
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			for _, comp := range c.cs {
				if m[comp.Key] != comp.Count {
					t.Errorf("round trip %q = %d, want %d", comp.Key, m[comp.Key], comp.Count)
				}
			}
		})
	}
}

func TestComponentsGet(t *testing.T) {
	cs := metrics.Components{{"a", 3}, {"b", 0}, {"c", 7}}
	for k, want := range map[string]int{"a": 3, "b": 0, "c": 7, "missing": 0} {
		if got := cs.Get(k); got != want {
			t.Errorf("Get(%q) = %d, want %d", k, got, want)
		}
	}
}

// Value is numerator / denominator as float64, and no value without a
// denominator (no_data, not 0).
func TestResultValue(t *testing.T) {
	cases := []struct {
		num, den int
		want     float64
		ok       bool
	}{
		{12, 976, float64(12) / float64(976), true},
		{8, 1000, 0.008, true},
		{10, 1000, 0.01, true},
		{0, 5, 0, true},
		{5, 5, 1, true},
		{0, 0, 0, false},
		{3, 0, 0, false}, // defects without orders is still no data
	}
	for _, c := range cases {
		v, ok := metrics.Result{Numerator: c.num, Denominator: c.den}.Value()
		if ok != c.ok || v != c.want || math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("Value(%d/%d) = %v, %v; want %v, %v", c.num, c.den, v, ok, c.want, c.ok)
		}
	}
	if v, _ := (metrics.Result{Numerator: 12, Denominator: 976}).Value(); math.Abs(v-0.012295081967213115) > 1e-18 {
		t.Errorf("12/976 = %v", v)
	}
}

// Rule (claims): counts unless denied, withdrawn or reversed on appeal; the
// strict setting adds denied only.
func TestClaimCounts(t *testing.T) {
	cases := []struct {
		st               records.ClaimStatus
		normal, stricter bool
	}{
		{records.ClaimUnknown, true, true},
		{records.ClaimUnderReview, true, true},
		{records.ClaimGranted, true, true},
		{records.ClaimSellerRefunded, true, true},
		{records.ClaimDenied, false, true},
		{records.ClaimWithdrawn, false, false},
		{records.ClaimReversedOnAppeal, false, false},
	}
	if len(cases) != len(records.ClaimStatuses())+1 {
		t.Fatalf("a claim status was added (%d named): give it a case", len(records.ClaimStatuses()))
	}
	for _, c := range cases {
		if got := metrics.ClaimCounts(c.st, false); got != c.normal {
			t.Errorf("ClaimCounts(%s, false) = %v, want %v", c.st, got, c.normal)
		}
		if got := metrics.ClaimCounts(c.st, true); got != c.stricter {
			t.Errorf("ClaimCounts(%s, true) = %v, want %v", c.st, got, c.stricter)
		}
	}
}

// Rule (feedback): negative is rating 1 or 2 and not removed.
func TestFeedbackCounts(t *testing.T) {
	for r := -1; r <= 6; r++ {
		for _, removed := range []bool{false, true} {
			want := (r == 1 || r == 2) && !removed
			if got := metrics.FeedbackCounts(records.Feedback{Rating: r, Removed: removed}); got != want {
				t.Errorf("FeedbackCounts(rating %d, removed %v) = %v, want %v", r, removed, got, want)
			}
		}
	}
}
