package pii

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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

// Phone numbers of 10 digits or more, written with spaces, dashes, dots
// or parentheses, with or without a country code, or bare; e-mail
// addresses in any script, composed or decomposed.
func TestMaskMore(t *testing.T) {
	for in, want := range map[string]string{
		"call 206 555 0100 today":          "call <phone> today",
		"call 1-800-555-0199 today":        "call <phone> today",
		"call 1 (800) 555-0199":            "call <phone>",
		"call 2065550100.":                 "call <phone>.",
		"ruf an: 0301234567":               "ruf an: <phone>",
		"tel 12065550100":                  "tel <phone>",
		"appelez 01 23 45 67 89":           "appelez <phone>",
		"appelez 01.23.45.67.89":           "appelez <phone>",
		"Tel. +49 (0)30 1234567":           "Tel. <phone>",
		"Tel. 0 30 12 34 56 78":            "Tel. <phone>",
		"call (206)555-0100":               "call <phone>",
		"mail jané@exämple.de please":      "mail <e-mail> please",
		"mail jane\u0301@exa\u0308mple.de": "mail <e-mail>",
		"письмо иван@пример.рф":            "письмо <e-mail>",
		"電話は０３０－１２３４５６７８です":                "電話は<phone>です",
		"call 206\u00a0555\u00a00100":      "call <phone>",
		"call 206\u2013555\u20130100":      "call <phone>",
		`got "2065550100"`:                 `got "<phone>"`,
		// Too long for one number, the run ends with one; once it is
		// masked, what is before it is one too (masking is repeated, so
		// that masking twice changes nothing more).
		"call 0000 0000 00000000000": "call <phone> <phone>",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
		if !Has(in) {
			t.Errorf("Has(%q) = false", in)
		}
	}
}

// What is not a phone number: order ids, ASINs, dates, times, amounts,
// tracking numbers, product codes, and short numbers.
func TestMaskNotPhones(t *testing.T) {
	for _, in := range []string{
		"order 113-3649539-7835233 arrived",
		"orders 113-3649539-7835233, 112-2025179-0533224",
		"order 113 3649539 7835233",
		"digital order D01-3649539-7835233",
		"ASIN B0ACMESS03 and B07XJ8C8F5",
		"ASIN 0316769487",
		"ISBN: 0-316-76948-7",
		"ISBN 978-0-316-76948-8",
		"9780316769488",
		"tracking number 1234567890",
		"Tracking no. 1234 5678 9012",
		"Sendungsnummer: 00340434161234567890",
		"UPS 1Z999AA10123456784",
		"USPS 9400 1000 0000 0000 0000 00",
		"FedEx 123456789012",
		"EAN 4006381333931",
		"Royal Mail AB123456789GB",
		"on 2026-11-20 10 items",
		"on 20.11.2026 14.30",
		"2026-11-20 14:30:00",
		"2026-11-20T14:30:00+01:00",
		"99999999999-09-07",
		"paid 19.99 10.00 5.50",
		"total 1 234 567 890",
		"total 1.234.567.890",
		"total $2065550100",
		"total 2065550100.50",
		"EUR 1,234.56",
		"2 stars after 10 days",
		"an order of 123456789 units",
		"at 192.168.100.200",
	} {
		if got := Mask(in); got != in {
			t.Errorf("Mask(%q) = %q, want it unchanged", in, got)
		}
	}
}

// Cut keeps personal data whole, so that a cut comment is still masked and
// still has its personal_data ground; it never cuts a number in two.
func TestCut(t *testing.T) {
	pad := strings.Repeat("x", 95) + " "
	for _, c := range []struct{ in, want string }{
		{pad + "write jane.doe@example.com", pad + "write jane.doe@example.com"},
		{pad + "call 206 555 0100 please", pad + "call 206 555 0100"},
		{pad + "call +49 30 1234567 please", pad + "call +49 30 1234567"},
		{pad + "order 113-3649539-7835233", pad + "order "},
		{pad + "abcd 12345678 and more", pad + "abcd "},
		{pad + "words and more words", pad + "words and"},
		{"short", "short"},
	} {
		got := Cut(c.in, 105)
		if got != c.want {
			t.Errorf("Cut(%q) = %q, want %q", c.in, got, c.want)
		}
		if Has(c.in) != Has(got) {
			t.Errorf("Cut(%q): Has %v, was %v", c.in, Has(got), Has(c.in))
		}
	}
	// Never inside a character, or between one and its accents.
	s := strings.Repeat("é", 60)
	for max := range 60 {
		got := Cut(s, max)
		if !utf8.ValidString(got) || len(got) > max {
			t.Errorf("Cut(é×60, %d) = %q", max, got)
		}
	}
	// e with cedilla and acute: NFC composes ȩ and keeps the acute apart.
	d := strings.Repeat("e\u0327\u0301", 40)
	for max := range 60 {
		got := Cut(d, max)
		if (got != "" && !strings.HasSuffix(got, "\u0301")) || !utf8.ValidString(got) || len(got) > max {
			t.Errorf("Cut(decomposed, %d) = %q", max, got)
		}
	}
}

// Mask, Has and Cut take any bytes: no panic, Cut's result is a prefix of
// the NFC text that keeps Has, and masking twice changes nothing more.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"call 206 555 0100", "jane\u0301@exa\u0308mple.de", "\xff\xfe2065550100", "０３０－１２３４５６７８", "order 113-3649539-7835233"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		m := Mask(s)
		if Mask(m) != m {
			t.Errorf("Mask(Mask(%q)) = %q, want %q", s, Mask(m), m)
		}
		if max < 0 {
			max = -max
		}
		max %= len(s) + 2
		c := Cut(s, max)
		if len(s) > max && !strings.HasPrefix(prepare(s).nfc, c) && len(s) <= max+cutMargin {
			t.Errorf("Cut(%q, %d) = %q, not a prefix", s, max, c)
		}
	})
}
