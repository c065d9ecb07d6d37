package cmd

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/safetext"
)

// Hostile text as the files can carry it: an OSC that sets the window
// title, a clear-screen, a right-to-left override, a C1 CSI, and a pipe
// that would end a markdown cell.
const (
	escTitle = "\x1b]0;pwned\x07"
	escClear = "\x1b[2J"
	escRLO   = "\u202e"
	escCSI   = "\u009b2J"
)

// hostileAccounts writes a folder of accounts in a temporary directory:
// one account whose folder name, file names, zip member name, order ids
// and feedback comments carry escapes, and an account that cannot be read
// because of a bad date in a zip member with such a name. It returns the
// folder and the hostile account in it.
func hostileAccounts(t *testing.T) (dir, account string) {
	t.Helper()
	dir = t.TempDir()
	account = filepath.Join(dir, "acct"+escTitle+escRLO)
	broken := filepath.Join(dir, "broken"+escClear)
	for _, d := range []string{account, broken} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path string, body []byte) {
		t.Helper()
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipOf := func(member, body string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		f, err := z.Create(member)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
		z.Close()
		return b.Bytes()
	}
	const ordersHead = "amazon-order-id\tpurchase-date\tfulfillment-channel\n"
	write(filepath.Join(account, "orders"+escClear+".txt"), []byte(ordersHead+
		"114-1"+escClear+"|x\t2026-10-01T10:00:00+00:00\tMerchant\n"+
		"114-2"+escRLO+"|y\t2026-10-02T10:00:00+00:00\tAmazon\n"))
	write(filepath.Join(account, "more.zip"), zipOf("orders"+escTitle+".txt", ordersHead+
		"114-3"+escCSI+"\t2026-10-03T10:00:00+00:00\tMerchant\n"))
	write(filepath.Join(account, "Feedback"+escRLO+".txt"), []byte("Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"+
		"10/5/26\t1\tbad "+escTitle+" item | "+escClear+" "+escRLO+"reversed `code`\t\t114-1"+escClear+"|x\tx@marketplace.amazon.com\n"+
		"10/6/26\t1\t=HYPERLINK(\"http://evil.example\") "+escCSI+"\t\t114-2"+escRLO+"|y\tx@marketplace.amazon.com\n"+
		"10/7/26\t2\tnot in the orders\t\t999-"+escTitle+"\tx@marketplace.amazon.com\n"))
	write(filepath.Join(account, "notes"+escClear+escRLO+".md"), []byte("not a report\n"))
	write(filepath.Join(broken, "export.zip"), zipOf("orders"+escTitle+escRLO+".txt", ordersHead+
		"111-3\t2026-02-30T10:00:00+00:00\tAmazon\n"))
	return dir, account
}

// unsafeIn lists what in s would act on a terminal or reorder text: the
// runes safetext makes visible (line feeds apart), and bytes that are not
// UTF-8.
func unsafeIn(s string) []string {
	var bad []string
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			bad = append(bad, fmt.Sprintf("byte %#x at %d", s[i], i))
		case r != '\n' && safetext.Unsafe(r):
			bad = append(bad, fmt.Sprintf("%U at %d", r, i))
		}
	}
	return bad
}

// Every output of an account whose files carry escapes shows them in their
// visible form: on stdout in every format, in the warnings and in the
// errors on stderr, on a terminal too (where the only escapes are the
// table's colours).
func TestHostileTextIsShownSafely(t *testing.T) {
	dir, account := hostileAccounts(t)
	base := []string{"--as-of", "2026-11-20", "--marketplace", "US"}
	runs := []struct {
		name string
		tty  bool
		args []string
	}{
		{"feedback table", false, []string{"feedback", account}},
		{"feedback table on a terminal", true, []string{"feedback", account}},
		{"odr --details table", false, []string{"odr", "--details", account}},
		{"defects table", false, []string{"defects", account}},
		{"all table", false, []string{"all", account}},
		{"feedback markdown", false, []string{"feedback", "-o", "markdown", account}},
		{"feedback csv", false, []string{"feedback", "-o", "csv", account}},
		{"feedback html", false, []string{"feedback", "-o", "html", account}},
		{"feedback junit", false, []string{"feedback", "-o", "junit", account}},
		{"feedback json", false, []string{"feedback", "-o", "json", account}},
		{"--output-file", false, []string{"feedback", "-o", "csv", "--output-file", filepath.Join(t.TempDir(), "out.csv"), account}},
		{"accounts table", false, []string{"odr", "--accounts", dir}},
		{"accounts table on a terminal", true, []string{"odr", "--accounts", dir}},
		{"accounts markdown", false, []string{"odr", "-o", "markdown", "--accounts", dir}},
		{"accounts csv", false, []string{"odr", "-o", "csv", "--accounts", dir}},
		{"accounts junit", false, []string{"odr", "-o", "junit", "--accounts", dir}},
		{"accounts json", false, []string{"odr", "-o", "json", "--accounts", dir}},
		{"trend table", false, []string{"trend", "--from", "2026-11-18", account}},
		{"trend csv", false, []string{"trend", "--from", "2026-11-18", "-o", "csv", account}},
		{"the error of an account that cannot be read", false, []string{"odr", filepath.Join(dir, "broken"+escClear)}},
		{"an error naming an argument", false, []string{"odr", "--marketplace", "X" + escTitle, account}},
	}
	for _, c := range runs {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if c.args[0] != "trend" {
				args = append(append([]string{c.args[0]}, base...), c.args[1:]...)
			} else {
				args = append([]string{"trend", "--marketplace", "US", "--to", "2026-11-20"}, c.args[1:]...)
			}
			r := run(t, c.tty, args...)
			stdout := r.stdout
			if c.tty {
				stdout = stripANSI(stdout) // the colours are the table's own
			}
			for stream, s := range map[string]string{"stdout": stdout, "stderr": r.stderr} {
				if bad := unsafeIn(s); len(bad) > 0 {
					t.Errorf("%s carries %s:\n%s", stream, strings.Join(bad, ", "), s)
				}
			}
			if r.stdout+r.stderr == "" {
				t.Error("no output")
			}
			// The escapes are shown, not dropped (JSON writes its own).
			if all := r.stdout + r.stderr; !strings.Contains(all, `\x1b`) && !strings.Contains(all, `\u001b`) {
				t.Errorf("no visible \\x1b in:\n%s%s", r.stdout, r.stderr)
			}
		})
	}
}

// The JSON document keeps the text as it was in the files (a program reads
// it), written with escapes: no control character or override is raw in
// its bytes.
func TestHostileTextInJSON(t *testing.T) {
	_, account := hostileAccounts(t)
	r := run(t, false, "feedback", "--as-of", "2026-11-20", "--marketplace", "US", "-o", "json", account)
	if bad := unsafeIn(r.stdout); len(bad) > 0 {
		t.Errorf("JSON carries %s", strings.Join(bad, ", "))
	}
	var doc struct {
		Feedback []struct {
			OrderID string `json:"order_id"`
			Comment string
		}
		Inputs []struct{ File string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range doc.Feedback {
		texts = append(texts, f.OrderID, f.Comment)
	}
	for _, in := range doc.Inputs {
		texts = append(texts, in.File)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"114-1" + escClear + "|x", "bad " + escTitle + " item | " + escClear + " " + escRLO + "reversed `code`",
		"114-2" + escRLO + "|y", escCSI, "orders" + escTitle + ".txt"} {
		if !strings.Contains(all, want) {
			t.Errorf("JSON lacks %q as it was in the files:\n%q", want, texts)
		}
	}
}

// A markdown table row has as many cells as its header, whatever pipes,
// backticks and line breaks the files hold.
func TestHostileTextInMarkdownCells(t *testing.T) {
	dir, account := hostileAccounts(t)
	for _, args := range [][]string{
		{"feedback", "--as-of", "2026-11-20", "--marketplace", "US", "-o", "markdown", account},
		{"odr", "--as-of", "2026-11-20", "--marketplace", "US", "-o", "markdown", "--accounts", dir},
	} {
		out := run(t, false, args...).stdout
		cells := -1
		for _, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "|") {
				cells = -1
				continue
			}
			n := strings.Count(line, "|") - strings.Count(line, `\|`)
			if cells == -1 {
				cells = n
			} else if n != cells {
				t.Errorf("%s: row with %d pipes, header %d: %q", args[0], n, cells, line)
			}
		}
		if strings.Contains(out, "`code`") {
			t.Errorf("%s: a backtick from the files opens code:\n%s", args[0], out)
		}
	}
}
