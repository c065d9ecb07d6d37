package metrics

import (
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Metric is everything the program knows about one account-health metric
// (or one work list): what it is called, where Amazon defines it, what it
// reads and counts, its default window, and how to compute it. Each metric
// is one value in its own file; Catalog lists them all. Renderers, config
// keys, profiles, the trend and the command help read these fields, so no
// other package keeps anything keyed by a metric id.
type Metric struct {
	// ID is the metric's id in JSON, config keys and profiles.
	ID string
	// Title is its name in prose ("Order Defect Rate").
	Title string
	// Short is its column head in the many-accounts table ("ODR",
	// "CANCEL"); Abbrev the abbreviation Amazon's help pages use, for the
	// markdown table ("ODR", "CR").
	Short, Abbrev string
	// Command is the audit command that computes it alone ("odr",
	// "late-shipment"; "service" for the customer-service metrics).
	Command string
	// Source is where Amazon defines the rule ("help G200285170").
	Source string
	// Platform is the marketplace whose rule the metric is ("ebay",
	// "allegro", "kaufland"): its entries are judged by that platform's
	// profile whatever the account's store. "" for Amazon's metrics,
	// judged by the account's profile.
	Platform string

	// KeyedOn says what places an entry in its window ("orders dated",
	// "expected ship dates"); Counts what the numerator counts
	// ("defective", "late"); Population what the denominator counts
	// ("orders", "shipments"); Scope whom an entry without a segment
	// covers ("Seller-fulfilled"; "" where every entry has a segment).
	KeyedOn, Counts, Population, Scope string
	// WindowDate names the date that places an order in the window where
	// that is not the order date; zero otherwise.
	WindowDate WindowDate
	// Clean names one and many members of the population that do not count
	// against the metric ("defect-free order"), for the forecast's "N more
	// ... would bring it under 1 % today"; zero: "clean" + the population.
	Clean [2]string
	// ListTitle heads the metric's per-order list ("Defective orders");
	// "" where the metric lists no orders.
	ListTitle string

	// Scale is the largest value the metric takes: 1 for a rate (a
	// fraction), 10 for the customer-service rating (an average score of
	// 1 to 10).
	Scale float64
	// Levels, for a metric whose numerator is a rank (eBay's seller
	// level: 0 Top Rated, 1 Above Standard, 2 Below Standard), name each
	// rank, the best first: the tables show the level's name as its rate.
	Levels []string
	// MultiWindow: the metric has one entry per window length (the late
	// shipment rate's 10 and 30 days); else it takes exactly one window.
	MultiWindow bool
	// Window is its default window and lag: Amazon's rule. A profile may
	// set other windows; the user may override them (config keys
	// thresholds.<id>.window_days and .lag_days).
	Window settings.Window

	// Reads are the input kinds (input.Kind values) the metric reads:
	// only those are read for a command that computes it.
	Reads []string
	// Uses are input kinds read when they are among the files, that never
	// decide whether the metric is shown or computed (the orders report,
	// which tells the customer-service metrics the Multi-Channel
	// Fulfillment orders to leave out).
	Uses []string
	// Base is where the denominator is read from: its files must cover
	// an entry's window (CoverageOf). Zero for a work list.
	Base Base
	// Parts say which inputs count each component of the numerator: a
	// component none of them was read for is not given (MarkNotGiven).
	Parts []Part
	// OnlyWithInputs: a run of every metric (audit all) shows it only
	// when one of its Reads was among the inputs (the help-desk files).
	OnlyWithInputs bool
	// List: a work list (Outcome.Feedback, Outcome.Risks), not a figure:
	// no profile has a target for it, no config key names it. Its Compute
	// returns its list non-nil (empty when there is nothing to list), so
	// a list that was asked for is written even when empty.
	List bool
	// NotInAll: audit all leaves it out; only its own command runs it
	// (the risks list).
	NotInAll bool
	// Compute computes the metric from the records and settings; it is a
	// pure function of them and of s.AsOf.
	Compute func(d *records.Dataset, s settings.Settings) Outcome
	// Series, when set, computes the metric's figures on every date of a
	// trend in one pass over the records (series.go); a trend computes
	// each date with Compute otherwise.
	Series SeriesFunc
}

// WindowDate names the date a window is keyed on, where that is not the
// order date: Short in the table ("ship-by", "promised"), Long in a column
// head of the HTML report ("Ship by", "Promised delivery").
type WindowDate struct {
	Short, Long string
}

// Outcome is what computing a metric found: its entries, the defects it
// could not place, notes on missing inputs for the warnings list, and the
// work lists.
type Outcome struct {
	Results  []Result
	Unplaced []Unplaced
	Notes    []string
	Feedback []FeedbackItem // the removable-feedback list
	Risks    []Risk         // the risks list
}

// Catalog is every metric and work list, in the order audit all shows
// them. Adding a metric is its file, one line here, its profile entries
// and its docs section (docs/architecture.md).
func Catalog() []Metric {
	return []Metric{
		odrMetric,
		lateShipmentMetric,
		cancellationMetric,
		trackingMetric,
		deliveryMetric,
		invoiceMetric,
		contactResponseMetric,
		threadsMetric,
		returnDissatisfactionMetric,
		serviceRatingMetric,
		serviceDissatisfactionMetric,
		ebaySellerLevelMetric, ebayDefectMetric, ebayCasesMetric, ebayLateMetric, ebayINADMetric, ebayINRMetric,
		allegroQualityMetric, allegroSuperDaysMetric, allegroGoodDaysMetric,
		kauflandCancellationMetric, kauflandLateShipmentMetric,
		removableFeedbackList,
		risksList,
	}
}

// catalog is Catalog, built once.
var catalog = Catalog()

// Lookup finds a metric by id.
func Lookup(id string) (Metric, bool) {
	for _, m := range catalog {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}

// IDs are the ids of the catalog's metrics that match keep (nil: all), in
// the catalog's order.
func IDs(keep func(Metric) bool) []string {
	var out []string
	for _, m := range catalog {
		if keep == nil || keep(m) {
			out = append(out, m.ID)
		}
	}
	return out
}

// Figures are the metrics that have a figure and a target (not the work
// lists), in the catalog's order: what profiles and config keys name.
func Figures() []Metric {
	var out []Metric
	for _, m := range catalog {
		if !m.List {
			out = append(out, m)
		}
	}
	return out
}

// TitleOf is the title of metric id, or the id itself when it is unknown.
func TitleOf(id string) string {
	if m, ok := Lookup(id); ok && m.Title != "" {
		return m.Title
	}
	return id
}

// ScaleOf is the largest value metric id takes: 1 for a rate, 10 for the
// customer-service rating; 1 for an unknown id.
func ScaleOf(id string) float64 {
	if m, ok := Lookup(id); ok && m.Scale > 0 {
		return m.Scale
	}
	return 1
}

// WindowOf is the window of metric id under s: its setting, else the
// metric's default. (The metrics' own Compute functions read their
// default directly: the catalog is built from them.)
func WindowOf(s settings.Settings, id string) settings.Window {
	m, _ := Lookup(id)
	return s.Window(id, m.Window)
}

// Windows writes the default window lengths joined by sep: "10/30".
func (m Metric) Windows(sep string) string {
	days := make([]string, len(m.Window.Days))
	for i, d := range m.Window.Days {
		days[i] = strconv.Itoa(d)
	}
	return strings.Join(days, sep)
}
