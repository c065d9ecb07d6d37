package metrics

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Removable feedback (help 20231, docs/metrics.md "Removable feedback"):
// Amazon removes a negative feedback, or strikes it through, in known
// cases. A removed feedback leaves the ODR. A request is accepted for
// settings.Feedback.RemovalDays after the feedback (90 by default).
//
// The grounds, in the order RemovalGrounds lists them:
const (
	// GroundFulfilledByAmazon: the order is Amazon-fulfilled. Amazon
	// strikes through feedback about its fulfillment: "This item was
	// fulfilled by Amazon, and we take responsibility for this fulfillment
	// experience." Whether the complaint is about delivery only a reader
	// can tell: the ground says the request is worth making.
	GroundFulfilledByAmazon = "fulfilled_by_amazon"
	// GroundPersonalData: the comment "includes seller-specific personally
	// identifiable information, such as email addresses, full names, or
	// telephone numbers". E-mail addresses and phone numbers are detected;
	// names are not.
	GroundPersonalData = "personal_data"
	// GroundProductReview: the comment "is entirely a product review"
	// ("the entire feedback comment is a product review"), as far as the
	// user's words (settings.Feedback.ProductReviewWords) tell.
	GroundProductReview = "product_review"
	// GroundObscene: the comment "includes obscene language", as far as
	// the user's words (settings.Feedback.ObsceneWords) tell.
	GroundObscene = "obscene"
)

// RemovalGrounds lists why Amazon could remove or strike through feedback
// f of an order fulfilled by ch, in the order of the Ground constants; nil
// when there is none. It does not look at the rating or the dates: see
// FeedbackList and FeedbackItem.Removable.
//
// The word lists match a comment case-insensitively (Unicode case
// folding), as whole words: "bad" matches "Bad!" but not "badge"; a phrase
// matches its words in a row whatever the spaces or punctuation between
// them ("fake product" matches "FAKE, product"). A comment is split into
// words at every character that is not a letter, a digit or a combining
// mark, so each language works by listing its own words ("kaputt",
// "подделка", "contrefaçon"). Scripts written without spaces between words
// (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) cannot be split so: a
// word holding one of their characters matches anywhere in the comment
// ("偽物").
func RemovalGrounds(f records.Feedback, ch records.Channel, s settings.Settings) []string {
	var out []string
	if ch == records.ChannelAmazon {
		out = append(out, GroundFulfilledByAmazon)
	}
	if f.Comment == "" {
		return out
	}
	if len(personalData(f.Comment)) > 0 {
		out = append(out, GroundPersonalData)
	}
	words := splitWords(f.Comment)
	if containsAny(f.Comment, words, s.Feedback.ProductReviewWords) {
		out = append(out, GroundProductReview)
	}
	if containsAny(f.Comment, words, s.Feedback.ObsceneWords) {
		out = append(out, GroundObscene)
	}
	return out
}

// RemovableUntil is the last day Amazon accepts a request to remove f:
// its date plus settings.Feedback.RemovalDays.
func RemovableUntil(f records.Feedback, s settings.Settings) civil.Date {
	return f.Date.AddDays(s.Feedback.RemovalDays)
}

// FeedbackItem is one negative feedback of the ODR window, as audit
// feedback lists it.
type FeedbackItem struct {
	OrderID      string
	OrderDate    civil.Date
	Fulfillment  string // "afn", "mfn", or "" when the channel is unknown
	FeedbackDate civil.Date
	Rating       int
	// Comment is the buyer's comment for output: whitespace runs made one
	// space, e-mail addresses and phone numbers masked ("<e-mail>",
	// "<phone>") unless settings.Input.ShowPII, then cut to
	// MaxListedComment characters ending in "…".
	Comment        string
	RemovableUntil civil.Date
	Grounds        []string
	Source         records.Source
}

// MaxListedComment bounds FeedbackItem.Comment, in characters (runes).
const MaxListedComment = 200

// Removable says whether a removal request is still worth making on asOf:
// the feedback has a ground and its deadline has not passed. The deadline
// day itself still counts (asOf == RemovableUntil is removable; the day
// after is not).
func (i FeedbackItem) Removable(asOf civil.Date) bool {
	return len(i.Grounds) > 0 && asOf <= i.RemovableUntil
}

// FeedbackList is every negative feedback that counts (FeedbackCounts,
// dated on or before the as-of date) whose order is in the ODR window:
// what audit feedback lists. Feedback whose order is not in the orders
// files is left out (the ODR lists it as unmatched). Sorted by what is
// worth doing first: removable, then the nearest deadline, then order id.
func FeedbackList(d *records.Dataset, s settings.Settings) []FeedbackItem {
	w := ODRWindow(s.AsOf, s.ODR)
	var out []FeedbackItem
	for _, f := range d.Feedback {
		if !FeedbackCounts(f) || f.Date > s.AsOf {
			continue
		}
		o, ok := d.Orders.Get(f.OrderID)
		if !ok || !w.Contains(o.Date) {
			continue
		}
		out = append(out, FeedbackItem{
			OrderID:        f.OrderID,
			OrderDate:      o.Date,
			Fulfillment:    segmentName(o.Channel),
			FeedbackDate:   f.Date,
			Rating:         f.Rating,
			Comment:        listedComment(f.Comment, s.Input.ShowPII),
			RemovableUntil: RemovableUntil(f, s),
			Grounds:        RemovalGrounds(f, o.Channel, s),
			Source:         f.Source,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := a.Removable(s.AsOf), b.Removable(s.AsOf); ra != rb {
			return ra
		}
		if a.RemovableUntil != b.RemovableUntil {
			return a.RemovableUntil < b.RemovableUntil
		}
		return a.OrderID < b.OrderID
	})
	return out
}

// listedComment is c for output: one line, masked unless showPII, cut to
// MaxListedComment runes. Masking comes first, so a cut never leaves part
// of an address readable.
func listedComment(c string, showPII bool) string {
	c = strings.Join(strings.Fields(c), " ")
	if !showPII {
		c = MaskPersonalData(c)
	}
	if utf8.RuneCountInString(c) <= MaxListedComment {
		return c
	}
	n, i := 0, 0
	for i = range c {
		if n == MaxListedComment-1 {
			break
		}
		n++
	}
	return strings.TrimRight(c[:i], " ") + "…"
}

// Personal data in comments. The patterns mirror internal/report/pii.go
// (RedactPII, which masks error messages; metrics cannot import report),
// with a wider phone pattern: a comment's digits are written by a buyer,
// not a report, so local numbers ("030 1234567", "555-0100") count too.
// Order ids (113-1234567-1234567), prices (19.99, 1,234.56), dates
// (2026-11-20, 11/20/2026) and short numbers ("2 stars") do not.
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

// MaskPersonalData replaces the e-mail addresses of c with "<e-mail>" and
// its phone numbers with "<phone>", as RemovalGrounds detects them.
func MaskPersonalData(c string) string {
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

// splitWords cuts c into its words: runs of letters, digits and
// combining marks.
func splitWords(c string) []string {
	return strings.FieldsFunc(c, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// unspaced are scripts written without spaces between words.
var unspaced = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}

// containsAny says whether comment c, split into words, holds one of the
// words or phrases of list (see RemovalGrounds).
func containsAny(c string, words []string, list []string) bool {
	var lower string
	for _, w := range list {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.In(r, unspaced...) }) >= 0 {
			if lower == "" {
				lower = strings.ToLower(c)
			}
			if t := strings.ToLower(strings.TrimSpace(w)); t != "" && strings.Contains(lower, t) {
				return true
			}
			continue
		}
		if hasPhrase(words, splitWords(w)) {
			return true
		}
	}
	return false
}

// hasPhrase says whether phrase occurs in words as consecutive words,
// compared with Unicode case folding.
func hasPhrase(words, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(words); i++ {
		match := true
		for j, p := range phrase {
			if !strings.EqualFold(words[i+j], p) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
