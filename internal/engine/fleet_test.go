package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/settings"
)

const samples = "../../testdata/accounts"

// copyFiles copies the named files of a sample account into dir/account.
func copyFiles(t *testing.T, dir, account, from string, files ...string) {
	t.Helper()
	to := filepath.Join(dir, account)
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(samples, from, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// threeAccounts is a folder of three accounts, named so that name order is
// not the order of the sample folders: "a-warn" (warn-only: ODR 1/125, the
// warn line), "b-broken" (a Feedback report rating "five" on line 3) and
// "c-clean" (clean: ODR 0/20). Beside them, a README and a .git folder,
// which are not accounts.
func threeAccounts(t *testing.T) string {
	dir := t.TempDir()
	copyFiles(t, dir, "a-warn", "warn-only", "All Orders.txt", "Feedback.txt")
	copyFiles(t, dir, "b-broken", "broken", "feedback-five.txt")
	copyFiles(t, dir, "c-clean", "clean", "orders.txt", "feedback.txt", "atoz-claims.csv", "chargebacks.csv")
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("not an account\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".git", "objects"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runFleet is RunFleet with the reports it handed to each put back into
// the fleet, for the tests to look at; RunFleet itself must keep none.
func runFleet(t *testing.T, command, dir string, s settings.Settings, ids []string, jobs int, progress func(done, total int)) (*health.Fleet, error) {
	t.Helper()
	var mu sync.Mutex
	reports := map[int]*health.Report{}
	f, err := RunFleet(command, dir, s, ids, jobs, progress, func(i int, a health.Account) {
		mu.Lock()
		defer mu.Unlock()
		if _, again := reports[i]; again {
			t.Errorf("account %d (%s) handed twice", i, a.Name)
		}
		if (a.Report == nil) == (a.Error == "") {
			t.Errorf("account %d (%s) handed with report %v and error %q", i, a.Name, a.Report != nil, a.Error)
		}
		reports[i] = a.Report
	})
	if f == nil {
		return f, err
	}
	if len(reports) != len(f.Accounts) {
		t.Errorf("%d accounts handed, want %d", len(reports), len(f.Accounts))
	}
	for i := range f.Accounts {
		a := &f.Accounts[i]
		if a.Report != nil {
			t.Errorf("%s: the fleet keeps the account's whole report", a.Name)
		}
		if want := health.Summarize(reports[i]); !reflect.DeepEqual(a.Summary, want) {
			t.Errorf("%s: summary %+v, want that of its report %+v", a.Name, a.Summary, want)
		}
		a.Report = reports[i]
	}
	return f, err
}

func fleetSettings() settings.Settings { return settings.Default(civil.NewDate(2026, 11, 20)) }

// odrAll is the account's overall ODR entry.
func odrAll(t *testing.T, a health.Account) health.Verdict {
	t.Helper()
	if a.Report == nil {
		t.Fatalf("%s: no report (error %q)", a.Name, a.Error)
	}
	for _, m := range a.Report.Metrics {
		if m.ID == "odr" && m.Fulfillment == "all" {
			return m
		}
	}
	t.Fatalf("%s: no odr/all entry", a.Name)
	return health.Verdict{}
}

func TestRunFleetThreeAccountsOneBroken(t *testing.T) {
	dir := threeAccounts(t)
	var calls [][2]int
	f, err := runFleet(t, "all", dir, fleetSettings(), All, 2, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range f.Accounts {
		names = append(names, a.Name)
	}
	if want := []string{"a-warn", "b-broken", "c-clean"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("accounts %q, want %q (name order; no README, no .git)", names, want)
	}
	warn, broken, clean := f.Accounts[0], f.Accounts[1], f.Accounts[2]

	if m := odrAll(t, warn); m.Numerator != 1 || m.Denominator != 125 || m.Status != health.Warn {
		t.Errorf("a-warn odr all = %d/%d %v, want 1/125 warn", m.Numerator, m.Denominator, m.Status)
	}
	if warn.Status() != health.Warn || warn.Path != filepath.Join(dir, "a-warn") {
		t.Errorf("a-warn: status %v path %q", warn.Status(), warn.Path)
	}
	if m := odrAll(t, clean); m.Numerator != 0 || m.Denominator != 20 || m.Status != health.Pass {
		t.Errorf("c-clean odr all = %d/%d %v, want 0/20 pass", m.Numerator, m.Denominator, m.Status)
	}
	if clean.Status() != health.Pass {
		t.Errorf("c-clean status %v, want pass", clean.Status())
	}

	// The broken account carries the reader's error, which names the file,
	// line and column; it has no report.
	wantErr := filepath.Join(dir, "b-broken", "feedback-five.txt") + ":3:2:"
	if broken.Report != nil || !strings.HasPrefix(broken.Error, wantErr) || !strings.Contains(broken.Error, `"five"`) {
		t.Errorf("b-broken: report %v, error %q; want no report and an error starting %q", broken.Report != nil, broken.Error, wantErr)
	}
	if broken.Status() != health.Error {
		t.Errorf("b-broken status %v, want error", broken.Status())
	}

	if f.Status != health.Error || f.Errors() != 1 {
		t.Errorf("fleet status %v with %d errors, want error with 1", f.Status, f.Errors())
	}
	if f.Command != "all" || f.AsOf != civil.NewDate(2026, 11, 20) {
		t.Errorf("fleet command %q as of %v", f.Command, f.AsOf)
	}
	if want := [][2]int{{0, 3}, {1, 3}, {2, 3}, {3, 3}}; !reflect.DeepEqual(calls, want) {
		t.Errorf("progress calls %v, want %v", calls, want)
	}
}

// The worst healthy account decides when none is broken.
func TestRunFleetStatusIsTheWorstAccount(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, "clean", "clean", "orders.txt", "feedback.txt", "atoz-claims.csv", "chargebacks.csv")
	copyFiles(t, dir, "warn", "warn-only", "All Orders.txt", "Feedback.txt")
	f, err := runFleet(t, "odr", dir, fleetSettings(), []string{"odr"}, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != health.Warn || f.Errors() != 0 {
		t.Errorf("fleet status %v, %d errors; want warn, 0", f.Status, f.Errors())
	}
	for _, a := range f.Accounts {
		if len(a.Report.Metrics) != 3 {
			t.Errorf("%s: %d entries, want the 3 odr entries", a.Name, len(a.Report.Metrics))
		}
	}
}

// One job or eight, the fleet is the same: results land in name order
// whatever order the accounts finish in.
func TestRunFleetJobsDoNotChangeTheResult(t *testing.T) {
	dir := threeAccounts(t)
	one, err := runFleet(t, "all", dir, fleetSettings(), All, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, jobs := range []int{8, 0, -3} { // fewer than one job means one
		got, err := runFleet(t, "all", dir, fleetSettings(), All, jobs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, got) {
			t.Errorf("--jobs %d gives another fleet than --jobs 1", jobs)
		}
	}
}

// A panic while auditing one account is that account's error; the others
// are still audited.
func TestRunFleetPanicIsTheAccountsError(t *testing.T) {
	dir := threeAccounts(t)
	orig := auditAccount
	t.Cleanup(func() { auditAccount = orig })
	auditAccount = func(command, path string, s settings.Settings, ids []string) (*health.Report, error) {
		if filepath.Base(path) == "c-clean" {
			var m map[string]int
			m["boom"]++ // a write to a nil map panics
		}
		return orig(command, path, s, ids)
	}
	f, err := runFleet(t, "all", dir, fleetSettings(), All, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Accounts[2]
	want := filepath.Join(dir, "c-clean") + ": internal error (please report it): assignment to entry in nil map"
	if c.Report != nil || c.Error != want {
		t.Errorf("c-clean: error %q, want %q", c.Error, want)
	}
	if f.Accounts[0].Report == nil || f.Status != health.Error || f.Errors() != 2 {
		t.Errorf("a-warn audited %v, fleet %v with %d errors; want a-warn audited, error, 2 (b-broken, c-clean)",
			f.Accounts[0].Report != nil, f.Status, f.Errors())
	}
}

// Once each has had an account's report, nothing of the fleet holds it:
// memory grows with the accounts audited at once, not with the number of
// accounts. Each report is watched through a weak pointer, which the
// collector clears once nothing else points to the report.
func TestRunFleetKeepsNoReport(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		copyFiles(t, dir, name, "warn-only", "All Orders.txt", "Feedback.txt")
	}
	var mu sync.Mutex
	var watched []weak.Pointer[health.Report]
	f, err := RunFleet("all", dir, fleetSettings(), All, 2, nil, func(i int, a health.Account) {
		mu.Lock()
		defer mu.Unlock()
		watched = append(watched, weak.Make(a.Report))
	})
	if err != nil {
		t.Fatal(err)
	}
	// One collection clears them; a worker goroutine still on its way out
	// may hold its last one until the next, so up to three.
	for range 3 {
		runtime.GC()
		if !slices.ContainsFunc(watched, func(w weak.Pointer[health.Report]) bool { return w.Value() != nil }) {
			break
		}
	}
	for i, w := range watched {
		if w.Value() != nil {
			t.Errorf("report %d is still held once handed to each", i)
		}
	}
	if len(watched) != 6 || f.Status != health.Warn {
		t.Errorf("%d reports handed, fleet %v; want 6, warn", len(watched), f.Status)
	}
	for _, a := range f.Accounts {
		if a.Report != nil || a.Summary == nil || len(a.Summary.Metrics) == 0 {
			t.Errorf("%s: report %v, summary %+v; want only a summary", a.Name, a.Report != nil, a.Summary)
			continue
		}
		for _, m := range a.Summary.Metrics {
			if m.Items != nil || m.Days != nil {
				t.Errorf("%s: %s keeps its per-order list or day counts", a.Name, m.ID)
			}
		}
	}
	runtime.KeepAlive(f)
}

func TestRunFleetDirErrors(t *testing.T) {
	filesOnly := t.TempDir()
	os.WriteFile(filepath.Join(filesOnly, "orders.txt"), []byte("x\n"), 0o644)
	os.MkdirAll(filepath.Join(filesOnly, ".hidden"), 0o755)
	aFile := filepath.Join(filesOnly, "orders.txt")
	missing := filepath.Join(filesOnly, "nope")
	cases := []struct {
		dir, want string
	}{
		{missing, missing + ": no such folder"},
		{aFile, aFile + " is a file, not a folder of accounts"},
		{filesOnly, filesOnly + " has no subfolders: each account is one folder of reports inside it"},
	}
	for _, c := range cases {
		called := false
		_, err := runFleet(t, "all", c.dir, fleetSettings(), All, 2, func(int, int) { called = true })
		if err == nil || err.Error() != c.want {
			t.Errorf("RunFleet(%s): error %v, want %q", c.dir, err, c.want)
		}
		if called {
			t.Errorf("RunFleet(%s): progress called before the error", c.dir)
		}
	}
}

// A link to a folder is an account; a dangling link is not.
func TestRunFleetFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target, err := filepath.Abs(filepath.Join(samples, "clean"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "linked")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "dangling"))
	f, err := runFleet(t, "odr", dir, fleetSettings(), []string{"odr"}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Accounts) != 1 || f.Accounts[0].Name != "linked" || f.Accounts[0].Status() != health.Pass {
		t.Errorf("accounts %+v, want the one linked clean account, passing", f.Accounts)
	}
}
