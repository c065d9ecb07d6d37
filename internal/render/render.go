// Package render writes a health.Report in one output format. Renderers
// compute nothing: every figure comes from the report; they only choose
// words, layout and colour. Each format is one file with a Renderer.
package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
)

// Options are what a renderer may look at besides the report.
type Options struct {
	Color bool // ANSI colour allowed
}

// Renderer writes a report to w.
type Renderer func(w io.Writer, r *health.Report, o Options) error

var formats = map[string]Renderer{}

func registerFormat(name string, fn Renderer) { formats[name] = fn }

// Lookup finds the renderer of an output format.
func Lookup(name string) (Renderer, error) {
	if fn, ok := formats[name]; ok {
		return fn, nil
	}
	return nil, fmt.Errorf("unknown output format %q (want %s)", name, strings.Join(Formats(), ", "))
}

// Formats lists the output formats, sorted.
func Formats() []string {
	var out []string
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Presentation names of metrics, segments and components.
var metricTitles = map[string]string{
	"odr": "Order Defect Rate",
}

func metricTitle(id string) string {
	if t, ok := metricTitles[id]; ok {
		return t
	}
	return id
}

var segmentLabels = map[string]string{
	"all": "All orders",
	"afn": "Amazon-fulfilled (AFN)",
	"mfn": "Seller-fulfilled (MFN)",
}

var componentLabels = map[string]string{
	"negative_feedback": "NEG. FEEDBACK",
	"a_to_z_claims":     "A-TO-Z CLAIMS",
	"chargebacks":       "CHARGEBACKS",
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

// limit writes a threshold value as a short percentage: 0.01 -> "1%", 0.025 -> "2.5%".
func limit(v float64) string { return strconv.FormatFloat(v*100, 'f', -1, 64) + "%" }

func statusWord(s health.Status) string {
	if s == health.NoData {
		return "NO DATA"
	}
	return strings.ToUpper(s.String())
}
