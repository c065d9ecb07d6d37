package health_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
)

var odr = health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}

type judgeCase struct {
	name string
	t    health.Threshold
	v    float64
	ok   bool
	want health.Status
}

func runJudge(t *testing.T, cases []judgeCase) {
	t.Helper()
	for _, c := range cases {
		if got := c.t.Judge(c.v, c.ok); got != c.want {
			t.Errorf("%s: Judge(%v %s %v warn %v advisory %v, ok %v) = %s, want %s",
				c.name, c.v, c.t.Op, c.t.Value, c.t.WarnAt, c.t.Advisory, c.ok, got, c.want)
		}
	}
}

// Rule: ODR target < 1 %; warn band from 80 % of the limit (ODR ≥ 0.8 %),
// both lines exact.
func TestJudgeODR(t *testing.T) {
	runJudge(t, []judgeCase{
		{"zero", odr, 0, true, health.Pass},
		{"just under warn", odr, 0.0079, true, health.Pass},
		{"warn exactly", odr, 0.008, true, health.Warn},
		{"inside warn band", odr, 0.0099, true, health.Warn},
		{"limit exactly fails (< target)", odr, 0.01, true, health.Fail},
		{"over limit", odr, 0.0123, true, health.Fail},
		{"all defective", odr, 1, true, health.Fail},
		{"no data", odr, 0, false, health.NoData},
		{"no data ignores value", odr, 0.5, false, health.NoData},
		// Real divisions, as metrics.Result.Value computes them: the
		// boundaries hold exactly.
		{"8/1000", odr, float64(8) / float64(1000), true, health.Warn},
		{"7/1000", odr, float64(7) / float64(1000), true, health.Pass},
		{"1/125", odr, float64(1) / float64(125), true, health.Warn},
		{"9/1000", odr, float64(9) / float64(1000), true, health.Warn},
		{"10/1000", odr, float64(10) / float64(1000), true, health.Fail},
		{"1/100", odr, float64(1) / float64(100), true, health.Fail},
		{"99/10000", odr, float64(99) / float64(10000), true, health.Warn},
		{"79/10000", odr, float64(79) / float64(10000), true, health.Pass},
		{"80/10000", odr, float64(80) / float64(10000), true, health.Warn},
		{"799/100000", odr, float64(799) / float64(100000), true, health.Pass},
		{"800/100000", odr, float64(800) / float64(100000), true, health.Warn},
		{"999/100000", odr, float64(999) / float64(100000), true, health.Warn},
		{"1000/100000", odr, float64(1000) / float64(100000), true, health.Fail},
	})
}

// The same boundaries through Judge(Result, Threshold), i.e. via
// Result.Value: 8/1000 warns, 10/1000 fails, 0/0 is no data.
func TestJudgeResult(t *testing.T) {
	cases := []struct {
		num, den int
		want     health.Status
	}{
		{7, 1000, health.Pass}, {8, 1000, health.Warn}, {9, 1000, health.Warn}, {10, 1000, health.Fail},
		{0, 976, health.Pass}, {12, 976, health.Fail}, {0, 0, health.NoData},
	}
	for _, c := range cases {
		r := metrics.Result{ID: "odr", Fulfillment: "all", Numerator: c.num, Denominator: c.den}
		v := health.Judge(r, defaults["odr"])
		if v.Status != c.want || v.Numerator != c.num || v.Denominator != c.den || v.Threshold != defaults["odr"] {
			t.Errorf("Judge(%d/%d) = %+v, want status %s", c.num, c.den, v, c.want)
		}
	}
}

// Defaults: ODR is "< 0.01" with the warn band at 0.008 (metrics.md).
func TestDefaultsODR(t *testing.T) {
	d, ok := defaults["odr"]
	if !ok || d.Op != health.Less || d.Value != 0.01 || d.WarnAt != 0.008 || d.Advisory {
		t.Errorf("Defaults[odr] = %+v", d)
	}
}

func TestJudgeOps(t *testing.T) {
	gt := health.Threshold{Op: health.Greater, Value: 0.95, WarnAt: 0.97}     // e.g. VTR > 95 %, warn within 2 points
	ge := health.Threshold{Op: health.GreaterEqual, Value: 0.9, WarnAt: 0.92} // e.g. OTDR ≥ 90 %
	le := health.Threshold{Op: health.LessEqual, Value: 0.05, WarnAt: 0.04}
	runJudge(t, []judgeCase{
		{">", gt, 0.99, true, health.Pass},
		{">", gt, 0.9701, true, health.Pass},
		{"> warn exactly", gt, 0.97, true, health.Warn},
		{">", gt, 0.96, true, health.Warn},
		{"> target exactly fails", gt, 0.95, true, health.Fail},
		{">", gt, 0.5, true, health.Fail},
		{">", gt, 0.5, false, health.NoData},
		{">= ", ge, 1, true, health.Pass},
		{">=", ge, 0.9201, true, health.Pass},
		{">= warn exactly", ge, 0.92, true, health.Warn},
		{">= target exactly meets (warn)", ge, 0.9, true, health.Warn},
		{">= real division 9/10", ge, float64(9) / float64(10), true, health.Warn},
		{">=", ge, 0.8999, true, health.Fail},
		{">=", ge, 0, false, health.NoData},
		{"<=", le, 0.0399, true, health.Pass},
		{"<= warn exactly", le, 0.04, true, health.Warn},
		{"<= target exactly meets (warn)", le, 0.05, true, health.Warn},
		{"<=", le, 0.0501, true, health.Fail},
		{"<=", le, 0, false, health.NoData},
	})
}

// Advisory: a miss is a warning, never a failure (EU on-time delivery).
func TestJudgeAdvisory(t *testing.T) {
	adv := health.Threshold{Op: health.Greater, Value: 0.97, WarnAt: 0.98, Advisory: true}
	advLess := health.Threshold{Op: health.Less, Value: 0.1, WarnAt: 0.08, Advisory: true}
	runJudge(t, []judgeCase{
		{"advisory pass", adv, 0.99, true, health.Pass},
		{"advisory warn band", adv, 0.975, true, health.Warn},
		{"advisory miss", adv, 0.5, true, health.Warn},
		{"advisory at target", adv, 0.97, true, health.Warn},
		{"advisory no data", adv, 0, false, health.NoData},
		{"advisory < miss", advLess, 0.5, true, health.Warn},
		{"advisory < pass", advLess, 0.01, true, health.Pass},
	})
}

func TestJudgeUnknownOpPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), `"=="`) {
			t.Errorf("recover() = %v, want a panic naming the op", r)
		}
	}()
	health.Threshold{Op: "=="}.Judge(0.5, true)
}

// Status names and severity order, as the JSON contract writes them.
func TestStatus(t *testing.T) {
	want := map[health.Status]string{health.NoData: "no_data", health.Pass: "pass", health.Warn: "warn", health.Fail: "fail"}
	for s, name := range want {
		if s.String() != name {
			t.Errorf("String(%d) = %q, want %q", int(s), s.String(), name)
		}
		b, err := json.Marshal(s)
		if err != nil || string(b) != `"`+name+`"` {
			t.Errorf("json(%d) = %s, %v", int(s), b, err)
		}
	}
	if !(health.NoData < health.Pass && health.Pass < health.Warn && health.Warn < health.Fail) {
		t.Error("severity order must be no_data < pass < warn < fail")
	}
}

func TestWorst(t *testing.T) {
	S := func(ss ...health.Status) []health.Status { return ss }
	cases := []struct {
		in   []health.Status
		want health.Status
	}{
		{S(), health.NoData},
		{S(health.NoData), health.NoData},
		{S(health.NoData, health.NoData), health.NoData},
		{S(health.NoData, health.Pass), health.Pass},
		{S(health.Pass, health.NoData), health.Pass},
		{S(health.Pass, health.Warn, health.Pass), health.Warn},
		{S(health.Fail, health.Warn, health.Pass, health.NoData), health.Fail},
		{S(health.NoData, health.Fail), health.Fail},
		{S(health.Warn, health.NoData), health.Warn},
	}
	for _, c := range cases {
		if got := health.Worst(c.in...); got != c.want {
			t.Errorf("Worst(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

// --fail-on takes one value or several separated by commas, in any case;
// "never" only alone.
func TestParseFailOn(t *testing.T) {
	parse := func(s string) health.FailOn {
		f, err := health.ParseFailOn(s)
		if err != nil {
			t.Fatalf("ParseFailOn(%q): %v", s, err)
		}
		return f
	}
	for in, want := range map[string]string{"fail": "fail", "FAIL": "fail", " Warn ": "warn", "never": "never",
		"fail,incomplete": "fail,incomplete", "fail, no_data": "fail,no-data", "incomplete,fail": "fail,incomplete"} {
		if got, w := parse(in), parse(want); got != w {
			t.Errorf("ParseFailOn(%q) = %v, want that of %q (%v)", in, got, want, w)
		}
	}
	for _, in := range []string{"", "no", "pass", "fail,never", "never,warn", "fail,,warn"} {
		_, err := health.ParseFailOn(in)
		want := fmt.Sprintf("--fail-on must be fail, warn, incomplete, no-data or never, or several of the first four separated by commas; got %q", in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseFailOn(%q) error = %v, want %q", in, err, want)
		}
	}
}

// Exit code 1 when an entry has a status of the set: fail; warn is warn,
// incomplete and fail; incomplete and no-data add those; never none. An
// unreadable account (error) fails with every set but never; not computed
// with none.
func TestFailOnFailed(t *testing.T) {
	all := []health.Status{health.NotComputed, health.NoData, health.Pass, health.Warn, health.Incomplete, health.Fail, health.Error}
	want := map[string][7]bool{
		"fail":                    {false, false, false, false, false, true, true},
		"warn":                    {false, false, false, true, true, true, true},
		"incomplete":              {false, false, false, false, true, false, true},
		"no-data":                 {false, true, false, false, false, false, true},
		"fail,incomplete,no-data": {false, true, false, false, true, true, true},
		"never":                   {false, false, false, false, false, false, false},
	}
	for in, row := range want {
		f, err := health.ParseFailOn(in)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range all {
			if got := f.Failed(s); got != row[i] {
				t.Errorf("--fail-on %s: Failed(%s) = %v, want %v", in, s, got, row[i])
			}
		}
		// Any entry of the set fails the run, whatever the worst status.
		if got := f.Failed(health.Pass, health.NoData); got != row[1] {
			t.Errorf("--fail-on %s: Failed(pass, no_data) = %v", in, got)
		}
	}
}

func TestReportFinish(t *testing.T) {
	v := func(s health.Status) health.Verdict { return health.Verdict{Status: s} }
	cases := []struct {
		name    string
		metrics []health.Verdict
		want    health.Status
	}{
		{"no metrics", nil, health.NoData},
		{"all no data", []health.Verdict{v(health.NoData), v(health.NoData), v(health.NoData)}, health.NoData},
		{"pass and no data", []health.Verdict{v(health.Pass), v(health.NoData), v(health.NoData)}, health.Pass},
		{"warn wins", []health.Verdict{v(health.Pass), v(health.Warn), v(health.NoData)}, health.Warn},
		{"fail wins", []health.Verdict{v(health.NoData), v(health.Fail), v(health.Warn)}, health.Fail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &health.Report{Command: "odr", Metrics: c.metrics, Status: health.Fail}
			r.Finish()
			if r.Status != c.want {
				t.Errorf("Status = %s, want %s", r.Status, c.want)
			}
			if r.Warnings == nil || r.Unmatched == nil || r.Inputs == nil {
				t.Errorf("nil slices after Finish: warnings %v, unmatched %v, inputs %v", r.Warnings == nil, r.Unmatched == nil, r.Inputs == nil)
			}
			// Encoded, the lists are [] not null.
			b, err := json.Marshal(struct {
				W any `json:"warnings"`
				U any `json:"unmatched"`
				I any `json:"inputs"`
			}{r.Warnings, r.Unmatched, r.Inputs})
			if err != nil || string(b) != `{"warnings":[],"unmatched":[],"inputs":[]}` {
				t.Errorf("lists encode as %s, %v", b, err)
			}
		})
	}

	// Finish keeps what is already there.
	r := &health.Report{
		Metrics:   []health.Verdict{v(health.Warn)},
		Warnings:  []string{"skipped x: not a recognised report"},
		Unmatched: []metrics.Unplaced{{OrderID: "1", Kind: "chargeback", File: "cb.csv", Line: 2}},
		Inputs:    []records.InputFile{{File: "orders.txt", Kind: "orders", Rows: 3}},
	}
	r.Finish()
	if len(r.Warnings) != 1 || len(r.Unmatched) != 1 || len(r.Inputs) != 1 || r.Status != health.Warn {
		t.Errorf("Finish changed existing content: %+v", r)
	}
}

// ---------------------------------------------------------------------------
// Seller-fulfilled targets (metrics.md; issue 3).

// The defaults of the seller-fulfilled metrics: the platform's target and
// the warn band of metrics.md, "Warn band (project policy)": "by default a
// 'less than' metric warns from 80 % of its limit ..., a 'greater than'
// metric within 2 points of it".
func TestDefaultsSellerFulfilled(t *testing.T) {
	cases := []struct {
		id            string
		op            health.Op
		value, warnAt float64
	}{
		{"late_shipment_rate", health.Less, 0.04, 0.032},         // < 4 %
		{"prefulfillment_cancel_rate", health.Less, 0.025, 0.02}, // < 2.5 %
		{"valid_tracking_rate", health.Greater, 0.95, 0.97},      // > 95 %
		{"on_time_delivery_rate", health.GreaterEqual, 0.90, 0.92},
		{"invoice_defect_rate", health.Less, 0.05, 0.04}, // < 5 %
	}
	for _, c := range cases {
		d, ok := defaults[c.id]
		if !ok || d.Op != c.op || d.Value != c.value || d.WarnAt != c.warnAt || d.Advisory || d.Source == "" {
			t.Errorf("Defaults[%s] = %+v, want %s %v warn %v", c.id, d, c.op, c.value, c.warnAt)
		}
	}
}

// ThresholdFor, on-time delivery: "Target per profile: US ≥ 90 %; EU 97 %
// advisory (a miss is warn, never fail)"; stores without a published
// target get the US line as advice; an unknown store ("") is judged as the
// US.
func TestThresholdForOnTimeDelivery(t *testing.T) {
	us := health.Threshold{Op: health.GreaterEqual, Value: 0.90, WarnAt: 0.92}
	eu := health.Threshold{Op: health.Greater, Value: 0.97, WarnAt: 0.99, Advisory: true}
	other := health.Threshold{Op: health.GreaterEqual, Value: 0.90, WarnAt: 0.92, Advisory: true}
	cases := []struct {
		store string
		want  health.Threshold
	}{
		{"US", us}, {"", us},
		{"DE", eu}, {"UK", eu}, {"FR", eu}, {"IT", eu}, {"ES", eu}, {"IE", eu}, {"NL", eu}, {"BE", eu}, {"SE", eu}, {"PL", eu},
		{"JP", other}, {"CA", other}, {"MX", other}, {"AU", other}, {"IN", other}, {"TR", other},
	}
	for _, c := range cases {
		got, ok := thresholdFor("on_time_delivery_rate", c.store)
		if !ok || got.Source == "" {
			t.Errorf("ThresholdFor(otdr, %q) = %+v, %v", c.store, got, ok)
		}
		got.Source = ""
		if got != c.want {
			t.Errorf("ThresholdFor(otdr, %q) = %+v, want %+v", c.store, got, c.want)
		}
	}
	// The US entry is Defaults' own.
	if got, _ := thresholdFor("on_time_delivery_rate", "US"); got != defaults["on_time_delivery_rate"] {
		t.Errorf("US threshold %+v is not Defaults'", got)
	}
}

// ThresholdFor: every other metric has one target whatever the store; an
// unknown id has none.
func TestThresholdForIgnoresStore(t *testing.T) {
	for _, id := range []string{"odr", "late_shipment_rate", "prefulfillment_cancel_rate", "valid_tracking_rate", "invoice_defect_rate"} {
		for _, store := range []string{"", "US", "DE", "UK", "JP", "XX"} {
			got, ok := thresholdFor(id, store)
			if !ok || got != defaults[id] {
				t.Errorf("ThresholdFor(%s, %q) = %+v, %v; want Defaults %+v", id, store, got, ok, defaults[id])
			}
		}
	}
	for _, store := range []string{"", "US", "DE"} {
		if got, ok := thresholdFor("no_such_metric", store); ok || got != (health.Threshold{}) {
			t.Errorf("ThresholdFor(no_such_metric, %q) = %+v, %v", store, got, ok)
		}
	}
}

// Judged through ThresholdFor: an EU miss warns and never fails; the US
// line fails; other stores only warn.
func TestJudgeOnTimeDeliveryByStore(t *testing.T) {
	cases := []struct {
		store    string
		num, den int
		want     health.Status
	}{
		{"US", 89, 100, health.Fail},
		{"US", 90, 100, health.Warn}, // meets ≥ 90 %, inside the warn band
		{"US", 92, 100, health.Warn},
		{"US", 93, 100, health.Pass},
		{"", 89, 100, health.Fail},
		{"DE", 0, 100, health.Warn}, // advisory: a miss is a warning
		{"DE", 89, 100, health.Warn},
		{"DE", 97, 100, health.Warn}, // not > 97 %
		{"DE", 98, 100, health.Warn}, // within 2 points
		{"DE", 99, 100, health.Warn},
		{"DE", 995, 1000, health.Pass},
		{"UK", 50, 100, health.Warn},
		{"UK", 100, 100, health.Pass},
		{"JP", 89, 100, health.Warn},
		{"JP", 91, 100, health.Warn},
		{"JP", 93, 100, health.Pass},
		{"DE", 0, 0, health.NoData},
		{"US", 0, 0, health.NoData},
	}
	for _, c := range cases {
		th, _ := thresholdFor("on_time_delivery_rate", c.store)
		r := metrics.Result{ID: "on_time_delivery_rate", Numerator: c.num, Denominator: c.den}
		if got := health.Judge(r, th); got.Status != c.want || got.Threshold != th {
			t.Errorf("%q %d/%d: %s, want %s", c.store, c.num, c.den, got.Status, c.want)
		}
	}
}

// NotComputed: a metric whose input is missing is judged not_computed
// whatever its counts, is the mildest status (below no_data), never fails
// a run, and leaves the overall status at no_data or above.
func TestNotComputed(t *testing.T) {
	th := defaults["late_shipment_rate"]
	r := metrics.Missing("late_shipment_rate", "needs the shipments file")
	r.WindowDays = 10
	v := health.Judge(r, th)
	if v.Status != health.NotComputed || !reflect.DeepEqual(v.Result, r) || v.Threshold != th {
		t.Errorf("Judge(missing) = %+v", v)
	}
	// Counts do not matter once the reason is set.
	r.Numerator, r.Denominator = 50, 100
	if v := health.Judge(r, th); v.Status != health.NotComputed {
		t.Errorf("Judge(missing with counts) = %s", v.Status)
	}
	// A computed empty result is no data, not "not computed".
	if v := health.Judge(metrics.Result{ID: "late_shipment_rate"}, th); v.Status != health.NoData {
		t.Errorf("Judge(empty) = %s", v.Status)
	}

	if s := health.NotComputed.String(); s != "not_computed" {
		t.Errorf("String = %q", s)
	}
	if b, err := json.Marshal(health.NotComputed); err != nil || string(b) != `"not_computed"` {
		t.Errorf("json = %s, %v", b, err)
	}
	if !(health.NotComputed < health.NoData) {
		t.Error("not_computed must rank below no_data")
	}
	for _, c := range []struct {
		in   []health.Status
		want health.Status
	}{
		{[]health.Status{health.NotComputed}, health.NoData},
		{[]health.Status{health.NotComputed, health.NotComputed}, health.NoData},
		{[]health.Status{health.NotComputed, health.Pass}, health.Pass},
		{[]health.Status{health.Fail, health.NotComputed}, health.Fail},
	} {
		if got := health.Worst(c.in...); got != c.want {
			t.Errorf("Worst(%v) = %s, want %s", c.in, got, c.want)
		}
		rep := &health.Report{}
		for _, s := range c.in {
			rep.Metrics = append(rep.Metrics, health.Verdict{Status: s})
		}
		rep.Finish()
		if rep.Status != c.want {
			t.Errorf("Finish(%v) = %s, want %s", c.in, rep.Status, c.want)
		}
	}
	for _, in := range []string{"fail", "warn", "never"} {
		if f, _ := health.ParseFailOn(in); f.Failed(health.NotComputed) {
			t.Errorf("--fail-on %s fails on not_computed", in)
		}
	}
}

// defaults are Amazon's targets as the built-in profiles hold them: the US
// profile's, and the EU one's for the invoice defect rate.
var defaults = func() map[string]health.Threshold {
	m := map[string]health.Threshold{}
	for _, name := range []string{"amazon-eu", "amazon-us"} {
		p, _ := profile.ByName(name)
		for _, e := range p.Entries {
			m[e.Metric] = e.Threshold()
		}
	}
	return m
}()

// thresholdFor is a store's target for a metric: its profile's entry, else
// (a metric the store's profile lacks) the default.
func thresholdFor(id, store string) (health.Threshold, bool) {
	if e, ok := profile.ForStore(store).Entry(id); ok {
		return e.Threshold(), true
	}
	t, ok := defaults[id]
	return t, ok
}

// The customer-service rating's band: 8 of 10 passes, 7.99 warns, 6
// warns, 5.99 fails (WarnBelow); without it a "greater than" target warns
// at its warn line too.
func TestJudgeWarnBelow(t *testing.T) {
	rating := health.Threshold{Op: health.GreaterEqual, Value: 6, WarnAt: 8, WarnBelow: true}
	for v, want := range map[float64]health.Status{10: health.Pass, 8: health.Pass, 7.99: health.Warn, 6: health.Warn, 5.99: health.Fail, 1: health.Fail} {
		if got := rating.Judge(v, true); got != want {
			t.Errorf("rating %v: %v, want %v", v, got, want)
		}
	}
	plain := rating
	plain.WarnBelow = false
	if got := plain.Judge(8, true); got != health.Warn {
		t.Errorf("without WarnBelow, 8 at a warn line of 8: %v, want warn", got)
	}
}

// An entry whose files do not cover its window is incomplete, whatever its
// figures say; Partial keeps what they say. A covered one is judged as
// usual.
func TestJudgeIncomplete(t *testing.T) {
	th := health.Threshold{Op: health.Less, Value: 0.01, WarnAt: 0.008}
	for _, c := range []struct {
		num, den int
		missing  bool
		want     health.Status
		partial  health.Status
	}{
		{0, 100, true, health.Incomplete, health.Pass},
		{5, 100, true, health.Incomplete, health.Fail},
		{0, 0, true, health.Incomplete, health.NoData},
		{5, 100, false, health.Fail, 0},
		{0, 100, false, health.Pass, 0},
	} {
		cov := &metrics.Coverage{Missing: []records.Range{}}
		if c.missing {
			cov.Missing = []records.Range{{From: 1, To: 2}}
		}
		v := health.Judge(metrics.Result{ID: "odr", Numerator: c.num, Denominator: c.den, Coverage: cov}, th)
		if v.Status != c.want || v.Partial != c.partial {
			t.Errorf("%d/%d missing %v: %s (partial %s), want %s (%s)", c.num, c.den, c.missing, v.Status, v.Partial, c.want, c.partial)
		}
		if v.Status == health.Incomplete && health.ForecastOf(v, 100) != nil {
			t.Errorf("an incomplete entry has a forecast")
		}
	}
}
