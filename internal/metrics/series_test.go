package metrics_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// countsOf is what a Series gives of a Result: its place and its counts.
type countsOf struct {
	ID, Fulfillment, Marketplace string
	WindowDays                   int
	Window                       metrics.Window
	Numerator, Denominator       int
	NotComputed                  string
}

func counts(r metrics.Result) countsOf {
	return countsOf{r.ID, r.Fulfillment, r.Marketplace, r.WindowDays, r.Window, r.Numerator, r.Denominator, r.NotComputed}
}

// seriesEqualsCompute checks every metric's Series against Compute on
// each date from from to to, under s, and adds to counted, per metric,
// the entries it compared that had a numerator.
func seriesEqualsCompute(t *testing.T, name string, d *records.Dataset, s settings.Settings, from, to civil.Date, counted map[string]int) {
	t.Helper()
	for _, m := range metrics.Catalog() {
		if m.Series == nil {
			continue
		}
		got, ok := m.Series(d, s, from, to)
		if !ok {
			continue
		}
		if len(got) != int(to-from)+1 {
			t.Fatalf("%s %s: %d dates, want %d", name, m.ID, len(got), int(to-from)+1)
		}
		for i := range got {
			on := s
			on.AsOf = from.AddDays(i)
			want := m.Compute(d, on).Results
			if len(got[i]) != len(want) {
				t.Errorf("%s %s on %s: %d entries, Compute %d", name, m.ID, on.AsOf, len(got[i]), len(want))
				continue
			}
			for k := range want {
				if g, w := counts(got[i][k]), counts(want[k]); g != w {
					t.Errorf("%s %s on %s: series %+v, Compute %+v", name, m.ID, on.AsOf, g, w)
				}
				if want[k].Numerator > 0 {
					counted[m.ID]++
				}
			}
		}
	}
}

// Every metric's Series equals Compute on every date, on random accounts
// under Amazon's windows and under other windows and lags (a negative lag
// ends a window after the as-of date), over ranges that start before the
// data and end after it.
func TestSeriesEqualsCompute(t *testing.T) {
	type window struct{ days, lag int }
	others := []window{{1, 0}, {7, 3}, {30, 14}, {90, 0}, {5, -2}}
	accounts := map[string]func(*rand.Rand) *records.Dataset{
		"orders": func(r *rand.Rand) *records.Dataset {
			d := randomAccount(r, 1500)
			for _, k := range []string{"orders", "feedback", "claims", "chargebacks"} {
				d.Kinds[k] = true
			}
			return d
		},
		"shipments": func(r *rand.Rand) *records.Dataset { return randomShipmentsAccount(r, 1500) },
		"cancel":    func(r *rand.Rand) *records.Dataset { return randomCancelAccount(r, 800) },
		"vat":       func(r *rand.Rand) *records.Dataset { return vatFromShipments(randomShipmentsAccount(r, 1500)) },
	}
	counted := map[string]int{}
	for name, make := range accounts {
		for _, seed := range []int64{1, 2026} {
			d := make(rand.New(rand.NewSource(seed)))
			from, to := day("2026-06-20"), day("2027-02-10")
			if name == "cancel" {
				from, to = day("2026-11-01"), day("2026-12-05")
			}
			// The account's store decides the invoice defect rate's
			// entries where the rows name none.
			for _, store := range []string{"", "DE", "US"} {
				s := settings.Default(to)
				s.Marketplace = store
				seriesEqualsCompute(t, fmt.Sprintf("%s/%d/amazon/%q", name, seed, store), d, s, from, to, counted)
			}
			for _, w := range others {
				s := settings.Default(to)
				for _, m := range metrics.Catalog() {
					if m.Series != nil {
						days := []int{w.days}
						if m.MultiWindow {
							days = []int{w.days, w.days * 2}
						}
						s.SetWindow(m.ID, days, w.lag)
					}
				}
				s.ODR.CountDeniedClaims = w.days == 7
				seriesEqualsCompute(t, fmt.Sprintf("%s/%d/%dd-lag%d", name, seed, w.days, w.lag), d, s, from, to, counted)
			}
		}
	}
	// The test must compare something: every Series, on many dates with
	// a numerator.
	for _, m := range metrics.Catalog() {
		if m.Series != nil && counted[m.ID] < 200 {
			t.Errorf("%s: %d entries with a numerator compared: too thin", m.ID, counted[m.ID])
		}
	}
}
