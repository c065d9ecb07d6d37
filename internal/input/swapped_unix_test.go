//go:build unix

package input

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/records"
)

// A file of a folder replaced by a named pipe after the folder was listed
// (expand) and before it is read (loader.file): it is opened without
// waiting for a writer, found not to be a file, and skipped with the
// warning a pipe listed in the folder gets. Opening it as a file waited
// for a writer for ever. A file replaced by a folder is skipped too.
func TestFileSwappedForFIFO(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", claimsHeader+"\n111-1,2026-09-01,granted\n")
	b := writeFile(t, dir, "b.csv", claimsHeader+"\n111-2,2026-09-02,granted\n")
	c := writeFile(t, dir, "c.csv", claimsHeader+"\n111-3,2026-09-03,granted\n")
	files, warnings, err := expand([]string{dir})
	if err != nil || len(files) != 3 || len(warnings) != 0 {
		t.Fatalf("expand: %v, %v, %q", files, err, warnings)
	}

	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(b, 0o644); err != nil {
		t.Skip("no mkfifo here:", err)
	}
	t.Cleanup(func() {
		// Should the reader wait on the pipe, a writer lets it go.
		if w, err := os.OpenFile(b, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	if err := os.Remove(c); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(c, 0o755); err != nil {
		t.Fatal(err)
	}

	ld := &loader{sink: &Sink{Data: records.NewDataset()}}
	done := make(chan error, 1)
	go func() {
		for i, f := range files {
			ld.sink.file = i
			if err := ld.file(f); err != nil {
				done <- err
				return
			}
		}
		done <- ld.join(nil, 0)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading the folder waits on the named pipe that replaced b.csv")
	}
	if len(ld.inputs) != 1 || ld.inputs[0].File != a {
		t.Errorf("inputs %+v", ld.inputs)
	}
	want := []string{"skipped " + b + ": a named pipe (FIFO), not a file", "skipped " + c + ": not a regular file"}
	if got := ld.sink.warnings; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("warnings\n got: %q\nwant: %q", got, want)
	}

}
