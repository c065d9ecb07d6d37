package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// decodeCanonical reads a canonical (project-defined) file into typed
// records with gocsv. The header is renamed to canonical column names first,
// so aliases and any mix of case, '-', '_' and spaces map to the struct's
// `csv` tags. fn runs once per non-blank row, with t.Line() on that row; a
// row repeating the header (downloads joined with cat) is skipped.
func decodeCanonical[T any](t *Table, blankRow func(*T) bool, fn func(*T) error) error {
	repeatsHeader := headerRecord[T](t)
	r, in := canonicalCSV(t)
	um, err := gocsv.NewUnmarshaller(r, *new(T))
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return ie
		}
		return &InputError{File: t.File, Line: t.hdrEnd, Msg: err.Error()}
	}
	for {
		v, err := um.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(t, err)
		}
		if err := in.placeRow(r); err != nil {
			return err
		}
		rec := v.(T)
		if blankRow(&rec) || repeatsHeader(&rec) { // a header: downloads joined with cat
			continue
		}
		t.rowsRead++
		if err := fn(&rec); err != nil {
			return err
		}
	}
}

// eachCanonicalRow is decodeCanonical without gocsv and its reflection,
// for the canonical file that holds a row per order (shipments): fn gets
// each row's fields, the slice and its strings shared with the next row
// (fn keeps copies, not the values). cols are the fields the reader uses
// (the file's indices of t.Cols): a row blank in all of them is skipped.
//
// Rows are split line by line, as encoding/csv with LazyQuotes splits
// them (csvFields), without allocating: a line without '"' is cut at the
// delimiter in place. As in decodeCanonical, a row that runs over several
// lines (an unclosed quote) is an error.
func eachCanonicalRow(t *Table, cols []int, fn func(row []string) error) error {
	var buf []byte
	for {
		b, err := t.lines.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return t.ioErr(err)
		}
		t.line = t.lines.n
		if len(b) == 0 {
			continue // encoding/csv skips empty lines
		}
		if t.head.is(b) {
			continue // the header again: downloads joined with cat
		}
		var row []string
		if bytes.IndexByte(b, '"') < 0 {
			row = t.split(b)
		} else {
			if row, buf, err = t.csvFields(b, buf); err != nil {
				return err
			}
		}
		blank := true
		for _, i := range cols {
			if i < len(row) && trim(row[i]) != "" {
				blank = false
				break
			}
		}
		if blank {
			continue
		}
		t.rowsRead++
		if err := fn(row); err != nil {
			return err
		}
	}
}

// csvFields splits a row holding '"' as encoding/csv does with LazyQuotes:
// a field starting with '"' runs to a '"' followed by the delimiter or the
// end of a line ("" inside is one '"'; any other '"' is kept as it is, and
// the value goes on); a '"' inside an unquoted field is kept as it is. The
// values are strings over buf, which is returned for reuse. A quoted value
// still open at the end of the line takes in the next line, as
// encoding/csv does, and the row then spans lines: that is an error naming
// the last line it took in. Past a line break inside a quoted value the row
// may run on MaxLine bytes, no more (an unclosed '"' would take in the rest
// of the file): then the error names where that value's quote opened.
func (t *Table) csvFields(b, buf []byte) ([]string, []byte, error) {
	buf = buf[:0]
	var ends []int // end of each field in buf
	first, last := t.line, t.line
	// q.span is the quoted value that first took in a line break: the row
	// may run on MaxLine bytes from its '"', no more. Offsets (quoteAt.at)
	// count the row's bytes as written: lineAt is where b's line starts.
	var q quoteState
	lineAt, lineLen := int64(0), len(b)
	for {
		if len(b) == 0 || b[0] != '"' {
			// Unquoted: up to the delimiter or the end of the line.
			i := bytes.IndexByte(b, t.Delim)
			if i < 0 {
				buf = append(buf, b...)
				ends = append(ends, len(buf))
				break
			}
			buf = append(buf, b[:i]...)
			ends = append(ends, len(buf))
			b = b[i+1:]
			continue
		}
		q.open = quoteAt{at: lineAt + int64(lineLen-len(b)), line: last, field: len(ends)}
		b = b[1:] // quoted
		for {
			i := bytes.IndexByte(b, '"')
			if i < 0 {
				// Open at the end of the line: the value takes in the line
				// break and the next line (at the end of the file it ends).
				buf = append(buf, b...)
				if t.lines.nl {
					buf = append(buf, '\n')
				}
				if !q.spanning {
					q.spanning, q.spanOpen, q.span = true, true, q.open
				}
				if lineAt += int64(lineLen) + 1; lineAt-q.span.at > MaxLine {
					t.line = first
					return nil, buf, q.tooLong(t, func(l int) int { return l })
				}
				nb, err := t.lines.next()
				if err == io.EOF {
					b = nil
					break
				}
				if err != nil {
					return nil, buf, t.ioErr(err)
				}
				b, last, lineLen = nb, t.lines.n, len(nb)
				continue
			}
			buf = append(buf, b[:i]...)
			b = b[i+1:]
			if len(b) > 0 && b[0] == '"' { // "" is one '"'
				buf = append(buf, '"')
				b = b[1:]
				continue
			}
			if len(b) == 0 || b[0] == t.Delim {
				break
			}
			buf = append(buf, '"') // a lone '"' in a quoted value is kept
		}
		q.closed()
		ends = append(ends, len(buf))
		if len(b) == 0 {
			break
		}
		b = b[1:] // the delimiter
		if len(b) == 0 {
			ends = append(ends, len(buf)) // a last, empty field
			break
		}
	}
	t.line = first
	if last > first {
		return nil, buf, &InputError{File: t.File, Line: first,
			Msg: fmt.Sprintf("a quoted value runs on to line %d: a closing '\"' is missing, or a value holds a line break (rows must sit on one line)", last)}
	}
	return t.fieldStrings(buf, ends), buf, nil
}

// fieldStrings cuts buf at ends into t.fields.
func (t *Table) fieldStrings(buf []byte, ends []int) []string {
	row := t.fields[:0]
	from := 0
	for _, e := range ends {
		row = append(row, unsafeString(buf[from:e]))
		from = e
	}
	t.fields = row
	return row
}

// canonicalCSV is the CSV reader of a canonical file's rows, preceded by
// its header renamed to canonical column names (unused columns get names
// no struct tag has).
func canonicalCSV(t *Table) (*csv.Reader, *csvInput) {
	header := make([]string, len(t.Header))
	for name, i := range t.Cols {
		header[i] = name
	}
	for i := range header {
		if header[i] == "" {
			header[i] = "\x00unused:" + t.Header[i] // never matches a tag
		}
	}
	var hb strings.Builder
	w := csv.NewWriter(&hb)
	w.Comma = rune(t.Delim)
	_ = w.Write(header)
	w.Flush()
	in := &csvInput{r: io.MultiReader(strings.NewReader(hb.String()), t.lines.br), t: t}
	r := csv.NewReader(in)
	r.Comma = rune(t.Delim)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r, in
}

// csvError places an error of reading a canonical file's row.
func csvError(t *Table, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &InputError{File: t.File, Line: t.hdrEnd - 1 + pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{File: t.File, Line: t.line + 1, Msg: err.Error()}
}

// placeRow puts t.Line() on the row r read last. With LazyQuotes an
// unclosed '"' does not fail: the value runs on and silently swallows the
// rows below it. Rows of a canonical file sit on one line each, so a row
// spanning lines is an error.
func (c *csvInput) placeRow(r *csv.Reader) error {
	line, _ := r.FieldPos(0)
	c.t.line = c.physical(line)
	if last := c.lineAt(r.InputOffset() - 1); last > line {
		return &InputError{File: c.t.File, Line: c.t.line,
			Msg: fmt.Sprintf("a quoted value runs on to line %d: a closing '\"' is missing, or a value holds a line break (rows must sit on one line)", c.physical(last))}
	}
	return nil
}

// csvInput feeds the CSV reader of a canonical file. It remembers where the
// line breaks it passed on lie, so that a row running over several physical
// lines can be told (lineAt); it bounds a line to MaxLine bytes and places
// read errors (a broken gzip stream) at their line, as lineReader does.
//
// It also follows the quoting as encoding/csv reads it (with LazyQuotes),
// so as to bound a row that runs over lines: encoding/csv holds a record
// whole, and an unclosed '"' would otherwise take in the rest of the file.
// Past a line break inside a quoted value, the row may grow MaxLine bytes
// from where that value's quote opened (quoteState); then the error names
// that place.
type csvInput struct {
	r      io.Reader
	t      *Table
	off    int64   // bytes read so far
	nls    []int64 // offsets of the '\n' not yet passed by lineAt
	passed int     // '\n' before the offset lineAt was last asked about
	run    int     // bytes since the last '\n'
	q      quoteState
}

func (c *csvInput) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		at := c.off + int64(i)
		nl := c.q.step(b, at, c.t.Delim, c.passed+len(c.nls)+1)
		if c.q.spanning && at-c.q.span.at >= MaxLine {
			return 0, c.q.tooLong(c.t, c.physical)
		}
		if nl {
			c.nls = append(c.nls, at)
			c.run = 0
		} else if c.run++; c.run > MaxLine {
			return 0, &InputError{File: c.t.File, Line: c.physical(c.passed + len(c.nls) + 1),
				Msg: fmt.Sprintf("line longer than %d bytes: not a report", MaxLine)}
		}
	}
	c.off += int64(n)
	if err != nil && err != io.EOF {
		return n, c.t.lines.readErr(err)
	}
	return n, err
}

// quoteState follows CSV quoting byte by byte, as encoding/csv splits
// records with LazyQuotes: a '"' at the start of a field opens a quoted
// value, which a '"' followed by the delimiter or the end of the line
// closes ("" is one '"'; any other '"' is kept and the value goes on); a
// '"' inside an unquoted value is a character.
type quoteState struct {
	state byte // one of the csv* states below
	field int  // 0-based field of the row being passed
	open  quoteAt
	// spanning: a quoted value of this row took in a line break; span is
	// the first that did, spanOpen says it is still open.
	spanning, spanOpen bool
	span               quoteAt
}

// quoteAt is where a quoted value opened: its '"' at byte offset at, on
// line (of the stream), in field (0-based).
type quoteAt struct {
	at          int64
	line, field int
}

const (
	csvFieldStart byte = iota
	csvUnquoted
	csvQuoted
	csvQuote   // a '"' in a quoted value: it ends, is doubled, or is kept
	csvQuoteCR // '"' then '\r': "\r\n" ends the row
)

// step passes byte b at offset at, on line, and says whether it ends a
// line.
func (q *quoteState) step(b byte, at int64, delim byte, line int) bool {
	switch q.state {
	case csvFieldStart:
		switch b {
		case '"':
			q.state, q.open = csvQuoted, quoteAt{at, line, q.field}
		case delim:
			q.field++
		case '\n':
			q.endRow()
			return true
		default:
			q.state = csvUnquoted
		}
	case csvUnquoted:
		switch b {
		case delim:
			q.state = csvFieldStart
			q.field++
		case '\n':
			q.endRow()
			return true
		}
	case csvQuoteCR:
		if b == '\n' {
			q.endRow()
			return true
		}
		q.state = csvQuoted // the '"' and '\r' are kept: b is in the value
		fallthrough
	case csvQuoted:
		switch b {
		case '"':
			q.state = csvQuote
		case '\n':
			if !q.spanning {
				q.spanning, q.spanOpen, q.span = true, true, q.open
			}
			return true
		}
	case csvQuote:
		switch b {
		case '"':
			q.state = csvQuoted // "" is one '"'
		case '\r':
			q.state = csvQuoteCR
		case delim:
			q.closed()
			q.state = csvFieldStart
			q.field++
		case '\n':
			q.endRow()
			return true
		default:
			q.state = csvQuoted // a lone '"' is kept
		}
	}
	return false
}

// closed ends the open quoted value.
func (q *quoteState) closed() {
	if q.spanning && q.span == q.open {
		q.spanOpen = false
	}
}

// endRow starts a new row.
func (q *quoteState) endRow() {
	*q = quoteState{}
}

// tooLong is the error for a row that ran over lines past MaxLine bytes
// from the quote of q.span, placed there.
func (q *quoteState) tooLong(t *Table, physical func(int) int) *InputError {
	e := &InputError{File: t.File, Line: physical(q.span.line), Column: q.span.field + 1,
		Msg: fmt.Sprintf("a quoted value opened here is not closed within %d bytes (an unclosed quote?)", MaxLine)}
	if !q.spanOpen {
		e.Msg = fmt.Sprintf("a quoted value opened here takes in a line break, and its row runs on past %d bytes (an unclosed quote?)", MaxLine)
	}
	if q.span.field < len(t.Header) {
		e.Name = t.Header[q.span.field]
	}
	return e
}

// lineAt is the 1-based line (of the CSV stream) holding byte offset x.
// Offsets asked about must not decrease.
func (c *csvInput) lineAt(x int64) int {
	i := 0
	for i < len(c.nls) && c.nls[i] < x {
		i++
	}
	c.passed += i
	c.nls = c.nls[i:]
	return c.passed + 1
}

// physical turns a line of the CSV stream (whose line 1 is the header row)
// into a line of the file.
func (c *csvInput) physical(line int) int { return c.t.hdrEnd - 1 + line }
