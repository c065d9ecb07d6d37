package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// inputEmails collects every e-mail address in the sample accounts (the
// Feedback report's Rater Email column).
func inputEmails(t *testing.T) []string {
	t.Helper()
	set := map[string]bool{}
	err := filepath.WalkDir("testdata/accounts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range emailRE.FindAllString(string(b), -1) {
			set[m] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for m := range set {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// Buyers' e-mail addresses are personal data: no output, in any format and
// on either stream, may carry one, not even in an error message.
func TestNoBuyerEmailInOutput(t *testing.T) {
	emails := inputEmails(t)
	if len(emails) < 14 {
		t.Fatalf("found %d e-mail addresses in testdata/accounts, want the sample feedback reports' (>= 14)", len(emails))
	}
	var runs [][]string
	for _, dir := range []string{acme, warnOnly, clean, emptyWindow} {
		for _, format := range [][]string{{"-o", "table"}, {"-o", "json"}, {"--color", "always"}, {"--color", "never"}} {
			runs = append(runs, append(append([]string{"odr", "--as-of", "2026-11-20"}, format...), dir))
		}
	}
	for _, dir := range []string{acme, acmeDE, clean} {
		for _, format := range [][]string{{"-o", "table"}, {"-o", "json"}, {"--color", "always"}} {
			runs = append(runs, append(append([]string{"all", "--as-of", "2026-11-20"}, format...), dir))
		}
	}
	for _, command := range []string{"late-shipment", "cancellation", "tracking", "delivery", "idr"} {
		runs = append(runs, []string{command, "--as-of", "2026-11-20", "-o", "json", acmeDE})
	}
	runs = append(runs,
		[]string{"all", "-o", "json", acme, acmeDE, warnOnly},
		[]string{"odr", "--as-of", "2026-11-20", broken + "/feedback-five.txt"},
		[]string{"odr", "--as-of", "2026-11-20", "-o", "json", broken + "/feedback-five.txt"},
		[]string{"odr", "-o", "json", acme, warnOnly, clean, emptyWindow},
	)
	for _, args := range runs {
		for _, tty := range []bool{false, true} {
			r := run(t, tty, args...)
			all := r.stdout + r.stderr
			for _, e := range emails {
				if strings.Contains(all, e) {
					t.Errorf("tty=%v %v: output carries the buyer address %s", tty, args, e)
				}
			}
			if m := emailRE.FindString(all); m != "" {
				t.Errorf("tty=%v %v: output carries an e-mail address %s", tty, args, m)
			}
		}
	}
}
