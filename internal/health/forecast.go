package health

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
)

// Forecast says, for a failing or warning entry, when it recovers if nothing
// new goes wrong, and what would fix it today (docs/metrics.md, "Forecast").
type Forecast struct {
	// Goal is the line the forecast aims for: "target" for a failing entry
	// (back under the platform's target), "pass" for a warning one (out of
	// the warn band as well).
	Goal string
	// Op and Line are the goal as a comparison: the rate must be "Op Line".
	Op   Op
	Line float64
	// RecoversOn is the first as-of date after the audit date on which the
	// rate meets the goal, if no new defects arrive and orders keep coming
	// at DailyOrders a day; nil when it never does (Reason says why).
	RecoversOn *civil.Date
	// CleanOrdersNeeded is how many more defect-free orders in today's
	// window would meet the goal; nil when no number of them would.
	CleanOrdersNeeded *int
	// DailyOrders is the window's average population per day, the volume
	// the forecast assumes for every day after the audit date.
	DailyOrders float64
	// Reason says why RecoversOn or CleanOrdersNeeded is nil.
	Reason string
}

// Goal names in the JSON contract.
const (
	GoalTarget = "target"
	GoalPass   = "pass"
)

// ForecastOf is the forecast of a warning or failing verdict on the audit
// date asOf; nil for other statuses, and for a result without per-day
// counts (Result.Days) or without a window.
//
// The assumptions (docs/metrics.md, "Forecast"): no new defects arrive;
// the orders already known with a key date after the window's end (the
// lag) enter the window on their dates, with the defects they have today;
// every day after asOf brings DailyOrders defect-free orders. Rates are
// compared as exact fractions against the line as its shortest decimal
// (0.01 is 1/100), so 1 defect in 100 orders is not under "< 1%".
func ForecastOf(v Verdict, asOf civil.Date) *Forecast {
	r := v.Result
	if (v.Status != Fail && v.Status != Warn) || r.NotComputed != "" || r.Days == nil || r.Window.Days <= 0 {
		return nil
	}
	name, g, line, ok := goalOf(v)
	if !ok {
		return nil
	}
	f := &Forecast{Goal: name, Op: g.op, Line: line,
		DailyOrders: float64(r.Denominator) / float64(r.Window.Days)}
	daily := big.NewRat(int64(r.Denominator), int64(r.Window.Days))

	// A window of defect-free orders only is the best any future holds: a
	// rate of 0 (bad orders counted) or 1 (good ones counted).
	best := ratio(0, 1)
	if !g.lower() {
		best = ratio(1, 1)
	}
	if !g.meets(best, ratio(1, 1)) {
		f.Reason = fmt.Sprintf("the goal cannot be met: even a window without defects (%s) is not %s %s",
			percent(best), g.op, percent(g.line))
		return f
	}
	if d, ok := recovery(r, g, daily, asOf); ok {
		f.RecoversOn = &d
	} else {
		f.Reason = "no orders to project: the window is empty"
	}
	if n, why := cleanOrders(r.Numerator, r.Denominator, g); why != "" {
		f.Reason = join(f.Reason, why)
	} else {
		f.CleanOrdersNeeded = &n
	}
	return f
}

// goal is a comparison the rate must pass: "rate op line".
type goal struct {
	op   Op
	line *big.Rat // the line's shortest decimal, exactly
}

// lower says whether the goal is an upper bound on the rate ("<", "<="): the
// numerator counts bad orders, and defect-free orders add to the
// denominator only. Otherwise it counts good orders, and defect-free orders
// add to both.
func (g goal) lower() bool { return g.op == Less || g.op == LessEqual }

// strict says whether the line itself misses the goal ("<", ">").
func (g goal) strict() bool { return g.op == Less || g.op == Greater }

// meets says whether the rate num/den meets the goal, compared exactly:
// num against line × den. An empty window (den 0) meets nothing.
func (g goal) meets(num, den *big.Rat) bool {
	if den.Sign() <= 0 {
		return false
	}
	c := num.Cmp(new(big.Rat).Mul(g.line, den))
	switch g.op {
	case Less:
		return c < 0
	case LessEqual:
		return c <= 0
	case Greater:
		return c > 0
	case GreaterEqual:
		return c >= 0
	}
	panic(fmt.Sprintf("health: unknown op %q", g.op))
}

// goalOf is the goal of a warning or failing verdict, with its name and the
// line as the threshold writes it; ok false when a line is not a number.
// A failing entry, and an advisory one that misses its target, aim for the
// target. A warning one that meets its target aims to pass: the target and
// out of the warn band, as one line (for "<" targets the lower of target
// and warn line, for ">" ones the higher; the warn line is always strict).
func goalOf(v Verdict) (name string, g goal, line float64, ok bool) {
	t := v.Threshold
	target, ok := exact(t.Value)
	if !ok {
		return "", goal{}, 0, false
	}
	g = goal{t.Op, target}
	if v.Status == Fail || !g.meets(ratio(v.Numerator, 1), ratio(v.Denominator, 1)) {
		return GoalTarget, g, t.Value, true
	}
	warn, ok := exact(t.WarnAt)
	if !ok {
		return "", goal{}, 0, false
	}
	switch {
	case g.lower() && t.WarnAt <= t.Value:
		return GoalPass, goal{Less, warn}, t.WarnAt, true
	case !g.lower() && t.WarnAt >= t.Value:
		return GoalPass, goal{Greater, warn}, t.WarnAt, true
	}
	return GoalPass, g, t.Value, true
}

// recovery is the first as-of date after asOf whose window meets the goal.
//
// On asOf+k the window is [From+k, To+k]. Its days up to asOf are known
// (r.Days, the lag included); each of its days after asOf holds daily
// defect-free orders. Once the window starts after asOf it holds no known
// day and its rate no longer changes, so the search stops there; ok false
// when no window up to then meets the goal.
func recovery(r metrics.Result, g goal, daily *big.Rat, asOf civil.Date) (civil.Date, bool) {
	from, to := r.Window.From, r.Window.To
	// Prefix sums of the known days: num[i], den[i] are the counts of the
	// days from..from+i-1.
	n := max(int(asOf-from)+1, 0)
	num, den := make([]int64, n+1), make([]int64, n+1)
	for _, d := range r.Days {
		if i := int(d.Date - from); i >= 0 && i < n {
			num[i+1] += int64(d.Numerator)
			den[i+1] += int64(d.Denominator)
		}
	}
	for i := 1; i <= n; i++ {
		num[i] += num[i-1]
		den[i] += den[i-1]
	}
	for k := 1; ; k++ {
		first, last := from.AddDays(k), to.AddDays(k)
		// Known days: first..min(last, asOf), as prefix indexes a..b.
		a, b := int(first-from), min(int(last-from), n-1)+1
		var kn, kd int64
		if a < b {
			kn, kd = num[b]-num[a], den[b]-den[a]
		}
		// Projected days: those of the window after asOf.
		future := new(big.Rat).Mul(daily, ratio(max(int(last-max(first.AddDays(-1), asOf)), 0), 1))
		rn, rd := big.NewRat(kn, 1), big.NewRat(kd, 1)
		rd.Add(rd, future)
		if !g.lower() {
			rn.Add(rn, future)
		}
		if g.meets(rn, rd) {
			return asOf.AddDays(k), true
		}
		if first > asOf {
			return 0, false
		}
	}
}

// cleanOrders is the least n ≥ 0 such that n more defect-free orders in
// today's window (num of den) meet the goal, solved exactly; why says when
// there is none.
//
// With line P/Q: for an upper bound, num/(den+n) op P/Q is
// P·n op' num·Q − P·den; for a lower bound, (num+n)/(den+n) op P/Q is
// (Q−P)·n op' P·den − num·Q.
func cleanOrders(num, den int, g goal) (int, string) {
	if g.meets(ratio(num, 1), ratio(den, 1)) {
		return 0, ""
	}
	p, q := g.line.Num(), g.line.Denom()
	nq := new(big.Int).Mul(big.NewInt(int64(num)), q)
	pd := new(big.Int).Mul(p, big.NewInt(int64(den)))
	var c, x *big.Int // the condition is c·n > x (strict) or c·n ≥ x
	if g.lower() {
		c, x = p, nq.Sub(nq, pd)
	} else {
		c, x = new(big.Int).Sub(q, p), pd.Sub(pd, nq)
	}
	if c.Sign() <= 0 {
		return 0, fmt.Sprintf("no number of defect-free orders brings the rate to %s %s: only the defects leaving the window do",
			g.op, percent(g.line))
	}
	// The goal is missed at n = 0, so x ≥ 0 (x > 0 when not strict).
	n := new(big.Int)
	if g.strict() {
		n.Div(x, c).Add(n, big.NewInt(1))
	} else {
		n.Add(x, c).Sub(n, big.NewInt(1)).Div(n, c)
	}
	if !n.IsInt64() || n.Int64() > math.MaxInt {
		return 0, "more defect-free orders are needed than can be counted"
	}
	return int(n.Int64()), ""
}

// exact is the shortest decimal that reads back as v, as a fraction: the
// line a person wrote (0.01 is 1/100, not the binary float near it).
func exact(v float64) (*big.Rat, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, false
	}
	return new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
}

func ratio(a, b int) *big.Rat { return big.NewRat(int64(a), int64(b)) }

// percent writes a fraction as a percentage without float noise: 1/100 is
// "1%", 1/1000 is "0.1%" (as render.Limit writes targets).
func percent(r *big.Rat) string {
	p := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if p.IsInt() {
		return p.Num().String() + "%"
	}
	s := p.FloatString(12)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s + "%"
}

// join joins two reasons with "; ", either possibly empty.
func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}
