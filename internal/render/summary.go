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
		if m.Fulfillment != "" {
			name += " " + m.Fulfillment
		}
		v, ok := m.Value()
		if !ok {
			parts = append(parts, name+" no data")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s (%d/%d) %s", name, percent(v), m.Numerator, m.Denominator, m.Status))
	}
	extra := ""
	if n := len(r.Unmatched); n > 0 {
		extra = fmt.Sprintf("; %d unmatched defect(s)", n)
	}
	fmt.Fprintf(w, "audit %s: %s as of %s: %s%s\n", r.Command, statusWord(r.Status), r.AsOf, strings.Join(parts, ", "), extra)
}
