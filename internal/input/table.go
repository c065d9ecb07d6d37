package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strings"
	"unsafe"

	"github.com/sellerhealth/audit/internal/records"
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
	// perf is a JSON seller performance report, decoded whole by
	// openPerformance (performance.go); such a table has no rows.
	perf *perfDoc
	// Doc is the whole text of a JSON document of a kind with Sniff
	// (openDocument); such a table has no rows.
	Doc []byte
	// fields is the row split reuses.
	fields []string
	// spans gathers the dates the rows cover (records.InputFile.Spans).
	spans records.SpanCounter
	// estRows estimates the file's data rows from its size and the lines
	// of its first 64 KiB (0 when the size is unknown: a pipe, compressed
	// input), so that readers size their tables once.
	estRows int
	// head tells a line repeating the header row (two downloads joined
	// with cat), which readers skip (header.go).
	head *repeatedHeader
}

// estimatedRows is an estimate of the number of rows, 0 when unknown.
func (t *Table) estimatedRows() int { return t.estRows }

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
// quoted and their values contain literal '"'. A line repeating the header
// row (downloads joined with cat) is skipped.
func (t *Table) Next() ([]string, error) {
	for {
		b, err := t.lines.next()
		if err != nil {
			return nil, t.ioErr(err)
		}
		t.line = t.lines.n
		if t.head.is(b) {
			continue
		}
		row := strings.Split(t.dec.line(b), string(t.Delim))
		if !blank(row) {
			return row, nil
		}
	}
}

// splitBorrowed splits a line for the hot path (the orders report): when
// its bytes are already its UTF-8 text, the fields are strings that share
// the line's bytes (split), with no copy and no allocation; they are valid
// only while the bytes are, so a reader keeping a value copies it
// (strings.Clone, records.Intern, records.KeyOf all do).
func (t *Table) splitBorrowed(b []byte) []string {
	if t.dec.identity(b) {
		return t.split(b)
	}
	return strings.Split(t.dec.line(b), string(t.Delim))
}

// splitPicked is splitBorrowed for a reader of a few columns (want,
// field indices in increasing order, none negative): the row has a field
// for every one of the line's, as split gives, but only those of want hold
// their values, the others being "". The line's delimiters are counted at
// once (bytes.Count), the wanted fields of the first half of the row found
// from its start and those of the second half from its end: a line of the
// orders report has over 30 fields, of which the reader wants 6, one of
// them near the end. A line that is not its UTF-8 text is split whole.
func (t *Table) splitPicked(b []byte, want []int) []string {
	if !t.dec.identity(b) {
		return strings.Split(t.dec.line(b), string(t.Delim))
	}
	d := t.Delim
	n := bytes.Count(b, []byte{d}) + 1
	if cap(t.fields) < n {
		t.fields = make([]string, n, 2*n)
	}
	row := t.fields[:n]
	clear(row)
	t.fields = row
	k := 0
	for i, from := 0, 0; k < len(want) && want[k] <= n/2; k++ {
		c := want[k] // c < n: field c ends at a delimiter or the line's end
		for ; i < c; i++ {
			from += bytes.IndexByte(b[from:], d) + 1
		}
		end := bytes.IndexByte(b[from:], d)
		if end < 0 {
			end = len(b) - from
		}
		row[c] = unsafeString(b[from : from+end])
		from, i = from+end+1, c+1
	}
	for q, i, to := len(want)-1, n-1, len(b); q >= k; q-- {
		c := want[q]
		if c >= n {
			continue // a short row: the field is ""
		}
		for ; i > c; i-- {
			to = bytes.LastIndexByte(b[:to], d)
		}
		start := bytes.LastIndexByte(b[:to], d) + 1
		row[c] = unsafeString(b[start:to])
		if start == 0 {
			break
		}
		to, i = start-1, c-1
	}
	return row
}

// split cuts a line at the delimiter into t.fields, strings over the line's
// own bytes. It looks at eight bytes at a time: the fields of a report line
// are short (an orders line holds over 30 in 260 bytes), and a search per
// field (bytes.IndexByte) spent more in starting than in searching.
func (t *Table) split(b []byte) []string {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	row := t.fields[:0]
	d := t.Delim
	pat := uint64(d) * ones
	from, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:]) ^ pat // 0 in the delimiter's bytes
		// The high bit of each zero byte, and perhaps of a byte above one
		// (a borrow): each is checked.
		for m := (x - ones) &^ x & highs; m != 0; m &= m - 1 {
			if j := i + bits.TrailingZeros64(m)>>3; b[j] == d {
				row = append(row, unsafeString(b[from:j]))
				from = j + 1
			}
		}
	}
	for ; i < len(b); i++ {
		if b[i] == d {
			row = append(row, unsafeString(b[from:i]))
			from = i + 1
		}
	}
	row = append(row, unsafeString(b[from:]))
	t.fields = row
	return row
}

// unsafeString is b as a string without a copy; b must not change while
// the string is in use.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Col is the field index of a column, -1 when the file lacks it: resolved
// once, At then reads it from each row without a map lookup.
func (t *Table) Col(col string) int {
	if i, ok := t.Cols[col]; ok {
		return i
	}
	return -1
}

// At is the trimmed value of field i of row ("" for i < 0 or a short row).
func At(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return trim(row[i])
}

// nulError places the NUL byte nb found (see nulGuard): its line, and the
// field its line holds before it.
func (t *Table) nulError(nb *nulByte) *InputError {
	col, quoted := 1, false
	for _, c := range nb.prefix {
		switch {
		case c == '"' && t.Spec.Quoted:
			quoted = !quoted
		case c == t.Delim && !quoted:
			col++
		}
	}
	e := &InputError{File: t.File, Line: nb.line, Column: col,
		Msg: "NUL byte in the value: the file is damaged or is not a text report"}
	if col <= len(t.Header) {
		e.Name = t.Header[col-1]
	}
	return e
}

func (t *Table) ioErr(err error) error {
	if err == io.EOF {
		return io.EOF
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
	// table is the table the lines are read for, once its header is
	// known: it places a NUL byte's field.
	table *Table
	// tooLong is set when next failed on a line longer than MaxLine.
	tooLong bool
	// nl says whether the last line next returned ended in a line break
	// (the last line of a file may not).
	nl bool
}

// next returns the next line, io.EOF at the end, or an *InputError naming
// the file and line (a line longer than MaxLine, a broken gzip stream).
// The line is valid until the next call: it is the reader's buffer, or
// l.buf for a line longer than that buffer.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		line := chunk // a whole line in the reader's buffer is not copied
		if err != nil || len(l.buf) > 0 {
			l.buf = append(l.buf, chunk...)
			line = l.buf
		}
		if len(line) > MaxLine {
			l.tooLong = true
			return nil, &InputError{File: l.file, Line: l.n + 1, Msg: fmt.Sprintf("line longer than %d bytes: not a report", MaxLine)}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, l.readErr(err)
		}
		if len(line) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		l.n++
		n := len(line)
		if l.nl = n > 0 && line[n-1] == '\n'; l.nl {
			n--
		}
		if n > 0 && line[n-1] == '\r' {
			n--
		}
		return line[:n], nil
	}
}

// readErr places a read error (a broken gzip stream or zip member, an I/O
// error) at the line being read. An *InputError (a decompression bomb, a
// line too long) is already placed and passes unchanged.
func (l *lineReader) readErr(err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	var nb *nulByte
	if errors.As(err, &nb) {
		if l.table == nil {
			return nb // in the header: newTable calls the file binary
		}
		return l.table.nulError(nb)
	}
	return &InputError{File: l.file, Line: l.n + 1, Msg: err.Error()}
}

// openTable opens path with the default options.
func openTable(path string) (*Table, error) { return openTableWith(path, Options{}) }

// openTableWith opens the file at path as a table (see newTable). A zip
// archive is not a table: Load reads it member by member (archive.go).
func openTableWith(path string, opt Options) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return newTable(stream{name: path, r: f, closer: f}, opt)
}

// stream is the bytes of one report: a file, or a member of a zip archive.
type stream struct {
	name   string // the file, or "archive.zip:member.txt"
	r      io.Reader
	closer io.Closer
	// packed counts the compressed bytes read so far for a zip member
	// (nil for a file): with the inflated size it bounds the compression
	// ratio (see inflateLimit).
	packed *int64
	member bool  // a zip member: a zip inside it is not opened
	size   int64 // bytes in all, 0 when unknown
	// archive counts the bytes the members of a zip archive inflate to
	// together (nil for a file).
	archive *archiveTotal
}

// maxHeaderCells bounds the header row: Amazon's widest report has well
// under a hundred columns. Past it the line is no header (a million tabs),
// and matching its cells against every report's columns would take long.
const maxHeaderCells = 1024

// newTable reads a stream's header row and recognises the report: it reads
// through gzip (by its magic bytes, whatever the name says), skips a
// byte-order mark and picks the text encoding. A compressed stream is
// bounded (inflateLimit). The table owns s.closer from then on, also when
// newTable fails.
func newTable(s stream, opt Options) (*Table, error) {
	fail := func(err error) (*Table, error) {
		if s.closer != nil {
			s.closer.Close()
		}
		return nil, err
	}
	br, compressed, err := inflate(s)
	if err != nil {
		return fail(err)
	}
	if err := refuseZip(s, br, compressed); err != nil {
		return fail(err)
	}
	br, enc := skipBOM(br, opt.Encoding)
	// Hook for the one JSON report kind (performance.go): a document
	// starting with '{' that names "performanceMetrics" in its first 64 KiB
	// is decoded with encoding/json, not read line by line.
	sample, _ := br.Peek(64 << 10)
	if sniffPerformance(sample) {
		return openPerformance(s, br)
	}
	for _, spec := range specs {
		if spec.Sniff != nil && spec.Sniff(sample) {
			return openDocument(s, br, spec)
		}
	}
	t, err := readHeader(s, opt, br, enc, compressed)
	if err != nil {
		return fail(err)
	}
	return t, nil
}

// inflate buffers the stream, through gzip when it starts with gzip's magic bytes; a compressed one is bounded.
func inflate(s stream) (br *bufio.Reader, compressed bool, err error) {
	packed := s.packed
	br = bufio.NewReaderSize(s.r, 64<<10)
	var inflated io.Reader // the decompressed bytes; nil: not compressed
	if s.packed != nil {
		inflated = br // a zip member
	}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		in := &countingByteReader{br: br} // what gzip consumes, not what was buffered
		if packed == nil {
			packed = &in.n
		}
		zr, err := gzip.NewReader(in)
		if err != nil {
			if !errors.As(err, new(*streamError)) { // not the zip member's
				err = &streamError{"broken gzip stream", err}
			}
			return nil, false, &InputError{File: s.name, Msg: err.Error()}
		}
		inflated = &labelReader{zr, "broken gzip stream"}
	}
	compressed = inflated != nil
	if compressed {
		br = bufio.NewReaderSize(&inflateLimit{r: inflated, name: s.name, packed: packed, limits: limits, archive: s.archive}, 64<<10)
	}
	return br, compressed, nil
}

// refuseZip is the error for a zip archive, which is not a table (Load reads one member by member).
func refuseZip(s stream, br *bufio.Reader, compressed bool) error {
	if magic, _ := br.Peek(4); zipMagic(magic) {
		switch {
		case s.member:
			return &nestedArchiveError{s.name}
		case compressed:
			return &UnrecognisedError{File: s.name, Reason: "a zip archive inside a gzip stream; unpack it first"}
		}
		return &UnrecognisedError{File: s.name, Reason: "a zip archive"}
	}
	return nil
}

// skipBOM skips a byte-order mark and says the encoding it implies, else enc.
func skipBOM(br *bufio.Reader, enc Encoding) (*bufio.Reader, Encoding) {
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
	return br, enc
}

// readHeader reads the header row of a text report and recognises its kind and columns.
func readHeader(s stream, opt Options, br *bufio.Reader, enc Encoding, compressed bool) (*Table, error) {
	br = bufio.NewReaderSize(&nulGuard{r: br}, 64<<10)
	sample, _ := br.Peek(64 << 10)
	dec := newDecoder(enc, sample)
	lr := &lineReader{br: br, file: s.name}
	head, err := firstLine(lr)
	if err != nil {
		return nil, err
	}
	if !looksText(head) { // NUL or other control bytes: not text
		return nil, &UnrecognisedError{File: s.name, Reason: "binary content"}
	}
	delim := headerDelim(head)
	if err := checkHeaderLine(s.name, head, delim, dec, lr.n); err != nil {
		return nil, err
	}
	cells := splitHeader(dec.line(head), delim)
	spec, cols, why := detectWith(cells, opt.Columns)
	if spec == nil {
		return nil, &UnrecognisedError{File: s.name, Reason: why}
	}
	if missing := spec.missing(cols); len(missing) > 0 {
		return nil, &MissingColumnsError{File: s.name, Kind: spec.Kind, Missing: missing}
	}
	t := &Table{File: s.name, Spec: spec, Header: cells, Cols: cols, Delim: delim, dec: dec, lines: lr, hdrEnd: lr.n, closer: s.closer,
		head: newRepeatedHeader(head, cells, delim, dec)}
	if n := bytes.Count(sample, []byte{'\n'}); s.size > 0 && !compressed && n > 1 {
		t.estRows = int(min(s.size*int64(n)/int64(len(sample)), 1<<28))
	}
	lr.table = t
	return t, nil
}

// firstLine is a copy of the first non-blank line, the header row.
func firstLine(lr *lineReader) ([]byte, error) {
	for {
		b, err := lr.next()
		if err == io.EOF {
			return nil, &UnrecognisedError{File: lr.file, Reason: "empty file"}
		}
		if err != nil {
			if errors.As(err, new(*nulByte)) {
				// A NUL byte before or in the first line: not text.
				return nil, &UnrecognisedError{File: lr.file, Reason: "binary content"}
			}
			if lr.tooLong {
				// No report has a header row that long: a minified JSON
				// file or an archive in the folder, not a broken report.
				return nil, &UnrecognisedError{File: lr.file, Reason: fmt.Sprintf("line %d is longer than %d bytes", lr.n+1, MaxLine)}
			}
			return nil, err
		}
		if len(bytes.TrimSpace(b)) > 0 {
			return append([]byte(nil), b...), nil
		}
	}
}

// headerDelim is the header row's delimiter: a tab, else ';' when it outnumbers ',', else ','.
func headerDelim(head []byte) byte {
	delim := byte(',')
	if bytes.IndexByte(head, '\t') >= 0 {
		delim = '\t'
	} else if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		delim = ';'
	}
	return delim
}

// checkHeaderLine refuses a first line of more cells than any report has, or of rows ending in a lone CR.
func checkHeaderLine(name string, head []byte, delim byte, dec *decoder, line int) error {
	first := head
	if cr := bytes.IndexByte(head, '\r'); cr >= 0 {
		first = head[:cr]
	}
	if n := bytes.Count(first, []byte{delim}) + 1; n > maxHeaderCells {
		return &UnrecognisedError{File: name, Reason: fmt.Sprintf("its first line has %d fields; no report has more than %d columns", n, maxHeaderCells)}
	}
	if len(first) < len(head) {
		// Lines ending in a lone CR (classic Mac, old Excel "CSV
		// (Macintosh)") read as one line: the rows would vanish into the
		// header. When the text before the CR is a report's header, say so.
		if spec, _, _ := detect(splitHeader(dec.line(first), delim)); spec != nil {
			return &InputError{File: name, Line: line, Msg: "lines end in a lone carriage return (an old Mac format); save the file with Windows (CRLF) or Unix (LF) line breaks"}
		}
		if n := bytes.Count(head, []byte{delim}) + 1; n > maxHeaderCells {
			return &UnrecognisedError{File: name, Reason: fmt.Sprintf("its first line has %d fields; no report has more than %d columns", n, maxHeaderCells)}
		}
	}
	return nil
}

// nulGuard passes text on up to its first NUL byte, then fails with a
// *nulByte saying where the NUL is: the line (counting from 1 at the start
// of the text) and what its line holds before it, from which the table
// tells the field (Table.nulError). Text before the NUL reads as usual, so
// an error in an earlier row is still the one reported.
type nulGuard struct {
	r    io.Reader
	line int    // '\n' passed so far
	cur  []byte // the current line so far, up to MaxLine bytes
	err  error
}

// nulByte is the error of nulGuard.
type nulByte struct {
	line   int
	prefix []byte
}

func (e *nulByte) Error() string { return fmt.Sprintf("line %d: NUL byte", e.line) }

func (g *nulGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if i := bytes.IndexByte(p[:n], 0); i >= 0 {
		g.pass(p[:i])
		g.err = &nulByte{line: g.line + 1, prefix: append([]byte(nil), g.cur...)}
		return i, g.err
	}
	g.pass(p[:n])
	return n, err
}

func (g *nulGuard) pass(b []byte) {
	if j := bytes.LastIndexByte(b, '\n'); j >= 0 {
		g.line += bytes.Count(b[:j+1], []byte{'\n'})
		g.cur = g.cur[:0]
		b = b[j+1:]
	}
	if room := MaxLine - len(g.cur); room > 0 {
		g.cur = append(g.cur, b[:min(len(b), room)]...)
	}
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
