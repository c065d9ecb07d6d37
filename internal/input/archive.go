package input

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
)

// Compressed input. Both kinds are told by their magic bytes, never by the
// file's name: a gzip stream (1f 8b) is read through by newTable, also
// when it holds several gzip members one after the other (as `cat a.gz
// b.gz` makes); a zip archive (PK 03 04, or PK 05 06 for an empty one) is
// read member by member, each member a report of its own named
// "archive.zip:member.txt" in warnings, errors and the inputs list (so an
// error reads "archive.zip:orders.txt:12:3: ..."). A member's path is
// cleaned ("./a/../orders.txt" is "orders.txt", '\' is '/'); a path that
// leads out of the archive ("../x", "/x", "C:\x") is refused with a warning
// naming the member. Members are read in name order; folders, hidden
// members (a path element starting with '.') and macOS's __MACOSX resource
// forks are skipped silently, like hidden files in a folder. A member that is itself gzip is read through; a zip inside
// the zip is not opened (one level is read) and is skipped with a warning.
// An Office document (xlsx, docx, ods: zip archives too) is not a report.
//
// Inflating is bounded: a gzip stream or zip member may inflate to at most
// MaxInflated bytes, and once it has inflated RatioAfter bytes, to at most
// MaxRatio times the compressed bytes read, so a decompression bomb ends in
// an *InputError naming the file (and member), not an endless read. The
// members of an archive inflate to at most MaxArchiveInflated bytes in all;
// an archive may list at most MaxMembers entries, and no two of them may
// share compressed bytes (a zip bomb that lists one deflated stream many
// times over): such archives are an *InputError before any member is read.

const (
	// MaxInflated is the most one gzip stream or zip member may inflate to.
	MaxInflated int64 = 8 << 30
	// MaxRatio bounds the compression ratio (inflated bytes per compressed
	// byte) once RatioAfter bytes are inflated. Text reports compress 5 to
	// 30 times; 1000 times takes a run of one byte, which is no report.
	MaxRatio int64 = 1000
	// RatioAfter is how much a stream inflates before the ratio is
	// checked: a small file's ratio says little (its header, a run of
	// blank lines).
	RatioAfter int64 = 64 << 20
	// MaxArchiveInflated is the most the members of one zip archive may
	// inflate to in all.
	MaxArchiveInflated int64 = 8 << 30
	// MaxMembers is the most entries a zip archive may list.
	MaxMembers = 10000
)

type inflateLimits struct {
	max, after, ratio int64
	total             int64 // MaxArchiveInflated
	members           int   // MaxMembers
}

// limits are the bounds in force; tests lower them.
var limits = inflateLimits{max: MaxInflated, after: RatioAfter, ratio: MaxRatio, total: MaxArchiveInflated, members: MaxMembers}

// inflateLimit passes a decompressed stream on until it exceeds limits;
// from then on it fails with an *InputError naming the stream.
type inflateLimit struct {
	r      io.Reader
	name   string
	packed *int64 // compressed bytes read so far
	limits inflateLimits
	out    int64
	err    error
	// archive counts what all the members of the zip archive inflate to;
	// nil outside one.
	archive *archiveTotal
}

// archiveTotal is what the members of one zip archive have inflated to so
// far, together.
type archiveTotal struct {
	name string // the archive
	out  int64
}

func (l *inflateLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.out += int64(n)
	switch {
	case l.out > l.limits.max:
		l.err = &InputError{File: l.name, Msg: fmt.Sprintf("inflates to more than %s: not a report (a decompression bomb?)", byteSize(l.limits.max))}
	case l.out > l.limits.after && l.out/max(*l.packed, 1) > l.limits.ratio:
		l.err = &InputError{File: l.name, Msg: fmt.Sprintf("inflates to more than %d times its compressed size: no report compresses that well (a decompression bomb?)", l.limits.ratio)}
	case l.archive != nil:
		if l.archive.out += int64(n); l.archive.out > l.limits.total {
			l.err = &InputError{File: l.archive.name, Msg: fmt.Sprintf("its members inflate to more than %s in all: not an archive of reports (a decompression bomb?)", byteSize(l.limits.total))}
		}
	}
	if l.err != nil {
		return 0, l.err
	}
	return n, err
}

// byteSize writes n in GiB, MiB or KiB when it is a whole number of them.
func byteSize(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// countingByteReader counts the bytes a gzip reader consumes. Being an
// io.ByteReader, it is read byte by byte, without a buffer of gzip's own
// running ahead: the count is what has been inflated so far.
type countingByteReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countingByteReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingByteReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// countingReaderAt counts the bytes read through it: the compressed bytes
// of the zip member being read (members are read one at a time; the
// inflater reads at most 4 KiB ahead).
type countingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

// streamError is a read error of a compressed layer, labelled with it
// ("broken gzip stream: unexpected EOF").
type streamError struct {
	label string
	err   error
}

func (e *streamError) Error() string { return e.label + ": " + e.err.Error() }
func (e *streamError) Unwrap() error { return e.err }

// labelReader labels the read errors of a compressed layer; an error that
// is already labelled (from a layer below) or placed keeps its word.
type labelReader struct {
	r     io.Reader
	label string
}

func (l *labelReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if err != nil && err != io.EOF {
		var se *streamError
		var ie *InputError
		if !errors.As(err, &se) && !errors.As(err, &ie) {
			err = &streamError{l.label, err}
		}
	}
	return n, err
}

// zipMagic says whether b starts a zip archive: a member's local header,
// or the end record an empty archive consists of.
func zipMagic(b []byte) bool {
	return len(b) >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)
}

// nestedArchiveError is a zip member that is a zip archive itself.
type nestedArchiveError struct{ name string }

func (e *nestedArchiveError) Error() string {
	return e.name + ": a zip archive inside a zip archive"
}

// hiddenMember says whether a member is skipped silently: a hidden file or
// one in a hidden folder, or macOS's __MACOSX copies of resource forks.
func hiddenMember(name string) bool {
	for _, el := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if strings.HasPrefix(el, ".") || el == "__MACOSX" {
			return true
		}
	}
	return false
}

// outsidePath is the reason a member whose path leads out of the archive
// is refused.
const outsidePath = `its path leads out of the archive (absolute, or up with ".."); not read`

// memberPath is the path a zip member is read under: its name cleaned, with
// a backslash taken for '/' as hiddenMember does ("./a//b" and "a/../a/b"
// are "a/b"). inside is false for a path that leads out of the archive: an
// absolute one ("/x", `C:\x`, `\\server\x`) or one going up past its top
// ("../x", "a/../../x"); name is then returned as it is.
func memberPath(name string) (p string, inside bool) {
	slashed := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(slashed, "/") || len(slashed) >= 2 && slashed[1] == ':' && ('a' <= slashed[0]|0x20 && slashed[0]|0x20 <= 'z') {
		return name, false
	}
	p = path.Clean(slashed)
	if p == ".." || strings.HasPrefix(p, "../") {
		return name, false
	}
	return p, true
}

// officeDocument says whether the archive is an Office Open XML (xlsx,
// docx) or OpenDocument (ods) file rather than a zip of reports.
func officeDocument(members []*zip.File) bool {
	for _, m := range members {
		if m.Name == "[Content_Types].xml" || m.Name == "mimetype" {
			return true
		}
	}
	return false
}

// archive reads the members of the zip archive f, open as fh, size bytes
// long. A member that is not a report, or that lacks a required column of
// the kind it resembles, is skipped with a warning, as in a folder; when f
// was named on the command line and no member is a report, f is an
// *UnrecognisedError. Any other error in a member stops the load, as in a
// plain file.
func (ld *loader) archive(f file, fh *os.File, size int64) error {
	packed := &countingReaderAt{r: fh}
	zr, err := zip.NewReader(packed, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		// Nothing is written to disk, so a name like "../x" is harmless.
		return &InputError{File: f.path, Msg: "broken zip archive: " + err.Error()}
	}
	if err := checkMembers(f.path, zr.File, size); err != nil {
		return err
	}
	total := &archiveTotal{name: f.path}
	unrecognised := func(reason string) error {
		if f.explicit {
			return &UnrecognisedError{File: f.path, Reason: reason}
		}
		ld.sink.Warnf("skipped %s: not a recognised report", f.path)
		return nil
	}
	if officeDocument(zr.File) {
		return unrecognised("a spreadsheet or document (xlsx, docx, ods), not a text report; save the sheet as tab-delimited text")
	}
	type entry struct {
		*zip.File
		path   string // cleaned, or as written when refused
		inside bool   // the path stays inside the archive
	}
	members := make([]entry, len(zr.File))
	for i, m := range zr.File {
		members[i].File = m
		members[i].path, members[i].inside = memberPath(m.Name)
	}
	sort.SliceStable(members, func(i, j int) bool { return members[i].path < members[j].path })
	files, recognised, refused := 0, 0, 0
	var why []string // member: reason, for the error when none is a report
	for _, m := range members {
		if m.FileInfo().IsDir() || strings.HasSuffix(m.Name, "/") || m.path == "." || m.inside && hiddenMember(m.path) {
			continue
		}
		files++
		name := f.path + ":" + m.path
		skip := func(reason, warning string) {
			why = append(why, m.path+": "+reason)
			ld.sink.Warnf("skipped %s: %s", name, warning)
		}
		switch {
		case !m.inside:
			// Nothing is written to disk, so the path would be harmless;
			// but no tool puts one there unless asked to, and a member
			// dropped without a word would hide a report.
			refused++
			skip(outsidePath, outsidePath)
			continue
		case !m.Mode().IsRegular():
			skip("not a regular file", "not a regular file")
			continue
		case m.Flags&0x1 != 0:
			skip("encrypted", "encrypted; audit cannot read it")
			continue
		}
		packed.n = 0
		rc, err := m.Open()
		if errors.Is(err, zip.ErrAlgorithm) {
			msg := fmt.Sprintf("compressed with method %d; audit reads stored and deflated members", m.Method)
			skip(msg, msg)
			continue
		}
		if err != nil {
			return &InputError{File: name, Msg: "broken zip member: " + err.Error()}
		}
		t, err := newTable(stream{name: name, r: &labelReader{rc, "broken zip member"}, closer: rc, packed: &packed.n, member: true, archive: total}, ld.opt)
		var nested *nestedArchiveError
		var ue *UnrecognisedError
		var me *MissingColumnsError
		switch {
		case errors.As(err, &nested):
			skip("a zip archive", "a zip archive inside a zip archive is not opened (one level is read); unzip it first")
			continue
		case errors.As(err, &ue):
			skip(ue.Reason, "not a recognised report")
			continue
		case errors.As(err, &me):
			skip(me.Reason(), me.Reason()) // as in a folder
			continue
		case err != nil:
			return err
		}
		recognised++
		if err := ld.read(t, false); err != nil {
			return err
		}
	}
	if files == 0 {
		if f.explicit {
			return &UnrecognisedError{File: f.path, Reason: "empty zip archive"}
		}
		ld.sink.Warnf("skipped %s: empty zip archive", f.path)
		return nil
	}
	if recognised == 0 && f.explicit {
		if len(why) > 3 {
			why = append(why[:3], fmt.Sprintf("and %d more", len(why)-3))
		}
		if refused == files {
			return &UnrecognisedError{File: f.path, Reason: "every member of the zip archive was refused: " + strings.Join(why, "; ")}
		}
		return &UnrecognisedError{File: f.path, Reason: "no file in the zip archive is a report: " + strings.Join(why, "; ")}
	}
	return nil
}

// checkMembers refuses an archive of more than MaxMembers entries, or two
// of whose entries share compressed bytes (their data ranges overlap, or
// they share a local header): that is how a small zip bomb inflates one
// deflated stream once per entry. No tool writes such archives. size is
// the archive's.
func checkMembers(name string, members []*zip.File, size int64) error {
	if len(members) > limits.members {
		return &InputError{File: name, Msg: fmt.Sprintf("a zip archive of %d members: audit reads at most %d (a zip bomb?); unzip it, or zip fewer files together", len(members), limits.members)}
	}
	type span struct {
		from, to int64
		name     string
	}
	spans := make([]span, 0, len(members))
	for _, m := range members {
		off, err := m.DataOffset()
		if err != nil {
			return &InputError{File: name, Msg: fmt.Sprintf("broken zip archive: member %q: %v", m.Name, err)}
		}
		spans = append(spans, span{off, off + int64(min(m.CompressedSize64, uint64(size))), m.Name})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	for i := 1; i < len(spans); i++ {
		// spans[i-1] ends last of those before i once they are in order
		// and none overlaps: the first overlap is found here.
		if p := spans[i-1]; spans[i].from < p.to || spans[i].from == p.from {
			return &InputError{File: name, Msg: fmt.Sprintf("members %q and %q share their data: no tool writes that (a zip bomb?)", p.name, spans[i].name)}
		}
	}
	return nil
}
