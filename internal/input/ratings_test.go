package input

import (
	"reflect"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// rating is the comparable view of a records.Rating.
type rating struct {
	Rater, Rated string
	Score        int
	Solved       records.Solved
	Line         int
}

func ratingsOf(t testing.TB, l *Loaded, file string) []rating {
	t.Helper()
	var out []rating
	for _, r := range l.Data.Ratings {
		if r.Source().File != file {
			t.Errorf("rating by %s from %s, want %s", r.Rater, r.Source().File, file)
		}
		out = append(out, rating{r.Rater, stampText(r.Rated), r.Score, r.Solved, r.Source().Line})
	}
	return out
}

// Scores 1 to 10, yes/no answers, and a file with both columns (each row
// gives one); a rater who rated twice keeps both rows (the metric keeps
// the latest).
func TestRatings(t *testing.T) {
	cases := []struct {
		name, body string
		want       []rating
	}{
		{"scores", csvLines(
			"rater-id,rated-at,score",
			"r1,2026-11-01T10:00:00-08:00,1",
			"r2,2026-11-02,10",
			"",
			"r1,2026-11-03T10:00:00-08:00, 8 ",
			",,"),
			[]rating{{"r1", "2026-11-01T10:00:00-08:00", 1, records.SolvedUnknown, 2},
				{"r2", "2026-11-02", 10, records.SolvedUnknown, 3},
				{"r1", "2026-11-03T10:00:00-08:00", 8, records.SolvedUnknown, 5}}},
		{"solved, aliases, tabs", "Order ID\tRated at\tDid this solve your problem?\r\n" +
			"111-1\t2026-11-01T10:00:00Z\tYes\r\n" +
			"111-2\t2026-11-02T10:00:00Z\tNO\r\n" +
			"111-3\t2026-11-03T10:00:00Z\ty\r\n" +
			"111-4\t2026-11-04T10:00:00Z\tn\r\n" +
			"111-5\t2026-11-05T10:00:00Z\ttrue\r\n" +
			"111-6\t2026-11-06T10:00:00Z\tFalse\r\n",
			[]rating{{"111-1", "2026-11-01T10:00:00Z", 0, records.SolvedYes, 2},
				{"111-2", "2026-11-02T10:00:00Z", 0, records.SolvedNo, 3},
				{"111-3", "2026-11-03T10:00:00Z", 0, records.SolvedYes, 4},
				{"111-4", "2026-11-04T10:00:00Z", 0, records.SolvedNo, 5},
				{"111-5", "2026-11-05T10:00:00Z", 0, records.SolvedYes, 6},
				{"111-6", "2026-11-06T10:00:00Z", 0, records.SolvedNo, 7}}},
		{"both columns", csvLines(
			"RATER;RATED_ON;SCORE;SOLVED",
			"r1;2026-11-01T10:00:00-08:00;7;",
			"111-2;2026-11-02T10:00:00-08:00;;no"),
			[]rating{{"r1", "2026-11-01T10:00:00-08:00", 7, records.SolvedUnknown, 2},
				{"111-2", "2026-11-02T10:00:00-08:00", 0, records.SolvedNo, 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "ratings.csv", c.body)
			l := mustLoad(t, Options{}, p)
			if got := ratingsOf(t, l, p); !reflect.DeepEqual(got, c.want) {
				t.Errorf("ratings\n got: %+v\nwant: %+v", got, c.want)
			}
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "ratings", Rows: len(c.want)}})
			checkWarnings(t, l)
		})
	}
}

func TestRatingsBadValues(t *testing.T) {
	const scores = "rater-id,rated-at,score\n"
	const solved = "Rater ID,Rating Date,Solved\n"
	const both = "rater-id,rated-at,score,solved\n"
	cases := []struct{ name, body, want string }{
		{"score 0", scores + "r1,2026-11-01,7\nr2,2026-11-01,0\n", `:3:3: column "score": want a whole score from 1 to 10, got "0"`},
		{"score 11", scores + "r1,2026-11-01,11\n", `:2:3: column "score": want a whole score from 1 to 10, got "11"`},
		{"score 7.5", scores + "r1,2026-11-01,7.5\n", `:2:3: column "score": want a whole score from 1 to 10, got "7.5"`},
		{"score in words", scores + "r1,2026-11-01,seven\n", `:2:3: column "score": want a whole score from 1 to 10, got "seven"`},
		{"empty score", scores + "r1,2026-11-01,\n", `:2:3: column "score": want a whole score from 1 to 10, got ""`},
		{"bad answer", solved + "111-1,2026-11-01,maybe\n", `:2:3: column "Solved": want yes or no, got "maybe"`},
		{"empty answer", solved + "111-1,2026-11-01,\n", `:2:3: column "Solved": want yes or no, got ""`},
		{"both answers", both + "r1,2026-11-01,8,yes\n", `:2:4: column "solved": a row gives a score (8) or a solved answer, not both`},
		{"neither answer", both + "r1,2026-11-01,,\n", `:2:3: column "score": empty: give a score from 1 to 10, or a solved answer (yes or no)`},
		{"empty rater", scores + " ,2026-11-01,8\n", `:2:1: column "rater-id": empty rater id`},
		{"empty date", solved + "111-1,,yes\n", `:2:2: column "Rating Date": empty date`},
		{"bad date", scores + "r1,01.11.2026,8\n", `:2:2: column "rated-at": want an ISO-8601 date or time, got "01.11.2026"`},
		{"no answer column", "\nrater-id,rated-at,comment\nr1,2026-11-01,great\n",
			`:2: a customer-service ratings file needs a "score" column (1 to 10) or a "solved" column (yes or no)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "ratings.csv", c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+c.want, new(*InputError))
		})
	}
}

func TestRatingsMissingColumns(t *testing.T) {
	p := writeFile(t, t.TempDir(), "r.csv", "Rater ID,Score\nr1,8\n")
	wantErr(t, loadErr(t, Options{}, p), p+`: looks like a customer-service ratings file but lacks column(s) "rated-at"`, new(*MissingColumnsError))
}
