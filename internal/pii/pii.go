// Package pii finds personal data in free text, e-mail addresses and
// phone numbers, so that output can mask it: a buyer's feedback comment
// (metrics), a bad value quoted in an error message (report).
//
// Text is read in Unicode normal form C (NFC), so an address typed with
// combining accents (e + U+0301) is found like one typed with é. Digits,
// dashes and spaces are folded before matching: full-width digits and
// parentheses (０３０－１２３４５６７), other scripts' decimal digits, the
// Unicode dashes and no-break or thin spaces count as their ASCII
// counterparts. The text Mask returns is the NFC form.
package pii

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The patterns: e-mail addresses (letters of any script, in the local
// part and the domain: jané@exämple.de), and phone numbers. A match of a
// phone pattern is a phone number only if phoneAt says so.
var (
	emailRE = regexp.MustCompile(`[\p{L}\p{M}\p{N}._%+\-]+@[\p{L}\p{M}\p{N}\-]+(?:\.[\p{L}\p{M}\p{N}\-]+)*\.[\p{L}\p{M}]{2,}`)

	phoneREs = []*regexp.Regexp{
		// International: "+49 30 1234567", "+1 (206) 555-0100".
		regexp.MustCompile(`\+\d[\d ()./\-]{6,}\d`),
		// An area code in parentheses: "(206) 555-0100", "(030) 1234567".
		regexp.MustCompile(`\(\d{2,5}\) ?\d[\d ./\-]{4,}\d`),
		// A trunk prefix 0, then a separator: "030 1234567",
		// "0171-1234567", "030/123 456 78".
		regexp.MustCompile(`0\d{1,4}[ /\-]\d{3,}(?:[ \-]\d{2,})*`),
		// North American, with or without the country code 1:
		// "206-555-0100", "206.555.0100", "206 555 0100", "1-800-555-0199",
		// "1 (800) 555-0199", "555-0100" (not "555.0100": a number with
		// decimals).
		regexp.MustCompile(`(?:1[ \-.]?)?(?:\(\d{3}\) ?|\d{3}[ \-.])\d{3}[ \-.]\d{4}|\d{3}-\d{4}`),
		// Digits in groups, one kind of separator throughout (a space, a
		// dash or a dot), an optional +country code and an area code in
		// parentheses: "01 23 45 67 89", "0 30 12 34 56 7",
		// "+49 (0)30 1234567". 10 digits at least (generalMinDigits).
		regexp.MustCompile(`(?:\+\d{1,3} ?)?(?:\(\d{1,5}\) ?)?\d+(?: \d+)+`),
		regexp.MustCompile(`(?:\+\d{1,3}-?)?(?:\(\d{1,5}\)-?)?\d+(?:-\d+)+`),
		regexp.MustCompile(`(?:\+\d{1,3}\.?)?(?:\(\d{1,5}\)\.?)?\d+(?:\.\d+)+`),
		// A bare run of 10 or 11 digits: "2065550100", "0301234567",
		// "12065550100". 12 digits or more without separators are
		// tracking numbers, EAN and UPC codes, not phone numbers.
		regexp.MustCompile(`\d{10,11}`),
	}
	// generalFrom is the index in phoneREs of the first pattern that needs
	// generalMinDigits, bareAt that of the bare run.
	generalFrom, bareAt = 4, 7

	// dateRE finds a date with a four-digit year, which no phone number
	// holds: 2026-11-20, 20.11.2026, 11/20/2026.
	dateRE = regexp.MustCompile(`(?:^|[^\d])(?:(?:19|20)\d\d[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./](?:19|20)\d\d)(?:[^\d]|$)`)
)

// Phone numbers hold 7 to 15 digits (E.164 allows 15); a number matched
// only by the general patterns (groups, or bare digits) 10 at least.
const minPhoneDigits, generalMinDigits, maxPhoneDigits = 7, 10, 15

// labels are the words before a number that say it is not a phone number:
// a product code or a tracking number ("ASIN: 0316769487", "tracking
// number 1234567890", "Sendungsnummer 0034 0434 1234 5678 90"). A label is
// matched as a whole word, lower-cased, with "number", "no", "id", ... and
// punctuation between it and the number.
var (
	labels      = []string{"asin", "isbn", "ean", "upc", "gtin", "sku", "fnsku", "tracking", "trackingnummer", "sendungsnummer", "sendungsverfolgung", "suivi", "seguimiento", "tracciamento", "追跡番号", "お問い合わせ番号"}
	labelTrails = []string{"number", "numbers", "nummer", "num", "no", "nr", "id", "code"}
)

// piiSpan is a run of the text holding personal data: [from, to) and its
// mask.
type piiSpan struct {
	from, to int
	mask     string
}

// text is a string prepared for matching: nfc is the text in NFC, folded
// its copy with digits, dashes and spaces folded to ASCII (fold), and
// at[i] the offset in nfc of folded's byte i (at[len(folded)] ==
// len(nfc)). Folding maps rune to rune, so a span of folded maps back.
type text struct {
	nfc, folded string
	at          []int
}

func prepare(c string) text {
	nfc := norm.NFC.String(c)
	var b strings.Builder
	b.Grow(len(nfc))
	at := make([]int, 0, len(nfc)+1)
	for i, r := range nfc {
		f := fold(r)
		if r == utf8.RuneError {
			// Keep invalid bytes as they are, one by one.
			if _, size := utf8.DecodeRuneInString(nfc[i:]); size == 1 {
				b.WriteByte(nfc[i])
				at = append(at, i)
				continue
			}
		}
		n := b.Len()
		b.WriteRune(f)
		for j := n; j < b.Len(); j++ {
			at = append(at, i)
		}
	}
	at = append(at, len(nfc))
	return text{nfc: nfc, folded: b.String(), at: at}
}

// fold maps the characters phone numbers are written with to ASCII:
// decimal digits of any script, full-width forms, dashes, and spaces.
func fold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case unicode.IsDigit(r):
		// Decimal digits come in runs of ten from zero (some blocks
		// follow one another): the value is the distance from the start
		// of the run, modulo ten.
		z := r
		for unicode.IsDigit(z-1) && r-z < 100 {
			z--
		}
		return '0' + (r-z)%10
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE63:
		return '-'
	case unicode.Is(unicode.Zs, r):
		return ' '
	}
	return r
}

// personalData finds the e-mail addresses and phone numbers of t, in
// order, not overlapping, as offsets in t.folded.
func personalData(t text) []piiSpan {
	c := t.folded
	var spans []piiSpan
	overlaps := func(from, to int) bool {
		for _, s := range spans {
			if from < s.to && s.from < to {
				return true
			}
		}
		return false
	}
	if strings.IndexByte(c, '@') >= 0 {
		for _, m := range emailRE.FindAllStringIndex(c, -1) {
			spans = append(spans, piiSpan{m[0], m[1], "<e-mail>"})
		}
	}
	// Phone numbers, the longest first where matches overlap: "1 (800)
	// 555-0199" over "(800) 555-0199". Every phone pattern matches within
	// a run of the characters phone numbers are written with, so only the
	// runs holding enough digits are searched.
	var phones []piiSpan
	for _, run := range phoneRuns(c) {
		for i, re := range phoneREs {
			min := minPhoneDigits
			if i >= generalFrom {
				min = generalMinDigits
			}
			for _, m := range re.FindAllStringIndex(c[run[0]:run[1]], -1) {
				from, to := run[0]+m[0], run[0]+m[1]
				if i >= generalFrom && i < bareAt && !areaFirst(c[from:to]) {
					continue
				}
				if phoneAt(c, from, to, min) {
					phones = append(phones, piiSpan{from, to, "<phone>"})
				}
			}
		}
	}
	sort.SliceStable(phones, func(i, j int) bool { return phones[i].to-phones[i].from > phones[j].to-phones[j].from })
	for _, p := range phones {
		if !overlaps(p.from, p.to) {
			spans = append(spans, p)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	return spans
}

// phoneChars are the characters of every phone pattern.
const phoneChars = "0123456789 +()./-"

// phoneRuns are the maximal runs of phoneChars in c that hold
// minPhoneDigits digits at least: the only places a phone pattern can
// match.
func phoneRuns(c string) [][2]int {
	var runs [][2]int
	from, digits := -1, 0
	for i := 0; i <= len(c); i++ {
		if i < len(c) && strings.IndexByte(phoneChars, c[i]) >= 0 {
			if from < 0 {
				from, digits = i, 0
			}
			if c[i] <= '9' && c[i] >= '0' {
				digits++
			}
			continue
		}
		if from >= 0 && digits >= minPhoneDigits {
			runs = append(runs, [2]int{from, i})
		}
		from = -1
	}
	return runs
}

// phoneAt says whether c[from:to], a match of a phone pattern, stands
// alone as a phone number: min to 15 digits, not part of a longer run of
// digits (an order id "113-1234567-1234567", a decimal) or of a code with
// letters (an ASIN B0123456789, a tracking number 1Z999AA10123456784),
// holding no date, not an amount with its thousands grouped, not an
// ISBN-13, and not labelled as a product code or a tracking number.
func phoneAt(c string, from, to, min int) bool {
	m := c[from:to]
	digits := 0
	for i := 0; i < len(m); i++ {
		if '0' <= m[i] && m[i] <= '9' {
			digits++
		}
	}
	if digits < min || digits > maxPhoneDigits {
		return false
	}
	isDigit := func(i int) bool { return i >= 0 && i < len(c) && '0' <= c[i] && c[i] <= '9' }
	joins := func(b byte) bool { return strings.IndexByte("-./,:+", b) >= 0 }
	// Before: no digit or letter, and no joining character after a digit
	// ("1-555-0100" is another pattern's; "113-1234567" is an order id's
	// tail), no currency sign.
	if from > 0 {
		if isDigit(from-1) || (joins(c[from-1]) && isDigit(from-2)) {
			return false
		}
		r, _ := utf8.DecodeLastRuneInString(c[:from])
		if alphabetic(r) || unicode.Is(unicode.Sc, r) {
			return false
		}
	}
	// After: no digit or letter, and no joining character before a digit;
	// a full stop ending a sentence is fine.
	if to < len(c) {
		if isDigit(to) || (joins(c[to]) && isDigit(to+1)) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(c[to:]); alphabetic(r) {
			return false
		}
	}
	if dateRE.MatchString(m) || grouped(m) {
		return false
	}
	if m[0] != '+' && digits == 13 && (strings.HasPrefix(m, "978") || strings.HasPrefix(m, "979")) {
		return false // an ISBN-13
	}
	return !labelled(c[:from])
}

// areaFirst says whether m, digits in groups, starts as a phone number
// does: with a country code, an area code in parentheses, or a first group
// of 5 digits at most (an area code, a trunk prefix). "99999999999-09-07"
// is a date with a long year, not a phone number.
func areaFirst(m string) bool {
	if m[0] == '+' || m[0] == '(' {
		return true
	}
	n := 0
	for n < len(m) && '0' <= m[n] && m[n] <= '9' {
		n++
	}
	return n <= 5
}

// alphabetic says whether r is a letter of a script written with spaces
// between words, so that a number joined to it is part of a code
// (B0123456789). A number joined to Chinese or Japanese text is not.
func alphabetic(r rune) bool {
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian, unicode.Georgian)
}

// grouped says whether m is a number with its thousands grouped by spaces
// or dots, not a phone number: "1 234 567 890", "1.234.567.890".
func grouped(m string) bool {
	if m[0] == '+' || strings.ContainsAny(m, "()-") {
		return false
	}
	groups := strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == '.' })
	if len(groups) < 2 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// labelled says whether before, the text before a number, ends with a
// label saying the number is a product code or a tracking number.
func labelled(before string) bool {
	if len(before) > 64 {
		before = before[len(before)-64:]
	}
	s := strings.ToLower(before)
	trim := func() { s = strings.TrimRight(s, " :#.-=№\t") }
	trim()
	for _, w := range labelTrails {
		if strings.HasSuffix(s, w) {
			if rest := s[:len(s)-len(w)]; rest == "" || !isLetter(rest) {
				s = rest
				trim()
				break
			}
		}
	}
	for _, l := range labels {
		if strings.HasSuffix(s, l) && (len(s) == len(l) || !isLetter(s[:len(s)-len(l)]) || !alphabetic([]rune(l)[0])) {
			return true
		}
	}
	return false
}

// isLetter says whether s ends with a letter.
func isLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// found finds the personal data of c: c in NFC and the spans, as offsets
// in it.
func found(c string) (string, []piiSpan) {
	t := prepare(c)
	spans := personalData(t)
	for i := range spans {
		spans[i].from, spans[i].to = t.at[spans[i].from], t.at[spans[i].to]
	}
	return t.nfc, spans
}

// Has says whether c holds an e-mail address or a phone number.
func Has(c string) bool {
	_, spans := found(c)
	return len(spans) > 0
}

// Mask replaces the e-mail addresses of c with "<e-mail>" and its phone
// numbers with "<phone>". It returns c itself when c holds neither, else
// the NFC form of c with them replaced.
//
// Masking is repeated until nothing more is found, so that masking twice
// changes nothing more: a number can stand alone only once its neighbour
// is masked ("0000 0000 00000000000" is too long for one number, but
// "0000 0000 <phone>" starts with one). Every pass that changes the text
// removes an "@" or seven digits, so the passes are few.
func Mask(c string) string {
	m, ok := maskOnce(c)
	if !ok {
		return c
	}
	for {
		next, ok := maskOnce(m)
		if !ok {
			return m
		}
		m = next
	}
}

// maskOnce masks what one look at c finds, and says whether it found any.
func maskOnce(c string) (string, bool) {
	nfc, spans := found(c)
	if len(spans) == 0 {
		return c, false
	}
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(nfc[at:s.from])
		b.WriteString(s.mask)
		at = s.to
	}
	b.WriteString(nfc[at:])
	return b.String(), true
}

// cutMargin is how far past the cut Cut looks for personal data that the
// cut would split: more than the longest e-mail address (254 characters
// of up to 4 bytes).
const cutMargin = 1024

// Cut shortens c, in NFC, to about max bytes for keeping, without cutting
// personal data in two: Mask must still find, and hide, what the cut text
// holds, and Has still see it. A cut inside an e-mail address or a phone
// number moves after it, so the result may be longer than max by that
// much; a cut inside a run of digits (an order id, a number) moves before
// it, so that what is left is not read as a phone number. The cut never
// splits a character. c is returned itself when it is max bytes or less.
func Cut(c string, max int) string {
	if len(c) <= max {
		return c
	}
	window := c
	if len(window) > max+cutMargin {
		window = window[:max+cutMargin]
	}
	nfc, spans := found(window)
	if len(nfc) <= max {
		return nfc
	}
	n := max
	for n > 0 && !utf8.RuneStart(nfc[n]) {
		n--
	}
	for _, s := range spans {
		if s.from < n && n < s.to {
			return nfc[:s.to]
		}
	}
	// Not inside a run of digits and the characters that join them.
	numeric := func(b byte) bool { return '0' <= b && b <= '9' || strings.IndexByte("+-./()", b) >= 0 }
	if numeric(nfc[n]) {
		for n > 0 && numeric(nfc[n-1]) {
			n--
		}
	}
	// Not between a character and its combining marks.
	for n > 0 {
		r, _ := utf8.DecodeRuneInString(nfc[n:])
		if !unicode.Is(unicode.M, r) {
			break
		}
		_, size := utf8.DecodeLastRuneInString(nfc[:n])
		n -= size
	}
	return nfc[:n]
}
