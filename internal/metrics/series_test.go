package metrics_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

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
		"service":   func(r *rand.Rand) *records.Dataset { return randomServiceAccount(r, 1500) },
	}
	counted := map[string]int{}
	for name, make := range accounts {
		for _, seed := range []int64{1, 2026} {
			d := make(rand.New(rand.NewSource(seed)))
			from, to := day("2026-06-20"), day("2027-02-10")
			switch name {
			case "cancel":
				from, to = day("2026-11-01"), day("2026-12-05")
			case "service":
				from, to = day("2026-09-01"), day("2027-01-20")
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

// randomServiceAccount builds n buyer messages, return requests and
// customer-service ratings (1-10 scores and yes/no answers) from
// 2026-08-01 to 2026-12-31, in several offsets and as bare dates: answered
// in time, late, never or not yet; several ratings per rater, some at the
// same instant in another offset or another file; some on Multi-Channel
// Fulfillment orders.
func randomServiceAccount(rng *rand.Rand, n int) *records.Dataset {
	d := records.NewDataset()
	for _, k := range []string{"messages", "return-requests", "ratings", "orders"} {
		d.Kinds[k] = true
	}
	first := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	span := 152 * 24 * 3600
	chance := func(p float64) bool { return rng.Float64() < p }
	off := func() string { return genOffsets[rng.Intn(len(genOffsets))] }
	at := func() time.Time { return first.Add(time.Duration(rng.Intn(span)) * time.Second) }
	after := func(t time.Time, maxHours int) time.Time {
		return t.Add(time.Duration(rng.Intn(maxHours*3600)) * time.Second)
	}
	order := func(i int) string {
		id := fmt.Sprintf("111-%07d-%07d", i%(n/3+1), 1)
		if i%17 == 3 { // a Multi-Channel Fulfillment order
			d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: day("2026-08-01"), Channel: afn, SalesChannel: records.Intern("Non-Amazon")})
		}
		return id
	}
	for i := 0; i < n; i++ {
		rcv := at()
		m := records.Message{ID: fmt.Sprintf("m%d", i), OrderID: order(i), Received: stamp(writeTime(rcv, off(), chance(0.1))),
			AutoReplied: chance(0.1), NoResponseNeeded: chance(0.05), File: records.Intern("messages.csv"), Line: int32(i + 2)}
		if chance(0.85) {
			m.FirstResponse = stamp(writeTime(after(rcv, 72), off(), chance(0.1)))
		}
		d.Messages = append(d.Messages, m)

		req := at()
		q := records.ReturnRequest{OrderID: order(i + 7), Requested: stamp(writeTime(req, off(), chance(0.1))),
			Response: records.ReturnResponse(rng.Intn(3)), InPolicy: chance(0.5), Feedback: records.ReturnFeedback(rng.Intn(3)),
			File: records.Intern("returns.csv"), Line: int32(i + 2)}
		if chance(0.8) {
			q.Responded = stamp(writeTime(after(req, 120), off(), chance(0.1)))
		}
		d.ReturnRequests = append(d.ReturnRequests, q)

		// Ratings: raters rate several times, answers and scores.
		rater := order(rng.Intn(n / 4))
		rated := at()
		if chance(0.3) && len(d.Ratings) > 0 { // the same rater again, soon after, or at the same instant
			prev := d.Ratings[rng.Intn(len(d.Ratings))]
			rater, rated = prev.Rater, prev.Rated.Instant().Add(time.Duration(rng.Intn(20*24*3600)-2*3600)*time.Second)
		}
		g := records.Rating{Rater: rater, Rated: stamp(writeTime(rated, off(), chance(0.1))), File: records.Intern(fmt.Sprintf("ratings-%d.csv", rng.Intn(2))), Line: int32(i + 2)}
		if chance(0.5) {
			g.Solved = records.Solved(1 + rng.Intn(2))
		} else {
			g.Score = rng.Intn(12) // 0 and 11 are out of range
		}
		d.Ratings = append(d.Ratings, g)
	}
	return d
}
