package render

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/safetext"
)

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is the page; html/template escapes every value it is given.
var htmlTemplate = template.Must(template.New("html").Parse(htmlSource))

// HTML writes the report as one self-contained page for a client: the
// verdict table, then per entry its forecast, its trend as an inline SVG
// chart and the orders counted against it, then audit feedback's work
// list, what could not be computed or placed, the warnings and the input
// files. No script, no font, no image, no link leaves the page; the bytes
// depend only on the report.
// Every figure comes from the report (the trend from r.Trend); this file
// only chooses words and places points on a chart.
func HTML(w io.Writer, r *health.Report, o Options) error {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	return htmlTemplate.Execute(w, htmlPageOf(r, o, ""))
}

// htmlPage is what the template draws: words and coordinates, ready.
type htmlPage struct {
	// Prefix starts every id of the account's part of the page: "" on
	// its own page, "a3-" for the third account of a fleet's.
	Prefix      string
	Title       string // the <title>: "acme-us – Account health – US – as of 2026-11-20"
	Heading     string // "acme-us", or "Account health" without a title
	Store       string // "US", "" when unknown
	Command     string
	AsOf        string
	Profile     string
	Status      htmlStatus
	Note        string // how many entries were incomplete or not computed, what was not given
	Rows        []htmlRow
	Entries     []htmlEntry
	TrendSpan   string // "2026-09-22 to 2026-11-20", "" without a trend
	NotComputed []htmlReason
	// Amazon are Amazon's own figures beside ours, a line each with its
	// explanations; Account what only Amazon's report tells.
	Amazon  []noteGroup
	Account []string
	// Feedback is audit feedback's work list (feedback.go); nil when it
	// is not shown (feedbackShown).
	Feedback  *htmlFeedback
	Unmatched []htmlUnmatched
	// UnmatchedMore says how many defects not counted are left out of
	// the page (htmlCap), "" when none.
	UnmatchedMore string
	Warnings      []string
	Inputs        []htmlInput
}

// htmlCap is the most rows a list on the page has: a large account's
// page stays small, and the full lists are in the CSV and JSON outputs.
const htmlCap = 100

// htmlMore says how many rows of a list of n are left out of the page,
// "" when none.
func htmlMore(n int) string {
	if n <= htmlCap {
		return ""
	}
	return "and " + htmlGroup(n-htmlCap) + " more: the full list is in the CSV and JSON outputs"
}

// htmlGroup writes a count with thousands separators: 499,568.
func htmlGroup(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// htmlCounts is the verdict table's count, "2,657 / 499,568".
func htmlCounts(m health.Verdict) string {
	if m.Status == health.NotComputed {
		return "-"
	}
	if m.Threshold.Scale > 1 {
		if m.Denominator == 1 {
			return "1 rating"
		}
		return htmlGroup(m.Denominator) + " ratings"
	}
	return htmlGroup(m.Numerator) + " / " + htmlGroup(m.Denominator)
}

// htmlUnpath leaves only the file names in a warning: the folders the
// report's files are in are the auditor's, not the client's.
func htmlUnpath(s string, dirs []string) string {
	for _, d := range dirs {
		s = strings.ReplaceAll(s, d, "")
	}
	return s
}

// htmlDirs are the folders of the report's files, each with its trailing
// separator, longest first.
func htmlDirs(r *health.Report) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		d := filepath.Dir(f)
		if d == "." || d == "" {
			return
		}
		for _, sep := range []string{"/", string(filepath.Separator)} {
			if k := d + sep; !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	for _, in := range r.Inputs {
		add(in.File)
	}
	for _, u := range r.Unmatched {
		add(u.File)
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

type htmlStatus struct {
	Word  string // "FAIL": the status is always written, never colour alone
	Class string // "st-fail"
	// Partial is an incomplete entry's verdict on the files given, "fail
	// on these files", written beside the word.
	Partial string
}

type htmlRow struct {
	Anchor string // the entry's section, "" when it has none
	Metric string
	Scope  string
	Rate   string
	Count  string
	Target string
	Status htmlStatus
	Window string
}

type htmlEntry struct {
	Anchor  string
	Metric  string
	Scope   string
	Status  htmlStatus
	Rate    string
	Target  string
	Counted string // "2 defective of 230 orders (orders dated 2026-09-08 to 2026-11-06)"
	Parts   string // "negative feedback 2, A-to-z claims 2, chargebacks not given"
	// Coverage, on an incomplete entry, says what the files cover and
	// what to download (coverageText).
	Coverage string
	// NotGiven names the components not given: "A-to-z claims and
	// chargebacks".
	NotGiven string
	Forecast *htmlForecast
	Chart    *htmlChart
	NoTrend  string // why there is no chart, when there is a trend
	// Trendless: the page has no trends at all (a fleet's), so the entry
	// has no Trend heading.
	Trendless bool
	// The orders counted against the entry, as the table's --details
	// lists them (listed): an ODR segment has none of its own when the
	// all-orders entry lists them, and says where they are instead.
	ListTitle string // "Defective orders", "Late shipments, 10 days"
	Items     []htmlItem
	// More says how many orders are left out of the page (htmlCap).
	More     string
	Total    string // how many orders the list has, "2,657"
	Channel  bool   // an all-orders list: each order's channel
	DateHead string // "Window date", "Ship by", "Promised delivery"
	ListedIn string // "Order Defect Rate – All orders"
	ListedAt string // its anchor
}

type htmlForecast struct {
	Goal    string
	Recover string
	Clean   string
	Reason  string
}

type htmlItem struct {
	OrderID    string
	Channel    string
	OrderDate  string
	WindowDate string
	Events     []htmlEvent
	Leaves     string
}

type htmlEvent struct {
	Type   string
	Date   string // "" when it has not happened (not confirmed, not uploaded)
	Status string
}

type htmlReason struct {
	Metric string
	Scope  string
	Reason string
}

type htmlFeedback struct {
	Title   string // "Negative feedback"
	Head    string // "Negative feedback in the ODR window: 2, 1 of them removable (help 20231)"
	None    string // said instead of an empty list
	Columns []string
	Rows    [][]htmlCell
	More    string // the rows left out of the page (htmlCap)
}

// htmlCell is a table cell and its class: "id" for an order id, "num"
// for a number, "" otherwise.
type htmlCell struct {
	Text  string
	Class string
}

type htmlUnmatched struct {
	OrderID string
	Defect  string
	FoundAt string
}

type htmlInput struct {
	File string
	Kind string
	Rows string
}

func htmlStatusOf(s health.Status) htmlStatus {
	return htmlStatus{Word: statusWord(s), Class: "st-" + s.String()}
}

// htmlVerdictStatus is an entry's status, with an incomplete entry's
// partial verdict.
func htmlVerdictStatus(v health.Verdict) htmlStatus {
	st := htmlStatusOf(v.Status)
	if v.Status == health.Incomplete {
		st.Partial = partialText(v.Partial)
	}
	return st
}

func htmlPageOf(r *health.Report, o Options, prefix string) htmlPage {
	p := htmlPage{
		Prefix:  prefix,
		Heading: "Account health",
		Store:   r.Marketplace,
		Command: r.Command,
		AsOf:    r.AsOf.String(),
		Profile: r.Profile,
		Status:  htmlStatusOf(r.Status),
		Note:    strings.TrimSpace(caveatNote(r.Metrics)),
	}
	if t := strings.TrimSpace(safetext.Line(o.Title)); t != "" {
		p.Heading = t
		p.Title = t + " – "
	}
	p.Title += "Account health – "
	if r.Marketplace != "" {
		p.Title += r.Marketplace + " – "
	}
	p.Title += "as of " + r.AsOf.String()
	if r.Trend != nil {
		p.TrendSpan = r.Trend.From.String() + " to " + r.Trend.To.String()
	}
	// The entries whose orders are listed, by index.
	shown := map[int]bool{}
	for _, v := range listed(r.Metrics) {
		for i := range r.Metrics {
			if htmlSameEntry(r.Metrics[i], v) {
				shown[i] = true
			}
		}
	}
	for i, m := range r.Metrics {
		row := htmlRow{Metric: metricTitle(m.ID), Scope: scope(m), Rate: rate(m), Count: htmlCounts(m),
			Target: target(m.Threshold), Status: htmlVerdictStatus(m), Window: window(m)}
		if m.Status == health.NotComputed {
			p.NotComputed = append(p.NotComputed, htmlReason{Metric: row.Metric, Scope: row.Scope, Reason: m.NotComputed})
			p.Rows = append(p.Rows, row)
			continue
		}
		row.Anchor = prefix + "entry-" + strconv.Itoa(i+1)
		p.Rows = append(p.Rows, row)
		p.Entries = append(p.Entries, htmlEntryOf(row, m, r, shown, i, prefix))
	}
	p.Amazon, p.Account = amazonNotes(r.Metrics), accountLines(r.Account)
	if feedbackShown(r, o) {
		p.Feedback = htmlFeedbackOf(r)
	}
	for i, u := range r.Unmatched {
		if i == htmlCap {
			p.UnmatchedMore = htmlMore(len(r.Unmatched))
			break
		}
		p.Unmatched = append(p.Unmatched, htmlUnmatched{OrderID: u.OrderID, Defect: label(kindLabels, u.Kind),
			FoundAt: filepath.Base(u.File) + ":" + strconv.Itoa(u.Line)})
	}
	dirs := htmlDirs(r)
	warnings := r.Warnings
	if r.Trend != nil {
		warnings = append(slices.Clip(warnings), r.Trend.Warnings...)
	}
	for _, w := range warnings {
		if w = htmlUnpath(w, dirs); !slices.Contains(p.Warnings, w) {
			p.Warnings = append(p.Warnings, w)
		}
	}
	for _, in := range r.Inputs {
		p.Inputs = append(p.Inputs, htmlInput{File: filepath.Base(in.File), Kind: string(in.Kind), Rows: htmlGroup(in.Rows)})
	}
	return p
}

func htmlEntryOf(row htmlRow, m health.Verdict, r *health.Report, shown map[int]bool, i int, prefix string) htmlEntry {
	wd := metricOf(m.ID)
	e := htmlEntry{Anchor: row.Anchor, Metric: row.Metric, Scope: row.Scope, Status: row.Status,
		Rate: row.Rate, Target: row.Target}
	e.Counted = htmlGroup(m.Numerator) + " " + wd.Counts + " of " + htmlGroup(m.Denominator) + " " + wd.Population
	if m.Window.Days > 0 {
		e.Counted += " (" + wd.KeyedOn + " " + m.Window.From.String() + " to " + m.Window.To.String() +
			", " + strconv.Itoa(m.Window.Days) + " days)"
	}
	var parts []string
	for _, c := range m.Components {
		parts = append(parts, label(componentWords, c.Key)+" "+componentText(m, c.Key))
	}
	e.Parts = strings.Join(parts, ", ")
	if m.Uncovered() {
		e.Coverage = coverageText(m.Coverage)
	}
	e.NotGiven = andList(notGivenNouns([]health.Verdict{m}))
	if f := m.Forecast; f != nil {
		e.Forecast = htmlForecastOf(m)
	}
	if s := htmlSeriesOf(r.Trend, m); s != nil {
		e.Chart = htmlChartOf(*s, row.Metric, row.Scope)
		if len(e.Chart.Points) == 0 && e.Chart.Incomplete {
			// Nothing to draw but gaps: say why instead of an empty chart.
			e.Chart = nil
			e.NoTrend = "No trend: on none of its dates do the files cover the window and give a rate."
		}
	}
	if !shown[i] {
		// A segment of the ODR: its orders are in the all-orders list.
		for j, v := range r.Metrics {
			if shown[j] && v.ID == m.ID && v.Fulfillment == "all" && len(m.Items) > 0 {
				e.ListedIn, e.ListedAt = metricTitle(v.ID)+" – "+scope(v), prefix+"entry-"+strconv.Itoa(j+1)
			}
		}
		return e
	}
	e.ListTitle = listTitle(m)
	e.Channel = m.Fulfillment == "all"
	e.DateHead = "Window date"
	if h := metricOf(m.ID).WindowDate.Long; h != "" {
		e.DateHead = h
	}
	e.Total, e.More = htmlGroup(len(m.Items)), htmlMore(len(m.Items))
	for i, it := range m.Items {
		if i == htmlCap {
			break
		}
		hi := htmlItem{OrderID: it.OrderID, Channel: strings.ToUpper(it.Fulfillment), OrderDate: dateOrDash(it.OrderDate),
			WindowDate: dateOrDash(it.KeyDate), Leaves: it.LeavesWindowOn.String()}
		for _, ev := range it.Events {
			t, ok := eventLabels[ev.Type]
			if !ok {
				t = strings.ReplaceAll(ev.Type, "_", " ")
			}
			he := htmlEvent{Type: t, Status: ev.Status}
			if ev.Date != 0 {
				he.Date = ev.Date.String()
			}
			hi.Events = append(hi.Events, he)
		}
		e.Items = append(e.Items, hi)
	}
	return e
}

// htmlFeedbackOf is audit feedback's work list in the words of the
// table (feedback.go).
func htmlFeedbackOf(r *health.Report) *htmlFeedback {
	f := &htmlFeedback{Title: metricOf(metrics.RemovableFeedback).Title, Head: feedbackHead(r), None: feedbackNone,
		Columns: feedbackColumns}
	rows := feedbackRows(r)
	f.More = htmlMore(len(rows))
	for i, cells := range rows {
		if i == htmlCap {
			break
		}
		row := make([]htmlCell, len(cells))
		for i, c := range cells {
			row[i] = htmlCell{Text: c}
		}
		row[0].Class, row[feedbackRating].Class = "id", "num"
		f.Rows = append(f.Rows, row)
	}
	return f
}

// htmlSameEntry says whether two verdicts are the same entry: the same
// metric, segment, window length and store.
func htmlSameEntry(a, b health.Verdict) bool {
	return a.ID == b.ID && a.Fulfillment == b.Fulfillment && a.WindowDays == b.WindowDays && a.Marketplace == b.Marketplace
}

// htmlSeriesOf is the trend series of an entry: the same id, segment,
// window length and store; nil when the trend has none.
func htmlSeriesOf(t *health.Trend, m health.Verdict) *health.Series {
	if t == nil {
		return nil
	}
	for i, s := range t.Series {
		if s.ID == m.ID && s.Fulfillment == m.Fulfillment && s.WindowDays == m.WindowDays && s.Marketplace == m.Marketplace {
			return &t.Series[i]
		}
	}
	return nil
}

// htmlForecastOf says the forecast in the table's words (forecastLine):
// the goal, the date, the clean orders, and why a part is missing.
func htmlForecastOf(v health.Verdict) *htmlForecast {
	f := v.Forecast
	goal := opWords[f.Op] + " " + Limit(f.Line)
	hf := &htmlForecast{Goal: goal + " (the target)"}
	if f.Goal == "pass" {
		goal = "out of the warn band (" + goal + ")"
		hf.Goal = goal
	}
	if f.RecoversOn != nil {
		hf.Recover = f.RecoversOn.String() + ", if no new defects arrive (about " +
			strconv.FormatFloat(f.DailyOrders, 'f', 1, 64) + " " + metricOf(v.ID).Population + " a day)"
	} else {
		hf.Recover = "no date"
	}
	if n := f.CleanOrdersNeeded; n != nil {
		cw := cleanWords(v.ID)
		word := "more " + cw[1]
		if *n == 1 {
			word = "more " + cw[0]
		}
		hf.Clean = htmlGroup(*n) + " " + word + " would bring it " + goal
	} else {
		hf.Clean = "no number of new orders would bring it " + goal
	}
	if f.RecoversOn == nil || f.CleanOrdersNeeded == nil {
		hf.Reason = f.Reason
	}
	return hf
}

// Chart geometry, in SVG user units: the plot area spans x htmlLeft to
// htmlRight and y htmlTop (the axis maximum) to htmlBottom (0 %).
const (
	htmlWidth  = 640
	htmlHeight = 204
	htmlLeft   = 52.0
	htmlRight  = 630.0
	htmlTop    = 10.0
	htmlBottom = 160.0
)

// htmlChart is one inline SVG line chart, every coordinate written.
type htmlChart struct {
	Title   string
	Desc    string
	Width   int
	Height  int
	Left    string
	Right   string
	Top     string
	Bottom  string
	Path    string // the rate, "M x y L x y ..."; a gap starts a new "M"
	Points  []htmlPoint
	Target  *htmlLine
	Warn    *htmlLine
	First   string // first as-of date, under the left end
	Last    string // last as-of date, under the right end
	YMax    string // the axis maximum, "1.2%"
	LabelY  string // baseline of the date labels
	AxisX   string // right end of the percentage labels
	ZeroY   string // baseline of the "0%" label
	Zero    string // the axis's lowest value: "0%", or "0" for a score
	MaxY    string // baseline of the maximum's label
	LegendY string // baseline of the legend
	LegendL string // y of the legend's line samples
	Gaps    bool   // some dates have no value
	// Incomplete: some dates are left out because the files do not cover
	// their window; the legend says so.
	Incomplete bool
}

type htmlPoint struct {
	X, Y  string
	Title string // "2026-11-20: 0.87% (2 / 230) WARN"
}

type htmlLine struct {
	Y     string
	Label string // "target < 1%"
}

// htmlCoord writes a coordinate with one decimal, the same bytes on every
// platform.
func htmlCoord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// htmlChartOf lays out a series: x is the as-of date between the first and
// last, y the rate from 0 % at the bottom to the axis maximum at the top.
func htmlChartOf(s health.Series, metric, scope string) *htmlChart {
	c := &htmlChart{
		Title:  metric + ", " + scope + ": the rate on each as-of date",
		Width:  htmlWidth,
		Height: htmlHeight,
		Left:   htmlCoord(htmlLeft), Right: htmlCoord(htmlRight), Top: htmlCoord(htmlTop), Bottom: htmlCoord(htmlBottom),
		LabelY: htmlCoord(htmlBottom + 16), AxisX: htmlCoord(htmlLeft - 6), ZeroY: htmlCoord(htmlBottom + 4), MaxY: htmlCoord(htmlTop + 4),
		LegendY: htmlCoord(htmlHeight - 8), LegendL: htmlCoord(htmlHeight - 12), Zero: "0%",
	}
	if scope == "" {
		c.Title = metric + ": the rate on each as-of date"
	}
	if len(s.Points) == 0 {
		c.Desc = "No as-of dates."
		c.YMax = Limit(htmlAxisMax(0))
		return c
	}
	first, last := s.Points[0].AsOf, s.Points[len(s.Points)-1].AsOf
	c.First, c.Last = first.String(), last.String()
	high := 0.0
	for _, p := range s.Points {
		if v, ok := plotted(p); ok {
			high = math.Max(high, v)
		}
	}
	t := s.Threshold
	if t.Op != "" {
		high = math.Max(high, math.Max(t.Value, t.WarnAt))
	}
	top := htmlAxisMax(high)
	c.YMax = Limit(top)
	if t.Scale > 1 { // a score (the customer-service rating): its whole scale
		top = t.Scale
		c.YMax, c.Zero = LimitText(top, t), "0"
	}
	x := func(d civil.Date) float64 {
		if last == first {
			return (htmlLeft + htmlRight) / 2
		}
		return htmlLeft + (htmlRight-htmlLeft)*float64(d-first)/float64(last-first)
	}
	y := func(v float64) float64 { return htmlBottom - (htmlBottom-htmlTop)*v/top }
	var path strings.Builder
	pen := false // the previous point had a value
	for _, p := range s.Points {
		v, ok := plotted(p)
		if !ok {
			pen = false
			c.Gaps = true
			c.Incomplete = c.Incomplete || p.Status == health.Incomplete
			continue
		}
		px, py := htmlCoord(x(p.AsOf)), htmlCoord(y(v))
		if path.Len() > 0 {
			path.WriteByte(' ')
		}
		if pen {
			path.WriteString("L")
		} else {
			path.WriteString("M")
		}
		path.WriteString(px + " " + py)
		pen = true
		c.Points = append(c.Points, htmlPoint{X: px, Y: py, Title: p.AsOf.String() + ": " + valueText(v, t) + " (" +
			strconv.Itoa(p.Numerator) + " / " + strconv.Itoa(p.Denominator) + ") " + statusWord(p.Status)})
	}
	c.Path = path.String()
	if t.Op != "" {
		c.Target = &htmlLine{Y: htmlCoord(y(t.Value)), Label: "target " + string(t.Op) + " " + LimitText(t.Value, t)}
		c.Warn = &htmlLine{Y: htmlCoord(y(t.WarnAt)), Label: "warn line " + LimitText(t.WarnAt, t)}
	}
	c.Desc = "Daily rate from " + c.First + " to " + c.Last + ", on an axis from " + c.Zero + " to " + c.YMax + "."
	if c.Target != nil {
		c.Desc += " Dashed: the " + c.Target.Label + ". Dotted: the " + c.Warn.Label + "."
	}
	switch {
	case c.Incomplete:
		c.Desc += " Gaps are dates without a value, or whose files do not cover the window (incomplete): their rate is not plotted."
	case c.Gaps:
		c.Desc += " Gaps are dates without a value."
	}
	return c
}

// htmlAxisMax rounds a chart's highest value up to a round percentage
// (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten), at most 100 %;
// 1 % when there is nothing to show.
func htmlAxisMax(v float64) float64 {
	if v <= 0 {
		return 0.01
	}
	pct := v * 100
	scale := math.Pow(10, math.Floor(math.Log10(pct)))
	for _, step := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if top := step * scale; top >= pct*(1-1e-9) {
			return math.Min(top, 100) / 100
		}
	}
	return 1
}
