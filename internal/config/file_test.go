package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config file is a regular file of MaxFileSize bytes at most: a folder,
// a device that never ends or an overlong file is refused with an error
// naming it. A symbolic link to a regular file is followed; /dev/null
// reads as an empty file.
func TestFileNotRegularOrTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := write(t, dir, "big.yaml", "# "+strings.Repeat("x", MaxFileSize)+"\n")
	cases := map[string]string{
		dir: "is a folder",
		big: "more than a config file may hold",
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "is a device"
	}
	for path, want := range cases {
		_, err := Load(Options{Path: path, LookupEnv: noEnv})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "config file "+path+":") {
			t.Errorf("%s: %v, want %q naming the file", path, err, want)
		}
	}

	// Found in the working folder, it is bounded too.
	work := t.TempDir()
	found := write(t, work, "audit.yaml", "# "+strings.Repeat("x", MaxFileSize)+"\n")
	if _, err := Load(Options{Dir: work, LookupEnv: noEnv}); err == nil || !strings.Contains(err.Error(), found) {
		t.Errorf("overlong audit.yaml: %v", err)
	}

	good := write(t, dir, "good.yaml", "fail_on: warn\n")
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(good, link); err != nil {
		t.Skip(err)
	}
	c, err := Load(Options{Path: link, LookupEnv: noEnv})
	if err != nil {
		t.Fatalf("link to a regular file: %v", err)
	}
	if v, _ := c.Get("fail_on"); v.Raw != "warn" {
		t.Errorf("link to a regular file: fail_on %+v", v)
	}

	c, err = Load(Options{Path: os.DevNull, Dir: work, LookupEnv: noEnv})
	if err != nil || len(c.values) != 0 {
		t.Errorf("%s: %v, %v", os.DevNull, err, c)
	}
}
