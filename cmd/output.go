package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// writer draws one document in one format.
type writer func(w io.Writer, o render.Options) error

// renderOptions are the renderers' options from the flags: -o junit
// makes a <failure> of what --fail-on makes exit 1, and of nothing else.
// The table fits the terminal's width (emit draws a file at full width).
func (o *auditOptions) renderOptions() render.Options {
	return render.Options{Color: o.IO.ColorEnabled(), Details: o.Details || o.detailsOnly, DetailsOnly: o.detailsOnly,
		FailOn: o.failOn(), Width: o.IO.OutWidth, Title: o.title()}
}

// title is the HTML page's title: --title (html.title), else the name of
// the account's folder when one folder is given, else none. A fleet's
// page (--accounts) names each account by its folder itself.
func (o *auditOptions) title() string {
	if t := strings.TrimSpace(o.Title); t != "" || o.Accounts != "" {
		return t
	}
	if len(o.Paths) != 1 {
		return ""
	}
	if fi, err := os.Stat(o.Paths[0]); err != nil || !fi.IsDir() {
		return ""
	}
	abs, err := filepath.Abs(o.Paths[0])
	if err != nil {
		return ""
	}
	if name := filepath.Base(abs); name != string(filepath.Separator) && name != "." {
		return name
	}
	return ""
}

// failOn is --fail-on parsed: the statuses that make the exit code 1.
// The settings have checked it, so it parses.
func (o *auditOptions) failOn() health.FailOn {
	f, _ := health.ParseFailOn(o.FailOn)
	return f
}

// emit writes a command's document. Without --output-file the -o format
// goes to stdout, after the warnings on stderr unless the format carries
// them itself (json, html). With it, the -o format goes to the file,
// uncoloured, and the person at the terminal still gets the warnings and
// the table on stdout, whatever the format: `-o json --output-file
// health.json` keeps both, and so does the default table (`--output-file
// health.txt`).
func (o *auditOptions) emit(format, table writer, warnings []string) error {
	ropts := o.renderOptions()
	showWarnings := func() {
		for _, w := range warnings {
			printWarning(o.IO, w)
		}
	}
	if o.OutputFile == "" {
		if !render.EmbedsWarnings(o.Output) {
			showWarnings()
		}
		return format(o.IO.Out, ropts)
	}
	fileOpts := ropts
	fileOpts.Color, fileOpts.Width = false, 0 // a file is never coloured or narrowed
	if err := writeFileAtomic(o.OutputFile, func(w io.Writer) error { return format(w, fileOpts) }); err != nil {
		return err
	}
	showWarnings()
	return table(o.IO.Out, ropts)
}

// writeFileAtomic writes --output-file (docs/outputs.md, its paragraph at
// the top):
//
//   - A path that is not a regular file once symbolic links are followed
//     (a device such as /dev/null, a named pipe, a terminal) or that names a
//     standard stream (/dev/stdout, /dev/fd/N) is written in place: opened
//     for writing, never replaced.
//   - Any other path is written through a temporary file next to it, then
//     renamed over it, so a failed or interrupted run never leaves half a
//     report where the last good one was. A symbolic link to a regular file
//     is followed: its target is replaced, in the target's folder, and the
//     link kept. A symbolic link to nothing is refused.
//   - A file replaced keeps its permissions (a 0600 report stays 0600) and,
//     where the system allows, its owner; a new file gets 0666 less the
//     umask, as a shell's redirection would.
//   - Ctrl-C or SIGTERM while the temporary file exists removes it before
//     the process ends.
//   - A folder is refused.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	target, old, inPlace, err := outputTarget(path)
	if err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	if inPlace {
		return writeInPlace(target, fn)
	}
	return replaceFile("--output-file", target, old, 0o666, fn)
}

// outputTarget says where --output-file path writes: the file to replace
// (path, or the regular file a symbolic link leads to) and its current
// state (nil: none yet), or that path is written in place.
func outputTarget(path string) (target string, old fs.FileInfo, inPlace bool, err error) {
	if standardStream(path) {
		return path, nil, true, nil
	}
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil, false, nil
	}
	if err != nil {
		return "", nil, false, err
	}
	st, err := os.Stat(path)
	if err != nil {
		if lst.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			to, _ := os.Readlink(path)
			return "", nil, false, fmt.Errorf("%s is a symbolic link to %s, which does not exist", path, to)
		}
		return "", nil, false, err
	}
	switch {
	case st.IsDir():
		return "", nil, false, fmt.Errorf("%s is a folder", path)
	case !st.Mode().IsRegular():
		return path, nil, true, nil
	case lst.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", nil, false, err
		}
		return target, st, false, nil
	}
	return path, st, false, nil
}

// standardStream says whether path names one of the process's open files
// (/dev/stdout, /dev/stderr, /dev/fd/1, /proc/self/fd/1): whatever it
// leads to, it is written in place.
func standardStream(path string) bool {
	p := filepath.ToSlash(filepath.Clean(path))
	for _, prefix := range []string{"/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"} {
		if p == prefix || strings.HasPrefix(p, prefix) && strings.HasSuffix(prefix, "/") {
			return true
		}
	}
	return false
}

// writeInPlace writes to a file that is not to be replaced: a device, a
// named pipe (which waits for its reader, as a shell's redirection does)
// or a standard stream. O_APPEND: a stream the shell opened for appending
// is not written over.
func writeInPlace(path string, fn func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	return nil
}

// replaceFile writes path through a temporary file in path's folder,
// renamed over it once fn has written everything; the rename replaces
// path itself, never what a symbolic link there leads to. old is the file
// replaced (its permissions, and where allowed its owner, are kept), nil
// for a new file (perm less the umask). The temporary file is made with
// the final permissions, or fewer, so what it holds is never readable by
// more people than the file it becomes. Errors other than fn's start with
// label, if any.
func replaceFile(label, path string, old fs.FileInfo, perm fs.FileMode, fn func(io.Writer) error) error {
	fail := func(err error) error {
		err = namePath(err, path)
		if label == "" {
			return err
		}
		return fmt.Errorf("%s: %w", label, err)
	}
	if old != nil {
		perm = old.Mode().Perm()
	}
	g := guardTemp()
	defer g.done()
	tmp, err := g.create(filepath.Dir(path), "."+filepath.Base(path)+".", perm)
	if err != nil {
		return fail(err)
	}
	if err := fn(tmp); err != nil {
		tmp.Close()
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) && pe.Path == tmp.Name() {
			return fail(err) // writing the temporary file failed (a full disk)
		}
		return err
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if old != nil {
		if err := os.Chmod(tmp.Name(), perm); err != nil {
			return fail(err)
		}
		chownLike(tmp.Name(), old)
	}
	if err := g.rename(path); err != nil {
		return fail(err)
	}
	return nil
}

// namePath makes an error of the temporary file (making, writing, closing,
// renaming it) name the file asked for: "open /nonexistent/dir/x.json: no
// such file or directory", never ".x.json.1x2y3z.tmp".
func namePath(err error, path string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &fs.PathError{Op: le.Op, Path: path, Err: le.Err}
	}
	return err
}

// errInterrupted is what a write stopped by a signal returns, in the
// moment before the process ends.
var errInterrupted = errors.New("interrupted")

// tempGuard removes the temporary file being written when Ctrl-C or
// SIGTERM comes, then lets the signal end the process.
type tempGuard struct {
	mu          sync.Mutex
	name        string // the temporary file; "" before it exists and once renamed or removed
	interrupted bool
	stop        func()
}

var (
	// notifyInterrupt delivers Ctrl-C and SIGTERM to ch, unless the
	// process ignores them (a background job), and returns what undoes
	// it. Tests deliver their own signals.
	notifyInterrupt = func(ch chan<- os.Signal) (stop func()) {
		var sigs []os.Signal
		for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
			if !signal.Ignored(s) {
				sigs = append(sigs, s)
			}
		}
		if len(sigs) == 0 {
			return func() {}
		}
		signal.Notify(ch, sigs...)
		return func() { signal.Stop(ch) }
	}
	// dieOf ends the process as sig would have without a handler. Tests
	// record the call instead.
	dieOf = func(sig os.Signal) {
		// The handler is stopped, so the signal, raised again, takes its
		// default action.
		if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
			time.Sleep(10 * time.Second)
		}
		// Where a signal cannot be raised (Windows): the code shells give
		// a run stopped by Ctrl-C, 128 + SIGINT.
		os.Exit(130)
	}
)

// guardTemp starts watching for Ctrl-C and SIGTERM; done stops it.
func guardTemp() *tempGuard {
	g := &tempGuard{}
	ch := make(chan os.Signal, 1)
	stopNotify := notifyInterrupt(ch)
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			g.mu.Lock()
			defer g.mu.Unlock()
			g.interrupted = true
			if g.name != "" {
				os.Remove(g.name)
				g.name = ""
			}
			stopNotify()
			dieOf(sig)
		case <-quit:
		}
	}()
	g.stop = func() {
		stopNotify()
		close(quit)
	}
	return g
}

// create makes the temporary file, name prefix and a random suffix, in
// dir, with permissions perm less the umask.
func (g *tempGuard) create(dir, prefix string, perm fs.FileMode) (*os.File, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return nil, errInterrupted
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, err
		}
		g.name = name
		return f, nil
	}
}

// rename moves the temporary file to path, unless a signal came first.
func (g *tempGuard) rename(path string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return errInterrupted
	}
	if err := os.Rename(g.name, path); err != nil {
		return err
	}
	g.name = ""
	return nil
}

// done stops watching, and removes the temporary file if it was not
// renamed (an error).
func (g *tempGuard) done() {
	g.stop()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.name != "" {
		os.Remove(g.name)
		g.name = ""
	}
}
