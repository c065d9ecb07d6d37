package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// The table on a terminal fits its width (Options.Width; docs/outputs.md,
// "The table"). A table first loses or shortens its less important columns,
// in the order its layout gives (narrowings); then its multi-word column
// heads go on two lines; then its prose columns (details, defects, comments)
// wrap at word boundaries. Prose outside tables wraps the same way, with a
// hanging indent. Nothing is ever cut inside a word: a date, a status or an
// order id stays whole, even if a line must then run past the width. With
// no width (piped, or the width unknown) everything is written as before.

// column is one column of a table that may be narrowed.
type column struct {
	key     string // the head it was created with, to name it in narrowings
	head    string
	numeric bool
	cells   []string // one per row
	prose   bool     // may wrap at word boundaries, as a last resort
}

// narrowing makes a table narrower by one step: it drops a column or
// shortens its cells.
type narrowing func([]column) []column

// dropColumn drops the column key.
func dropColumn(key string) narrowing {
	return func(cs []column) []column {
		out := cs[:0:0]
		for _, c := range cs {
			if c.key != key {
				out = append(out, c)
			}
		}
		return out
	}
}

// shortenColumn replaces the cells of the column key with a shorter form.
func shortenColumn(key string, cells []string) narrowing {
	return func(cs []column) []column {
		for i := range cs {
			if cs[i].key == key {
				cs[i].cells = cells
			}
		}
		return cs
	}
}

// renameColumn gives the column key a shorter head.
func renameColumn(key, head string) narrowing {
	return func(cs []column) []column {
		for i := range cs {
			if cs[i].key == key {
				cs[i].head = head
			}
		}
		return cs
	}
}

// notGivenTwoLines puts a component's "not given" on two lines.
func notGivenTwoLines(cs []column) []column {
	for i, c := range cs {
		cells := make([]string, len(c.cells))
		for r, cell := range c.cells {
			cells[r] = cell
			if cell == notGivenText {
				cells[r] = strings.Replace(cell, " ", "\n", 1)
			}
		}
		cs[i].cells = cells
	}
	return cs
}

// wrapHeads puts each multi-word head on as many lines as it takes to be
// no wider than its column's widest cell (or its longest word). A slash
// stays with the word before it: "DEFECTIVE /", "ORDERS".
func wrapHeads(cs []column) []column {
	for i, c := range cs {
		if !strings.Contains(c.head, " ") {
			continue
		}
		var words []string
		target := 0
		for _, word := range strings.Fields(c.head) {
			if n := len(words); word == "/" && n > 0 {
				words[n-1] += " /"
			} else {
				words = append(words, word)
			}
			target = max(target, twwidth.Width(words[len(words)-1]))
		}
		for _, cell := range c.cells {
			target = max(target, blockWidth(cell))
		}
		var lines []string
		for _, word := range words {
			if n := len(lines); n > 0 && twwidth.Width(lines[n-1])+1+twwidth.Width(word) <= target {
				lines[n-1] += " " + word
				continue
			}
			lines = append(lines, word)
		}
		cs[i].head = strings.Join(lines, "\n")
	}
	return cs
}

// wrapCell wraps a prose cell to width: at its clauses ("; ") where it can,
// each clause (an order's event) starting a line, and within a clause at
// its words, with a hanging indent.
func wrapCell(s string, width int) string {
	var lines []string
	clauses := strings.Split(s, "; ")
	for i, clause := range clauses {
		if i < len(clauses)-1 {
			clause += ";"
		}
		if n := len(lines); n > 0 && twwidth.Width(lines[n-1])+1+twwidth.Width(clause) <= width {
			lines[n-1] += " " + clause
			continue
		}
		lines = append(lines, WrapWords(clause, width, "", "  ")...)
	}
	return strings.Join(lines, "\n")
}

// minProse is the narrowest a prose column is wrapped to.
const minProse = 16

// fitTable writes the columns as WriteTable would, narrowed step by step
// until the table fits width columns; width 0 narrows nothing.
func fitTable(w io.Writer, width int, cols []column, steps ...narrowing) error {
	return writeColumns(w, narrowed(width, cols, steps...))
}

// narrowed is the columns narrowed for fitTable; they may still be wider
// than width (tableWidth says).
func narrowed(width int, cols []column, steps ...narrowing) []column {
	if width > 0 {
		steps = append(steps, wrapHeads)
		for _, narrow := range steps {
			if tableWidth(cols) <= width {
				break
			}
			cols = narrow(cols)
		}
		for i := len(cols) - 1; i >= 0; i-- {
			total := tableWidth(cols)
			if total <= width {
				break
			}
			c := cols[i]
			cw := columnWidth(c)
			target := max(width-(total-cw), minProse)
			if !c.prose || target >= cw {
				continue
			}
			cells := make([]string, len(c.cells))
			for r, cell := range c.cells {
				cells[r] = wrapCell(cell, target)
			}
			cols[i].cells = cells
		}
	}
	return cols
}

// writeColumns writes the columns with WriteTable.
func writeColumns(w io.Writer, cols []column) error {
	header := make([]string, len(cols))
	numeric := make([]bool, len(cols))
	var rows [][]string
	for i, c := range cols {
		header[i], numeric[i] = c.head, c.numeric
		for r, cell := range c.cells {
			if r >= len(rows) {
				rows = append(rows, make([]string, len(cols)))
			}
			rows[r][i] = cell
		}
	}
	return WriteTable(w, header, numeric, rows)
}

// columnsOf makes columns of a header and rows, for fitTable.
func columnsOf(header []string, numeric []bool, rows [][]string) []column {
	cols := make([]column, len(header))
	for i, h := range header {
		cols[i] = column{key: h, head: h, numeric: numeric[i], cells: make([]string, len(rows))}
		for r, row := range rows {
			cols[i].cells[r] = row[i]
		}
	}
	return cols
}

// tableWidth is how wide WriteTable draws the columns: each as wide as its
// widest line, two spaces apart.
func tableWidth(cols []column) int {
	total := 0
	for i, c := range cols {
		if i > 0 {
			total += 2
		}
		total += columnWidth(c)
	}
	return total
}

func columnWidth(c column) int {
	n := blockWidth(c.head)
	for _, cell := range c.cells {
		n = max(n, blockWidth(cell))
	}
	return n
}

// blockWidth is the width of the widest line of s, escape codes left out.
func blockWidth(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, twwidth.Width(l))
	}
	return n
}

// WrapWords breaks s at spaces into lines no wider than width (a longer
// word stays whole, on a line of its own): the first line starts with
// indent, the others with hang.
func WrapWords(s string, width int, indent, hang string) []string {
	var lines []string
	line := indent
	empty := true
	for _, word := range strings.Fields(s) {
		if !empty && twwidth.Width(line)+1+twwidth.Width(word) > width {
			lines = append(lines, line)
			line, empty = hang, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	return append(lines, line)
}

// prose writes a paragraph: as it is with no width, or else wrapped at
// word boundaries with the lines after the first indented two spaces more.
// indent starts the first line; a paragraph with lines of its own (a
// coverage note's "download" line) keeps each line's own extra indent.
func prose(w io.Writer, width int, indent, s string) {
	if width <= 0 {
		fmt.Fprintf(w, "%s%s\n", indent, s)
		return
	}
	for i, part := range strings.Split(s, "\n") {
		trimmed := strings.TrimLeft(part, " ")
		lead := part[:len(part)-len(trimmed)]
		if i == 0 { // a line of its own within s is indented as written, as when piped
			lead = indent + lead
		}
		for _, l := range WrapWords(trimmed, width, lead, lead+"  ") {
			fmt.Fprintln(w, l)
		}
	}
}
