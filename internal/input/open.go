package input

import (
	"io/fs"
	"os"
)

// openFile opens a file to read. A file named on the command line is
// opened as it is: a named pipe waits for its writer, as <(zcat x.gz)
// needs. A file found in a folder was a regular file when the folder was
// listed (expand), but may have been replaced since: it is opened without
// waiting (a named pipe would wait for a writer for ever) and must still be
// a regular file; when it is not, fh is nil and mode says what it is.
func openFile(f file) (fh *os.File, mode fs.FileMode, err error) {
	if f.explicit {
		fh, err = os.Open(f.path)
		return fh, 0, err
	}
	if fh, err = openNoWait(f.path); err != nil {
		return nil, 0, err
	}
	st, err := fh.Stat()
	if err == nil && !st.Mode().IsRegular() {
		fh.Close()
		return nil, st.Mode(), nil
	}
	if err == nil {
		err = readable(fh)
	}
	if err != nil {
		fh.Close()
		return nil, 0, err
	}
	return fh, st.Mode(), nil
}
