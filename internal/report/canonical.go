package report

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
// `csv` tags. fn runs once per non-blank row, with t.Line() on that row.
func decodeCanonical[T any](t *Table, blankRow func(*T) bool, fn func(*T) error) error {
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
		if blankRow(&rec) {
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
func eachCanonicalRow(t *Table, cols []int, fn func(row []string) error) error {
	r, in := canonicalCSV(t)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header canonicalCSV gave
		return csvError(t, err)
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(t, err)
		}
		if err := in.placeRow(r); err != nil {
			return err
		}
		blank := true
		for _, i := range cols {
			if i < len(row) && strings.TrimSpace(row[i]) != "" {
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
type csvInput struct {
	r      io.Reader
	t      *Table
	off    int64   // bytes read so far
	nls    []int64 // offsets of the '\n' not yet passed by lineAt
	passed int     // '\n' before the offset lineAt was last asked about
	run    int     // bytes since the last '\n'
}

func (c *csvInput) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for b, at := p[:n], c.off; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if c.run += i; c.run > MaxLine {
			return 0, &InputError{File: c.t.File, Line: c.physical(c.passed + len(c.nls) + 1),
				Msg: fmt.Sprintf("line longer than %d bytes: not a report", MaxLine)}
		}
		if i == len(b) {
			break
		}
		c.nls = append(c.nls, at+int64(i))
		c.run = 0
		b, at = b[i+1:], at+int64(i+1)
	}
	c.off += int64(n)
	if err != nil && err != io.EOF {
		return n, c.t.lines.readErr(err)
	}
	return n, err
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
