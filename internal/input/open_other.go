//go:build !unix

package input

import "os"

// openNoWait opens a file found in a folder for reading. Without named
// pipes that wait for a writer (Windows' are not in folders), that is
// os.Open; the caller still checks that a regular file was opened.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }

// readable has nothing to undo here.
func readable(*os.File) error { return nil }
