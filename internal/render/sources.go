package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/records"
)

// SourcesTable writes what to download for an audit (audit sources): a
// row per metric and report with the dates to download and, when files
// were given, what they hold; then where each report comes from.
func SourcesTable(w io.Writer, s *health.Sources, o Options) error {
	s = safeCopy(s) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	head := "Reports for an audit as of " + s.AsOf.String() + " (profile " + s.Profile
	if s.Marketplace != "" {
		head += ", store " + s.Marketplace
	}
	fmt.Fprintln(w, pal.bold(head+")"))
	fmt.Fprintln(w)
	header := []string{"METRIC", "REPORT", "GIVES", "DOWNLOAD"}
	if s.Files {
		header = append(header, "IN THE FILES")
	}
	var rows [][]string
	for _, n := range s.Needs {
		row := []string{n.Name, n.Report, n.Role, n.Field.String() + " " + rangeText(n.Dates)}
		if s.Files {
			row = append(row, filesText(n))
		}
		rows = append(rows, row)
	}
	if err := WriteTable(w, header, make([]bool, len(header)), rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Where each report comes from:")
	seen := map[string]bool{}
	for _, n := range s.Needs {
		if seen[n.Kind] {
			continue
		}
		seen[n.Kind] = true
		line := "  " + n.Report + ": " + n.Where
		if n.SPAPI != "" {
			line += "; SP-API " + n.SPAPI
		}
		fmt.Fprintln(w, line+".")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "GIVES: denominator (its files must cover the window), defects (a part of the numerator), also (the store, or another source). docs/downloads.md is the guide.")
	return nil
}

// filesText says what the files hold of a source's dates.
func filesText(n health.Source) string {
	switch {
	case !n.Given:
		return "not given"
	case len(n.Missing) > 0:
		return "missing " + strings.Join(rangeTexts(n.Missing), ", ")
	case n.Role == health.RoleDenominator:
		return "covered"
	case len(n.Covered) == 0:
		return "given, no rows in these dates"
	}
	return "rows " + strings.Join(rangeTexts(n.Covered), ", ")
}

// jsonSources is the document of audit sources -o json (docs/json.md,
// "audit sources").
type jsonSources struct {
	SchemaVersion int          `json:"schema_version"`
	Command       string       `json:"command"`
	AsOf          civil.Date   `json:"as_of"`
	Marketplace   string       `json:"marketplace,omitempty"`
	Profile       string       `json:"profile"`
	Sources       []jsonSource `json:"sources"`
	Warnings      []string     `json:"warnings"`
}

type jsonSource struct {
	Metric  string            `json:"metric"`
	Name    string            `json:"name"`
	Kind    string            `json:"kind"`
	Report  string            `json:"report"`
	Role    string            `json:"role"`
	Field   records.DateField `json:"field"`
	Dates   records.Range     `json:"dates"`
	Where   string            `json:"where"`
	SPAPI   string            `json:"sp_api,omitempty"`
	Own     bool              `json:"own_file,omitempty"`
	Given   *bool             `json:"given,omitempty"`
	Covered []records.Range   `json:"covered,omitempty"`
	Missing []records.Range   `json:"missing,omitempty"`
}

// SourcesJSON writes what to download for an audit as one JSON document.
func SourcesJSON(w io.Writer, s *health.Sources, _ Options) error {
	doc := jsonSources{SchemaVersion: SchemaVersion, Command: "sources", AsOf: s.AsOf, Marketplace: s.Marketplace, Profile: s.Profile,
		Sources: make([]jsonSource, len(s.Needs)), Warnings: s.Warnings}
	for i, n := range s.Needs {
		js := jsonSource{Metric: n.Metric, Name: n.Name, Kind: n.Kind, Report: n.Report, Role: n.Role, Field: n.Field, Dates: n.Dates,
			Where: n.Where, SPAPI: n.SPAPI, Own: n.Own}
		if s.Files {
			given := n.Given
			js.Given, js.Covered, js.Missing = &given, n.Covered, n.Missing
			if js.Missing == nil && n.Role == health.RoleDenominator && given {
				js.Missing = []records.Range{}
			}
		}
		doc.Sources[i] = js
	}
	return writeJSON(w, doc)
}
