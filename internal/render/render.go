// Package render writes a health.Report in one output format. Renderers
// compute nothing: every figure comes from the report; they only choose
// words, layout and colour. Each format is one file with its renderers, plus
// one line in formatList. Each renderer draws a copy of its document whose
// strings, which come from the files, are safe to show (clean.go).
package render

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// Options are what a renderer may look at besides the report.
type Options struct {
	Color bool // ANSI colour allowed
	// Details asks for the per-order lists (--details, audit defects): a
	// second section in the table, the list itself in csv.
	Details bool
	// DetailsOnly (audit defects) leaves out the metrics table: only the
	// per-order lists.
	DetailsOnly bool
	// FailOn are the statuses that make the exit code 1 (--fail-on): the
	// JUnit document makes those entries failures and no others, so that
	// it agrees with the exit code. The zero value is --fail-on never.
	FailOn health.FailOn
	// Width is the terminal's width in columns, which the table fits
	// (fit.go); 0 (piped, or the width unknown) leaves it as wide as its
	// cells.
	Width int
	// Title names the account on the HTML page (--title, html.title):
	// the client's or store's name; "" for none.
	Title string
}

// Renderer writes a report to w.
type Renderer func(w io.Writer, r *health.Report, o Options) error

// FleetRenderer writes the audit of many accounts (--accounts).
type FleetRenderer func(w io.Writer, f *health.Fleet, o Options) error

// TrendRenderer writes a trend (audit trend).
type TrendRenderer func(w io.Writer, t *health.Trend, o Options) error

// Format is one output format: its name, its renderers of a report, of
// many accounts (--accounts) and of a trend (audit trend), nil where it has
// none, and what the command needs to know about it.
type Format struct {
	Name   string
	Report Renderer
	Fleet  FleetRenderer
	Trend  TrendRenderer
	// fleet is Fleet in its two steps (fleetwriter.go), for FleetWriter.
	fleet fleetFormat
	// WantsTrend: the format draws the trend of a report, so the command
	// computes it only then.
	WantsTrend bool
	// EmbedsWarnings: the format writes the run's warnings into its own
	// document, so the command need not print them on stderr.
	EmbedsWarnings bool
}

// formatList is every output format. A new output format is its file plus
// one line here.
var formatList = []Format{
	{Name: "table", Report: Table, Fleet: FleetTable, fleet: tableFleet, Trend: TrendTable},
	{Name: "json", Report: JSON, Fleet: FleetJSON, fleet: jsonFleetFormat, Trend: TrendJSON, EmbedsWarnings: true},
	{Name: "csv", Report: CSV, Fleet: CSVFleet, fleet: csvFleet, Trend: TrendCSV},
	{Name: "html", Report: HTML, Fleet: HTMLFleet, fleet: htmlFleet, WantsTrend: true, EmbedsWarnings: true},
	{Name: "markdown", Report: Markdown, Fleet: MarkdownFleet, fleet: markdownFleet},
	{Name: "junit", Report: JUnit, Fleet: JUnitFleet, fleet: junitFleet},
}

// formatNamed is the format called name, or the zero Format.
func formatNamed(name string) Format {
	for _, f := range formatList {
		if f.Name == name {
			return f
		}
	}
	return Format{}
}

// Lookup finds the renderer of an output format.
func Lookup(name string) (Renderer, error) {
	if fn := formatNamed(name).Report; fn != nil {
		return fn, nil
	}
	return nil, fmt.Errorf("unknown output format %q (want %s)", name, strings.Join(Formats(), ", "))
}

// LookupFleet finds the many-accounts renderer of an output format.
func LookupFleet(name string) (FleetRenderer, error) {
	if fn := formatNamed(name).Fleet; fn != nil {
		return fn, nil
	}
	return nil, fmt.Errorf("output format %q cannot show several accounts (want %s)", name,
		strings.Join(formatNames(func(f Format) bool { return f.Fleet != nil }), ", "))
}

// LookupTrend finds the trend renderer of an output format.
func LookupTrend(name string) (TrendRenderer, error) {
	if fn := formatNamed(name).Trend; fn != nil {
		return fn, nil
	}
	return nil, fmt.Errorf("output format %q cannot show a trend (want %s)", name, strings.Join(TrendFormats(), ", "))
}

// Formats lists the output formats of a report, sorted.
func Formats() []string { return formatNames(func(f Format) bool { return f.Report != nil }) }

// TrendFormats lists the output formats of a trend, sorted.
func TrendFormats() []string { return formatNames(func(f Format) bool { return f.Trend != nil }) }

// formatNames lists, sorted, the names of the formats that have what has
// asks for.
func formatNames(has func(Format) bool) []string {
	out := make([]string, 0, len(formatList))
	for _, f := range formatList {
		if has(f) {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// metricOf is the catalog's entry of a metric id: every word a renderer
// says about a metric comes from it. An id the catalog lacks (never given
// by the engine) is shown as itself, with neutral words.
func metricOf(id string) metrics.Metric {
	if m, ok := metrics.Lookup(id); ok {
		return m
	}
	return metrics.Metric{ID: id, Title: id, Short: id, Abbrev: id, KeyedOn: "dates", Counts: "counted", Population: "items"}
}

// metricTitle is the metric's name in prose: "Order Defect Rate".
func metricTitle(id string) string { return metricOf(id).Title }

// cleanWords name one and many members of a metric's population that do
// not count against it: what would bring the rate down (or up) today.
func cleanWords(id string) [2]string {
	m := metricOf(id)
	if m.Clean != ([2]string{}) {
		return m.Clean
	}
	return [2]string{"clean " + strings.TrimSuffix(m.Population, "s"), "clean " + m.Population}
}

// Presentation names of segments and components.

var segmentLabels = map[string]string{
	"all": "All orders",
	"afn": "Amazon-fulfilled (AFN)",
	"mfn": "Seller-fulfilled (MFN)",
}

// componentLabels head the component columns of a one-metric table.
var componentLabels = map[string]string{
	"negative_feedback": "NEG. FEEDBACK",
	"a_to_z_claims":     "A-TO-Z CLAIMS",
	"chargebacks":       "CHARGEBACKS",
	"missing_invoice":   "MISSING",
	"late_invoice":      "LATE",
	"late_response":     "LATE",
	"no_response":       "UNANSWERED",
	"invalid_rejection": "INVALID REJECTIONS",
}

// componentWords name components in running text: "2 negative feedback".
var componentWords = map[string]string{
	"negative_feedback": "negative feedback",
	"a_to_z_claims":     "A-to-z claims",
	"chargebacks":       "chargebacks",
	"missing_invoice":   "missing",
	"late_invoice":      "late",
	"late_response":     "late",
	"no_response":       "unanswered",
	"invalid_rejection": "invalid rejections",
}

var kindLabels = map[string]string{
	"negative_feedback": "negative feedback",
	"a_to_z_claim":      "A-to-z claim",
	"chargeback":        "chargeback",
}

func label(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// percent writes a fraction as a percentage with two decimals.
func percent(v float64) string { return strconv.FormatFloat(v*100, 'f', 2, 64) + "%" }

// valueText writes a figure on its threshold's scale: a rate as a
// percentage, the customer-service rating as a score ("7.45").
func valueText(v float64, t health.Threshold) string {
	if t.Scale > 1 {
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return percent(v)
}

// LimitText writes a target or warn line on its threshold's scale: a
// percentage for a rate, the number itself for a score ("6").
func LimitText(v float64, t health.Threshold) string {
	if t.Scale > 1 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return Limit(v)
}

// Limit writes a threshold value as a short percentage, without float
// noise: 0.01 -> "1%", 0.025 -> "2.5%", 0.009 -> "0.9%"; a fraction that
// is no short decimal (14 of 30 days) to two decimals: "46.67%".
func Limit(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100*1e9)/1e9, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) > 3 {
		s = strconv.FormatFloat(v*100, 'f', 2, 64)
	}
	return s + "%"
}

func statusWord(s health.Status) string {
	switch s {
	case health.NoData:
		return "NO DATA"
	case health.NotComputed:
		return "NOT COMPUTED"
	}
	return strings.ToUpper(s.String())
}

// plural writes "1 defect" / "2 defects".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// scope names what an entry covers besides its metric: a fulfilment
// segment, a window length or a store.
func scope(v health.Verdict) string {
	var parts []string
	if sc := metricOf(v.ID).Scope; v.Fulfillment == "" && sc != "" {
		parts = append(parts, sc)
	}
	if v.Fulfillment != "" {
		parts = append(parts, label(segmentLabels, v.Fulfillment))
	}
	if v.WindowDays != 0 {
		parts = append(parts, strconv.Itoa(v.WindowDays)+" days")
	}
	if s := storeName(v); s != "" {
		parts = append(parts, s)
	}
	switch {
	case v.Calendar != "" && v.Window.From == 0: // a trend's series: a period a date
		parts = append(parts, "calendar "+v.Calendar)
	case v.Calendar == metrics.CalendarWeek:
		parts = append(parts, "week of "+v.Window.From.String())
	case v.Calendar == metrics.CalendarMonth:
		parts = append(parts, v.Window.From.Time().Format("January 2006"))
	}
	if v.Cycle != "" {
		parts = append(parts, v.Cycle)
	}
	return strings.Join(parts, ", ")
}

// storeName names an entry's platform and store: "DE" for an Amazon
// store, "Kaufland DE" or "Allegro" for another platform's.
func storeName(v health.Verdict) string {
	if !namesPlatform(v) {
		return v.Marketplace
	}
	return strings.TrimSpace(PlatformTitle(v.Platform) + " " + v.Marketplace)
}

// namesPlatform says whether an entry's name must say its platform: not
// Amazon's (the default), nor a metric whose title says it ("eBay seller
// level").
func namesPlatform(v health.Verdict) bool {
	return v.Platform != "" && v.Platform != "amazon" && !strings.Contains(metricTitle(v.ID), PlatformTitle(v.Platform))
}

// PlatformTitle is a platform's name as it writes itself: "eBay",
// "Kaufland"; an unknown one as given.
func PlatformTitle(p string) string {
	if t, ok := platformTitles[p]; ok {
		return t
	}
	return p
}

var platformTitles = map[string]string{
	"amazon": "Amazon", "allegro": "Allegro", "cdiscount": "Cdiscount", "ebay": "eBay", "etsy": "Etsy",
	"kaufland": "Kaufland", "walmart": "Walmart", "zalando": "Zalando",
}

// scopeShort is scope abbreviated for a narrow terminal: "MFN, 10d",
// "AFN", "All", "MFN, tracked".
func scopeShort(v health.Verdict) string {
	var parts []string
	if sc := metricOf(v.ID).Scope; v.Fulfillment == "" && sc != "" {
		parts = append(parts, label(shortScopes, sc))
	}
	if v.Fulfillment != "" {
		parts = append(parts, label(shortScopes, label(segmentLabels, v.Fulfillment)))
	}
	if v.WindowDays != 0 {
		parts = append(parts, strconv.Itoa(v.WindowDays)+"d")
	}
	if s := storeName(v); s != "" {
		parts = append(parts, s)
	}
	switch {
	case v.Calendar != "" && v.Window.From == 0:
		parts = append(parts, v.Calendar)
	case v.Calendar == metrics.CalendarWeek:
		parts = append(parts, "wk "+v.Window.From.Time().Format("01-02"))
	case v.Calendar == metrics.CalendarMonth:
		parts = append(parts, v.Window.From.Time().Format("Jan 2006"))
	}
	if v.Cycle != "" {
		parts = append(parts, v.Cycle)
	}
	return strings.Join(parts, ", ")
}

// shortScopes abbreviate the scopes whose words have a usual short form;
// the others stay as they are.
var shortScopes = map[string]string{
	"All orders":                 "All",
	"Amazon-fulfilled (AFN)":     "AFN",
	"Seller-fulfilled (MFN)":     "MFN",
	"Seller-fulfilled":           "MFN",
	"Seller-fulfilled, tracked":  "MFN, tracked",
	"Business orders":            "Business",
	"Buyer messages":             "Messages",
	"Buyer threads":              "Threads",
	"Return requests":            "Returns",
	"Each buyer's latest rating": "Latest rating",
	"Latest answer per order":    "Latest answer",
}

// metricAbbrev is a metric's usual abbreviation (ODR, LSR), for a narrow
// terminal.
func metricAbbrev(id string) string {
	if a := metricOf(id).Abbrev; a != "" {
		return a
	}
	return metricTitle(id)
}

// target writes "< 1%", or "≥ 90% (advisory)".
func target(t health.Threshold) string {
	if t.Op == "" {
		return "-"
	}
	s := string(t.Op) + " " + LimitText(t.Value, t)
	if t.Advisory {
		s += " advisory"
	}
	return s
}

// WantsTrend says whether a format draws the trend of a report (html), so
// the command computes it only then.
func WantsTrend(format string) bool { return formatNamed(format).WantsTrend }

// EmbedsWarnings says whether a format writes the run's warnings into its
// own document (json, html), so the command need not print them on stderr.
func EmbedsWarnings(format string) bool { return formatNamed(format).EmbedsWarnings }
