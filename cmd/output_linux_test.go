package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A device is written in place: as root, --output-file /dev/null must not
// replace the device with a regular file. Tested on a copy of the null
// device made for the test (root: never risk /dev/null itself), or on
// /dev/null when not root (where the old code failed to make its
// temporary file in /dev).
func TestOutputFileDevice(t *testing.T) {
	dev := "/dev/null"
	if os.Getuid() == 0 {
		var null syscall.Stat_t
		if err := syscall.Stat("/dev/null", &null); err != nil {
			t.Skip(err)
		}
		dev = filepath.Join(t.TempDir(), "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(null.Rdev)); err != nil {
			t.Skip(err)
		}
		if f, err := os.OpenFile(dev, os.O_WRONLY, 0); err != nil {
			t.Skip(err) // a filesystem mounted nodev
		} else {
			f.Close()
		}
	}
	if err := writeFileAtomic(dev, writeString("nothing")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(dev)
	if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("%s is now %v (%v)", dev, st.Mode(), err)
	}
	// A symbolic link to the device, like /dev/stdout to a terminal.
	link := filepath.Join(t.TempDir(), "out")
	if err := os.Symlink(dev, link); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(link, writeString("nothing")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is now %v (%v)", st.Mode(), err)
	}
}
