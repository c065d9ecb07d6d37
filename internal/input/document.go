package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxDocument bounds a JSON document of a kind with Spec.Sniff: a
// platform's API responses saved as files are a few megabytes at most.
const MaxDocument = 64 << 20

// openDocument reads a sniffed JSON document from r (the text after gzip
// and the byte-order mark) whole, as a table of kind spec with no rows:
// spec.Read decodes Table.Doc. Like newTable, it owns s.closer, also when
// it fails.
func openDocument(s stream, r io.Reader, spec *Spec) (*Table, error) {
	fail := func(err error) (*Table, error) {
		if s.closer != nil {
			s.closer.Close()
		}
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxDocument+1))
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) { // a decompression bomb
			return fail(ie)
		}
		return fail(&InputError{File: s.name, Msg: err.Error()})
	}
	if len(data) > MaxDocument {
		return fail(&InputError{File: s.name, Msg: fmt.Sprintf("a JSON document larger than %s: not a %s", byteSize(MaxDocument), spec.Title)})
	}
	return &Table{File: s.name, Spec: spec, Doc: data, closer: s.closer}, nil
}

// sniffJSONKeys says whether sample starts a JSON object (its first
// non-space byte '{') that names every one of keys as a key somewhere in
// it: the Sniff of a JSON document kind.
func sniffJSONKeys(sample []byte, keys ...string) bool {
	b := bytes.TrimLeft(sample, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	for _, k := range keys {
		if !bytes.Contains(sample, []byte(`"`+k+`"`)) {
			return false
		}
	}
	return true
}

// decodeDocument decodes the table's JSON document into v, at most
// maxDocumentValues values (a document of millions of tiny values would
// cost far more memory than its bytes). A syntax
// error or a value of the wrong JSON type is an InputError naming the
// file, the line and the column.
func decodeDocument(t *Table, v any) error {
	if off := jsonValuesPast(t.Doc, maxDocumentValues); off >= 0 {
		line, col := position(t.Doc, off)
		return &InputError{File: t.File, Line: line, Column: col, Msg: fmt.Sprintf("a JSON document of more than %d values: not a %s", maxDocumentValues, t.Spec.Title)}
	}
	if err := json.Unmarshal(t.Doc, v); err != nil {
		return jsonError(t.File, t.Doc, err)
	}
	return nil
}

// maxDocumentValues bounds the values of a JSON document (objects,
// arrays, strings other than keys, numbers, literals): a month of a busy
// Kaufland store's order units is some hundred thousand.
const maxDocumentValues = 4_000_000

// jsonValueAt is the offset of the value at or after off in JSON text,
// past spaces, a colon and a comma: where a decoder's InputOffset after a
// key or an element points, the value it precedes starts.
func jsonValueAt(data []byte, off int) int {
	for off < len(data) && (isJSONSpace(data[off]) || data[off] == ':' || data[off] == ',') {
		off++
	}
	return off
}
