package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/fatih/color"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/sellerhealth/audit/internal/health"
)

func init() { registerFormat("table", Table) }

// Table writes one section per metric: a header line with the window, then
// one row per entry with the rate, the counts, each component, the target
// and the verdict; then the defects that could not be placed. Colour (PASS
// green, WARN yellow, FAIL red) only when o.Color.
func Table(w io.Writer, r *health.Report, o Options) error {
	pal := newPalette(o.Color)
	for i, group := range groupByID(r.Metrics) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		first := group[0]
		fmt.Fprintf(w, "%s: orders dated %s to %s (%d days), as of %s\n",
			pal.bold(metricTitle(first.ID)), first.Window.From, first.Window.To, first.Window.Days, r.AsOf)
		fmt.Fprintln(w)
		header := []string{"FULFILLMENT", "RATE", "DEFECTIVE / ORDERS"}
		for _, c := range first.Components {
			header = append(header, label(componentLabels, c.Key))
		}
		header = append(header, "TARGET", "STATUS")
		t := newTable(w, len(header))
		t.Header(header)
		for _, m := range group {
			rate := "-"
			if v, ok := m.Value(); ok {
				rate = percent(v)
			}
			row := []string{label(segmentLabels, m.Fulfillment), rate,
				strconv.Itoa(m.Numerator) + " / " + strconv.Itoa(m.Denominator)}
			for _, c := range m.Components {
				row = append(row, strconv.Itoa(c.Count))
			}
			row = append(row, string(m.Threshold.Op)+" "+limit(m.Threshold.Value), pal.status(m.Status))
			if err := t.Append(row); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if n := len(r.Unmatched); n > 0 {
		fmt.Fprintln(w)
		noun := "defects"
		if n == 1 {
			noun = "defect"
		}
		fmt.Fprintf(w, "%d %s not counted: the order is not in any orders report given\n", n, noun)
		t := newTable(w, 3)
		t.Header([]string{"ORDER ID", "DEFECT", "FOUND AT"})
		for _, u := range r.Unmatched {
			if err := t.Append([]string{u.OrderID, label(kindLabels, u.Kind), u.File + ":" + strconv.Itoa(u.Line)}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Overall: %s\n", pal.status(r.Status))
	return nil
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

// newTable is a borderless, left-aligned table with numbers right-aligned,
// readable on a terminal and in a pipe alike.
func newTable(w io.Writer, cols int) *tablewriter.Table {
	align := make([]tw.Align, cols)
	for i := range align {
		align[i] = tw.AlignLeft
	}
	return tablewriter.NewTable(w,
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
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
			},
			Row: tw.CellConfig{Alignment: tw.CellAlignment{Global: tw.AlignLeft, PerColumn: align}},
		}),
	)
}

// palette colours words when colour is on, and is the identity otherwise.
// It builds its own color.Color values with colour forced on or off, so the
// program, not fatih/color's global detection, decides.
type palette struct {
	on                      bool
	green, yellow, red, dim *color.Color
	strong                  *color.Color
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
	return palette{on: on, green: mk(color.FgGreen, color.Bold), yellow: mk(color.FgYellow, color.Bold),
		red: mk(color.FgRed, color.Bold), dim: mk(color.Faint), strong: mk(color.Bold)}
}

func (p palette) bold(s string) string { return p.strong.Sprint(s) }

func (p palette) status(s health.Status) string {
	word := statusWord(s)
	switch s {
	case health.Pass:
		return p.green.Sprint(word)
	case health.Warn:
		return p.yellow.Sprint(word)
	case health.Fail:
		return p.red.Sprint(word)
	}
	return p.dim.Sprint(word)
}
