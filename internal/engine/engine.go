// Package engine runs the one-way pipeline of an audit: files (input) ->
// records -> metrics -> verdicts (health). It holds no rule of its own:
// the metrics it runs, what each reads and how each is computed come from
// the catalog (metrics.Catalog), the targets and windows from the profile.
//
// A command loads an account's files once (Load, LoadProgress: only the
// input kinds its metrics read), then judges them: Audit for one as-of
// date, Trend for every date of a range (one Judge, the profile resolved
// once), RunFleet for every account of a folder. Renderers draw the
// health.Report, Trend or Fleet it returns.
package engine

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"slices"
	"sync"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// All is every metric and work list audit all runs, in the order it shows
// them (the catalog's); the customer-service ones only when their files
// are read (WithInputs).
var All = metrics.IDs(func(m metrics.Metric) bool { return !m.NotInAll })

// Service is every customer-service metric, in the order audit service
// and audit all show them.
var Service = metrics.IDs(func(m metrics.Metric) bool { return m.Command == "service" })

// lookup finds a metric of the catalog.
func lookup(id string) (metrics.Metric, error) {
	m, ok := metrics.Lookup(id)
	if !ok {
		return metrics.Metric{}, fmt.Errorf("engine: unknown metric %q", id)
	}
	return m, nil
}

// Run reads the paths and audits the given metric ids.
func Run(command string, paths []string, s settings.Settings, ids []string) (*health.Report, error) {
	loaded, err := Load(paths, s, ids)
	if err != nil {
		return nil, err
	}
	return Audit(command, loaded, s, ids)
}

// Load reads the report kinds the given checks need (and Amazon's seller
// performance report, which sets targets for every metric) from the paths.
func Load(paths []string, s settings.Settings, ids []string) (*input.Loaded, error) {
	return load(paths, s, ids, nil)
}

// LoadProgress is Load for a command's one account, telling progress how
// many bytes of the files it has read, of how many
// (input.Options.Progress); progress may be nil. The collector runs at
// readGCPercent while the files are read (readingGC).
func LoadProgress(paths []string, s settings.Settings, ids []string, progress func(read, total int64)) (*input.Loaded, error) {
	restore := readingGC()
	l, err := load(paths, s, ids, progress)
	restore()
	if err == nil {
		afterRecordsGC(l.Data)
	}
	return l, err
}

func load(paths []string, s settings.Settings, ids []string, progress func(read, total int64)) (*input.Loaded, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	kinds := map[string]bool{kindPerformance: true}
	for _, id := range ids {
		m, err := lookup(id)
		if err != nil {
			return nil, err
		}
		for _, k := range append(slices.Clip(m.Reads), m.Uses...) {
			kinds[k] = true
		}
	}
	opt, err := ReadOptions(s)
	if err != nil {
		return nil, err
	}
	opt.Kinds = kinds
	opt.Progress = progress
	// Only the shipments are set aside by date: the orders report also
	// tells the stores and which defects are unmatched.
	if h := horizon(s, needing(ids, "shipments")); h != 0 {
		// A few days of slack: the orders report may date an order a
		// day or two later than the shipments file (another offset), and
		// the cancel rate places it by the orders report's date.
		opt.Since = h.AddDays(-shipmentSlackDays)
	}
	return input.Load(paths, opt)
}

// readGCPercent is the collector's percentage while one account's files
// are read (readingGC): at 100 the peak RSS of audit odr at 1M orders grew
// by 1 MB (2 %), at 50 it did not, for nearly all of the CPU saved (0.62 s
// to 0.57, against 0.56 at 100).
const readGCPercent = 50

// drawGCPercent is the collector's percentage once the records are
// collected (afterRecordsGC), under a memory limit.
const drawGCPercent = 100

// readingGC has the collector run at readGCPercent until the function it
// returns is called, when the percentage in force before is back, unless
// GOGC is set (which decides, as in main.go) or that percentage is higher.
// What reading keeps is nearly all it allocates: collecting every 10 % of
// growth, as main.go has it for the rest of the run, marks a heap that only
// grows some forty times over at 10 million orders, to free little (at
// 10M, audit all's CPU fell by 0.4 s and its peak RSS did not grow: what
// reading throws away is a few recycled buffers and the tables it outgrew).
// Only LoadProgress, a command's one account, does it: the accounts of a
// fleet are read side by side under their ballast (cmd/accounts.go).
func readingGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	drawn.undo() // another account read before in this process (tests)
	old := debug.SetGCPercent(readGCPercent)
	if old < 0 || old >= readGCPercent {
		debug.SetGCPercent(old)
		return func() {}
	}
	return func() { debug.SetGCPercent(old) }
}

// afterRecordsGC has the collector run at drawGCPercent once the
// account's records are collected, unless GOGC is set or the percentage
// in force is that or higher. By then the metrics are computed and what is
// left, the report being drawn, is a fraction of the heap the records
// made: at 10 million orders, 455 MB before and 55 to 200 MB after, during
// which the 10 % of main.go made 40 collections of the 65 of audit all
// (its CPU fell by 1.2 s of 11.3, its wall time by 0.5 s, its peak RSS
// did not grow). So that it cannot grow for a report larger than the
// records, the Go runtime's memory is held, softly, to what it was when
// the records went (debug.SetMemoryLimit): the collector then runs as
// often as it must to stay there.
func afterRecordsGC(d *records.Dataset) {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	runtime.AddCleanup(d, func(struct{}) {
		drawn.Lock()
		defer drawn.Unlock()
		old := debug.SetGCPercent(drawGCPercent)
		if old < 0 || old >= drawGCPercent {
			debug.SetGCPercent(old)
			return
		}
		m := []rtmetrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		rtmetrics.Read(m)
		limit := int64(math.MaxInt64)
		if m[0].Value.Kind() == rtmetrics.KindUint64 && m[1].Value.Kind() == rtmetrics.KindUint64 {
			limit = int64(m[0].Value.Uint64() - m[1].Value.Uint64())
		}
		drawn.set, drawn.percent, drawn.limit = true, old, debug.SetMemoryLimit(limit)
	}, struct{}{})
}

// drawn is what afterRecordsGC changed, which the next readingGC of the
// process puts back (a process reading several accounts one after the
// other, as the tests do: each is read as the first was).
var drawn drawnGC

type drawnGC struct {
	sync.Mutex
	set     bool
	percent int
	limit   int64
}

func (d *drawnGC) undo() {
	d.Lock()
	defer d.Unlock()
	if d.set {
		debug.SetGCPercent(d.percent)
		debug.SetMemoryLimit(d.limit)
		d.set = false
	}
}

// shipmentSlackDays are kept of the shipments before the earliest window
// of a run (input.Options.Since).
const shipmentSlackDays = 3

// needing is the metrics among ids that read the input kind.
func needing(ids []string, kind string) []string {
	var out []string
	for _, id := range ids {
		if m, ok := metrics.Lookup(id); ok && slices.Contains(m.Reads, kind) {
			out = append(out, id)
		}
	}
	return out
}

// ReadOptions turns the input settings into reading options; its error
// names the bad --encoding or --column.
func ReadOptions(s settings.Settings) (input.Options, error) {
	enc, err := input.ParseEncoding(s.Input.Encoding)
	if err != nil {
		return input.Options{}, fmt.Errorf("--encoding: %w", err)
	}
	cols := input.ColumnMap{}
	for _, c := range s.Input.Columns {
		if err := cols.Parse(c); err != nil {
			return input.Options{}, err
		}
	}
	return input.Options{Marketplace: s.Marketplace, Encoding: enc, Columns: cols, ShowPII: s.Input.ShowPII}, nil
}

// Audit judges an already loaded account on s.AsOf (NewJudge, then
// Judge.Audit).
func Audit(command string, loaded *input.Loaded, s settings.Settings, ids []string) (*health.Report, error) {
	j, err := NewJudge(command, loaded, s, ids)
	if err != nil {
		return nil, err
	}
	j.compare = true
	return j.Audit(s.AsOf)
}

// WithInputs is ids less the metrics shown only with their inputs
// (OnlyWithInputs) none of whose input kinds was read: audit all shows
// the customer-service metrics only for an account whose help-desk files
// are among the inputs.
func WithInputs(ids []string, d *records.Dataset) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if m, ok := metrics.Lookup(id); ok && m.OnlyWithInputs && !slices.ContainsFunc(m.Reads, d.Has) {
			continue
		}
		out = append(out, id)
	}
	return out
}

// withoutAmazon leaves Amazon's metrics out of ids when the files hold
// only other platforms' figures (an eBay seller's, a Kaufland seller's): a
// run of every metric on them is about those platforms, and ten Amazon
// entries not computed would bury them. Files of Amazon's or of a help
// desk (whose messages may be Amazon's) keep them.
func withoutAmazon(ids []string, d *records.Dataset) []string {
	others := false
	for _, m := range metrics.Catalog() {
		switch {
		case m.Platform == "" && (slices.ContainsFunc(m.Reads, d.Has) || slices.ContainsFunc(m.Uses, d.Has)):
			return ids
		case m.Platform != "" && slices.ContainsFunc(m.Reads, d.Has):
			others = true
		}
	}
	if !others {
		return ids
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if m, ok := metrics.Lookup(id); ok && m.Platform == "" && !m.List {
			continue
		}
		out = append(out, id)
	}
	return out
}

// hasCore says whether ids holds a metric not shown only with its inputs:
// a run of every metric (audit all) leaves out the OnlyWithInputs ones
// without their files; a run of those alone (audit service) says why
// each is not computed.
func hasCore(ids []string) bool {
	for _, id := range ids {
		if m, ok := metrics.Lookup(id); ok && !m.OnlyWithInputs {
			return true
		}
	}
	return false
}

// chooseProfile is the named profile, else the store's.
func chooseProfile(name, store string) (profile.Profile, error) {
	if name != "" {
		return profile.ByName(name)
	}
	return profile.ForStore(store), nil
}
