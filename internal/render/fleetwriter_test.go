package render_test

import (
	"bytes"
	"runtime"
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
		runtime.GC()
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
