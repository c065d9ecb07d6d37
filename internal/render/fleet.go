package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// FleetTable writes the audit of many accounts for a person: one row per
// account (its store, its worst status, Amazon's Account Health Rating
// when an account has one, each entry's rate, and how many warnings it
// has), the accounts that could not be read with why, what the files do
// not show (per account, its incomplete entries with the days to download
// and its components not given), how Amazon's figures compare with ours
// and what only Amazon knows that does not pass, and the overall verdict. A
// column per entry any account computed, in the order of the command's
// entries; a warning, incomplete or failing rate carries its status.
// With o.Details (or o.DetailsOnly) each account's own table comes first,
// so the summary is what stays on screen. On a terminal (o.Width) the table
// and the notes fit its width (fleetNarrowings).
func FleetTable(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(tableFleet)(w, f, o)
}

// tableFleet is FleetTable in two steps (fleetwriter.go): with --details
// each account's own table is its part.
var tableFleet = fleetFormat{part: tableFleetPart, finish: tableFleetFinish}

// tableFleetPart is an account's own table under its heading, with
// o.Details (or o.DetailsOnly); nothing without, or for an account that
// could not be read.
func tableFleetPart(a health.Account, c partContext) (fleetPart, error) {
	o := c.o
	if !(o.Details || o.DetailsOnly) || a.Report == nil {
		return fleetPart{}, nil
	}
	a = *safeCopy(&a) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s\n\n", pal.bold("== "+a.Name), pal.bold("("+a.Path+") =="))
	if err := Table(&b, a.Report, o); err != nil {
		return fleetPart{}, err
	}
	fmt.Fprintln(&b)
	return fleetPart{data: b.Bytes()}, nil
}

// tableFleetFinish writes the accounts' own tables (--details), then the
// summary table and its notes.
func tableFleetFinish(w io.Writer, f *health.Fleet, parts *fleetParts, o Options) error {
	f = safeCopy(f) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	for i := range f.Accounts {
		if err := parts.copyTo(w, i); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "%s as of %s\n\n", pal.bold("Accounts"), f.AsOf)
	cols, hidden := fleetColumns(f)
	header := []string{"ACCOUNT", "STORE", "STATUS"}
	numeric := []bool{false, false, false}
	withAHR := fleetHasAHR(f)
	if withAHR {
		header = append(header, "AHR")
		numeric = append(numeric, false)
	}
	for _, c := range cols {
		header = append(header, c.label())
		numeric = append(numeric, false)
	}
	header = append(header, "WARNINGS")
	numeric = append(numeric, true)
	warned := false
	rows := make([][]string, 0, len(f.Accounts))
	var notPassing []string // per row, for a terminal too narrow (fleetNarrowings)
	for _, a := range f.Accounts {
		r := a.Summary
		if r == nil {
			rows = append(rows, []string{a.Name, "", pal.status(health.Error)})
			notPassing = append(notPassing, "")
			continue
		}
		store := r.Marketplace
		if store == "" {
			store = "-"
		}
		row := []string{a.Name, store, pal.status(r.Status)}
		if withAHR {
			cell := "-"
			if c, ok := ahrOfSummary(r); ok {
				cell = strings.TrimSpace(pal.status(c.Status) + " " + ahrText(c))
			}
			row = append(row, cell)
		}
		var bad []string
		for _, c := range cols {
			cell := fleetCell(r.Metrics, c, pal)
			row = append(row, cell)
			if strings.Contains(cell, " ") || cell == pal.status(health.Incomplete) { // not a bare rate, nor "-"
				bad = append(bad, c.label()+" "+cell)
			}
		}
		notPassing = append(notPassing, strings.Join(bad, "; "))
		row = append(row, strconv.Itoa(r.Warnings))
		warned = warned || r.Warnings > 0
		rows = append(rows, row)
	}
	width := o.Width
	compact := false
	if width <= 0 {
		if err := WriteTable(w, header, numeric, rows); err != nil {
			return err
		}
	} else {
		first := 3 // ACCOUNT, STORE, STATUS, then AHR, then a column per entry
		if withAHR {
			first = 4
		}
		for i, row := range rows { // an account not read has its first cells only
			for len(row) < len(header) {
				row = append(row, "")
			}
			rows[i] = row
		}
		tcols := narrowed(width, columnsOf(header, numeric, rows), fleetNarrowings(first, len(cols), notPassing)...)
		compact = len(tcols) > 0 && tcols[len(tcols)-2].key == notPassingHead
		if err := writeColumns(w, tcols); err != nil {
			return err
		}
	}
	if compact {
		fmt.Fprintln(w)
		prose(w, width, "", "NOT PASSING lists each account's entries that warn, fail, are incomplete or have no data: "+
			"piped, or on a wider terminal, the table has a column per entry with every rate.")
	}
	if n := f.Errors(); n > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Could not be read:")
		for _, a := range f.Accounts {
			if a.Summary == nil {
				prose(w, width, "  ", a.Name+": "+a.Error)
			}
		}
	}
	var incomplete, notGiven, amazon, account []string
	for _, a := range f.Accounts {
		if a.Summary == nil {
			continue
		}
		for _, n := range coverageNotes(a.Summary.Metrics) {
			incomplete = append(incomplete, a.Name+": "+n+".")
		}
		for _, n := range notGivenNotes(a.Summary.Metrics) {
			notGiven = append(notGiven, a.Name+": "+n)
		}
		if s := amazonSummary(a.Summary.Metrics); s != "" {
			amazon = append(amazon, a.Name+": "+s)
		}
		for _, l := range accountConcerns(a.Summary.Account) {
			account = append(account, a.Name+": "+l)
		}
	}
	fittedList(w, width, incompleteHead, twoLines(incomplete))
	fittedList(w, width, notGivenHead, notGiven)
	fittedList(w, width, "Amazon's figures beside ours over its dates (audit reconcile on the account's folder says why they differ)", amazon)
	fittedList(w, width, "Account health: what only Amazon's report tells, not passing", account)
	if len(hidden) > 0 {
		fmt.Fprintln(w)
		prose(w, width, "", "Not computed for any account: "+strings.Join(hidden, ", "))
	}
	if warned {
		fmt.Fprintln(w)
		prose(w, width, "", "WARNINGS counts what each account's audit warned about (skipped files, missing reports):")
		prose(w, width, "", "-o json lists them, and so does an audit of the account's folder alone.")
	}
	fmt.Fprintln(w)
	prose(w, width, "", "Overall: "+pal.status(f.Status)+errorsNote(f))
	return nil
}

// notPassingHead heads the column that stands for the entries' columns on
// a terminal too narrow for them.
const notPassingHead = "NOT PASSING"

// fleetNarrowings are the steps that fit the fleet table to a terminal
// (fit.go; docs/outputs.md, "The narrow and wide table"): the heads go on two lines ("LSR"
// over "10D"); then each entry's status goes under its rate (and the heads
// wrap again, to the narrower cells); then, when the
// entries still do not fit, their columns give way to one NOT PASSING
// column that lists, per account, the entries that warn, fail, are
// incomplete or have no data ("ODR MFN 1.05% FAIL; ..."), wrapped between
// entries. ACCOUNT, STORE, STATUS, AHR and WARNINGS stay. The entries'
// columns are cols[first:first+n]; notPassing has a cell per row.
func fleetNarrowings(first, n int, notPassing []string) []narrowing {
	stackStatus := func(cs []column) []column {
		for i := first; i < first+n && i < len(cs); i++ {
			cells := make([]string, len(cs[i].cells))
			for r, cell := range cs[i].cells {
				cells[r] = cell
				if rate, st, ok := strings.Cut(cell, " "); ok && rate != "NO" && !strings.Contains(rate, "\x1b") { // not NO DATA
					cells[r] = rate + "\n" + st
				}
			}
			cs[i].cells = cells
		}
		return cs
	}
	compact := func(cs []column) []column {
		out := append(cs[:first:first], column{key: notPassingHead, head: notPassingHead, cells: notPassing, prose: true})
		return append(out, cs[first+n:]...)
	}
	return []narrowing{wrapHeads, stackStatus, wrapHeads, compact}
}

// fleetHasAHR says whether an account of f has Amazon's Account Health
// Rating: the fleet table then has a column for it.
func fleetHasAHR(f *health.Fleet) bool {
	for _, a := range f.Accounts {
		if a.Summary == nil {
			continue
		}
		if _, ok := ahrOfSummary(a.Summary); ok {
			return true
		}
	}
	return false
}

// ahrOfSummary is ahrOf of the account a fleet's summary is of.
func ahrOfSummary(s *health.Summary) (health.AccountCheck, bool) {
	return ahrOf(&health.Report{Marketplace: s.Marketplace, Account: s.Account})
}

// errorsNote says how many accounts an overall ERROR stands for.
func errorsNote(f *health.Fleet) string {
	n := f.Errors()
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of %d accounts could not be read)", n, len(f.Accounts))
}

// fleetColumn is one entry of the command, across accounts: a metric and
// its scope.
type fleetColumn struct {
	id, fulfillment string
	windowDays      int
	marketplace     string
	// platform is set for another platform's entry of a metric that spans
	// platforms (Kaufland's buyer messages): "" for Amazon's and for a
	// platform's own metrics.
	platform        string
	calendar, cycle string
}

func columnOf(v health.Verdict) fleetColumn {
	p := v.Platform
	if !namesPlatform(v) {
		p = ""
	}
	return fleetColumn{v.ID, v.Fulfillment, v.WindowDays, v.Marketplace, p, v.Calendar, v.Cycle}
}

// platformShort abbreviates a platform in a column head: "KL REPLIES DE".
var platformShort = map[string]string{"allegro": "AL", "cdiscount": "CD", "ebay": "EB", "etsy": "ET", "kaufland": "KL", "walmart": "WM", "zalando": "ZA"}

// label is the column's header: "ODR", "ODR AFN", "LSR 10D", "IDR DE".
func (c fleetColumn) label() string {
	parts := []string{metricOf(c.id).Short}
	if c.platform != "" {
		parts = append([]string{cmp.Or(platformShort[c.platform], c.platform)}, parts...)
	}
	if c.fulfillment != "" && c.fulfillment != "all" {
		parts = append(parts, strings.ToUpper(c.fulfillment))
	}
	if c.windowDays != 0 {
		parts = append(parts, strconv.Itoa(c.windowDays)+"D")
	}
	if c.marketplace != "" {
		parts = append(parts, c.marketplace)
	}
	switch c.calendar {
	case "week":
		parts = append(parts, "WK")
	case "month":
		parts = append(parts, "MO")
	}
	if c.cycle != "" && c.cycle != "current" {
		parts = append(parts, c.cycle)
	}
	return strings.ToUpper(strings.Join(parts, " "))
}

// fleetColumns are the entries of every account's report that at least
// one account computed: metrics in the order the reports list them, and
// within a metric by fulfilment (as listed), window length and store. hidden
// names the metrics no account could compute at all.
func fleetColumns(f *health.Fleet) (cols []fleetColumn, hidden []string) {
	idRank, fRank := map[string]int{}, map[string]int{}
	computed := map[fleetColumn]bool{}
	seen := map[fleetColumn]bool{}
	var all []fleetColumn
	for _, a := range f.Accounts {
		if a.Summary == nil {
			continue
		}
		for _, m := range a.Summary.Metrics {
			if _, ok := idRank[m.ID]; !ok {
				idRank[m.ID] = len(idRank)
			}
			if _, ok := fRank[m.Fulfillment]; !ok {
				fRank[m.Fulfillment] = len(fRank)
			}
			c := columnOf(m)
			if !seen[c] {
				seen[c] = true
				all = append(all, c)
			}
			computed[c] = computed[c] || m.Status != health.NotComputed
		}
	}
	shownID := map[string]bool{}
	for _, c := range all {
		if computed[c] {
			cols = append(cols, c)
			shownID[c.id] = true
		}
	}
	sort.SliceStable(cols, func(i, j int) bool {
		a, b := cols[i], cols[j]
		switch {
		case a.id != b.id:
			return idRank[a.id] < idRank[b.id]
		case a.platform != b.platform: // grouped by platform, Amazon's first
			return a.platform < b.platform
		case a.fulfillment != b.fulfillment:
			return fRank[a.fulfillment] < fRank[b.fulfillment]
		case a.windowDays != b.windowDays:
			return a.windowDays < b.windowDays
		case a.marketplace != b.marketplace:
			return a.marketplace < b.marketplace
		}
		return a.cycle < b.cycle
	})
	ids := make([]string, 0, len(idRank))
	for id := range idRank {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return idRank[ids[i]] < idRank[ids[j]] })
	for _, id := range ids {
		if !shownID[id] {
			hidden = append(hidden, metricTitle(id))
		}
	}
	return cols, hidden
}

// fleetCell is one account's entry in a column: the rate, followed by WARN,
// INCOMPLETE or FAIL when it is not a pass; NO DATA; or "-" when the
// account has no such entry or could not compute it.
func fleetCell(vs []health.Verdict, c fleetColumn, pal palette) string {
	for _, m := range vs {
		if columnOf(m) != c {
			continue
		}
		switch m.Status {
		case health.NotComputed:
			return "-"
		case health.NoData:
			return pal.status(m.Status)
		case health.Warn, health.Fail:
			return rate(m) + " " + pal.status(m.Status)
		case health.Incomplete:
			if _, ok := m.Value(); !ok {
				return pal.status(m.Status)
			}
			return rate(m) + " " + pal.status(m.Status)
		}
		return rate(m)
	}
	return "-"
}

// FleetSummary writes the one-line verdict of a fleet for stderr when
// stdout is not a terminal: how many accounts, then how many could not be
// read, failed, were incomplete and warned, naming them, and how many
// passed or had no data.
func FleetSummary(w io.Writer, f *health.Fleet) {
	f = safeCopy(f) // text from the files, safe to show (clean.go)
	byStatus := map[health.Status][]string{}
	for _, a := range f.Accounts {
		byStatus[a.Status()] = append(byStatus[a.Status()], a.Name)
	}
	var parts []string
	for _, c := range []struct {
		st    health.Status
		word  string
		names bool
	}{
		{health.Error, "unreadable", true}, {health.Fail, "fail", true}, {health.Incomplete, "incomplete", true}, {health.Warn, "warn", true},
		{health.Pass, "pass", false}, {health.NoData, "no data", false},
	} {
		names := byStatus[c.st]
		if len(names) == 0 {
			continue
		}
		p := strconv.Itoa(len(names)) + " " + c.word
		if c.names {
			p += " (" + strings.Join(names, ", ") + ")"
		}
		parts = append(parts, p)
	}
	fmt.Fprintf(w, "audit %s: %s as of %s: %s: %s\n", f.Command, statusWord(f.Status), f.AsOf,
		plural(len(f.Accounts), "account", "accounts"), strings.Join(parts, "; "))
}

// jsonFleet is the document of a fleet (docs/json.md, "Many accounts").
type jsonFleet struct {
	SchemaVersion int           `json:"schema_version"`
	Command       string        `json:"command"`
	AsOf          string        `json:"as_of"`
	Status        health.Status `json:"status"`
	Accounts      []any         `json:"accounts"`
}

// jsonAccount is an audited account: a single report's fields, under its
// name.
type jsonAccount struct {
	Name        string              `json:"name"`
	Status      health.Status       `json:"status"`
	Marketplace string              `json:"marketplace,omitempty"`
	Profile     string              `json:"profile"`
	Metrics     []jsonMetric        `json:"metrics"`
	Account     []jsonAccountCheck  `json:"account_health,omitempty"`
	Unmatched   []metrics.Unplaced  `json:"unmatched"`
	Warnings    []string            `json:"warnings"`
	Inputs      []records.InputFile `json:"inputs"`
}

// jsonAccountError is an account that could not be read.
type jsonAccountError struct {
	Name   string        `json:"name"`
	Status health.Status `json:"status"`
	Error  string        `json:"error"`
}

// FleetJSON writes the fleet as one indented JSON document.
func FleetJSON(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(jsonFleetFormat)(w, f, o)
}

// jsonFleetFormat is FleetJSON in two steps (fleetwriter.go): an
// account's object is its part; the document's head, whose status is the
// worst account's, is written once all are done.
var jsonFleetFormat = fleetFormat{part: jsonFleetPart, finish: jsonFleetFinish}

// jsonFleetPart is the account's object as the whole document has it in
// its accounts list: indented two levels, without the indentation of its
// first line or a line break after it.
func jsonFleetPart(a health.Account, _ partContext) (fleetPart, error) {
	var v any = jsonAccountError{Name: a.Name, Status: health.Error, Error: a.Error}
	if r := a.Report; r != nil {
		v = jsonAccount{Name: a.Name, Status: r.Status, Marketplace: r.Marketplace,
			Profile: r.Profile, Metrics: jsonMetrics(r), Account: jsonAccountChecks(r.Account), Unmatched: orEmpty(r.Unmatched), Warnings: orEmpty(r.Warnings), Inputs: orEmpty(r.Inputs)}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(jsonAccountIndent, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fleetPart{}, err
	}
	return fleetPart{data: jsonSafe(bytes.TrimSuffix(b.Bytes(), []byte("\n")))}, nil
}

// jsonAccountIndent starts each line of an account's object in the
// document's accounts list.
const jsonAccountIndent = "    "

// jsonFleetFinish writes the document's head, the accounts' objects in
// name order, and its end.
func jsonFleetFinish(w io.Writer, f *health.Fleet, parts *fleetParts, _ Options) error {
	// The head and the end are those of the document with one account
	// written as 0.
	var doc bytes.Buffer
	err := writeJSON(&doc, jsonFleet{SchemaVersion: SchemaVersion, Command: f.Command, AsOf: f.AsOf.String(), Status: f.Status,
		Accounts: []any{0}})
	if err != nil {
		return err
	}
	mark := []byte("[\n" + jsonAccountIndent + "0\n")
	at := bytes.LastIndex(doc.Bytes(), mark)
	if at < 0 {
		return fmt.Errorf("render: no accounts list in %q", doc.Bytes())
	}
	head, end := doc.Bytes()[:at+2], doc.Bytes()[at+len(mark)-1:]
	if len(f.Accounts) == 0 {
		head, end = doc.Bytes()[:at+1], doc.Bytes()[at+len(mark)-1+len("\n  "):]
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	for i := range f.Accounts {
		sep := ",\n"
		if i == len(f.Accounts)-1 {
			sep = ""
		}
		if _, err := io.WriteString(w, jsonAccountIndent); err != nil {
			return err
		}
		if err := parts.copyTo(w, i); err != nil {
			return err
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
	}
	_, err = w.Write(end)
	return err
}

// orEmpty keeps a list that is always present from being written as null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
