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

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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
	dec    *decoder

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
		row := strings.Split(t.dec.line(b), string(t.Delim))
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
	return t.lines.readErr(err)
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
	gz   bool // the file is gzip-compressed
	// tooLong is set when next failed on a line longer than MaxLine.
	tooLong bool
}

// next returns the next line, io.EOF at the end, or an *InputError naming
// the file and line (a line longer than MaxLine, a broken gzip stream).
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		l.buf = append(l.buf, chunk...)
		if len(l.buf) > MaxLine {
			l.tooLong = true
			return nil, &InputError{File: l.file, Line: l.n + 1, Msg: fmt.Sprintf("line longer than %d bytes: not a report", MaxLine)}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, l.readErr(err)
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

// readErr places a read error (a broken gzip stream, an I/O error) at the
// line being read.
func (l *lineReader) readErr(err error) *InputError {
	msg := err.Error()
	if l.gz {
		msg = "broken gzip stream: " + msg
	}
	return &InputError{File: l.file, Line: l.n + 1, Msg: msg}
}

// openTable opens path with the default options.
func openTable(path string) (*Table, error) { return openTableWith(path, Options{}) }

// openTableWith opens path, skips a byte-order mark, picks the text
// encoding, reads the header row and recognises the report. A gzip file (by
// its magic bytes) is read through.
func openTableWith(path string, opt Options) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	gz := false
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, &InputError{File: path, Msg: "broken gzip stream: " + err.Error()}
		}
		br = bufio.NewReaderSize(zr, 64<<10)
		gz = true
	}
	enc := opt.Encoding
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
		if enc == "" || enc == EncodingAuto {
			enc = EncodingUTF8
		}
	} else if bom, _ := br.Peek(2); bytes.Equal(bom, []byte("\xff\xfe")) || bytes.Equal(bom, []byte("\xfe\xff")) {
		// UTF-16, as Excel's "Unicode text" saves a report: turned into
		// UTF-8 as it streams.
		br = bufio.NewReaderSize(transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()), 64<<10)
		enc = EncodingUTF8
	}
	sample, _ := br.Peek(64 << 10)
	dec := newDecoder(enc, sample)
	lr := &lineReader{br: br, file: path, gz: gz}
	var head []byte
	for {
		b, err := lr.next()
		if err == io.EOF {
			f.Close()
			return nil, &UnrecognisedError{File: path, Reason: "empty file"}
		}
		if err != nil {
			f.Close()
			if lr.tooLong {
				// No report has a header row that long: a minified JSON
				// file or an archive in the folder, not a broken report.
				return nil, &UnrecognisedError{File: path, Reason: fmt.Sprintf("line %d is longer than %d bytes", lr.n+1, MaxLine)}
			}
			return nil, err
		}
		if len(bytes.TrimSpace(b)) > 0 {
			head = append([]byte(nil), b...)
			break
		}
	}
	if !looksText(head) { // NUL or other control bytes: not text
		f.Close()
		return nil, &UnrecognisedError{File: path, Reason: "binary content"}
	}
	delim := byte(',')
	if bytes.IndexByte(head, '\t') >= 0 {
		delim = '\t'
	} else if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		delim = ';'
	}
	if cr := bytes.IndexByte(head, '\r'); cr >= 0 {
		// Lines ending in a lone CR (classic Mac, old Excel "CSV
		// (Macintosh)") read as one line: the rows would vanish into the
		// header. When the text before the CR is a report's header, say so.
		if spec, _, _ := detect(splitHeader(dec.line(head[:cr]), delim)); spec != nil {
			f.Close()
			return nil, &InputError{File: path, Line: lr.n, Msg: "lines end in a lone carriage return (an old Mac format); save the file with Windows (CRLF) or Unix (LF) line breaks"}
		}
	}
	cells := splitHeader(dec.line(head), delim)
	spec, cols, why := detectWith(cells, opt.Columns)
	if spec == nil {
		f.Close()
		return nil, &UnrecognisedError{File: path, Reason: why}
	}
	t := &Table{File: path, Spec: spec, Header: cells, Cols: cols, Delim: delim, dec: dec, lines: lr, hdrEnd: lr.n, closer: f}
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
// no control bytes other than tab and carriage return.
func looksText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
