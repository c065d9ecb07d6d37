package iostreams

import (
	"strings"
	"testing"
	"time"
)

func TestProgressOnATerminal(t *testing.T) {
	s, out, errOut := Test(true)
	p := s.StartProgress("auditing accounts", 12)
	for _, d := range []int{0, 1, 9, 9, 10, 12} { // an unchanged count is not redrawn
		p.Set(d)
	}
	p.Stop()
	p.Set(11) // after Stop: nothing
	p.Stop()  // twice: nothing
	want := "\rauditing accounts 0/12…" +
		"\rauditing accounts 1/12…" +
		"\rauditing accounts 9/12…" +
		"\rauditing accounts 10/12…" +
		"\rauditing accounts 12/12…" +
		"\r" + "                        " + "\r" // 24 runes: the longest line
	if got := errOut.String(); got != want {
		t.Errorf("stderr:\n got %q\nwant %q", got, want)
	}
	if out.Len() != 0 {
		t.Errorf("stdout got %q, want nothing", out.String())
	}
}

// A shorter line than the last one is padded, so no digit of the old one
// stays on screen.
func TestProgressPadsAShorterLine(t *testing.T) {
	s, _, errOut := Test(true)
	p := s.StartProgress("x", 100)
	p.Set(100)
	errOut.Reset()
	p.Set(5)
	if got, want := errOut.String(), "\rx 5/100…  "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProgressNeverInAPipe(t *testing.T) {
	s, out, errOut := Test(false)
	p := s.StartProgress("auditing accounts", 3)
	p.Set(1)
	p.Set(3)
	p.Stop()
	if errOut.Len() != 0 || out.Len() != 0 {
		t.Errorf("wrote stdout %q, stderr %q; want nothing without a terminal", out.String(), errOut.String())
	}
}

// Work that ends before the delay shows nothing: the timer is cancelled.
func TestProgressStoppedBeforeTheDelay(t *testing.T) {
	s, _, errOut := Test(true)
	s.ProgressDelay = time.Hour
	p := s.StartProgress("auditing accounts", 3)
	p.Set(1)
	p.Set(3)
	p.Stop()
	if errOut.Len() != 0 {
		t.Errorf("stderr got %q, want nothing before the delay", errOut.String())
	}
}

func TestProgressNil(t *testing.T) {
	var p *Progress
	p.Set(1)
	p.Stop()
}

func TestSystemWaitsASecond(t *testing.T) {
	if d := System().ProgressDelay; d != time.Second {
		t.Errorf("System().ProgressDelay = %v, want 1s", d)
	}
}

func TestProgressNote(t *testing.T) {
	s, _, errOut := Test(true)
	s.ProgressDelay = 0
	p := s.StartProgress("fetching", 4)
	p.Note("waiting for Amazon: orders-US-2026-11.tsv")
	p.Set(1)
	p.Note("")
	p.Stop()
	want := "\rfetching 0/4…" + "\rfetching 0/4… waiting for Amazon: orders-US-2026-11.tsv" + "\rfetching 1/4… waiting for Amazon: orders-US-2026-11.tsv" +
		"\rfetching 1/4…" + strings.Repeat(" ", 42) + "\r" + strings.Repeat(" ", 55) + "\r"
	if got := errOut.String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A line wider than the terminal is cut to fit, so it never wraps.
func TestProgressFitsTheTerminal(t *testing.T) {
	s, _, errOut := Test(true)
	s.ProgressDelay = 0
	s.ErrWidth = 20
	p := s.StartProgress("fetching", 4)
	p.Note("waiting for Amazon: orders-US-2026-11.tsv")
	p.Stop()
	want := "\rfetching 0/4…" + "\rfetching 0/4… wait…" + "\r" + strings.Repeat(" ", 19) + "\r"
	if got := errOut.String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
