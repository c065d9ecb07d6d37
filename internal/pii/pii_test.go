package pii

import "testing"

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"write to jane.doe@example.com now":            "write to <e-mail> now",
		"call +49 30 1234567 please":                   "call <phone> please",
		"call +1 (206) 555-0100.":                      "call <phone>.",
		"ring (030) 1234567":                           "ring <phone>",
		"Handy 0171-1234567":                           "Handy <phone>",
		"office 206-555-0100 or 555-0100":              "office <phone> or <phone>",
		"order 113-1234567-1234567 arrived":            "order 113-1234567-1234567 arrived",
		"paid 19.99 then 1,234.56":                     "paid 19.99 then 1,234.56",
		"on 2026-11-20 or 11/20/2026":                  "on 2026-11-20 or 11/20/2026",
		"2 stars after 10 days":                        "2 stars after 10 days",
		`unknown claim status "buyer@example.com"`:     `unknown claim status "<e-mail>"`,
		"a row: 111-1\t2026-09-08T01:00:00+02:00\tfoo": "a row: 111-1\t2026-09-08T01:00:00+02:00\tfoo",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
		if Has(in) != (in != want) {
			t.Errorf("Has(%q) = %v", in, Has(in))
		}
	}
}
