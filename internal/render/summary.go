package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
)

// Summary writes the one-line verdict for stderr when stdout is not a
// terminal, so a CI log never shows only "exit status 1".
func Summary(w io.Writer, r *health.Report) {
	var parts []string
	for _, m := range r.Metrics {
		name := m.ID
		if s := shortScope(m); s != "" {
			name += " " + s
		}
		if v, ok := m.Value(); ok {
			parts = append(parts, fmt.Sprintf("%s %s (%d/%d) %s", name, percent(v), m.Numerator, m.Denominator, statusWord(m.Status)))
			continue
		}
		parts = append(parts, name+" "+statusWord(m.Status))
	}
	extra := ""
	if n := len(r.Unmatched); n > 0 {
		extra = "; " + plural(n, "unmatched defect", "unmatched defects")
	}
	fmt.Fprintf(w, "audit %s: %s as of %s: %s%s\n", r.Command, statusWord(r.Status), r.AsOf, strings.Join(parts, ", "), extra)
}

// shortScope is the scope in a few characters: "afn", "10d", "DE".
func shortScope(m health.Verdict) string {
	var parts []string
	if m.Fulfillment != "" {
		parts = append(parts, m.Fulfillment)
	}
	if m.WindowDays != 0 {
		parts = append(parts, fmt.Sprintf("%dd", m.WindowDays))
	}
	if m.Marketplace != "" {
		parts = append(parts, m.Marketplace)
	}
	return strings.Join(parts, " ")
}
