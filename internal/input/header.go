package input

import (
	"bytes"
	"reflect"
	"strings"
)

// Normalize turns a header cell into the key the alias tables use:
// lower case, trimmed, with '_', '-' and spaces interchangeable (all become
// '-', runs collapse), surrounding quotes and a stray byte-order mark removed.
func Normalize(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	h = strings.TrimSpace(h)
	h = strings.Trim(h, `"'`)
	h = strings.ToLower(strings.TrimSpace(h))
	var b strings.Builder
	b.Grow(len(h))
	dash := false
	for _, r := range h {
		if r == '_' || r == '-' || r == ' ' || r == '\t' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Column is one column a report kind knows: its canonical name and the other
// header names (any case, '_'/'-'/space interchangeable) that mean it.
type Column struct {
	Name    string
	Aliases []string
}

// resolve maps each canonical column name to its index in the normalized
// header (first match wins), and says which header cells belong to the kind.
// User mappings (--column kind.column=Header) come first, so a user's
// header wins over a built-in alias that happens to match another column.
func resolve(cols []Column, norm []string, user map[string][]string) (idx map[string]int, known int) {
	idx = make(map[string]int, len(cols))
	for _, c := range cols {
		keys := append(append([]string{}, user[c.Name]...), Normalize(c.Name))
		keys = append(keys, c.Aliases...)
		for _, k := range keys {
			k = Normalize(k)
			for i, h := range norm {
				if h == k {
					if _, dup := idx[c.Name]; !dup {
						idx[c.Name] = i
						known++
					}
				}
			}
		}
	}
	return idx, known
}

// repeatedHeader tells a later line of a table that repeats its header
// row: two downloads joined with cat (`cat a.txt b.txt > all.txt`) hold
// the second one's header inside the file. Such a line is skipped, not
// read as a row. A line repeats the header when, split and normalised as
// the header was (splitHeader, Normalize), its cells are the header's; a
// byte-order mark that led the second download is dropped by Normalize.
type repeatedHeader struct {
	raw   []byte   // the header line as read
	norm  []string // its cells, normalised
	first byte     // the first byte that tells it (firstTelling)
	delim byte
	dec   *decoder
}

func newRepeatedHeader(raw []byte, cells []string, delim byte, dec *decoder) *repeatedHeader {
	h := &repeatedHeader{raw: raw, norm: make([]string, len(cells)), first: firstTelling(raw), delim: delim, dec: dec}
	for i, c := range cells {
		h.norm[i] = Normalize(c)
	}
	return h
}

// is says whether the line b (as read, not decoded) repeats the header.
// Most lines are told apart by their first byte, without splitting them.
func (h *repeatedHeader) is(b []byte) bool {
	if h == nil {
		return false
	}
	if bytes.Equal(b, h.raw) {
		return true
	}
	if firstTelling(b) != h.first {
		return false
	}
	cells := splitHeader(h.dec.line(b), h.delim)
	for i := range max(len(cells), len(h.norm)) {
		var c, n string
		if i < len(cells) {
			c = Normalize(cells[i])
		}
		if i < len(h.norm) {
			n = h.norm[i]
		}
		if c != n {
			return false
		}
	}
	return true
}

// firstTelling is the first byte of a line that Normalize keeps, lower
// case: past a UTF-8 byte-order mark, spaces, quotes and separators.
func firstTelling(b []byte) byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for _, c := range b {
		switch {
		case c == ' ' || c == '"' || c == '\'' || c == '\t' || c == '-' || c == '_':
			continue
		case c >= 'A' && c <= 'Z':
			return c + 'a' - 'A'
		}
		return c
	}
	return 0
}

// headerRecord tells a row of a canonical file, decoded into a T, that
// repeats the file's header: every field of T read from a column of the
// file holds that column's header cell (normalised alike).
func headerRecord[T any](t *Table) func(*T) bool {
	type field struct {
		index int
		norm  string
	}
	var fields []field
	typ := reflect.TypeFor[T]()
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		col, ok := t.Cols[f.Tag.Get("csv")]
		if !ok || f.Type.Kind() != reflect.String || col >= len(t.Header) {
			continue
		}
		fields = append(fields, field{i, Normalize(t.Header[col])})
	}
	return func(r *T) bool {
		if len(fields) == 0 {
			return false
		}
		v := reflect.ValueOf(r).Elem()
		for _, f := range fields {
			s := v.Field(f.index).String()
			if firstTelling([]byte(s)) != firstTelling([]byte(f.norm)) || Normalize(s) != f.norm {
				return false
			}
		}
		return true
	}
}
