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
	Reads: []string{kindRatings}, OnlyWithInputs: true, Uses: []string{kindOrders},
	Base: Base{Kinds: []string{kindRatings}, Field: records.Rated},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		r, note := serviceRating(d, s)
		return Outcome{Results: []Result{r}, Notes: notes(note)}
	},
	Series: serviceRatingSeries,
}

// serviceRatingSeries is the customer service rating on every as-of date
// from from to to (SeriesFunc). A period's figure depends on its last day
// alone: each rater's latest score in it. So the figures of every period
// end a date can choose (its last day back to the lookback) are counted
// once, by a slider whose "as-of date" is the period's last day, each
// score a unit in while no later score of its rater is in the period;
// each date then takes the latest period with enough ratings, as
// latestFullPeriod does.
func serviceRatingSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindRatings) {
		return nil, false
	}
	if scores, answers := ratingKinds(d.Ratings); !scores && answers {
		return nil, false
	}
	win := s.Window(CustomerServiceRating, serviceRatingWindow)
	n := win.Days[0]
	if n <= 0 {
		return nil, false
	}
	lookback := max(s.Service.RatingLookbackDays, 0)
	first, last := from.AddDays(-win.Lag-lookback), to.AddDays(-win.Lag) // the periods' last days
	sl := newSlider(first, last, 0, []int{n}, 1)
	latestInWindow(sl, d, func(g *records.Rating) bool {
		return g.Solved == records.SolvedUnknown && g.Score >= 1 && g.Score <= 10
	}, func(g *records.Rating) standing { return standing{den: 1, num: int8(g.Score)} })
	sums, counts := make([]int, int(last-first)+1), make([]int, int(last-first)+1)
	sl.run(func(i int, end civil.Date) { sums[i], counts[i] = sl.count(0, end, n) })
	out := make([][]Result, int(to-from)+1)
	for i := range out {
		end := from.AddDays(i - win.Lag) // the latest day a period may end on
		r := Result{ID: CustomerServiceRating, Window: WindowEnding(end, n)}
		for e := int(end - first); e >= int(end-first)-lookback; e-- {
			if counts[e] >= s.Service.RatingMin && counts[e] > 0 {
				r.Numerator, r.Denominator, r.Window = sums[e], counts[e], WindowEnding(first.AddDays(e), n)
				break
			}
		}
		out[i] = []Result{r}
	}
	return out, true
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
// as its Window. Ratings dated after as-of are ignored. A rating whose
// rater id is a Multi-Channel Fulfillment order of the orders report
// (sales channel Non-Amazon) is left out: Amazon's surveys do not reach
// such an order (a buyer id, the usual rater id, names no order).
func ServiceRating(d *records.Dataset, s settings.Settings) Result {
	r, _ := serviceRating(d, s)
	return r
}

// serviceRating is ServiceRating and the note of the ratings on
// Multi-Channel Fulfillment orders it left out of the period it reports
// (its Window; "": none).
func serviceRating(d *records.Dataset, s settings.Settings) (Result, string) {
	if !d.Has(kindRatings) {
		return Missing(CustomerServiceRating, needRatings), ""
	}
	if scores, answers := ratingKinds(d.Ratings); !scores && answers {
		return Missing(CustomerServiceRating, onlySolved), ""
	}
	win := s.Window(CustomerServiceRating, serviceRatingWindow)
	n := win.Days[0]
	last := s.AsOf.AddDays(-win.Lag) // the latest day a period may end on
	r := Result{ID: CustomerServiceRating, Window: WindowEnding(last, n)}
	if n <= 0 {
		return r, ""
	}
	// Periods end on as-of back to as-of − lookback; their ratings are
	// dated from first on.
	lookback := max(s.Service.RatingLookbackDays, 0)
	first := last.AddDays(-lookback - (n - 1))
	byDay, mcf := ratingsByDay(d, first, last)
	r = latestFullPeriod(r, d.Ratings, byDay, first, n, s.Service.RatingMin)
	// The raters of MCF orders left out of the period reported, each once
	// as each rater's latest rating would have counted once.
	var left map[string]bool
	for _, i := range mcf {
		if g := &d.Ratings[i]; r.Window.Contains(g.Rated.Date) {
			if left == nil {
				left = map[string]bool{}
			}
			left[g.Rater] = true
		}
	}
	return r, multiChannelNote(len(left), "rating on a Multi-Channel Fulfillment order", "ratings on Multi-Channel Fulfillment orders",
		"customer service rating", "customer service surveys")
}

// latestFullPeriod is r with the figures of the latest period of n days
// whose ratings (byDay, from first on) hold at least least raters, sliding
// back from the last day of byDay; r unchanged when none does.
func latestFullPeriod(r Result, ratings []records.Rating, byDay [][]int32, first civil.Date, n, least int) Result {
	p := slidingRatings{ratings: ratings, byDay: byDay, raters: map[string]*rater{}}
	end := len(p.byDay) - 1 // index of D
	for k := end - (n - 1); k <= end; k++ {
		p.enter(k)
	}
	for {
		if p.count >= least && p.count > 0 {
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
// by day: [k] holds those dated first + k; and, left out of them, the
// indexes of those whose rater id is a Multi-Channel Fulfillment order of
// the orders report.
func ratingsByDay(d *records.Dataset, first, last civil.Date) (byDay [][]int32, multi []int32) {
	rs := d.Ratings
	byDay = make([][]int32, int(last-first)+1)
	var mcf multiChannel
	for i := range rs {
		g := &rs[i]
		if g.Solved != records.SolvedUnknown || g.Score < 1 || g.Score > 10 || g.Rated.Date < first || g.Rated.Date > last {
			continue
		}
		if mcf.id(d, g.Rater) {
			multi = append(multi, int32(i))
			continue
		}
		k := int(g.Rated.Date - first)
		byDay[k] = append(byDay[k], int32(i))
	}
	return byDay, multi
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
