package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// The words every format uses for what the files could not show
// (docs/metrics.md, "Coverage"): an incomplete entry, whose files do not
// cover its window, and a component that was not given, whose count is
// unknown rather than 0.

// notGivenText is a not-given component's cell and its word in running
// text: never 0.
const notGivenText = "not given"

// partialWord is an incomplete entry's verdict on the files given, in
// lower case so that it does not read as a verdict: "fail", "no data".
func partialWord(s health.Status) string {
	if s == health.NoData {
		return "no data"
	}
	return s.String()
}

// partialText says it in words: "fail on these files".
func partialText(s health.Status) string { return partialWord(s) + " on these files" }

// statusText is the status as a word, with an incomplete entry's partial
// verdict beside it: "INCOMPLETE (fail on these files)".
func statusText(v health.Verdict) string {
	if v.Status == health.Incomplete {
		return statusWord(v.Status) + " (" + partialText(v.Partial) + ")"
	}
	return statusWord(v.Status)
}

// rangeText writes a run of days: "2026-09-08..2026-10-16", or the day
// alone.
func rangeText(r records.Range) string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ".." + r.To.String()
}

// rangesText writes runs of days: "A", "A and B", "A, B and C".
func rangesText(rs []records.Range) string { return andList(rangeTexts(rs)) }

// rangeTexts writes each run of days (rangeText), for the caller to join.
func rangeTexts(rs []records.Range) []string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = rangeText(r)
	}
	return parts
}

// andList joins words as prose: "a", "a and b", "a, b and c".
func andList(ws []string) string {
	switch n := len(ws); n {
	case 0:
		return ""
	case 1:
		return ws[0]
	default:
		return strings.Join(ws[:n-1], ", ") + " and " + ws[n-1]
	}
}

// reportsText names the reports to download: "the All Orders report",
// "the shipments file or the VAT invoice data report". The kinds
// themselves when the titles are not known.
func reportsText(c *metrics.Coverage) string {
	names := c.Reports
	if len(names) == 0 {
		names = c.Kinds
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "the " + n
	}
	return strings.Join(parts, " or ")
}

// coverageText says what the files cover of an entry's window and what to
// download: "the files cover 2026-10-17..2026-11-06 of the window
// 2026-09-08..2026-11-06 (by order date); download the All Orders report
// for 2026-09-08..2026-10-16".
func coverageText(c *metrics.Coverage) string {
	covered := "none"
	if len(c.Covered) > 0 {
		covered = rangesText(c.Covered)
	}
	return fmt.Sprintf("the files cover %s of the window %s (by %s); download %s for %s",
		covered, rangeText(c.Needed), c.Field, reportsText(c), rangesText(c.Missing))
}

// noteName is an entry's name in a note about its files: the metric, and
// the window length or store that tell its entries' windows apart ("Late
// Shipment Rate, 10 days"). The ODR's segments share their orders, so
// their name is the metric's.
func noteName(v health.Verdict) string {
	t := metricTitle(v.ID)
	if v.WindowDays != 0 {
		t += ", " + strconv.Itoa(v.WindowDays) + " days"
	}
	if s := storeName(v); s != "" {
		t += ", " + s
	}
	return t
}

// coverageNotes are the notes of a report's incomplete entries, one per
// entry name and coverage (the ODR's three segments give one), in order:
// "Order Defect Rate: the files cover ...; download ... for ...".
func coverageNotes(vs []health.Verdict) []string {
	var out []string
	for _, v := range vs {
		if !v.Uncovered() {
			continue
		}
		if n := noteName(v) + ": " + coverageText(v.Coverage); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// missingParts are, for the one-line summaries, the days each report
// lacks, its entries' missing days merged: "All Orders report missing
// order dates 2026-09-08..2026-10-16".
func missingParts(vs []health.Verdict) []string {
	type lack struct {
		reports string
		field   records.DateField
	}
	var order []lack
	missing := map[lack][]records.Range{}
	for _, v := range vs {
		c := v.Coverage
		if v.Status != health.Incomplete || c.Complete() {
			continue
		}
		names := c.Reports
		if len(names) == 0 {
			names = c.Kinds
		}
		k := lack{strings.Join(names, " or "), c.Field}
		if _, ok := missing[k]; !ok {
			order = append(order, k)
		}
		missing[k] = records.Union(append(missing[k], c.Missing...))
	}
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = k.reports + " missing " + k.field.String() + "s " + rangesText(missing[k])
	}
	return out
}

// componentNouns name the components that can be not given, in a note
// that stands alone: "late invoices", not "late".
var componentNouns = map[string]string{
	"negative_feedback": "negative feedback",
	"a_to_z_claims":     "A-to-z claims",
	"chargebacks":       "chargebacks",
	"missing_invoice":   "missing invoices",
	"late_invoice":      "late invoices",
	"late_response":     "late responses",
	"no_response":       "unanswered messages",
	"invalid_rejection": "invalid rejections",
}

// componentText is a component's count, or "not given".
func componentText(v health.Verdict, key string) string {
	if v.IsNotGiven(key) {
		return notGivenText
	}
	return strconv.Itoa(v.Components.Get(key))
}

// notGivenNouns are the components not given in any of the entries, each
// once, in order: ["A-to-z claims", "chargebacks"].
func notGivenNouns(vs []health.Verdict) []string {
	var out []string
	for _, v := range vs {
		for _, k := range v.NotGiven {
			if n := label(componentNouns, k); !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// notGivenPhrase says what the report could not see: "A-to-z claims and
// chargebacks not given"; "" when everything was given.
func notGivenPhrase(vs []health.Verdict) string {
	if ns := notGivenNouns(vs); len(ns) > 0 {
		return andList(ns) + " " + notGivenText
	}
	return ""
}

// notGivenNotes are, per metric, its components not given: "Order Defect
// Rate: A-to-z claims and chargebacks".
func notGivenNotes(vs []health.Verdict) []string {
	var out []string
	for _, g := range groupByID(vs) {
		if ns := notGivenNouns(g); len(ns) > 0 {
			out = append(out, metricTitle(g[0].ID)+": "+andList(ns))
		}
	}
	return out
}

// Headings of the notes, shared by the formats.
const (
	incompleteHead = "Incomplete: no verdict until the files cover the whole window"
	// bracketsNote says what a table's "INCOMPLETE (fail)" means.
	bracketsNote = " (in brackets: the verdict on the files given)"
	notGivenHead = "Not given: no file among the inputs counts them, so they are unknown (not 0) and the rates leave them out"
)

// caveats are what an overall verdict must not hide: how many entries are
// incomplete and (with notComputed) not computed, and what was not given:
// "2 of 9 entries incomplete", "1 of 9 entries not computed",
// "chargebacks not given".
func caveats(vs []health.Verdict, notComputed bool) []string {
	var out []string
	count := map[health.Status]int{}
	for _, v := range vs {
		count[v.Status]++
	}
	if n := count[health.Incomplete]; n > 0 {
		out = append(out, fmt.Sprintf("%d of %d entries incomplete", n, len(vs)))
	}
	if n := count[health.NotComputed]; n > 0 && notComputed {
		out = append(out, fmt.Sprintf("%d of %d entries not computed", n, len(vs)))
	}
	if p := notGivenPhrase(vs); p != "" {
		out = append(out, p)
	}
	return out
}

// caveatNote is the caveats in brackets, after an overall verdict: " (1
// of 9 entries not computed; chargebacks not given)"; "" without any.
func caveatNote(vs []health.Verdict) string {
	if cs := caveats(vs, true); len(cs) > 0 {
		return " (" + strings.Join(cs, "; ") + ")"
	}
	return ""
}
