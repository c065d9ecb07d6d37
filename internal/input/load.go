package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Options steer reading.
type Options struct {
	// Marketplace is the store code given by the user ("" when not given);
	// it decides how the Feedback report's short dates read.
	Marketplace string
	// Kinds, when set, are the report kinds the command uses; files of
	// other kinds are recognised but not read (skipped with a note), so a
	// report a command does not need can neither slow it nor stop it.
	Kinds map[string]bool
	// Encoding overrides the detection of each file's text encoding
	// ("" or auto: detect).
	Encoding Encoding
	// Columns are the user's own header names (--column).
	Columns ColumnMap
	// ShowPII lets error messages quote e-mail addresses and phone numbers
	// found in bad values; by default they are masked.
	ShowPII bool
	// Progress, when set, is told how many bytes of the input files have
	// been read so far, of how many in all (for a progress line; it is
	// called often, so it must be cheap).
	Progress func(read, total int64)
	// Since, when set, is the first day any window of the run can cover:
	// a shipment none of whose dates reaches it is not kept, only enough
	// of it to tell a later row of its order and its store (readShipments).
	// Memory then grows with the orders in the windows, not with the
	// files' history.
	Since civil.Date
}

// Loaded is an account read from its files.
type Loaded struct {
	Data     *records.Dataset
	Inputs   []records.InputFile
	Warnings []string
	// Since is Options.Since: what was read serves as-of dates whose
	// windows start on or after it.
	Since civil.Date
}

// Sink collects what report readers produce.
type Sink struct {
	Data     *records.Dataset
	warnings []string
	// kinds counts the warnings of each kind (Warnf); counted are the
	// kinds whose line counting the rest is in warnings, valid while
	// warnings is as long as Warnf left it (warned).
	kinds    map[warnKey]*warnKind
	counted  []*warnKind
	warned   int
	feedback []pendingFeedback
	// since is Options.Since (readShipments).
	since civil.Date
	// returnIndex finds a return request read before, so that overlapping
	// downloads count it once (returnrequests.go).
	returnIndex map[returnKey]int
	// file is the place, among the inputs given, of the file being read
	// (to order conflicts read on two goroutines).
	file int
	// channelFrom is the row an order's fulfillment channel was read from
	// when that is not the order's first row (which left it unknown).
	channelFrom map[records.OrderKey]records.Source
	// conflicts counts the conflicting values warned about, by kind.
	conflicts conflictLog
	// unknownCancellers counts, by file, the shipments cancelled without
	// saying by whom, once every file is read (a later download may say).
	unknownCancellers fileCounts
	// settlement holds the settlement reports' claims and chargebacks
	// until every file is read (mergeSettlement).
	settlement settled
}

// Warnf records a warning for the output's "warnings" list. Warnings of
// one kind about one file are listed up to maxWarningsLike; the rest are
// counted in one line, "FILE: N more warnings like these not listed (M in
// all)", written where the first of them would have been and updated as
// they come (so a report of a million bad entries gives a few lines, in
// bounded memory and time: they are not even formatted). A kind is the
// format, and the file is the first argument when it is a string: every
// warning about a file names it first ("%s:%d: ...", "skipped %s: ..."),
// so a warning that names a file:line there instead, or none, is a kind of
// its own that only the same format and place share.
func (s *Sink) Warnf(format string, args ...any) {
	key := warnKey{format: format}
	if len(args) > 0 {
		key.file, _ = args[0].(string)
	}
	if len(s.warnings) != s.warned {
		// The list was changed by other hands (its first warnings given,
		// another sink's merged in): the places of the counts are lost, so
		// a kind counted there starts a new count.
		for _, k := range s.counted {
			k.at = -1
		}
		s.counted = s.counted[:0]
	}
	if s.kinds == nil {
		s.kinds = map[warnKey]*warnKind{}
	}
	k := s.kinds[key]
	if k == nil {
		k = &warnKind{at: -1}
		s.kinds[key] = k
	}
	k.n++
	if k.n <= maxWarningsLike {
		s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
		s.warned = len(s.warnings)
		return
	}
	if k.at < 0 {
		k.at, k.more = len(s.warnings), 0
		s.warnings = append(s.warnings, "")
		s.counted = append(s.counted, k)
		s.warned = len(s.warnings)
	}
	k.more++
	// Rewritten as each comes: whoever takes the list (a background
	// reader's file, the loader's result) finds it true.
	s.warnings[k.at] = k.summary(key.file)
}

// maxWarningsLike is how many warnings of one kind about one file are
// listed (Warnf), as many as conflicts of one kind (conflicts.go), whose
// own count therefore stays the one that shows.
const maxWarningsLike = maxConflictWarnings

// warnKey is a kind of warning: its format and its file (Warnf).
type warnKey struct{ format, file string }

// warnKind counts the warnings of a kind.
type warnKind struct {
	n    int // warned about, listed or not
	at   int // the place of the line that counts the rest, -1 before it
	more int // the warnings that line counts
}

// summary is the line that counts the warnings of k not listed.
func (k *warnKind) summary(file string) string {
	var b strings.Builder
	if file != "" {
		b.WriteString(file)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(k.more))
	b.WriteString(" more warnings like these not listed (")
	b.WriteString(strconv.Itoa(k.n))
	b.WriteString(" in all)")
	return b.String()
}

// Load reads every path: a file must be a recognised report; a folder is
// read non-recursively (sub-folders and hidden files are skipped) and its
// unrecognised or unreadable files, files that resemble a kind but lack
// its required columns, named pipes and symlink loops are skipped with a
// warning. A zip archive is read member by member, a gzip
// file read through (archive.go). Several files of one kind are one data
// set; the values they disagree on are warned about (conflicts.go).
func Load(paths []string, opt Options) (*Loaded, error) {
	l, err := load(paths, opt)
	if !opt.ShowPII {
		if err != nil {
			err = redactError(err)
		}
		if l != nil {
			// Warnings quote values too (an unknown channel, a conflict).
			for i, w := range l.Warnings {
				l.Warnings[i] = RedactPII(w)
			}
		}
	}
	return l, err
}

func load(paths []string, opt Options) (*Loaded, error) {
	files, warnings, err := expand(paths)
	if err != nil {
		return nil, err
	}
	ld := &loader{opt: opt, sink: &Sink{Data: records.NewDataset(), warnings: warnings, since: opt.Since}}
	if opt.Progress != nil {
		for _, f := range files {
			if st, err := os.Stat(f.path); err == nil && st.Mode().IsRegular() {
				ld.total += st.Size()
			}
		}
	}
	for i, f := range files {
		ld.sink.file = i
		if err := ld.file(f); err != nil {
			return nil, ld.join(err, i)
		}
	}
	if err := ld.join(nil, 0); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(ld.total, ld.total)
	}
	if err := resolveFeedback(ld.sink, opt); err != nil {
		return nil, err
	}
	mergeFeedback(ld.sink)
	mergeSettlement(ld.sink)
	ld.sink.unknownCancellers.each(func(file string, n int) {
		ld.sink.Warnf("%s: %s cancelled without saying by whom: counted as seller cancellations", file, plural(n, "order", "orders"))
	})
	ld.sink.closeConflicts()
	feedbackSpans(ld.sink.Data, ld.inputs)
	addDeclared(ld.inputs, files)
	if ld.inputs == nil {
		ld.inputs = []records.InputFile{} // read from files, none of them a report: not nil
	}
	ld.sink.Data.Files = ld.inputs // nothing changes either after this
	return &Loaded{Data: ld.sink.Data, Inputs: ld.inputs, Warnings: ld.sink.warnings, Since: opt.Since}, nil
}

// loader reads the inputs one after the other into one sink.
type loader struct {
	opt    Options
	sink   *Sink
	inputs []records.InputFile
	// bytesRead and total are the bytes of the files read so far and of all
	// of them, for Options.Progress; files are read on two goroutines.
	bytesRead atomic.Int64
	total     int64
	// bg reads the orders reports while the other files are read
	// (background.go); nil until the first one.
	bg *background
}

// counting tells Options.Progress how far reading is: the bytes of a file
// as they are read, and the rest of it once it is done with (a report a
// command does not use is not read to its end).
type counting struct {
	r    io.Reader
	n    int64 // read so far, of size
	size int64
	ld   *loader
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.ld.opt.Progress(c.ld.bytesRead.Add(int64(n)), c.ld.total)
	return n, err
}

// finish counts the part of the file that was not read.
func (c *counting) finish() {
	if c == nil || c.n >= c.size {
		return
	}
	rest := c.size - c.n
	c.n = c.size
	c.ld.opt.Progress(c.ld.bytesRead.Add(rest), c.ld.total)
}

// file reads one file: a report, or a zip archive of reports (archive.go).
// A file named on the command line must be a report; one found in a folder
// that is not, or that lacks a required column of the kind it resembles,
// is skipped with a warning, as is one that cannot be opened or that is no
// longer a regular file (see openFile).
func (ld *loader) file(f file) error {
	fh, mode, err := openFile(f)
	if err != nil {
		if !f.explicit {
			ld.sink.Warnf("skipped %s: %v", f.path, unwrapPath(err))
			return nil
		}
		return &InputError{File: f.path, Msg: unwrapPath(err).Error()}
	}
	if fh == nil {
		ld.sink.Warnf("skipped %s: %s", f.path, notRegular(mode))
		return nil
	}
	magic := make([]byte, 4)
	n, err := io.ReadFull(fh, magic)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		fh.Close()
		return &InputError{File: f.path, Msg: unwrapPath(err).Error()}
	}
	if zipMagic(magic[:n]) {
		defer fh.Close()
		st, err := fh.Stat()
		if err != nil || !st.Mode().IsRegular() {
			// A zip archive's index is at its end: it needs a file.
			return &InputError{File: f.path, Msg: "a zip archive that is not a regular file (a pipe?); save it to a file first"}
		}
		return ld.archive(f, fh, st.Size())
	}
	var size int64
	if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	var r io.Reader = fh
	var progress *counting
	if ld.opt.Progress != nil {
		ld.opt.Progress(ld.bytesRead.Add(int64(n)), ld.total) // the magic bytes
		progress = &counting{r: fh, n: int64(n), size: size, ld: ld}
		r = progress
	}
	t, err := newTable(stream{name: f.path, r: io.MultiReader(bytes.NewReader(magic[:n]), r), closer: fh, size: size}, ld.opt)
	if err != nil {
		progress.finish()
		if f.explicit {
			return err
		}
		// In a folder: a file that is no report, or that only resembles
		// one (a header sharing a kind's columns but lacking the ones it
		// needs), is skipped, saying what it looked like.
		var ue *UnrecognisedError
		var me *MissingColumnsError
		switch {
		case errors.As(err, &ue):
			ld.sink.Warnf("skipped %s: not a recognised report", f.path)
			return nil
		case errors.As(err, &me):
			ld.sink.Warnf("skipped %s: %s", f.path, me.Reason())
			return nil
		}
		return err
	}
	if backgroundOrders && t.Spec.Kind == "orders" && t.Spec.Read != nil && (ld.opt.Kinds == nil || ld.opt.Kinds["orders"]) {
		return ld.readInBackground(t, f, progress)
	}
	defer progress.finish()
	return ld.read(t, f.explicit)
}

// backgroundOrders lets tests read every file on one goroutine, to compare.
var backgroundOrders = true

// readInBackground hands an orders report to the background reader
// (background.go); its kind and columns are known from its header now.
func (ld *loader) readInBackground(t *Table, f file, progress *counting) error {
	if ld.bg == nil {
		ld.startBackground()
	}
	ld.bg.jobs <- bgJob{t: t, file: ld.sink.file, warnAt: len(ld.sink.warnings), inputAt: len(ld.inputs), progress: progress}
	ld.sink.Data.Kinds[string(t.Spec.Kind)] = true
	for col := range t.Cols {
		ld.sink.Data.Columns[string(t.Spec.Kind)+"."+col] = true
	}
	return nil
}

// read reads a recognised report into the sink, or skips it with a note
// when nothing reads its kind; it closes t.
func (ld *loader) read(t *Table, explicit bool) error {
	defer t.Close()
	if t.Spec.NotRead {
		ld.sink.Warnf("skipped %s: %s: not a report audit reads", t.File, t.Spec.Title)
		return nil
	}
	if t.Spec.Read == nil {
		ld.sink.Warnf("skipped %s: %s, not used by this version", t.File, t.Spec.Title)
		return nil
	}
	if ld.opt.Kinds != nil && !ld.opt.Kinds[string(t.Spec.Kind)] {
		// A folder holds every report of the account; each command
		// reads what it needs. A file named on purpose gets a word.
		if explicit {
			ld.sink.Warnf("skipped %s: %s, not used by this command", t.File, t.Spec.Title)
		}
		return nil
	}
	if err := t.Spec.Read(t, ld.sink); err != nil {
		return err
	}
	ld.inputs = append(ld.inputs, t.inputFile())
	ld.sink.Data.Kinds[string(t.Spec.Kind)] = true
	for col := range t.Cols {
		ld.sink.Data.Columns[string(t.Spec.Kind)+"."+col] = true
	}
	return nil
}

type file struct {
	path     string
	explicit bool // named on the command line
	// fetched is the file's entry in its folder's fetch manifest
	// (fetched.go), when audit fetch wrote it and it has not changed size
	// since.
	fetched *FetchedFile
}

// expand turns the command line's paths into files, in a stable order: as
// given, a folder's files by name. A file reached twice (named twice, or
// through a symlink or hard link) is read once, under its first name.
func expand(paths []string) ([]file, []string, error) {
	var out []file
	var warnings []string
	seen := map[string]int{} // absolute path -> index in out
	var infos []fs.FileInfo  // of out's files, in order
	add := func(p string, info fs.FileInfo, explicit bool, fetched *FetchedFile) {
		key, err := filepath.Abs(p)
		if err != nil {
			key = p
		}
		i, ok := seen[key]
		for j := 0; !ok && j < len(infos); j++ {
			// The same file under another name: a symlink to it or a
			// hard link, in the folder or named besides it.
			i, ok = j, os.SameFile(infos[j], info)
		}
		if ok {
			// Named on the command line and also found in a named
			// folder: it must be a report all the same.
			out[i].explicit = out[i].explicit || explicit
			return
		}
		seen[key] = len(out)
		out = append(out, file{p, explicit, fetched})
		infos = append(infos, info)
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or folder", p)
			}
			return nil, nil, fmt.Errorf("%s: %v", p, unwrapPath(err))
		}
		if !st.IsDir() {
			add(p, st, true, nil) // a pipe named on purpose is read: <(zcat x.gz)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", p, unwrapPath(err))
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
		fetched, warning := fetchedIn(p)
		if warning != "" {
			warnings = append(warnings, warning)
		}
		found := 0
		for _, e := range entries {
			name := e.Name()
			full := filepath.Join(p, name)
			if strings.HasPrefix(name, ".") {
				continue
			}
			info, err := os.Stat(full) // follows symlinks
			if err != nil {
				warnings = append(warnings, fmt.Sprintf("skipped %s: %v", full, unwrapPath(err)))
				continue
			}
			if info.IsDir() {
				warnings = append(warnings, fmt.Sprintf("skipped folder %s: folders are read non-recursively", full))
				continue
			}
			if !info.Mode().IsRegular() {
				// Never opened: opening a named pipe waits for a writer.
				warnings = append(warnings, fmt.Sprintf("skipped %s: %s", full, notRegular(info.Mode())))
				continue
			}
			found++
			ff := fetched[name]
			if ff != nil && ff.Size != info.Size() {
				warnings = append(warnings, fmt.Sprintf("%s: changed since audit fetch wrote it: the days it covers are read off its rows", full))
				ff = nil
			}
			add(full, info, false, ff)
		}
		if found == 0 {
			warnings = append(warnings, fmt.Sprintf("%s: folder holds no files", p))
		}
	}
	return out, warnings, nil
}

// notRegular names what a folder entry that is neither a file nor a
// folder is.
func notRegular(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a file"
	case m&fs.ModeSocket != 0:
		return "a socket, not a file"
	case m&fs.ModeDevice != 0:
		return "a device, not a file"
	}
	return "not a regular file"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// eachRow calls fn for every row of t, counting rows for the inputs list.
func eachRow(t *Table, fn func(row []string) error) error {
	for {
		row, err := t.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		t.rowsRead++
		if err := fn(row); err != nil {
			return err
		}
	}
}

func (t *Table) source() records.Source { return records.Source{File: t.File, Line: t.line} }
