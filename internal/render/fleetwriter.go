package render

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
)

// A fleet's document is drawn in two steps, so that memory holds one
// account's report per job, never every account's (docs/accounts.md,
// "Memory with many accounts"):
//
//   - part draws what the document shows of one account's whole report
//     (its JSON object, its JUnit suite, its section of the HTML page, its
//     CSV rows, its own table under --details) as soon as the account is
//     audited, on the job's goroutine. The bytes go to a temporary file
//     and the report is dropped.
//   - finish writes the document once every account is done: what needs
//     all of them (the fleet's status, JUnit's totals, the summary table's
//     columns, the HTML overview's order) from the accounts' summaries
//     (health.Summary), and each account's part read back from the file in
//     the order the document lists them.
//
// The bytes are those of drawing the whole fleet at once: a part is the
// very text the whole document has for the account.
type fleetFormat struct {
	// part draws what the document shows of a.Report (nil when a.Error is
	// set) beyond a.Summary; nil when the document shows nothing more.
	part func(a health.Account, c partContext) (fleetPart, error)
	// finish writes the document. f's accounts have their Summary and
	// no Report; parts reads an account's part back by its index.
	finish func(w io.Writer, f *health.Fleet, parts *fleetParts, o Options) error
}

// partContext is what an account's part may read besides the account.
type partContext struct {
	o    Options
	asOf civil.Date // the fleet's
	// token stands for the account's anchor on the HTML page, which
	// depends on its place among all the accounts (htmlFleetPart).
	token string
}

// fleetPart is the text of one account in a fleet's document, and for
// JUnit the counts of its suite, which the document's totals add up.
type fleetPart struct {
	data  []byte
	junit junitTally
}

// FleetWriter draws one format's document of a fleet while its accounts
// are audited: Account with each account's whole report as soon as it is
// audited (any goroutine, any order), then Finish with the fleet of
// summaries, then Close.
type FleetWriter struct {
	format fleetFormat
	c      partContext
	parts  *fleetParts
}

// NewFleetWriter is the writer of format name's document of a fleet
// audited as of asOf. The accounts' parts wait in a temporary file (os.TempDir)
// until Finish; Close removes it.
func NewFleetWriter(name string, asOf civil.Date, o Options) (*FleetWriter, error) {
	ff := formatNamed(name).fleet
	if ff.finish == nil {
		_, err := LookupFleet(name)
		return nil, err
	}
	token := newToken()
	return &FleetWriter{format: ff, c: partContext{o: o, asOf: asOf, token: token}, parts: &fleetParts{token: token, spill: true}}, nil
}

// Account draws account i's part from its whole report (a.Report, or
// a.Error). It is safe to call from several goroutines; the writer keeps
// the bytes, not the report. An error is kept for Finish.
func (fw *FleetWriter) Account(i int, a health.Account) {
	if fw.format.part == nil {
		return
	}
	p, err := fw.format.part(a, fw.c)
	fw.parts.put(i, p, err)
}

// Finish writes the document to w: f's accounts need only their Summary
// (or Error).
func (fw *FleetWriter) Finish(w io.Writer, f *health.Fleet) error {
	if err := fw.parts.failed(); err != nil {
		return err
	}
	return fw.format.finish(w, f, fw.parts, fw.c.o)
}

// Close removes the temporary file of the parts.
func (fw *FleetWriter) Close() error { return fw.parts.close() }

// fleetRenderer draws a fleet of whole reports at once, through the same
// two steps, its parts kept in memory: what FleetTable, FleetJSON and the
// others are.
func fleetRenderer(ff fleetFormat) FleetRenderer {
	return func(w io.Writer, f *health.Fleet, o Options) error {
		token := newToken()
		fw := &FleetWriter{format: ff, c: partContext{o: o, asOf: f.AsOf, token: token}, parts: &fleetParts{token: token}}
		g := *f
		g.Accounts = make([]health.Account, len(f.Accounts))
		for i, a := range f.Accounts {
			fw.Account(i, a)
			a = a.Summarized()
			a.Report = nil
			g.Accounts[i] = a
		}
		defer fw.Close()
		return fw.Finish(w, &g)
	}
}

// newToken is a word no file holds: 16 random hexadecimal digits after a
// letter, an id on an HTML page until the account's place is known.
func newToken() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return "t" + hex.EncodeToString(b[:])
}

// fleetParts holds the accounts' parts until the document is written:
// in a temporary file (spill), created at the first part, or in memory.
type fleetParts struct {
	token string // partContext.token
	mu    sync.Mutex
	spill bool
	file  *os.File
	mem   []byte
	size  int64
	at    []partAt
	err   error
}

// partAt is where an account's part is, and its JUnit counts.
type partAt struct {
	off, n int64
	junit  junitTally
}

func (p *fleetParts) put(i int, part fleetPart, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil || p.err != nil {
		p.err = cmp.Or(p.err, err)
		return
	}
	if i >= len(p.at) {
		p.at = append(p.at, make([]partAt, i+1-len(p.at))...)
	}
	p.at[i] = partAt{off: p.size, n: int64(len(part.data)), junit: part.junit}
	if len(part.data) == 0 {
		return
	}
	if !p.spill {
		p.mem = append(p.mem, part.data...)
		p.size += int64(len(part.data))
		return
	}
	if p.file == nil {
		f, err := os.CreateTemp("", "audit-accounts-*")
		if err != nil {
			p.err = fmt.Errorf("a temporary file for the accounts' output: %w", err)
			return
		}
		p.file = f
		// Gone from the folder at once where the system allows it (not
		// on Windows): nothing is left behind, even if audit is killed.
		_ = os.Remove(f.Name())
	}
	if _, err := p.file.WriteAt(part.data, p.size); err != nil {
		p.err = fmt.Errorf("a temporary file for the accounts' output: %w", err)
		return
	}
	p.size += int64(len(part.data))
}

// get is account i's part, read back.
func (p *fleetParts) get(i int) ([]byte, error) {
	at := p.partAt(i)
	if at.n == 0 {
		return nil, nil
	}
	if !p.spill {
		return p.mem[at.off : at.off+at.n], nil
	}
	b := make([]byte, at.n)
	if _, err := p.file.ReadAt(b, at.off); err != nil {
		return nil, fmt.Errorf("a temporary file for the accounts' output: %w", err)
	}
	return b, nil
}

// partAt is where account i's part is; nothing when it has none.
func (p *fleetParts) partAt(i int) partAt {
	if i >= len(p.at) {
		return partAt{}
	}
	return p.at[i]
}

// copyTo writes account i's part to w.
func (p *fleetParts) copyTo(w io.Writer, i int) error {
	b, err := p.get(i)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (p *fleetParts) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

func (p *fleetParts) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.file == nil {
		return nil
	}
	name := p.file.Name()
	err := p.file.Close()
	p.file = nil
	if rerr := os.Remove(name); rerr != nil && !os.IsNotExist(rerr) && err == nil {
		err = rerr
	}
	return err
}
