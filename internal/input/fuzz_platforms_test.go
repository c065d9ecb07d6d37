package input

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Whatever the bytes of a platform's JSON document (eBay's seller
// standards and customer service metric, Allegro's sales quality,
// Kaufland's order units), reading it never panics: it yields records, or
// fails with an *InputError naming the file (and, for a bad value, the
// line), or the file is not recognised.
func FuzzPlatformDocuments(f *testing.F) {
	for _, name := range []string{"ebay/ebay_customer_service_metric.json", "ebay/ebay_find_seller_standards_profiles.json",
		"ebay/ebay_seller_standards_profile.json", "allegro/allegro_sale_quality.json", "kaufland/order_units.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2]) // cut short
	}
	f.Add([]byte(`{"quality":[{"resultFor":"2026-13-01","score":"x"}]}`))
	f.Add([]byte(`{"data":[{"id_order_unit":1,"status":7,"ts_created_iso":null}],"pagination":{}}`))
	f.Add([]byte(`{"standardsLevel":"TOP_RATED","metrics":[{"metricKey":"DEFECTIVE_TRANSACTION_RATE","value":{"value":"NaN"}}]}`))
	p := filepath.Join(f.TempDir(), "doc.json")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load([]string{p}, Options{})
		if err == nil {
			return
		}
		var ie *InputError
		var ue *UnrecognisedError
		switch {
		case errors.As(err, &ie):
			if ie.File != p {
				t.Fatalf("error %v names %s, not the file", err, ie.File)
			}
		case errors.As(err, &ue):
		default:
			t.Fatalf("error %v is a %T", err, err)
		}
	})
}
