package render_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// On a terminal the fleet table fits its width (docs/outputs.md, "The
// narrow and wide table"): its heads go on two lines, then each status
// under its rate, then the entries' columns give way to NOT PASSING;
// ACCOUNT, STORE, STATUS, AHR and WARNINGS stay.
func TestFleetTableFitsWidth(t *testing.T) {
	f := flFleet()
	f.Accounts[0].Report.Account = []health.AccountCheck{{Store: "DE", Kind: "account_health_rating", Value: "GOOD", Status: health.Pass}}
	piped := flRender(t, render.FleetTable, f, render.Options{})
	if got := flRender(t, render.FleetTable, f, render.Options{Width: 1000}); got != piped {
		t.Errorf("a wide terminal differs from the piped table:\n%s\nwant:\n%s", got, piped)
	}
	for _, tt := range []struct {
		width int
		want  []string
	}{
		{90, []string{"LSR 10D  LSR", "30D", "3.92%    2.78%  36.36%", "WARN            FAIL"}},
		{80, []string{"NOT PASSING", "AHR", "PASS GOOD", "LSR 10D 3.92% WARN;", "IDR DE 36.36% FAIL; IDR FR NO DATA", "NOT PASSING lists"}},
		{60, []string{"NOT PASSING", "AHR", "IDR DE 36.36%"}},
	} {
		out := flRender(t, render.FleetTable, f, render.Options{Width: tt.width})
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("width %d lacks %q:\n%s", tt.width, w, out)
			}
		}
		for i, l := range strings.Split(out, "\n") {
			if utf8.RuneCountInString(l) > tt.width {
				t.Errorf("width %d, line %d is %d columns: %q", tt.width, i+1, utf8.RuneCountInString(l), l)
			}
		}
	}
}
