package engine

import (
	"fmt"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/settings"
)

// The horizon spans the longest lag plus window of the checks: the ODR's
// 14 + 60 days under Amazon's profiles, eBay's 90-day windows when named,
// the user's overrides, and the first as-of date of a range.
func TestHorizon(t *testing.T) {
	asOf := civil.NewDate(2026, 11, 20)
	s := settings.Default(asOf)
	cases := []struct {
		name string
		s    func(settings.Settings) settings.Settings
		ids  []string
		want civil.Date
	}{
		{"odr", nil, []string{"odr"}, asOf.AddDays(-73)},
		{"all", nil, All, asOf.AddDays(-89)}, // the contact response rate's 90 days
		{"all that read shipments", nil, needing(All, "shipments"), asOf.AddDays(-43)},
		{"late shipment", nil, []string{"late_shipment_rate"}, asOf.AddDays(-29)},
		{"tracking", nil, []string{"valid_tracking_rate"}, asOf.AddDays(-43)},
		{"ebay", func(s settings.Settings) settings.Settings { s.Profile = "ebay"; return s },
			[]string{"late_shipment_rate"}, asOf.AddDays(-89)},
		{"override", func(s settings.Settings) settings.Settings {
			s.Overrides = map[string]settings.Override{"thresholds.odr.window_days": {Value: []int{90}, Origin: "test"}}
			return s
		}, []string{"odr"}, asOf.AddDays(-103)},
		{"range", func(s settings.Settings) settings.Settings { s.FirstAsOf = asOf.AddDays(-59); return s },
			[]string{"odr"}, asOf.AddDays(-59 - 73)},
	}
	for _, c := range cases {
		st := s
		if c.s != nil {
			st = c.s(st)
		}
		if got := horizon(st, c.ids); got != c.want {
			t.Errorf("%s: horizon %s, want %s", c.name, got, c.want)
		}
	}
}

// Setting aside what no window reaches changes no figure: on the sample
// accounts, every as-of date from September to the end of November gives
// the same entries, lists and warnings as reading everything.
func TestHorizonKeepsTheFigures(t *testing.T) {
	for _, dir := range []string{"../../testdata/accounts/acme-us", "../../testdata/accounts/acme-de"} {
		for asOf := civil.NewDate(2026, 9, 1); asOf <= civil.NewDate(2026, 12, 1); asOf = asOf.AddDays(3) {
			s := settings.Default(asOf)
			got, err := Run("all", []string{dir}, s, All)
			if err != nil {
				t.Fatal(err)
			}
			opt, _ := ReadOptions(s)
			everything, err := input.Load([]string{dir}, opt) // no Since
			if err != nil {
				t.Fatal(err)
			}
			want, err := Audit("all", everything, s, All)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := summary(got), summary(want); g != w {
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				lo := max(0, i-300)
				t.Fatalf("%s as of %s: differs at byte %d:\n got ...%s\nwant ...%s", dir, asOf, i, g[lo:min(len(g), i+100)], w[lo:min(len(w), i+100)])
			}
		}
	}
}

func summary(r *health.Report) string {
	out := fmt.Sprint(r.Status, r.Warnings, r.Unmatched)
	for _, m := range r.Metrics {
		out += fmt.Sprintf("\n%s %s %d %s %d/%d %v %q %v %+v", m.ID, m.Fulfillment, m.WindowDays, m.Marketplace,
			m.Numerator, m.Denominator, m.Status, m.NotComputed, m.Items, m.Days)
		if f := m.Forecast; f != nil {
			out += fmt.Sprintf(" %s %s %v %v", f.Goal, f.Op, f.Line, f.Reason)
			if f.RecoversOn != nil {
				out += " " + f.RecoversOn.String()
			}
			if f.CleanOrdersNeeded != nil {
				out += fmt.Sprint(" ", *f.CleanOrdersNeeded)
			}
		}
	}
	return out
}
