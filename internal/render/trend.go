package render

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// SparklineWidth is the most characters a sparkline takes in the table.
const SparklineWidth = 60

// sparkBlocks are the eight levels of a sparkline, lowest first.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws a series' rates in at most width characters (every
// point when width < 1), one block character per point, oldest first
// (docs/trend.md, "The sparkline"). For a "less than" target (the ODR) the
// scale runs from 0 to top, the larger of the series' highest rate and its
// target, so a series below its target stays low. For a "greater than"
// target (valid tracking, on-time delivery) it runs from bottom, the
// smaller of the series' lowest rate and its target, to top, the larger of
// its highest rate and the target, so a drop from 100 % to 79 % shows.
// A rate v is block round(7 × (v − bottom) / (top − bottom)), ▁ for bottom
// and █ for top. A point without a rate (no data, not computed) is a space,
// and so is an incomplete one: its files do not cover its window, so its
// rate is not plotted (plotted).
// With more points than width, consecutive points share a character, in
// buckets as even as they can be, and it shows the worst rate of its
// bucket (the highest, or the lowest for a "greater than" target; a space
// when none of them has one). A series without any rate is "-".
func Sparkline(s health.Series, width int) string {
	n := len(s.Points)
	higherIsBetter := s.Threshold.Op == health.Greater || s.Threshold.Op == health.GreaterEqual
	top, bottom, any := 0.0, math.Inf(1), false
	for _, p := range s.Points {
		if v, ok := plotted(p); ok {
			top, bottom, any = math.Max(top, v), math.Min(bottom, v), true
		}
	}
	if !any {
		return "-"
	}
	if s.Threshold.Op != "" {
		top = math.Max(top, s.Threshold.Value)
		bottom = math.Min(bottom, s.Threshold.Value)
	}
	if !higherIsBetter {
		bottom = 0
	}
	if width < 1 || width > n {
		width = n
	}
	worse := func(a, b float64) bool { return a > b }
	if higherIsBetter {
		worse = func(a, b float64) bool { return a < b }
	}
	var b strings.Builder
	for c := 0; c < width; c++ {
		lo, hi := c*n/width, (c+1)*n/width
		pick, ok := 0.0, false
		for _, p := range s.Points[lo:hi] {
			if v, has := plotted(p); has && (!ok || worse(v, pick)) {
				pick, ok = v, true
			}
		}
		switch {
		case !ok:
			b.WriteByte(' ')
		case top <= bottom:
			b.WriteRune(sparkBlocks[0])
		default:
			level := int(math.Round(7 * (pick - bottom) / (top - bottom)))
			b.WriteRune(sparkBlocks[min(max(level, 0), 7)])
		}
	}
	return b.String()
}

// plotted is the rate a chart or a sparkline draws for a point: none
// without one, and none for an incomplete point, whose files do not cover
// its window (a gap, as for no data).
func plotted(p health.Point) (float64, bool) {
	if p.Status == health.Incomplete {
		return 0, false
	}
	return p.Value()
}

// TrendTable writes a trend for a person: one row per entry with its rate
// on the first and last date, the lowest and highest rate of the range
// (incomplete dates left out), a sparkline, the target and the status on
// the last date. A note says on how many dates each entry was incomplete.
// On a terminal (o.Width) MIN and MAX go first, then SCOPE and METRIC are
// abbreviated, the sparklines narrowed and TARGET dropped, until it fits.
func TrendTable(w io.Writer, t *health.Trend, o Options) error {
	t = safeCopy(t) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	title := "Trend"
	if t.Marketplace != "" {
		title += " (" + t.Marketplace + ")"
	}
	fmt.Fprintf(w, "%s, %s to %s (%s)\n\n", pal.bold(title), t.From, t.To, plural(int(t.To-t.From)+1, "day", "days"))
	header := []string{"METRIC", "SCOPE", "FIRST", "LAST", "MIN", "MAX", "TREND", "TARGET", "STATUS"}
	numeric := []bool{false, false, true, true, true, true, false, false, false}
	rows := make([][]string, 0, len(t.Series))
	var series []health.Series // each row's, for its sparkline
	var scopes, abbrevs []string
	for _, s := range t.Series {
		lo, hi := extremes(s.Points, s.Threshold)
		rows = append(rows, []string{metricTitle(s.ID), seriesScope(s), endRate(first(s), s.Threshold), endRate(last(s), s.Threshold),
			lo, hi, Sparkline(s, SparklineWidth), target(s.Threshold), pal.statusOf(pointVerdict(s, last(s)))})
		series = append(series, s)
		v := health.Verdict{Result: metrics.Result{ID: s.ID, Fulfillment: s.Fulfillment, WindowDays: s.WindowDays, Marketplace: s.Marketplace, Platform: s.Platform, Calendar: s.Calendar, Cycle: s.Cycle}}
		scopes, abbrevs = append(scopes, scopeShort(v)), append(abbrevs, metricAbbrev(s.ID))
	}
	if t.AccountHealth != nil {
		rows = append(rows, ahrRow(t.AccountHealth, pal))
		series = append(series, ahrSeries(t.AccountHealth))
		scopes, abbrevs = append(scopes, "Amazon"), append(abbrevs, "AHR")
	}
	width := o.Width
	incompleteHead := trendIncompleteHead
	if width <= 0 {
		if err := WriteTable(w, header, numeric, rows); err != nil {
			return err
		}
	} else {
		cols := narrowed(width, columnsOf(header, numeric, rows), dropColumn("MIN"), dropColumn("MAX"),
			shortenColumn("SCOPE", scopes), shortenColumn("METRIC", abbrevs), narrowSparklines(width, series),
			dropColumn("TARGET"))
		if err := writeColumns(w, cols); err != nil {
			return err
		}
		if !slices.ContainsFunc(cols, func(c column) bool { return c.key == "MIN" }) {
			incompleteHead = trendIncompleteNarrowHead
		}
	}
	fittedList(w, width, incompleteHead, trendIncomplete(t))
	if err := trendNotComputedWidth(w, t, width); err != nil {
		return err
	}
	fmt.Fprintln(w)
	_, err := fmt.Fprintf(w, "Overall on %s: %s\n", t.To, pal.status(t.Status()))
	return err
}

// minSparkline is the fewest characters a sparkline is narrowed to.
const minSparkline = 12

// narrowSparklines draws the TREND column's sparklines (one per series,
// a row each) in as few characters as the table needs to fit width, but
// no fewer than minSparkline: consecutive days then share a character,
// which shows the worst of them (Sparkline).
func narrowSparklines(width int, series []health.Series) narrowing {
	return func(cs []column) []column {
		for i, c := range cs {
			if c.key != "TREND" {
				continue
			}
			cw := columnWidth(c)
			n := max(width-(tableWidth(cs)-cw), minSparkline, twwidth.Width(c.head))
			if n >= cw {
				return cs
			}
			cells := make([]string, len(c.cells))
			for r := range cells {
				cells[r] = Sparkline(series[r], n)
			}
			cs[i].cells = cells
		}
		return cs
	}
}

// ahrTarget is the line the Account Health Rating's sparkline is drawn
// against: Amazon's healthy score (help G200205250).
var ahrTarget = health.Threshold{Op: health.GreaterEqual, Value: health.AHRHealthy, WarnAt: health.AHRHealthy}

// ahrSeries is the Account Health Rating as a series the sparkline draws:
// the score as the numerator over 1, a date without a score a gap.
func ahrSeries(ps []health.AHRPoint) health.Series {
	s := health.Series{ID: "account_health_rating", Threshold: ahrTarget, Points: make([]health.Point, len(ps))}
	for i, p := range ps {
		s.Points[i] = health.Point{AsOf: p.AsOf, Status: p.Status()}
		if v, ok := p.Score(); ok {
			s.Points[i].Numerator, s.Points[i].Denominator = v, 1
		}
	}
	return s
}

// ahrPointText is a point's cell: its score, else Amazon's word, else "-".
func ahrPointText(p health.AHRPoint) string {
	if v, ok := p.Score(); ok {
		return strconv.Itoa(v)
	}
	if p.Check != nil && p.Check.Value != "" {
		return p.Check.Value
	}
	return "-"
}

// ahrRow is the trend table's row of the Account Health Rating: its score
// on the first and last date, the lowest and highest, the sparkline of
// the scores (a space on a date before the first of Amazon's reports),
// Amazon's healthy line and the status on the last date.
func ahrRow(ps []health.AHRPoint, pal palette) []string {
	lo, hi, any := 0, 0, false
	for _, p := range ps {
		if v, ok := p.Score(); ok {
			if !any || v < lo {
				lo = v
			}
			if !any || v > hi {
				hi = v
			}
			any = true
		}
	}
	loText, hiText := "-", "-"
	if any {
		loText, hiText = strconv.Itoa(lo), strconv.Itoa(hi)
	}
	return []string{"Account Health Rating", "Amazon's score", ahrPointText(ps[0]), ahrPointText(ps[len(ps)-1]), loText, hiText,
		Sparkline(ahrSeries(ps), SparklineWidth), ">= " + strconv.Itoa(health.AHRHealthy), pal.status(ps[len(ps)-1].Status())}
}

// trendNotComputedWidth says why the entries not computed on the last
// date are not, as the report's table does, fitted to width.
func trendNotComputedWidth(w io.Writer, t *health.Trend, width int) error {
	vs := make([]health.Verdict, len(t.Series))
	for i, s := range t.Series {
		p := last(s)
		vs[i] = health.Verdict{Result: metrics.Result{ID: s.ID, NotComputed: p.NotComputed}, Status: p.Status}
	}
	notComputedWidth(w, width, vs)
	return nil
}

// trendIncompleteHead heads the trend's note on incomplete dates.
const trendIncompleteHead = "Incomplete: on these dates the files do not cover the window, so TREND leaves them blank, MIN and MAX leave them out, and brackets hold what the files given say"

// trendIncompleteNarrowHead is trendIncompleteHead for a table without
// MIN and MAX (narrowed to a terminal).
const trendIncompleteNarrowHead = "Incomplete: on these dates the files do not cover the window, so TREND leaves them blank, and brackets hold what the files given say"

// trendIncomplete says, per entry, on how many dates it is incomplete and
// which: "Order Defect Rate, All orders: 13 of 30 dates (2026-10-22..2026-11-03)".
func trendIncomplete(t *health.Trend) []string {
	var out []string
	for _, s := range t.Series {
		var days []records.Range
		for _, p := range s.Points {
			if p.Status == health.Incomplete {
				days = append(days, records.Range{From: p.AsOf, To: p.AsOf})
			}
		}
		n := len(days)
		if n == 0 {
			continue
		}
		runs := records.Union(days)
		name := metricTitle(s.ID)
		if sc := seriesScope(s); sc != "" {
			name += ", " + sc
		}
		out = append(out, fmt.Sprintf("%s: %d of %s (%s)", name, n, plural(len(s.Points), "date", "dates"), rangesText(runs)))
	}
	return out
}

// pointVerdict is enough of a verdict for a point's status cell.
func pointVerdict(s health.Series, p health.Point) health.Verdict {
	return health.Verdict{Result: metrics.Result{ID: s.ID}, Status: p.Status, Partial: p.Partial}
}

func first(s health.Series) health.Point {
	if len(s.Points) == 0 {
		return health.Point{Status: health.NoData}
	}
	return s.Points[0]
}

func last(s health.Series) health.Point {
	if len(s.Points) == 0 {
		return health.Point{Status: health.NoData}
	}
	return s.Points[len(s.Points)-1]
}

// extremes writes the lowest and highest rate of the points, "-" for none.
func extremes(ps []health.Point, t health.Threshold) (string, string) {
	lo, hi, any := 0.0, 0.0, false
	for _, p := range ps {
		v, ok := plotted(p)
		if !ok {
			continue
		}
		if !any || v < lo {
			lo = v
		}
		if !any || v > hi {
			hi = v
		}
		any = true
	}
	if !any {
		return "-", "-"
	}
	return valueText(lo, t), valueText(hi, t)
}

// endRate is FIRST's or LAST's cell: the rate, in brackets on an
// incomplete date ("(4.31%)"), whose files do not cover the window.
func endRate(p health.Point, t health.Threshold) string {
	r := pointRate(p, t)
	if p.Status == health.Incomplete && r != "-" {
		return "(" + r + ")"
	}
	return r
}

func pointRate(p health.Point, t health.Threshold) string {
	if v, ok := p.Value(); ok {
		return valueText(v, t)
	}
	return "-"
}

// seriesScope is scope for a series.
func seriesScope(s health.Series) string {
	return scope(health.Verdict{Result: metrics.Result{ID: s.ID, Fulfillment: s.Fulfillment, WindowDays: s.WindowDays, Marketplace: s.Marketplace, Platform: s.Platform, Calendar: s.Calendar, Cycle: s.Cycle}})
}

// TrendSummary writes the one-line summary of a trend for stderr when
// stdout is not a terminal: each entry failing, incomplete or warning on
// the last date, with its rate on the first and the last date, then how
// many passed, had no data or were not computed.
func TrendSummary(w io.Writer, t *health.Trend) {
	t = safeCopy(t) // text from the files, safe to show (clean.go)
	var parts []string
	for _, st := range []health.Status{health.Fail, health.Incomplete, health.Warn} {
		for _, s := range t.Series {
			if last(s).Status != st {
				continue
			}
			name := s.ID
			if sc := shortScope(health.Verdict{Result: metrics.Result{Fulfillment: s.Fulfillment, WindowDays: s.WindowDays, Marketplace: s.Marketplace, Platform: s.Platform, Calendar: s.Calendar, Cycle: s.Cycle}}); sc != "" {
				name += " " + sc
			}
			st := statusWord(last(s).Status)
			if p := last(s); p.Status == health.Incomplete {
				st += ", " + partialText(p.Partial)
			}
			parts = append(parts, fmt.Sprintf("%s %s -> %s (%s)", name, pointRate(first(s), s.Threshold), pointRate(last(s), s.Threshold), st))
		}
	}
	count := map[health.Status]int{}
	for _, s := range t.Series {
		count[last(s).Status]++
	}
	if n := len(t.AccountHealth); n > 0 && t.AccountHealth[n-1].Check != nil {
		a, z := t.AccountHealth[0], t.AccountHealth[n-1]
		if st := z.Status(); st == health.Fail || st == health.Warn {
			parts = append(parts, fmt.Sprintf("account_health_rating %s -> %s (%s)", ahrPointText(a), ahrPointText(z), statusWord(st)))
		}
		count[z.Status()]++
	}
	parts = append(parts, quietCounts(count)...)
	fmt.Fprintf(w, "audit %s: %s..%s: %s\n", t.Command, t.From, t.To, strings.Join(parts, "; "))
}

type jsonTrend struct {
	SchemaVersion int                 `json:"schema_version"`
	Command       string              `json:"command"`
	From          civil.Date          `json:"from"`
	To            civil.Date          `json:"to"`
	Marketplace   string              `json:"marketplace,omitempty"`
	Profile       string              `json:"profile"`
	Series        []jsonSeries        `json:"series"`
	AccountHealth []jsonAHRPoint      `json:"account_health,omitempty"`
	Warnings      []string            `json:"warnings"`
	Inputs        []records.InputFile `json:"inputs"`
}

type jsonSeries struct {
	ID          string      `json:"id"`
	Fulfillment string      `json:"fulfillment,omitempty"`
	WindowDays  int         `json:"window_days,omitempty"`
	Marketplace string      `json:"marketplace,omitempty"`
	Platform    string      `json:"platform,omitempty"`
	Calendar    string      `json:"calendar,omitempty"`
	Cycle       string      `json:"cycle,omitempty"`
	Name        string      `json:"name"`
	Target      *jsonTarget `json:"target,omitempty"`
	WarnAt      *float64    `json:"warn_at,omitempty"`
	Points      []jsonPoint `json:"points"`
}

type jsonPoint struct {
	AsOf        civil.Date    `json:"as_of"`
	Value       *float64      `json:"value"`
	Numerator   int           `json:"numerator"`
	Denominator int           `json:"denominator"`
	Status      health.Status `json:"status"`
	// Partial is an incomplete point's status on the files given, as in
	// a report's metrics[].partial_status.
	Partial *health.Status `json:"partial_status,omitempty"`
	Reason  string         `json:"reason,omitempty"`
}

// jsonAHRPoint is the Account Health Rating on one date: the score and
// its verdict from the latest of Amazon's reports dated on or before it;
// score null and status no_data before the first.
type jsonAHRPoint struct {
	AsOf   civil.Date    `json:"as_of"`
	Score  *int          `json:"score"`
	Status health.Status `json:"status"`
	// Rating is Amazon's own word (GREAT, WARNED, ...), File the report's.
	Rating string `json:"rating,omitempty"`
	File   string `json:"file,omitempty"`
}

// TrendJSON writes a trend as one indented JSON document (docs/trend.md).
func TrendJSON(w io.Writer, t *health.Trend, _ Options) error {
	doc := jsonTrend{SchemaVersion: SchemaVersion, Command: t.Command, From: t.From, To: t.To, Marketplace: t.Marketplace,
		Profile: t.Profile, Series: make([]jsonSeries, len(t.Series)), Warnings: t.Warnings, Inputs: t.Inputs}
	if doc.Warnings == nil {
		doc.Warnings = []string{}
	}
	if doc.Inputs == nil {
		doc.Inputs = []records.InputFile{}
	}
	for i, s := range t.Series {
		js := jsonSeries{ID: s.ID, Fulfillment: s.Fulfillment, WindowDays: s.WindowDays, Marketplace: s.Marketplace,
			Platform: s.Platform, Calendar: s.Calendar, Cycle: s.Cycle, Name: metricTitle(s.ID), Points: make([]jsonPoint, len(s.Points))}
		if s.Threshold.Op != "" {
			warn := s.Threshold.WarnAt
			js.Target, js.WarnAt = &jsonTarget{s.Threshold.Op, s.Threshold.Value}, &warn
		}
		for j, p := range s.Points {
			jp := jsonPoint{AsOf: p.AsOf, Numerator: p.Numerator, Denominator: p.Denominator, Status: p.Status, Reason: p.NotComputed}
			if v, ok := p.Value(); ok {
				jp.Value = &v
			}
			if p.Status == health.Incomplete {
				partial := p.Partial
				jp.Partial = &partial
			}
			js.Points[j] = jp
		}
		doc.Series[i] = js
	}
	for _, p := range t.AccountHealth {
		jp := jsonAHRPoint{AsOf: p.AsOf, Status: p.Status()}
		if v, ok := p.Score(); ok {
			jp.Score = &v
		}
		if p.Check != nil {
			jp.Rating, jp.File = p.Check.Value, p.Check.File
		}
		doc.AccountHealth = append(doc.AccountHealth, jp)
	}
	return writeJSON(w, doc)
}

// trendRow is one line of the trend's CSV: one entry on one date.
type trendRow struct {
	AsOf        string  `csv:"as_of"`
	Metric      string  `csv:"metric"`
	Fulfillment string  `csv:"fulfillment"`
	WindowDays  string  `csv:"window_days"`
	Marketplace CSVText `csv:"marketplace"`
	Value       string  `csv:"value"`
	Numerator   string  `csv:"numerator"`
	Denominator string  `csv:"denominator"`
	Status      string  `csv:"status"`
	// StatusOnFilesGiven: on an incomplete day, the status its figures
	// give on the files given (the JSON's partial_status).
	StatusOnFilesGiven string `csv:"status_on_files_given"`
	Platform           string `csv:"platform"`
}

// TrendCSV writes a trend in long form for a spreadsheet: a header, then
// one row per entry and date, entries in the table's order and dates
// oldest first, then the Account Health Rating's rows when Amazon's report
// gives it (value the score). value is the unrounded fraction, empty without a rate;
// window_days is empty on entries without one (docs/trend.md).
func TrendCSV(w io.Writer, t *health.Trend, _ Options) error {
	t = safeCopyText(t) // text from the files, safe to show (clean.go)
	var rows []trendRow
	for _, s := range t.Series {
		wd := ""
		if s.WindowDays != 0 {
			wd = strconv.Itoa(s.WindowDays)
		}
		for _, p := range s.Points {
			val := ""
			if v, ok := p.Value(); ok {
				val = strconv.FormatFloat(v, 'f', -1, 64)
			}
			row := trendRow{AsOf: p.AsOf.String(), Metric: s.ID, Fulfillment: s.Fulfillment, WindowDays: wd,
				Marketplace: CSVText(s.Marketplace), Value: val, Numerator: strconv.Itoa(p.Numerator), Denominator: strconv.Itoa(p.Denominator), Status: p.Status.String(),
				Platform: s.Platform}
			if p.Status == health.Incomplete {
				row.StatusOnFilesGiven = p.Partial.String()
			}
			rows = append(rows, row)
		}
	}
	// The Account Health Rating: value is the score, empty before the
	// first of Amazon's reports; no counts.
	for _, p := range t.AccountHealth {
		val := ""
		if v, ok := p.Score(); ok {
			val = strconv.Itoa(v)
		}
		rows = append(rows, trendRow{AsOf: p.AsOf.String(), Metric: "account_health_rating", Value: val, Status: p.Status().String(), Platform: "amazon"})
	}
	if rows == nil {
		rows = []trendRow{}
	}
	return writeCSV(w, rows)
}
