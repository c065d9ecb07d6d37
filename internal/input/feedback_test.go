package input

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/records"
)

type feedback struct {
	ID      string
	Date    string
	Rating  int
	Removed bool
	Line    int
}

func feedbackOf(t testing.TB, l *Loaded) []feedback {
	t.Helper()
	var out []feedback
	for _, f := range l.Data.Feedback {
		out = append(out, feedback{f.OrderID, f.Date.String(), f.Rating, f.Removed, f.Source.Line})
	}
	return out
}

func checkFeedback(t testing.TB, l *Loaded, want []feedback) {
	t.Helper()
	if got := feedbackOf(t, l); !reflect.DeepEqual(got, want) {
		t.Errorf("feedback\n got: %+v\nwant: %+v", got, want)
	}
}

const (
	fbEnglish  = "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email"
	fbGerman   = "Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters"
	fbJapanese = "日付\t評価\tコメント\t返答\t注文番号\t評価者のメールアドレス"
)

// ordersIn writes an orders file whose orders sell on the given channels.
func ordersIn(t testing.TB, dir string, channels ...string) string {
	t.Helper()
	body := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n"
	for i, ch := range channels {
		body += "900-" + string(rune('0'+i)) + "\t2026-01-01\tAmazon\t" + ch + "\n"
	}
	return writeFile(t, dir, "orders.txt", body)
}

// The order of day and month in the feedback dates: --marketplace, else
// the orders' sales channels, else dates only one order allows, else an
// error asking for --marketplace.
func TestFeedbackDates(t *testing.T) {
	cases := []struct {
		name     string
		header   string
		dates    []string
		channels []string // sales channels of an orders file; none: no orders file
		market   string
		want     []string
	}{
		{"US M/D/YY decided by Amazon.com orders", fbEnglish, []string{"1/2/26", "12/31/25"}, []string{"Amazon.com", "Non-Amazon"}, "", []string{"2026-01-02", "2025-12-31"}},
		{"US four-digit year", fbEnglish, []string{"1/2/2026"}, []string{"Amazon.com"}, "", []string{"2026-01-02"}},
		{"DE from Amazon.de orders", fbGerman, []string{"1/2/26", "3.4.26"}, []string{"Amazon.de"}, "", []string{"2026-02-01", "2026-04-03"}},
		{"DE and FR orders agree on D/M", fbEnglish, []string{"1/2/26"}, []string{"Amazon.de", "Amazon.fr"}, "", []string{"2026-02-01"}},
		{"D.M.YY decided by the dots", fbGerman, []string{"1.2.26", "03.04.26"}, nil, "", []string{"2026-02-01", "2026-04-03"}},
		{"13/1/26 alone decides D/M", fbEnglish, []string{"1/2/26", "13/1/26"}, nil, "", []string{"2026-02-01", "2026-01-13"}},
		{"1/13/26 alone decides M/D", fbEnglish, []string{"1/2/26", "1/13/26"}, nil, "", []string{"2026-01-02", "2026-01-13"}},
		{"US and DE orders disagree, dates decide", fbEnglish, []string{"1/2/26", "1/13/26"}, []string{"Amazon.com", "Amazon.de"}, "", []string{"2026-01-02", "2026-01-13"}},
		{"SE ISO dates", fbEnglish, []string{"2026-01-02", "2026-1-13"}, nil, "", []string{"2026-01-02", "2026-01-13"}},
		{"--marketplace wins over the orders", fbEnglish, []string{"1/2/26"}, []string{"Amazon.com"}, "UK", []string{"2026-02-01"}},
		{"--marketplace wins over the dates", fbEnglish, []string{"1/2/26", "1/13/26"}, nil, "us", []string{"2026-01-02", "2026-01-13"}},
		{"--marketplace GB", fbEnglish, []string{"1/2/26"}, nil, "gb", []string{"2026-02-01"}},
		{"JP YY/M/D from Amazon.co.jp orders", fbJapanese, []string{"26/1/2", "25/12/31"}, []string{"Amazon.co.jp"}, "", []string{"2026-01-02", "2025-12-31"}},
		{"JP YY/M/D from --marketplace", fbEnglish, []string{"26/1/2"}, nil, "JP", []string{"2026-01-02"}},
		{"JP YY/M/D from the Japanese header", fbJapanese, []string{"26/1/2", "26/1/13"}, nil, "", []string{"2026-01-02", "2026-01-13"}},
		{"--marketplace wins over the Japanese header", fbJapanese, []string{"26/1/2"}, nil, "UK", []string{"2002-01-26"}},
		{"Japanese header, a year first in four digits", fbJapanese, []string{"2026/1/2"}, nil, "", []string{"2026-01-02"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			body := c.header + "\n"
			var want []feedback
			for i, d := range c.dates {
				id := "111-" + string(rune('1'+i))
				body += d + "\t2\tslow\t\t" + id + "\tx@marketplace.amazon.com\n"
				want = append(want, feedback{id, c.want[i], 2, false, i + 2})
			}
			paths := []string{writeFile(t, dir, "feedback.txt", body)}
			if c.channels != nil {
				paths = append(paths, ordersIn(t, dir, c.channels...))
			}
			l := mustLoad(t, Options{Marketplace: c.market}, paths...)
			checkFeedback(t, l, want)
			checkInputs(t, l, append([]records.InputFile{{File: paths[0], Kind: "feedback", Rows: len(c.dates)}}, inputsOrders(paths, len(c.channels))...))
		})
	}
}

func inputsOrders(paths []string, n int) []records.InputFile {
	if len(paths) < 2 {
		return nil
	}
	return []records.InputFile{{File: paths[1], Kind: "orders", Rows: n}}
}

func TestFeedbackDateErrors(t *testing.T) {
	cases := []struct {
		name     string
		dates    []string
		channels []string
		market   string
		want     string // after the file name
	}{
		{"ambiguous, nothing decides", []string{"1/2/26", "3/4/26"}, nil, "",
			`: cannot tell whether feedback dates like "1/2/26" are month/day or day/month; pass --marketplace (US, UK, DE, ...)`},
		{"ambiguous, orders on no known marketplace", []string{"1/2/26"}, []string{"Non-Amazon"}, "",
			`: cannot tell whether feedback dates like "1/2/26" are month/day or day/month; pass --marketplace (US, UK, DE, ...)`},
		{"dates contradict each other", []string{"13/1/26", "1/13/26"}, nil, "",
			`:2:1: column "Date": feedback dates fit no single day/month order; pass --marketplace`},
		{"impossible date, nothing decides", []string{"1/2/26", "2/30/26"}, nil, "",
			`:3:1: column "Date": "2/30/26" is not a date`},
		{"impossible date, US orders", []string{"1/2/26", "2/30/26"}, []string{"Amazon.com"}, "",
			`:3:1: column "Date": no such date "2/30/26" (feedback dates read as M/D/YY, from the orders' marketplace US)`},
		{"impossible date, --marketplace", []string{"2/30/26"}, nil, "US",
			`:2:1: column "Date": no such date "2/30/26" (feedback dates read as M/D/YY, from --marketplace US)`},
		{"US date read as D/M", []string{"1/13/26"}, nil, "DE",
			`:2:1: column "Date": no such date "1/13/26" (feedback dates read as D/M/YY, from --marketplace DE)`},
		{"Japanese and English headers", nil, nil, "",
			` has a Japanese header (Amazon.co.jp, dates YY/M/D) but FEEDBACK does not: audit one store at a time, or pass --marketplace`},
		{"not a date", []string{"yesterday"}, nil, "",
			`:2:1: column "Date": "yesterday" is not a date`},
		{"not a date, --marketplace", []string{"yesterday"}, nil, "FR",
			`:2:1: column "Date": want a date like D/M/YY, got "yesterday" (feedback dates read as D/M/YY, from --marketplace FR)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			body := fbEnglish + "\n"
			for i, d := range c.dates {
				body += d + "\t1\tbad\t\t111-" + string(rune('1'+i)) + "\tx@y\n"
			}
			p := writeFile(t, dir, "feedback.txt", body)
			paths := []string{p}
			if c.dates == nil {
				// An English file and a Japanese one.
				writeFile(t, dir, "feedback.txt", tsv(fbEnglish, "1/2/26\t1\t\t\t111-1\t"))
				paths = append(paths, writeFile(t, dir, "jp.txt", tsv(fbJapanese, "26/1/2\t1\t\t\t250-1\t")))
			}
			if c.channels != nil {
				paths = append(paths, ordersIn(t, dir, c.channels...))
			}
			err := loadErr(t, Options{Marketplace: c.market}, paths...)
			if c.dates == nil {
				wantErr(t, err, paths[1]+strings.ReplaceAll(c.want, "FEEDBACK", p), nil)
				return
			}
			wantErr(t, err, p+c.want, nil)
		})
	}
}

func TestFeedbackUnknownMarketplace(t *testing.T) {
	p := writeFile(t, t.TempDir(), "feedback.txt", tsv(fbEnglish, "1/2/26\t1\t\t\t111-1\t"))
	err := loadErr(t, Options{Marketplace: "XX"}, p)
	wantErr(t, err, `unknown marketplace "XX" (known: AE, AU, BE, BR, CA, DE, EG, ES, FR, IE, IN, IT, JP, MX, NL, PL, SA, SE, SG, TR, UK, US)`, nil)
}

func TestFeedbackRatings(t *testing.T) {
	p := writeFile(t, t.TempDir(), "feedback.txt", "\ufeff"+fbEnglish+"\r\n"+
		"1/2/26\t1\tNever arrived, \"tracking\" said delivered\t\t111-1\ta@b\r\n"+
		"1/2/26\t2\t\tSorry!\t111-2\t\r\n"+
		"\r\n"+
		"1/2/26\t3\t\t\t111-3\r\n"+
		"1/2/26\t 4.0 \t\t\t111-4\t\r\n"+
		"1/2/26\t5\t\t\t111-5\t\r\n")
	l := mustLoad(t, Options{Marketplace: "US"}, p)
	checkFeedback(t, l, []feedback{
		{"111-1", "2026-01-02", 1, false, 2},
		{"111-2", "2026-01-02", 2, false, 3},
		{"111-3", "2026-01-02", 3, false, 5},
		{"111-4", "2026-01-02", 4, false, 6},
		{"111-5", "2026-01-02", 5, false, 7},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "feedback", Rows: 5}})
}

func TestFeedbackBadRows(t *testing.T) {
	cases := []struct {
		header, row, want string
	}{
		{fbEnglish, "1/2/26\tfive\t\t\t111-1\t", `:2:2: column "Rating": rating "five" is not a star rating from 1 to 5`},
		{fbEnglish, "1/2/26\t0\t\t\t111-1\t", `:2:2: column "Rating": rating "0" is not a star rating from 1 to 5`},
		{fbEnglish, "1/2/26\t6\t\t\t111-1\t", `:2:2: column "Rating": rating "6" is not a star rating from 1 to 5`},
		{fbEnglish, "1/2/26\t\t\t\t111-1\t", `:2:2: column "Rating": rating "" is not a star rating from 1 to 5`},
		{fbGerman, "1.2.26\tfünf\t\t\t111-1\t", `:2:2: column "Bewertung": rating "fünf" is not a star rating from 1 to 5`},
		{fbEnglish, "1/2/26\t1\t\t\t\t", `:2:5: column "Order ID": empty order id`},
		{fbEnglish, "\t1\tno date\t\t111-1\t", `:2:1: column "Date": empty date`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "feedback.txt", tsv(c.header, c.row))
		err := loadErr(t, Options{Marketplace: "DE"}, p)
		wantErr(t, err, p+c.want, new(*InputError))
	}
}

// The optional Removed column (not in Amazon's report) marks feedback that
// Amazon removed or struck through.
func TestFeedbackRemovedColumn(t *testing.T) {
	p := writeFile(t, t.TempDir(), "feedback.txt", tsv(
		"Date\tRating\tComments\tResponse\tOrder ID\tRater Email\tRemoved",
		"1/2/26\t1\t\t\t111-1\t\tY",
		"1/2/26\t1\t\t\t111-2\t\tno",
		"1/2/26\t1\t\t\t111-3\t\t",
		"1/2/26\t1\t\t\t111-4\t\tStruck through",
		"1/2/26\t1\t\t\t111-5",
		"1/2/26\t1\t\t\t111-6\t\tTRUE",
	))
	l := mustLoad(t, Options{Marketplace: "US"}, p)
	checkFeedback(t, l, []feedback{
		{"111-1", "2026-01-02", 1, true, 2},
		{"111-2", "2026-01-02", 1, false, 3},
		{"111-3", "2026-01-02", 1, false, 4},
		{"111-4", "2026-01-02", 1, true, 5},
		{"111-5", "2026-01-02", 1, false, 6},
		{"111-6", "2026-01-02", 1, true, 7},
	})
}

// Several feedback files are one data set; their dates are decided
// together (13/1/26 in the second file decides the first file's 1/2/26).
func TestFeedbackFilesResolvedTogether(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", tsv(fbEnglish, "1/2/26\t1\t\t\t111-1\t"))
	b := writeFile(t, dir, "b.txt", tsv(fbEnglish, "13/1/26\t2\t\t\t111-2\t"))
	l := mustLoad(t, Options{}, dir)
	if got := feedbackOf(t, l); len(got) != 2 || got[0].Date != "2026-02-01" || got[1].Date != "2026-01-13" {
		t.Errorf("feedback %+v", got)
	}
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "feedback", Rows: 1}, {File: b, Kind: "feedback", Rows: 1}})
}

// A feedback header is not mistaken for a claims or chargebacks file,
// though "Date" and "Order ID" are aliases there too.
func TestFeedbackRecognised(t *testing.T) {
	for _, h := range []string{fbEnglish, fbGerman, fbJapanese, "Date\tRating\tComments\tResponse\tOrder ID\tRater Email"} {
		spec, _, why := detect(splitHeader(h, '\t'))
		if spec == nil || spec.Kind != "feedback" {
			t.Errorf("%q: detected as %v (%s), want feedback", h, spec, why)
		}
	}
}

// The comment is kept for negative feedback only (1 or 2 stars), cut at
// records.MaxComment bytes without splitting a character.
func TestFeedbackComments(t *testing.T) {
	long := strings.Repeat("a", records.MaxComment+5)
	// 999 ASCII bytes then "é" (2 bytes): the cut at 1000 would split it.
	split := strings.Repeat("b", records.MaxComment-1) + "éééé"
	p := writeFile(t, t.TempDir(), "feedback.txt", tsv(fbEnglish,
		"1/2/26\t1\tNever arrived, call me +49 30 1234567\t\t111-1\tx@y.com",
		"1/2/26\t2\t  slow  \t\t111-2\t",
		"1/2/26\t3\tmeh\t\t111-3\t",
		"1/2/26\t5\tgreat\t\t111-4\t",
		"1/2/26\t1\t"+long+"\t\t111-5\t",
		"1/2/26\t2\t"+split+"\t\t111-6\t",
		"1/2/26\t1\t\t\t111-7\t",
		"1/2/26\t1\tschön kaputt\t\t111-8\t",
	))
	l := mustLoad(t, Options{Marketplace: "US"}, p)
	want := []string{
		"Never arrived, call me +49 30 1234567",
		"slow",
		"", // neutral: not kept
		"", // positive: not kept
		strings.Repeat("a", records.MaxComment),
		strings.Repeat("b", records.MaxComment-1),
		"",
		"schön kaputt",
	}
	var got []string
	for _, f := range l.Data.Feedback {
		got = append(got, f.Comment)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("comments\n got: %q\nwant: %q", got, want)
	}
	for _, f := range l.Data.Feedback {
		if len(f.Comment) > records.MaxComment || !utf8.ValidString(f.Comment) {
			t.Errorf("%s: comment of %d bytes, valid UTF-8 %v", f.OrderID, len(f.Comment), utf8.ValidString(f.Comment))
		}
	}
}

// Overlapping downloads: the merged feedback keeps the comment of the row
// whose rating it keeps, and no warning quotes a comment.
func TestFeedbackCommentsMerged(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", tsv(fbEnglish,
		"9/20/26\t3\tok I guess\t\t111-1\t",
		"9/20/26\t1\tfirst mail me a@b.com\t\t111-2\t",
		"9/20/26\t2\tsame\t\t111-3\t",
	))
	b := writeFile(t, dir, "b.txt", tsv(fbEnglish,
		"9/20/26\t1\tbroken, call 030 1234567\t\t111-1\t",
		"9/20/26\t2\tsecond\t\t111-2\t",
		"9/20/26\t2\tsame\t\t111-3\t",
	))
	l := mustLoad(t, Options{Marketplace: "US"}, a, b)
	want := []string{"broken, call 030 1234567", "first mail me a@b.com", "same"}
	var got []string
	for _, f := range l.Data.Feedback {
		got = append(got, f.Comment)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("comments\n got: %q\nwant: %q", got, want)
	}
	if len(l.Warnings) != 2 {
		t.Errorf("want 2 rating warnings, got %q", l.Warnings)
	}
	for _, w := range l.Warnings {
		for _, c := range []string{"ok I guess", "broken", "first", "second", "a@b.com", "1234567"} {
			if strings.Contains(w, c) {
				t.Errorf("warning %q quotes the comment %q", w, c)
			}
		}
	}
}

// The Feedback report is read by its header names in every language the
// aliases know. A layout with other columns among the standard ones (the
// newer download adds Arrived On Time, Item As Described, Customer Service
// and Rater Role) cannot shift the order id or the rating: read by
// position, the order id would be the Customer Service answer.
func TestFeedbackExtraColumnsByName(t *testing.T) {
	cases := []struct {
		name   string
		market string
		header []string
		row    func(date, rating, comment, id string) []string
	}{
		{"EN without Your Response", "US",
			[]string{"Date", "Rating", "Comments", "Arrived On Time", "Item As Described", "Customer Service", "Order ID", "Rater Email", "Rater Role"},
			func(d, r, c, id string) []string {
				return []string{d, r, c, "No", "Yes", "No", id, "x@marketplace.amazon.com", "Buyer"}
			}},
		{"EN with Your Response", "US",
			[]string{"Date", "Rating", "Comments", "Your Response", "Arrived On Time", "Item As Described", "Customer Service", "Order ID", "Rater Email", "Rater Role"},
			func(d, r, c, id string) []string {
				return []string{d, r, c, "", "No", "Yes", "No", id, "x@marketplace.amazon.com", "Buyer"}
			}},
		// The real German names (airbyte PR 9212) around extra columns;
		// the extra columns' German names are made up: audit does not
		// know them, whatever they are.
		{"DE", "DE",
			[]string{"Datum", "Bewertung", "Kommentar", "Pünktlich angekommen", "Wie beschrieben", "Kundenservice", "Ihre Antwort", "Transaktionsnummer", "E-Mail des Bewertenden", "Rolle"},
			func(d, r, c, id string) []string {
				return []string{d, r, c, "Nein", "Ja", "Nein", "", id, "", "Käufer"}
			}},
		// Columns in another order altogether.
		{"JA, shuffled", "JP",
			[]string{"注文番号", "コメント", "評価", "到着", "日付"},
			func(d, r, c, id string) []string { return []string{id, c, r, "はい", d} }},
	}
	dates := map[string]string{"US": "4/3/26", "DE": "3.4.26", "JP": "26/4/3"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := dates[c.market]
			p := writeFile(t, t.TempDir(), "Feedback.txt", tsv(
				strings.Join(c.header, "\t"),
				strings.Join(c.row(d, "1", "never arrived", "302-1371740-1118237"), "\t"),
				strings.Join(c.row(d, "3", "ok", "306-2841250-2398213"), "\t"),
			))
			l := mustLoad(t, Options{Marketplace: c.market}, p)
			checkFeedback(t, l, []feedback{
				{"302-1371740-1118237", "2026-04-03", 1, false, 2},
				{"306-2841250-2398213", "2026-04-03", 3, false, 3},
			})
			if got := l.Data.Feedback[0].Comment; got != "never arrived" {
				t.Errorf("comment %q", got)
			}
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "feedback", Rows: 2}})
			checkWarnings(t, l)
		})
	}

	// A header with extra columns whose order id is named in no language
	// audit knows: --column names it, and it is read there.
	header := "Date\tRating\tComments\tArrived On Time\tBuyer Order\tRater Email"
	p := writeFile(t, t.TempDir(), "Feedback.txt", tsv(header, "4/3/26\t2\tlate\tNo\t302-1371740-1118237\t"))
	if err := loadErr(t, Options{}, p); !strings.Contains(err.Error(), "not a recognised report") {
		t.Errorf("without --column: %v", err)
	}
	cm := ColumnMap{}
	if err := cm.Parse("feedback.order-id=Buyer Order"); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, Options{Marketplace: "US", Columns: cm}, p)
	checkFeedback(t, l, []feedback{{"302-1371740-1118237", "2026-04-03", 2, false, 2}})
}

// Position is the fallback: in the standard six-column layout (a Removed
// column may follow), a standard column whose name audit does not know is
// read from its place. In any other layout it is not: a required column
// not named is missing.
func TestFeedbackPositionFallback(t *testing.T) {
	row := "13.1.26\t2\tzu spät\t\t302-1371740-1118237\tx@marketplace.amazon.de"
	cases := []struct {
		name    string
		header  string
		row     string
		missing string // the error when no fallback applies
		comment string
	}{
		{"unknown comments name", "Datum\tBewertung\tKäuferkommentar\tIhre Antwort\tTransaktionsnummer\tE-Mail des Bewertenden", row, "", "zu spät"},
		{"unknown date name", "Bewertungsdatum\tBewertung\tKommentar\tIhre Antwort\tTransaktionsnummer\tE-Mail des Bewertenden", row, "", "zu spät"},
		{"unknown date name, Removed after", "Bewertungsdatum\tBewertung\tKommentar\tIhre Antwort\tTransaktionsnummer\tE-Mail des Bewertenden\tRemoved", row + "\tno", "", "zu spät"},
		{"unknown date name, another cell after", "Bewertungsdatum\tBewertung\tKommentar\tIhre Antwort\tTransaktionsnummer\tE-Mail des Bewertenden\tRolle", row + "\tKäufer", `"date"`, ""},
		{"unknown date name, order id elsewhere", "Bewertungsdatum\tBewertung\tKommentar\tTransaktionsnummer\tIhre Antwort\tE-Mail des Bewertenden", "13.1.26\t2\tzu spät\t302-1371740-1118237\t\t", `"date"`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "Feedback.txt", tsv(c.header, c.row))
			if c.missing != "" {
				wantErr(t, loadErr(t, Options{}, p), p+": looks like a Feedback report but lacks column(s) "+c.missing, new(*MissingColumnsError))
				return
			}
			l := mustLoad(t, Options{}, p)
			checkFeedback(t, l, []feedback{{"302-1371740-1118237", "2026-01-13", 2, false, 2}})
			if got := l.Data.Feedback[0].Comment; got != c.comment {
				t.Errorf("comment %q, want %q", got, c.comment)
			}
		})
	}
}

// A long comment is cut after the e-mail address it ends with, not inside
// it: the address stays whole, so it is masked and is a removal ground.
func TestLongCommentKeepsPersonalDataWhole(t *testing.T) {
	comment := strings.Repeat("slow ", 196) + "write me at jane.doe@example.com thanks"
	got := negativeComment(1, comment)
	if !strings.Contains(got, "jane.doe@example.com") {
		t.Errorf("cut inside the address: %q", got[len(got)-40:])
	}
}
