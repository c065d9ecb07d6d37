//go:build unix

package cmd

import (
	"io/fs"
	"os"
	"syscall"
)

// chownLike gives path the owner and group of old, where the system
// allows it (root, or a group the user is in); it is best effort.
func chownLike(path string, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = os.Lchown(path, int(st.Uid), int(st.Gid))
	}
}
