package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// personalData are phone numbers and e-mail addresses that must never
// reach output, and the comment that holds them.
var personalData = []string{"206 555 0100", "1-800-555-0199", "2065550100", "0301234567", "jané@exämple.de"}

// audit feedback masks every phone number and e-mail address of a
// comment, and gives the comment the personal_data ground; an error
// message quoting such a value masks it too.
func TestFeedbackMasksPersonalData(t *testing.T) {
	dir := t.TempDir()
	orders := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n"
	feedback := "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
	for i, v := range personalData {
		id := "113-3649539-783523" + string(rune('0'+i))
		orders += id + "\t2026-10-01T10:00:00-07:00\tMerchant\tAmazon.com\n"
		feedback += "10/5/26\t1\tbroken, reach me at " + v + " thanks\t\t" + id + "\tx@marketplace.amazon.com\n"
	}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("orders.txt", orders)
	write("Feedback.txt", feedback)
	for _, format := range []string{"table", "json"} {
		r := run(t, false, "feedback", "--as-of", "2026-11-20", "-o", format, dir)
		for _, v := range personalData {
			if strings.Contains(r.stdout+r.stderr, v) {
				t.Errorf("-o %s: output carries %q", format, v)
			}
		}
		if n := strings.Count(r.stdout, "personal_data"); n < len(personalData) {
			t.Errorf("-o %s: %d personal_data grounds, want %d:\n%s", format, n, len(personalData), r.stdout)
		}
	}

	for _, v := range personalData {
		bad := write("bad.txt", "Date\tRating\tComments\tYour Response\tOrder ID\n10/5/26\t"+v+"\tx\t\t113-3649539-7835230\n")
		r := run(t, false, "feedback", "--as-of", "2026-11-20", bad)
		if r.code != ExitError || !strings.Contains(r.stderr, "Rating") || strings.Contains(r.stderr, v) {
			t.Errorf("rating %q: exit %d, stderr %s", v, r.code, r.stderr)
		}
	}
}
