package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
)

// Summary writes the one-line verdict for stderr when stdout is not a
// terminal, so a CI log never shows only "exit status 1": the failing,
// incomplete and warning entries with their figures (an incomplete one
// with its verdict on the files given), then what the reports lack and
// what was not given, how many passed, had no data or were not computed.
func Summary(w io.Writer, r *health.Report) {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	var parts []string
	for _, st := range []health.Status{health.Fail, health.Incomplete, health.Warn} {
		for _, m := range r.Metrics {
			if m.Status != st {
				continue
			}
			name := m.ID
			if s := shortScope(m); s != "" {
				name += " " + s
			}
			figures := fmt.Sprintf("%d/%d", m.Numerator, m.Denominator)
			if st == health.Incomplete {
				figures += ", " + partialText(m.Partial)
			}
			parts = append(parts, fmt.Sprintf("%s %s %s (%s)", statusWord(st), name, rate(m), figures))
		}
	}
	parts = append(parts, missingParts(r.Metrics)...)
	if p := notGivenPhrase(r.Metrics); p != "" {
		parts = append(parts, p)
	}
	count := map[health.Status]int{}
	for _, m := range r.Metrics {
		count[m.Status]++
	}
	parts = append(parts, quietCounts(count)...)
	if n := len(r.Unmatched); n > 0 {
		parts = append(parts, plural(n, "unmatched defect", "unmatched defects"))
	}
	if n := r.Removable(); n > 0 {
		parts = append(parts, plural(n, "removable feedback", "removable feedback"))
	}
	if n := len(r.Risks); n > 0 {
		parts = append(parts, plural(n, "risk", "risks"))
	}
	fmt.Fprintf(w, "audit %s: %s as of %s: %s\n", r.Command, statusWord(r.Status), r.AsOf, strings.Join(parts, "; "))
}

// shortScope is the scope in a few characters: "afn", "10d", "DE",
// "kaufland CZ week", "US projected".
func shortScope(m health.Verdict) string {
	var parts []string
	if m.Fulfillment != "" {
		parts = append(parts, m.Fulfillment)
	}
	if m.WindowDays != 0 {
		parts = append(parts, fmt.Sprintf("%dd", m.WindowDays))
	}
	if namesPlatform(m) {
		parts = append(parts, m.Platform)
	}
	if m.Marketplace != "" {
		parts = append(parts, m.Marketplace)
	}
	if m.Calendar != "" {
		parts = append(parts, m.Calendar)
	}
	if m.Cycle != "" {
		parts = append(parts, m.Cycle)
	}
	return strings.Join(parts, " ")
}

// quietCounts words the entries that need no action, for a summary line:
// "4 passed", "1 no data", "1 not computed".
func quietCounts(count map[health.Status]int) []string {
	var parts []string
	for _, c := range []struct {
		st   health.Status
		word string
	}{{health.Pass, "passed"}, {health.NoData, "no data"}, {health.NotComputed, "not computed"}} {
		if n := count[c.st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c.word))
		}
	}
	return parts
}
