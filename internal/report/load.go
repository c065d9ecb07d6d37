package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// Input is one file that was read, for the JSON "inputs" list.
type Input struct {
	File string `json:"file"`
	Kind Kind   `json:"kind"`
	Rows int    `json:"rows"`
}

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
}

// Loaded is an account read from its files.
type Loaded struct {
	Data     *records.Dataset
	Inputs   []Input
	Warnings []string
}

// Sink collects what report readers produce.
type Sink struct {
	Data     *records.Dataset
	warnings []string
	feedback []pendingFeedback
	// shipmentIndex finds an order's row in Data.Shipments, so overlapping
	// downloads count each order once.
	shipmentIndex map[string]int
}

// Warnf records a warning for the output's "warnings" list.
func (s *Sink) Warnf(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

// Load reads every path: a file must be a recognised report; a folder is
// read non-recursively (sub-folders and hidden files are skipped) and its
// unrecognised files are skipped with a warning. Several files of one kind
// are one data set.
func Load(paths []string, opt Options) (*Loaded, error) {
	l, err := load(paths, opt)
	if err != nil && !opt.ShowPII {
		err = redactError(err)
	}
	return l, err
}

func load(paths []string, opt Options) (*Loaded, error) {
	files, warnings, err := expand(paths)
	if err != nil {
		return nil, err
	}
	sink := &Sink{Data: records.NewDataset(), warnings: warnings}
	var inputs []Input
	for _, f := range files {
		t, err := openTableWith(f.path, opt)
		if err != nil {
			var ue *UnrecognisedError
			if errors.As(err, &ue) && !f.explicit {
				sink.Warnf("skipped %s: not a recognised report", f.path)
				continue
			}
			return nil, err
		}
		if t.Spec.Read == nil {
			sink.Warnf("skipped %s: %s, not used by this version", f.path, t.Spec.Title)
			t.Close()
			continue
		}
		if opt.Kinds != nil && !opt.Kinds[string(t.Spec.Kind)] {
			// A folder holds every report of the account; each command
			// reads what it needs. A file named on purpose gets a word.
			if f.explicit {
				sink.Warnf("skipped %s: %s, not used by this command", f.path, t.Spec.Title)
			}
			t.Close()
			continue
		}
		err = t.Spec.Read(t, sink)
		n := t.rowsRead
		t.Close()
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, Input{File: f.path, Kind: t.Spec.Kind, Rows: n})
		sink.Data.Kinds[string(t.Spec.Kind)] = true
		for col := range t.Cols {
			sink.Data.Columns[string(t.Spec.Kind)+"."+col] = true
		}
	}
	if err := resolveFeedback(sink, opt); err != nil {
		return nil, err
	}
	return &Loaded{Data: sink.Data, Inputs: inputs, Warnings: sink.warnings}, nil
}

type file struct {
	path     string
	explicit bool // named on the command line
}

// expand turns the command line's paths into files, in a stable order.
func expand(paths []string) ([]file, []string, error) {
	var out []file
	var warnings []string
	seen := map[string]int{} // absolute path -> index in out
	add := func(p string, explicit bool) {
		key, err := filepath.Abs(p)
		if err != nil {
			key = p
		}
		if i, ok := seen[key]; ok {
			// Named on the command line and also found in a named
			// folder: it must be a report all the same.
			out[i].explicit = out[i].explicit || explicit
			return
		}
		seen[key] = len(out)
		out = append(out, file{p, explicit})
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
			add(p, true)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", p, unwrapPath(err))
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
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
				continue
			}
			found++
			add(full, false)
		}
		if found == 0 {
			warnings = append(warnings, fmt.Sprintf("%s: folder holds no files", p))
		}
	}
	return out, warnings, nil
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
