package iostreams

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// DefaultProgressDelay is how long work runs before System's streams show
// a progress line: quick runs never flicker one.
const DefaultProgressDelay = time.Second

// Progress is a one-line counter on stderr ("auditing accounts 3/12…"),
// rewritten in place with a carriage return and cleared by Stop. It is
// drawn only when stderr is a terminal, and only once the work has taken
// longer than the streams' ProgressDelay; otherwise, and on a nil
// *Progress, its methods do nothing, so pipes and CI logs never see it.
// Its methods may be called from several goroutines.
type Progress struct {
	mu      sync.Mutex
	s       *IOStreams
	label   string
	total   int
	done    int
	shown   bool // drawn at least once: Stop must clear it
	stopped bool
	width   int // length of the last line drawn, to clear it
	timer   *time.Timer
	percent bool   // draw "label 37%…" rather than "label 3/12…"
	note    string // after the count: what is being waited for
}

// StartProgress starts a progress line of total steps. Without a terminal
// on stderr it returns a Progress that does nothing.
func (s *IOStreams) StartProgress(label string, total int) *Progress {
	return s.start(&Progress{s: s, label: label, total: total})
}

// StartPercent starts a progress line that shows a percentage: Set takes
// 0..100.
func (s *IOStreams) StartPercent(label string) *Progress {
	return s.start(&Progress{s: s, label: label, total: 100, percent: true})
}

func (s *IOStreams) start(p *Progress) *Progress {
	if !s.errTTY {
		p.stopped = true
		return p
	}
	if s.ProgressDelay <= 0 {
		p.mu.Lock()
		p.draw()
		p.mu.Unlock()
		return p
	}
	p.timer = time.AfterFunc(s.ProgressDelay, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.stopped {
			p.draw()
		}
	})
	return p
}

// Set records that done of the total steps are finished, redrawing the line
// if it is showing and the count changed.
func (p *Progress) Set(done int) { p.change(func(q *Progress) { q.done = done }) }

// SetTotal records done of total steps, for work whose total is known
// only once it runs.
func (p *Progress) SetTotal(done, total int) {
	p.change(func(q *Progress) { q.done, q.total = done, total })
}

// Note sets what the line says after the count ("waiting for Amazon:
// orders-US-2026-11.tsv"), redrawing it if it is showing.
func (p *Progress) Note(note string) { p.change(func(q *Progress) { q.note = note }) }

// change applies fn under the lock, redrawing the line if it is showing
// and fn changed what it says.
func (p *Progress) change(fn func(*Progress)) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	done, total, note := p.done, p.total, p.note
	fn(p)
	if p.shown && (done != p.done || total != p.total || note != p.note) {
		p.draw()
	}
}

// Stop cancels a line not yet drawn and clears one that was, leaving the
// cursor at the start of an empty line for the output that follows.
func (p *Progress) Stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.stopped = true
	if p.timer != nil {
		p.timer.Stop()
	}
	if p.shown {
		fmt.Fprint(p.s.ErrOut, "\r"+strings.Repeat(" ", p.width)+"\r")
	}
}

// draw writes the line over the previous one; p.mu is held.
func (p *Progress) draw() {
	line := fmt.Sprintf("%s %d/%d…", p.label, p.done, p.total)
	if p.percent {
		line = fmt.Sprintf("%s %d%%…", p.label, p.done)
	}
	if p.note != "" {
		line += " " + p.note
	}
	// A line wider than the terminal would wrap, and the carriage return
	// would then rewrite only its last part: cut it to fit.
	if w := p.s.ErrWidth; w > 1 {
		if r := []rune(line); len(r) > w-1 {
			line = string(r[:w-2]) + "…"
		}
	}
	pad := ""
	if n := len([]rune(line)); n < p.width {
		pad = strings.Repeat(" ", p.width-n)
	} else {
		p.width = n
	}
	fmt.Fprint(p.s.ErrOut, "\r"+line+pad)
	p.shown = true
}
