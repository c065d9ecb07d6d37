//go:build unix

package cmd

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// A new report gets 0666 less the umask, as a shell's redirection would
// (it was always 0644).
func TestOutputFileUmask(t *testing.T) {
	dir := t.TempDir()
	for umask, want := range map[int]fs.FileMode{0o077: 0o600, 0o027: 0o640, 0o002: 0o664, 0o022: 0o644} {
		path := filepath.Join(dir, "new.json")
		os.Remove(path)
		old := syscall.Umask(umask)
		err := writeFileAtomic(path, writeString("new"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("umask %03o: mode %v, want %v", umask, st.Mode().Perm(), want)
		}
	}
}

// A named pipe is written in place, for its reader, not replaced by a
// regular file.
func TestOutputFileFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "report.pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	done := make(chan error, 1)
	go func() { done <- writeFileAtomic(fifo, writeString("through the pipe")) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writeFileAtomic still runs after 10s")
	}
	select {
	case s := <-got:
		if s != "through the pipe" {
			t.Errorf("the reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		// Release the reader, which waits for a writer that never came.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("the reader got nothing")
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe is now %v (%v)", st.Mode(), err)
	}
	if l := leftovers(t, dir, "report.pipe"); len(l) > 0 {
		t.Errorf("left behind: %q", l)
	}
}

// The real handler: SIGTERM while writing removes the temporary file and
// then ends the process (here, dieOf records it).
func TestOutputFileSIGTERM(t *testing.T) {
	died := make(chan os.Signal, 1)
	oldDie := dieOf
	t.Cleanup(func() { dieOf = oldDie })
	dieOf = func(sig os.Signal) { died <- sig }
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	err := writeFileAtomic(path, func(w io.Writer) error {
		if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case sig := <-died:
			if sig != syscall.SIGTERM {
				t.Errorf("died of %v", sig)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("SIGTERM was not handled")
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("after SIGTERM: %q left behind", l)
		}
		return nil
	})
	if err == nil {
		t.Error("an interrupted write succeeded")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the report was written")
	}
}

// Ctrl-C while writing, for real: the temporary file is removed, and the
// process then dies of the signal, as it would have without the handler
// (a shell reports 130). Run in a child process of the test binary.
func TestOutputFileDiesOfSignal(t *testing.T) {
	if dir := os.Getenv("OUTPUT_TEST_DIE_DIR"); dir != "" {
		writeFileAtomic(filepath.Join(dir, "report.json"), func(w io.Writer) error {
			io.WriteString(w, "half a rep")
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			time.Sleep(20 * time.Second)
			return nil
		})
		os.Exit(0) // not reached: the signal ends the process
	}
	dir := t.TempDir()
	c := exec.Command(os.Args[0], "-test.run=^TestOutputFileDiesOfSignal$")
	c.Env = append(os.Environ(), "OUTPUT_TEST_DIE_DIR="+dir)
	err := c.Run()
	ws, ok := c.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("the child ended with %v, want death by SIGINT", err)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %q", l)
	}
}

// /dev/stdout and its kin name an open file of the process: written in
// place (it failed: no temporary file can be made in /dev/fd).
func TestOutputFileStandardStream(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(path); err != nil {
		w.Close()
		t.Skip(err)
	}
	got := make(chan string, 1)
	go func() { b, _ := io.ReadAll(r); got <- string(b) }()
	err = writeFileAtomic(path, writeString("to the stream"))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "to the stream" {
		t.Errorf("the stream got %q", s)
	}
}
