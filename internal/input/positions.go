package input

import (
	"bytes"
	"sync/atomic"
)

// byPosition fills in the standard columns of a fixed-order report (Spec
// Positions: the Feedback report's Date, Rating, Comments, Your Response,
// Order ID, Rater Email) that the header does not name, from their
// places. Names come first: a column found by name is never moved, so a
// layout with other columns among the standard ones (Arrived On Time, Item
// As Described, ...) cannot shift the order id. The places are trusted
// only when the header is the standard layout: every standard column found
// by name sits at its place, and no cell past the standard ones is unknown
// (a column the kind knows, such as Removed, may follow them). cols is the
// header's columns by name (resolve), norm its normalised cells.
func byPosition(positions []string, cols map[string]int, norm []string) {
	if len(norm) < len(positions) {
		return
	}
	taken := map[int]bool{}
	for _, i := range cols {
		taken[i] = true
	}
	for place, name := range positions {
		if i, ok := cols[name]; ok && i != place {
			return // another layout: names only
		}
	}
	for i := len(positions); i < len(norm); i++ {
		if !taken[i] && norm[i] != "" {
			return // a cell past the standard ones that no column names
		}
	}
	for place, name := range positions {
		if _, ok := cols[name]; !ok && !taken[place] {
			cols[name] = place
		}
	}
}

// lineCounter turns byte offsets of one text into line and column numbers
// (1-based, the column in bytes) for messages. It remembers where the last
// question left it, so a sequence of offsets that goes forward, as a
// decoder reading the text does, costs one pass over the text in all,
// however many offsets are asked for: counting newlines from the start for
// each element of a list of a million made a 3 KB gzipped report take
// hours. An offset before the last one asked starts again from the start.
type lineCounter struct {
	data []byte
	off  int // the offset last asked for
	line int // its line, 1-based
	nl   int // the offset of the last newline before off, -1 when none
}

// positionWork counts the bytes every lineCounter looked at, so that tests
// can tell linear work from quadratic without a clock.
var positionWork atomic.Int64

func newLineCounter(data []byte) *lineCounter {
	return &lineCounter{data: data, line: 1, nl: -1}
}

// at is the line and column of data[off]; an offset past the end is at the
// end.
func (c *lineCounter) at(off int) (line, col int) {
	off = min(max(off, 0), len(c.data))
	if off < c.off {
		c.off, c.line, c.nl = 0, 1, -1
	}
	seg := c.data[c.off:off]
	positionWork.Add(int64(len(seg)))
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		c.line += n
		c.nl = c.off + bytes.LastIndexByte(seg, '\n')
	}
	c.off = off
	return c.line, off - c.nl
}
