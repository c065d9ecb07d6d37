//go:build unix

package input

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Hostile files that need Unix: named pipes and permissions (Windows has
// neither mkfifo nor chmod 000).

// A named pipe in a folder is skipped with a warning and never opened:
// opening it would wait for a writer for ever. Named on the command line
// it is read, as <(zcat orders.txt.gz) is.
func TestHostileFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "orders.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no mkfifo here:", err)
	}
	a := writeFile(t, dir, "a.txt", ordersBody)
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 1}})
	checkWarnings(t, l, "skipped "+fifo+": a named pipe (FIFO), not a file")

	only := t.TempDir()
	lone := filepath.Join(only, "pipe")
	if err := syscall.Mkfifo(lone, 0o644); err != nil {
		t.Fatal(err)
	}
	l = mustLoad(t, Options{}, only)
	checkWarnings(t, l, "skipped "+lone+": a named pipe (FIFO), not a file", only+": folder holds no files")

	feed := func(body string) {
		go func() {
			f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			f.Write([]byte(body)) // the reader may stop early: EPIPE is fine
			f.Close()
		}()
	}
	feed(ordersBody)
	l = mustLoad(t, Options{}, fifo)
	checkInputs(t, l, []records.InputFile{{File: fifo, Kind: "orders", Rows: 1}})

	// A zip archive needs a file (its index is at its end).
	feed(makeZip(t, member{name: "orders.txt", body: ordersBody}))
	err := loadErr(t, Options{}, fifo)
	wantErr(t, err, fifo+": a zip archive that is not a regular file (a pipe?); save it to a file first", new(*InputError))
}

// A file that cannot be read: skipped with a warning in a folder, an
// error named on the command line. Root reads any file, so the test
// needs another user.
func TestHostileUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a file of mode 000")
	}
	dir := t.TempDir()
	p := writeFile(t, dir, "orders.txt", ordersBody)
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	a := writeFile(t, dir, "a.txt", ordersBody)
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 1}})
	checkWarnings(t, l, "skipped "+p+": permission denied")

	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+": permission denied", new(*InputError))
}
