// Package fetch downloads what the audit reads through Amazon's Selling
// Partner API (internal/spapi) into a folder, as files the reader
// recognises, and keeps the folder's manifest (.audit-fetch.json) so that
// the next run asks only for what is missing or may have changed
// (docs/fetch.md). The audit itself stays offline: it reads the folder like
// any downloads folder.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
	"github.com/sellerhealth/audit/internal/spapi"
)

// Options are one account's fetch.
type Options struct {
	Dir    string
	Client *spapi.Client
	Stores []market.Marketplace
	// Settings give the audit date and the windows (profile, config):
	// audit fetch asks for what audit all needs on Settings.AsOf.
	Settings settings.Settings
	// Since and To, when Since is set, ask for these days of every source
	// instead (history).
	Since, To civil.Date
	// Only, when not nil, limits the sources by their --reports names.
	Only []string
	// Now is the clock (time.Now when nil): what "today" and a file's
	// fetch time are.
	Now  func() time.Time
	Poll spapi.PollOptions
	// Jobs is how many requests run at once (default 4); the client
	// keeps each operation within Amazon's rate limits.
	Jobs int
	// DryRun plans without asking Amazon for anything.
	DryRun bool
	// Progress, when set, hears of each file as it is worked on.
	Progress func(Step)
}

func (o *Options) wants(s source) bool {
	return o.Only == nil || slices.Contains(o.Only, reportsName(s))
}

// Step is what the fetch is doing, for a progress line.
type Step struct {
	File  string // the file being fetched
	State string // "requesting", "done", "no data", "failed"
	Done  int    // tasks finished, of Total
	Total int
}

// File is what happened to one file of the plan.
type File struct {
	File   string     `json:"file"`
	Kind   string     `json:"kind"`
	Source string     `json:"source"` // the report type or operation
	Store  string     `json:"store,omitempty"`
	From   civil.Date `json:"from"`
	To     civil.Date `json:"to"`
	Action string     `json:"action"` // fetched, no-data, up-to-date, planned, failed
	Reason string     `json:"reason,omitempty"`
	Rows   int        `json:"rows"`
	Bytes  int64      `json:"bytes"`
	Error  string     `json:"error,omitempty"`
	Report string     `json:"report_id,omitempty"`
}

// Result is an account's fetch: every file of the plan, in the plan's order.
type Result struct {
	Dir    string   `json:"dir"`
	AsOf   string   `json:"as_of,omitempty"`
	Since  string   `json:"since,omitempty"`
	To     string   `json:"to,omitempty"`
	Stores []string `json:"stores"`
	Files  []File   `json:"files"`
	Notes  []string `json:"notes"`
}

// Failed counts the files that could not be fetched.
func (r *Result) Failed() int {
	n := 0
	for _, f := range r.Files {
		if f.Action == "failed" {
			n++
		}
	}
	return n
}

// Action values of File.
const (
	Fetched  = "fetched"
	NoData   = "no-data"
	UpToDate = "up-to-date"
	Planned  = "planned"
	Failed   = "failed"
)

// Run fetches one account into o.Dir. A file that fails does not stop the
// others: it is listed as failed, and Run returns an error after the rest
// are done. The manifest is saved after every file, so a run stopped at
// any point resumes where it was.
func Run(ctx context.Context, o Options) (*Result, error) {
	if len(o.Stores) == 0 {
		return nil, errors.New("no store to fetch: give --marketplace")
	}
	region := o.Stores[0].Region()
	for _, s := range o.Stores[1:] {
		if s.Region() != region {
			return nil, fmt.Errorf("stores %s and %s are in different SP-API regions (%s, %s): one refresh token serves one region; fetch them as two accounts", o.Stores[0].Code, s.Code, region, s.Region())
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Jobs < 1 {
		o.Jobs = 4
	}
	m, err := readManifest(o.Dir)
	if err != nil {
		return nil, err
	}
	now := o.Now()
	tasks, notes, err := plan(&o, m, now)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: o.Dir, Notes: notes, Files: make([]File, 0, len(tasks))}
	if notes == nil {
		res.Notes = []string{}
	}
	if o.Since != 0 {
		res.Since, res.To = o.Since.String(), o.To.String()
	} else {
		res.AsOf = o.Settings.AsOf.String()
	}
	for _, s := range o.Stores {
		res.Stores = append(res.Stores, s.Code)
	}
	for _, t := range tasks {
		f := File{File: t.file, Kind: t.src.kind, Source: t.src.report + t.src.api, Store: t.store.Code, From: t.from, To: t.to, Reason: t.reason}
		switch {
		case t.skip:
			f.Action = UpToDate
		case o.DryRun:
			f.Action = Planned
		}
		res.Files = append(res.Files, f)
		if t.also != nil {
			g := f
			g.File, g.Kind = t.also.accountFile(), t.also.kind
			res.Files = append(res.Files, g)
		}
	}
	if o.DryRun {
		return res, nil
	}
	r := &runner{o: &o, m: m, res: res}
	r.run(ctx, tasks)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if n := res.Failed(); n > 0 {
		return res, fmt.Errorf("%d of %d files could not be fetched", n, len(res.Files))
	}
	return res, nil
}

// runner runs an account's tasks, Jobs at a time.
type runner struct {
	o    *Options
	m    *Manifest
	res  *Result
	mu   sync.Mutex // guards m, res and the files audit fetch merges
	done int
}

func (r *runner) run(ctx context.Context, tasks []task) {
	todo := 0
	for _, t := range tasks {
		if !t.skip {
			todo++
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range r.o.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r.one(ctx, tasks[i], todo)
			}
		}()
	}
	for i, t := range tasks {
		if t.skip {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// one runs a task and records its outcome.
func (r *runner) one(ctx context.Context, t task, total int) {
	ctx = spapi.WithTag(ctx, t.file) // the client's waits name the file
	r.step(t.file, "requesting", total, false)
	var err error
	switch t.src.api {
	case "listFinancialEvents":
		err = r.finances(ctx, t)
	case "searchOrders":
		err = r.orders(ctx, t)
	default:
		err = r.report(ctx, t)
	}
	if err != nil {
		if c := r.o.Client; c != nil {
			err = errors.New(c.Redact(err.Error()))
		}
		r.set(t.file, func(f *File) { f.Action, f.Error = Failed, err.Error() })
		if t.also != nil {
			r.set(t.also.accountFile(), func(f *File) { f.Action, f.Error = Failed, err.Error() })
		}
		r.step(t.file, "failed", total, true)
		return
	}
	r.step(t.file, "done", total, true)
}

func (r *runner) step(file, state string, total int, finished bool) {
	r.mu.Lock()
	if finished {
		r.done++
	}
	done := r.done
	r.mu.Unlock()
	if r.o.Progress != nil {
		r.o.Progress(Step{File: file, State: state, Done: done, Total: total})
	}
}

// set changes the result's entry of a file.
func (r *runner) set(file string, fn func(*File)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.res.Files {
		if r.res.Files[i].File == file {
			fn(&r.res.Files[i])
		}
	}
}

// record notes in the manifest a file written and the chunk it came from,
// and saves the manifest. Call with r.mu held.
func (r *runner) record(f input.FetchedFile, c *Chunk) error {
	r.m.setFile(f)
	if c != nil {
		r.m.setChunk(*c)
	}
	return r.m.save(r.o.Dir)
}

// declared is the date field and days a file of src declares in the
// manifest (input.FetchedFile): none when the source declares no date.
func declared(src source, covers []records.Range) (records.DateField, []records.Range) {
	if src.field == 0 {
		return 0, nil
	}
	return src.field, covers
}

// dayStart is the first instant of d, UTC: SP-API's days are UTC days.
func dayStart(d civil.Date) time.Time { return d.Time() }
