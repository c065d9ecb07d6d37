package metrics

import (
	"slices"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// A trend asks for a metric on every as-of date of a range. Computing each
// date alone reads every record once per date; a metric's Series reads
// them once for the whole range instead. Each member of a metric's
// population (an order, a shipment) is a unit keyed on one date (its
// order date, its expected ship date, ...); on each as-of date it is out
// of the population, in it, or in it and counted in the numerator. That
// standing changes only on a few dates the unit's own records name (when
// it was confirmed, cancelled, delivered, got a defect), so a unit is
// looked at once: its standing on the first date that matters, then on
// each of those dates. A date's figures are then the units keyed in its
// window, summed from counts per key date.

// SeriesFunc is a metric's figures on each as-of date from from to to,
// both inclusive, in one pass over the records: out[i] are the Results
// Compute gives on from+i, with their counts only (ID, Fulfillment,
// WindowDays, Marketplace, Window, Numerator, Denominator, NotComputed;
// no Items, Days, Components or Period). ok is false when these records
// need each date computed alone (Compute): the caller then does that.
type SeriesFunc func(d *records.Dataset, s settings.Settings, from, to civil.Date) (out [][]Result, ok bool)

// standing is a unit's place on one as-of date: what it adds to the
// denominator (1 in the population, 0 out of it) and to the numerator (1
// counted; a score, for the customer-service rating's sum).
type standing struct{ den, num int8 }

var (
	stOut     = standing{}       // not in the population
	stIn      = standing{den: 1} // in the population (the denominator)
	stCounted = standing{1, 1}   // in the population and counted in the numerator
)

// slider counts units per key date as the as-of date moves from from to
// to: for each date, the units keyed in each of the metric's windows,
// per segment (the ODR's all, afn and mfn).
type slider struct {
	from, to civil.Date
	lag      int
	days     []int // the window lengths
	maxDays  int
	// lo and hi are the first and last key dates a window of a date from
	// from to to reaches.
	lo, hi civil.Date
	// den and num count, per segment, the units of each key date (index
	// key - lo) in the population and in the numerator on the current
	// as-of date.
	den, num [][]int32
	// changes are, per as-of date (index date - from), the units whose
	// standing changes on that date.
	changes [][]change
	breaks  []civil.Date // scratch for follow
}

// change is one unit's standing changing on an as-of date: the counts of
// its key date move by den and num in each segment of segs.
type change struct {
	key      int32 // key - lo
	segs     uint8
	den, num int8
}

// newSlider counts units for the windows of win's lengths days (each
// ending lag days before the as-of date), over segs segments.
func newSlider(from, to civil.Date, lag int, days []int, segs int) *slider {
	sl := &slider{from: from, to: to, lag: lag, days: days, maxDays: slices.Max(days)}
	sl.lo, sl.hi = from.AddDays(-lag-sl.maxDays+1), to.AddDays(-lag)
	k := int(sl.hi-sl.lo) + 1
	sl.den, sl.num = make([][]int32, segs), make([][]int32, segs)
	for i := range segs {
		sl.den[i], sl.num[i] = make([]int32, k), make([]int32, k)
	}
	sl.changes = make([][]change, int(to-from)+1)
	return sl
}

// reaches says whether a window of some as-of date reaches key: only
// then does a unit keyed on it count.
func (sl *slider) reaches(key civil.Date) bool { return key >= sl.lo && key <= sl.hi }

// follow counts a unit keyed on key, in the segments of segs (bit i:
// segment i): its standing on an as-of date is at(date), which changes
// only on the dates of breaks (in any order; dates outside the range are
// passed over). A date on which the standing changes that is not among
// breaks makes the figures wrong: the differential tests compare each
// metric's Series with Compute on every date.
func (sl *slider) follow(key civil.Date, segs uint8, at func(asOf civil.Date) standing, breaks ...civil.Date) {
	if !sl.reaches(key) {
		return
	}
	// The as-of dates whose windows reach key: key + lag (the window ends
	// on it) to key + lag + maxDays - 1 (the longest window starts on it).
	first := max(sl.from, key.AddDays(sl.lag))
	last := min(sl.to, key.AddDays(sl.lag+sl.maxDays-1))
	k := int32(key - sl.lo)
	st := at(first)
	sl.move(k, segs, stOut, st)
	if len(breaks) == 0 {
		return
	}
	bs := append(sl.breaks[:0], breaks...)
	slices.Sort(bs)
	sl.breaks = bs
	for _, b := range bs {
		if b <= first || b > last {
			continue
		}
		next := at(b)
		if next != st {
			c := change{key: k, segs: segs, den: next.den - st.den, num: next.num - st.num}
			i := int(b - sl.from)
			sl.changes[i] = append(sl.changes[i], c)
			st = next
		}
	}
}

// move counts a unit of key index k whose standing goes from was to is.
func (sl *slider) move(k int32, segs uint8, was, is standing) {
	dd, dn := int32(is.den)-int32(was.den), int32(is.num)-int32(was.num)
	if dd == 0 && dn == 0 {
		return
	}
	for i := range sl.den {
		if segs&(1<<i) != 0 {
			sl.den[i][k] += dd
			sl.num[i][k] += dn
		}
	}
}

// run calls each for every as-of date from from to to in turn, i its
// index, once that date's changes are counted.
func (sl *slider) run(each func(i int, asOf civil.Date)) {
	for i := range sl.changes {
		for _, c := range sl.changes[i] {
			for s := range sl.den {
				if c.segs&(1<<s) != 0 {
					sl.den[s][c.key] += int32(c.den)
					sl.num[s][c.key] += int32(c.num)
				}
			}
		}
		sl.changes[i] = nil
		each(i, sl.from.AddDays(i))
	}
}

// window is the window of n days on asOf (as windowOn computes it).
func (sl *slider) window(asOf civil.Date, n int) Window {
	return WindowEnding(asOf.AddDays(-sl.lag), n)
}

// count is segment seg's numerator and denominator in the window of n
// days on asOf.
func (sl *slider) count(seg int, asOf civil.Date, n int) (num, den int) {
	w := sl.window(asOf, n)
	for k := int(w.From - sl.lo); k <= int(w.To-sl.lo); k++ {
		num += int(sl.num[seg][k])
		den += int(sl.den[seg][k])
	}
	return num, den
}

// byWindow is the figures of a metric with an entry per window length
// (WindowDays: the late shipment rate's 10 and 30 days) and no segments,
// id, on each date the slider runs over.
func byWindow(sl *slider, id string, days []int) [][]Result {
	out := make([][]Result, len(sl.changes))
	sl.run(func(i int, asOf civil.Date) {
		out[i] = make([]Result, len(days))
		for k, n := range days {
			num, den := sl.count(0, asOf, n)
			out[i][k] = Result{ID: id, WindowDays: n, Window: sl.window(asOf, n), Numerator: num, Denominator: den}
		}
	})
	return out
}

// oneWindow is the figures of a metric of one window of n days and no
// segments, id, on each date the slider runs over.
func oneWindow(sl *slider, id string, n int) [][]Result {
	out := make([][]Result, len(sl.changes))
	sl.run(func(i int, asOf civil.Date) {
		num, den := sl.count(0, asOf, n)
		out[i] = []Result{{ID: id, Window: sl.window(asOf, n), Numerator: num, Denominator: den}}
	})
	return out
}

// around appends the dates from d+before to d+after to breaks; none when
// d is zero (no such date).
func around(breaks []civil.Date, d civil.Date, before, after int) []civil.Date {
	if d == 0 {
		return breaks
	}
	for k := before; k <= after; k++ {
		breaks = append(breaks, d.AddDays(k))
	}
	return breaks
}

// latestInWindow follows the customer-service ratings that keep selects,
// except those on Multi-Channel Fulfillment orders, each keyed on its
// date: a rating stands as at says while no later rating of the same
// rater (ratingLater) is in the window, and is out while one is. Which
// of a rater's ratings are in the window changes only as their dates
// enter it (date + lag) and leave it (date + lag + the window's days).
func latestInWindow(sl *slider, d *records.Dataset, keep func(*records.Rating) bool, at func(*records.Rating) standing) {
	var mcf multiChannel
	byRater := map[string][]*records.Rating{}
	for i := range d.Ratings {
		g := &d.Ratings[i]
		if keep(g) && !mcf.id(d, g.Rater) {
			byRater[g.Rater] = append(byRater[g.Rater], g)
		}
	}
	n := sl.days[0]
	var breaks []civil.Date
	for _, rs := range byRater {
		slices.SortFunc(rs, func(a, b *records.Rating) int {
			switch {
			case ratingLater(a, b):
				return 1
			case ratingLater(b, a):
				return -1
			}
			return 0
		})
		for i, g := range rs {
			later := rs[i+1:]
			breaks = breaks[:0]
			for _, l := range later {
				breaks = append(breaks, l.Rated.Date.AddDays(sl.lag), l.Rated.Date.AddDays(sl.lag+n))
			}
			st := at(g)
			sl.follow(g.Rated.Date, 1, func(asOf civil.Date) standing {
				w := sl.window(asOf, n)
				for _, l := range later {
					if w.Contains(l.Rated.Date) {
						return stOut
					}
				}
				return st
			}, breaks...)
		}
	}
}
