package render_test

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"testing"
	"weak"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// fwFleet is a fleet of whole reports of every kind the tests have: with
// per-order lists, Amazon's figures, incomplete entries, an account that
// could not be read, and strings that need making safe.
func fwFleet() *health.Fleet {
	f := &health.Fleet{Command: "all", AsOf: civil.NewDate(2026, 11, 20), Accounts: []health.Account{
		{Name: "a-all", Path: "fleet/a-all", Report: detAllReport()},
		{Name: "b-broken", Path: "fleet/b-broken", Error: "fleet/b-broken/feedback.txt:3:2: bad rating \"five\"\x1b[2J"},
		{Name: "c-ci", Path: "fleet/c-ci", Report: ciReport()},
		{Name: "d-cov", Path: "fleet/d-cov", Report: covReport()},
		{Name: "e-odr\u202e", Path: "fleet/e-odr", Report: detOdrReport()},
		{Name: "f-clean", Path: "fleet/f-clean", Report: cleanReport()},
	}}
	f.Accounts = append(f.Accounts, flFleet().Accounts...)
	// Amazon's figures, one agreeing, one differing unexplained, one
	// differing explained, and its
	// Account Health Rating.
	differs := flEntry("late_shipment_rate", "", 10, "", 2, 50, health.Pass)
	differs.Amazon = &health.Amazon{Numerator: flInt(3), Denominator: flInt(50), Ours: health.Ours{Numerator: 2, Denominator: 50}}
	agrees := flEntry("late_shipment_rate", "", 30, "", 2, 100, health.Pass)
	agrees.Amazon = &health.Amazon{Numerator: flInt(2), Denominator: flInt(100), Agrees: true, Explained: true,
		Ours: health.Ours{Numerator: 2, Denominator: 100}}
	explained := flEntry("late_shipment_rate", "", 0, "", 1, 50, health.Pass)
	explained.Amazon = &health.Amazon{Numerator: flInt(2), Denominator: flInt(50), Explained: true, Ours: health.Ours{Numerator: 1, Denominator: 50}}
	amz := flReport("DE", nil, differs, agrees, explained)
	amz.Account = []health.AccountCheck{{Store: "DE", Kind: "account_health_rating", Value: "AT RISK", Status: health.Warn, Reason: "Amazon says AT RISK"}}
	amz.Finish()
	f.Accounts = append(f.Accounts, health.Account{Name: "zz-amazon", Path: "fleet/zz-amazon", Report: amz})
	f.Finish()
	return f
}

// A FleetWriter, handed the accounts in any order from several
// goroutines, its parts in a temporary file, writes the very bytes of
// drawing the whole fleet at once: every format, with and without
// --details, coloured and fitted to a width or not.
func TestFleetWriterIsTheWholeFleet(t *testing.T) {
	for _, name := range render.Formats() {
		for _, o := range []render.Options{{}, {Details: true}, {DetailsOnly: true}, {Color: true, Width: 100, Details: true},
			{FailOn: health.FailOnFail}, {Title: "Clients"}} {
			var whole bytes.Buffer
			if err := mustFleet(t, name)(&whole, fwFleet(), o); err != nil {
				t.Fatalf("%s %+v: %v", name, o, err)
			}
			f := fwFleet()
			fw, err := render.NewFleetWriter(name, f.AsOf, o)
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for i := len(f.Accounts) - 1; i >= 0; i-- { // the last first
				wg.Add(1)
				go func() {
					defer wg.Done()
					fw.Account(i, f.Accounts[i])
				}()
				if i%2 == 0 {
					wg.Wait()
				}
			}
			wg.Wait()
			for i, a := range f.Accounts {
				a = a.Summarized()
				a.Report = nil
				f.Accounts[i] = a
			}
			var streamed bytes.Buffer
			if err := fw.Finish(&streamed, f); err != nil {
				t.Fatalf("%s %+v: %v", name, o, err)
			}
			if err := fw.Close(); err != nil {
				t.Error(err)
			}
			if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Errorf("%s %+v: the writer's document differs from the whole fleet's:\n%s\nwant\n%s", name, o, streamed.Bytes(), whole.Bytes())
			}
		}
	}
}

// A FleetWriter keeps bytes, never the report it was handed: each report
// is watched through a weak pointer, which the collector clears once
// nothing else points to it.
func TestFleetWriterKeepsNoReport(t *testing.T) {
	for _, name := range render.Formats() {
		fw, err := render.NewFleetWriter(name, civil.NewDate(2026, 11, 20), render.Options{Details: true})
		if err != nil {
			t.Fatal(err)
		}
		var watched []weak.Pointer[health.Report]
		for i, a := range fwFleet().Accounts {
			if a.Report != nil {
				watched = append(watched, weak.Make(a.Report))
			}
			fw.Account(i, a)
		}
		for range 3 { // one collection clears them; up to three, as a goroutine may lag
			runtime.GC()
			if !slices.ContainsFunc(watched, func(w weak.Pointer[health.Report]) bool { return w.Value() != nil }) {
				break
			}
		}
		for i, w := range watched {
			if w.Value() != nil {
				t.Errorf("%s: report %d is still held by the writer", name, i)
			}
		}
		runtime.KeepAlive(fw)
		fw.Close()
	}
}

func mustFleet(t *testing.T, name string) render.FleetRenderer {
	t.Helper()
	fn, err := render.LookupFleet(name)
	if err != nil {
		t.Fatal(err)
	}
	return fn
}

// What health.Summarize leaves out of an account's entries is nothing the
// fleet's documents read once the reports are gone: each format, drawn
// from the summaries, is the same as drawn from summaries that keep every
// entry whole.
func TestSummaryHoldsWhatTheFleetShows(t *testing.T) {
	for _, name := range render.Formats() {
		for _, o := range []render.Options{{}, {Details: true}, {Color: true, Width: 90}} {
			var docs [2]bytes.Buffer
			for k, whole := range []bool{false, true} {
				f := fwFleet()
				fw, err := render.NewFleetWriter(name, f.AsOf, o)
				if err != nil {
					t.Fatal(err)
				}
				for i, a := range f.Accounts {
					fw.Account(i, a)
					a.Summary = health.Summarize(a.Report)
					if whole && a.Report != nil {
						a.Summary.Metrics = a.Report.Metrics
					}
					a.Report = nil
					f.Accounts[i] = a
				}
				if err := fw.Finish(&docs[k], f); err != nil {
					t.Fatal(err)
				}
				fw.Close()
			}
			if !bytes.Equal(docs[0].Bytes(), docs[1].Bytes()) {
				t.Errorf("%s %+v: drawn from the summaries:\n%s\nwant, from whole entries:\n%s", name, o, docs[0].Bytes(), docs[1].Bytes())
			}
		}
	}
}
