package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// audit config init never writes through a symbolic link: a dangling
// audit.yaml link had its target created. Without --force it is refused;
// with it, the link itself is replaced and its target left alone.
func TestConfigInitSymlink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "planted.yaml")
	link := filepath.Join(dir, "audit.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	r := runEnv(t, nil, "config", "init", link)
	if r.code != ExitError || !strings.Contains(r.stderr, link+" is a symbolic link to "+target) {
		t.Errorf("dangling link: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Lstat(target); err == nil {
		t.Fatal("dangling link: its target was created")
	}
	if r := runEnv(t, nil, "config", "init", "--force", link); r.code != ExitOK {
		t.Fatalf("--force: exit %d %s", r.code, r.stderr)
	}
	st, err := os.Lstat(link)
	if err != nil || !st.Mode().IsRegular() {
		t.Errorf("--force: %s is %v (%v), want the starter file in the link's place", link, st.Mode(), err)
	}
	if _, err := os.Lstat(target); err == nil {
		t.Error("--force: the link's target was created")
	}

	// A link to a file: refused; the file is left alone.
	mine := filepath.Join(elsewhere, "mine.yaml")
	if err := os.WriteFile(mine, []byte("fail_on: warn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link2 := filepath.Join(dir, "other.yaml")
	if err := os.Symlink(mine, link2); err != nil {
		t.Fatal(err)
	}
	if r := runEnv(t, nil, "config", "init", link2); r.code != ExitError || !strings.Contains(r.stderr, "symbolic link") {
		t.Errorf("link to a file: exit %d %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(mine); string(b) != "fail_on: warn\n" {
		t.Errorf("link to a file: the file now holds %q", b)
	}
}

// A folder is a folder, --force or not: no suggestion to force it.
func TestConfigInitFolder(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"config", "init", dir}, {"config", "init", "--force", dir}} {
		r := runEnv(t, nil, args...)
		if r.code != ExitError || !strings.Contains(r.stderr, dir+" is a folder") || strings.Contains(r.stderr, "--force") {
			t.Errorf("%v: exit %d %s", args, r.code, r.stderr)
		}
	}
	missing := filepath.Join(dir, "sub", "x.yaml")
	if r := runEnv(t, nil, "config", "init", missing); r.code != ExitError || !strings.Contains(r.stderr, "audit: open "+missing+": no such file or directory") {
		t.Errorf("missing folder: exit %d %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// --force replaces a file whole and keeps its permissions.
func TestConfigInitForceKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	p := filepath.Join(t.TempDir(), "audit.yaml")
	if err := os.WriteFile(p, []byte("fail_on: warn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runEnv(t, nil, "config", "init", "--force", p); r.code != ExitOK {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	st, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != starterConfig || st.Mode().Perm() != fs.FileMode(0o600) {
		t.Errorf("mode %v, starter %v", st.Mode(), string(b) == starterConfig)
	}
}
