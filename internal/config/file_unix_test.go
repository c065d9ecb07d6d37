//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe as the config file, named or behind a symbolic link, is
// refused at once: opening it would wait for a writer.
func TestFileFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "audit.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	// Unblock an open that waits, should one.
	t.Cleanup(func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	for _, path := range []string{fifo, link} {
		done := make(chan error, 1)
		go func() {
			_, err := Load(Options{Path: path, LookupEnv: noEnv})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "config file "+path+": is a named pipe") {
				t.Errorf("%s: %v", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Load still waits after 5s", path)
		}
	}
	// Found in the working folder, a named pipe is not a config file.
	if c, err := Load(Options{Dir: dir, LookupEnv: noEnv}); err != nil || c.File != "" {
		t.Errorf("audit.yaml a named pipe: %v, %q", err, c.File)
	}
}

// A named pipe put in place of the file after find looked is refused when
// read, not waited on.
func TestReadBoundedFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "c.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := readBounded(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("readBounded: %v", err)
		}
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("readBounded still waits after 5s")
	}
}
