package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/records"
)

// jsonAmazon is an entry's amazon object (docs/json.md, "metrics[].amazon"):
// Amazon's figure, ours over its dates, the difference and why.
type jsonAmazon struct {
	File         string         `json:"file"`
	Window       *records.Range `json:"window"`
	Value        *float64       `json:"value"`
	Numerator    *int           `json:"numerator"`
	Denominator  *int           `json:"denominator"`
	Components   map[string]int `json:"components,omitempty"`
	Target       *jsonTarget    `json:"target,omitempty"`
	Status       string         `json:"status,omitempty"`
	Ours         jsonOurs       `json:"ours"`
	Difference   *float64       `json:"difference"`
	Agrees       bool           `json:"agrees"`
	Explained    bool           `json:"explained"`
	Explanations []string       `json:"explanations"`
	AsOf         civil.Date     `json:"as_of"`
}

// jsonOurs is our figure over Amazon's window.
type jsonOurs struct {
	Value       *float64        `json:"value"`
	Numerator   int             `json:"numerator"`
	Denominator int             `json:"denominator"`
	Components  map[string]*int `json:"components,omitempty"`
	Window      records.Range   `json:"window"`
	Missing     []records.Range `json:"missing"`
}

// jsonAmazonOf converts Amazon's figure of an entry; nil without one.
func jsonAmazonOf(a *health.Amazon) *jsonAmazon {
	if a == nil {
		return nil
	}
	ja := &jsonAmazon{File: a.File, Window: a.Window, Value: a.Rate, Numerator: a.Numerator, Denominator: a.Denominator,
		Components: a.Components, Status: a.Status, Difference: a.Difference, Agrees: a.Agrees, Explained: a.Explained,
		Explanations: a.Explanations, AsOf: a.AsOf,
		Ours: jsonOurs{Numerator: a.Ours.Numerator, Denominator: a.Ours.Denominator, Window: a.Ours.Window, Missing: a.Ours.Missing}}
	if a.Op != "" {
		ja.Target = &jsonTarget{health.Op(a.Op), a.Target}
	}
	if v, ok := a.Ours.Value(); ok {
		ja.Ours.Value = &v
	}
	if ja.Ours.Missing == nil {
		ja.Ours.Missing = []records.Range{}
	}
	if len(a.Ours.Components) > 0 {
		ja.Ours.Components = map[string]*int{}
		for k, n := range a.Ours.Components {
			n := n
			ja.Ours.Components[k] = &n
		}
		for _, k := range a.Ours.NotGiven {
			ja.Ours.Components[k] = nil
		}
	}
	return ja
}

// jsonAccountCheck is one entry of account_health (docs/json.md).
type jsonAccountCheck struct {
	Kind   string        `json:"kind"`
	Key    string        `json:"key,omitempty"`
	Store  string        `json:"store,omitempty"`
	Value  string        `json:"value,omitempty"`
	Score  *int          `json:"score,omitempty"`
	Count  *int          `json:"count,omitempty"`
	Target *jsonTarget   `json:"target,omitempty"`
	Status health.Status `json:"status"`
	Reason string        `json:"reason"`
	File   string        `json:"file"`
}

// jsonAccountChecks converts what only Amazon knows of the account.
func jsonAccountChecks(cs []health.AccountCheck) []jsonAccountCheck {
	out := make([]jsonAccountCheck, len(cs))
	for i, c := range cs {
		jc := jsonAccountCheck{Kind: c.Kind, Key: c.Key, Store: c.Store, Value: c.Value, Score: c.Score, Count: c.Count,
			Status: c.Status, Reason: c.Reason, File: c.File}
		if c.Op != "" {
			jc.Target = &jsonTarget{health.Op(c.Op), c.Target}
		}
		out[i] = jc
	}
	return out
}

// noteGroup is a line and the lines that belong under it.
type noteGroup struct {
	Head string
	Sub  []string
}

// flatLines writes note groups as lines, each sub-line indented by two
// spaces under its head.
func flatLines(gs []noteGroup) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Head)
		for _, l := range g.Sub {
			out = append(out, "  "+l)
		}
	}
	return out
}

// amazonNotes are the "Amazon's figures" section: per entry
// with one, Amazon's figure, ours over its dates, and what the files tell
// of a difference (each under its entry).
func amazonNotes(vs []health.Verdict) []noteGroup {
	var out []noteGroup
	for _, v := range vs {
		a := v.Amazon
		if a == nil {
			continue
		}
		line := entryName(v) + ": Amazon " + amazonFigure(a.Rate, a.Numerator, a.Denominator, v.Threshold)
		if a.Window != nil {
			line += " over " + rangeText(*a.Window)
		}
		if a.Status != "" {
			line += " (" + a.Status + ")"
		}
		// Ours on a line of its own, so that each fits 120 columns.
		num, den := a.Ours.Numerator, a.Ours.Denominator
		ours := "ours over the same days " + amazonFigure(ratePtr(a.Ours.Value()), &num, &den, v.Threshold)
		switch {
		case a.Agrees:
			ours += ": the same"
		case a.Difference != nil:
			ours += ": ours " + signedPoints(*a.Difference, v.Threshold)
		}
		if a.Unexplained() {
			ours += ", unexplained"
		}
		out = append(out, noteGroup{Head: line, Sub: append([]string{ours}, a.Explanations...)})
	}
	return out
}

// amazonFigure is "1.05% (1 / 95)", or what of it is known.
func amazonFigure(rate *float64, num, den *int, t health.Threshold) string {
	s := "-"
	if rate != nil {
		s = valueText(*rate, t)
	}
	if num != nil && den != nil {
		s += " (" + strconv.Itoa(*num) + " / " + strconv.Itoa(*den) + ")"
	}
	return s
}

func ratePtr(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// signedPoints is a difference of two rates in percentage points, or of
// two scores: "+0.42 points", "-1.95 points".
func signedPoints(d float64, t health.Threshold) string {
	if t.Scale <= 1 {
		d *= 100
	}
	s := strconv.FormatFloat(d, 'f', 2, 64)
	if d >= 0 {
		s = "+" + s
	}
	return s + " points"
}

// accountLines are the lines of the "Account health" section: what only
// Amazon knows, judged.
func accountLines(cs []health.AccountCheck) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		what := accountCheckName(c)
		if c.Store != "" {
			what += " (" + c.Store + ")"
		}
		val := c.Value
		if c.Score != nil {
			val = strings.TrimSpace(val + " score " + strconv.Itoa(*c.Score))
		}
		if c.Count != nil {
			val = strings.TrimSpace(val + " " + strconv.Itoa(*c.Count) + " counted")
		}
		out = append(out, what+": "+val+": "+statusWord(c.Status)+" ("+c.Reason+")")
	}
	return out
}

// ahrOf is a report's Account Health Rating: the one of its store, else
// the first; false without one.
func ahrOf(r *health.Report) (health.AccountCheck, bool) {
	var found *health.AccountCheck
	for i, c := range r.Account {
		if c.Kind != "account_health_rating" {
			continue
		}
		if c.Store == r.Marketplace {
			return c, true
		}
		if found == nil {
			found = &r.Account[i]
		}
	}
	if found == nil {
		return health.AccountCheck{}, false
	}
	return *found, true
}

// ahrText is the AHR after its status word: its score, or without one
// Amazon's word ("180", "GOOD").
func ahrText(c health.AccountCheck) string {
	if c.Score != nil {
		return strconv.Itoa(*c.Score)
	}
	return c.Value
}

// amazonSummary sums up a report's entries with Amazon's figure: "3
// agree, 1 differs (1 unexplained)"; "" when none has one.
func amazonSummary(vs []health.Verdict) string {
	agree, differ, unexplained := 0, 0, 0
	for _, v := range vs {
		switch a := v.Amazon; {
		case a == nil:
		case a.Agrees:
			agree++
		default:
			differ++
			if a.Unexplained() {
				unexplained++
			}
		}
	}
	if agree+differ == 0 {
		return ""
	}
	s := strconv.Itoa(agree) + " agree, " + plural(differ, "differs", "differ")
	if differ > 0 {
		s += " (" + strconv.Itoa(unexplained) + " unexplained)"
	}
	return s
}

// accountConcerns are the lines of accountLines of the checks that do
// not pass: what a fleet's summary names of what only Amazon knows.
func accountConcerns(cs []health.AccountCheck) []string {
	var bad []health.AccountCheck
	for _, c := range cs {
		if c.Status != health.Pass {
			bad = append(bad, c)
		}
	}
	return accountLines(bad)
}

// accountCheckName is what a check is of: "Account Health Rating",
// "Account status", or a policy's key (listingPolicyViolations).
func accountCheckName(c health.AccountCheck) string {
	if c.Kind == "policy" {
		return c.Key
	}
	return map[string]string{"account_health_rating": "Account Health Rating", "account_status": "Account status"}[c.Kind]
}

// Reconcile writes audit reconcile's table: per entry Amazon gives a
// figure for, Amazon's and ours over its dates, the difference and
// whether the files explain it, then the explanations and what only
// Amazon knows.
func Reconcile(w io.Writer, r *health.Report, o Options) error {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	pal := newPalette(o.Color)
	fmt.Fprintf(w, "%s as of %s\n\n", pal.bold("Amazon's figures beside ours"), r.AsOf)
	var rows [][]string
	for _, v := range r.Metrics {
		a := v.Amazon
		if a == nil {
			continue
		}
		num, den := a.Ours.Numerator, a.Ours.Denominator
		days := "-"
		if a.Window != nil {
			days = rangeText(*a.Window)
		}
		diff, verdict := "-", "agrees"
		if a.Difference != nil && !a.Agrees {
			diff = signedPoints(*a.Difference, v.Threshold)
		}
		switch {
		case a.Agrees:
		case a.Explained:
			verdict = "explained"
		default:
			verdict = "UNEXPLAINED"
		}
		rows = append(rows, []string{metricTitle(v.ID), shortScope(v), days, amazonFigure(a.Rate, a.Numerator, a.Denominator, v.Threshold),
			amazonFigure(ratePtr(a.Ours.Value()), &num, &den, v.Threshold), diff, verdict})
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "Amazon's report gives no figure for the metrics these files allow.")
	} else if err := WriteTable(w, []string{"METRIC", "SCOPE", "AMAZON'S DAYS", "AMAZON", "OURS", "DIFFERENCE", ""},
		[]bool{false, false, false, true, true, true, false}, rows); err != nil {
		return err
	}
	indentedList(w, "Why", amazonWhy(r.Metrics))
	indentedList(w, "Account health: what only Amazon's report tells", accountLines(r.Account))
	return nil
}

// amazonWhy are the explanations of the entries that differ.
func amazonWhy(vs []health.Verdict) []string {
	var out []noteGroup
	for _, v := range vs {
		if a := v.Amazon; a != nil && !a.Agrees && len(a.Explanations) > 0 {
			out = append(out, noteGroup{Head: entryName(v) + ":", Sub: a.Explanations})
		}
	}
	return flatLines(out)
}
