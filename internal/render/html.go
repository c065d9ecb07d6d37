package render

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
)

func init() { registerFormat("html", HTML) }

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is the page; html/template escapes every value it is given.
var htmlTemplate = template.Must(template.New("html").Parse(htmlSource))

// HTML writes the report as one self-contained page for a client: the
// verdict table, then per entry its forecast, its trend as an inline SVG
// chart and the orders counted against it, then what could not be computed
// or placed, the warnings and the input files. No script, no font, no
// image, no link leaves the page; the bytes depend only on the report.
// Every figure comes from the report (the trend from r.Trend); this file
// only chooses words and places points on a chart.
func HTML(w io.Writer, r *health.Report, _ Options) error {
	return htmlTemplate.Execute(w, htmlPageOf(r))
}

// htmlPage is what the template draws: words and coordinates, ready.
type htmlPage struct {
	Title       string
	Command     string
	AsOf        string
	Profile     string
	Status      htmlStatus
	Note        string // how many entries were not computed
	Rows        []htmlRow
	Entries     []htmlEntry
	TrendSpan   string // "2026-09-22 to 2026-11-20", "" without a trend
	NotComputed []htmlReason
	Unmatched   []htmlUnmatched
	Warnings    []string
	Inputs      []htmlInput
}

type htmlStatus struct {
	Word  string // "FAIL": the status is always written, never colour alone
	Class string // "st-fail"
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
	Anchor   string
	Metric   string
	Scope    string
	Status   htmlStatus
	Rate     string
	Target   string
	Counted  string // "2 defective of 230 orders (orders dated 2026-09-08 to 2026-11-06)"
	Parts    string // "negative feedback 2, A-to-z claims 2, chargebacks 1"
	Forecast *htmlForecast
	Chart    *htmlChart
	Items    []htmlItem
	Channel  bool // the items carry a fulfilment channel
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
	Date   string
	Status string
}

type htmlReason struct {
	Metric string
	Scope  string
	Reason string
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

func htmlPageOf(r *health.Report) htmlPage {
	p := htmlPage{
		Title:   "Account health – ",
		Command: r.Command,
		AsOf:    r.AsOf.String(),
		Profile: r.Profile,
		Status:  htmlStatusOf(r.Status),
		Note:    strings.TrimSpace(notComputedNote(r.Metrics)),
	}
	if r.Marketplace != "" {
		p.Title += r.Marketplace + " – "
	}
	p.Title += "as of " + r.AsOf.String()
	if r.Trend != nil {
		p.TrendSpan = r.Trend.From.String() + " to " + r.Trend.To.String()
	}
	for i, m := range r.Metrics {
		row := htmlRow{Metric: metricTitle(m.ID), Scope: scope(m), Rate: rate(m), Count: counts(m),
			Target: target(m.Threshold), Status: htmlStatusOf(m.Status), Window: window(m)}
		if m.Status == health.NotComputed {
			p.NotComputed = append(p.NotComputed, htmlReason{Metric: row.Metric, Scope: row.Scope, Reason: m.NotComputed})
			p.Rows = append(p.Rows, row)
			continue
		}
		row.Anchor = "entry-" + strconv.Itoa(i+1)
		p.Rows = append(p.Rows, row)
		p.Entries = append(p.Entries, htmlEntryOf(row, m, r.Trend))
	}
	for _, u := range r.Unmatched {
		p.Unmatched = append(p.Unmatched, htmlUnmatched{OrderID: u.OrderID, Defect: label(kindLabels, u.Kind),
			FoundAt: u.File + ":" + strconv.Itoa(u.Line)})
	}
	p.Warnings = append(p.Warnings, r.Warnings...)
	if r.Trend != nil {
		for _, w := range r.Trend.Warnings {
			if !contains(p.Warnings, w) {
				p.Warnings = append(p.Warnings, w)
			}
		}
	}
	for _, in := range r.Inputs {
		p.Inputs = append(p.Inputs, htmlInput{File: in.File, Kind: string(in.Kind), Rows: strconv.Itoa(in.Rows)})
	}
	return p
}

func htmlEntryOf(row htmlRow, m health.Verdict, t *health.Trend) htmlEntry {
	wd := words(m.ID)
	e := htmlEntry{Anchor: row.Anchor, Metric: row.Metric, Scope: row.Scope, Status: row.Status,
		Rate: row.Rate, Target: row.Target}
	e.Counted = strconv.Itoa(m.Numerator) + " " + wd.numerator + " of " + strconv.Itoa(m.Denominator) + " " + wd.population
	if m.Window.Days > 0 {
		e.Counted += " (" + wd.windowOn + " " + m.Window.From.String() + " to " + m.Window.To.String() +
			", " + strconv.Itoa(m.Window.Days) + " days)"
	}
	var parts []string
	for _, c := range m.Components {
		parts = append(parts, label(componentWords, c.Key)+" "+strconv.Itoa(c.Count))
	}
	e.Parts = strings.Join(parts, ", ")
	if f := m.Forecast; f != nil {
		e.Forecast = htmlForecastOf(f, wd)
	}
	if s := htmlSeriesOf(t, m); s != nil {
		e.Chart = htmlChartOf(*s, row.Metric, row.Scope)
	}
	for _, it := range m.Items {
		hi := htmlItem{OrderID: it.OrderID, Channel: strings.ToUpper(it.Fulfillment), OrderDate: htmlDate(it.OrderDate),
			WindowDate: it.KeyDate.String(), Leaves: it.LeavesWindowOn.String()}
		e.Channel = e.Channel || it.Fulfillment != ""
		for _, ev := range it.Events {
			hi.Events = append(hi.Events, htmlEvent{Type: htmlEventType(ev.Type), Date: htmlDate(ev.Date), Status: ev.Status})
		}
		e.Items = append(e.Items, hi)
	}
	return e
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

func htmlForecastOf(f *health.Forecast, wd metricWords) *htmlForecast {
	goal := string(f.Op) + " " + Limit(f.Line)
	switch f.Goal {
	case "target":
		goal += " (the target)"
	case "pass":
		goal += " (out of the warn band)"
	}
	hf := &htmlForecast{Goal: goal, Reason: f.Reason}
	if f.RecoversOn != nil {
		hf.Recover = f.RecoversOn.String() + ", if nothing new goes wrong and " + wd.population + " keep coming at " +
			strconv.FormatFloat(f.DailyOrders, 'f', 1, 64) + " a day"
	} else {
		hf.Recover = "no date"
	}
	if f.CleanOrdersNeeded != nil {
		hf.Clean = plural(*f.CleanOrdersNeeded, "more clean "+strings.TrimSuffix(wd.population, "s"), "more clean "+wd.population) +
			" in today's window"
	} else {
		hf.Clean = "no number of clean " + wd.population + " would be enough"
	}
	return hf
}

func htmlDate(d civil.Date) string {
	if d == 0 {
		return "–"
	}
	return d.String()
}

// htmlEventType names an event: "A-to-z claim", "late shipment".
func htmlEventType(t string) string {
	if l, ok := kindLabels[t]; ok {
		return l
	}
	return strings.ReplaceAll(t, "_", " ")
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
	MaxY    string // baseline of the maximum's label
	LegendY string // baseline of the legend
	LegendL string // y of the legend's line samples
	Gaps    bool   // some dates have no value
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
		LegendY: htmlCoord(htmlHeight - 8), LegendL: htmlCoord(htmlHeight - 12),
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
		if v, ok := p.Value(); ok {
			high = math.Max(high, v)
		}
	}
	t := s.Threshold
	if t.Op != "" {
		high = math.Max(high, math.Max(t.Value, t.WarnAt))
	}
	top := htmlAxisMax(high)
	c.YMax = Limit(top)
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
		v, ok := p.Value()
		if !ok {
			pen = false
			c.Gaps = true
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
		c.Points = append(c.Points, htmlPoint{X: px, Y: py, Title: p.AsOf.String() + ": " + percent(v) + " (" +
			strconv.Itoa(p.Numerator) + " / " + strconv.Itoa(p.Denominator) + ") " + statusWord(p.Status)})
	}
	c.Path = path.String()
	if t.Op != "" {
		c.Target = &htmlLine{Y: htmlCoord(y(t.Value)), Label: "target " + string(t.Op) + " " + Limit(t.Value)}
		c.Warn = &htmlLine{Y: htmlCoord(y(t.WarnAt)), Label: "warn line " + Limit(t.WarnAt)}
	}
	c.Desc = "Daily rate from " + c.First + " to " + c.Last + ", on an axis from 0% to " + c.YMax + "."
	if c.Target != nil {
		c.Desc += " Dashed: the " + c.Target.Label + ". Dotted: the " + c.Warn.Label + "."
	}
	if c.Gaps {
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
