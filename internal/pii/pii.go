// Package pii finds personal data in free text, e-mail addresses and
// phone numbers, so that output can mask it: a buyer's feedback comment
// (metrics), a bad value quoted in an error message (report).
package pii

import (
	"regexp"
	"sort"
	"strings"
)

// The patterns: e-mail addresses, and phone numbers international,
// with an area code in parentheses, with a trunk prefix 0, or North
// American. Order ids (113-1234567-1234567), prices (19.99, 1,234.56),
// dates (2026-11-20, 11/20/2026) and short numbers ("2 stars") are not
// phone numbers (phoneAt).
var (
	emailRE  = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	phoneREs = []*regexp.Regexp{
		// International: "+49 30 1234567", "+1 (206) 555-0100".
		regexp.MustCompile(`\+\d[\d ()./\-]{6,}\d`),
		// An area code in parentheses: "(206) 555-0100", "(030) 1234567".
		regexp.MustCompile(`\(\d{2,5}\) ?\d[\d ./\-]{4,}\d`),
		// A trunk prefix 0, then a separator: "030 1234567",
		// "0171-1234567", "030/123 456 78".
		regexp.MustCompile(`0\d{1,4}[ /\-]\d{3,}(?:[ \-]\d{2,})*`),
		// North American: "206-555-0100", "206.555.0100", "555-0100"
		// (not "555.0100": a number with decimals).
		regexp.MustCompile(`\d{3}[\-.]\d{3}[\-.]\d{4}|\d{3}-\d{4}`),
	}
)

// Phone numbers hold 7 to 15 digits (E.164 allows 15).
const minPhoneDigits, maxPhoneDigits = 7, 15

// piiSpan is a run of c holding personal data: [from, to) and its mask.
type piiSpan struct {
	from, to int
	mask     string
}

// personalData finds the e-mail addresses and phone numbers of c, in
// order, not overlapping.
func personalData(c string) []piiSpan {
	var spans []piiSpan
	overlaps := func(from, to int) bool {
		for _, s := range spans {
			if from < s.to && s.from < to {
				return true
			}
		}
		return false
	}
	for _, m := range emailRE.FindAllStringIndex(c, -1) {
		spans = append(spans, piiSpan{m[0], m[1], "<e-mail>"})
	}
	for _, re := range phoneREs {
		for _, m := range re.FindAllStringIndex(c, -1) {
			if phoneAt(c, m[0], m[1]) && !overlaps(m[0], m[1]) {
				spans = append(spans, piiSpan{m[0], m[1], "<phone>"})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	return spans
}

// phoneAt says whether c[from:to], a match of a phone pattern, stands
// alone as a phone number: 7 to 15 digits, and not part of a longer run
// of digits (an order id "113-1234567-1234567", a date, a decimal).
func phoneAt(c string, from, to int) bool {
	digits := 0
	for i := from; i < to; i++ {
		if '0' <= c[i] && c[i] <= '9' {
			digits++
		}
	}
	if digits < minPhoneDigits || digits > maxPhoneDigits {
		return false
	}
	isDigit := func(i int) bool { return i >= 0 && i < len(c) && '0' <= c[i] && c[i] <= '9' }
	joins := func(b byte) bool { return strings.IndexByte("-./,:+", b) >= 0 }
	// Before: no digit, and no joining character after a digit ("1-555-0100"
	// is another pattern's; "113-1234567" is an order id's tail).
	if from > 0 {
		if isDigit(from-1) || (joins(c[from-1]) && isDigit(from-2)) {
			return false
		}
	}
	// After: no digit, and no joining character before a digit; a full
	// stop ending a sentence is fine.
	if to < len(c) {
		if isDigit(to) || (joins(c[to]) && isDigit(to+1)) {
			return false
		}
	}
	return true
}

// Has says whether c holds an e-mail address or a phone number.
func Has(c string) bool { return len(personalData(c)) > 0 }

// Mask replaces the e-mail addresses of c with "<e-mail>" and its phone
// numbers with "<phone>".
func Mask(c string) string {
	spans := personalData(c)
	if len(spans) == 0 {
		return c
	}
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(c[at:s.from])
		b.WriteString(s.mask)
		at = s.to
	}
	b.WriteString(c[at:])
	return b.String()
}
