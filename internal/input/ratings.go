package input

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/records"
)

// The customer-service ratings file is project-defined (report-formats.md,
// "Canonical files"): Amazon shows the rating but exports none of its
// answers. A row is a 1-10 score, or a yes/no answer to the older "Did this
// solve your problem?" survey (its rater-id is then the order id). A file
// has a score column, a solved column, or both (each row then gives one).
var ratingsSpec = Spec{
	Kind:  "ratings",
	Title: "customer-service ratings file",
	Columns: []Column{
		{Name: "rater-id", Aliases: []string{"rater", "buyer-id", "customer-id", "order-id", "amazon-order-id"}},
		{Name: "rated-at", Aliases: []string{"rated", "rated-on", "rating-date", "rating-time", "survey-date", "submitted-at"}},
		{Name: "score", Aliases: []string{"rating-score", "service-rating", "customer-service-rating", "csat", "csat-score"}},
		{Name: "solved", Aliases: []string{"problem-solved", "resolved", "did-this-solve-your-problem", "did-this-solve-your-problem?", "solved?"}},
	},
	Required: []string{"rater-id", "rated-at"},
	Anchor: func(c map[string]int) bool {
		return has(c, "rater-id") && (has(c, "rated-at") || has(c, "score") || has(c, "solved"))
	},
	Quoted: true,
	Read:   readRatings,
}

type ratingRow struct {
	Rater  string `csv:"rater-id"`
	Rated  string `csv:"rated-at"`
	Score  string `csv:"score"`
	Solved string `csv:"solved"`
}

// readRatings reads one rating a row; every rating is kept (the metric
// keeps each rater's latest).
func readRatings(t *Table, s *Sink) error {
	if !t.Has("score") && !t.Has("solved") {
		return &InputError{File: t.File, Line: t.hdrEnd,
			Msg: `a customer-service ratings file needs a "score" column (1 to 10) or a "solved" column (yes or no)`}
	}
	file := records.Intern(t.File)
	blankRow := func(r *ratingRow) bool {
		return strings.TrimSpace(r.Rater+r.Rated+r.Score+r.Solved) == ""
	}
	return decodeCanonical(t, blankRow, func(r *ratingRow) error {
		rater := strings.TrimSpace(r.Rater)
		if rater == "" {
			return t.Errorf("rater-id", "empty rater id")
		}
		rated, err := timestampField(t, "rated-at", r.Rated)
		if err != nil {
			return err
		}
		score, solved := strings.TrimSpace(r.Score), strings.TrimSpace(r.Solved)
		t.spans.Add(records.Rated, 0, rated.Date)
		rt := records.Rating{Rater: rater, Rated: rated, Line: int32(t.line), File: file}
		switch {
		case score != "" && solved != "":
			return t.Errorf("solved", "a row gives a score (%s) or a solved answer, not both", score)
		case score == "" && solved == "" && t.Has("score") && t.Has("solved"):
			return t.Errorf("score", "empty: give a score from 1 to 10, or a solved answer (yes or no)")
		case score != "" || !t.Has("solved"):
			if rt.Score, err = scoreValue(score); err != nil {
				return t.Errorf("score", "%v", err)
			}
		default:
			if rt.Solved, err = solvedValue(solved); err != nil {
				return t.Errorf("solved", "%v", err)
			}
		}
		s.Data.Ratings = append(s.Data.Ratings, rt)
		return nil
	})
}

// scoreValue reads a 1-10 score: a whole number.
func scoreValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 10 {
		return 0, fmt.Errorf("want a whole score from 1 to 10, got %q", v)
	}
	return n, nil
}

// solvedValue reads a yes/no answer.
func solvedValue(v string) (records.Solved, error) {
	switch strings.ToLower(v) {
	case "yes", "y", "true":
		return records.SolvedYes, nil
	case "no", "n", "false":
		return records.SolvedNo, nil
	}
	return records.SolvedUnknown, fmt.Errorf("want yes or no, got %q", v)
}
