package metrics

import (
	"github.com/sellerhealth/audit/internal/civil"
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
	Base: Base{Kinds: []string{kindRatings}, Field: records.Rated},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []Result{ServiceRating(d, s)}}
	},
}

// ServiceRating computes the customer-service rating (source
// article 004; Amazon UK help LE8H7ZDEAUB3BMK): the average 1-10 score of
// the ratings dated in the days of its period (28 by default) ending on a
// day D, each rater's latest rating of that period only (latest instant;
// on a tie the later row). D is the latest day on or before as-of (less
// the lag), at most RatingLookbackDays days back, whose period holds at
// least RatingMin ratings; Window and
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
	// dated from first on.
	lookback := max(s.Service.RatingLookbackDays, 0)
	first := last.AddDays(-lookback - (n - 1))
	p := slidingRatings{ratings: d.Ratings, byDay: ratingsByDay(d.Ratings, first, last), raters: map[string]*rater{}}
	end := len(p.byDay) - 1 // index of D
	for k := end - (n - 1); k <= end; k++ {
		p.enter(k)
	}
	for {
		if p.count >= s.Service.RatingMin && p.count > 0 {
			w := WindowEnding(first.AddDays(end), n)
			r.Numerator, r.Denominator, r.Window, r.Period = p.sum, p.count, w, &w
			return r
		}
		if end == n-1 { // the period ending as-of − lookback
			return r
		}
		p.leave(end)
		end--
		p.enter(end - (n - 1))
	}
}

// ratingsByDay are the indexes of the 1-10 scores dated first to last,
// by day: [k] holds those dated first + k.
func ratingsByDay(rs []records.Rating, first, last civil.Date) [][]int32 {
	byDay := make([][]int32, int(last-first)+1)
	for i := range rs {
		g := &rs[i]
		if g.Solved != records.SolvedUnknown || g.Score < 1 || g.Score > 10 || g.Rated.Date < first || g.Rated.Date > last {
			continue
		}
		k := int(g.Rated.Date - first)
		byDay[k] = append(byDay[k], int32(i))
	}
	return byDay
}

// slidingRatings is the rating's period as it slides back one day at a
// time from as-of: the ratings of its new first day enter, those of the
// day after its end leave. Each rater holds its ratings in the period and
// the latest of them; count and sum are over those latest ratings.
type slidingRatings struct {
	ratings    []records.Rating
	byDay      [][]int32
	raters     map[string]*rater
	count, sum int
}

// rater is one buyer's ratings in the period.
type rater struct {
	in     []int32
	latest int32 // -1 when in is empty
}

// enter adds the ratings of day k to the period.
func (p *slidingRatings) enter(k int) {
	for _, i := range p.byDay[k] {
		id := p.ratings[i].Rater
		rt := p.raters[id]
		if rt == nil {
			rt = &rater{latest: -1}
			p.raters[id] = rt
		}
		rt.in = append(rt.in, i)
		p.update(rt)
	}
}

// leave takes the ratings of day k out of the period.
func (p *slidingRatings) leave(k int) {
	for _, i := range p.byDay[k] {
		rt := p.raters[p.ratings[i].Rater]
		for j, x := range rt.in {
			if x == i {
				rt.in = append(rt.in[:j], rt.in[j+1:]...)
				break
			}
		}
		p.update(rt)
	}
}

// update puts the rater's latest rating in the count and sum in place of
// the one it had.
func (p *slidingRatings) update(rt *rater) {
	if rt.latest >= 0 {
		p.count--
		p.sum -= p.ratings[rt.latest].Score
	}
	rt.latest = -1
	if len(rt.in) > 0 {
		rt.latest = p.latestOf(rt.in)
		p.count++
		p.sum += p.ratings[rt.latest].Score
	}
}

// latestOf is the latest of the ratings in (ratingLater).
func (p *slidingRatings) latestOf(in []int32) int32 {
	best := in[0]
	for _, i := range in[1:] {
		if ratingLater(&p.ratings[i], &p.ratings[best]) {
			best = i
		}
	}
	return best
}
