package render

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/safetext"
)

//go:embed htmlfleet.tmpl
var htmlFleetSource string

// htmlFleetTemplate is the fleet's page, drawn with the account page's
// sub-templates (html.tmpl): its style, an account's part, an entry.
var htmlFleetTemplate = template.Must(template.Must(htmlTemplate.Clone()).New("fleet").Parse(htmlFleetSource))

// HTMLFleet writes the audit of many accounts (--accounts) as one page for
// an agency: an overview table, one row per account, worst first, with its
// status on each entry, each account linking to its own part of the page,
// which is the account's page (HTML) without its charts. Like HTML, the
// page loads nothing and computes nothing.
func HTMLFleet(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(htmlFleet)(w, f, o)
}

// htmlFleet is HTMLFleet in two steps (fleetwriter.go): an account's
// section is its part. The overview lists the accounts worst first, and
// their sections follow in that order, each with its place in its id
// ("account-3"): so a section is drawn with a token in its place
// (partContext.token, a word no file holds) and the token is replaced by
// its id once every account's status, and so its place, is known.
var htmlFleet = fleetFormat{part: htmlFleetPart, finish: htmlFleetFinish}

func htmlFleetPart(a health.Account, c partContext) (fleetPart, error) {
	a = *safeCopy(&a) // text from the files, safe to show (clean.go)
	var b bytes.Buffer
	err := htmlFleetTemplate.ExecuteTemplate(&b, "fleet-account", htmlFleetAccountOf(a, c.token, c.o))
	return fleetPart{data: b.Bytes()}, err
}

func htmlFleetFinish(w io.Writer, f *health.Fleet, parts *fleetParts, o Options) error {
	f = safeCopy(f) // text from the files, safe to show (clean.go)
	p, order := htmlFleetPageOf(f, o)
	if err := htmlFleetTemplate.ExecuteTemplate(w, "fleet-head", p); err != nil {
		return err
	}
	for n, i := range order {
		b, err := parts.get(i)
		if err != nil {
			return err
		}
		if _, err := w.Write(bytes.ReplaceAll(b, []byte(parts.token), []byte(htmlFleetAnchor(n)))); err != nil {
			return err
		}
	}
	return htmlFleetTemplate.ExecuteTemplate(w, "fleet-foot", p)
}

// htmlFleetAnchor is the id of the account n-th (from 0) on the page.
func htmlFleetAnchor(n int) string { return "account-" + strconv.Itoa(n+1) }

// htmlFleetAccountOf is an account's section, its ids starting with
// anchor.
func htmlFleetAccountOf(a health.Account, anchor string, o Options) htmlFleetAccount {
	// The error names a file by its place in the account's folder.
	dirs := []string{a.Path + "/", a.Path + string(filepath.Separator)}
	msg := htmlUnpath(a.Error, dirs)
	acct := htmlFleetAccount{Name: a.Name, Anchor: anchor, Error: msg}
	if r := a.Report; r != nil {
		acct.Page = htmlPageOf(r, o, anchor+"-")
		for w := range acct.Page.Warnings {
			acct.Page.Warnings[w] = htmlUnpath(acct.Page.Warnings[w], dirs)
		}
		for e := range acct.Page.Entries {
			acct.Page.Entries[e].Trendless = r.Trend == nil
		}
	}
	return acct
}

type htmlFleetPage struct {
	Title   string // the <title>
	Heading string
	AsOf    string
	Command string
	Status  htmlStatus
	Count   string // "6 accounts"
	Columns []string
	Legend  []string // "ODR: Order Defect Rate", one per metric shown
	// NotComputed are the entries no account computed: no column.
	NotComputed []string
	Rows        []htmlFleetRow
}

type htmlFleetRow struct {
	Name   string
	Anchor string
	Store  string
	Status htmlStatus
	Cells  []htmlFleetCell
	Error  string // why the account could not be read
}

// htmlFleetCell is an account's entry in the overview: its rate and status,
// one line per store of a per-store entry; empty when the account does not
// have the entry.
type htmlFleetCell struct {
	Lines []htmlFleetLine
}

type htmlFleetLine struct {
	Text   string // "0.87%", "DE 1.20%"
	Dash   bool   // not computed: a dash, the legend says why
	Status htmlStatus
}

type htmlFleetAccount struct {
	Name   string
	Anchor string
	Error  string
	Page   htmlPage // the account's part, its ids prefixed
}

// htmlFleetPageOf is the page's head and overview, from the accounts'
// summaries, and the order of the accounts on it (indices into
// f.Accounts).
func htmlFleetPageOf(f *health.Fleet, o Options) (htmlFleetPage, []int) {
	p := htmlFleetPage{Heading: "Account health", AsOf: f.AsOf.String(), Command: f.Command, Status: htmlStatusOf(f.Status),
		Count: plural(len(f.Accounts), "account", "accounts")}
	if t := strings.TrimSpace(safetext.Line(o.Title)); t != "" {
		p.Heading = t
		p.Title = t + " – "
	}
	p.Title += "Account health of " + p.Count + " – as of " + p.AsOf
	// One column per entry any account computed, in the order first
	// met; the entries no account computed are named under the table.
	var keys []string
	heads := map[string]string{}
	computed := map[string]bool{}
	for _, a := range f.Accounts {
		if a.Summary == nil {
			continue
		}
		for _, m := range a.Summary.Metrics {
			k := mdColumnKey(m)
			if heads[k] == "" {
				heads[k] = entryHead(m)
				keys = append(keys, k)
			}
			computed[k] = computed[k] || m.Status != health.NotComputed
		}
	}
	var shown []string
	for _, k := range keys {
		if !computed[k] {
			p.NotComputed = append(p.NotComputed, heads[k])
			continue
		}
		shown = append(shown, k)
		p.Columns = append(p.Columns, heads[k])
		id, _, _ := strings.Cut(k, "|")
		if l := metricOf(id).Abbrev + ": " + metricTitle(id); !slices.Contains(p.Legend, l) {
			p.Legend = append(p.Legend, l)
		}
	}
	keys = shown
	// The accounts worst first; among equals, in the fleet's order.
	order := make([]int, len(f.Accounts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return int(f.Accounts[j].Status()) - int(f.Accounts[i].Status()) })
	for n, i := range order {
		a := f.Accounts[i]
		// The error names a file by its place in the account's folder.
		msg := htmlUnpath(a.Error, []string{a.Path + "/", a.Path + string(filepath.Separator)})
		row := htmlFleetRow{Name: a.Name, Anchor: htmlFleetAnchor(n), Status: htmlStatusOf(a.Status()), Error: msg}
		if r := a.Summary; r != nil {
			row.Store = r.Marketplace
			cells := map[string]*htmlFleetCell{}
			for _, m := range r.Metrics {
				k := mdColumnKey(m)
				if cells[k] == nil {
					cells[k] = &htmlFleetCell{}
				}
				text := rate(m)
				if m.Status == health.NotComputed || text == "-" {
					text = ""
				}
				if s := storeName(m); s != "" { // "DE", "Allegro PL"
					text = s + " " + text
				}
				cells[k].Lines = append(cells[k].Lines, htmlFleetLine{Text: text, Status: htmlVerdictStatus(m),
					Dash: m.Status == health.NotComputed})
			}
			for _, k := range keys {
				c := htmlFleetCell{}
				if cells[k] != nil {
					c = *cells[k]
				}
				row.Cells = append(row.Cells, c)
			}
		}
		p.Rows = append(p.Rows, row)
	}
	return p, order
}
