package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// allegroSample is the research fixture: a GET /sale/quality response
// written from Allegro's OpenAPI (SalesQualityHistoryResponse), 29 days of
// 2025-06 newest first, 2025-06-13 left out as the spec allows.
var allegroSample = filepath.Join("testdata", "allegro", "allegro_sale_quality.json")

// allegroDayView is the comparable view of a day.
func allegroDayView(d records.AllegroQualityDay) string {
	var ms []string
	for _, m := range d.Metrics {
		x := fmt.Sprintf("%s(%s) %v", m.Code, m.Name, m.Score)
		if m.MaxScore != nil {
			x += fmt.Sprintf("/%v", *m.MaxScore)
		}
		ms = append(ms, x)
	}
	return fmt.Sprintf("%s %v/%v %s [%s] %s:%d", d.Date, d.Score, d.MaxScore, d.Grade, strings.Join(ms, "; "), d.Source.File, d.Source.Line)
}

func TestAllegroSample(t *testing.T) {
	l := mustLoad(t, Options{}, allegroSample)
	checkWarnings(t, l)
	checkInputs(t, l, []records.InputFile{{File: allegroSample, Kind: "allegro-sales-quality", Rows: 29}})
	days := l.Data.Allegro
	if len(days) != 29 {
		t.Fatalf("%d days, want 29", len(days))
	}
	// Sorted by date, whatever the response's order (newest first).
	if got, want := allegroDayView(days[0]), "2025-06-01 425/500 GOOD [BUYER_SATISFACTION(Zadowolenie kupujących) 42/50] "+allegroSample+":395"; got != want {
		t.Errorf("first day\n got: %s\nwant: %s", got, want)
	}
	if got, want := allegroDayView(days[28]), "2025-06-30 412/500 GOOD [BUYER_SATISFACTION(Zadowolenie kupujących) 42/50] "+allegroSample+":3"; got != want {
		t.Errorf("last day\n got: %s\nwant: %s", got, want)
	}
	for i := 1; i < len(days); i++ {
		if days[i].Date <= days[i-1].Date {
			t.Errorf("days out of order at %d: %s after %s", i, days[i].Date, days[i-1].Date)
		}
		if days[i].Date.String() == "2025-06-13" {
			t.Errorf("2025-06-13 is not in the response, read %s", allegroDayView(days[i]))
		}
	}
	if !l.Data.Has("allegro-sales-quality") {
		t.Error("the kind is not marked read")
	}
	spans := l.Inputs[0].Spans
	if len(spans) != 1 || spans[0].Field != records.Dated || spans[0].From.String() != "2025-06-01" || spans[0].To.String() != "2025-06-30" {
		t.Errorf("spans %+v, want dated 2025-06-01..2025-06-30", spans)
	}
}

func TestAllegroSniff(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{`{"quality":[{"resultFor":"2025-06-01"}]}`, true},
		{"\n  {\n \"quality\": [ { \"resultFor\": \"x\" } ] }", true},
		{`{"quality":[]}`, false},                             // nothing to read
		{`[{"quality":[{"resultFor":"2025-06-01"}]}]`, false}, // not an object
		{`{"performanceMetrics":[]}`, false},
		{"order-id\tpurchase-date\nquality\tresultFor\n", false},
	} {
		if got := sniffAllegro([]byte(c.text)); got != c.want {
			t.Errorf("sniffAllegro(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// allegroJSON writes a response of days, each {resultFor, score, grade,
// maxScore, metrics} on its own lines.
func allegroJSON(days ...string) string {
	return "{\n  \"quality\": [\n" + strings.Join(days, ",\n") + "\n  ]\n}\n"
}

func allegroDayJSON(date string, score int, grade string, buyer int) string {
	return fmt.Sprintf(`    {
      "resultFor": %q,
      "score": %d,
      "grade": %q,
      "maxScore": 500,
      "metrics": [{"code": "BUYER_SATISFACTION", "name": "Zadowolenie kupujących", "score": %d, "maxScore": 50}]
    }`, date, score, grade, buyer)
}

// Overlapping downloads merge by day: the same values silently, another
// value with a warning naming both places, the first file's kept.
func TestAllegroMerge(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.json", allegroJSON(
		allegroDayJSON("2025-06-02", 400, "GOOD", 40),
		allegroDayJSON("2025-06-01", 390, "GOOD", 40)))
	b := writeFile(t, dir, "b.json", allegroJSON(
		allegroDayJSON("2025-06-03", 450, "SUPER", 45),
		allegroDayJSON("2025-06-02", 400, "GOOD", 40), // the same
		allegroDayJSON("2025-06-01", 380, "GOOD", 40), // another score
	))
	// The names are translated: another language is no conflict, another
	// component score is.
	c := writeFile(t, dir, "c.json", strings.ReplaceAll(allegroJSON(
		allegroDayJSON("2025-06-03", 450, "SUPER", 45),
		allegroDayJSON("2025-06-02", 400, "GOOD", 41)), "Zadowolenie kupujących", "Buyer satisfaction"))
	l := mustLoad(t, Options{}, a, b, c)
	checkWarnings(t, l,
		b+":17: Allegro sales quality for 2025-06-01 is 380 of 500, GOOD here but 390 of 500, GOOD at "+a+":10; using the first read",
		c+":10: Allegro sales quality for 2025-06-02 is 400 of 500, GOOD (BUYER_SATISFACTION 41 of 50) here but 400 of 500, GOOD (BUYER_SATISFACTION 40 of 50) at "+a+":3; using the first read")
	var got []string
	for _, d := range l.Data.Allegro {
		got = append(got, allegroDayView(d))
	}
	want := []string{
		"2025-06-01 390/500 GOOD [BUYER_SATISFACTION(Zadowolenie kupujących) 40/50] " + a + ":10",
		"2025-06-02 400/500 GOOD [BUYER_SATISFACTION(Zadowolenie kupujących) 40/50] " + a + ":3",
		"2025-06-03 450/500 SUPER [BUYER_SATISFACTION(Zadowolenie kupujących) 45/50] " + b + ":3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("days\n got: %q\nwant: %q", got, want)
	}
	checkInputs(t, l, []records.InputFile{
		{File: a, Kind: "allegro-sales-quality", Rows: 2},
		{File: b, Kind: "allegro-sales-quality", Rows: 3},
		{File: c, Kind: "allegro-sales-quality", Rows: 2},
	})
}

// A grade audit does not know is kept as written; decimals are kept; a
// day without metrics has none; unknown keys are ignored.
func TestAllegroLenient(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "q.json", `{"quality": [
 {"resultFor": "2025-06-01", "score": 140.5, "grade": " Bardzo dobry ", "maxScore": 500, "metrics": null, "extra": 1},
 {"RESULTFOR": "2025-06-02", "score": 0, "grade": "SOMETHING_NEW", "maxScore": 500, "metrics": [{"code": "X", "name": "x", "score": 3}]}
], "other": true}`)
	l := mustLoad(t, Options{}, p)
	checkWarnings(t, l)
	var got []string
	for _, d := range l.Data.Allegro {
		got = append(got, allegroDayView(d))
	}
	want := []string{
		"2025-06-01 140.5/500 Bardzo dobry [] " + p + ":2",
		"2025-06-02 0/500 SOMETHING_NEW [X(x) 3] " + p + ":3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("days\n got: %q\nwant: %q", got, want)
	}
}

// Every bad value is an InputError at its file, line and column.
func TestAllegroBadValues(t *testing.T) {
	dir := t.TempDir()
	day := func(fields string) string { return "{\"quality\": [\n" + fields + "\n]}\n" }
	ok := `"resultFor": "2025-06-01", "score": 400, "grade": "GOOD", "maxScore": 500`
	for _, c := range []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"no date", day(` {` + ok + `},` + "\n" + ` {"score": 400, "grade": "GOOD", "maxScore": 500, "metrics": []}`), 3, 2, "quality[1].resultFor: missing"},
		{"bad date", day(` {"resultFor": "2025-02-30", "score": 400, "grade": "GOOD", "maxScore": 500}`), 2, 16, `quality[0].resultFor: want a date YYYY-MM-DD, got "2025-02-30"`},
		{"date as time", day(` {"resultFor": "2025-06-01T00:00:00Z", "score": 400, "grade": "GOOD", "maxScore": 500}`), 2, 16, "quality[0].resultFor: want a date"},
		{"score a string", day(` {"resultFor": "2025-06-01", "score": "400", "grade": "GOOD", "maxScore": 500}`), 2, 39, "score: want a number, got string"},
		{"negative score", day(` {"resultFor": "2025-06-01", "score": -1, "grade": "GOOD", "maxScore": 500}`), 2, 39, "quality[0].score: -1 is negative"},
		{"score above max", day(` {"resultFor": "2025-06-01", "score": 501, "grade": "GOOD", "maxScore": 500}`), 2, 39, "quality[0].score: 501 is above maxScore 500"},
		{"no max", day(` {"resultFor": "2025-06-01", "score": 1, "grade": "GOOD"}`), 2, 2, "quality[0].maxScore: missing"},
		{"zero max", day(` {"resultFor": "2025-06-01", "score": 0, "grade": "GOOD", "maxScore": 0}`), 2, 71, "quality[0].maxScore: must be above 0"},
		{"no grade", day(` {"resultFor": "2025-06-01", "score": 1, "maxScore": 500}`), 2, 2, "quality[0].grade: missing or empty"},
		{"blank grade", day(` {` + ok + `},` + "\n" + ` {"resultFor": "2025-06-02", "score": 1, "grade": " ", "maxScore": 500}`), 3, 51, "quality[1].grade: missing or empty"},
		{"no code", day(` {` + ok + `, "metrics": [` + "\n" + `  {"name": "x", "score": 1}]}`), 3, 3, "quality[0].metrics[0].code: missing or empty"},
		{"component score", day(` {` + ok + `, "metrics": [{"code": "A", "score": 1},` + "\n" + `  {"code": "B", "score": 9, "maxScore": 5}]}`), 3, 26, "quality[0].metrics[1].score: 9 is above maxScore 5"},
		{"quality not a list", `{"quality": {"resultFor": "2025-06-01"}}`, 1, 13, "want a list, got object"},
		{"no quality", `{"data": {"quality": [{"resultFor": "2025-06-01"}]}}`, 1, 1, `no "quality" list`},
		{"broken", day(` {"resultFor": "2025-06-01", "score": 400,,}`), 2, 43, "malformed JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".json")
			if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			err := loadErr(t, Options{}, p)
			ie := inputErr(t, err, p, c.line, c.col, "")
			if !strings.Contains(ie.Msg, c.msg) {
				t.Errorf("message %q, want it to hold %q", ie.Msg, c.msg)
			}
		})
	}
}
