package input

import (
	"strings"
	"testing"
)

// Error messages mask phone numbers written with spaces, with a country
// code 1 or bare, and e-mail addresses with letters beyond ASCII, in
// composed or decomposed form.
func TestErrorsMaskMorePII(t *testing.T) {
	for _, value := range []string{
		"206 555 0100", "1-800-555-0199", "2065550100", "0301234567",
		"jané@exämple.de", "jane\u0301@exa\u0308mple.de",
	} {
		body := "order-id,claim-date,claim-status\n111-1,2026-09-01,x " + value + "\n"
		p := writeFile(t, t.TempDir(), "claims.csv", body)
		_, err := Load([]string{p}, Options{})
		if err == nil {
			t.Fatalf("%s: no error", value)
		}
		if msg := err.Error(); strings.Contains(msg, value) || strings.Contains(msg, "0100") ||
			strings.Contains(msg, "4567") || strings.Contains(msg, "mple") || !strings.Contains(msg, "<") {
			t.Errorf("%s: masked error: %s", value, msg)
		}
	}
}
