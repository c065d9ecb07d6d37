// Package iostreams carries a command's input and output streams and decides,
// once, whether output is a terminal and whether it is coloured.
package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// IOStreams is what a command writes to.
type IOStreams struct {
	Out    io.Writer
	ErrOut io.Writer
	// ProgressDelay is how long work runs before a progress line shows on
	// a terminal stderr (progress.go): a second for System, none for Test.
	ProgressDelay time.Duration
	// ErrWidth is the width of the terminal stderr is, in columns (0:
	// unknown, or not a terminal): a progress line never wraps past it.
	ErrWidth int
	// OutWidth is the width of the terminal stdout is, in columns: COLUMNS
	// when it is a positive number, else the terminal's own (0: unknown, or
	// not a terminal). The table fits it.
	OutWidth int

	outTTY bool
	errTTY bool
	color  bool
}

// System returns the process's streams, with terminal detection and colour
// from the environment (autoColor).
func System() *IOStreams {
	s := &IOStreams{Out: os.Stdout, ErrOut: os.Stderr, ProgressDelay: DefaultProgressDelay,
		outTTY: isTerminal(os.Stdout), errTTY: isTerminal(os.Stderr)}
	if s.errTTY {
		if w, _, err := term.GetSize(int(os.Stderr.Fd())); err == nil {
			s.ErrWidth = w
		}
	}
	if s.outTTY {
		s.OutWidth = outWidth(os.Getenv("COLUMNS"), func() (int, error) {
			w, _, err := term.GetSize(int(os.Stdout.Fd()))
			return w, err
		})
	}
	s.color = autoColor(s.outTTY, os.LookupEnv)
	return s
}

// autoColor is --color auto: colour on a terminal, unless NO_COLOR is set
// to a non-empty value (no-color.org: an empty NO_COLOR= is not a request)
// or the terminal is TERM=dumb; a CLICOLOR_FORCE set and not "0" turns it
// on, even in a pipe, unless NO_COLOR says no.
func autoColor(tty bool, lookup func(string) (string, bool)) bool {
	if noColor(lookup) {
		return false
	}
	if v, _ := lookup("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if t, _ := lookup("TERM"); t == "dumb" {
		return false
	}
	return tty
}

func noColor(lookup func(string) (string, bool)) bool {
	v, _ := lookup("NO_COLOR")
	return v != ""
}

// NoColorEnv says whether NO_COLOR is set to a non-empty value, which wins
// over --color always too.
func NoColorEnv() bool { return noColor(os.LookupEnv) }

// outWidth is a terminal's width: COLUMNS when it is a positive number (as
// many programs let it override), else what size says (0 when it fails).
func outWidth(columns string, size func() (int, error)) int {
	if n, err := strconv.Atoi(strings.TrimSpace(columns)); err == nil && n > 0 {
		return n
	}
	if w, err := size(); err == nil && w > 0 {
		return w
	}
	return 0
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Test returns streams backed by buffers; tty sets both terminal flags and
// colour, so tests can render either way.
func Test(tty bool) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{Out: out, ErrOut: errOut, outTTY: tty, errTTY: tty, color: tty}, out, errOut
}

// IsStdoutTTY says whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY says whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// ColorEnabled says whether output may carry ANSI colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// SetColorMode applies --color: auto keeps the detected choice.
func (s *IOStreams) SetColorMode(mode string) error {
	switch mode {
	case "auto":
	case "always":
		s.color = !NoColorEnv()
	case "never":
		s.color = false
	default:
		return fmt.Errorf("--color must be auto, always or never, got %q", mode)
	}
	return nil
}
