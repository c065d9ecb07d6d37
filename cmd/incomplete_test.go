package cmd

import (
	"path/filepath"
	"strings"
	"testing"
)

// oneDownload is the ODR's inputs of acme-us with one of its two All
// Orders downloads: its orders start on 2026-10-17, so on 2026-11-20 the
// window (2026-09-08..2026-11-06) is not covered, and without the claims
// and chargebacks files those components are not given.
var oneDownload = []string{filepath.Join(acme, "Download (3).txt"), filepath.Join(acme, "Feedback.txt")}

func oneDownloadArgs(extra ...string) []string {
	return append(append([]string{"odr", "--as-of", "2026-11-20"}, extra...), oneDownload...)
}

// The files of acme-us on 2026-12-07 end weeks before: most entries are
// incomplete, the valid tracking rate (promised 2026-10-25..11-23) warns.
func lateArgs(extra ...string) []string {
	return append([]string{"all", "--as-of", "2026-12-07", acme}, extra...)
}

// TestGoldenIncomplete pins how every format shows an entry whose files do
// not cover its window (INCOMPLETE, its verdict on the files given, the
// days to download) and a component that was not given (never 0).
func TestGoldenIncomplete(t *testing.T) {
	tests := []goldenCase{
		// One download: incomplete is no fail, so exit 0 by default.
		{name: "odr, one download, table piped", args: oneDownloadArgs(), wantCode: ExitOK,
			stdout: "incomplete-odr-table-piped.golden", stderr: "incomplete-odr-table-piped.stderr.golden"},
		{name: "odr, one download, table on a terminal", tty: true, args: oneDownloadArgs(), wantCode: ExitOK,
			stdout: "incomplete-odr-table-tty.golden", wantColour: true},
		{name: "odr, one download, markdown", args: oneDownloadArgs("-o", "markdown"), wantCode: ExitOK,
			stdout: "incomplete-odr-markdown.golden"},
		{name: "odr, one download, junit", args: oneDownloadArgs("-o", "junit"), wantCode: ExitOK,
			stdout: "incomplete-odr-junit.golden"},
		// --fail-on incomplete: exit 1, and the entries are failures.
		{name: "odr, one download, junit, --fail-on fail,incomplete", args: oneDownloadArgs("-o", "junit", "--fail-on", "fail,incomplete"),
			wantCode: ExitFailed, stdout: "incomplete-odr-junit-fail-on.golden"},
		{name: "odr, one download, csv", args: oneDownloadArgs("-o", "csv"), wantCode: ExitOK,
			stdout: "incomplete-odr-csv.golden"},
		{name: "odr, one download, html", args: oneDownloadArgs("-o", "html"), wantCode: ExitOK,
			stdout: "incomplete-odr-html.golden"},

		{name: "all, files weeks old, table piped", args: lateArgs(), wantCode: ExitOK,
			stdout: "incomplete-all-table-piped.golden", stderr: "incomplete-all-table-piped.stderr.golden"},
		{name: "all, files weeks old, markdown", args: lateArgs("-o", "markdown"), wantCode: ExitOK,
			stdout: "incomplete-all-markdown.golden"},
		{name: "all, files weeks old, junit", args: lateArgs("-o", "junit"), wantCode: ExitOK,
			stdout: "incomplete-all-junit.golden"},
		{name: "all, files weeks old, csv", args: lateArgs("-o", "csv"), wantCode: ExitOK,
			stdout: "incomplete-all-csv.golden"},
		{name: "all, files weeks old, html", args: lateArgs("-o", "html"), wantCode: ExitOK,
			stdout: "incomplete-all-html.golden"},
		// Many accounts, weeks later (broken cannot be read: exit 2).
		{name: "--accounts, files weeks old, table piped", args: []string{"all", "--accounts", "testdata/accounts", "--as-of", "2026-12-07"},
			wantCode: ExitError, stdout: "incomplete-accounts-table-piped.golden", stderr: "incomplete-accounts-table-piped.stderr.golden"},
		{name: "--accounts, files weeks old, markdown", args: []string{"all", "--accounts", "testdata/accounts", "--as-of", "2026-12-07", "-o", "markdown"},
			wantCode: ExitError, stdout: "incomplete-accounts-markdown.golden"},

		// A trend past the files' last days: those days are gaps, noted.
		{name: "trend past the files, table piped", args: []string{"trend", "--from", "2026-11-08", "--to", "2026-12-07", acme},
			wantCode: ExitOK, stdout: "incomplete-trend-table-piped.golden", stderr: "incomplete-trend-table-piped.stderr.golden"},
		{name: "trend past the files, json", args: []string{"trend", "--from", "2026-11-08", "--to", "2026-12-07", "-o", "json", acme},
			wantCode: ExitOK, stdout: "incomplete-trend-json.golden"},
		{name: "trend past the files, csv", args: []string{"trend", "--from", "2026-11-08", "--to", "2026-12-07", "-o", "csv", acme},
			wantCode: ExitOK, stdout: "incomplete-trend-csv.golden"},

		// warn-only has no A-to-z claims or chargebacks file: not given.
		{name: "odr, warn-only, table piped", args: []string{"odr", "--as-of", "2026-11-20", warnOnly}, wantCode: ExitOK,
			stdout: "notgiven-odr-table-piped.golden", stderr: "notgiven-odr-table-piped.stderr.golden"},
		{name: "odr, warn-only, markdown", args: []string{"odr", "--as-of", "2026-11-20", "-o", "markdown", warnOnly}, wantCode: ExitOK,
			stdout: "notgiven-odr-markdown.golden"},
		{name: "odr, warn-only, junit", args: []string{"odr", "--as-of", "2026-11-20", "-o", "junit", warnOnly}, wantCode: ExitOK,
			stdout: "notgiven-odr-junit.golden"},
		{name: "odr, warn-only, csv", args: []string{"odr", "--as-of", "2026-11-20", "-o", "csv", warnOnly}, wantCode: ExitOK,
			stdout: "notgiven-odr-csv.golden"},
	}
	checkGolden(t, tests)
	for _, tt := range tests {
		if strings.Contains(tt.stdout, "junit") {
			ciParseJUnit(t, run(t, false, tt.args...).stdout)
		}
	}
}

// JUnit agrees with the exit code: with --fail-on warn the warning entry
// fails as well as the incomplete ones, and with the default none does.
func TestJUnitFailuresFollowFailOn(t *testing.T) {
	for _, c := range []struct {
		failOn   string
		code     int
		failures int
	}{
		{"fail", ExitOK, 0},
		{"warn", ExitFailed, 8},       // the 7 incomplete entries and the valid tracking rate's warning
		{"incomplete", ExitFailed, 7}, // the 7 incomplete entries
		{"never", ExitOK, 0},
	} {
		r := run(t, false, lateArgs("-o", "junit", "--fail-on", c.failOn)...)
		if j := ciParseJUnit(t, r.stdout); r.code != c.code || j.Failures != c.failures {
			t.Errorf("--fail-on %s: exit %d with %d failures, want %d with %d", c.failOn, r.code, j.Failures, c.code, c.failures)
		}
	}
}
