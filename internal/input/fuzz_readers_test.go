package input

import (
	"github.com/sellerhealth/audit/internal/civil"

	"errors"
	"os"
	"path/filepath"
	"testing"
)

// loadFuzzed writes header+body to p and loads it. A failed load must be
// an *InputError placed in p, at the header's line or below: it returns nil
// then, and the loaded account otherwise. Load must never panic.
func loadFuzzed(t *testing.T, p, header string, body []byte, opt Options) *Loaded {
	t.Helper()
	if err := os.WriteFile(p, append([]byte(header), body...), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load([]string{p}, opt)
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v is a %T, want *InputError", err, err)
		}
		if ie.File != p || ie.Line < 1 {
			t.Fatalf("error %v placed at %s:%d", err, ie.File, ie.Line)
		}
		return nil
	}
	return l
}

// fuzzBody is loadFuzzed with a check of a successful load. Feedback date
// resolution may fail with a plain error (no single day/month order), so
// only placed errors are checked here.
func fuzzBody(t *testing.T, p, header string, body []byte, opt Options, check func(*Loaded)) {
	t.Helper()
	if err := os.WriteFile(p, append([]byte(header), body...), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load([]string{p}, opt)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) && (ie.File != p || ie.Line < 1) {
			t.Fatalf("error %v placed at %s:%d", err, ie.File, ie.Line)
		}
		return
	}
	check(l)
}

// FuzzReadFeedback: random bodies under an English and a German feedback
// header, with and without a marketplace to decide the dates.
func FuzzReadFeedback(f *testing.F) {
	for _, b := range []string{
		"9/7/26\t1\tLate \"again\"\t\t111-1\tx@marketplace.amazon.com\n",
		"13.1.26\t2\t\t\t111-2\t\r\n1.2.26\t3\tok\t\t111-3\t\r\n",
		"2026-01-13\t5\t\t\t111-4\t\n26/1/13\tfive\t\t\t111-5\n",
		"2/30/26\t1\t\t\t111-6\t\n\t\t\t\t\t\n",
		"1/2/26\t1\t\t\t111-7\t\n",
	} {
		f.Add([]byte(b), uint8(0))
		f.Add([]byte(b), uint8(1))
	}
	p := filepath.Join(f.TempDir(), "body.txt")
	headers := []string{"Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n", fbGerman + "\n"}
	f.Fuzz(func(t *testing.T, body []byte, which uint8) {
		opt := Options{}
		if which&2 != 0 {
			opt.Marketplace = "UK"
		}
		fuzzBody(t, p, headers[which&1], body, opt, func(l *Loaded) {
			for _, fb := range l.Data.Feedback {
				if fb.Rating < 1 || fb.Rating > 5 || fb.OrderID == "" || fb.Source.Line < 2 {
					t.Fatalf("feedback %+v", fb)
				}
				if back, err := ParseISODateForTest(fb.Date.String()); err != nil || back != fb.Date.String() {
					t.Fatalf("feedback date %s", fb.Date)
				}
			}
		})
	})
}

// FuzzReadReturns: random bodies under the returns report header; only
// rows flagged Y become claims, each with an order id.
func FuzzReadReturns(f *testing.F) {
	for _, b := range []string{
		"113-1\t10-Jul-2025\t14-Jul-2025\tApproved\tR\t \tL\t4.14\tUSD\tUSPS\t92\tSeller\tY\n",
		"113-2\t10-Jul-2025\t31-Feb-2025\tApproved\t\t\t\t\t\t\t\t\tY\n113-3\t\t\t\t\t\t\t\t\t\t\t\tmaybe\n",
		"113-4\t10-Jul-25\t14 Jul 2025\t\t\t\t\t\t\t\t\t\tN\r\n",
	} {
		f.Add([]byte(b))
	}
	p := filepath.Join(f.TempDir(), "body.txt")
	const header = "Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\tMerchant RMA ID\tLabel type\tLabel cost\tCurrency code\tReturn carrier\tTracking ID\tLabel to be paid by\tA-to-Z Claim\n"
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, p, header, body, Options{}, func(l *Loaded) {
			for _, c := range l.Data.Claims {
				if c.OrderID == "" || c.Source.Line < 2 {
					t.Fatalf("claim %+v", c)
				}
			}
		})
	})
}

// FuzzReadCancellations: random bodies under the cancellation download's
// header.
func FuzzReadCancellations(f *testing.F) {
	for _, b := range []string{
		"2026-11-15,111-1,Yes\n10-Jul-2025,111-2,No\n",
		"\"2026-11-15\",\"111-3\",\"Y\"\r\n,,\r\n2026-02-30,111-4,Yes\n",
		"2026-11-15,111-5,maybe\n",
	} {
		f.Add([]byte(b))
	}
	p := filepath.Join(f.TempDir(), "body.txt")
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, p, "Order Date,Order ID,Impacts Account Health\n", body, Options{}, func(l *Loaded) {
			for _, c := range l.Data.Cancellations {
				if c.OrderID() == "" || c.Source().Line < 2 {
					t.Fatalf("cancellation %+v", c)
				}
			}
		})
	})
}

// ParseISODateForTest round-trips a date string through civil.
func ParseISODateForTest(s string) (string, error) {
	d, err := civil.ParseISODate(s)
	return d.String(), err
}
