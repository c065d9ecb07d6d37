package input

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sellerhealth/audit/internal/records"
)

// ManifestName is the file audit fetch keeps in each folder it fills
// (docs/fetch.md): what it wrote there, and which days each file covers.
// Its name starts with a dot, so a folder's listing never takes it for a
// report.
const ManifestName = ".audit-fetch.json"

// maxManifest bounds the manifest read: a few hundred bytes a file.
const maxManifest = 16 << 20

// FetchedFile is what the manifest says of one file audit fetch wrote.
type FetchedFile struct {
	File   string `json:"file"`   // its name in the folder
	Kind   string `json:"kind"`   // the input kind audit reads it as
	Source string `json:"source"` // the SP-API report type or operation
	Store  string `json:"store,omitempty"`
	// Field and Covers are the days the file was asked for, by the date
	// that places its rows: a report covers them whether or not a day
	// holds a row (a report Amazon cancelled for lack of data holds none).
	Field     records.DateField `json:"field,omitempty"`
	Covers    []records.Range   `json:"covers,omitempty"`
	Size      int64             `json:"size"`
	SHA256    string            `json:"sha256"`
	FetchedAt time.Time         `json:"fetched_at"`
}

// ReadFetched reads the files list of dir's manifest; nil, nil when dir
// has none.
func ReadFetched(dir string) ([]FetchedFile, error) {
	p := filepath.Join(dir, ManifestName)
	st, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s", p, notRegular(st.Mode()))
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxManifest {
		return nil, fmt.Errorf("%s: larger than %d MiB", p, maxManifest>>20)
	}
	var m struct {
		Files []FetchedFile `json:"files"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	return m.Files, nil
}

// declaredSpans are the spans a fetched file's manifest entry declares.
func (f *FetchedFile) declaredSpans() []records.Span {
	if f.Field == 0 {
		return nil
	}
	out := make([]records.Span, 0, len(f.Covers))
	for _, r := range f.Covers {
		if r.From > r.To {
			continue
		}
		out = append(out, records.Span{Field: f.Field, Store: f.Store, From: r.From, To: r.To, Declared: true})
	}
	return out
}

// fetchedIn reads the manifest of a folder being listed, for expand: the
// entries by file name, and a warning when it cannot be read (its files
// are then read like any download, their days read off their rows).
func fetchedIn(dir string) (map[string]*FetchedFile, string) {
	list, err := ReadFetched(dir)
	if err != nil {
		return nil, fmt.Sprintf("ignored %s: %v: the days of the files audit fetch wrote are read off their rows", filepath.Join(dir, ManifestName), unwrapPath(err))
	}
	if len(list) == 0 {
		return nil, ""
	}
	out := make(map[string]*FetchedFile, len(list))
	for i := range list {
		out[list[i].File] = &list[i]
	}
	return out, ""
}

// addDeclared adds to the inputs read the days their manifest entries
// declare, for the files whose kind is the one the manifest says.
func addDeclared(inputs []records.InputFile, files []file) {
	byPath := map[string]*FetchedFile{}
	for _, f := range files {
		if f.fetched != nil {
			byPath[f.path] = f.fetched
		}
	}
	if len(byPath) == 0 {
		return
	}
	for i := range inputs {
		if ff := byPath[inputs[i].File]; ff != nil && ff.Kind == inputs[i].Kind {
			inputs[i].Spans = append(inputs[i].Spans, ff.declaredSpans()...)
		}
	}
}
