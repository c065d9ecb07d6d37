package profile

import (
	"fmt"
	"math"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

// Resolved is a profile entry after the user's overrides, with where each
// field's value came from.
type Resolved struct {
	Entry
	Origins map[string]string `json:"origins"` // field -> "profile amazon-us", "file ./audit.yaml", ...
}

// Fields of an entry a user can set, as config keys name them.
var Fields = []string{"fail", "warn", "advisory", "window_days", "lag_days"}

// Resolve applies overrides (config keys "thresholds.<metric>.<field>") to
// the profile's entries. An override for a metric the profile lacks adds
// nothing: a platform's profile lists the metrics that match its rules.
func Resolve(p Profile, overrides map[string]settings.Override) (map[string]Resolved, error) {
	out := make(map[string]Resolved, len(p.Entries))
	for _, e := range p.Entries {
		r := Resolved{Entry: e, Origins: map[string]string{}}
		r.WindowDays = append([]int(nil), e.WindowDays...)
		for _, f := range Fields {
			r.Origins[f] = "profile " + p.Name
		}
		for _, f := range Fields {
			o, ok := overrides["thresholds."+e.Metric+"."+f]
			if !ok {
				continue
			}
			if ns, ok := o.Value.([]int); ok && f == "window_days" && !isMultiWindow(e.Metric) && len(ns) != 1 {
				return nil, fmt.Errorf("%s: thresholds.%s.window_days: one window only (the late shipment and contact response rates alone have several), got %v", o.Origin, e.Metric, ns)
			}
			if err := set(&r.Entry, f, o.Value, metrics.ScaleOf(e.Metric)); err != nil {
				return nil, fmt.Errorf("%s: thresholds.%s.%s: %v", o.Origin, e.Metric, f, err)
			}
			r.Origins[f] = o.Origin
		}
		if r.Origins["fail"] != r.Origins["warn"] && strings.HasPrefix(r.Origins["warn"], "profile ") {
			// A new fail line without a warn line: the warn band follows
			// it (project policy: 80 % of a "less than" limit, 2 points
			// inside a "greater than" one).
			r.Warn = WarnBandOf(e.Metric, r.Op, r.Fail)
			r.Origins["warn"] = "warn band of " + r.Origins["fail"]
		}
		if err := check(r.Entry); err != nil {
			return nil, fmt.Errorf("thresholds.%s (%s): %v", e.Metric, origins(r), err)
		}
		out[e.Metric] = r
	}
	return out, nil
}

// isMultiWindow says whether the metric has an entry per window (the late
// shipment rate's 10 and 30 days).
func isMultiWindow(id string) bool {
	m, ok := metrics.Lookup(id)
	return ok && m.MultiWindow
}

// WarnBand is the project's default warn line for a target (metrics.md,
// "Warn band"): from 80 % of a "less than" limit, within 2 points of a
// "greater than" one.
func WarnBand(op health.Op, fail float64) float64 { return WarnBandOf("", op, fail) }

// WarnBandOf is WarnBand on the metric's own scale: the customer-service
// rating (scores of 1 to 10) warns within 2 score points of its target,
// as Amazon's own bands do (below 6 red, 6 to 7.9 yellow).
func WarnBandOf(metric string, op health.Op, fail float64) float64 {
	switch op {
	case health.Less, health.LessEqual:
		return math.Round(fail*0.8*1e9) / 1e9
	}
	if top := metrics.ScaleOf(metric); top > 1 {
		return math.Min(top, fail+2)
	}
	return math.Min(1, math.Round((fail+0.02)*1e9)/1e9)
}

func set(e *Entry, field string, v any, scale float64) error {
	switch field {
	case "fail", "warn":
		f, ok := v.(float64)
		if !ok {
			return fmt.Errorf("want a number, got %v", v)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			// NaN passes every comparison below, and would make every
			// entry fail "< NaN%" (and JSON output impossible).
			return fmt.Errorf("want a finite number, got %v", f)
		}
		if scale != 1 && (f < 1 || f > scale) {
			return fmt.Errorf("want a score between 1 and %v, got %v", scale, f)
		}
		if scale == 1 && (f < 0 || f > 1) {
			return fmt.Errorf("want a fraction between 0 and 1 (0.01 is 1 %%), got %v", f)
		}
		if field == "fail" {
			e.Fail = f
		} else {
			e.Warn = f
		}
	case "advisory":
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("want true or false, got %v", v)
		}
		e.Advisory = b
	case "window_days":
		ns, ok := v.([]int)
		if !ok || len(ns) == 0 {
			return fmt.Errorf("want one or more day counts, got %v", v)
		}
		for _, n := range ns {
			if n < 1 || n > 3650 {
				return fmt.Errorf("window of %d days: want 1 to 3650", n)
			}
		}
		e.WindowDays = append([]int(nil), ns...)
	case "lag_days":
		n, ok := v.(int)
		if !ok || n < 0 || n > 3650 {
			return fmt.Errorf("want 0 to 3650 days, got %v", v)
		}
		e.LagDays = n
	}
	return nil
}

// check rejects a warn line on the wrong side of the target: the warning
// must come before the failure.
func check(e Entry) error {
	switch e.Op {
	case "<", "<=":
		if e.Warn > e.Fail {
			return fmt.Errorf("warn %v is above fail %v: a %q target warns below it", e.Warn, e.Fail, e.Op)
		}
	default:
		if e.Warn < e.Fail {
			return fmt.Errorf("warn %v is below fail %v: a %q target warns above it", e.Warn, e.Fail, e.Op)
		}
	}
	return nil
}

func origins(r Resolved) string {
	seen := map[string]bool{}
	var out []string
	for _, f := range Fields {
		if o := r.Origins[f]; !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return strings.Join(out, ", ")
}

// CheckOverrides resolves the named profile with the overrides, or every
// built-in profile when none is named (the store, which picks one, is
// known only once the reports are read): a bad value is found before any
// file is read, and the error names it and where it came from.
func CheckOverrides(name string, overrides map[string]settings.Override) error {
	ps := Builtin
	if name != "" {
		p, err := ByName(name)
		if err != nil {
			return err
		}
		ps = []Profile{p}
	}
	for _, p := range ps {
		if _, err := Resolve(p, overrides); err != nil {
			return err
		}
	}
	return nil
}
