package records

import "github.com/sellerhealth/audit/internal/civil"

// AllegroQualityDay is one day of Allegro's sales quality, an entry of
// the quality list of GET /sale/quality (SalesQualityForDay of Allegro's
// OpenAPI: resultFor, score, grade, maxScore, metrics). Allegro computes
// it; audit keeps it as given. Several files (overlapping 30-day
// downloads) give one day once: the first file read keeps it
// (input/allegro.go).
type AllegroQualityDay struct {
	Date civil.Date // resultFor: the day the result is for
	// Score and MaxScore are the day's total score and the largest it
	// can be (the spec's example: 140 of 500). The spec types them
	// "number" (format "int"), so they are kept as read.
	Score, MaxScore float64
	// Grade is "the main sales quality level for the given day" as
	// written (the spec's example: GOOD); a literal audit does not know
	// is kept as written (metrics.AllegroLevelOf maps the known ones).
	Grade string
	// Metrics are the day's components, in the response's order.
	Metrics []AllegroQualityMetric
	Source  Source // the line where the day's object starts
}

// AllegroQualityMetric is one component of a day's score
// (SalesQualityMetric: code, name, score and an optional maxScore).
type AllegroQualityMetric struct {
	Code string // BUYER_SATISFACTION, ... as written
	Name string // translated by Allegro (Accept-Language)
	// Score is the component's score; MaxScore its largest, nil when
	// the response leaves it out (it is optional in the spec).
	Score    float64
	MaxScore *float64
}
