package metrics

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/pii"
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
	if pii.Has(f.Comment) {
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

// RemovableFeedback is the id of the negative-feedback work list (audit
// feedback, audit all): the negative feedback in the ODR window and what
// would get it removed.
const RemovableFeedback = "removable_feedback"

var removableFeedbackList = Metric{
	ID: RemovableFeedback, Title: "Negative feedback", Command: "feedback", Source: "help 20231",
	List: true, Reads: []string{kindOrders, kindFeedback},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		if !d.Has(kindOrders) || !d.Has(kindFeedback) {
			// The ODR's notes say which report is missing.
			return Outcome{Feedback: []FeedbackItem{}}
		}
		return Outcome{Feedback: append([]FeedbackItem{}, FeedbackList(d, s)...)}
	},
}

// FeedbackList is every negative feedback that counts (FeedbackCounts,
// dated on or before the as-of date) whose order is in the ODR window:
// what audit feedback lists. Feedback whose order is not in the orders
// files is left out (the ODR lists it as unmatched). Sorted by what is
// worth doing first: removable, then the nearest deadline, then order id.
func FeedbackList(d *records.Dataset, s settings.Settings) []FeedbackItem {
	w := ODRWindow(s)
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
		c = pii.Mask(c)
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
