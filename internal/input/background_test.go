package input

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Reading the orders reports on their own goroutine gives what reading
// file after file gives: the same warnings in the same places, the same
// conflicts and closing counts, the same inputs, the same first error.
func TestBackgroundOrdersLikeOneByOne(t *testing.T) {
	head := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n"
	var many strings.Builder // 25 conflicting dates: 20 listed, a closing count
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&many, "111-%07d-0000001\t2026-10-02\tAmazon\tAmazon.com\n", i)
	}
	var first strings.Builder
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&first, "111-%07d-0000001\t2026-10-01\tAmazon\tAmazon.com\n", i)
	}
	feedback := "Date\tRating\tComments\tOrder ID\n10/05/26\t1\tbad\t111-0000001-0000001\n10/05/26\t5\tgood\t999-0000000-0000000\n"
	var ratings strings.Builder // 23 conflicting ratings: a closing count too
	ratings.WriteString("Date\tRating\tComments\tOrder ID\n")
	for i := 0; i < 23; i++ {
		fmt.Fprintf(&ratings, "10/06/26\t4\tok\t111-%07d-0000001\n10/06/26\t2\tmeh\t111-%07d-0000001\n", i, i)
	}
	claimsConflict := "order-id,claim-date,claim-status\n111-0000002-0000001,2026-10-07,granted\n"
	shipHead := "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date\n"
	sets := map[string]map[string]string{
		"clean": {
			"a-orders.txt":   head + first.String(),
			"b-feedback.txt": feedback, "c-claims.csv": claimsConflict,
		},
		"warnings everywhere": {
			"a-orders.txt":    head + first.String() + "111-9999999-0000001\t2026-10-01\tDrone\tAmazon.com\n",
			"b-notes.md":      "not a report\n",
			"c-orders.txt":    head + many.String() + "111-0000000-0000001\t2026-10-02\tMerchant\tAmazon.com\n",
			"d-shipments.csv": shipHead + "111-0000003-0000001,US,2026-10-01,2026-10-03,\n111-0000003-0000001,US,2026-10-01,2026-10-04,\n",
			"e-feedback.txt":  feedback,
			"0-feedback.txt":  ratings.String(),
			"f-orders.txt":    head + "111-0000004-0000001\t2026-10-09\tAmazon\tAmazon.com\n",
		},
		"an error in an orders report before one in a later file": {
			"a-orders.txt":    head + "111-0000001-0000001\tnot a date\tAmazon\tAmazon.com\n",
			"b-shipments.csv": shipHead + "111-0000003-0000001,XX,2026-10-01,2026-10-03,\n",
		},
		"an error in a file before an orders report's": {
			"a-shipments.csv": shipHead + "111-0000003-0000001,XX,2026-10-01,2026-10-03,\n",
			"b-orders.txt":    head + "111-0000001-0000001\tnot a date\tAmazon\tAmazon.com\n",
		},
		"an error after a good orders report": {
			"a-orders.txt":    head + first.String(),
			"b-shipments.csv": shipHead + "111-0000003-0000001,XX,2026-10-01,2026-10-03,\n",
		},
	}
	for name, files := range sets {
		dir := t.TempDir()
		for f, body := range files {
			writeFile(t, dir, f, body)
		}
		load := func(background bool) (string, error) {
			backgroundOrders = background
			defer func() { backgroundOrders = true }()
			l, err := Load([]string{dir}, Options{Marketplace: "US"})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%q\n%+v\n%d orders", l.Warnings, l.Inputs, l.Data.Orders.Len()), nil
		}
		want, wantErr := load(false)
		for i := 0; i < 20; i++ { // the goroutines' timing varies
			got, err := load(true)
			if !reflect.DeepEqual(err, wantErr) || got != want {
				t.Fatalf("%s: on two goroutines\n%s\n%v\nfile after file\n%s\n%v", name, got, err, want, wantErr)
			}
		}
		if name == "warnings everywhere" && (!strings.Contains(want, "7 more conflicting purchase dates not listed (27 in all)") ||
			!strings.Contains(want, "4 more conflicting feedback ratings not listed (24 in all)")) {
			t.Errorf("%s: the test lost its closing count:\n%s", name, want)
		}
	}
}
