package report

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// decodeCanonical reads a canonical (project-defined) file into typed
// records with gocsv. The header is renamed to canonical column names first,
// so aliases and any mix of case, '-', '_' and spaces map to the struct's
// `csv` tags. fn runs once per non-blank row, with t.Line() on that row.
func decodeCanonical[T any](t *Table, blankRow func(*T) bool, fn func(*T) error) error {
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
	r := csv.NewReader(io.MultiReader(strings.NewReader(hb.String()), t.lines.br))
	r.Comma = rune(t.Delim)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	um, err := gocsv.NewUnmarshaller(r, *new(T))
	if err != nil {
		return &InputError{File: t.File, Line: t.hdrEnd, Msg: err.Error()}
	}
	for {
		v, err := um.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &InputError{File: t.File, Line: t.hdrEnd - 1 + pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
			}
			return &InputError{File: t.File, Line: t.line + 1, Msg: err.Error()}
		}
		line, _ := r.FieldPos(0)
		t.line = t.hdrEnd - 1 + line
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
