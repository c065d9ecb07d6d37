package metrics

import (
	"sort"
	"strconv"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ODRID is the Order Defect Rate's id.
const ODRID = "odr"

// odrWindow is Amazon's rule: orders dated in the 60 days ending 14 days
// before as-of.
var odrWindow = settings.Window{Days: []int{60}, Lag: 14}

var odrMetric = Metric{
	ID: ODRID, Title: "Order Defect Rate", Short: "ODR", Abbrev: "ODR",
	Command: "odr", Source: "help G200285170",
	KeyedOn: "orders dated", Counts: "defective", Population: "orders",
	Clean:     [2]string{"defect-free order", "defect-free orders"},
	ListTitle: "Defective orders",
	Scale:     1, Window: odrWindow,
	// The settlement report's A-to-z refunds and chargeback debits are
	// claims and chargebacks.
	Reads: []string{kindOrders, kindFeedback, kindClaims, kindChargebacks, kindReturns, kindSettlement},
	Base:  Base{Kinds: []string{kindOrders}, Field: records.Ordered},
	Parts: []Part{{Component: ComponentNegativeFeedback, Kinds: []string{kindFeedback}},
		{Component: ComponentClaims, Kinds: []string{kindClaims, kindReturns, kindSettlement}},
		{Component: ComponentChargebacks, Kinds: []string{kindChargebacks, kindSettlement}}},
	Compute: odrOutcome,
	Series:  odrSeries,
}

// Input kinds the ODR reads besides the orders report (input.Kind).
const (
	kindFeedback    = "feedback"
	kindClaims      = "claims"
	kindChargebacks = "chargebacks"
	kindReturns     = "returns"
	kindSettlement  = "settlement"
)

// odrOutcome is the ODR's three entries, the defects it could not place,
// and a note for each defect source missing from the inputs. Without the
// orders report no defect can be placed in a window: every entry is not
// computed, and the defects are still listed.
func odrOutcome(d *records.Dataset, s settings.Settings) Outcome {
	o := ODR(d, s)
	if !d.Has(kindOrders) {
		res := make([]Result, len(o.Segments))
		for i, seg := range o.Segments {
			res[i] = Missing(seg.ID, "needs the All Orders report, by order date (docs/downloads.md): the denominator and each order's date")
			res[i].Fulfillment = seg.Fulfillment
			res[i].Window = seg.Window
		}
		return Outcome{Results: res, Unplaced: o.Unplaced}
	}
	var notes []string
	if !d.Has(kindFeedback) {
		notes = append(notes, "no Feedback report among the inputs: negative feedback is not counted in the ODR")
	}
	switch {
	case d.Has(kindClaims) || d.Has(kindReturns):
	case d.Has(kindSettlement):
		notes = append(notes, "A-to-z claims come from the settlement report only: it shows the claims granted at your cost, not those still under review, which count too; the A-to-z claims file gives them")
	default:
		notes = append(notes, "no A-to-z claims file or returns report among the inputs: A-to-z claims are not counted in the ODR")
	}
	switch {
	case d.Has(kindChargebacks):
	case d.Has(kindSettlement):
		notes = append(notes, "chargebacks come from the settlement report only: it shows those debited to you, not whether each was a service or a fraud chargeback, and counts them all; the chargebacks file gives the type")
	default:
		notes = append(notes, "no chargebacks file among the inputs: chargebacks are not counted in the ODR")
	}
	if n := multiChannelNote(o.MultiChannel, "Multi-Channel Fulfillment order", "Multi-Channel Fulfillment orders",
		"ODR", "feedback, claims and chargebacks"); n != "" {
		notes = append(notes, n)
	}
	return Outcome{Results: o.Segments[:], Unplaced: o.Unplaced, Notes: notes}
}

// Defect kinds of the ODR, as component keys and in the unmatched list.
const (
	NegativeFeedback = "negative_feedback"
	AToZClaim        = "a_to_z_claim"
	Chargeback       = "chargeback"
)

// ODR component keys in the JSON contract.
const (
	ComponentNegativeFeedback = "negative_feedback"
	ComponentClaims           = "a_to_z_claims"
	ComponentChargebacks      = "chargebacks"
)

type defectMask uint8

const (
	maskFeedback defectMask = 1 << iota
	maskClaim
	maskChargeback
)

// ODROutcome is the Order Defect Rate of each segment (all, afn, mfn, in
// that order) and the defects that could not be placed.
type ODROutcome struct {
	Segments [3]Result
	Unplaced []Unplaced
	// MultiChannel is how many Multi-Channel Fulfillment orders (sales
	// channel Non-Amazon) dated in the window were left out of every
	// segment (multichannel.go).
	MultiChannel int
}

// ODRWindow is the order-date window of the ODR on s.AsOf: end = as-of −
// lag, start = end − (days − 1), both inclusive.
func ODRWindow(s settings.Settings) Window {
	_, w := windowOn(s, ODRID, odrWindow)
	return w
}

// ClaimCounts says whether an A-to-z claim in status st is a defect.
// Help G202041210 and 27951: a claim counts unless denied, withdrawn or
// reversed on appeal; one granted, refunded by the seller, still under
// review, or of unknown status (the returns report's flag) counts. With
// countDenied (the stricter reading), denied claims count too.
func ClaimCounts(st records.ClaimStatus, countDenied bool) bool {
	switch st {
	case records.ClaimWithdrawn, records.ClaimReversedOnAppeal:
		return false
	case records.ClaimDenied:
		return countDenied
	}
	return true
}

// ChargebackCounts says whether a chargeback of type t is a defect. Help
// 48781: a service chargeback counts; a fraud one (payment fraud, an
// unauthorised card) is Amazon's responsibility and does not. A chargeback
// of unknown type (the settlement report's "Chargeback Refund": a debit
// that names no type) counts. Policy, for two reasons: under the Business
// Solutions Agreement that help 48781 quotes, the seller bears service
// chargebacks and Amazon fraud ones, so a chargeback debited to the seller
// is one Amazon held the seller responsible for; and, as with a claim of
// unknown status, audit does not under-report a defect it cannot rule out.
func ChargebackCounts(t records.ChargebackType) bool {
	return t == records.ChargebackService || t == records.ChargebackUnknown
}

// FeedbackCounts says whether feedback is negative: rating 1 or 2 (help
// 761; 3 is neutral), unless the export marks it removed or struck through
// (help 20231).
func FeedbackCounts(f records.Feedback) bool {
	return f.Rating >= 1 && f.Rating <= 2 && !f.Removed
}

// ODR computes the Order Defect Rate (help G200285170): orders with one or
// more defects over all orders dated in the window, by order date, each
// order once. Events dated after as-of are ignored. Components count
// distinct orders per defect type. Multi-Channel Fulfillment orders (sales
// channel Non-Amazon) are not Amazon orders: no Amazon feedback, claim or
// chargeback reaches them, so they are left out of the numerator and the
// denominator of every segment, and counted in MultiChannel.
func ODR(d *records.Dataset, s settings.Settings) ODROutcome {
	def := odrDefects{
		d:        d,
		defects:  make(map[records.OrderKey]defectMask),
		stays:    make(map[records.OrderKey]defectMask),
		events:   make(map[records.OrderKey][]Event),
		unplaced: map[[2]string]Unplaced{},
	}
	def.markFeedback(s)
	def.markClaims(s)
	def.markChargebacks(s)
	def.index()
	t := odrTally{asOf: s.AsOf, w: ODRWindow(s)}
	t.countOrders(&def)
	var out ODROutcome
	for i, seg := range []string{"all", "afn", "mfn"} {
		out.Segments[i] = t.result(i, seg, s.Feedback.PeriodDays)
	}
	out.Unplaced = def.sortedUnplaced()
	out.MultiChannel = t.multiChannel
	return out
}

// odrSeries is the ODR on every as-of date from from to to (SeriesFunc):
// each order is a unit keyed on its order date, in the population once
// dated on or before as-of, counted from its first defect on (the first
// negative feedback, counted claim or counted chargeback dated on or
// before as-of), as ODR counts it on each date.
func odrSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindOrders) {
		return nil, false
	}
	win := s.Window(ODRID, odrWindow)
	n := win.Days[0]
	sl := newSlider(from, to, win.Lag, []int{n}, 3)
	first := firstDefects(d, s, to)
	var mcf multiChannel
	for o := range d.Orders.All() {
		key := o.Date
		if !sl.reaches(key) || mcf.order(o) {
			continue
		}
		segs := uint8(1)
		if i := segmentOf(o.Channel); i > 0 {
			segs |= 1 << i
		}
		defect, defective := first[o.Key]
		sl.follow(key, segs, func(asOf civil.Date) standing {
			switch {
			case key > asOf:
				return stOut
			case defective && defect <= asOf:
				return stCounted
			}
			return stIn
		}, key, defect)
	}
	out := make([][]Result, int(to-from)+1)
	sl.run(func(i int, asOf civil.Date) {
		out[i] = make([]Result, 3)
		for seg, name := range []string{"all", "afn", "mfn"} {
			num, den := sl.count(seg, asOf, n)
			out[i][seg] = Result{ID: ODRID, Fulfillment: name, Numerator: num, Denominator: den, Window: sl.window(asOf, n)}
		}
	})
	return out, true
}

// firstDefects is the date of each known order's first defect dated on
// or before to, as markFeedback, markClaims and markChargebacks count
// them.
func firstDefects(d *records.Dataset, s settings.Settings, to civil.Date) map[records.OrderKey]civil.Date {
	first := map[records.OrderKey]civil.Date{}
	mark := func(id string, on civil.Date) {
		if on > to {
			return
		}
		if o, ok := d.Orders.Get(id); ok {
			if f, seen := first[o.Key]; !seen || on < f {
				first[o.Key] = on
			}
		}
	}
	for _, f := range d.Feedback {
		if FeedbackCounts(f) {
			mark(f.OrderID, f.Date)
		}
	}
	for _, c := range d.Claims {
		if ClaimCounts(c.Status, s.ODR.CountDeniedClaims) {
			mark(c.OrderID, c.Date)
		}
	}
	for _, c := range d.Chargebacks {
		if ChargebackCounts(c.Type) {
			mark(c.OrderID, c.Date)
		}
	}
	return first
}

// odrDefects are the defects of one ODR computation. It holds maps only
// (and the dataset), so that it and its maps stay on the stack.
type odrDefects struct {
	d       *records.Dataset
	defects map[records.OrderKey]defectMask
	// stays are the defects Amazon would not remove: what is left of an
	// order's defects if the removable negative feedback went.
	stays  map[records.OrderKey]defectMask
	events map[records.OrderKey][]Event
	// unplaced are the defects on orders the orders report lacks, by
	// (order, kind). Each (order, kind) is listed once, naming its first
	// row by file then line, whatever the order of the rows in the dataset.
	unplaced map[[2]string]Unplaced
	// filter holds a bit per hash of the defective orders' keys (index):
	// a clear bit tells an order without a defect, most of them, without
	// a map lookup.
	filter []uint64
	shift  uint
}

// index builds the filter once every defect is marked.
func (r *odrDefects) index() {
	bits := uint(10)
	for 1<<bits < 16*len(r.defects) {
		bits++
	}
	r.filter, r.shift = make([]uint64, 1<<(bits-6)), 64-bits
	for k := range r.defects {
		h := r.hash(k)
		r.filter[h>>6] |= 1 << (h & 63)
	}
}

// hash is the filter's bit of key k.
func (r *odrDefects) hash(k records.OrderKey) uint64 {
	return uint64(k) * 0x9E3779B97F4A7C15 >> r.shift
}

// defectsOf are the defects of order k (0 when it has none).
func (r *odrDefects) defectsOf(k records.OrderKey) defectMask {
	if h := r.hash(k); r.filter[h>>6]&(1<<(h&63)) == 0 {
		return 0
	}
	return r.defects[k]
}

// order is the known order a defect row names, or nil after noting the row as unplaced.
func (r *odrDefects) order(id, kind string, src records.Source) *records.Order {
	o, ok := r.d.Orders.Get(id)
	if !ok {
		key := [2]string{id, kind}
		u := Unplaced{OrderID: id, Kind: kind, File: src.File, Line: src.Line}
		if first, seen := r.unplaced[key]; !seen || sourceLess(u, first) {
			r.unplaced[key] = u
		}
		return nil
	}
	return o
}

// mark records defect m of order o and its event; removable says Amazon would remove it.
func (r *odrDefects) mark(o *records.Order, m defectMask, ev Event, removable bool) {
	r.defects[o.Key] |= m
	if !removable {
		r.stays[o.Key] |= m
	}
	r.events[o.Key] = append(r.events[o.Key], ev)
}

// markFeedback marks the negative feedback dated on or before as-of.
func (r *odrDefects) markFeedback(s settings.Settings) {
	for _, f := range r.d.Feedback {
		if f.Date <= s.AsOf && FeedbackCounts(f) {
			if o := r.order(f.OrderID, NegativeFeedback, f.Source); o != nil {
				removable := s.AsOf <= RemovableUntil(f, s) && len(RemovalGrounds(f, o.Channel, s)) > 0
				r.mark(o, maskFeedback, Event{Type: NegativeFeedback, Date: f.Date, Status: "rating " + strconv.Itoa(f.Rating)}, removable)
			}
		}
	}
}

// markClaims marks the counted A-to-z claims dated on or before as-of.
func (r *odrDefects) markClaims(s settings.Settings) {
	for _, c := range r.d.Claims {
		if c.Date <= s.AsOf && ClaimCounts(c.Status, s.ODR.CountDeniedClaims) {
			if o := r.order(c.OrderID, AToZClaim, c.Source); o != nil {
				r.mark(o, maskClaim, Event{Type: AToZClaim, Date: c.Date, Status: c.Status.String()}, false)
			}
		}
	}
}

// markChargebacks marks the chargebacks that count (service, or of
// unknown type) dated on or before as-of.
func (r *odrDefects) markChargebacks(s settings.Settings) {
	for _, c := range r.d.Chargebacks {
		// Fraud chargebacks are Amazon's responsibility (help 48781).
		if c.Date <= s.AsOf && ChargebackCounts(c.Type) {
			if o := r.order(c.OrderID, Chargeback, c.Source); o != nil {
				r.mark(o, maskChargeback, Event{Type: Chargeback, Date: c.Date, Status: c.Type.String()}, false)
			}
		}
	}
}

// sortedUnplaced is the unplaced defects by file, line, order and kind.
func (r *odrDefects) sortedUnplaced() []Unplaced {
	var unplaced []Unplaced
	if len(r.unplaced) > 0 {
		unplaced = make([]Unplaced, 0, len(r.unplaced))
	}
	for _, u := range r.unplaced {
		unplaced = append(unplaced, u)
	}
	sort.Slice(unplaced, func(i, j int) bool {
		a, b := unplaced[i], unplaced[j]
		if sourceLess(a, b) || sourceLess(b, a) {
			return sourceLess(a, b)
		}
		if a.OrderID != b.OrderID {
			return a.OrderID < b.OrderID
		}
		return a.Kind < b.Kind
	})
	return unplaced
}

// odrTally counts the known orders of an ODR computation per segment.
type odrTally struct {
	asOf civil.Date
	w    Window
	segs [3]odrSegment // all, afn, mfn
	// multiChannel counts the MCF orders dated in the window, left out.
	multiChannel int
}

// odrSegment is one segment's tally: the ODR's figures, its list and its Days.
type odrSegment struct {
	den, num, nf, cl, cb, kept int
	items                      []Item
	days                       *dayCounter
}

// countOrders counts each known order dated from the window's first day to
// as-of, except the Multi-Channel Fulfillment orders.
func (t *odrTally) countOrders(def *odrDefects) {
	for i := range t.segs {
		t.segs[i].days = newDayCounter(t.w.From, t.asOf)
	}
	var mcf multiChannel
	for o := range def.d.Orders.All() {
		if o.Date < t.w.From || o.Date > t.asOf {
			continue
		}
		if mcf.order(o) {
			// Not an Amazon order: in no segment, not even in the days
			// after the window.
			if t.w.Contains(o.Date) {
				t.multiChannel++
			}
			continue
		}
		if !t.w.Contains(o.Date) {
			// Known orders dated after the window's end enter it later.
			m := def.defectsOf(o.Key)
			t.segs[0].days.add(o.Date, m != 0)
			if i := segmentOf(o.Channel); i > 0 {
				t.segs[i].days.add(o.Date, m != 0)
			}
			continue
		}
		t.count(def, o)
	}
}

// count adds an order dated in the window to the "all" segment and to its own.
func (t *odrTally) count(def *odrDefects, o *records.Order) {
	segs := [2]int{0, segmentOf(o.Channel)}
	m := def.defectsOf(o.Key)
	var item *Item
	if m != 0 {
		item = &Item{OrderID: o.ID(), OrderDate: o.Date, Fulfillment: segmentName(o.Channel), KeyDate: o.Date,
			Events: sortedEvents(def.events[o.Key]), LeavesWindowOn: LeavesWindow(o.Date, int(t.asOf-t.w.To), t.w.Days)}
	}
	for _, i := range segs {
		if i < 0 {
			continue
		}
		c := &t.segs[i]
		c.den++
		c.days.add(o.Date, m != 0)
		if m != 0 {
			c.num++
			c.items = append(c.items, *item)
		}
		if m != 0 && def.stays[o.Key] != 0 {
			c.kept++
		}
		if m&maskFeedback != 0 {
			c.nf++
		}
		if m&maskClaim != 0 {
			c.cl++
		}
		if m&maskChargeback != 0 {
			c.cb++
		}
	}
}

// result is segment i's Result, named seg; periodDays is the feedback period.
func (t *odrTally) result(i int, seg string, periodDays int) Result {
	c := &t.segs[i]
	sortItems(c.items)
	ifRemoved := c.kept
	var finalOn *civil.Date
	if f := t.w.To.AddDays(periodDays); f > t.asOf {
		finalOn = &f
	}
	return Result{
		IfRemoved: &ifRemoved, FinalOn: finalOn,
		ID: ODRID, Fulfillment: seg, Numerator: c.num, Denominator: c.den, Window: t.w,
		Items: c.items, Days: c.days.days,
		Components: Components{
			{ComponentNegativeFeedback, c.nf},
			{ComponentClaims, c.cl},
			{ComponentChargebacks, c.cb},
		},
	}
}

// segmentOf is the index of an order's fulfilment segment (1 afn, 2 mfn),
// or -1 when unknown.
func segmentOf(c records.Channel) int {
	switch c {
	case records.ChannelAmazon:
		return 1
	case records.ChannelMerchant:
		return 2
	}
	return -1
}

// segmentName is "afn", "mfn", or "" when the channel is unknown.
func segmentName(c records.Channel) string {
	if i := segmentOf(c); i > 0 {
		return c.String()
	}
	return ""
}

// sortedEvents orders an order's defects by date, then type, then status,
// whatever the order of the input rows.
func sortedEvents(evs []Event) []Event {
	out := append([]Event(nil), evs...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Status < b.Status
	})
	// Overlapping downloads may repeat a row: list each event once.
	uniq := out[:0]
	for i, e := range out {
		if i == 0 || e != out[i-1] {
			uniq = append(uniq, e)
		}
	}
	return uniq
}

// sourceLess orders by file, then line.
func sourceLess(a, b Unplaced) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}
