package cmd

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/iostreams"
)

func TestExitCodes(t *testing.T) {
	asOf := []string{"odr", "--as-of", "2026-11-20"}
	args := func(rest ...string) []string { return append(append([]string{}, asOf...), rest...) }
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"acme-us fails (mfn 1.05%)", args(acme), ExitFailed},
		{"acme-us, json", args("-o", "json", acme), ExitFailed},
		{"acme-us --fail-on fail", args("--fail-on", "fail", acme), ExitFailed},
		{"acme-us --fail-on warn", args("--fail-on", "warn", acme), ExitFailed},
		{"acme-us --fail-on never", args("--fail-on", "never", acme), ExitOK},
		{"acme-us --fail-on never, json", args("--fail-on=never", "-o", "json", acme), ExitOK},
		{"warn-only passes by default", args(warnOnly), ExitOK},
		{"warn-only --fail-on warn", args("--fail-on", "warn", warnOnly), ExitFailed},
		{"warn-only --fail-on warn, json", args("--fail-on", "warn", "-o", "json", warnOnly), ExitFailed},
		{"warn-only --fail-on never", args("--fail-on", "never", warnOnly), ExitOK},
		{"clean", args(clean), ExitOK},
		{"clean --fail-on warn", args("--fail-on", "warn", clean), ExitOK},
		{"no data", args(emptyWindow), ExitOK},
		{"no data --fail-on warn", args("--fail-on", "warn", emptyWindow), ExitOK},
		{"version", []string{"version"}, ExitOK},
		{"help", []string{"--help"}, ExitOK},
		{"odr help", []string{"odr", "--help"}, ExitOK},
	}
	// The seller-fulfilled commands and audit all (verdicts: acme-us.expected.json, acme-de.expected.json).
	at := func(command string, rest ...string) []string {
		return append([]string{command, "--as-of", "2026-11-20"}, rest...)
	}
	tests = append(tests, []struct {
		name string
		args []string
		want int
	}{
		{"all acme-us fails", at("all", acme), ExitFailed},
		{"all acme-us, json", at("all", "-o", "json", acme), ExitFailed},
		{"all acme-us --fail-on never", at("all", "--fail-on", "never", acme), ExitOK},
		{"all acme-de fails (invoice defect rate)", at("all", acmeDE), ExitFailed},
		{"all acme-de --fail-on never, json", at("all", "--fail-on", "never", "-o", "json", acmeDE), ExitOK},
		{"all clean: passes, the rest not computed", at("all", clean), ExitOK},
		{"all clean --fail-on warn: not computed never fails", at("all", "--fail-on", "warn", clean), ExitOK},
		{"all no data", at("all", "--fail-on", "warn", emptyWindow), ExitOK},
		{"late-shipment acme-us fails (10 days 7.14%)", at("late-shipment", acme), ExitFailed},
		{"late-shipment acme-us --fail-on never", at("late-shipment", "--fail-on", "never", acme), ExitOK},
		{"late-shipment acme-de warns (10 days 3.92%)", at("late-shipment", acmeDE), ExitOK},
		{"late-shipment acme-de --fail-on warn", at("late-shipment", "--fail-on", "warn", acmeDE), ExitFailed},
		{"cancellation acme-us passes", at("cancellation", "--fail-on", "warn", acme), ExitOK},
		{"cancellation acme-de warns", at("cancellation", acmeDE), ExitOK},
		{"cancellation acme-de --fail-on warn", at("cancellation", "--fail-on", "warn", "-o", "json", acmeDE), ExitFailed},
		{"tracking acme-us passes", at("tracking", "--fail-on", "warn", acme), ExitOK},
		{"tracking acme-de warns", at("tracking", acmeDE), ExitOK},
		{"tracking acme-de --fail-on warn", at("tracking", "--fail-on", "warn", acmeDE), ExitFailed},
		{"delivery acme-us fails (US enforces 90%)", at("delivery", acme), ExitFailed},
		{"delivery acme-de misses 97% but only warns (advisory)", at("delivery", acmeDE), ExitOK},
		{"delivery acme-de --fail-on warn", at("delivery", "--fail-on", "warn", acmeDE), ExitFailed},
		{"delivery of acme-de judged as a US account fails", at("delivery", "--marketplace", "US", acmeDE+"/shipments.csv"), ExitFailed},
		{"idr acme-de fails", at("idr", acmeDE), ExitFailed},
		{"idr acme-de --fail-on never", at("idr", "--fail-on", "never", acmeDE), ExitOK},
		{"idr acme-us: not computed (US)", at("idr", "--fail-on", "warn", acme), ExitOK},
		{"all help", []string{"all", "--help"}, ExitOK},
		{"idr help", []string{"help", "idr"}, ExitOK},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, tty := range []bool{false, true} {
				r := run(t, tty, tt.args...)
				if r.code != tt.want {
					t.Errorf("tty=%v: exit code %d, want %d; stderr:\n%s", tty, r.code, tt.want, r.stderr)
				}
			}
		})
	}
}

// The verdicts behind the exit codes above, so that a change in the sample
// accounts cannot make those tests pass for the wrong reason.
func TestSampleAccountVerdicts(t *testing.T) {
	tests := []struct {
		dir  string
		want string // overall, then all / afn / mfn: status numerator/denominator
	}{
		{acme, "fail all=warn 2/230 afn=pass 1/135 mfn=fail 1/95"},
		{warnOnly, "warn all=warn 1/125 afn=warn 1/110 mfn=pass 0/15"},
		{clean, "pass all=pass 0/20 afn=pass 0/12 mfn=pass 0/8"},
		{emptyWindow, "no_data all=no_data 0/0 afn=no_data 0/0 mfn=no_data 0/0"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			doc := decodeJSON(t, run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", tt.dir).stdout)
			got := doc.Status
			for _, m := range doc.Metrics {
				got += " " + m.Fulfillment + "=" + m.Status + " " + itoa(m.Numerator) + "/" + itoa(m.Denominator)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Usage and input errors: exit 2, nothing on stdout, one message on stderr
// that says what is wrong and where.
func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  []string // substrings of stderr
		usage bool     // the "Run 'audit CMD --help'" hint follows
		lines int      // lines on stderr when not 1 (message) or 2 (and the hint)
	}{
		{"unknown flag", []string{"odr", "--bogus", acme}, []string{"unknown flag: --bogus"}, true, 0},
		{"unknown shorthand", []string{"odr", "-z", acme}, []string{"unknown shorthand flag: 'z'"}, true, 0},
		{"no PATH", []string{"odr"}, []string{"odr needs at least one PATH"}, true, 0},
		{"no PATH after flags", []string{"odr", "--as-of", "2026-11-20"}, []string{"odr needs at least one PATH"}, true, 0},
		{"impossible --as-of", []string{"odr", "--as-of", "2026-02-30", acme}, []string{"--as-of", `"2026-02-30"`}, true, 0},
		{"malformed --as-of", []string{"odr", "--as-of", "20/11/2026", acme}, []string{"--as-of", `"20/11/2026"`}, true, 0},
		{"flag without its value", []string{"odr", acme, "--as-of"}, []string{"flag needs an argument", "as-of"}, true, 0},
		{"bad --output", []string{"odr", "-o", "xml", acme}, []string{"--output", `"xml"`, "csv, html, json, junit, markdown, table"}, true, 0},
		{"bad --color", []string{"odr", "--color", "sometimes", acme}, []string{"--color", `"sometimes"`}, true, 0},
		{"bad --fail-on", []string{"odr", "--fail-on", "maybe", acme}, []string{"--fail-on", `"maybe"`}, true, 0},
		{"unknown --marketplace", []string{"odr", "--marketplace", "XX", acme}, []string{"--marketplace", `"XX"`, "US"}, true, 0},
		{"bad --window-days", []string{"odr", "--window-days", "0", acme}, []string{"--window-days"}, true, 0},
		{"bad --lag-days", []string{"odr", "--lag-days", "-1", acme}, []string{"--lag-days"}, true, 0},
		{"unknown command", []string{"odrr", acme}, []string{`unknown command "odrr"`, "Did you mean this?\n\todr\n\tidr\n"}, true, 7},
		{"nonexistent path", []string{"odr", "testdata/accounts/no-such-account"},
			[]string{"testdata/accounts/no-such-account: no such file or folder"}, false, 0},
		{"nonexistent path after a good one", []string{"odr", acme, "nowhere/Feedback.txt"},
			[]string{"nowhere/Feedback.txt"}, false, 0},
		{"unrecognised file named explicitly", []string{"odr", acme + "/notes.md"},
			[]string{acme + "/notes.md: not a recognised report"}, false, 0},
		{"claim status maybe", []string{"odr", broken + "/claims-maybe.csv"},
			[]string{broken + `/claims-maybe.csv:3:3: column "claim-status": `, `"maybe"`}, false, 0},
		{"rating five", []string{"odr", broken + "/feedback-five.txt"},
			[]string{broken + `/feedback-five.txt:3:2: column "Rating": `, `"five"`}, false, 0},
		{"orders without fulfillment-channel", []string{"odr", broken + "/orders-no-channel.txt"},
			[]string{broken + "/orders-no-channel.txt: ", "All Orders report", `lacks column(s) "fulfillment-channel"`}, false, 0},
		{"a broken file beside a good account", []string{"odr", acme, broken + "/feedback-five.txt"},
			[]string{broken + `/feedback-five.txt:3:2:`}, false, 0},

		// The seller-fulfilled commands and audit all share the flags and the errors.
		{"late-shipment without PATH", []string{"late-shipment"}, []string{"late-shipment needs at least one PATH"}, true, 0},
		{"all without PATH", []string{"all", "--as-of", "2026-11-20"}, []string{"all needs at least one PATH"}, true, 0},
		{"idr unknown flag", []string{"idr", "--bogus", acmeDE}, []string{"unknown flag: --bogus"}, true, 0},
		{"an ODR flag on delivery", []string{"delivery", "--lag-days", "3", acmeDE}, []string{"unknown flag: --lag-days"}, true, 0},
		{"all bad --window-days", []string{"all", "--window-days", "0", acmeDE}, []string{"--window-days"}, true, 0},
		{"all unknown --marketplace", []string{"all", "--marketplace", "XX", acmeDE}, []string{"--marketplace", `"XX"`}, true, 0},
		{"cancellation impossible --as-of", []string{"cancellation", "--as-of", "2026-02-30", acmeDE}, []string{"--as-of", `"2026-02-30"`}, true, 0},
		{"tracking bad --fail-on", []string{"tracking", "--fail-on", "maybe", acmeDE}, []string{"--fail-on", `"maybe"`}, true, 0},
		{"idr bad --output", []string{"idr", "-o", "xml", acmeDE}, []string{"--output", `"xml"`}, true, 0},
		{"all bad --color", []string{"all", "--color", "sometimes", acmeDE}, []string{"--color", `"sometimes"`}, true, 0},
		{"late-shipment nonexistent path", []string{"late-shipment", "testdata/accounts/no-such-account"},
			[]string{"testdata/accounts/no-such-account: no such file or folder"}, false, 0},
		{"all, unrecognised file named explicitly", []string{"all", acme + "/notes.md"},
			[]string{acme + "/notes.md: not a recognised report"}, false, 0},
		{"all, a broken file beside a good account", []string{"all", acmeDE, broken + "/feedback-five.txt"},
			[]string{broken + `/feedback-five.txt:3:2:`}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, out := range []string{"table", "json"} {
				args := tt.args
				if auditCommands[args[0]] {
					// -o goes first, so that a later -o in the case wins.
					args = append([]string{args[0], "-o", out}, tt.args[1:]...)
				}
				r := run(t, false, args...)
				if r.code != ExitError {
					t.Errorf("%v: exit code %d, want %d; stderr:\n%s", args, r.code, ExitError, r.stderr)
				}
				if r.stdout != "" {
					t.Errorf("%v: stdout not empty:\n%s", args, r.stdout)
				}
				if !strings.HasPrefix(r.stderr, "audit: ") {
					t.Errorf("%v: stderr does not start with \"audit: \":\n%s", args, r.stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("%v: stderr lacks %q:\n%s", args, w, r.stderr)
					}
				}
				wantLines := tt.lines
				switch {
				case wantLines != 0:
				case tt.usage:
					wantLines = 2
				default:
					wantLines = 1
				}
				if got := strings.Count(r.stderr, "\n"); got != wantLines {
					t.Errorf("%v: stderr has %d lines, want %d:\n%s", args, got, wantLines, r.stderr)
				}
				// The hint names the help of the command that failed.
				hintText := "Run 'audit " + args[0] + " --help' for usage."
				if !auditCommands[args[0]] {
					hintText = "Run 'audit --help' for usage."
				}
				if hint := strings.Contains(r.stderr, hintText); hint != tt.usage {
					t.Errorf("%v: usage hint %q shown: %v, want %v", args, hintText, hint, tt.usage)
				}
			}
		})
	}
}

// auditCommands are the commands that audit PATHs and share their flags.
var auditCommands = map[string]bool{"odr": true, "late-shipment": true, "cancellation": true, "tracking": true,
	"delivery": true, "idr": true, "all": true}

// Warnings (a file in the folder that is not a report) go to stderr with the
// table, and into "warnings" with JSON, not both.
func TestWarnings(t *testing.T) {
	const w = "skipped testdata/accounts/acme-us/notes.md: not a recognised report"
	for _, tty := range []bool{false, true} {
		table := run(t, tty, "odr", "--as-of", "2026-11-20", acme)
		if !strings.HasPrefix(table.stderr, "warning: "+w+"\n") {
			t.Errorf("tty=%v: table stderr does not start with the warning:\n%s", tty, table.stderr)
		}
		if strings.Contains(table.stdout, "notes.md") {
			t.Errorf("tty=%v: table stdout mentions notes.md:\n%s", tty, table.stdout)
		}

		js := run(t, tty, "odr", "--as-of", "2026-11-20", "-o", "json", acme)
		if strings.Contains(js.stderr, "warning") || strings.Contains(js.stderr, "notes.md") {
			t.Errorf("tty=%v: json run printed the warning on stderr:\n%s", tty, js.stderr)
		}
		doc := decodeJSON(t, js.stdout)
		if len(doc.Warnings) != 1 || doc.Warnings[0] != w {
			t.Errorf("tty=%v: json warnings = %q, want [%q]", tty, doc.Warnings, w)
		}
	}
	// No warnings: an empty list, and nothing on stderr but the summary.
	r := run(t, false, "odr", "--as-of", "2026-11-20", clean)
	if strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "warning") {
		t.Errorf("clean account: stderr is not just the summary:\n%s", r.stderr)
	}
}

// The one-line summary goes to stderr when stdout is not a terminal, whatever
// the format, and never when it is.
func TestSummary(t *testing.T) {
	tests := []struct {
		dir, want string
	}{
		{acme, "audit odr: FAIL as of 2026-11-20: FAIL odr mfn 1.05% (1/95); WARN odr all 0.87% (2/230); 1 passed; 1 unmatched defect"},
		// warn-only has no A-to-z claims or chargebacks file: the line says so.
		{warnOnly, "audit odr: WARN as of 2026-11-20: WARN odr all 0.80% (1/125); WARN odr afn 0.91% (1/110); A-to-z claims and chargebacks not given; 1 passed"},
		{clean, "audit odr: PASS as of 2026-11-20: 3 passed"},
		{emptyWindow, "audit odr: NO DATA as of 2026-11-20: A-to-z claims and chargebacks not given; 3 no data"},
	}
	for _, tt := range tests {
		for _, out := range []string{"table", "json"} {
			piped := run(t, false, "odr", "--as-of", "2026-11-20", "-o", out, tt.dir)
			if got := lastLine(piped.stderr); got != tt.want {
				t.Errorf("%s -o %s piped: summary\n got  %q\n want %q", tt.dir, out, got, tt.want)
			}
			if strings.Count(piped.stderr, "audit odr:") != 1 {
				t.Errorf("%s -o %s piped: want exactly one summary line:\n%s", tt.dir, out, piped.stderr)
			}
			if !strings.HasSuffix(piped.stderr, "\n") {
				t.Errorf("%s -o %s piped: stderr does not end with a newline", tt.dir, out)
			}
			tty := run(t, true, "odr", "--as-of", "2026-11-20", "-o", out, tt.dir)
			if strings.Contains(tty.stderr, "audit odr:") {
				t.Errorf("%s -o %s on a terminal: summary printed:\n%s", tt.dir, out, tty.stderr)
			}
		}
	}
}

// Without --as-of the audit date is today in UTC, from Env.Now.
func TestDefaultAsOfIsTodayUTC(t *testing.T) {
	tests := []struct {
		now              time.Time
		asOf, from, to   string
		numerator, total int
	}{
		// 23:30 in California on the 20th is the 21st in UTC.
		{fixedNow, "2026-11-21", "2026-09-09", "2026-11-07", -1, -1},
		// 07:30 in Tokyo on the 21st is still the 20th in UTC.
		{time.Date(2026, 11, 21, 7, 30, 0, 0, time.FixedZone("JST", 9*60*60)), "2026-11-20", "2026-09-08", "2026-11-06", 2, 230},
	}
	for _, tt := range tests {
		t.Run(tt.now.String(), func(t *testing.T) {
			streams, out, errOut := iostreams.Test(false)
			code := Execute([]string{"odr", "-o", "json", acme}, Env{IO: streams, Now: func() time.Time { return tt.now }, Version: "test"})
			if code == ExitError {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			doc := decodeJSON(t, out.String())
			if doc.AsOf != tt.asOf {
				t.Errorf("as_of %s, want %s", doc.AsOf, tt.asOf)
			}
			for _, m := range doc.Metrics {
				if m.Window.From != tt.from || m.Window.To != tt.to || m.Window.Days != 60 {
					t.Errorf("%s window %+v, want %s..%s (60 days)", m.Fulfillment, m.Window, tt.from, tt.to)
				}
			}
			if tt.numerator >= 0 && (doc.Metrics[0].Numerator != tt.numerator || doc.Metrics[0].Denominator != tt.total) {
				t.Errorf("all %d/%d, want %d/%d", doc.Metrics[0].Numerator, doc.Metrics[0].Denominator, tt.numerator, tt.total)
			}
		})
	}
}

// The ODR settings flags reach the rules.
func TestODRFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string // all / afn / mfn numerator/denominator and the window
	}{
		{nil, "2/230 1/135 1/95 2026-09-08..2026-11-06 (60)"},
		{[]string{"--count-denied-claims"}, "3/230 1/135 2/95 2026-09-08..2026-11-06 (60)"},
		{[]string{"--lag-days", "0", "--window-days", "30"}, "5/110 3/64 2/46 2026-10-22..2026-11-20 (30)"},
		{[]string{"--marketplace", "US"}, "2/230 1/135 1/95 2026-09-08..2026-11-06 (60)"},
		{[]string{"--marketplace", "us"}, "2/230 1/135 1/95 2026-09-08..2026-11-06 (60)"},
	}
	for _, tt := range tests {
		args := append([]string{"odr", "--as-of", "2026-11-20", "-o", "json"}, tt.args...)
		r := run(t, false, append(args, acme)...)
		doc := decodeJSON(t, r.stdout)
		var got []string
		for _, m := range doc.Metrics {
			got = append(got, itoa(m.Numerator)+"/"+itoa(m.Denominator))
		}
		w := doc.Metrics[0].Window
		got = append(got, w.From+".."+w.To+" ("+itoa(w.Days)+")")
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%v:\n got  %s\n want %s", tt.args, s, tt.want)
		}
	}
}

// The same input gives the same bytes.
func TestDeterministic(t *testing.T) {
	for _, args := range [][]string{
		{"odr", "--as-of", "2026-11-20", "-o", "json", acme},
		{"odr", "--as-of", "2026-11-20", acme},
		{"odr", "--as-of", "2026-11-20", "-o", "json", warnOnly, clean, emptyWindow},
		{"all", "--as-of", "2026-11-20", "-o", "json", acme},
		{"all", "--as-of", "2026-11-20", acmeDE},
		{"all", "--as-of", "2026-11-20", "-o", "json", acmeDE, acme},
	} {
		a, b := run(t, false, args...), run(t, false, args...)
		mustEqualBytes(t, "stdout of two runs", []byte(a.stdout), []byte(b.stdout))
		mustEqualBytes(t, "stderr of two runs", []byte(a.stderr), []byte(b.stderr))
	}
}

// jsonDoc is the part of the JSON document the tests read.
type jsonDoc struct {
	AsOf     string `json:"as_of"`
	Status   string `json:"status"`
	Warnings []string
	Metrics  []struct {
		Fulfillment string
		Status      string
		Numerator   int
		Denominator int
		Window      struct {
			From, To string
			Days     int
		}
	}
}

func decodeJSON(t *testing.T, s string) jsonDoc {
	t.Helper()
	var d jsonDoc
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, s)
	}
	if len(d.Metrics) != 3 {
		t.Fatalf("%d metrics, want 3:\n%s", len(d.Metrics), s)
	}
	return d
}

func itoa(n int) string { return strconv.Itoa(n) }
