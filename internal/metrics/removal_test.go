package metrics_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/pii"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are those of docs/metrics.md, "Removable feedback"
// (help 20231).

// commented adds feedback carrying a comment.
func (b *builder) commented(id, date string, rating int, comment string) *builder {
	b.d.Feedback = append(b.d.Feedback, records.Feedback{OrderID: id, Date: day(date), Rating: rating,
		Comment: comment, Source: b.next("feedback.txt")})
	return b
}

// personal_data: an e-mail address or a phone number, international or
// local; numbers that are not phones (order ids, prices, dates, counts)
// are not.
func TestRemovalGroundsPersonalData(t *testing.T) {
	cases := []struct {
		comment string
		want    bool
		masked  string
	}{
		{"write to jane.doe+shop@example.co.uk please", true, "write to <e-mail> please"},
		{"call me on +49 30 1234567.", true, "call me on <phone>."},
		{"call +1 (206) 555-0100 now", true, "call <phone> now"},
		{"+44 20 7946 0958", true, "<phone>"},
		{"Tel. 030 1234567", true, "Tel. <phone>"},
		{"0171-1234567 any time", true, "<phone> any time"},
		{"ring (206) 555-0100", true, "ring <phone>"},
		{"ring 206-555-0100 or 206.555.0101", true, "ring <phone> or <phone>"},
		{"555-0100?", true, "<phone>?"},
		{"mail a@b.de or call 030 1234567", true, "mail <e-mail> or call <phone>"},
		// Not phones.
		{"order 113-1234567-1234567 never came", false, ""},
		{"order 113-0234567-0234567 never came", false, ""},
		{"paid 19.99 for this", false, ""},
		{"paid 1,234.56 for this", false, ""},
		{"paid $1,234,567.00, a fortune", false, ""},
		{"ordered 2026-11-20, came 11/20/2026", false, ""},
		{"came 20.11.2026", false, ""},
		{"2 stars, 10 days late", false, ""},
		{"12345 units", false, ""},
		{"waiting since 01 2026", false, ""},                // 6 digits: a month and year
		{"tracking 0123 4567 8901 2345 67 lost", false, ""}, // 18 digits
		{"ref +1 234 567 890 123 456 789", false, ""},       // 19 digits
		{"version 1.2.3", false, ""},
		{"", false, ""},
		{"no at sign @ here", false, ""},
	}
	s := settings.Default(day("2026-11-20"))
	for _, c := range cases {
		got := metrics.RemovalGrounds(records.Feedback{Rating: 1, Comment: c.comment}, mfn, s)
		has := reflect.DeepEqual(got, []string{metrics.GroundPersonalData})
		if has != c.want || (!c.want && got != nil) {
			t.Errorf("RemovalGrounds(%q) = %q, want personal data %v", c.comment, got, c.want)
		}
		masked := pii.Mask(c.comment)
		if !c.want {
			c.masked = c.comment
		}
		if masked != c.masked {
			t.Errorf("pii.Mask(%q) = %q, want %q", c.comment, masked, c.masked)
		}
	}
}

// product_review and obscene: the user's words, case-insensitive, whole
// words, phrases across punctuation, any language.
func TestRemovalGroundsWords(t *testing.T) {
	s := settings.Default(day("2026-11-20"))
	s.Feedback.ProductReviewWords = []string{"battery life", "Qualität", "подделка", "偽物", "  "}
	s.Feedback.ObsceneWords = []string{"damn", "crap"}
	cases := []struct {
		comment string
		want    []string
	}{
		{"The BATTERY LIFE is short", []string{metrics.GroundProductReview}},
		{"battery, life: awful", []string{metrics.GroundProductReview}},
		{"battery lasts, life is short", nil},                            // not in a row
		{"the battery-life-span", []string{metrics.GroundProductReview}}, // hyphens split words
		{"schlechte QUALITÄT", []string{metrics.GroundProductReview}},
		{"Qualitätsmangel", nil}, // not a whole word
		{"Это ПОДДЕЛКА!", []string{metrics.GroundProductReview}},
		{"подделками", nil},
		{"これは偽物です", []string{metrics.GroundProductReview}},
		{"Damn slow", []string{metrics.GroundObscene}},
		{"damnation", nil},
		{"scrap metal", nil},
		{"CRAP quality, battery life too", []string{metrics.GroundProductReview, metrics.GroundObscene}},
		{"fine", nil},
	}
	for _, c := range cases {
		got := metrics.RemovalGrounds(records.Feedback{Rating: 2, Comment: c.comment}, mfn, s)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("RemovalGrounds(%q) = %q, want %q", c.comment, got, c.want)
		}
	}
	// No words by default: nothing matches.
	d := settings.Default(day("2026-11-20"))
	if got := metrics.RemovalGrounds(records.Feedback{Rating: 1, Comment: "damn battery life"}, mfn, d); got != nil {
		t.Errorf("default settings: %q, want none", got)
	}
}

// fulfilled_by_amazon: the order's channel only; the grounds come in a
// fixed order.
func TestRemovalGroundsOrder(t *testing.T) {
	s := settings.Default(day("2026-11-20"))
	s.Feedback.ProductReviewWords = []string{"review"}
	s.Feedback.ObsceneWords = []string{"crap"}
	cases := []struct {
		name    string
		comment string
		ch      records.Channel
		want    []string
	}{
		{"afn, no comment", "", afn, []string{metrics.GroundFulfilledByAmazon}},
		{"mfn, no comment", "", mfn, nil},
		{"unknown channel", "late", unk, nil},
		{"all four", "crap review, mail x@y.com", afn, []string{metrics.GroundFulfilledByAmazon,
			metrics.GroundPersonalData, metrics.GroundProductReview, metrics.GroundObscene}},
		{"mfn, obscene and phone", "crap, call 555-0100", mfn, []string{metrics.GroundPersonalData, metrics.GroundObscene}},
	}
	for _, c := range cases {
		got := metrics.RemovalGrounds(records.Feedback{Rating: 1, Comment: c.comment}, c.ch, s)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if metrics.GroundFulfilledByAmazon != "fulfilled_by_amazon" || metrics.GroundPersonalData != "personal_data" ||
		metrics.GroundProductReview != "product_review" || metrics.GroundObscene != "obscene" {
		t.Error("ground names changed: they are JSON values")
	}
}

// A request is accepted until feedback date + RemovalDays, that day
// included.
func TestRemovableUntil(t *testing.T) {
	cases := []struct {
		name     string
		feedback string
		days     int
		grounds  []string
		asOf     string
		until    string
		want     bool
	}{
		{"issue example", "2026-09-25", 90, []string{"obscene"}, "2026-11-20", "2026-12-24", true},
		{"as-of on the deadline", "2026-09-25", 90, []string{"obscene"}, "2026-12-24", "2026-12-24", true},
		{"the day after", "2026-09-25", 90, []string{"obscene"}, "2026-12-25", "2026-12-24", false},
		{"no ground", "2026-09-25", 90, nil, "2026-11-20", "2026-12-24", false},
		{"30-day setting, passed", "2026-10-01", 30, []string{"personal_data"}, "2026-11-01", "2026-10-31", false},
		{"30-day setting, last day", "2026-10-01", 30, []string{"personal_data"}, "2026-10-31", "2026-10-31", true},
		{"across a year", "2026-12-15", 90, []string{"fulfilled_by_amazon"}, "2027-03-15", "2027-03-15", true},
	}
	for _, c := range cases {
		s := settings.Default(day(c.asOf))
		s.Feedback.RemovalDays = c.days
		until := metrics.RemovableUntil(records.Feedback{Date: day(c.feedback), Rating: 1}, s)
		if until != day(c.until) {
			t.Errorf("%s: RemovableUntil = %s, want %s", c.name, until, c.until)
		}
		it := metrics.FeedbackItem{RemovableUntil: until, Grounds: c.grounds}
		if got := it.Removable(day(c.asOf)); got != c.want {
			t.Errorf("%s: Removable(%s) = %v, want %v", c.name, c.asOf, got, c.want)
		}
	}
}

// Comments are listed on one line, masked unless --show-pii, and cut to
// 200 characters ending in "…".
func TestFeedbackListComments(t *testing.T) {
	long := strings.Repeat("é", 250)
	exact := strings.Repeat("x", 200)
	cases := []struct {
		name    string
		comment string
		showPII bool
		want    string
	}{
		{"masked", "Call +49 30 1234567 or mail me@x.de", false, "Call <phone> or mail <e-mail>"},
		{"--show-pii", "Call +49 30 1234567 or mail me@x.de", true, "Call +49 30 1234567 or mail me@x.de"},
		{"one line", "late\r\n\tand  broken ", false, "late and broken"},
		{"long, cut", long, false, strings.Repeat("é", 199) + "…"},
		{"exactly 200", exact, false, exact},
		{"cut after masking", strings.Repeat("a", 190) + " me@example.com " + strings.Repeat("b", 20), false,
			strings.Repeat("a", 190) + " <e-mail>…"},
		{"empty", "", false, ""},
	}
	for _, c := range cases {
		s := settings.Default(day("2026-11-20"))
		s.Input.ShowPII = c.showPII
		b := newData().order("A", "2026-10-01", mfn).commented("A", "2026-10-05", 1, c.comment)
		list := metrics.FeedbackList(b.d, s)
		if len(list) != 1 {
			t.Fatalf("%s: %d items, want 1", c.name, len(list))
		}
		got := list[0].Comment
		if got != c.want {
			t.Errorf("%s: comment %q, want %q", c.name, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > metrics.MaxListedComment {
			t.Errorf("%s: %d characters", c.name, n)
		}
	}
}

// FeedbackList: negative feedback that counts, dated by as-of, on orders
// of the ODR window (2026-09-08..2026-11-06 for as-of 2026-11-20), sorted
// removable first, then nearest deadline, then order id.
func TestFeedbackList(t *testing.T) {
	s := settings.Default(day("2026-11-20"))
	s.Feedback.ObsceneWords = []string{"crap"}
	b := newData().
		order("F", "2026-10-01", mfn).commented("F", "2026-10-02", 1, "late").             // no ground, deadline 12-31
		order("E", "2026-09-08", afn).commented("E", "2026-09-10", 2, "").                 // afn, deadline 12-09
		order("D", "2026-11-06", mfn).commented("D", "2026-11-10", 1, "crap").             // deadline 02-08
		order("C", "2026-10-01", mfn).commented("C", "2026-08-20", 1, "call 030 1234567"). // deadline 11-18: passed (a date no real feedback has: it would precede its order)
		order("B", "2026-10-02", afn).commented("B", "2026-10-03", 1, "x").                // deadline 01-01
		order("A", "2026-10-03", mfn).commented("A", "2026-10-02", 2, "mail a@b.com").     // deadline 12-31
		order("G", "2026-10-03", mfn).commented("G", "2026-10-02", 1, "plain").            // no ground, deadline 12-31
		// Left out:
		order("N1", "2026-09-07", afn).commented("N1", "2026-09-20", 1, "before the window").
		order("N2", "2026-11-07", afn).commented("N2", "2026-11-08", 1, "after the window").
		order("N3", "2026-10-01", afn).commented("N3", "2026-10-02", 3, "neutral").
		order("N4", "2026-10-01", afn).commented("N4", "2026-11-21", 1, "after as-of").
		order("N5", "2026-10-01", afn).
		commented("NOORDER", "2026-10-02", 1, "no such order")
	b.d.Feedback = append(b.d.Feedback, records.Feedback{OrderID: "N5", Date: day("2026-10-02"), Rating: 1, Removed: true})
	list := metrics.FeedbackList(b.d, s)
	type row struct {
		ID, Until   string
		Removable   bool
		Grounds     []string
		Fulfillment string
		Rating      int
	}
	var got []row
	for _, it := range list {
		got = append(got, row{it.OrderID, it.RemovableUntil.String(), it.Removable(s.AsOf), it.Grounds, it.Fulfillment, it.Rating})
	}
	want := []row{
		{"E", "2026-12-09", true, []string{"fulfilled_by_amazon"}, "afn", 2},
		{"A", "2026-12-31", true, []string{"personal_data"}, "mfn", 2},
		{"B", "2027-01-01", true, []string{"fulfilled_by_amazon"}, "afn", 1},
		{"D", "2027-02-08", true, []string{"obscene"}, "mfn", 1},
		{"C", "2026-11-18", false, []string{"personal_data"}, "mfn", 1},
		{"F", "2026-12-31", false, nil, "mfn", 1},
		{"G", "2026-12-31", false, nil, "mfn", 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeedbackList\n got: %+v\nwant: %+v", got, want)
	}
	if it := list[0]; it.OrderDate != day("2026-09-08") || it.FeedbackDate != day("2026-09-10") || it.Source.File != "feedback.txt" {
		t.Errorf("E: %+v", it)
	}
	if metrics.FeedbackList(newData().d, s) != nil {
		t.Error("no feedback: want nil")
	}
}
