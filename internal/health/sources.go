package health

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Sources is what an audit on AsOf needs to download (audit sources): one
// Source per metric and input kind, in the catalog's order.
type Sources struct {
	AsOf        civil.Date
	Marketplace string // the account's store, "" when unknown
	Profile     string
	// Files: files were given, so each Source says what they hold.
	Files    bool
	Needs    []Source
	Warnings []string
}

// What an input gives a metric.
const (
	RoleDenominator = "denominator" // the population: its files must cover the window
	RoleDefects     = "defects"     // counts a part of the numerator
	RoleAlso        = "also"        // a store, an alternative source, ...
)

// Source is one input kind of one metric.
type Source struct {
	Metric string // its id
	Name   string // its title
	Kind   string // the input kind
	Report string // the kind's name: "All Orders report"
	Role   string
	// Field and Dates: the days to download, by the date that places a
	// row (the order date, the expected ship date, ...).
	Field records.DateField
	Dates records.Range
	// Where, SPAPI, Own: where it comes from (input.Download).
	Where string
	SPAPI string
	Own   bool
	// Given, Covered, Missing: with files given, whether the kind is among
	// them, which of the days they hold, and, for the population, which
	// they do not (the audit date itself excepted).
	Given   bool
	Covered []records.Range
	Missing []records.Range
}
