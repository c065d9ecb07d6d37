//go:build unix

package input

import (
	"os"
	"syscall"
)

// openNoWait opens a file found in a folder for reading without waiting:
// it was a regular file when the folder was listed, but may have been
// replaced since by a named pipe, whose opening would wait for a writer
// for ever. With O_NONBLOCK the open returns at once; the caller then
// checks what was opened (fstat) and reads only a regular file, after
// clearing the flag (readable).
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// readable clears O_NONBLOCK on a regular file opened by openNoWait, so
// that it reads as any file (the flag means nothing to a regular file on
// Linux, but POSIX leaves it open).
func readable(fh *os.File) error {
	rc, err := fh.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}
