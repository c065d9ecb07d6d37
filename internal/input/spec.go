package input

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Kind names a report kind, as the JSON "inputs" list writes it.
type Kind string

// Title is the human name of the kind ("All Orders report").
func (k Kind) Title() string {
	for _, s := range specs {
		if s.Kind == k {
			return s.Title
		}
	}
	return string(k)
}

// Spec describes one report kind: how to recognise its header, which
// columns it must have, and how to turn its rows into records. Each kind
// lives in its own file as a package-level value, listed once in specs.
type Spec struct {
	Kind     Kind
	Title    string
	Columns  []Column // every column the kind knows, with aliases
	Required []string // canonical names that must be present
	// Anchor must hold for the header to be this kind at all; it keeps a
	// file that merely shares an "order-id" column from matching.
	Anchor func(cols map[string]int) bool
	// Quoted: canonical files, where CSV quoting is allowed. Amazon's own
	// flat files are never quoted (their values contain literal quotes).
	Quoted bool
	// Read turns the rows into records. Nil for a kind that is recognised
	// but feeds no metric yet (it is skipped with a note).
	Read func(t *Table, s *Sink) error
	// Positions, for a report whose column order is fixed whatever the
	// language of its header (the Feedback report), is each standard
	// column's place. Columns are found by name; a standard column the
	// header does not name is taken from its place, but only when the
	// header is the standard layout (positions.go).
	Positions []string
	// Sniff, for a kind that is a JSON document rather than a table (a
	// platform's API response saved as a file: eBay's seller standards,
	// Allegro's sales quality, Kaufland's order units), says whether the
	// start of a text (up to 64 KiB, after gzip and a byte-order mark) is
	// one. Such a file is read whole (at most MaxDocument bytes) into
	// Table.Doc, and Read decodes it; it has no header and no rows.
	Sniff func(sample []byte) bool
	// NotRead marks an Amazon report that audit recognises only to tell
	// it from the kinds it reads (notread.go); Read is nil, and the file
	// is skipped with the note "TITLE: not a report audit reads".
	NotRead bool
}

// specs is every report kind audit knows, and the only list of them: a new
// kind is its own file (a Spec value and its Read) plus one line here.
//
// The order matters: detect tries the kinds in this order and a tie in
// score goes to the earlier one (a header of just order-id and date is a
// chargebacks file, not a claims file). It is the order in which the
// kinds' init functions registered them before this list existed (their
// files' names, sorted); keep it, or detection changes.
var specs = []*Spec{
	&cancellationsSpec,
	&chargebacksSpec,
	&claimsSpec,
	&fbaShipmentsSpec,
	&feedbackSpec,
	&messagesSpec,
	&ordersSpec,
	&performanceSpec,
	&ratingsSpec,
	&returnRequestsSpec,
	&returnsSpec,
	&shipmentsSpec,
	&vatInvoicesSpec,
	// Amazon reports recognised so as to be skipped, not read
	// (notread.go). Last: a tie with a kind audit reads goes to that kind.
	&fbaCustomerReturnsSpec,
	&paymentsTransactionsSpec,
	&businessPurchasesSpec,
	&fbaRemovalOrdersSpec,
	&fbaRemovalShipmentsSpec,
	&fbaReimbursementsSpec,
	&fbaReplacementsSpec,
	// Kinds added since, at the end so that no earlier kind's detection
	// changes; their anchors hold for no earlier kind's files.
	&settlementSpec,
	&ebayStandardsSpec, &ebayServiceSpec,
	&allegroSpec,
	&kauflandSpec,
}

// Specs lists the known report kinds in detection order.
func Specs() []*Spec { return specs }

func (s *Spec) missing(cols map[string]int) []string {
	var out []string
	for _, r := range s.Required {
		if _, ok := cols[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// detect picks the kind whose anchor holds and which knows the most header
// cells; ties go to the kind listed first in specs.
func detect(cells []string) (*Spec, map[string]int, string) { return detectWith(cells, nil) }

// detectWith is detect with the user's header mappings (--column).
func detectWith(cells []string, user ColumnMap) (*Spec, map[string]int, string) {
	return detectIn(specs, cells, user)
}

// detectIn is detectWith among the kinds of list.
func detectIn(list []*Spec, cells []string, user ColumnMap) (*Spec, map[string]int, string) {
	norm := make([]string, len(cells))
	for i, c := range cells {
		norm[i] = Normalize(c)
	}
	var best *Spec
	var bestCols map[string]int
	bestScore := 0
	for _, s := range list {
		cols, score := resolve(s.Columns, norm, user[s.Kind])
		if s.Anchor != nil && !s.Anchor(cols) {
			continue
		}
		if score > bestScore {
			best, bestCols, bestScore = s, cols, score
		}
	}
	if best != nil && len(best.Positions) > 0 {
		byPosition(best.Positions, bestCols, norm)
	}
	if best == nil {
		if !looksLikeHeader(cells) {
			// Never echo a data row: it may hold a buyer's e-mail or name.
			return nil, nil, fmt.Sprintf("its first line looks like data, not a header row (%d fields); was the header row cut off?", len(cells))
		}
		shown := strings.Join(cells, ", ")
		if len(shown) > 80 {
			cut := 77
			for cut > 0 && !utf8.RuneStart(shown[cut]) {
				cut-- // do not split a character
			}
			shown = shown[:cut] + "..."
		}
		return nil, nil, fmt.Sprintf("header row %q matches no known report", shown)
	}
	return best, bestCols, ""
}

// looksLikeHeader says whether a first line can be shown in an error: no
// cell holds an '@' (an e-mail) or a run of three digits (ids, dates, money).
func looksLikeHeader(cells []string) bool {
	for _, c := range cells {
		if strings.Contains(c, "@") {
			return false
		}
		run := 0
		for i := 0; i < len(c); i++ {
			if c[i] >= '0' && c[i] <= '9' {
				if run++; run >= 3 {
					return false
				}
			} else {
				run = 0
			}
		}
	}
	return true
}

func has(cols map[string]int, names ...string) bool {
	for _, n := range names {
		if _, ok := cols[n]; !ok {
			return false
		}
	}
	return true
}

// ColumnMap holds the user's own header names: kind -> canonical column ->
// header names that mean it.
type ColumnMap map[Kind]map[string][]string

// ParseColumnMapping reads one --column value, kind.column=Header (the
// header may be quoted), and adds it to m. The kind and the column must be
// known, so a typo is an error, not a silently unused mapping.
func (m ColumnMap) Parse(v string) error {
	key, header, ok := strings.Cut(v, "=")
	kind, col, ok2 := strings.Cut(strings.TrimSpace(key), ".")
	header = strings.Trim(strings.TrimSpace(header), `"'`)
	if !ok || !ok2 || header == "" {
		return fmt.Errorf("--column %q: want kind.column=Header, e.g. orders.purchase-date=Kaufdatum", v)
	}
	var spec *Spec
	for _, s := range specs {
		if string(s.Kind) == kind {
			spec = s
		}
	}
	if spec == nil {
		return fmt.Errorf("--column %q: unknown report kind %q (known: %s)", v, kind, strings.Join(KnownKinds(), ", "))
	}
	col = Normalize(col)
	var names []string
	for _, c := range spec.Columns {
		names = append(names, c.Name)
		if c.Name == col {
			if m[spec.Kind] == nil {
				m[spec.Kind] = map[string][]string{}
			}
			m[spec.Kind][col] = append(m[spec.Kind][col], Normalize(header))
			return nil
		}
	}
	return fmt.Errorf("--column %q: the %s has no column %q (known: %s)", v, spec.Title, col, strings.Join(names, ", "))
}

// KnownKinds lists the kind names, sorted, for docs and errors.
func KnownKinds() []string {
	var out []string
	for _, s := range specs {
		out = append(out, string(s.Kind))
	}
	sort.Strings(out)
	return out
}
