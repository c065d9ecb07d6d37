package health_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rule under test is docs/metrics.md, "Forecast". Every expectation is
// worked out by hand in the comment beside it.

var (
	vtr      = health.Threshold{Op: health.Greater, Value: 0.95, WarnAt: 0.97}     // valid tracking
	otdrUS   = health.Threshold{Op: health.GreaterEqual, Value: 0.9, WarnAt: 0.92} // on-time delivery, US
	otdrEU   = health.Threshold{Op: health.Greater, Value: 0.97, WarnAt: 0.99, Advisory: true}
	idrLE    = health.Threshold{Op: health.LessEqual, Value: 0.05, WarnAt: 0.04}
	tenPct   = health.Threshold{Op: health.Less, Value: 0.1, WarnAt: 0.08}
	zeroLess = health.Threshold{Op: health.Less, Value: 0, WarnAt: 0}
)

// asOfDay is the audit date of the hand-made cases.
var asOfDay = date("2026-03-20")

func date(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// dc is one key date's counts: numerator (bad orders for "<" metrics, good
// ones for ">" metrics) and population.
type dc struct{ num, den int }

// flat is n days of den orders each, numerator num.
func flat(n, num, den int) []dc {
	out := make([]dc, n)
	for i := range out {
		out[i] = dc{num, den}
	}
	return out
}

// entry is a result on asOfDay whose window is the windowDays days ending
// lag days before it; days[i] are the counts of key date window start + i,
// up to asOfDay (len(days) = windowDays + lag). Numerator and Denominator
// are the window's sums, as the metric computes them.
func entry(windowDays, lag int, days []dc) metrics.Result {
	return entryOn(asOfDay, windowDays, lag, days)
}

// entryOn is entry on another audit date.
func entryOn(asOf civil.Date, windowDays, lag int, days []dc) metrics.Result {
	w := metrics.WindowEnding(asOf.AddDays(-lag), windowDays)
	if len(days) != windowDays+lag {
		panic(fmt.Sprintf("entry: %d days given, want %d", len(days), windowDays+lag))
	}
	r := metrics.Result{ID: "test", Window: w, Days: make([]metrics.Day, len(days))}
	for i, d := range days {
		r.Days[i] = metrics.Day{Date: w.From.AddDays(i), Numerator: d.num, Denominator: d.den}
		if i < windowDays {
			r.Numerator += d.num
			r.Denominator += d.den
		}
	}
	return r
}

// forecast judges r against t and forecasts it on asOfDay; it checks the
// status the case expects, so a case cannot silently test another status.
func forecast(t *testing.T, r metrics.Result, th health.Threshold, status health.Status) *health.Forecast {
	t.Helper()
	v := health.Judge(r, th)
	if v.Status != status {
		t.Fatalf("%d/%d against %s %v: status %s, want %s", r.Numerator, r.Denominator, th.Op, th.Value, v.Status, status)
	}
	return health.ForecastOf(v, asOfDay)
}

func intp(n int) *int { return &n }

func datep(s string) *civil.Date {
	d := date(s)
	return &d
}

func check(t *testing.T, name string, got *health.Forecast, want health.Forecast) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: forecast nil, want %+v", name, want)
		return
	}
	if got.Goal != want.Goal || got.Op != want.Op || got.Line != want.Line || got.DailyOrders != want.DailyOrders || got.Reason != want.Reason {
		t.Errorf("%s: goal %q %s %v, daily %v, reason %q; want goal %q %s %v, daily %v, reason %q", name,
			got.Goal, got.Op, got.Line, got.DailyOrders, got.Reason, want.Goal, want.Op, want.Line, want.DailyOrders, want.Reason)
	}
	if !sameDate(got.RecoversOn, want.RecoversOn) {
		t.Errorf("%s: recovers_on %s, want %s", name, showDate(got.RecoversOn), showDate(want.RecoversOn))
	}
	if !sameInt(got.CleanOrdersNeeded, want.CleanOrdersNeeded) {
		t.Errorf("%s: clean_orders_needed %s, want %s", name, showInt(got.CleanOrdersNeeded), showInt(want.CleanOrdersNeeded))
	}
}

func sameDate(a, b *civil.Date) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
func sameInt(a, b *int) bool         { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func showDate(d *civil.Date) string {
	if d == nil {
		return "nil"
	}
	return d.String()
}

func showInt(n *int) string {
	if n == nil {
		return "nil"
	}
	return fmt.Sprint(*n)
}

// A failing ODR recovers the day its old defects leave the window.
//
// Window 10 days ending as-of − 2: 2026-03-09..03-18; 20 orders a day, so
// 200 orders and 20 a day on average; defects: 2 on 03-09, 1 on 03-12.
// ODR 3/200 = 1.5 %: FAIL. On 03-21 the window is 03-10..03-19: 180 known
// orders of 03-10..03-18 plus the 20 already known of 03-19 = 200, with one
// defect (03-12): 1/200 = 0.5 % < 1 %, so it recovers on 03-21.
// Clean orders: 3/(200+n) < 1/100 ⇔ n > 100, so 101 (3/300 is exactly 1 %).
func TestForecastRollOff(t *testing.T) {
	days := flat(12, 0, 20)
	days[0].num, days[3].num = 2, 1
	f := forecast(t, entry(10, 2, days), odr, health.Fail)
	check(t, "roll-off", f, health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-03-21"), CleanOrdersNeeded: intp(101), DailyOrders: 20})
}

// A defect already known on an order dated in the lag enters the window
// later and holds the rate at exactly 1 % (which fails "< 1 %") until it
// leaves again.
//
// Window 03-09..03-18, lag 2, 10 orders a day (100); 2 defects on 03-09:
// 2/100 = 2 % FAIL. Known lag days: 03-19 has 10 orders with 1 defect,
// 03-20 has 10 orders and none.
//   - 03-21 (03-10..03-19): 100 orders, 1 defect (03-19): 1/100, not < 1 %.
//   - 03-22 (03-11..03-20): 100 orders, 1 defect: 1/100.
//   - 03-23..03-30 (k = 3..10): known 03-(9+k)..03-20 is (12−k)×10 orders
//     plus (k−2)×10 projected: 100 orders, still the 03-19 defect: 1/100.
//   - 03-31 (03-20..03-29): 10 known + 90 projected, no defect: 0 < 1 %.
//
// Clean orders: 2/(100+n) < 1/100 ⇔ n > 100: 101.
func TestForecastLagDefect(t *testing.T) {
	days := flat(12, 0, 10)
	days[0].num = 2
	days[10].num = 1 // 03-19, in the lag
	f := forecast(t, entry(10, 2, days), odr, health.Fail)
	check(t, "lag defect", f, health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-03-31"), CleanOrdersNeeded: intp(101), DailyOrders: 10})
}

// Known orders of the lag days dilute the rate before any defect leaves.
//
// Window 03-09..03-18, lag 2, 10 orders a day (100), 2 defects on 03-15:
// 2 % FAIL. Known lag days: 100 orders on 03-19 and on 03-20, no defect.
//   - 03-21 (03-10..03-19): 90 + 100 = 190 orders: 2/190 ≈ 1.05 %, no.
//   - 03-22 (03-11..03-20): 80 + 200 = 280 orders: 2/280 ≈ 0.71 % < 1 %.
//
// Had the lag days been projected at the average 10 a day, the defects
// would have had to leave (03-27).
func TestForecastLagVolume(t *testing.T) {
	days := flat(12, 0, 10)
	days[6].num = 2
	days[10].den, days[11].den = 100, 100
	f := forecast(t, entry(10, 2, days), odr, health.Fail)
	check(t, "lag volume", f, health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-03-22"), CleanOrdersNeeded: intp(101), DailyOrders: 10})
}

// Projected defect-free orders dilute a defect on the window's last day.
//
// Window 03-11..03-20 (lag 0); all 60 orders on 03-20, 1 defective:
// 1/60 ≈ 1.67 % FAIL; 6 orders a day on average. On 03-20+k (k ≤ 9) the
// window holds the 60 known orders and 6k projected: 1/(60+6k) < 1/100 ⇔
// 6k > 40 ⇔ k ≥ 7. k = 6: 1/96, no; k = 7: 1/102, yes: 03-27.
// Clean orders: 1/(60+n) < 1/100 ⇔ n > 40: 41.
func TestForecastProjectedDilution(t *testing.T) {
	days := flat(10, 0, 0)
	days[9] = dc{1, 60}
	f := forecast(t, entry(10, 0, days), odr, health.Fail)
	check(t, "dilution", f, health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-03-27"), CleanOrdersNeeded: intp(41), DailyOrders: 6})
}

// The worked example of docs/metrics.md, "Forecast": ODR as of 2026-11-20,
// window 2026-09-08..11-06, 5 orders a day; defects on 09-10, 09-20, 10-15
// and 11-01 in the window (4/300), and on 11-10 in the lag. The count of
// defects in later windows: 11-23: 3 (1 %, fails), 11-24: 4 (11-10 enters),
// 12-03: 3, 12-28: 2 (0.67 %): recovers on 2026-12-28. Today 4/(300+n) <
// 1/100 ⇔ n > 100: 101.
func TestForecastDocExample(t *testing.T) {
	asOf := date("2026-11-20")
	days := flat(74, 0, 5)
	from := date("2026-09-08")
	for _, d := range []string{"2026-09-10", "2026-09-20", "2026-10-15", "2026-11-01", "2026-11-10"} {
		days[date(d)-from].num = 1
	}
	r := entryOn(asOf, 60, 14, days)
	if r.Window.From != from || r.Numerator != 4 || r.Denominator != 300 {
		t.Fatalf("window %v, %d/%d; want from 2026-09-08, 4/300", r.Window, r.Numerator, r.Denominator)
	}
	v := health.Judge(r, odr)
	check(t, "doc example", health.ForecastOf(v, asOf), health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-12-28"), CleanOrdersNeeded: intp(101), DailyOrders: 5})

	// Without the defect of 11-10 (in the lag), 12-03 already: 2/300.
	days[date("2026-11-10")-from].num = 0
	v = health.Judge(entryOn(asOf, 60, 14, days), odr)
	check(t, "doc example without the lag defect", health.ForecastOf(v, asOf), health.Forecast{Goal: "target", Op: "<", Line: 0.01,
		RecoversOn: datep("2026-12-03"), CleanOrdersNeeded: intp(101), DailyOrders: 5})
}

// A fractional daily volume is projected exactly.
//
// Window 03-18..03-20 (3 days, lag 0), 7 orders on 03-20 with 1 bad: 1/7 ≈
// 14.3 % against "< 10 %": FAIL; 7/3 orders a day.
//   - 03-21: 7 + 7/3 = 28/3 orders: 1/(28/3) = 3/28 ≈ 10.7 %, no.
//   - 03-22: 7 + 14/3 = 35/3 orders: 3/35 ≈ 8.6 % < 10 %.
//
// Clean orders: 1/(7+n) < 1/10 ⇔ n > 3: 4 (1/10 is not under).
func TestForecastFractionalVolume(t *testing.T) {
	f := forecast(t, entry(3, 0, []dc{{0, 0}, {0, 0}, {1, 7}}), tenPct, health.Fail)
	check(t, "fractional", f, health.Forecast{Goal: "target", Op: "<", Line: 0.1,
		RecoversOn: datep("2026-03-22"), CleanOrdersNeeded: intp(4), DailyOrders: 7.0 / 3})
}

// A warning aims to pass: under the warn line 0.8 %, strictly.
//
// Window 03-11..03-20 (lag 0), 100 orders a day (1000); 1 defect on 03-11,
// 8 on 03-15: 9/1000 = 0.9 % WARN.
//   - 03-21..03-24: the 8 defects of 03-15 and 1000 orders (known plus
//     projected): 8/1000 = 0.8 %, exactly the warn line, still a warning.
//   - 03-25 (03-16..03-25): no defect: passes.
//
// Clean orders: 9/(1000+n) < 8/1000 ⇔ 1000+n > 1125: 126 (9/1125 = 0.8 %).
func TestForecastWarnGoalPass(t *testing.T) {
	days := flat(10, 0, 100)
	days[0].num, days[4].num = 1, 8
	f := forecast(t, entry(10, 0, days), odr, health.Warn)
	check(t, "warn", f, health.Forecast{Goal: "pass", Op: "<", Line: 0.008,
		RecoversOn: datep("2026-03-25"), CleanOrdersNeeded: intp(126), DailyOrders: 100})
}

// A ">" metric counts good orders: defect-free orders add to numerator and
// denominator.
//
// Valid tracking > 95 %. Window 03-11..03-20 (lag 0), 10 shipments a day,
// all valid except the 10 of 03-13: 90/100 = 90 % FAIL.
//   - 03-21: known 03-12..03-20: 80 valid of 90, + 10 projected: 90/100, no.
//   - 03-22: known 03-13..03-20: 70 of 80, + 20: 90/100, no.
//   - 03-23: known 03-14..03-20: 70 of 70, + 30: 100/100 > 95 %.
//
// Clean orders: (90+n)/(100+n) > 95/100 ⇔ 5n > 500 ⇔ n > 100: 101
// (190/200 is exactly 95 %, which fails "> 95 %").
func TestForecastGreater(t *testing.T) {
	days := flat(10, 10, 10)
	days[2].num = 0
	f := forecast(t, entry(10, 0, days), vtr, health.Fail)
	check(t, "vtr", f, health.Forecast{Goal: "target", Op: ">", Line: 0.95,
		RecoversOn: datep("2026-03-23"), CleanOrdersNeeded: intp(101), DailyOrders: 10})
}

// Goals of warnings on ">" and ">=" targets, and of advisory ones.
func TestForecastGoals(t *testing.T) {
	// first is 100 orders, all on the window's first day (03-11), num of
	// them counted.
	first := func(num int) metrics.Result {
		days := flat(10, 0, 0)
		days[0] = dc{num, 100}
		return entry(10, 0, days)
	}
	cases := []struct {
		name   string
		r      metrics.Result
		t      health.Threshold
		status health.Status
		want   health.Forecast
	}{
		// ">= 90 %", warn ≤ 92 %: 91/100 warns; the goal is "> 92 %".
		// (91+n)/(100+n) > 92/100 ⇔ 8n > 100 ⇔ n > 12.5: 13
		// (103/112 ≈ 91.96 %, 104/113 ≈ 92.04 %).
		{"otdr US warn", first(91), otdrUS, health.Warn,
			health.Forecast{Goal: "pass", Op: ">", Line: 0.92, CleanOrdersNeeded: intp(13)}},
		// ">= 90 %" missed: 85/100 fails; the goal is the target, ">=":
		// (85+n)/(100+n) ≥ 9/10 ⇔ n ≥ 50 (135/150 is exactly 90 %).
		{"otdr US fail", first(85), otdrUS, health.Fail,
			health.Forecast{Goal: "target", Op: ">=", Line: 0.9, CleanOrdersNeeded: intp(50)}},
		// Advisory "> 97 %" missed: 96/100 only warns, but the goal is the
		// target: (96+n)/(100+n) > 97/100 ⇔ 3n > 100: 34.
		{"otdr EU advisory miss", first(96), otdrEU, health.Warn,
			health.Forecast{Goal: "target", Op: ">", Line: 0.97, CleanOrdersNeeded: intp(34)}},
		// Advisory target met, in the warn band: 98/100; the goal is
		// "> 99 %": (98+n)/(100+n) > 99/100 ⇔ n > 100: 101.
		{"otdr EU warn band", first(98), otdrEU, health.Warn,
			health.Forecast{Goal: "pass", Op: ">", Line: 0.99, CleanOrdersNeeded: intp(101)}},
		// "<= 5 %" missed: 6/100; equality meets: 6/(100+n) ≤ 5/100 ⇔
		// n ≥ 20 (6/120 is exactly 5 %).
		{"<= fail", first(6), idrLE, health.Fail,
			health.Forecast{Goal: "target", Op: "<=", Line: 0.05, CleanOrdersNeeded: intp(20)}},
		// "<= 5 %" met at exactly 5 %, in the warn band (≥ 4 %): the goal is
		// "< 4 %": 5/(100+n) < 4/100 ⇔ n > 25: 26.
		{"<= warn", first(5), idrLE, health.Warn,
			health.Forecast{Goal: "pass", Op: "<", Line: 0.04, CleanOrdersNeeded: intp(26)}},
		// A "<=" target with its warn line on it: 5/100 meets and warns;
		// the goal is "< 5 %": 5/101.
		{"<= warn on target", first(5), health.Threshold{Op: health.LessEqual, Value: 0.05, WarnAt: 0.05}, health.Warn,
			health.Forecast{Goal: "pass", Op: "<", Line: 0.05, CleanOrdersNeeded: intp(1)}},
	}
	for _, c := range cases {
		f := forecast(t, c.r, c.t, c.status)
		// All orders are on the window's first day: everything leaves on
		// 03-21, when the window holds projected orders only.
		c.want.RecoversOn, c.want.DailyOrders = datep("2026-03-21"), 10
		check(t, c.name, f, c.want)
	}
}

// Exact boundaries of clean_orders_needed: a rate exactly on a strict line
// misses it.
func TestForecastCleanOrdersExact(t *testing.T) {
	cases := []struct {
		num, den, want int
	}{
		{1, 100, 1},     // 1/100 is not < 1 %; 1/101 is
		{2, 150, 51},    // 2/200 = 1 % exactly; 2/201 < 1 %
		{10, 1000, 1},   // 10/1000 = 1 %; 10/1001 < 1 %
		{3, 100, 201},   // 3/300 = 1 %; 3/301 < 1 %
		{1, 1, 100},     // 1/101 < 1 %
		{12, 976, 225},  // 12/1200 = 1 %; 12/1201 < 1 %
		{50, 50, 4951},  // all defective: 50/5000 = 1 %; 50/5001 < 1 %
		{7, 695, 6},     // 7/700 = 1 %: 7/701
		{11, 1099, 2},   // 11/1100 = 1 %
		{99, 9800, 101}, // 99/9900 = 1 %
	}
	for _, c := range cases {
		days := flat(10, 0, 0)
		days[0] = dc{c.num, c.den}
		f := forecast(t, entry(10, 0, days), odr, health.Fail)
		if f == nil || f.CleanOrdersNeeded == nil || *f.CleanOrdersNeeded != c.want {
			t.Errorf("%d/%d: clean_orders_needed %+v, want %d", c.num, c.den, f, c.want)
		}
	}
}

// noisy is 3 × 0.1 in float64 arithmetic: 0.30000000000000004 (a constant
// expression would be exact).
var noisy = func() float64 { tenth := 0.1; return 3 * tenth }()

// A line with float noise is taken as the decimal it prints as, so the
// forecast agrees with Judge: with a warn line of 3 × 0.1 =
// 0.30000000000000004, 3/9 warns and 3/10 = 0.3 is under the line, so one
// clean order passes (Judge(0.3) is a pass too).
func TestForecastNoisyLine(t *testing.T) {
	th := health.Threshold{Op: health.Less, Value: 0.35, WarnAt: noisy}
	days := flat(3, 0, 0)
	days[2] = dc{3, 9}
	f := forecast(t, entry(3, 0, days), th, health.Warn)
	if f == nil || f.CleanOrdersNeeded == nil || *f.CleanOrdersNeeded != 1 || f.Line != noisy {
		t.Errorf("forecast %+v, want 1 clean order to pass < %v", f, noisy)
	}
	if st := th.Judge(float64(3)/float64(10), true); st != health.Pass {
		t.Errorf("Judge(3/10) = %s, want pass", st)
	}
}

// A target no window can meet: "< 0 %" or "> 100 %". Neither date nor
// number exists, and the reason says why.
func TestForecastNeverRecovers(t *testing.T) {
	days := flat(10, 0, 10)
	days[3].num = 1
	f := forecast(t, entry(10, 0, days), zeroLess, health.Fail)
	check(t, "< 0", f, health.Forecast{Goal: "target", Op: "<", Line: 0, DailyOrders: 10,
		Reason: "the goal cannot be met: even a window without defects (0%) is not < 0%"})

	// Even a window without defects fails "< 0 %".
	f = forecast(t, entry(10, 0, flat(10, 0, 10)), zeroLess, health.Fail)
	check(t, "< 0, no defect", f, health.Forecast{Goal: "target", Op: "<", Line: 0, DailyOrders: 10,
		Reason: "the goal cannot be met: even a window without defects (0%) is not < 0%"})

	all := health.Threshold{Op: health.Greater, Value: 1, WarnAt: 1}
	f = forecast(t, entry(10, 0, flat(10, 10, 10)), all, health.Fail)
	check(t, "> 100", f, health.Forecast{Goal: "target", Op: ">", Line: 1, DailyOrders: 10,
		Reason: "the goal cannot be met: even a window without defects (100%) is not > 100%"})
}

// "<= 0 %" and ">= 100 %": defect-free orders never reach the line, but the
// defects leaving the window do.
func TestForecastOnlyRollOff(t *testing.T) {
	days := flat(10, 0, 10)
	days[3].num = 1 // 03-14: leaves on 03-24 (window 03-15..03-24)
	f := forecast(t, entry(10, 0, days), health.Threshold{Op: health.LessEqual, Value: 0, WarnAt: 0}, health.Fail)
	check(t, "<= 0", f, health.Forecast{Goal: "target", Op: "<=", Line: 0, DailyOrders: 10,
		RecoversOn: datep("2026-03-24"),
		Reason:     "no number of defect-free orders brings the rate to <= 0%: only the defects leaving the window do"})

	days = flat(10, 10, 10)
	days[5].num = 9 // 03-16: leaves on 03-26
	f = forecast(t, entry(10, 0, days), health.Threshold{Op: health.GreaterEqual, Value: 1, WarnAt: 1}, health.Fail)
	check(t, ">= 100", f, health.Forecast{Goal: "target", Op: ">=", Line: 1, DailyOrders: 10,
		RecoversOn: datep("2026-03-26"),
		Reason:     "no number of defect-free orders brings the rate to >= 100%: only the defects leaving the window do"})
}

// No forecast for a pass, no data, not computed, or a result without the
// per-day counts it needs.
func TestForecastNil(t *testing.T) {
	failing := entry(10, 0, flat(10, 1, 10)) // 10 % ODR
	cases := []struct {
		name string
		v    health.Verdict
	}{
		{"pass", health.Judge(entry(10, 0, flat(10, 0, 10)), odr)},
		{"no data", health.Judge(entry(10, 0, flat(10, 0, 0)), odr)},
		{"not computed", health.Judge(metrics.Missing("odr", "needs the All Orders report"), odr)},
		{"no days", func() health.Verdict { r := failing; r.Days = nil; return health.Judge(r, odr) }()},
		{"no window", func() health.Verdict { r := failing; r.Window = metrics.Window{}; return health.Judge(r, odr) }()},
	}
	for _, c := range cases {
		if f := health.ForecastOf(c.v, asOfDay); f != nil {
			t.Errorf("%s (%s): forecast %+v, want nil", c.name, c.v.Status, f)
		}
	}
	if health.ForecastOf(health.Judge(failing, odr), asOfDay) == nil {
		t.Error("the failing entry the nil cases derive from has no forecast")
	}
}

// clean_orders_needed against Judge itself: with n more defect-free orders
// the entry reaches its goal (no longer fails for "target", passes for
// "pass"), with n − 1 it does not. Thresholds of the profiles, and a warn
// line with float noise (3 × 0.1 = 0.30000000000000004).
func TestForecastCleanOrdersAgainstJudge(t *testing.T) {
	ths := []health.Threshold{odr, idrLE, tenPct, vtr, otdrUS, otdrEU,
		{Op: health.Less, Value: 0.04, WarnAt: 0.032},
		{Op: health.Less, Value: 0.025, WarnAt: 0.02},
		{Op: health.Less, Value: 0.35, WarnAt: noisy},
		{Op: health.Greater, Value: 0.6, WarnAt: 1 - noisy},
	}
	rng := rand.New(rand.NewSource(6))
	tried := map[health.Status]int{}
	for i := 0; i < 20000; i++ {
		th := ths[rng.Intn(len(ths))]
		den := 1 + rng.Intn(3000)
		num := rng.Intn(den + 1)
		days := flat(10, 0, 0)
		days[0] = dc{num, den}
		v := health.Judge(entry(10, 0, days), th)
		f := health.ForecastOf(v, asOfDay)
		if v.Status != health.Fail && v.Status != health.Warn {
			continue
		}
		tried[v.Status]++
		if f == nil || f.CleanOrdersNeeded == nil {
			t.Fatalf("%d/%d against %+v: forecast %+v", num, den, th, f)
		}
		n := *f.CleanOrdersNeeded
		reached := func(n int) bool {
			g := num // good orders gain the clean ones on a ">" metric
			if th.Op == health.Greater || th.Op == health.GreaterEqual {
				g += n
			}
			st := th.Judge(float64(g)/float64(den+n), true)
			if f.Goal == "pass" {
				return st == health.Pass
			}
			enforced := th
			enforced.Advisory = false // an advisory miss only warns: ask the enforced rule
			return enforced.Judge(float64(g)/float64(den+n), true) != health.Fail
		}
		if !reached(n) || (n > 0 && reached(n-1)) {
			t.Fatalf("%d/%d against %s %v warn %v (goal %s): clean_orders_needed %d; reached at n %v, at n-1 %v",
				num, den, th.Op, th.Value, th.WarnAt, f.Goal, n, reached(n), n > 0 && reached(n-1))
		}
	}
	if tried[health.Fail] < 100 || tried[health.Warn] < 100 {
		t.Errorf("too few cases: %v", tried)
	}
}

// recovers_on against a day-by-day simulation judged by Judge itself, on
// random windows, lags and counts whose average daily volume is whole.
func TestForecastRecoveryAgainstSimulation(t *testing.T) {
	rng := rand.New(rand.NewSource(61))
	ths := []health.Threshold{odr, tenPct, idrLE, vtr, otdrUS}
	tried := 0
	for i := 0; i < 3000; i++ {
		th := ths[rng.Intn(len(ths))]
		greater := th.Op == health.Greater || th.Op == health.GreaterEqual
		window, lag := 1+rng.Intn(12), rng.Intn(5)
		days := make([]dc, window+lag)
		for j := range days {
			den := rng.Intn(40)
			if rng.Intn(4) == 0 {
				den = 0
			}
			bad := 0
			if den > 0 && rng.Intn(3) == 0 {
				bad = rng.Intn(min(den, 4) + 1)
			}
			days[j] = dc{bad, den}
			if greater {
				days[j].num = den - bad
			}
		}
		// Make the window's population a multiple of its days.
		total := 0
		for _, d := range days[:window] {
			total += d.den
		}
		if extra := (window - total%window) % window; extra > 0 {
			days[0].den += extra
			if greater {
				days[0].num += extra
			}
		}
		r := entry(window, lag, days)
		v := health.Judge(r, th)
		if v.Status != health.Fail && v.Status != health.Warn {
			continue
		}
		tried++
		f := health.ForecastOf(v, asOfDay)
		daily := r.Denominator / window
		want := simulateRecovery(r, th, daily, greater, f.Goal)
		if !sameDate(f.RecoversOn, want) {
			t.Fatalf("window %d lag %d days %v against %s %v: recovers_on %s, simulation %s",
				window, lag, days, th.Op, th.Value, showDate(f.RecoversOn), showDate(want))
		}
	}
	if tried < 300 {
		t.Errorf("only %d cases tried", tried)
	}
}

// simulateRecovery rebuilds each later window day by day and judges it.
func simulateRecovery(r metrics.Result, th health.Threshold, daily int, greater bool, goal string) *civil.Date {
	counts := map[civil.Date]dc{}
	for _, d := range r.Days {
		counts[d.Date] = dc{d.Numerator, d.Denominator}
	}
	for k := 1; k <= 60; k++ {
		num, den := 0, 0
		for d := r.Window.From.AddDays(k); d <= r.Window.To.AddDays(k); d++ {
			c := counts[d]
			if d > asOfDay {
				c = dc{0, daily}
				if greater {
					c.num = daily
				}
			}
			num += c.num
			den += c.den
		}
		st := th.Judge(float64(num)/float64(den), den > 0)
		if (goal == "pass" && st == health.Pass) || (goal == "target" && (st == health.Pass || st == health.Warn)) {
			d := asOfDay.AddDays(k)
			return &d
		}
	}
	return nil
}

// From the records through metrics.ODR and Judge: the per-day counts the
// ODR fills are what the forecast reads.
//
// Window 10 days ending as-of − 2 (2026-03-09..03-18), 5 orders a day from
// 03-09 to 03-20 (50 in the window), negative feedback on the first order
// of 03-09 and on the first of 03-19 (in the lag). ODR 1/50 = 2 % FAIL.
// As in TestForecastLagDefect, the 03-19 defect enters the window on 03-21
// and keeps it at 1/50 until it leaves: the window of 03-31 (03-20..03-29)
// holds 5 known and 45 projected orders and no defect. Feedback dated after
// as-of (03-21, on an order of 03-20) is not known on the audit date.
// Clean orders: 1/(50+n) < 1/100 ⇔ n > 50: 51.
func TestForecastFromODR(t *testing.T) {
	d := records.NewDataset()
	for day := date("2026-03-09"); day <= asOfDay; day++ {
		for i := 0; i < 5; i++ {
			id := fmt.Sprintf("%s-%d", day, i)
			d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: day, Channel: records.ChannelAmazon, Status: records.Intern("Shipped")})
		}
	}
	d.Feedback = []records.Feedback{
		{OrderID: "2026-03-09-0", Date: date("2026-03-12"), Rating: 1},
		{OrderID: "2026-03-19-0", Date: date("2026-03-20"), Rating: 2},
		{OrderID: "2026-03-20-0", Date: date("2026-03-21"), Rating: 1},
	}
	s := settings.Default(asOfDay)
	s.SetWindow(metrics.ODRID, []int{10}, 2)
	out := metrics.ODR(d, s)
	for i, seg := range []string{"all", "afn"} {
		v := health.Judge(out.Segments[i], odr)
		if v.Status != health.Fail || v.Numerator != 1 || v.Denominator != 50 {
			t.Fatalf("%s: %d/%d %s, want 1/50 fail", seg, v.Numerator, v.Denominator, v.Status)
		}
		check(t, "odr "+seg, health.ForecastOf(v, asOfDay), health.Forecast{Goal: "target", Op: "<", Line: 0.01,
			RecoversOn: datep("2026-03-31"), CleanOrdersNeeded: intp(51), DailyOrders: 5})
	}
	if v := health.Judge(out.Segments[2], odr); v.Status != health.NoData || health.ForecastOf(v, asOfDay) != nil {
		t.Errorf("mfn: %s with forecast %+v, want no data and none", v.Status, health.ForecastOf(v, asOfDay))
	}
}
