package render

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// Table writes the report for a person. A report of one metric (audit odr)
// gets one row per entry with a column per component; a report of several
// (audit all) gets one row per entry with the components in words. Then
// what the files do not show (incomplete entries with the days to
// download, components not given), the metrics that could not be computed
// and why, the defects that could not be placed, and the overall verdict.
// Colour (PASS green, WARN yellow, INCOMPLETE magenta, FAIL red) only when
// o.Color; the layout is the same either way.
//
// The forecast of each warning or failing entry follows the table. With
// o.Details the orders counted against each metric follow as a second
// section (detailLists); with o.DetailsOnly (audit defects) they replace the
// metrics table and the forecast.
func Table(w io.Writer, r *health.Report, o Options) error {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	if o.DetailsOnly {
		return detailsOnly(w, r, pal, o.Width)
	}
	groups := groupByID(r.Metrics)
	var err error
	switch len(groups) {
	case 0: // a work list alone (audit risks)
		fmt.Fprintf(w, "%s as of %s\n", pal.bold("What can still go wrong"), r.AsOf)
	case 1:
		err = oneMetric(w, r, groups[0], pal, o.Width)
	default:
		err = manyMetrics(w, r, pal, o.Width)
	}
	if err != nil {
		return err
	}
	width := o.Width
	fittedList(w, width, incompleteHead+bracketsNote, twoLines(withStops(coverageNotes(r.Metrics))))
	fittedList(w, width, notGivenHead, notGivenNotes(r.Metrics))
	fittedList(w, width, "Amazon's own figures (its seller performance report), ours recomputed over its dates", flatLines(amazonNotes(r.Metrics)))
	fittedList(w, width, "Account health: what only Amazon's report tells", accountLines(r.Account))
	forecasts(w, width, r.Metrics)
	odrNotes(w, width, r.Metrics)
	if err := riskList(w, r, width); err != nil {
		return err
	}
	notComputedWidth(w, width, r.Metrics)
	if o.Details {
		if err := detailLists(w, r.Metrics, pal, width); err != nil {
			return err
		}
		// audit feedback, and --details where the list was made: the
		// negative feedback of the ODR window.
		if err := feedbackList(w, r, o); err != nil {
			return err
		}
	}
	return closing(w, r, pal, width)
}

// feedbackList writes audit feedback's work list (feedback.go).
func feedbackList(w io.Writer, r *health.Report, o Options) error {
	if !feedbackShown(r, o) {
		return nil
	}
	fmt.Fprintln(w)
	if len(r.Feedback) == 0 {
		fmt.Fprintln(w, feedbackNone)
		return nil
	}
	header := make([]string, len(feedbackColumns))
	numeric := make([]bool, len(feedbackColumns))
	for i, c := range feedbackColumns {
		header[i] = strings.ToUpper(c)
	}
	numeric[feedbackRating] = true
	cols := columnsOf(header, numeric, feedbackRows(r))
	for i, c := range feedbackColumns {
		cols[i].prose = c == "Comment" || c == "Grounds" || c == "Removable until"
	}
	// Narrower: no order date (the feedback's date is the one that counts);
	// where even then the comments would not fit, a paragraph per feedback.
	cols = narrowed(o.Width, cols, dropColumn("ORDER DATE"))
	if o.Width > 0 && tableWidth(cols) > o.Width {
		lines := feedbackLines(r)
		prose(w, o.Width, "", lines[0])
		for _, l := range lines[1:] {
			prose(w, o.Width, "  ", l)
		}
		return nil
	}
	fmt.Fprintln(w, feedbackHead(r))
	return writeColumns(w, cols)
}

// riskList writes audit risks' work list, nearest deadline first.
func riskList(w io.Writer, r *health.Report, width int) error {
	if r.Risks == nil {
		return nil
	}
	fmt.Fprintln(w)
	if len(r.Risks) == 0 {
		prose(w, width, "", risksNone)
		return nil
	}
	fmt.Fprintf(w, "Risks: %d\n", len(r.Risks))
	cols := columnsOf(riskColumns, make([]bool, len(riskColumns)), riskRows(r))
	cols[0].prose, cols[4].prose = true, true
	return fitTable(w, width, cols)
}

// risksNone says that audit risks found nothing.
const risksNone = "No untracked shipment within its claim period, no return request about to be late."

// riskColumns head the risks list; riskRows are its rows, nearest deadline
// first (as the list is).
var riskColumns = []string{"RISK", "ORDER ID", "DATE", "DEADLINE", "DETAIL"}

func riskRows(r *health.Report) [][]string {
	rows := make([][]string, len(r.Risks))
	for i, k := range r.Risks {
		rows[i] = []string{label(riskLabels, k.Kind), k.OrderID, k.Date.String(), timestampText(k.Deadline), k.Detail}
	}
	return rows
}

// riskLabels name the risks in the table.
var riskLabels = map[string]string{
	"untracked_shipment":        "untracked shipment (A-to-z claims granted)",
	"return_request_unanswered": "return request unanswered",
}

// odrNotes say, under the ODR of all orders (the one entry of all
// orders: no other metric has segments), that its orders can still receive
// feedback (a provisional figure), and what it would be if the removable
// negative feedback were removed (audit feedback lists it).
func odrNotes(w io.Writer, width int, vs []health.Verdict) {
	for _, v := range vs {
		if v.Fulfillment != "all" || v.NotComputed != "" {
			continue
		}
		var notes []string
		if v.FinalOn != nil && v.Denominator > 0 {
			notes = append(notes, "Provisional: these orders can still receive feedback until "+v.FinalOn.String()+".")
		}
		if r, ok := v.IfRemovedValue(); ok && *v.IfRemoved < v.Numerator {
			notes = append(notes, fmt.Sprintf("If the removable negative feedback were removed (audit feedback): %s (%d / %d).",
				valueText(r, v.Threshold), *v.IfRemoved, v.Denominator))
		}
		if len(notes) > 0 {
			fmt.Fprintln(w)
			for _, n := range notes {
				prose(w, width, "", n)
			}
		}
	}
}

// closing writes what every table ends with: the defects that could not be
// placed, and the overall verdict.
func closing(w io.Writer, r *health.Report, pal palette, width int) error {
	if err := unmatched(w, r.Unmatched, width); err != nil {
		return err
	}
	fmt.Fprintln(w)
	// The caveats keep an overall PASS from hiding how much went
	// unaudited or unseen.
	prose(w, width, "", "Overall: "+pal.status(r.Status)+caveatNote(r.Metrics))
	return nil
}

// indentedList writes a blank line, the heading and a colon, then each
// line indented; nothing without lines.
func indentedList(w io.Writer, head string, lines []string) { fittedList(w, 0, head, lines) }

// fittedList is indentedList fitted to width (fit.go): the heading and
// each line wrapped, with a hanging indent.
func fittedList(w io.Writer, width int, head string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w)
	prose(w, width, "", head+":")
	for _, l := range lines {
		prose(w, width, "  ", l)
	}
}

// twoLines puts what to download of each coverage note on a line of its
// own, so that a note fits 120 columns.
func twoLines(notes []string) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = strings.Replace(n, "; download ", ";\n    download ", 1)
	}
	return out
}

// withStops ends each note with a full stop.
func withStops(notes []string) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n + "."
	}
	return out
}

// oneMetric is the layout of a single metric's command.
func oneMetric(w io.Writer, r *health.Report, group []health.Verdict, pal palette, width int) error {
	first := group[0]
	wd := metricOf(first.ID)
	sameWindow := true
	for _, m := range group {
		sameWindow = sameWindow && m.Window == first.Window
	}
	head := fmt.Sprintf("%s, as of %s", pal.bold(metricTitle(first.ID)), r.AsOf)
	if first.Window.Days > 0 && sameWindow {
		head = fmt.Sprintf("%s: %s %s to %s (%d days), as of %s",
			pal.bold(metricTitle(first.ID)), wd.KeyedOn, first.Window.From, first.Window.To, first.Window.Days, r.AsOf)
	}
	prose(w, width, "", head)
	fmt.Fprintln(w)
	var comps metrics.Components
	for _, m := range group {
		if len(m.Components) > len(comps) {
			comps = m.Components
		}
	}
	header := []string{"SCOPE", "RATE", strings.ToUpper(wd.Counts + " / " + wd.Population)}
	if first.Fulfillment != "" { // the ODR's segments
		header[0] = "FULFILLMENT"
	}
	numeric := []bool{false, true, true}
	windowHead := "WINDOW (" + strings.ToUpper(wd.KeyedOn) + ")"
	if !sameWindow {
		header = append(header, windowHead)
		numeric = append(numeric, false)
	}
	for _, c := range comps {
		header = append(header, label(componentLabels, c.Key))
		numeric = append(numeric, true)
	}
	header = append(header, "TARGET", "STATUS")
	numeric = append(numeric, false, false)
	rows := make([][]string, 0, len(group))
	noData := false
	for _, m := range group {
		row := []string{scope(m), rate(m), counts(m)}
		if !sameWindow {
			row = append(row, window(m))
		}
		for _, c := range comps {
			if m.Status == health.NotComputed {
				row = append(row, "-")
				continue
			}
			row = append(row, componentText(m, c.Key))
		}
		row = append(row, target(m.Threshold), pal.statusOf(m))
		rows = append(rows, row)
		noData = noData || m.Status == health.NoData
	}
	// Narrower: the window without its years, the heads on two lines,
	// the scope abbreviated, "not given" on two lines, then no window
	// (fit.go).
	var shortWindows, shortScopes []string
	for _, m := range group {
		shortWindows = append(shortWindows, windowShort(m, false))
		shortScopes = append(shortScopes, scopeShort(m))
	}
	cols := columnsOf(header, numeric, rows)
	if err := fitTable(w, width, cols,
		shortenColumn(windowHead, shortWindows), wrapHeads,
		shortenColumn(header[0], shortScopes), notGivenTwoLines, dropColumn(windowHead)); err != nil {
		return err
	}
	if noData {
		fmt.Fprintln(w)
		prose(w, width, "", "NO DATA: nothing in the window to measure, so no verdict (not a pass).")
	}
	return nil
}

// manyMetrics is the layout of audit all: one table, one row per entry.
// COUNT is always "counted / population", and DETAILS says what was
// counted, since it differs by metric (late orders, valid shipments, ...).
//
// On a terminal narrower than the table (fit.go), DETAILS goes first (COUNT
// says the figures; the metric's own command has the components), then the WINDOW loses its years, then
// what it is keyed on; then SCOPE is abbreviated (MFN, AFN, 10d), then
// METRIC (ODR, LSR), and last the WINDOW goes.
func manyMetrics(w io.Writer, r *health.Report, pal palette, width int) error {
	title := "Account health"
	if r.Marketplace != "" {
		title += " (" + r.Marketplace + ")"
	}
	fmt.Fprintf(w, "%s as of %s\n\n", pal.bold(title), r.AsOf)
	header := []string{"METRIC", "SCOPE", "RATE", "COUNT", "TARGET", "STATUS", "WINDOW", "DETAILS"}
	numeric := []bool{false, false, true, true, false, false, false, false}
	var rows [][]string
	var keyedWindows, shortWindows, shortScopes, abbrevs []string
	for _, m := range r.Metrics {
		var details []string
		if m.Status != health.NotComputed {
			details = detailWords(m)
		}
		rows = append(rows, []string{metricTitle(m.ID), scope(m), rate(m), counts(m), target(m.Threshold),
			pal.statusOf(m), window(m), strings.Join(details, ", ")})
		keyedWindows = append(keyedWindows, windowShort(m, true))
		shortWindows = append(shortWindows, windowShort(m, false))
		shortScopes = append(shortScopes, scopeShort(m))
		abbrevs = append(abbrevs, metricAbbrev(m.ID))
	}
	if width <= 0 {
		return WriteTable(w, header, numeric, rows)
	}
	cols := columnsOf(header, numeric, rows)
	cols[7].prose = true
	// Last, the scope and the target wrap at their words: another
	// platform's entries name it ("Messages, 90d, Allegro PL").
	cols[1].prose, cols[4].prose = true, true
	return fitTable(w, width, cols, dropColumn("DETAILS"),
		shortenColumn("WINDOW", keyedWindows), shortenColumn("WINDOW", shortWindows),
		shortenColumn("SCOPE", shortScopes), shortenColumn("METRIC", abbrevs), dropColumn("WINDOW"))
}

// windowShort is window without the years, "ship-by 11-11..11-20", and
// without what it is keyed on unless keyed: "11-11..11-20". The heading
// says the as-of date, so the years are plain.
func windowShort(m health.Verdict, keyed bool) string {
	if m.Window.Days == 0 {
		return ""
	}
	s := monthDay(m.Window.From) + ".." + monthDay(m.Window.To)
	if yearOf(m.Window.From) != yearOf(m.Window.To) {
		s = m.Window.From.String() + ".." + m.Window.To.String() // across a new year: "05-01..04-30" reads backwards
	}
	if k := metricOf(m.ID).WindowDate.Short; keyed && k != "" {
		s = k + " " + s
	}
	return s
}

// yearOf is d's year.
func yearOf(d civil.Date) int64 { y, _, _ := d.YearMonthDay(); return y }

// monthDay is a date without its year: "11-20".
func monthDay(d civil.Date) string {
	s := d.String()
	if len(s) == len("2026-11-20") {
		return s[5:]
	}
	return s
}

// window writes an entry's window with what it is keyed on:
// "ship-by 2026-11-11..2026-11-20".
func window(m health.Verdict) string {
	if m.Window.Days == 0 {
		return ""
	}
	prefix := ""
	if k := metricOf(m.ID).WindowDate.Short; k != "" {
		prefix = k + " "
	}
	return prefix + m.Window.From.String() + ".." + m.Window.To.String()
}

// notComputed lists the metrics the reports could not produce, grouped by
// reason.
func notComputed(w io.Writer, vs []health.Verdict) error {
	notComputedWidth(w, 0, vs)
	return nil
}

// notComputedWidth is notComputed fitted to width (fit.go).
func notComputedWidth(w io.Writer, width int, vs []health.Verdict) {
	var reasons []string
	titles := map[string][]string{}
	for _, v := range vs {
		if v.Status != health.NotComputed {
			continue
		}
		t := metricTitle(v.ID)
		if _, ok := titles[v.NotComputed]; !ok {
			reasons = append(reasons, v.NotComputed)
		}
		if ts := titles[v.NotComputed]; len(ts) == 0 || ts[len(ts)-1] != t {
			titles[v.NotComputed] = append(ts, t)
		}
	}
	if len(reasons) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Not computed:")
	for _, why := range reasons {
		prose(w, width, "  ", strings.Join(titles[why], ", ")+": "+why)
	}
}

// unmatched lists the defects that could not be placed in a window.
func unmatched(w io.Writer, us []metrics.Unplaced, width int) error {
	if len(us) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	prose(w, width, "", plural(len(us), "defect", "defects")+" not counted: the order is not in any orders report given")
	rows := make([][]string, len(us))
	for i, u := range us {
		rows[i] = []string{u.OrderID, label(kindLabels, u.Kind), u.File + ":" + strconv.Itoa(u.Line)}
	}
	cols := columnsOf([]string{"ORDER ID", "DEFECT", "FOUND AT"}, make([]bool, 3), rows)
	cols[1].prose = true
	return fitTable(w, width, cols)
}

// rate is an entry's rate, or for a rank (eBay's seller level) its
// level's name.
func rate(m health.Verdict) string {
	v, ok := m.Value()
	if !ok {
		return "-"
	}
	if ls := metricOf(m.ID).Levels; m.Numerator >= 0 && m.Numerator < len(ls) {
		return ls[m.Numerator]
	}
	return valueText(v, m.Threshold)
}

// detailWords say what an entry counted: "2 late of 45 orders, ...", or,
// for the buyer messages, what a help-desk lead reads at a glance: "3 late,
// 2 unanswered of 57 messages".
func detailWords(m health.Verdict) []string {
	wd := metricOf(m.ID)
	switch {
	case m.ID == metrics.ContactResponseRate:
		return []string{fmt.Sprintf("%s late, %s unanswered of %s", componentText(m, metrics.ComponentLateResponse),
			componentText(m, metrics.ComponentNoResponse), plural(m.Denominator, "message", "messages"))}
	case m.Threshold.Scale > 1:
		avg := "-"
		if v, ok := m.Value(); ok {
			avg = valueText(v, m.Threshold)
		}
		return []string{fmt.Sprintf("average %s of %s", avg, plural(m.Denominator, "rating", "ratings"))}
	}
	details := []string{strconv.Itoa(m.Numerator) + " " + wd.Counts + " of " + strconv.Itoa(m.Denominator) + " " + wd.Population}
	for _, c := range m.Components {
		details = append(details, label(componentWords, c.Key)+" "+componentText(m, c.Key))
	}
	return details
}

func counts(m health.Verdict) string {
	if m.Status == health.NotComputed {
		return "-"
	}
	if m.Threshold.Scale > 1 { // an average score: how many ratings
		return plural(m.Denominator, "rating", "ratings")
	}
	return strconv.Itoa(m.Numerator) + " / " + strconv.Itoa(m.Denominator)
}

// groupByID splits the verdicts into runs of the same metric id, in order.
func groupByID(vs []health.Verdict) [][]health.Verdict {
	var out [][]health.Verdict
	for _, v := range vs {
		if n := len(out); n > 0 && out[n-1][0].ID == v.ID {
			out[n-1] = append(out[n-1], v)
			continue
		}
		out = append(out, []health.Verdict{v})
	}
	return out
}

// writeTable writes a borderless table: columns two spaces apart, numbers
// right-aligned, no trailing blanks; the same on a terminal and in a pipe.
func WriteTable(w io.Writer, header []string, numeric []bool, rows [][]string) error {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
		if numeric[i] {
			align[i] = tw.AlignRight
		}
	}
	pad := tw.CellPadding{Global: tw.Padding{Left: "", Right: "  ", Overwrite: true}}
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoFormat: tw.Off},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft, PerColumn: align},
				Padding:    pad,
			},
			Row: tw.CellConfig{Alignment: tw.CellAlignment{Global: tw.AlignLeft, PerColumn: align}, Padding: pad},
		}),
	)
	t.Header(header)
	for _, row := range rows {
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		trimmed := strings.TrimRight(line, " \n")
		// With colour, tablewriter ends a line with a reset after the
		// padding: drop the padding before it too.
		// Each coloured cell resets itself, so that reset is dropped too.
		if strings.HasSuffix(trimmed, ansiReset) {
			trimmed = strings.TrimRight(strings.TrimSuffix(trimmed, ansiReset), " ")
		}
		if trimmed == "" && line == "" {
			continue
		}
		if _, err := io.WriteString(w, trimmed+"\n"); err != nil {
			return err
		}
	}
	return nil
}

const ansiReset = "\x1b[0m"

// palette colours words when colour is on, and is the identity otherwise.
// It builds its own color.Color values with colour forced on or off, so the
// program, not fatih/color's global detection, decides.
type palette struct {
	green, yellow, magenta, red, dim, strong *color.Color
}

func newPalette(on bool) palette {
	mk := func(a ...color.Attribute) *color.Color {
		c := color.New(a...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{green: mk(color.FgGreen, color.Bold), yellow: mk(color.FgYellow, color.Bold),
		magenta: mk(color.FgMagenta, color.Bold), red: mk(color.FgRed, color.Bold), dim: mk(color.Faint), strong: mk(color.Bold)}
}

func (p palette) bold(s string) string { return p.strong.Sprint(s) }

func (p palette) status(s health.Status) string {
	word := statusWord(s)
	switch s {
	case health.Pass:
		return p.green.Sprint(word)
	case health.Warn:
		return p.yellow.Sprint(word)
	case health.Incomplete:
		// Neither a verdict nor quiet: a colour of its own between the
		// warning's and the fail's.
		return p.magenta.Sprint(word)
	case health.Fail, health.Error:
		return p.red.Sprint(word)
	}
	return p.dim.Sprint(word)
}

// statusOf is an entry's status cell: the coloured word, and beside an
// incomplete one, in brackets, the verdict its figures give on the files
// given: "INCOMPLETE (fail)". The short form keeps a one-metric table
// within 120 columns; the note under the table says what the brackets
// mean.
func (p palette) statusOf(v health.Verdict) string {
	if v.Status == health.Incomplete {
		return p.status(v.Status) + " (" + partialWord(v.Partial) + ")"
	}
	return p.status(v.Status)
}

// detailsOnly is the layout of audit defects: the per-order lists of every
// metric, the defects that could not be placed, and the overall verdict.
func detailsOnly(w io.Writer, r *health.Report, pal palette, width int) error {
	title := "Orders counted against account health"
	if r.Marketplace != "" {
		title += " (" + r.Marketplace + ")"
	}
	fmt.Fprintf(w, "%s as of %s\n", pal.bold(title), r.AsOf)
	if len(listed(r.Metrics)) == 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "No order counts against any metric.")
	}
	if err := detailLists(w, r.Metrics, pal, width); err != nil {
		return err
	}
	return closing(w, r, pal, width)
}

// listed are the entries whose per-order lists are shown: every entry with
// items, except that the ODR's Amazon- and seller-fulfilled lists are left
// out when its all-orders list is there, since they are parts of it (the
// FULFILLMENT column says which).
func listed(vs []health.Verdict) []health.Verdict {
	hasAll := map[string]bool{}
	for _, v := range vs {
		if v.Fulfillment == "all" && len(v.Items) > 0 {
			hasAll[v.ID] = true
		}
	}
	var out []health.Verdict
	for _, v := range vs {
		if len(v.Items) == 0 || hasAll[v.ID] && v.Fulfillment != "all" {
			continue
		}
		out = append(out, v)
	}
	return out
}

// eventLabels name the events of a per-order list in running text.
var eventLabels = map[string]string{
	"negative_feedback": "negative feedback",
	"a_to_z_claim":      "A-to-z claim",
	"chargeback":        "chargeback",
	"missing_invoice":   "missing invoice",
	"late_invoice":      "late invoice",
}

// listTitle is "Defective orders", "Late shipments, 10 days", "Missing or
// late invoices, DE": the list's name and what tells it from its metric's
// other entries, without the metric's default scope or "All orders".
func listTitle(v health.Verdict) string {
	m := metricOf(v.ID)
	t := m.ListTitle
	if t == "" {
		t = m.Title + ": " + m.Population
	}
	var parts []string
	if v.Fulfillment != "" && v.Fulfillment != "all" {
		parts = append(parts, label(segmentLabels, v.Fulfillment))
	}
	if v.WindowDays != 0 {
		parts = append(parts, strconv.Itoa(v.WindowDays)+" days")
	}
	if v.Marketplace != "" {
		parts = append(parts, v.Marketplace)
	}
	if len(parts) > 0 {
		t += ", " + strings.Join(parts, ", ")
	}
	return t
}

// detailLists writes, per listed entry, a heading with the number of orders
// and one row per order: its id and date, its channel (ODR), the date that
// places it in the window where that is not the order date, what made it
// count, and the first as-of date on which it no longer counts.
func detailLists(w io.Writer, vs []health.Verdict, pal palette, width int) error {
	for _, v := range listed(vs) {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%s: %d\n", pal.bold(listTitle(v)), len(v.Items))
		withChannel := v.Fulfillment == "all"
		dateHead := strings.ToUpper(strings.ReplaceAll(metricOf(v.ID).WindowDate.Short, "-", " ")) // "SHIP BY"
		withDate := dateHead != ""
		if !withDate {
			for _, it := range v.Items {
				if it.KeyDate != it.OrderDate {
					dateHead, withDate = "WINDOW DATE", true
					break
				}
			}
		}
		header := []string{"ORDER ID", "ORDER DATE"}
		if withChannel {
			header = append(header, "FULFILLMENT")
		}
		if withDate {
			header = append(header, dateHead)
		}
		header = append(header, "DEFECTS", "LEAVES WINDOW ON")
		rows := make([][]string, len(v.Items))
		for i, it := range v.Items {
			row := []string{it.OrderID, dateOrDash(it.OrderDate)}
			if withChannel {
				row = append(row, strings.ToUpper(it.Fulfillment))
			}
			if withDate {
				row = append(row, dateOrDash(it.KeyDate))
			}
			rows[i] = append(row, eventsText(it.Events), it.LeavesWindowOn.String())
		}
		cols := columnsOf(header, make([]bool, len(header)), rows)
		cols[len(cols)-2].prose = true // DEFECTS
		// Narrower: the channel's head as in the feedback list, then the
		// heads on two lines, then the defects wrapped (fit.go).
		if err := fitTable(w, width, cols, renameColumn("FULFILLMENT", "CHANNEL")); err != nil {
			return err
		}
	}
	return nil
}

func dateOrDash(d civil.Date) string {
	if d == 0 {
		return "-"
	}
	return d.String()
}

// eventsText writes an order's events: "negative feedback 2026-11-02
// (rating 2); A-to-z claim 2026-11-03 (granted)".
func eventsText(es []metrics.Event) string {
	parts := make([]string, len(es))
	for i, e := range es {
		s, ok := eventLabels[e.Type]
		if !ok {
			s = strings.ReplaceAll(e.Type, "_", " ")
		}
		if e.Date != 0 {
			s += " " + e.Date.String()
		}
		if e.Status != "" {
			s += " (" + e.Status + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, "; ")
}

// forecasts writes one line per entry with a forecast: when it meets its
// goal if nothing new goes wrong, and what would meet it today.
func forecasts(w io.Writer, width int, vs []health.Verdict) {
	var lines []string
	for _, v := range vs {
		if v.Forecast != nil {
			lines = append(lines, forecastLine(v))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Forecast:")
	for _, l := range lines {
		prose(w, width, "  ", l)
	}
}

// opWords say a comparison in words: "under", "at or over".
var opWords = map[health.Op]string{
	health.Less:         "under",
	health.LessEqual:    "at or under",
	health.Greater:      "over",
	health.GreaterEqual: "at or over",
}

// forecastLine is "Order Defect Rate, Seller-fulfilled (MFN): under 1% on
// 2027-01-19 if no new defects arrive (about 1.6 orders a day); 5 more
// defect-free orders would bring it under 1% today." A part the forecast
// could not give is left out, and its reason said instead.
func forecastLine(v health.Verdict) string {
	f := v.Forecast
	name := metricTitle(v.ID)
	if s := scope(v); s != "" {
		name += ", " + s
	}
	goal := opWords[f.Op] + " " + Limit(f.Line)
	if f.Goal == "pass" {
		goal = "out of the warn band (" + goal + ")"
	}
	var parts []string
	if f.RecoversOn != nil {
		parts = append(parts, fmt.Sprintf("%s on %s if no new defects arrive (about %s %s a day)",
			goal, f.RecoversOn, strconv.FormatFloat(f.DailyOrders, 'f', 1, 64), metricOf(v.ID).Population))
	}
	if n := f.CleanOrdersNeeded; n != nil {
		cw := cleanWords(v.ID)
		parts = append(parts, fmt.Sprintf("%s would bring it %s today", plural(*n, "more "+cw[0], "more "+cw[1]), goal))
	}
	if (f.RecoversOn == nil || f.CleanOrdersNeeded == nil) && f.Reason != "" {
		parts = append(parts, f.Reason)
	}
	return name + ": " + strings.Join(parts, "; ") + "."
}
