package cmd

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/iostreams"
)

// A warning on a terminal is wrapped to its width, the lines after the
// first indented; piped, it stays one line for logs and grep.
func TestPrintWarningWraps(t *testing.T) {
	msg := "the newest row of the Feedback report is dated 2026-08-01, before the ODR window (from 2026-09-08): if it was downloaded then, what came since is not counted; download it again"
	s, _, errOut := iostreams.Test(true)
	s.ErrWidth = 40
	printWarning(s, msg)
	lines := strings.Split(strings.TrimSuffix(errOut.String(), "\n"), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[0], "warning: the newest") {
		t.Fatalf("lines %q", lines)
	}
	var words []string
	for i, l := range lines {
		if utf8.RuneCountInString(l) > 39 {
			t.Errorf("line %d is %d columns: %q", i, utf8.RuneCountInString(l), l)
		}
		if i > 0 && !strings.HasPrefix(l, "  ") {
			t.Errorf("line %d not indented: %q", i, l)
		}
		words = append(words, strings.Fields(l)...)
	}
	if got := strings.Join(words, " "); got != "warning: "+msg {
		t.Errorf("words %q", got)
	}

	s, _, errOut = iostreams.Test(false)
	printWarning(s, msg)
	if got := errOut.String(); got != "warning: "+msg+"\n" {
		t.Errorf("piped: %q", got)
	}
}
