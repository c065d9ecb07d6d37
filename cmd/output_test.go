package cmd

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// writeString is a writer callback of writeFileAtomic writing s.
func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// leftovers lists the files of dir other than want: temporary files left
// behind.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		keep := false
		for _, w := range want {
			keep = keep || e.Name() == w
		}
		if !keep {
			out = append(out, e.Name())
		}
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An existing report keeps its permissions when replaced: a 0600 report
// stays 0600 (it became 0644).
func TestOutputFileKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o604} {
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := writeFileAtomic(path, writeString("new")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode || readString(t, path) != "new" {
			t.Errorf("mode %v: now %v, %q", mode, st.Mode().Perm(), readString(t, path))
		}
	}
	if l := leftovers(t, dir, "report.json"); len(l) > 0 {
		t.Errorf("left behind: %q", l)
	}
}

// A symbolic link to a regular file is written through: the target is
// replaced (keeping its mode), the link stays a link. A link to nothing
// is refused, and so is a folder.
func TestOutputFileSymlink(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	target := filepath.Join(other, "real.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.json")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := writeFileAtomic(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	lst, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(target)
	if lst.Mode()&fs.ModeSymlink == 0 || readString(t, target) != "new" || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Errorf("link %v, target %v %q", lst.Mode(), st.Mode(), readString(t, target))
	}
	if l := leftovers(t, other, "real.json"); len(l) > 0 {
		t.Errorf("left behind next to the target: %q", l)
	}
	if l := leftovers(t, dir, "report.json"); len(l) > 0 {
		t.Errorf("left behind next to the link: %q", l)
	}

	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(other, "nothing.json"), dangling); err != nil {
		t.Fatal(err)
	}
	err = writeFileAtomic(dangling, writeString("new"))
	if err == nil || !strings.Contains(err.Error(), "symbolic link to") {
		t.Errorf("dangling link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "nothing.json")); err == nil {
		t.Error("dangling link: its target was created")
	}

	err = writeFileAtomic(other, writeString("new"))
	if err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
}

// A failed rendering leaves the last good report and no temporary file.
func TestOutputFileFailedWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("good"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := writeFileAtomic(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if readString(t, path) != "good" {
		t.Errorf("report now %q", readString(t, path))
	}
	if l := leftovers(t, dir, "report.json"); len(l) > 0 {
		t.Errorf("left behind: %q", l)
	}
}

// Ctrl-C while the report is written removes the temporary file before
// the process ends; the last good report stays.
func TestOutputFileInterrupted(t *testing.T) {
	sigs := make(chan chan<- os.Signal, 1)
	died := make(chan os.Signal, 1)
	oldNotify, oldDie := notifyInterrupt, dieOf
	t.Cleanup(func() { notifyInterrupt, dieOf = oldNotify, oldDie })
	notifyInterrupt = func(ch chan<- os.Signal) func() { sigs <- ch; return func() {} }
	dieOf = func(sig os.Signal) { died <- sig }

	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("good"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a rep")
		if l := leftovers(t, dir, "report.json"); len(l) != 1 {
			t.Errorf("while writing: %q, want one temporary file", l)
		}
		select {
		case ch := <-sigs:
			ch <- os.Interrupt
		default:
			t.Fatal("no handler for Ctrl-C while writing")
		}
		select {
		case sig := <-died:
			if sig != os.Interrupt {
				t.Errorf("died of %v", sig)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the signal did not end the process")
		}
		// The process would be gone by now: nothing is left behind.
		if l := leftovers(t, dir, "report.json"); len(l) > 0 {
			t.Errorf("after Ctrl-C: %q left behind", l)
		}
		_, err := io.WriteString(w, "ort")
		return err
	})
	if err == nil {
		t.Error("an interrupted write succeeded")
	}
	if readString(t, path) != "good" {
		t.Errorf("report now %q", readString(t, path))
	}
}

// --output-file with the default table: the file gets the table,
// uncoloured, and the terminal still gets the table and the warnings.
func TestOutputFileTableStillShown(t *testing.T) {
	plain := run(t, true, "odr", "--as-of", "2026-11-20", "--color", "never", acme)
	tty := run(t, true, "odr", "--as-of", "2026-11-20", acme)
	for _, args := range [][]string{{}, {"-o", "table"}} {
		path := filepath.Join(t.TempDir(), "health.txt")
		r := run(t, true, append(append([]string{"odr", "--as-of", "2026-11-20"}, args...), "--output-file", path, acme)...)
		if r.code != ExitFailed {
			t.Fatalf("%v: exit %d, stderr %s", args, r.code, r.stderr)
		}
		if got := readString(t, path); got != plain.stdout {
			t.Errorf("%v: the file is not the uncoloured table:\n%s", args, firstDiff(got, plain.stdout))
		}
		if r.stdout != tty.stdout {
			t.Errorf("%v: the terminal did not get the table:\n%s", args, firstDiff(r.stdout, tty.stdout))
		}
		if !strings.Contains(r.stderr, "warning: skipped "+acme+"/notes.md") || r.stderr != tty.stderr {
			t.Errorf("%v: stderr %q, want the warnings as without --output-file: %q", args, r.stderr, tty.stderr)
		}
	}
}

// An --output-file that cannot be written names the file asked for, never
// the temporary file beside it.
func TestOutputFileErrorNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nonexistent", "dir", "x.json")
	r := run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", "--output-file", path, acme)
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if want := "audit: --output-file: open " + path + ": no such file or directory\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if strings.Contains(r.stderr, ".x.json.") {
		t.Errorf("the error names the temporary file: %q", r.stderr)
	}
	// A rename that fails (the Link and Path errors of the steps after the
	// file is made) names it too.
	tmp := filepath.Join(filepath.Dir(path), ".x.json.abc.tmp")
	for _, err := range []error{
		&os.LinkError{Op: "rename", Old: tmp, New: path, Err: fs.ErrPermission},
		&fs.PathError{Op: "chmod", Path: tmp, Err: fs.ErrPermission},
	} {
		got := namePath(err, path).Error()
		if strings.Contains(got, ".x.json.abc") || !strings.Contains(got, path) {
			t.Errorf("namePath(%v) = %q, want %s named", err, got, path)
		}
	}
}
