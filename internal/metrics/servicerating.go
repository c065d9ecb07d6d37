package metrics

import (
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// CustomerServiceRating is the customer-service rating's id.
const CustomerServiceRating = "customer_service_rating"

// serviceRatingWindow is Amazon's rule: a running period of 28 days.
var serviceRatingWindow = settings.Window{Days: []int{28}}

var serviceRatingMetric = Metric{
	ID: CustomerServiceRating, Title: "Customer Service Rating", Short: "CS RATING", Abbrev: "CSR",
	Command: "service", Source: "Amazon UK help LE8H7ZDEAUB3BMK",
	KeyedOn: "ratings dated", Counts: "points", Population: "ratings", Scope: "Each buyer's latest rating",
	Scale: 10, Window: serviceRatingWindow,
	Reads: []string{kindRatings}, OnlyWithInputs: true,
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []Result{ServiceRating(d, s)}}
	},
}

// ServiceRating computes the customer-service rating (source
// article 004; Amazon UK help LE8H7ZDEAUB3BMK): the average 1-10 score of
// the ratings dated in the days of its period (28 by default) ending on
// a day D, each rater's
// latest rating of that period only (latest instant; on a tie the later
// row). D is the latest day on or before as-of (less the lag), at most RatingLookbackDays
// days back, whose period holds at least RatingMin ratings; Window and
// Period are that period. Numerator = the sum of the scores counted,
// Denominator = their number, so Value is the average. With no such period
// the Result has no data (Denominator 0, Period nil) and the as-of period
// as its Window. Ratings dated after as-of are ignored.
func ServiceRating(d *records.Dataset, s settings.Settings) Result {
	if !d.Has(kindRatings) {
		return Missing(CustomerServiceRating, needRatings)
	}
	if scores, answers := ratingKinds(d.Ratings); !scores && answers {
		return Missing(CustomerServiceRating, onlySolved)
	}
	win := s.Window(CustomerServiceRating, serviceRatingWindow)
	n := win.Days[0]
	last := s.AsOf.AddDays(-win.Lag) // the latest day a period may end on
	r := Result{ID: CustomerServiceRating, Window: WindowEnding(last, n)}
	if n <= 0 {
		return r
	}
	// Periods end on as-of back to as-of − lookback; their ratings are
	// dated from first on. byDay[k] are the scores dated first + k.
	lookback := max(s.Service.RatingLookbackDays, 0)
	first := last.AddDays(-lookback - (n - 1))
	byDay := make([][]int32, int(last-first)+1)
	for i := range d.Ratings {
		g := &d.Ratings[i]
		if g.Solved != records.SolvedUnknown || g.Score < 1 || g.Score > 10 || g.Rated.Date < first || g.Rated.Date > last {
			continue
		}
		k := int(g.Rated.Date - first)
		byDay[k] = append(byDay[k], int32(i))
	}
	// The period slides back one day at a time from as-of: the ratings of
	// its new first day enter, those of the day after its end leave. Each
	// rater holds its ratings in the period and the latest of them.
	type rater struct {
		in     []int32
		latest int32 // -1 when in is empty
	}
	raters := map[string]*rater{}
	count, sum := 0, 0
	latestOf := func(in []int32) int32 {
		best := in[0]
		for _, i := range in[1:] {
			if ratingLater(&d.Ratings[i], &d.Ratings[best]) {
				best = i
			}
		}
		return best
	}
	update := func(rt *rater, old int32) {
		if old >= 0 {
			count--
			sum -= d.Ratings[old].Score
		}
		rt.latest = -1
		if len(rt.in) > 0 {
			rt.latest = latestOf(rt.in)
			count++
			sum += d.Ratings[rt.latest].Score
		}
	}
	enter := func(k int) {
		for _, i := range byDay[k] {
			id := d.Ratings[i].Rater
			rt := raters[id]
			if rt == nil {
				rt = &rater{latest: -1}
				raters[id] = rt
			}
			rt.in = append(rt.in, i)
			update(rt, rt.latest)
		}
	}
	leave := func(k int) {
		for _, i := range byDay[k] {
			rt := raters[d.Ratings[i].Rater]
			for j, x := range rt.in {
				if x == i {
					rt.in = append(rt.in[:j], rt.in[j+1:]...)
					break
				}
			}
			update(rt, rt.latest)
		}
	}
	end := len(byDay) - 1 // index of D
	for k := end - (n - 1); k <= end; k++ {
		enter(k)
	}
	for {
		if count >= s.Service.RatingMin && count > 0 {
			D := first.AddDays(end)
			p := WindowEnding(D, n)
			r.Numerator, r.Denominator, r.Window, r.Period = sum, count, p, &p
			return r
		}
		if end == n-1 { // the period ending as-of − lookback
			return r
		}
		leave(end)
		end--
		enter(end - (n - 1))
	}
}
