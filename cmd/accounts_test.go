package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const accountsDir = "testdata/accounts" // six accounts, one of them broken

// fleetOf makes a folder of accounts, each a copy of a sample account's
// folder: name -> sample folder.
func fleetOf(t *testing.T, accounts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, from := range accounts {
		entries, err := os.ReadDir(from)
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dir, name)
		if err := os.MkdirAll(to, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(from, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestAccountsGolden(t *testing.T) {
	all := []string{"all", "--as-of", "2026-11-20", "--accounts", accountsDir}
	// broken/ cannot be read: exit 2, after the output is written.
	tests := []goldenCase{
		{name: "table piped", args: all, wantCode: ExitError, stdout: "accounts-table-piped.golden", stderr: "accounts-table-piped.stderr.golden"},
		{name: "table on a terminal", tty: true, args: all, wantCode: ExitError, stdout: "accounts-table-tty.golden", stderr: "accounts-table-tty.stderr.golden", wantColour: true},
		{name: "json", args: append(all, "-o", "json"), wantCode: ExitError, stdout: "accounts-json.golden", stderr: "accounts-json.stderr.golden"},
		{name: "odr only, piped", args: []string{"odr", "--as-of", "2026-11-20", "--accounts", accountsDir}, wantCode: ExitError, stdout: "accounts-odr-table-piped.golden"},
		{name: "html", args: append(all, "-o", "html"), wantCode: ExitError, stdout: "accounts-html.golden"},
	}
	checkGolden(t, tests)
}

// The fleet's JSON holds each account's figures as its own audit would,
// in name order, and the broken one with its error.
func TestAccountsJSON(t *testing.T) {
	r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", accountsDir, "-o", "json")
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		Command       string `json:"command"`
		AsOf          string `json:"as_of"`
		Status        string `json:"status"`
		Accounts      []struct {
			Name     string            `json:"name"`
			Status   string            `json:"status"`
			Error    *string           `json:"error"`
			Metrics  []json.RawMessage `json:"metrics"`
			Warnings []string          `json:"warnings"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if doc.SchemaVersion != 1 || doc.Command != "all" || doc.AsOf != "2026-11-20" || doc.Status != "error" {
		t.Errorf("top level %d %q %q %q, want 1 all 2026-11-20 error", doc.SchemaVersion, doc.Command, doc.AsOf, doc.Status)
	}
	var got []string
	for _, a := range doc.Accounts {
		got = append(got, a.Name+"="+a.Status)
	}
	want := "acme-de=fail acme-service=fail acme-us=fail allegro-seller=fail broken=error clean=pass empty-window=no_data kaufland-seller=fail multi-helpdesk=fail warn-only=warn"
	if strings.Join(got, " ") != want {
		t.Errorf("accounts\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	for _, a := range doc.Accounts {
		if a.Name == "broken" {
			wantErr := `testdata/accounts/broken/claims-maybe.csv:3:3: column "claim-status": unknown claim status "maybe"`
			if a.Error == nil || !strings.HasPrefix(*a.Error, wantErr) || a.Metrics != nil {
				t.Errorf("broken: error %v, metrics %v; want the reader's error and no metrics", a.Error, a.Metrics)
			}
			continue
		}
		want := 9 // the seller metrics' entries; the help-desk account adds six customer-service ones
		if a.Name == "acme-service" {
			want = 15
		}
		switch a.Name {
		case "allegro-seller":
			want = 3 // Allegro's three alone: the files are all Allegro's
		case "kaufland-seller": // Kaufland's two figures for its two storefronts alone
			want = 4
		case "multi-helpdesk": // the seller metrics not computed, and the replies of five platforms and stores, the threads of two
			want = 20
		}
		if a.Error != nil || len(a.Metrics) != want || a.Warnings == nil {
			t.Errorf("%s: error %v, %d metrics, warnings %v; want no error, %d metrics, a warnings list", a.Name, a.Error, len(a.Metrics), a.Warnings, want)
		}
	}

	// Each account's metrics are those of its own audit, byte for byte.
	var fleet struct {
		Accounts []struct {
			Name    string          `json:"name"`
			Metrics json.RawMessage `json:"metrics"`
		} `json:"accounts"`
	}
	json.Unmarshal([]byte(r.stdout), &fleet)
	for _, a := range fleet.Accounts {
		if a.Name != "acme-us" && a.Name != "acme-de" {
			continue
		}
		var single struct {
			Metrics json.RawMessage `json:"metrics"`
		}
		one := run(t, false, "all", "--as-of", "2026-11-20", "-o", "json", filepath.Join(accountsDir, a.Name))
		json.Unmarshal([]byte(one.stdout), &single)
		if compactJSON(t, a.Metrics) != compactJSON(t, single.Metrics) {
			t.Errorf("%s: the fleet's metrics differ from the account's own audit", a.Name)
		}
	}
}

func compactJSON(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestAccountsExitCodes(t *testing.T) {
	healthy := fleetOf(t, map[string]string{"clean": clean, "warn": warnOnly, "empty": emptyWindow})
	failing := fleetOf(t, map[string]string{"clean": clean, "acme": acme})
	withBroken := fleetOf(t, map[string]string{"clean": clean, "broken": broken})
	at := func(dir string, rest ...string) []string {
		return append([]string{"all", "--as-of", "2026-11-20", "--accounts", dir}, rest...)
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"pass, warn and no data", at(healthy), ExitOK},
		{"pass, warn and no data, json", at(healthy, "-o", "json"), ExitOK},
		{"--fail-on warn", at(healthy, "--fail-on", "warn"), ExitFailed},
		{"a failing account", at(failing), ExitFailed},
		{"a failing account, one job", at(failing, "--jobs", "1"), ExitFailed},
		{"a failing account --fail-on never", at(failing, "--fail-on", "never"), ExitOK},
		{"a broken account", at(withBroken), ExitError},
		{"a broken account --fail-on never: still an input error", at(withBroken, "--fail-on", "never"), ExitError},
		{"odr of a failing account", []string{"odr", "--as-of", "2026-11-20", "--accounts", failing}, ExitFailed},
		// clean has no shipments file: an account none of whose reports
		// feeds the command is an error entry, and the run an input error.
		{"late-shipment of a failing account and one without shipments", []string{"late-shipment", "--as-of", "2026-11-20", "--accounts", failing}, ExitError},
		{"tracking of a failing account and one without shipments", []string{"tracking", "--as-of", "2026-11-20", "--accounts", failing}, ExitError},
		{"tracking of a failing account alone", []string{"tracking", "--as-of", "2026-11-20", "--accounts", fleetOf(t, map[string]string{"acme": acme})}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, false, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.want, r.stderr)
			}
			if r.stdout == "" {
				t.Error("nothing on stdout")
			}
		})
	}
}

// A broken account: the others are still written, then one line on
// stderr names it, without the usage hint.
func TestAccountsBrokenAccountIsReported(t *testing.T) {
	dir := fleetOf(t, map[string]string{"a": clean, "b": broken, "c": warnOnly})
	r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", dir)
	if r.code != ExitError {
		t.Fatalf("exit code %d, want 2", r.code)
	}
	for _, want := range []string{"\na        US     PASS    0.00% ", "\nb               ERROR\n", "\nc        US     WARN    0.80% WARN  0.91% WARN  0.00%           2\n",
		"Could not be read:\n  b: " + filepath.Join(dir, "b", "claims-maybe.csv") + ":3:3: ", "Overall: ERROR (1 of 3 accounts could not be read)\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	wantErr := "audit all: ERROR as of 2026-11-20: 3 accounts: 1 unreadable (b); 1 warn (c); 1 pass\n" +
		"audit: 1 of 3 accounts could not be read: b\n"
	if r.stderr != wantErr {
		t.Errorf("stderr:\n got %q\nwant %q", r.stderr, wantErr)
	}
}

// --output-file takes the -o format; the terminal gets the table.
func TestAccountsOutputFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "fleet.json")
	r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", accountsDir, "-o", "json", "--output-file", file)
	if r.code != ExitError {
		t.Errorf("exit code %d, want 2 (broken/)", r.code)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "accounts-json.golden", string(got))
	golden(t, "accounts-table-piped.golden", r.stdout)
}

func TestAccountsUsageErrors(t *testing.T) {
	noSubfolders := t.TempDir()
	os.WriteFile(filepath.Join(noSubfolders, "orders.txt"), []byte("x\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--accounts and PATHs", []string{"all", "--accounts", accountsDir, acme}, "give either --accounts DIR or PATH arguments, not both"},
		{"DIR missing", []string{"all", "--accounts", "testdata/no-such-dir"}, "--accounts: testdata/no-such-dir: no such folder"},
		{"DIR is a file", []string{"all", "--accounts", "testdata/accounts/README.md"}, "--accounts: testdata/accounts/README.md is a file, not a folder of accounts"},
		{"DIR without subfolders", []string{"all", "--accounts", noSubfolders}, "--accounts: " + noSubfolders + " has no subfolders"},
		{"--jobs 0", []string{"all", "--accounts", accountsDir, "--jobs", "0"}, "--jobs must be at least 1, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, false, append(tt.args, "--as-of", "2026-11-20")...)
			if r.code != ExitError {
				t.Errorf("exit code %d, want 2", r.code)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "audit: "+tt.want) || !strings.HasSuffix(r.stderr, "\nRun 'audit "+tt.args[0]+" --help' for usage.\n") {
				t.Errorf("stderr %q, want %q and the usage hint", r.stderr, tt.want)
			}
		})
	}
}

// On a terminal stderr the progress line counts the accounts (the test
// streams show it at once) and is cleared before the table.
func TestAccountsProgressOnATerminal(t *testing.T) {
	dir := fleetOf(t, map[string]string{"a": clean, "b": warnOnly})
	r := runProgress(t, "odr", "--as-of", "2026-11-20", "--accounts", dir, "--color", "never")
	line := func(s string) string { return "\r" + s }
	want := line("auditing accounts 0/2…") + line("auditing accounts 1/2…") + line("auditing accounts 2/2…") +
		"\r" + strings.Repeat(" ", len([]rune("auditing accounts 2/2…"))) + "\r"
	if r.stderr != want {
		t.Errorf("stderr:\n got %q\nwant %q", r.stderr, want)
	}
	if !strings.HasPrefix(r.stdout, "Accounts as of 2026-11-20\n") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	piped := run(t, false, "odr", "--as-of", "2026-11-20", "--accounts", dir)
	if strings.Contains(piped.stderr, "auditing") || strings.Contains(piped.stderr, "\r") {
		t.Errorf("progress in a pipe: %q", piped.stderr)
	}
	if piped.stdout != r.stdout {
		t.Errorf("the table differs on a terminal:\n%s", firstDiff(r.stdout, piped.stdout))
	}
}

// Reading one account's files shows a percentage on a terminal's stderr,
// cleared before the output; never in a pipe.
func TestLoadProgressOnATerminal(t *testing.T) {
	r := runProgress(t, "odr", "--as-of", "2026-11-20", "--color", "never", clean)
	if !strings.HasPrefix(r.stderr, "\rreading reports 0%…") || !strings.Contains(r.stderr, "\rreading reports 100%…") {
		t.Errorf("no progress on a terminal: %q", r.stderr)
	}
	if !strings.HasSuffix(r.stderr, strings.Repeat(" ", len([]rune("reading reports 100%…")))+"\r") {
		t.Errorf("the progress line is not cleared: %q", r.stderr)
	}
	piped := run(t, false, "odr", "--as-of", "2026-11-20", clean)
	if strings.Contains(piped.stderr, "reading") || strings.Contains(piped.stderr, "\r") {
		t.Errorf("progress in a pipe: %q", piped.stderr)
	}
	if piped.stdout != stripANSI(r.stdout) {
		t.Errorf("the table differs on a terminal:\n%s", firstDiff(stripANSI(r.stdout), piped.stdout))
	}
}

// -o html --accounts: one page, the overview of every account worst first,
// each linking to its own part of the page.
func TestAccountsHTML(t *testing.T) {
	r := run(t, false, "all", "--as-of", "2026-11-20", "--accounts", accountsDir, "-o", "html", "--title", "Agency clients")
	if r.code != ExitError {
		t.Fatalf("exit %d, want %d (broken/ cannot be read): %s", r.code, ExitError, r.stderr)
	}
	page := r.stdout
	for _, s := range []string{
		"<title>Agency clients – Account health of 10 accounts – as of 2026-11-20</title>",
		"<h1>Agency clients</h1>",
		`<h2>Accounts, worst first</h2>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	// Worst first: the one that cannot be read, the failing, the warning,
	// the passing, the one without data.
	last := -1
	for i, name := range []string{"broken", "acme-de", "acme-service", "acme-us", "allegro-seller", "kaufland-seller", "multi-helpdesk", "warn-only", "clean", "empty-window"} {
		link := `<a href="#account-` + strconv.Itoa(i+1) + `">` + name + `</a>`
		at := strings.Index(page, link)
		if at < 0 || at < last {
			t.Errorf("the overview lacks %s in place %d", link, i+1)
		}
		last = at
		if !strings.Contains(page, `<section class="account" id="account-`+strconv.Itoa(i+1)+`">`) {
			t.Errorf("no section for %s", name)
		}
	}
	// Every link leads to an id of the page, and no id is there twice.
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %s is on the page %d times", id, n)
		}
	}
	for _, m := range regexp.MustCompile(` href="#([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if ids[m[1]] == 0 {
			t.Errorf("a link to #%s leads nowhere", m[1])
		}
	}
	if strings.Contains(page, "testdata/") {
		t.Error("a local path reached the page")
	}
}
