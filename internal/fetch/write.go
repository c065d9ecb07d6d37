package fetch

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// tempFile is a file being written in the folder under a hidden name (the
// reader skips names starting with a dot), renamed to its own when it is
// complete: a run stopped halfway never leaves half a report behind.
type tempFile struct {
	f    *os.File
	dir  string
	name string    // the final name
	h    hash.Hash // SHA-256 of what was written, as it is written
	n    int64
}

func createTemp(dir, name string) (*tempFile, error) {
	f, err := os.CreateTemp(dir, ".fetch-"+name+"-*.tmp")
	if err != nil {
		return nil, err
	}
	// As a download from Seller Central would be (CreateTemp makes it
	// private to its owner).
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &tempFile{f: f, dir: dir, name: name, h: sha256.New()}, nil
}

func (t *tempFile) Write(p []byte) (int, error) {
	n, err := t.f.Write(p)
	t.h.Write(p[:n])
	t.n += int64(n)
	return n, err
}

// Reset empties the file, for a download that starts again.
func (t *tempFile) Reset() error {
	if err := t.f.Truncate(0); err != nil {
		return err
	}
	t.h.Reset()
	t.n = 0
	_, err := t.f.Seek(0, io.SeekStart)
	return err
}

// commit syncs the file and renames it to its name; it returns the file's
// size and SHA-256.
func (t *tempFile) commit() (int64, string, error) {
	if err := t.f.Sync(); err != nil {
		t.abort()
		return 0, "", err
	}
	tmp := t.f.Name()
	if err := t.f.Close(); err != nil {
		os.Remove(tmp)
		return 0, "", err
	}
	if err := os.Rename(tmp, filepath.Join(t.dir, t.name)); err != nil {
		os.Remove(tmp)
		return 0, "", err
	}
	return t.n, hex.EncodeToString(t.h.Sum(nil)), nil
}

// abort removes the temporary file.
func (t *tempFile) abort() {
	t.f.Close()
	os.Remove(t.f.Name())
}

// writeAtomic writes b as dir/name through a temporary file; it returns
// the file's size and SHA-256, as commit does.
func writeAtomic(dir, name string, b []byte) (int64, string, error) {
	t, err := createTemp(dir, name)
	if err != nil {
		return 0, "", err
	}
	if _, err := t.Write(b); err != nil {
		t.abort()
		return 0, "", err
	}
	return t.commit()
}

// fileSum is the size and SHA-256 of a file in the folder; ok false when it
// is not there.
func fileSum(path string) (int64, string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", false
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", false
	}
	return n, hex.EncodeToString(h.Sum(nil)), true
}

// table is a tab-separated file audit fetch writes itself (claims,
// chargebacks, shipments): a header and rows, merged run after run.
type table struct {
	header []string
	rows   [][]string
}

// readTable reads a table audit fetch wrote earlier; an empty table when
// the file is absent. A file whose header is not the one expected is not
// merged into: it is an error, so a file the seller put there under that
// name is never overwritten.
func readTable(path string, header []string) (*table, error) {
	t := &table{header: header}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		cells := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if !slices.Equal(cells, header) {
				return nil, fmt.Errorf("%s: not a file audit fetch wrote (its header is not %q): move it away or remove it", path, strings.Join(header, "\t"))
			}
			continue
		}
		if len(cells) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d cells, want %d: remove the file to fetch it again", path, line, len(cells), len(header))
		}
		t.rows = append(t.rows, cells)
	}
	return t, sc.Err()
}

// replace drops the rows for which drop says so, adds rows, and sorts the
// rows by their first cells so the file is the same whatever the order
// Amazon answered in.
func (t *table) replace(drop func([]string) bool, rows [][]string) {
	t.rows = slices.DeleteFunc(t.rows, drop)
	t.rows = append(t.rows, rows...)
	slices.SortStableFunc(t.rows, func(a, b []string) int { return slices.Compare(a, b) })
	t.rows = slices.CompactFunc(t.rows, slices.Equal)
}

func (t *table) bytes() []byte {
	var b strings.Builder
	b.WriteString(strings.Join(t.header, "\t"))
	b.WriteByte('\n')
	for _, r := range t.rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
