package metrics_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are those of ../shared/reference/metrics.md, section
// "Order Defect Rate (ODR)". Every case names the rule it guards.

// day parses YYYY-MM-DD or panics (test input is literal).
func day(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

const (
	afn = records.ChannelAmazon
	mfn = records.ChannelMerchant
	unk = records.ChannelUnknown
)

// builder assembles a records.Dataset the way the report readers would:
// one Order per distinct order id, events as rows with a file and line.
type builder struct {
	d     *records.Dataset
	lines map[string]int
}

func newData() *builder {
	return &builder{d: records.NewDataset(), lines: map[string]int{}}
}

// next returns the next line of file, starting at 2 (line 1 is the header).
func (b *builder) next(file string) records.Source {
	if b.lines[file] == 0 {
		b.lines[file] = 1
	}
	b.lines[file]++
	return records.Source{File: file, Line: b.lines[file]}
}

func (b *builder) order(id, date string, ch records.Channel) *builder {
	return b.orderStatus(id, date, ch, "Shipped")
}

func (b *builder) orderStatus(id, date string, ch records.Channel, status string) *builder {
	return b.orderOn(id, date, ch, status, "Amazon.com")
}

// orderOn is an order of the sales channel sales ("Non-Amazon": a
// Multi-Channel Fulfillment order).
func (b *builder) orderOn(id, date string, ch records.Channel, status, sales string) *builder {
	b.d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: day(date), Channel: ch, Status: records.Intern(status),
		SalesChannel: records.Intern(sales), File: records.Intern("orders.txt"), Line: int32(b.next("orders.txt").Line)})
	return b
}

func (b *builder) feedback(id, date string, rating int) *builder {
	b.d.Feedback = append(b.d.Feedback, records.Feedback{OrderID: id, Date: day(date), Rating: rating, Source: b.next("feedback.txt")})
	return b
}

func (b *builder) removedFeedback(id, date string, rating int) *builder {
	b.d.Feedback = append(b.d.Feedback, records.Feedback{OrderID: id, Date: day(date), Rating: rating, Removed: true, Source: b.next("feedback.txt")})
	return b
}

func (b *builder) claim(id, date string, st records.ClaimStatus) *builder {
	b.d.Claims = append(b.d.Claims, records.Claim{OrderID: id, Date: day(date), Status: st, Source: b.next("claims.csv")})
	return b
}

func (b *builder) chargeback(id, date string, t records.ChargebackType) *builder {
	b.d.Chargebacks = append(b.d.Chargebacks, records.Chargeback{OrderID: id, Date: day(date), Type: t, Source: b.next("chargebacks.csv")})
	return b
}

// fig is one segment's figures: numerator, denominator and the components
// negative feedback, claims, chargebacks.
type fig struct{ Num, Den, NF, CL, CB int }

func figOf(r metrics.Result) fig {
	return fig{r.Numerator, r.Denominator,
		r.Components.Get(metrics.ComponentNegativeFeedback),
		r.Components.Get(metrics.ComponentClaims),
		r.Components.Get(metrics.ComponentChargebacks)}
}

func figs(o metrics.ODROutcome) [3]fig {
	return [3]fig{figOf(o.Segments[0]), figOf(o.Segments[1]), figOf(o.Segments[2])}
}

// asOf is the audit date of the example: window 2026-09-08 .. 2026-11-06.
const asOf = "2026-11-20"

func defaults() settings.Settings { return settings.Default(day(asOf)) }

// odrCase is one table row: a dataset, optional settings change, and the
// exact figures of all, afn and mfn.
type odrCase struct {
	name  string
	data  *builder
	set   func(*settings.Settings)
	want  [3]fig
	unmat []metrics.Unplaced // nil: expect none
}

func runCases(t *testing.T, cases []odrCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := defaults()
			if c.set != nil {
				c.set(&s)
			}
			out := metrics.ODR(c.data.d, s)
			if got := figs(out); got != c.want {
				t.Errorf("figures (all, afn, mfn):\n got %+v\nwant %+v", got, c.want)
			}
			if len(out.Unplaced) != 0 || len(c.unmat) != 0 {
				if !reflect.DeepEqual(out.Unplaced, c.unmat) {
					t.Errorf("unplaced:\n got %+v\nwant %+v", out.Unplaced, c.unmat)
				}
			}
		})
	}
}

// Rule: window end E = as-of − 14, start S = E − 59, both inclusive, by order
// date. With as-of 2026-11-20 the window is 2026-09-08 .. 2026-11-06.
func TestODRWindowDefault(t *testing.T) {
	want := metrics.Window{From: day("2026-09-08"), To: day("2026-11-06"), Days: 60}
	if got := metrics.ODRWindow(defaults()); got != want {
		t.Fatalf("ODRWindow = %+v, want %+v", got, want)
	}
	// The result of every segment carries the window, even with no data.
	out := metrics.ODR(newData().d, defaults())
	for _, r := range out.Segments {
		if r.Window != want {
			t.Errorf("%s: Window = %+v (%s..%s), want %+v", r.Fulfillment, r.Window, r.Window.From, r.Window.To, want)
		}
	}
	if s := want.From.String() + ".." + want.To.String(); s != "2026-09-08..2026-11-06" {
		t.Errorf("window dates %s", s)
	}
}

// Rule: window edges, both ends inclusive, and lag/length are settings.
// Each case is one AFN order with a negative feedback dated on as-of; it is
// counted (1/1) when its order date is in the window and absent (0/0) when
// not, and never listed as unmatched (its order is known).
func TestODRWindowEdges(t *testing.T) {
	type edge struct {
		asOf, orderDate string
		lag, days       int
		in              bool
		from, to        string
	}
	edges := []edge{
		// Defaults (lag 14, 60 days).
		{asOf, "2026-09-07", 14, 60, false, "2026-09-08", "2026-11-06"}, // day before S
		{asOf, "2026-09-08", 14, 60, true, "2026-09-08", "2026-11-06"},  // S itself
		{asOf, "2026-10-01", 14, 60, true, "2026-09-08", "2026-11-06"},  // middle
		{asOf, "2026-11-06", 14, 60, true, "2026-09-08", "2026-11-06"},  // E itself
		{asOf, "2026-11-07", 14, 60, false, "2026-09-08", "2026-11-06"}, // day after E (inside the lag)
		{asOf, "2026-11-20", 14, 60, false, "2026-09-08", "2026-11-06"}, // on as-of (inside the lag)
		// Roll-off: the 09-08 order leaves the window one day later.
		{"2026-11-21", "2026-09-08", 14, 60, false, "2026-09-09", "2026-11-07"},
		{"2026-11-21", "2026-11-07", 14, 60, true, "2026-09-09", "2026-11-07"},
		// Lag 0, window 1: only the as-of day itself.
		{asOf, "2026-11-19", 0, 1, false, "2026-11-20", "2026-11-20"},
		{asOf, "2026-11-20", 0, 1, true, "2026-11-20", "2026-11-20"},
		{asOf, "2026-11-21", 0, 1, false, "2026-11-20", "2026-11-20"},
		// Lag 7, window 30: 2026-10-15 .. 2026-11-13.
		{asOf, "2026-10-14", 7, 30, false, "2026-10-15", "2026-11-13"},
		{asOf, "2026-10-15", 7, 30, true, "2026-10-15", "2026-11-13"},
		{asOf, "2026-11-13", 7, 30, true, "2026-10-15", "2026-11-13"},
		{asOf, "2026-11-14", 7, 30, false, "2026-10-15", "2026-11-13"},
		// A leap day: as-of 2028-03-14, lag 14 -> E 2028-02-29, S 2028-01-01
		// (29 + 31 = 60 days).
		{"2028-03-14", "2027-12-31", 14, 60, false, "2028-01-01", "2028-02-29"},
		{"2028-03-14", "2028-01-01", 14, 60, true, "2028-01-01", "2028-02-29"},
		{"2028-03-14", "2028-02-29", 14, 60, true, "2028-01-01", "2028-02-29"},
		{"2028-03-14", "2028-03-01", 14, 60, false, "2028-01-01", "2028-02-29"},
		// Across a year boundary: as-of 2027-02-13, lag 14 -> E 2027-01-30,
		// S 2026-12-02.
		{"2027-02-13", "2026-12-01", 14, 60, false, "2026-12-02", "2027-01-30"},
		{"2027-02-13", "2026-12-02", 14, 60, true, "2026-12-02", "2027-01-30"},
		{"2027-02-13", "2027-01-30", 14, 60, true, "2026-12-02", "2027-01-30"},
		{"2027-02-13", "2027-01-31", 14, 60, false, "2026-12-02", "2027-01-30"},
	}
	for _, e := range edges {
		name := fmt.Sprintf("asof=%s/lag=%d/days=%d/order=%s", e.asOf, e.lag, e.days, e.orderDate)
		t.Run(name, func(t *testing.T) {
			b := newData().order("A", e.orderDate, afn).feedback("A", e.asOf, 1)
			s := settings.Default(day(e.asOf))
			s.SetWindow(metrics.ODRID, []int{e.days}, e.lag)
			out := metrics.ODR(b.d, s)
			wantW := metrics.Window{From: day(e.from), To: day(e.to), Days: e.days}
			for _, r := range out.Segments {
				if r.Window != wantW {
					t.Errorf("%s: Window = %s..%s/%d, want %s..%s/%d", r.Fulfillment, r.Window.From, r.Window.To, r.Window.Days, e.from, e.to, e.days)
				}
			}
			want := [3]fig{}
			if e.in {
				want = [3]fig{{1, 1, 1, 0, 0}, {1, 1, 1, 0, 0}, {}}
			}
			if got := figs(out); got != want {
				t.Errorf("figures = %+v, want %+v", got, want)
			}
			if len(out.Unplaced) != 0 {
				t.Errorf("known order listed as unmatched: %+v", out.Unplaced)
			}
		})
	}
}

// Rule: the denominator is the distinct order ids dated in the window,
// whatever their status; an order with several item rows is one order.
func TestODRDenominator(t *testing.T) {
	runCases(t, []odrCase{
		{
			// Guards "whatever their status": Cancelled, Pending, Unshipped
			// and an empty status all count.
			name: "every status counts",
			data: newData().
				orderStatus("S", "2026-10-01", mfn, "Shipped").
				orderStatus("C", "2026-10-01", mfn, "Cancelled").
				orderStatus("P", "2026-10-01", mfn, "Pending").
				orderStatus("U", "2026-10-01", mfn, "Unshipped").
				orderStatus("E", "2026-10-01", mfn, ""),
			want: [3]fig{{0, 5, 0, 0, 0}, {}, {0, 5, 0, 0, 0}},
		},
		{
			// Guards "a cancelled order can be defective": the numerator is
			// not restricted to shipped orders either.
			name: "cancelled order with a claim is defective",
			data: newData().
				orderStatus("C", "2026-10-01", mfn, "Cancelled").
				claim("C", "2026-10-20", records.ClaimGranted),
			want: [3]fig{{1, 1, 0, 1, 0}, {}, {1, 1, 0, 1, 0}},
		},
		{
			// Guards "an order with three item rows is one order": the
			// multi-item order has one Order record, and its defects come from
			// several rows (one feedback per item, two claim rows); it is one
			// order in the denominator and one in the numerator.
			name: "multi-item order counts once",
			data: newData().
				order("M", "2026-10-01", afn).
				order("N", "2026-10-02", afn).
				feedback("M", "2026-10-10", 1).
				feedback("M", "2026-10-11", 2).
				feedback("M", "2026-10-12", 1).
				claim("M", "2026-10-15", records.ClaimUnderReview).
				claim("M", "2026-10-16", records.ClaimGranted),
			want: [3]fig{{1, 2, 1, 1, 0}, {1, 2, 1, 1, 0}, {}},
		},
		{
			// Guards "dated in [S, E]": orders outside the window do not
			// count, even when they are defective.
			name: "orders outside the window are not in the denominator",
			data: newData().
				order("IN", "2026-10-01", afn).
				order("EARLY", "2026-09-07", afn).
				order("LATE", "2026-11-07", afn).
				feedback("EARLY", "2026-10-01", 1).
				feedback("LATE", "2026-11-10", 1),
			want: [3]fig{{0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {}},
		},
	})
}

// Rule: negative feedback is rating 1 or 2; removed feedback does not count;
// feedback dated after as-of is ignored (dated on as-of counts). The metric is
// order-correlated: the feedback's own date need not be in the window.
func TestODRNegativeFeedback(t *testing.T) {
	one := func(rating int) odrCase {
		counts := rating == 1 || rating == 2
		c := odrCase{
			name: fmt.Sprintf("rating %d", rating),
			data: newData().order("A", "2026-10-01", mfn).feedback("A", "2026-10-05", rating),
			want: [3]fig{{0, 1, 0, 0, 0}, {}, {0, 1, 0, 0, 0}},
		}
		if counts {
			c.want = [3]fig{{1, 1, 1, 0, 0}, {}, {1, 1, 1, 0, 0}}
		}
		return c
	}
	cases := []odrCase{one(1), one(2), one(3), one(4), one(5)}
	cases = append(cases,
		odrCase{
			// Guards help 20231: removed / struck-through feedback does not count.
			name: "removed rating 1",
			data: newData().order("A", "2026-10-01", mfn).removedFeedback("A", "2026-10-05", 1),
			want: [3]fig{{0, 1, 0, 0, 0}, {}, {0, 1, 0, 0, 0}},
		},
		odrCase{
			// Guards removal per row: a removed row does not hide another
			// negative row of the same order.
			name: "removed and kept rating 2",
			data: newData().order("A", "2026-10-01", mfn).
				removedFeedback("A", "2026-10-05", 1).feedback("A", "2026-10-06", 2),
			want: [3]fig{{1, 1, 1, 0, 0}, {}, {1, 1, 1, 0, 0}},
		},
		odrCase{
			// Guards "events dated after as-of are ignored".
			name: "dated the day after as-of",
			data: newData().order("A", "2026-10-01", mfn).feedback("A", "2026-11-21", 1),
			want: [3]fig{{0, 1, 0, 0, 0}, {}, {0, 1, 0, 0, 0}},
		},
		odrCase{
			// Guards the inclusive edge: an event dated on as-of counts.
			name: "dated exactly as-of",
			data: newData().order("A", "2026-10-01", mfn).feedback("A", asOf, 2),
			want: [3]fig{{1, 1, 1, 0, 0}, {}, {1, 1, 1, 0, 0}},
		},
		odrCase{
			// Guards "order-correlated": feedback received after the window's
			// end (inside the 14-day lag) counts against its in-window order.
			name: "feedback dated after window end counts by order date",
			data: newData().order("A", "2026-11-06", mfn).feedback("A", "2026-11-19", 1),
			want: [3]fig{{1, 1, 1, 0, 0}, {}, {1, 1, 1, 0, 0}},
		},
		odrCase{
			// Guards that a later neutral/positive row does not cancel an
			// earlier negative one (no "last rating wins").
			name: "negative then positive row",
			data: newData().order("A", "2026-10-01", mfn).
				feedback("A", "2026-10-05", 1).feedback("A", "2026-10-07", 5),
			want: [3]fig{{1, 1, 1, 0, 0}, {}, {1, 1, 1, 0, 0}},
		},
	)
	runCases(t, cases)
}

// Rule: an A-to-z claim counts unless denied, withdrawn or reversed on appeal;
// with CountDeniedClaims denied counts too, withdrawn/reversed still never;
// claims dated after as-of are ignored.
func TestODRClaims(t *testing.T) {
	type st struct {
		status                    records.ClaimStatus
		countsDefault, countsDeny bool
	}
	statuses := []st{
		{records.ClaimUnderReview, true, true},
		{records.ClaimGranted, true, true},
		{records.ClaimSellerRefunded, true, true},
		{records.ClaimUnknown, true, true}, // the returns report's A-to-Z Claim = Y flag
		{records.ClaimDenied, false, true},
		{records.ClaimWithdrawn, false, false},
		{records.ClaimReversedOnAppeal, false, false},
	}
	var cases []odrCase
	for _, x := range statuses {
		for _, strict := range []bool{false, true} {
			counts := x.countsDefault
			if strict {
				counts = x.countsDeny
			}
			want := [3]fig{{0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {}}
			if counts {
				want = [3]fig{{1, 1, 0, 1, 0}, {1, 1, 0, 1, 0}, {}}
			}
			cases = append(cases, odrCase{
				name: fmt.Sprintf("%s/count-denied=%v", x.status, strict),
				data: newData().order("A", "2026-10-01", afn).claim("A", "2026-10-20", x.status),
				set:  func(s *settings.Settings) { s.ODR.CountDeniedClaims = strict },
				want: want,
			})
		}
	}
	cases = append(cases,
		odrCase{
			// Guards "events dated after as-of are ignored" for claims.
			name: "granted claim dated after as-of",
			data: newData().order("A", "2026-10-01", afn).claim("A", "2026-11-21", records.ClaimGranted),
			want: [3]fig{{0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {}},
		},
		odrCase{
			// Guards the inclusive as-of edge for claims.
			name: "granted claim dated exactly as-of",
			data: newData().order("A", "2026-10-01", afn).claim("A", asOf, records.ClaimGranted),
			want: [3]fig{{1, 1, 0, 1, 0}, {1, 1, 0, 1, 0}, {}},
		},
		odrCase{
			// Guards the strict setting not reaching back past as-of.
			name: "denied claim after as-of with count-denied",
			data: newData().order("A", "2026-10-01", afn).claim("A", "2026-11-21", records.ClaimDenied),
			set:  func(s *settings.Settings) { s.ODR.CountDeniedClaims = true },
			want: [3]fig{{0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {}},
		},
		odrCase{
			// Guards per-row judgement: a denied claim row does not cancel a
			// granted one on the same order.
			name: "denied and granted rows on one order",
			data: newData().order("A", "2026-10-01", afn).
				claim("A", "2026-10-10", records.ClaimGranted).claim("A", "2026-10-20", records.ClaimDenied),
			want: [3]fig{{1, 1, 0, 1, 0}, {1, 1, 0, 1, 0}, {}},
		},
	)
	runCases(t, cases)
}

// Rule: service chargebacks count, fraud ones do not (help 48781); after
// as-of ignored. Policy: a chargeback of unknown type (the settlement
// report's debit) counts, as a claim of unknown status does.
func TestODRChargebacks(t *testing.T) {
	none := [3]fig{{0, 1, 0, 0, 0}, {}, {0, 1, 0, 0, 0}}
	one := [3]fig{{1, 1, 0, 0, 1}, {}, {1, 1, 0, 0, 1}}
	runCases(t, []odrCase{
		{name: "service", data: newData().order("A", "2026-10-01", mfn).chargeback("A", "2026-10-30", records.ChargebackService), want: one},
		{name: "fraud", data: newData().order("A", "2026-10-01", mfn).chargeback("A", "2026-10-30", records.ChargebackFraud), want: none},
		{name: "service after as-of", data: newData().order("A", "2026-10-01", mfn).chargeback("A", "2026-11-21", records.ChargebackService), want: none},
		{name: "service exactly as-of", data: newData().order("A", "2026-10-01", mfn).chargeback("A", asOf, records.ChargebackService), want: one},
		{name: "fraud and service on one order", data: newData().order("A", "2026-10-01", mfn).
			chargeback("A", "2026-10-30", records.ChargebackFraud).chargeback("A", "2026-10-31", records.ChargebackService), want: one},
		{name: "unknown", data: newData().order("A", "2026-10-01", mfn).chargeback("A", "2026-10-30", records.ChargebackUnknown), want: one},
		{name: "unknown after as-of", data: newData().order("A", "2026-10-01", mfn).chargeback("A", "2026-11-21", records.ChargebackUnknown), want: none},
		{name: "service and unknown on one order", data: newData().order("A", "2026-10-01", mfn).
			chargeback("A", "2026-10-30", records.ChargebackService).chargeback("A", "2026-11-02", records.ChargebackUnknown), want: one},
	})
	for typ, want := range map[records.ChargebackType]bool{records.ChargebackService: true, records.ChargebackUnknown: true, records.ChargebackFraud: false} {
		if got := metrics.ChargebackCounts(typ); got != want {
			t.Errorf("ChargebackCounts(%s) = %v, want %v", typ, got, want)
		}
	}
}

// Rule: the same claim or chargeback given by two sources (the claims
// file and the settlement report's A-to-z refund, the returns report's
// flag, the chargebacks file and the settlement's chargeback debit) is one
// defect of its type on the order: the ODR marks each order once per type,
// so a defect two files give is never counted twice, in the numerator or
// in a component.
func TestODRDefectFromTwoSources(t *testing.T) {
	b := newData().order("A", "2026-10-01", afn).order("B", "2026-10-02", mfn).order("C", "2026-10-03", mfn).
		claim("A", "2026-10-10", records.ClaimGranted).
		chargeback("B", "2026-10-11", records.ChargebackService)
	// The returns report's flag on A, and the settlement report's refund
	// and debits on A, B and C.
	b.d.Claims = append(b.d.Claims,
		records.Claim{OrderID: "A", Date: day("2026-10-08"), Status: records.ClaimUnknown, Source: b.next("returns.txt")},
		records.Claim{OrderID: "A", Date: day("2026-10-14"), Status: records.ClaimGranted, Source: b.next("settlement.txt")})
	b.d.Chargebacks = append(b.d.Chargebacks,
		records.Chargeback{OrderID: "B", Date: day("2026-10-15"), Type: records.ChargebackUnknown, Source: b.next("settlement.txt")},
		records.Chargeback{OrderID: "C", Date: day("2026-10-15"), Type: records.ChargebackUnknown, Source: b.next("settlement.txt")})
	got := figs(metrics.ODR(b.d, defaults()))
	if want := [3]fig{{3, 3, 0, 1, 2}, {1, 1, 0, 1, 0}, {2, 2, 0, 0, 2}}; got != want {
		t.Errorf("figures = %+v, want %+v", got, want)
	}
}

// Rule: one defect per order; components are distinct orders per defect
// type and may sum to more than the numerator.
func TestODROneDefectPerOrder(t *testing.T) {
	runCases(t, []odrCase{
		{
			// Guards the numerator being orders, not defects: feedback, claim
			// and chargeback on one order are one defective order, but each
			// component counts it.
			name: "feedback + claim + chargeback on one order",
			data: newData().order("A", "2026-10-01", afn).order("B", "2026-10-01", afn).
				feedback("A", "2026-10-05", 1).
				claim("A", "2026-10-06", records.ClaimGranted).
				chargeback("A", "2026-10-07", records.ChargebackService),
			want: [3]fig{{1, 2, 1, 1, 1}, {1, 2, 1, 1, 1}, {}},
		},
		{
			// Guards dedup within a type: the same feedback row twice (two
			// overlapping downloads) and two claims count one order each.
			name: "duplicate rows of one order",
			data: newData().order("A", "2026-10-01", afn).
				feedback("A", "2026-10-05", 1).feedback("A", "2026-10-05", 1).
				claim("A", "2026-10-06", records.ClaimGranted).claim("A", "2026-10-06", records.ClaimGranted).
				chargeback("A", "2026-10-07", records.ChargebackService).chargeback("A", "2026-10-07", records.ChargebackService),
			want: [3]fig{{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {}},
		},
		{
			// Guards "may sum to more than the numerator": A has feedback and a
			// claim, B a chargeback, C a claim: 3 defective orders, components
			// 1 + 2 + 1 = 4.
			name: "components sum past the numerator",
			data: newData().order("A", "2026-10-01", mfn).order("B", "2026-10-02", mfn).
				order("C", "2026-10-03", mfn).order("D", "2026-10-04", mfn).
				feedback("A", "2026-10-05", 2).claim("A", "2026-10-06", records.ClaimUnderReview).
				chargeback("B", "2026-10-07", records.ChargebackService).
				claim("C", "2026-10-08", records.ClaimSellerRefunded),
			want: [3]fig{{3, 4, 1, 2, 1}, {}, {3, 4, 1, 2, 1}},
		},
		{
			// Guards that only counting events mark an order: neutral
			// feedback, a denied claim and a fraud chargeback leave it clean.
			name: "non-counting events of every type",
			data: newData().order("A", "2026-10-01", mfn).
				feedback("A", "2026-10-05", 3).
				claim("A", "2026-10-06", records.ClaimDenied).
				claim("A", "2026-10-06", records.ClaimWithdrawn).
				claim("A", "2026-10-06", records.ClaimReversedOnAppeal).
				chargeback("A", "2026-10-07", records.ChargebackFraud),
			want: [3]fig{{0, 1, 0, 0, 0}, {}, {0, 1, 0, 0, 0}},
		},
	})
}

// Rule: segments all, afn (Amazon), mfn (Merchant); an order of unknown
// channel is in "all" only.
func TestODRSegments(t *testing.T) {
	b := newData().
		order("A1", "2026-10-01", afn).order("A2", "2026-10-01", afn).order("A3", "2026-10-01", afn).
		order("M1", "2026-10-01", mfn).order("M2", "2026-10-01", mfn).
		order("U1", "2026-10-01", unk).
		feedback("A1", "2026-10-05", 1).
		claim("M1", "2026-10-05", records.ClaimGranted).
		chargeback("M2", "2026-10-05", records.ChargebackService).
		feedback("U1", "2026-10-05", 2)
	out := metrics.ODR(b.d, defaults())
	want := [3]fig{{4, 6, 2, 1, 1}, {1, 3, 1, 0, 0}, {2, 2, 0, 1, 1}}
	if got := figs(out); got != want {
		t.Errorf("figures = %+v, want %+v", got, want)
	}
	// Order and labels of the segments.
	for i, seg := range []string{"all", "afn", "mfn"} {
		if r := out.Segments[i]; r.ID != "odr" || r.Fulfillment != seg {
			t.Errorf("segment %d = %q/%q, want odr/%s", i, r.ID, r.Fulfillment, seg)
		}
	}

	// Without unknown-channel orders, afn + mfn = all, field by field.
	b = newData().
		order("A1", "2026-10-01", afn).order("A2", "2026-10-02", afn).
		order("M1", "2026-10-03", mfn).order("M2", "2026-10-04", mfn).order("M3", "2026-10-05", mfn).
		feedback("A1", "2026-10-05", 1).claim("A1", "2026-10-05", records.ClaimGranted).
		claim("M1", "2026-10-05", records.ClaimUnknown).chargeback("M3", "2026-10-05", records.ChargebackService)
	f := figs(metrics.ODR(b.d, defaults()))
	sum := fig{f[1].Num + f[2].Num, f[1].Den + f[2].Den, f[1].NF + f[2].NF, f[1].CL + f[2].CL, f[1].CB + f[2].CB}
	if f[0] != sum || f[0] != (fig{3, 5, 1, 2, 1}) {
		t.Errorf("all = %+v, afn+mfn = %+v, want both {3 5 1 2 1}", f[0], sum)
	}
}

// Rule: Multi-Channel Fulfillment orders (All Orders sales-channel
// Non-Amazon, ids like S01-...) are not Amazon orders: no Amazon feedback,
// A-to-z claim or chargeback reaches them. They are left out of the
// numerator and the denominator of every segment (and of the days after
// the window), and the outcome says how many in a note.
func TestODRMultiChannel(t *testing.T) {
	b := newData().
		order("111-0000001-0000001", "2026-10-01", afn).
		order("111-0000002-0000002", "2026-10-02", afn).
		order("112-0000003-0000003", "2026-10-03", mfn).
		// MCF orders in the window, with defects that must not count.
		orderOn("S01-2412417-1075636", "2026-10-01", afn, "Shipped", "Non-Amazon").
		orderOn("S01-2412417-1075637", "2026-09-08", afn, "Shipped", "non-amazon"). // any case, the window's first day
		orderOn("S02-0000000-0000001", "2026-11-06", mfn, "Shipped", " Non-Amazon ").
		// MCF orders outside the window: not counted in the note.
		orderOn("S01-0000000-0000009", "2026-09-07", afn, "Shipped", "Non-Amazon").
		orderOn("S01-0000000-0000010", "2026-11-10", afn, "Shipped", "Non-Amazon"). // after the window, in its days
		feedback("111-0000001-0000001", "2026-10-05", 1).
		feedback("S01-2412417-1075636", "2026-10-05", 1).
		claim("S01-2412417-1075637", "2026-10-05", records.ClaimGranted).
		chargeback("S02-0000000-0000001", "2026-11-07", records.ChargebackService).
		feedback("S01-0000000-0000010", "2026-11-12", 2)
	for _, k := range []string{"orders", "feedback", "claims", "chargebacks"} {
		b.d.Kinds[k] = true
	}
	s := defaults()
	out := metrics.ODR(b.d, s)
	if got, want := figs(out), [3]fig{{1, 3, 1, 0, 0}, {1, 2, 1, 0, 0}, {0, 1, 0, 0, 0}}; got != want {
		t.Errorf("figures = %+v, want %+v", got, want)
	}
	if out.MultiChannel != 3 || out.Unplaced != nil {
		t.Errorf("MultiChannel %d, unplaced %+v; want 3 and none", out.MultiChannel, out.Unplaced)
	}
	for i, r := range out.Segments {
		checkResult(t, "odr "+r.Fulfillment, r, s.AsOf, 14)
		for _, x := range r.Days {
			if x.Date == day("2026-11-10") && x.Denominator != 0 {
				t.Errorf("segment %d: the MCF order after the window is in the days: %+v", i, x)
			}
		}
		for _, it := range r.Items {
			if it.OrderID[0] == 'S' {
				t.Errorf("segment %d lists MCF order %s", i, it.OrderID)
			}
		}
	}
	m, _ := metrics.Lookup(metrics.ODRID)
	note := "3 Multi-Channel Fulfillment orders (sales channel Non-Amazon) left out of the ODR: Amazon's feedback, claims and chargebacks do not reach them"
	if got := m.Compute(b.d, s).Notes; !reflect.DeepEqual(got, []string{note}) {
		t.Errorf("notes %q, want %q", got, note)
	}

	// One MCF order: the note says so in the singular; none: no note.
	one := newData().order("111-0000001-0000001", "2026-10-01", afn).orderOn("S01-1", "2026-10-01", afn, "Shipped", "Non-Amazon")
	for _, k := range []string{"orders", "feedback", "claims", "chargebacks"} {
		one.d.Kinds[k] = true
	}
	if got := m.Compute(one.d, s).Notes; len(got) != 1 || got[0] != "1 Multi-Channel Fulfillment order (sales channel Non-Amazon) left out of the ODR: Amazon's feedback, claims and chargebacks do not reach them" {
		t.Errorf("notes %q", got)
	}
	none := newData().order("111-0000001-0000001", "2026-10-01", afn).orderOn("S01-1", "2026-09-01", afn, "Shipped", "Non-Amazon")
	for _, k := range []string{"orders", "feedback", "claims", "chargebacks"} {
		none.d.Kinds[k] = true
	}
	if got := m.Compute(none.d, s).Notes; got != nil {
		t.Errorf("notes %q, want none", got)
	}
}

// Rule: a counting defect whose order is not in the orders report is left
// out and listed (order id, file, line) once per (order, kind), sorted by
// file then line; nothing else is listed.
func TestODRUnmatched(t *testing.T) {
	d := records.NewDataset()
	d.Orders.Put(records.Order{Key: records.KeyOf("KNOWN"), Date: day("2026-10-01"), Channel: afn})
	d.Orders.Put(records.Order{Key: records.KeyOf("OLD"), Date: day("2026-06-01"), Channel: afn})
	src := func(f string, l int) records.Source { return records.Source{File: f, Line: l} }
	d.Feedback = []records.Feedback{
		{OrderID: "X1", Date: day("2026-10-05"), Rating: 1, Source: src("fb-b.txt", 3)},
		{OrderID: "X1", Date: day("2026-10-05"), Rating: 1, Source: src("fb-a.txt", 10)}, // same (order, kind), earlier file: this one is listed
		{OrderID: "X2", Date: day("2026-10-05"), Rating: 2, Source: src("fb-a.txt", 9)},  // line 9 before line 10 (numeric, not string, order)
		{OrderID: "X3", Date: day("2026-10-05"), Rating: 3, Source: src("fb-a.txt", 2)},  // neutral: not a defect, not listed
		{OrderID: "X4", Date: day("2026-10-05"), Rating: 1, Removed: true, Source: src("fb-a.txt", 4)},
		{OrderID: "X5", Date: day("2026-11-21"), Rating: 1, Source: src("fb-a.txt", 5)}, // after as-of: not listed
		{OrderID: "KNOWN", Date: day("2026-10-05"), Rating: 1, Source: src("fb-a.txt", 6)},
		{OrderID: "OLD", Date: day("2026-10-05"), Rating: 1, Source: src("fb-a.txt", 7)}, // known, outside the window: not listed
	}
	d.Claims = []records.Claim{
		{OrderID: "X1", Date: day("2026-10-06"), Status: records.ClaimGranted, Source: src("claims.csv", 4)}, // X1 again, other kind: listed
		{OrderID: "X6", Date: day("2026-10-06"), Status: records.ClaimDenied, Source: src("claims.csv", 2)},
		{OrderID: "X7", Date: day("2026-10-06"), Status: records.ClaimWithdrawn, Source: src("claims.csv", 3)},
		{OrderID: "X8", Date: day("2026-11-21"), Status: records.ClaimGranted, Source: src("claims.csv", 5)},
		{OrderID: "X9", Date: day("2026-10-06"), Status: records.ClaimUnknown, Source: src("returns.txt", 7)},
	}
	d.Chargebacks = []records.Chargeback{
		{OrderID: "X10", Date: day("2026-10-07"), Type: records.ChargebackFraud, Source: src("cb.csv", 2)},
		{OrderID: "X11", Date: day("2026-10-07"), Type: records.ChargebackService, Source: src("cb.csv", 3)},
		{OrderID: "X11", Date: day("2026-11-22"), Type: records.ChargebackService, Source: src("cb.csv", 1)}, // after as-of: not the listed row
	}
	out := metrics.ODR(d, defaults())
	want := []metrics.Unplaced{
		{OrderID: "X11", Kind: metrics.Chargeback, File: "cb.csv", Line: 3},
		{OrderID: "X1", Kind: metrics.AToZClaim, File: "claims.csv", Line: 4},
		{OrderID: "X2", Kind: metrics.NegativeFeedback, File: "fb-a.txt", Line: 9},
		{OrderID: "X1", Kind: metrics.NegativeFeedback, File: "fb-a.txt", Line: 10},
		{OrderID: "X9", Kind: metrics.AToZClaim, File: "returns.txt", Line: 7},
	}
	if !reflect.DeepEqual(out.Unplaced, want) {
		t.Errorf("unplaced:\n got %+v\nwant %+v", out.Unplaced, want)
	}
	// Left out of the figures: only KNOWN (in window) is counted.
	if got, w := figs(out), [3]fig{{1, 1, 1, 0, 0}, {1, 1, 1, 0, 0}, {}}; got != w {
		t.Errorf("figures = %+v, want %+v", got, w)
	}

	// Kind names are part of the JSON contract.
	if metrics.NegativeFeedback != "negative_feedback" || metrics.AToZClaim != "a_to_z_claim" || metrics.Chargeback != "chargeback" {
		t.Errorf("kind names changed: %q %q %q", metrics.NegativeFeedback, metrics.AToZClaim, metrics.Chargeback)
	}

	// The denied claim on an unknown order IS listed once the strict
	// setting makes it a defect.
	s := defaults()
	s.ODR.CountDeniedClaims = true
	got := metrics.ODR(d, s).Unplaced
	if len(got) != len(want)+1 || got[1] != (metrics.Unplaced{OrderID: "X6", Kind: metrics.AToZClaim, File: "claims.csv", Line: 2}) {
		t.Errorf("count-denied unplaced = %+v, want X6 claims.csv:2 second of %d", got, len(want)+1)
	}
}

// Rule: the unmatched list does not depend on the order of the rows in the
// dataset: each (order, kind) names its first row by file then line.
func TestODRUnmatchedOrderIndependent(t *testing.T) {
	base := []records.Feedback{
		{OrderID: "X", Date: day("2026-10-05"), Rating: 1, Source: records.Source{File: "a.txt", Line: 5}},
		{OrderID: "X", Date: day("2026-10-05"), Rating: 1, Source: records.Source{File: "a.txt", Line: 12}},
		{OrderID: "X", Date: day("2026-10-05"), Rating: 1, Source: records.Source{File: "b.txt", Line: 2}},
	}
	want := []metrics.Unplaced{{OrderID: "X", Kind: metrics.NegativeFeedback, File: "a.txt", Line: 5}}
	perms := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, p := range perms {
		d := records.NewDataset()
		for _, i := range p {
			d.Feedback = append(d.Feedback, base[i])
		}
		if got := metrics.ODR(d, defaults()).Unplaced; !reflect.DeepEqual(got, want) {
			t.Errorf("rows in order %v: unplaced = %+v, want %+v", p, got, want)
		}
	}
}

// Rule: no orders in the window -> denominator 0, no value (no_data), and
// the three segments are always present in the order all, afn, mfn.
func TestODRNoData(t *testing.T) {
	cases := []struct {
		name   string
		d      *records.Dataset
		wantOK [3]bool
		want   [3]fig
	}{
		{"empty dataset", records.NewDataset(), [3]bool{}, [3]fig{}},
		{"zero dataset (nil map)", &records.Dataset{}, [3]bool{}, [3]fig{}},
		{
			// Defects exist but their orders are outside the window: still
			// no data, not 0/0 pass and not a numerator without denominator.
			"only orders outside the window",
			newData().order("A", "2026-06-01", afn).order("B", "2026-11-10", mfn).
				feedback("A", "2026-10-05", 1).claim("B", "2026-11-12", records.ClaimGranted).d,
			[3]bool{}, [3]fig{},
		},
		{
			// A segment without orders is no_data while the others have data.
			"afn only",
			newData().order("A", "2026-10-01", afn).d,
			[3]bool{true, true, false}, [3]fig{{0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {}},
		},
		{
			// Unknown channel only: "all" has data, afn and mfn do not.
			"unknown channel only",
			newData().order("U", "2026-10-01", unk).feedback("U", "2026-10-02", 1).d,
			[3]bool{true, false, false}, [3]fig{{1, 1, 1, 0, 0}, {}, {}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := metrics.ODR(c.d, defaults())
			if got := figs(out); got != c.want {
				t.Errorf("figures = %+v, want %+v", got, c.want)
			}
			for i, seg := range []string{"all", "afn", "mfn"} {
				r := out.Segments[i]
				if r.ID != "odr" || r.Fulfillment != seg {
					t.Errorf("segment %d = %q/%q, want odr/%s", i, r.ID, r.Fulfillment, seg)
				}
				if _, ok := r.Value(); ok != c.wantOK[i] {
					t.Errorf("%s: Value ok = %v, want %v", seg, ok, c.wantOK[i])
				}
				// Components are always the three keys, in contract order.
				var keys []string
				for _, k := range r.Components {
					keys = append(keys, k.Key)
				}
				if want := []string{"negative_feedback", "a_to_z_claims", "chargebacks"}; !reflect.DeepEqual(keys, want) {
					t.Errorf("%s: component keys %v, want %v", seg, keys, want)
				}
			}
			if len(out.Unplaced) != 0 {
				t.Errorf("unplaced = %+v, want none", out.Unplaced)
			}
		})
	}
}

// ODR must not modify its input.
func TestODRDoesNotModifyDataset(t *testing.T) {
	b := newData().order("A", "2026-10-01", afn).
		feedback("Z", "2026-10-05", 1).feedback("Y", "2026-10-04", 1).feedback("A", "2026-10-03", 1)
	before := append([]records.Feedback(nil), b.d.Feedback...)
	metrics.ODR(b.d, defaults())
	if !reflect.DeepEqual(b.d.Feedback, before) || b.d.Orders.Len() != 1 {
		t.Errorf("dataset modified: %+v", b.d.Feedback)
	}
}

// ---------------------------------------------------------------------------
// Property test: a random account judged by a deliberately naive reading of
// metrics.md (loops and sets, nothing shared with the implementation) must
// give exactly metrics.ODR's figures and unmatched list.

type naiveSeg struct {
	Num, Den, NF, CL, CB int
}

// naiveODR follows the metrics.md wording line by line. It also gives how
// many Multi-Channel Fulfillment orders it left out of the window.
func naiveODR(d *records.Dataset, asOf civil.Date, lag, days int, countDenied bool) ([3]naiveSeg, []metrics.Unplaced, int) {
	end := int(asOf) - lag    // "end E = as-of − 14 days"
	start := end - (days - 1) // "start S = E − 59 days, both inclusive"

	negFB := func(f records.Feedback) bool { // rating 1 or 2, not removed, not after as-of
		return (f.Rating == 1 || f.Rating == 2) && !f.Removed && int(f.Date) <= int(asOf)
	}
	claimCounts := func(c records.Claim) bool {
		if int(c.Date) > int(asOf) {
			return false
		}
		switch c.Status {
		case records.ClaimWithdrawn, records.ClaimReversedOnAppeal:
			return false
		case records.ClaimDenied:
			return countDenied
		case records.ClaimUnknown, records.ClaimUnderReview, records.ClaimGranted, records.ClaimSellerRefunded:
			return true
		}
		panic("unexpected status")
	}
	cbCounts := func(c records.Chargeback) bool { // service, or unknown (a settlement debit)
		return (c.Type == records.ChargebackService || c.Type == records.ChargebackUnknown) && int(c.Date) <= int(asOf)
	}

	var segs [3]naiveSeg
	mcf := 0
	for o := range d.Orders.All() {
		if int(o.Date) < start || int(o.Date) > end {
			continue
		}
		// "Multi-Channel Fulfillment orders (sales channel Non-Amazon) are
		// not Amazon orders": in no segment.
		if strings.EqualFold(strings.TrimSpace(o.SalesChannel.String()), "Non-Amazon") {
			mcf++
			continue
		}
		hasFB, hasCL, hasCB := false, false, false
		for _, f := range d.Feedback {
			if f.OrderID == o.ID() && negFB(f) {
				hasFB = true
			}
		}
		for _, c := range d.Claims {
			if c.OrderID == o.ID() && claimCounts(c) {
				hasCL = true
			}
		}
		for _, c := range d.Chargebacks {
			if c.OrderID == o.ID() && cbCounts(c) {
				hasCB = true
			}
		}
		in := []int{0}
		if o.Channel == records.ChannelAmazon {
			in = append(in, 1)
		}
		if o.Channel == records.ChannelMerchant {
			in = append(in, 2)
		}
		for _, i := range in {
			segs[i].Den++
			if hasFB || hasCL || hasCB {
				segs[i].Num++
			}
			if hasFB {
				segs[i].NF++
			}
			if hasCL {
				segs[i].CL++
			}
			if hasCB {
				segs[i].CB++
			}
		}
	}

	// Unmatched: for every (order, kind) of a counting event on an order
	// absent from the orders report, the earliest row by file then line.
	type key struct{ id, kind string }
	first := map[key]records.Source{}
	consider := func(id, kind string, s records.Source) {
		if _, known := d.Orders.Get(id); known {
			return
		}
		k := key{id, kind}
		old, seen := first[k]
		if !seen || s.File < old.File || (s.File == old.File && s.Line < old.Line) {
			first[k] = s
		}
	}
	for _, f := range d.Feedback {
		if negFB(f) {
			consider(f.OrderID, "negative_feedback", f.Source)
		}
	}
	for _, c := range d.Claims {
		if claimCounts(c) {
			consider(c.OrderID, "a_to_z_claim", c.Source)
		}
	}
	for _, c := range d.Chargebacks {
		if cbCounts(c) {
			consider(c.OrderID, "chargeback", c.Source)
		}
	}
	var un []metrics.Unplaced
	for k, s := range first {
		un = append(un, metrics.Unplaced{OrderID: k.id, Kind: k.kind, File: s.File, Line: s.Line})
	}
	sort.Slice(un, func(i, j int) bool {
		a, b := un[i], un[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.OrderID != b.OrderID {
			return a.OrderID < b.OrderID
		}
		return a.Kind < b.Kind
	})
	return segs, un, mcf
}

// randomAccount builds n orders dated 2026-07-01 .. 2026-12-31 (one in 20
// a Multi-Channel Fulfillment order) and random feedback, claims and
// chargebacks, some on unknown orders, some dated after
// typical as-of dates, some rows repeated in a second "download", all rows
// shuffled.
func randomAccount(rng *rand.Rand, n int) *records.Dataset {
	d := records.NewDataset()
	first := day("2026-07-01")
	span := 184
	ids := make([]string, 0, n)
	statuses := []string{"Shipped", "Shipped", "Shipped", "Cancelled", "Pending", "Unshipped"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("111-%07d-%07d", i, rng.Intn(10000000))
		ids = append(ids, id)
		ch := []records.Channel{afn, afn, mfn, mfn, mfn, unk}[rng.Intn(6)]
		var sales string
		if i%20 == 7 { // a Multi-Channel Fulfillment order
			id, ch, sales = "S01"+id[3:], afn, "Non-Amazon"
			ids[len(ids)-1] = id
		}
		d.Orders.Put(records.Order{Key: records.KeyOf(id), Date: first.AddDays(rng.Intn(span)), Channel: ch, SalesChannel: records.Intern(sales),
			Status: records.Intern(statuses[rng.Intn(len(statuses))]), File: records.Intern("orders.txt"), Line: int32(i + 2)})
	}
	pick := func() (string, civil.Date) {
		if rng.Intn(12) == 0 { // an order the orders report does not have
			return fmt.Sprintf("999-%07d", rng.Intn(300)), first.AddDays(rng.Intn(span + 30))
		}
		id := ids[rng.Intn(len(ids))]
		// Events come on or after the order date, up to ~100 days later.
		o, _ := d.Orders.Get(id)
		return id, o.Date.AddDays(rng.Intn(100))
	}
	line := map[string]int{}
	next := func(f string) records.Source {
		if line[f] == 0 {
			line[f] = 1
		}
		line[f]++
		return records.Source{File: f, Line: line[f]}
	}
	for i := 0; i < n/2; i++ {
		id, dt := pick()
		f := records.Feedback{OrderID: id, Date: dt, Rating: 1 + rng.Intn(5), Removed: rng.Intn(10) == 0, Source: next("feedback-1.txt")}
		d.Feedback = append(d.Feedback, f)
		if rng.Intn(5) == 0 { // the same row in an overlapping second download
			f.Source = next("feedback-0.txt")
			d.Feedback = append(d.Feedback, f)
		}
	}
	for i := 0; i < n/4; i++ {
		id, dt := pick()
		file := "claims.csv"
		st := records.ClaimStatus(1 + rng.Intn(6))
		switch rng.Intn(6) {
		case 0:
			file, st = "returns.txt", records.ClaimUnknown
		case 1:
			file, st = "settlement.txt", records.ClaimGranted // an A-to-z refund charged
		}
		d.Claims = append(d.Claims, records.Claim{OrderID: id, Date: dt, Status: st, Source: next(file)})
	}
	for i := 0; i < n/5; i++ {
		id, dt := pick()
		t, file := records.ChargebackService, "chargebacks.csv"
		switch rng.Intn(4) {
		case 0:
			t = records.ChargebackFraud
		case 1:
			t, file = records.ChargebackUnknown, "settlement.txt" // a debit of no stated type
		}
		d.Chargebacks = append(d.Chargebacks, records.Chargeback{OrderID: id, Date: dt, Type: t, Source: next(file)})
	}
	rng.Shuffle(len(d.Feedback), func(i, j int) { d.Feedback[i], d.Feedback[j] = d.Feedback[j], d.Feedback[i] })
	rng.Shuffle(len(d.Claims), func(i, j int) { d.Claims[i], d.Claims[j] = d.Claims[j], d.Claims[i] })
	rng.Shuffle(len(d.Chargebacks), func(i, j int) { d.Chargebacks[i], d.Chargebacks[j] = d.Chargebacks[j], d.Chargebacks[i] })
	return d
}

func TestODRMatchesNaiveReading(t *testing.T) {
	type odrSet struct {
		lag, days   int
		countDenied bool
	}
	sets := []odrSet{{14, 60, false}, {14, 60, true}, {0, 1, false}, {7, 30, false}, {30, 90, true}, {0, 184, false}}
	asOfs := []string{"2026-08-01", "2026-10-15", "2026-11-20", "2026-12-31", "2027-03-01"}
	for _, seed := range []int64{1, 7, 2026} {
		rng := rand.New(rand.NewSource(seed))
		d := randomAccount(rng, 2000)
		for _, a := range asOfs {
			for _, st := range sets {
				name := fmt.Sprintf("seed=%d/asof=%s/lag=%d/days=%d/denied=%v", seed, a, st.lag, st.days, st.countDenied)
				t.Run(name, func(t *testing.T) {
					s := settings.Default(day(a))
					s.SetWindow(metrics.ODRID, []int{st.days}, st.lag)
					s.ODR = settings.ODR{CountDeniedClaims: st.countDenied}
					out := metrics.ODR(d, s)
					wantSegs, wantUn, wantMCF := naiveODR(d, day(a), st.lag, st.days, st.countDenied)
					if out.MultiChannel != wantMCF {
						t.Errorf("Multi-Channel Fulfillment orders left out: got %d, naive %d", out.MultiChannel, wantMCF)
					}
					for i := range wantSegs {
						f := figOf(out.Segments[i])
						got := naiveSeg{f.Num, f.Den, f.NF, f.CL, f.CB}
						if got != wantSegs[i] {
							t.Errorf("%s: got %+v, naive %+v", out.Segments[i].Fulfillment, got, wantSegs[i])
						}
					}
					if len(out.Unplaced) != len(wantUn) || (len(wantUn) > 0 && !reflect.DeepEqual(out.Unplaced, wantUn)) {
						t.Errorf("unplaced: got %d entries, naive %d", len(out.Unplaced), len(wantUn))
						for i := 0; i < len(wantUn) && i < len(out.Unplaced); i++ {
							if out.Unplaced[i] != wantUn[i] {
								t.Errorf("first difference at %d: got %+v, naive %+v", i, out.Unplaced[i], wantUn[i])
								break
							}
						}
					}
					// The test must exercise something: with the default window
					// over this data, every segment has orders and defects.
					if a == "2026-11-20" && st.days == 60 && (wantSegs[1].Num == 0 || wantSegs[2].Num == 0 || len(wantUn) == 0 || wantMCF == 0) {
						t.Errorf("random account too thin: %+v, %d unmatched, %d MCF orders", wantSegs, len(wantUn), wantMCF)
					}
				})
			}
		}
	}
}
