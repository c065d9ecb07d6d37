package render

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// Markdown writes one report as GitHub-flavoured markdown for a
// pull-request comment or a chat message: a heading with the verdict (and
// what it does not cover), one table row per metric entry, then what the
// files do not show (incomplete entries with the days to download,
// components not given), the forecasts, what could not be computed and
// why, audit feedback's and audit risks' work lists, and how many defects
// could not be placed.
func Markdown(w io.Writer, r *health.Report, o Options) error {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	var b strings.Builder
	title := "Account health"
	if groups := groupByID(r.Metrics); len(groups) == 1 {
		title = mdEscape(metricTitle(groups[0][0].ID))
	}
	if r.Marketplace != "" {
		title += " (" + mdEscape(r.Marketplace) + ")"
	}
	if len(r.Metrics) == 0 { // a work list alone (audit risks), as the table heads it
		fmt.Fprintf(&b, "### What can still go wrong as of %s\n", r.AsOf)
	} else {
		fmt.Fprintf(&b, "### %s as of %s: %s\n\n", title, r.AsOf, statusWord(r.Status))
		if cs := caveats(r.Metrics, false); len(cs) > 0 { // not computed: its own list below
			fmt.Fprintf(&b, "%s.\n\n", mdEscape(upperFirst(strings.Join(cs, "; "))))
		}
		rows := make([][]string, len(r.Metrics))
		for i, m := range r.Metrics {
			rows[i] = []string{mdEscape(metricTitle(m.ID)), mdEscape(scope(m)), rate(m), counts(m), target(m.Threshold), mdVerdict(m)}
		}
		mdTable(&b, []string{"Metric", "Scope", "Rate", "Count", "Target", "Status"}, []bool{false, false, true, true, false, false}, rows)
	}
	mdList(&b, "Incomplete: no verdict until the files cover the window", escapeAll(withStops(coverageNotes(r.Metrics))))
	mdList(&b, "Not given: unknown, not 0, and left out of the rates", escapeAll(notGivenNotes(r.Metrics)))
	mdNested(&b, "Amazon's own figures, ours recomputed over its dates", amazonNotes(r.Metrics))
	mdList(&b, "Account health: what only Amazon's report tells", escapeAll(accountLines(r.Account)))

	var fc []string
	for _, m := range r.Metrics {
		if m.Forecast != nil {
			fc = append(fc, mdEscape(forecastLine(m)))
		}
	}
	mdList(&b, "Forecast", fc)
	mdList(&b, "Not computed", mdNotComputed(r.Metrics))
	mdFeedback(&b, r, o)
	mdRisks(&b, r)
	if n := len(r.Unmatched); n > 0 {
		fmt.Fprintf(&b, "\n%s not counted: the order is not in any orders report given.\n", plural(n, "defect", "defects"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MarkdownFleet writes the audit of many accounts as one summary table: an
// account per row, its worst status, and a column per metric entry with
// the rate and an emoji. An account that could not be read shows its error
// in the status cell. Short notes per account follow: what was not
// computed, defects not placed, Amazon's figures that differ and what only
// Amazon knows that does not pass; an AHR column when an account has
// Amazon's Account Health Rating.
func MarkdownFleet(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(markdownFleet)(w, f, o)
}

// markdownFleet is MarkdownFleet in two steps (fleetwriter.go): it draws
// from the accounts' summaries alone, so an account has no part.
var markdownFleet = fleetFormat{finish: markdownFleetFinish}

func markdownFleetFinish(w io.Writer, f *health.Fleet, _ *fleetParts, _ Options) error {
	f = safeCopy(f) // text from the files, safe to show (clean.go)
	var b strings.Builder
	fmt.Fprintf(&b, "### Account health of %s as of %s: %s\n\n", plural(len(f.Accounts), "account", "accounts"), f.AsOf, statusWord(f.Status))

	// One column per entry: the metric with its segment or window length.
	// Per-store entries (invoice defect rate) of different accounts share
	// their column, the store written in the cell.
	type column struct {
		key, head string
	}
	var cols []column
	seen := map[string]bool{}
	for _, a := range f.Accounts {
		if a.Summary == nil {
			continue
		}
		for _, m := range a.Summary.Metrics {
			if k := mdColumnKey(m); !seen[k] {
				seen[k] = true
				cols = append(cols, column{k, mdColumnHead(m)})
			}
		}
	}
	header := []string{"Account", "Status"}
	numeric := []bool{false, false}
	withAHR := fleetHasAHR(f)
	if withAHR {
		header = append(header, "AHR")
		numeric = append(numeric, false)
	}
	first := len(header) // the first metric column
	for _, c := range cols {
		header = append(header, c.head)
		numeric = append(numeric, true)
	}
	var rows [][]string
	var notes []string
	for _, a := range f.Accounts {
		row := make([]string, len(header))
		row[0] = mdEscape(a.Name)
		r := a.Summary
		if r == nil {
			row[1] = mdStatus(health.Error) + ": " + mdEscape(a.Error)
			rows = append(rows, row)
			continue
		}
		row[1] = mdStatus(r.Status)
		if withAHR {
			row[2] = "➖"
			if c, ok := ahrOfSummary(r); ok {
				row[2] = strings.TrimSpace(mdStatus(c.Status) + " " + mdEscape(ahrText(c)))
			}
		}
		cells := map[string][]string{}
		for _, m := range r.Metrics {
			cell := mdEmoji(m.Status)
			if _, ok := m.Value(); ok {
				cell = rate(m) + " " + cell
			}
			if s := storeName(m); s != "" { // "DE", "Allegro PL"
				cell = mdEscape(s) + " " + cell
			}
			k := mdColumnKey(m)
			cells[k] = append(cells[k], cell)
		}
		for i, c := range cols {
			row[first+i] = strings.Join(cells[c.key], "<br>")
		}
		rows = append(rows, row)
		if note := mdAccountNote(r); note != "" {
			notes = append(notes, "**"+mdEscape(a.Name)+"**: "+note)
		}
	}
	mdTable(&b, header, numeric, rows)
	var legend []string
	for _, m := range metrics.Figures() {
		for _, c := range cols {
			if strings.HasPrefix(c.key, m.ID+"|") {
				legend = append(legend, m.Abbrev+": "+m.Title)
				break
			}
		}
	}
	if len(legend) > 0 {
		fmt.Fprintf(&b, "\n%s.\n", strings.Join(legend, "; "))
	}
	if fleetHas(f, health.Incomplete) {
		fmt.Fprintf(&b, "\n%s INCOMPLETE: the files do not cover the window; the notes say what to download.\n", mdEmoji(health.Incomplete))
	}
	mdList(&b, "Notes", notes)
	_, err := io.WriteString(w, b.String())
	return err
}

func mdColumnKey(m health.Verdict) string {
	return m.ID + "|" + m.Fulfillment + "|" + strconv.Itoa(m.WindowDays)
}

// mdColumnHead is an entry's column head (entryHead), escaped.
func mdColumnHead(m health.Verdict) string { return mdEscape(entryHead(m)) }

// entryHead is an entry's column head in the many-accounts markdown and
// HTML: its metric's abbreviation, its segment and window length ("ODR",
// "ODR AFN", "LSR 10d", "CR").
func entryHead(m health.Verdict) string {
	h := metricOf(m.ID).Abbrev
	if m.Fulfillment != "" && m.Fulfillment != "all" {
		h += " " + strings.ToUpper(m.Fulfillment)
	}
	if m.WindowDays != 0 {
		h += " " + strconv.Itoa(m.WindowDays) + "d"
	}
	return h
}

// fleetHas says whether an entry of an account of f has status s.
func fleetHas(f *health.Fleet, s health.Status) bool {
	for _, a := range f.Accounts {
		if a.Summary != nil && slices.Contains(a.Summary.Statuses(), s) {
			return true
		}
	}
	return false
}

// mdAccountNote is what the fleet table does not show of an account: its
// incomplete entries and what to download, its components not given,
// what was not computed, and the defects not placed.
func mdAccountNote(r *health.Summary) string {
	var parts []string
	for _, n := range coverageNotes(r.Metrics) {
		parts = append(parts, "incomplete: "+mdEscape(n))
	}
	for _, n := range notGivenNotes(r.Metrics) {
		parts = append(parts, "not given: "+mdEscape(n))
	}
	var nc []string
	for _, m := range r.Metrics {
		if t := mdEscape(metricTitle(m.ID)); m.Status == health.NotComputed && !slices.Contains(nc, t) {
			nc = append(nc, t)
		}
	}
	if len(nc) > 0 {
		parts = append(parts, "not computed: "+strings.Join(nc, ", "))
	}
	if n := r.Unmatched; n > 0 {
		parts = append(parts, plural(n, "defect", "defects")+" not counted (order not in any orders report given)")
	}
	if s := amazonSummary(r.Metrics); s != "" {
		parts = append(parts, "Amazon's figures: "+s)
	}
	for _, l := range accountConcerns(r.Account) {
		parts = append(parts, "account health: "+mdEscape(l))
	}
	return strings.Join(parts, "; ")
}

// mdFeedback writes audit feedback's work list (feedback.go) as a table,
// every cell escaped: the ids and comments come from the files.
func mdFeedback(b *strings.Builder, r *health.Report, o Options) {
	if !feedbackShown(r, o) {
		return
	}
	if len(r.Feedback) == 0 {
		fmt.Fprintf(b, "\n%s\n", feedbackNone)
		return
	}
	fmt.Fprintf(b, "\n**%s**\n\n", feedbackHead(r))
	rows := feedbackRows(r)
	for _, row := range rows {
		for i := range row {
			row[i] = mdEscape(row[i])
		}
	}
	numeric := make([]bool, len(feedbackColumns))
	numeric[feedbackRating] = true
	mdTable(b, feedbackColumns, numeric, rows)
}

// mdRisks writes audit risks' work list as a table, every cell escaped:
// the order ids come from the files.
func mdRisks(b *strings.Builder, r *health.Report) {
	if r.Risks == nil {
		return
	}
	if len(r.Risks) == 0 {
		fmt.Fprintf(b, "\n%s\n", risksNone)
		return
	}
	fmt.Fprintf(b, "\n**Risks: %d**\n\n", len(r.Risks))
	rows := riskRows(r)
	for _, row := range rows {
		for i := range row {
			row[i] = mdEscape(row[i])
		}
	}
	mdTable(b, riskColumns, make([]bool, len(riskColumns)), rows)
}

// mdNotComputed lists, per reason, the metrics that could not be computed.
func mdNotComputed(vs []health.Verdict) []string {
	var reasons []string
	titles := map[string][]string{}
	for _, v := range vs {
		if v.Status != health.NotComputed {
			continue
		}
		t := mdEscape(metricTitle(v.ID))
		ts, ok := titles[v.NotComputed]
		if !ok {
			reasons = append(reasons, v.NotComputed)
		}
		if len(ts) == 0 || ts[len(ts)-1] != t {
			titles[v.NotComputed] = append(ts, t)
		}
	}
	out := make([]string, len(reasons))
	for i, why := range reasons {
		out[i] = strings.Join(titles[why], ", ") + ": " + mdEscape(why)
	}
	return out
}

// mdEmoji marks a status: ✅ pass, ⚠️ warn, ❔ incomplete (no verdict on
// the files given), ❌ fail, ⛔ error, ➖ no data or not computed.
func mdEmoji(s health.Status) string {
	switch s {
	case health.Pass:
		return "✅"
	case health.Warn:
		return "⚠️"
	case health.Incomplete:
		return "❔"
	case health.Fail:
		return "❌"
	case health.Error:
		return "⛔"
	}
	return "➖"
}

// mdStatus is the emoji and the word: "❌ FAIL".
func mdStatus(s health.Status) string { return mdEmoji(s) + " " + statusWord(s) }

// mdVerdict is an entry's status cell, with an incomplete entry's verdict
// on the files given: "❔ INCOMPLETE (fail on these files)".
func mdVerdict(v health.Verdict) string { return mdEmoji(v.Status) + " " + statusText(v) }

// upperFirst capitalises the first letter of a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdTable writes a GitHub table; numeric columns are right-aligned.
func mdTable(b *strings.Builder, header []string, numeric []bool, rows [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for _, n := range numeric {
		if n {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("|")
		for _, c := range r {
			if c == "" {
				b.WriteString(" |")
				continue
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
}

// mdNested is mdList for note groups: each head an item, its lines a
// list under it.
func mdNested(b *strings.Builder, title string, groups []noteGroup) {
	if len(groups) == 0 {
		return
	}
	fmt.Fprintf(b, "\n**%s**\n\n", title)
	for _, g := range groups {
		b.WriteString("- " + mdEscape(g.Head) + "\n")
		for _, l := range g.Sub {
			b.WriteString("  - " + mdEscape(l) + "\n")
		}
	}
}

// escapeAll is mdEscape of each line.
func escapeAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = mdEscape(l)
	}
	return out
}

// mdList writes a bold title and a bullet list, nothing when empty.
func mdList(b *strings.Builder, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n**%s**\n\n", title)
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
}

// mdEscape backslash-escapes, in text that comes from the document (account
// names, reasons, errors, and metric titles too, which are the id itself
// for an id the catalog lacks), what would end a table cell (|) or start markup:
// emphasis, code, links, strikethrough, and < or & only where they could
// open HTML, an autolink or an entity, so "< 1%" stays readable. Line
// breaks become spaces: a cell or a bullet is one line.
func mdEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch c {
		case '\\', '|', '*', '_', '`', '[', ']', '~':
			b.WriteByte('\\')
		case '<':
			if isAlnum(next) || next == '/' || next == '!' || next == '?' {
				b.WriteByte('\\')
			}
		case '&':
			if isAlnum(next) || next == '#' {
				b.WriteByte('\\')
			}
		case '\r':
			if next == '\n' {
				i++
			}
			c = ' '
		case '\n':
			c = ' '
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
