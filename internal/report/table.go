package report

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// MaxLine bounds one physical line, so a file without line breaks cannot
// exhaust memory.
const MaxLine = 1 << 20

// Table is one report file positioned after its header row. Rows come from
// Next; Get reads a column by canonical name.
type Table struct {
	File   string
	Spec   *Spec
	Header []string       // header cells as written (trimmed)
	Cols   map[string]int // canonical column name -> field index
	Delim  byte

	lines  *lineReader
	hdrEnd int // physical line of the header row
	line   int // physical line of the last row returned
	closer io.Closer
	// rowsRead counts the data rows handed out, for the inputs list.
	rowsRead int
}

// Line is the physical line of the last row Next returned.
func (t *Table) Line() int { return t.line }

// Has says whether the file has the column.
func (t *Table) Has(col string) bool { _, ok := t.Cols[col]; return ok }

// Get returns the trimmed value of col in row, "" if the file lacks the
// column or the row is short (real exports drop trailing empty fields).
func (t *Table) Get(row []string, col string) string {
	i, ok := t.Cols[col]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// Errorf places an error at the current row and the column col.
func (t *Table) Errorf(col string, format string, args ...any) *InputError {
	e := &InputError{File: t.File, Line: t.line, Msg: fmt.Sprintf(format, args...)}
	if i, ok := t.Cols[col]; ok {
		e.Column = i + 1
		e.Name = t.Header[i]
	}
	return e
}

// Next returns the next non-blank row of an unquoted file, or io.EOF.
// Fields are split on the delimiter alone: Amazon's flat files are never
// quoted and their values contain literal '"'.
func (t *Table) Next() ([]string, error) {
	for {
		b, err := t.lines.next()
		if err != nil {
			return nil, t.ioErr(err)
		}
		t.line = t.lines.n
		if !utf8.Valid(b) {
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		row := strings.Split(string(b), string(t.Delim))
		if !blank(row) {
			return row, nil
		}
	}
}

func (t *Table) ioErr(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	return &InputError{File: t.File, Line: t.lines.n + 1, Msg: err.Error()}
}

// Close releases the file.
func (t *Table) Close() error {
	if t.closer != nil {
		return t.closer.Close()
	}
	return nil
}

func blank(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// lineReader yields physical lines without their "\n" or "\r\n".
type lineReader struct {
	br   *bufio.Reader
	n    int // lines read so far
	file string
	buf  []byte
}

func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		l.buf = append(l.buf, chunk...)
		if len(l.buf) > MaxLine {
			return nil, &InputError{File: l.file, Line: l.n + 1, Msg: fmt.Sprintf("line longer than %d bytes: not a report", MaxLine)}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(l.buf) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		l.n++
		b := bytes.TrimSuffix(l.buf, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		return b, nil
	}
}

// openTable opens path, skips a byte-order mark, reads the header row and
// recognises the report. A gzip file (by its magic bytes) is read through.
func openTable(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, &InputError{File: path, Msg: "broken gzip stream: " + err.Error()}
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	lr := &lineReader{br: br, file: path}
	var head []byte
	for {
		b, err := lr.next()
		if err == io.EOF {
			f.Close()
			return nil, &UnrecognisedError{File: path, Reason: "empty file"}
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		if len(bytes.TrimSpace(b)) > 0 {
			head = append([]byte(nil), b...)
			break
		}
	}
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(head) && !looksText(head) {
		f.Close()
		return nil, &UnrecognisedError{File: path, Reason: "binary content"}
	}
	delim := byte(',')
	if bytes.IndexByte(head, '\t') >= 0 {
		delim = '\t'
	} else if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		delim = ';'
	}
	cells := splitHeader(string(head), delim)
	spec, cols, why := detect(cells)
	if spec == nil {
		f.Close()
		return nil, &UnrecognisedError{File: path, Reason: why}
	}
	t := &Table{File: path, Spec: spec, Header: cells, Cols: cols, Delim: delim, lines: lr, hdrEnd: lr.n, closer: f}
	if missing := spec.missing(cols); len(missing) > 0 {
		f.Close()
		return nil, &MissingColumnsError{File: path, Kind: spec.Kind, Missing: missing}
	}
	return t, nil
}

// splitHeader splits the header row; quotes around a header cell are dropped.
func splitHeader(s string, delim byte) []string {
	cells := strings.Split(s, string(delim))
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if len(c) >= 2 && c[0] == '"' && c[len(c)-1] == '"' {
			c = strings.ReplaceAll(c[1:len(c)-1], `""`, `"`)
		}
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// looksText accepts single-byte encoded text (Windows-1252, Latin-1):
// no control bytes other than tab.
func looksText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' {
			return false
		}
	}
	return true
}
