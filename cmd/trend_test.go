package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshots are three of Amazon's seller performance reports for acme-us.
const snapshots = "testdata/amazon/snapshots"

var trendRange = []string{"trend", "--from", "2026-10-22", "--to", "2026-11-20"}

func trendArgs(extra ...string) []string {
	return append(append([]string(nil), trendRange...), extra...)
}

// TestTrendGolden pins every trend format byte for byte.
func TestTrendGolden(t *testing.T) {
	tests := []goldenCase{
		{name: "table piped", args: trendArgs(acme), wantCode: ExitFailed,
			stdout: "trend-table-piped.golden", stderr: "trend-table-piped.stderr.golden"},
		{name: "table on a terminal", tty: true, args: trendArgs(acme), wantCode: ExitFailed,
			stdout: "trend-table-tty.golden", stderr: "trend-table-tty.stderr.golden", wantColour: true},
		{name: "json", args: trendArgs("-o", "json", acme), wantCode: ExitFailed,
			stdout: "trend-json.golden", stderr: "trend-json.stderr.golden"},
		{name: "csv", args: trendArgs("-o", "csv", acme), wantCode: ExitFailed,
			stdout: "trend-csv.golden", stderr: "trend-csv.stderr.golden"},
		{name: "odr, table piped", args: trendArgs("--metric", "odr", acme), wantCode: ExitFailed,
			stdout: "trend-odr-table-piped.golden", stderr: "trend-odr-table-piped.stderr.golden"},
		{name: "odr, json", args: trendArgs("--metric", "odr", "-o", "json", acme), wantCode: ExitFailed,
			stdout: "trend-odr-json.golden"},
		{name: "odr, csv", args: trendArgs("--metric", "odr", "-o", "csv", acme), wantCode: ExitFailed,
			stdout: "trend-odr-csv.golden"},
		// --as-of is --to; --metric takes ids and command names alike.
		{name: "--as-of for --to, a metric id", args: []string{"trend", "--from", "2026-10-22", "--as-of", "2026-11-20", "--metric", "ODR", "-o", "json", acme},
			wantCode: ExitFailed, stdout: "trend-odr-json.golden"},
		// A German account: the IDR per store, every metric computed.
		{name: "acme-de, table piped", args: trendArgs(acmeDE), wantCode: ExitFailed,
			stdout: "trend-de-table-piped.golden"},
		// Three of Amazon's reports, dated 2026-10-30, 11-08 and 11-15: the
		// Account Health Rating of each date is the latest one's, a gap
		// before the first.
		{name: "snapshots, table piped", args: trendArgs(acme, snapshots), wantCode: ExitFailed,
			stdout: "trend-snapshots-table-piped.golden", stderr: "trend-snapshots-table-piped.stderr.golden"},
		{name: "snapshots, json", args: trendArgs("--metric", "odr", "-o", "json", acme, snapshots), wantCode: ExitFailed,
			stdout: "trend-snapshots-json.golden"},
		{name: "snapshots, csv", args: trendArgs("--metric", "odr", "-o", "csv", acme, snapshots), wantCode: ExitFailed,
			stdout: "trend-snapshots-csv.golden"},
	}
	checkGolden(t, tests)
}

type trendDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Command       string `json:"command"`
	From, To      string
	Series        []struct {
		ID          string
		Fulfillment string
		WindowDays  int `json:"window_days"`
		Marketplace string
		Points      []struct {
			AsOf                   string `json:"as_of"`
			Value                  *float64
			Numerator, Denominator int
			Status                 string
		}
	}
}

func decodeTrend(t *testing.T, s string) trendDoc {
	t.Helper()
	var d trendDoc
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("%v in\n%s", err, s)
	}
	return d
}

// Each point of the trend is what the metric's own command says on that
// date: the first, a middle and the last day against audit all --as-of.
func TestTrendMatchesAudits(t *testing.T) {
	r := run(t, false, trendArgs("-o", "json", acme)...)
	tr := decodeTrend(t, r.stdout)
	if tr.SchemaVersion != 1 || tr.Command != "trend" || tr.From != "2026-10-22" || tr.To != "2026-11-20" {
		t.Fatalf("top level: %+v", tr)
	}
	for i, day := range []string{"2026-10-22", "2026-11-05", "2026-11-20"} {
		idx := []int{0, 14, 29}[i]
		var one struct {
			Metrics []struct {
				ID                     string
				Numerator, Denominator int
				Status                 string
			}
		}
		if err := json.Unmarshal([]byte(run(t, false, "all", "--as-of", day, "-o", "json", acme).stdout), &one); err != nil {
			t.Fatal(err)
		}
		if len(one.Metrics) != len(tr.Series) {
			t.Fatalf("%s: %d entries, %d series", day, len(one.Metrics), len(tr.Series))
		}
		for j, m := range one.Metrics {
			s := tr.Series[j]
			p := s.Points[idx]
			if s.ID != m.ID || p.AsOf != day || p.Numerator != m.Numerator || p.Denominator != m.Denominator || p.Status != m.Status {
				t.Errorf("%s entry %d: trend %s %s %d/%d %s, audit %s %d/%d %s", day, j, s.ID, p.AsOf, p.Numerator, p.Denominator, p.Status,
					m.ID, m.Numerator, m.Denominator, m.Status)
			}
		}
	}
}

// Without --from and --to the trend is the 30 days to today in UTC (the
// test clock's 2026-11-21); --to alone ends it there.
func TestTrendDefaultRange(t *testing.T) {
	for _, c := range []struct {
		args     []string
		from, to string
	}{
		{[]string{"trend", "--metric", "odr", "-o", "json", acme}, "2026-10-23", "2026-11-21"},
		{[]string{"trend", "--to", "2026-11-20", "--metric", "odr", "-o", "json", acme}, "2026-10-22", "2026-11-20"},
		{[]string{"trend", "--as-of", "2026-11-20", "--metric", "odr", "-o", "json", acme}, "2026-10-22", "2026-11-20"},
		{[]string{"trend", "--from", "2026-11-20", "--to", "2026-11-20", "--metric", "odr", "-o", "json", acme}, "2026-11-20", "2026-11-20"},
	} {
		d := decodeTrend(t, run(t, false, c.args...).stdout)
		if d.From != c.from || d.To != c.to {
			t.Errorf("%v: %s..%s, want %s..%s", c.args, d.From, d.To, c.from, c.to)
		}
		if len(d.Series) != 3 || d.Series[0].Points[0].AsOf != c.from || d.Series[0].Points[len(d.Series[0].Points)-1].AsOf != c.to {
			t.Errorf("%v: points do not run %s..%s", c.args, c.from, c.to)
		}
	}
}

// --metric: command names and ids, repeated or comma-separated, each once,
// in the order of audit all.
func TestTrendMetricFlag(t *testing.T) {
	d := decodeTrend(t, run(t, false, trendArgs("--metric", "idr,tracking", "--metric", "valid_tracking_rate", "--metric", "odr", "-o", "json", acme)...).stdout)
	var ids []string
	for _, s := range d.Series {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, " "), "odr odr odr valid_tracking_rate invoice_defect_rate"; got != want {
		t.Errorf("series %q, want %q", got, want)
	}
}

// --metric service follows the four customer-service metrics, from the
// catalog (the command of each metric).
func TestTrendMetricService(t *testing.T) {
	d := decodeTrend(t, run(t, false, "trend", "--from", "2026-11-19", "--to", "2026-11-20", "--metric", "service", "-o", "json",
		"testdata/accounts/acme-service").stdout)
	var ids []string
	for _, s := range d.Series {
		if len(ids) == 0 || ids[len(ids)-1] != s.ID {
			ids = append(ids, s.ID)
		}
	}
	want := "contact_response_rate return_dissatisfaction_rate customer_service_rating customer_service_dissatisfaction_rate"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("series %q, want %q", got, want)
	}
}

// The exit code goes by the statuses on --to, as --fail-on says, never by
// an earlier day: acme-us's seller-fulfilled ODR fails on 2026-11-20; its
// valid tracking rate passes throughout; its cancel rate fails on
// 2026-10-22 (1 of 11) and passes on 2026-11-20 (0 of 12).
func TestTrendExitCode(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{trendArgs("--metric", "odr", acme), ExitFailed},
		{trendArgs("--metric", "odr", "--fail-on", "never", acme), ExitOK},
		{trendArgs("--metric", "tracking", acme), ExitOK},
		{trendArgs("--metric", "tracking", "--fail-on", "warn", acme), ExitOK},
		// The cancel rate failed on 2026-10-22 but passes on --to.
		{[]string{"trend", "--from", "2026-10-22", "--to", "2026-11-20", "--metric", "cancellation", acme}, ExitOK},
		{[]string{"trend", "--from", "2026-10-22", "--to", "2026-10-22", "--metric", "cancellation", acme}, ExitFailed},
	} {
		if r := run(t, false, c.args...); r.code != c.want {
			t.Errorf("%v: exit code %d, want %d; stderr:\n%s", c.args, r.code, c.want, r.stderr)
		}
	}
}

func TestTrendUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"trend"}, "trend needs at least one PATH"},
		{trendArgs("-o", "html", acme), `--output: output format "html" cannot show a trend`},
		{trendArgs("-o", "yaml", acme), `--output: output format "yaml" cannot show a trend (want csv, json, table)`},
		{trendArgs("--accounts", "testdata/accounts"), "--accounts is not supported with trend"},
		{trendArgs("--details", acme), "--details is not supported with trend"},
		{[]string{"trend", "--from", "2026-11-21", "--to", "2026-11-20", acme}, "--from 2026-11-21 is after --to 2026-11-20"},
		{[]string{"trend", "--from", "2016-11-10", "--to", "2026-11-20", acme}, "--from: 2016-11-10 to 2026-11-20 is 3663 days, at most 3660"},
		{[]string{"trend", "--from", "2026-02-30", acme}, "--from: "},
		{[]string{"trend", "--to", "20261120", acme}, "--to: "},
		{[]string{"trend", "--as-of", "2026-11-20", "--to", "2026-11-19", acme}, "--to 2026-11-19 and --as-of 2026-11-20 differ"},
		{[]string{"trend", "--as-of", "nope", acme}, "--as-of: "},
		{trendArgs("--metric", "odr,nope", acme), `--metric: unknown metric "nope"`},
		{trendArgs("--fail-on", "sometimes", acme), "--fail-on"},
	} {
		r := run(t, false, c.args...)
		if r.code != ExitError {
			t.Errorf("%v: exit code %d, want %d", c.args, r.code, ExitError)
		}
		if !strings.Contains(r.stderr, "audit: "+c.want) || !strings.Contains(r.stderr, "Run 'audit trend --help'") {
			t.Errorf("%v: stderr\n%s\nwant %q and the help hint", c.args, r.stderr, c.want)
		}
		if r.stdout != "" {
			t.Errorf("%v: stdout on a usage error:\n%s", c.args, r.stdout)
		}
	}
	// The longest range is allowed.
	if r := run(t, false, "trend", "--from", "2016-11-13", "--to", "2026-11-20", "--metric", "cancellation", acme); r.code == ExitError {
		t.Errorf("3660 days: %s", r.stderr)
	}
}

// An output format set in the config file that cannot show a trend says
// where it came from.
func TestTrendOutputFromConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "audit.yaml")
	if err := os.WriteFile(cfg, []byte("output: html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, false, trendArgs("--config", cfg, acme)...)
	if r.code != ExitError || !strings.Contains(r.stderr, `cannot show a trend`) || !strings.Contains(r.stderr, "key output") {
		t.Errorf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	// -o on the command line wins over the file.
	if r := run(t, false, trendArgs("--config", cfg, "-o", "csv", "--metric", "odr", acme)...); r.code != ExitFailed || !strings.HasPrefix(r.stdout, "as_of,metric,") {
		t.Errorf("-o csv over the file's html: exit code %d\n%s", r.code, r.stderr)
	}
}

// --output-file: the format to the file, the table to the terminal.
func TestTrendOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trend.json")
	r := run(t, true, trendArgs("--metric", "odr", "-o", "json", "--output-file", path, "--color", "never", acme)...)
	if r.code != ExitFailed {
		t.Fatalf("exit code %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "trend-odr-json.golden", string(b))
	if !strings.HasPrefix(r.stdout, "Trend (US), 2026-10-22 to 2026-11-20 (30 days)") {
		t.Errorf("terminal did not get the table:\n%s", r.stdout)
	}
}

// The same files and flags give the same bytes, run after run (the dates
// are computed in parallel).
func TestTrendDeterministic(t *testing.T) {
	first := run(t, false, trendArgs("-o", "json", acmeDE)...)
	for i := 0; i < 3; i++ {
		again := run(t, false, trendArgs("-o", "json", acmeDE)...)
		mustEqualBytes(t, "trend documents", []byte(first.stdout), []byte(again.stdout))
	}
}

// docs/trend.md shows the --metric odr table and its stderr summary as the
// command writes them.
func TestTrendDocExample(t *testing.T) {
	doc, err := os.ReadFile("docs/trend.md")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, false, trendArgs("--metric", "odr", acme)...)
	if !strings.Contains(string(doc), r.stdout) {
		t.Errorf("docs/trend.md lacks the table audit trend writes:\n%s", r.stdout)
	}
	if summary := lastLine(r.stderr); !strings.Contains(string(doc), summary) {
		t.Errorf("docs/trend.md lacks the summary line %q", summary)
	}
}

// Computing a trend shows a line per day on a terminal's stderr, for audit
// trend and for -o html's chart, cleared before the output; never in a
// pipe (internal/iostreams/progress.go).
func TestTrendProgressOnATerminal(t *testing.T) {
	for _, tt := range []struct {
		args []string
		days int
	}{
		{[]string{"trend", "--as-of", "2026-11-20", "--color", "never", acme}, 30},
		{[]string{"all", "-o", "html", "--as-of", "2026-11-20", acme}, htmlTrendDays},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runProgress(t, tt.args...)
			last := fmt.Sprintf("computing the trend %d/%d…", tt.days, tt.days)
			for _, want := range []string{"\rcomputing the trend 1/", "\r" + last, "\r" + strings.Repeat(" ", len([]rune(last))) + "\r"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%q", want, r.stderr)
				}
			}
			if i, j := strings.Index(r.stderr, "reading reports"), strings.Index(r.stderr, "computing the trend"); i < 0 || i > j {
				t.Errorf("reading does not come before computing: %q", r.stderr)
			}
			piped := run(t, false, tt.args...)
			if strings.Contains(piped.stderr, "computing") || strings.Contains(piped.stderr, "\r") {
				t.Errorf("progress in a pipe: %q", piped.stderr)
			}
		})
	}
}
