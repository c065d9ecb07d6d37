package metrics

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Allegro's own figures: the daily sales quality of GET /sale/quality
// (input/allegro.go) and the progress towards Super Sprzedawca
// (docs/metrics.md, "Allegro sales quality and Super Sprzedawca").
// Allegro computes each day's score and grade; audit shows them, counts
// the days of the last 30 by level, and judges the counts against the
// allegro profile. None of them is recomputed from orders.
//
// The Super Sprzedawca criteria (https://help.allegro.com/sell/pl/d/program-super-sprzedawca)
// as this project reads them, each unconfirmed (the page's text could not
// be retrieved): at least 14 of the last 30 days at Super or Super+
// (allegro_super_seller_days, a profile entry: fail 14/30), never a day
// below Dobry in them (allegro_days_good_or_better: every graded day at
// Dobry or above, fail below 100 %), and at least 50 orders in 30 days,
// which GET /sale/quality does not give (a note says so; the orders would
// come from GET /order/checkout-forms).

// The Allegro metrics' ids.
const (
	AllegroSalesQuality    = "allegro_sales_quality"
	AllegroSuperSellerDays = "allegro_super_seller_days"
	AllegroDaysGoodOrAbove = "allegro_days_good_or_better"
)

// kindAllegro is the GET /sale/quality response (input.Kind).
const kindAllegro = "allegro-sales-quality"

// allegroWindow is Allegro's: the last 30 days, ending on as-of (the
// response holds 30 days at most; Super Sprzedawca counts 30).
var allegroWindow = settings.Window{Days: []int{30}}

// allegroBase: the response's days (resultFor) must cover the window.
var allegroBase = Base{Kinds: []string{kindAllegro}, Field: records.Dated}

var allegroQualityMetric = Metric{
	ID: AllegroSalesQuality, Title: "Allegro Sales Quality", Short: "QUALITY", Abbrev: "SQ",
	Command: "allegro", Source: "Allegro GET /sale/quality (developer.allegro.pl)", Platform: "allegro",
	KeyedOn: "days", Counts: "points", Population: "points possible", Scope: "Allegro",
	ListTitle: "Allegro sales quality per day",
	Scale:     1, Window: allegroWindow,
	Reads: []string{kindAllegro}, Base: allegroBase, OnlyWithInputs: true,
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []Result{AllegroQuality(d, s)}, Notes: allegroNotes(d, s, AllegroSalesQuality)}
	},
}

var allegroSuperDaysMetric = Metric{
	ID: AllegroSuperSellerDays, Title: "Allegro Super Sprzedawca Days", Short: "SUPER", Abbrev: "SSD",
	Command: "allegro", Source: "Allegro Super Sprzedawca (help.allegro.com, program-super-sprzedawca)", Platform: "allegro",
	KeyedOn: "days", Counts: "at Super or Super+", Population: "days", Scope: "Allegro",
	Clean:     [2]string{"day at Super", "days at Super"},
	ListTitle: "Days at Super or Super+",
	Scale:     1, Window: allegroWindow,
	Reads: []string{kindAllegro}, Base: allegroBase, OnlyWithInputs: true,
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		notes := append(allegroNotes(d, s, AllegroSuperSellerDays), allegroOrdersNote)
		return Outcome{Results: []Result{AllegroSuperDays(d, s)}, Notes: notes}
	},
}

var allegroGoodDaysMetric = Metric{
	ID: AllegroDaysGoodOrAbove, Title: "Allegro Days at Dobry or Better", Short: "DOBRY+", Abbrev: "DGB",
	Command: "allegro", Source: "Allegro Super Sprzedawca (help.allegro.com, program-super-sprzedawca)", Platform: "allegro",
	KeyedOn: "days", Counts: "at Dobry or better", Population: "graded days", Scope: "Allegro",
	Clean:     [2]string{"day at Dobry or better", "days at Dobry or better"},
	ListTitle: "Days below Dobry",
	Scale:     1, Window: allegroWindow,
	Reads: []string{kindAllegro}, Base: allegroBase, OnlyWithInputs: true,
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		return Outcome{Results: []Result{AllegroGoodDays(d, s)}, Notes: allegroNotes(d, s, AllegroDaysGoodOrAbove)}
	},
}

// allegroOrdersNote says why the third Super Sprzedawca criterion is not
// judged.
const allegroOrdersNote = "Allegro Super Sprzedawca also needs at least 50 orders in 30 days (unconfirmed): GET /sale/quality does not give orders, so that criterion is not judged (the orders would come from GET /order/checkout-forms)"

// AllegroLevel is a sales quality level, lowest first: the order the
// Super Sprzedawca criteria compare in. Unknown is a grade audit does not
// know, which counts neither as Super nor as below Dobry.
type AllegroLevel int

// The levels, as Allegro's seller pages name them in Polish.
const (
	AllegroUnknown AllegroLevel = iota
	AllegroNiski
	AllegroDobry
	AllegroBardzoDobry
	AllegroSuper
	AllegroSuperPlus
)

// Name is the level's Polish name ("Super+"); "" when unknown.
func (l AllegroLevel) Name() string {
	switch l {
	case AllegroNiski:
		return "Niski"
	case AllegroDobry:
		return "Dobry"
	case AllegroBardzoDobry:
		return "Bardzo dobry"
	case AllegroSuper:
		return "Super"
	case AllegroSuperPlus:
		return "Super+"
	}
	return ""
}

// allegroGrades maps a grade, upper-cased with spaces and hyphens as
// underscores and "+" as "_PLUS", to its level. Only GOOD is in Allegro's
// OpenAPI (the example of SalesQualityForDay.grade); the other English
// literals follow GOOD's pattern and the Polish names are the seller
// pages' (unconfirmed, docs/metrics.md). A grade not listed is kept as
// written and is AllegroUnknown.
var allegroGrades = map[string]AllegroLevel{
	"LOW": AllegroNiski, "POOR": AllegroNiski, "BAD": AllegroNiski, "NISKI": AllegroNiski, "NISKA": AllegroNiski,
	"GOOD": AllegroDobry, "DOBRY": AllegroDobry, "DOBRA": AllegroDobry,
	"VERY_GOOD": AllegroBardzoDobry, "BARDZO_DOBRY": AllegroBardzoDobry, "BARDZO_DOBRA": AllegroBardzoDobry,
	"SUPER":      AllegroSuper,
	"SUPER_PLUS": AllegroSuperPlus, "SUPERPLUS": AllegroSuperPlus,
}

// AllegroLevelOf is the level of a grade as written: GOOD, Dobry,
// "Bardzo dobry", SUPER_PLUS, "Super+", ... case aside.
func AllegroLevelOf(grade string) AllegroLevel {
	g := strings.ToUpper(strings.TrimSpace(grade))
	g = strings.NewReplacer("+", "_PLUS", " ", "_", "-", "_").Replace(g)
	g = strings.ReplaceAll(g, "__", "_")
	return allegroGrades[g]
}

// allegroDays are the days of d.Allegro in w (sorted by date, as read).
func allegroDays(d *records.Dataset, w Window) []records.AllegroQualityDay {
	days := d.Allegro
	i := sort.Search(len(days), func(k int) bool { return days[k].Date >= w.From })
	j := sort.Search(len(days), func(k int) bool { return days[k].Date > w.To })
	return days[i:j]
}

// allegroStart is a result of metric id on the window ending on as-of,
// or one not computed when no sales quality file was read.
// lag is the window's lag (0 unless the user sets one).
func allegroStart(d *records.Dataset, s settings.Settings, id string) (r Result, days []records.AllegroQualityDay, lag int, ok bool) {
	win, w := windowOn(s, id, allegroWindow)
	if !d.Has(kindAllegro) {
		return Missing(id, "no Allegro sales quality file (GET /sale/quality saved as JSON)"), nil, 0, false
	}
	return Result{ID: id, Platform: "allegro", Window: w}, allegroDays(d, w), win.Lag, true
}

// AllegroQuality is the latest day's score on or before as-of (in the
// window) over its maxScore, with its components; its items are every day
// of the window with its grade and level, the level per day. No data when
// the window has no day. A score with decimals (the spec types it
// "number") is counted in hundredths of a point, so that the rate is
// exact to them.
func AllegroQuality(d *records.Dataset, s settings.Settings) Result {
	r, days, lag, ok := allegroStart(d, s, AllegroSalesQuality)
	if !ok || len(days) == 0 {
		return r
	}
	last := days[len(days)-1]
	unit := 1.0
	if !whole(last.Score) || !whole(last.MaxScore) {
		unit = 100
	}
	r.Numerator, r.Denominator = int(math.Round(last.Score*unit)), int(math.Round(last.MaxScore*unit))
	r.Period = &Window{From: last.Date, To: last.Date, Days: 1}
	for _, m := range last.Metrics {
		r.Components = append(r.Components, Component{Key: m.Code, Count: int(math.Round(m.Score * unit))})
	}
	r.Items = make([]Item, 0, len(days))
	for _, day := range days {
		r.Items = append(r.Items, allegroItem(day, r.Window, lag))
	}
	return r
}

// AllegroSuperDays counts the days of the window at Super or Super+ over
// the window's days: a day without a result (Allegro leaves it out) is
// not at Super. Its items are the days counted.
func AllegroSuperDays(d *records.Dataset, s settings.Settings) Result {
	r, days, lag, ok := allegroStart(d, s, AllegroSuperSellerDays)
	if !ok {
		return r
	}
	r.Denominator = r.Window.Days
	r.Items = []Item{}
	for _, day := range days {
		if AllegroLevelOf(day.Grade) >= AllegroSuper {
			r.Numerator++
			r.Items = append(r.Items, allegroItem(day, r.Window, lag))
		}
	}
	return r
}

// AllegroGoodDays counts the days of the window whose grade is Dobry or
// better over the days with a known grade: "never below Dobry" holds at
// 100 %. A day without a result is not below Dobry; a grade audit does
// not know is left out of both counts (a note names it). Its items are
// the days below Dobry, the ones that break the criterion.
func AllegroGoodDays(d *records.Dataset, s settings.Settings) Result {
	r, days, lag, ok := allegroStart(d, s, AllegroDaysGoodOrAbove)
	if !ok {
		return r
	}
	r.Items = []Item{}
	for _, day := range days {
		switch l := AllegroLevelOf(day.Grade); {
		case l == AllegroUnknown:
		case l >= AllegroDobry:
			r.Numerator++
			r.Denominator++
		default:
			r.Denominator++
			r.Items = append(r.Items, allegroItem(day, r.Window, lag))
		}
	}
	return r
}

// allegroItem is a day as an item of a list: the day stands in for the
// order id and date; the event says its grade, level and score.
func allegroItem(day records.AllegroQualityDay, w Window, lag int) Item {
	status := day.Grade
	if l := AllegroLevelOf(day.Grade); l != AllegroUnknown && l.Name() != day.Grade {
		status += " = " + l.Name()
	} else if l == AllegroUnknown {
		status += " = level unknown"
	}
	status += ", " + allegroNum(day.Score) + " of " + allegroNum(day.MaxScore) + " points"
	return Item{OrderID: day.Date.String(), OrderDate: day.Date, KeyDate: day.Date,
		Events:         []Event{{Type: "allegro_grade", Status: status}},
		LeavesWindowOn: LeavesWindow(day.Date, lag, w.Days)}
}

// allegroNotes are the notes on the window of metric id: the grades audit
// does not know (once, with the Super Sprzedawca days), and the latest
// score counted in hundredths (with the sales quality).
func allegroNotes(d *records.Dataset, s settings.Settings, id string) []string {
	if !d.Has(kindAllegro) {
		return nil
	}
	_, w := windowOn(s, id, allegroWindow)
	var unknown []string
	seen := map[string]bool{}
	for _, day := range allegroDays(d, w) {
		if AllegroLevelOf(day.Grade) == AllegroUnknown && !seen[day.Grade] {
			seen[day.Grade] = true
			unknown = append(unknown, fmt.Sprintf("%q", day.Grade))
		}
	}
	var notes []string
	if len(unknown) > 0 && id == AllegroSuperSellerDays { // once, for both counts
		notes = append(notes, "Allegro grade "+strings.Join(unknown, ", ")+" is none audit knows: such days count neither as Super nor as below Dobry")
	}
	if id == AllegroSalesQuality {
		if days := allegroDays(d, w); len(days) > 0 {
			last := days[len(days)-1]
			if !whole(last.Score) || !whole(last.MaxScore) {
				notes = append(notes, fmt.Sprintf("Allegro sales quality on %s, %s of %s, has decimals: its entry counts hundredths of a point", last.Date, allegroNum(last.Score), allegroNum(last.MaxScore)))
			}
		}
	}
	return notes
}

// whole says whether a score has no fraction.
func whole(v float64) bool { return v == math.Trunc(v) }

// allegroNum writes a score as read: 412, 41.5.
func allegroNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
