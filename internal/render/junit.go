package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
)

// The JUnit XML document as CI systems read it (GitLab, Jenkins, the GitHub
// test reporters): one testsuite per account, one testcase per metric
// entry. No timestamps: every time is "0", so the bytes depend on the
// report only.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string             `xml:"name,attr"`
	Tests      int                `xml:"tests,attr"`
	Failures   int                `xml:"failures,attr"`
	Errors     int                `xml:"errors,attr"`
	Skipped    int                `xml:"skipped,attr"`
	Time       string             `xml:"time,attr"`
	Properties *junitPropertyList `xml:"properties"`
	Cases      []junitCase        `xml:"testcase"`
	// SystemOut is audit feedback's work list (feedback.go), in lines: a
	// list to act on, not a test, so no testcase of its own.
	SystemOut junitText `xml:"system-out,omitempty"`
}

type junitPropertyList struct {
	Properties []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut junitText     `xml:"system-out,omitempty"`
}

// junitProblem is a <failure> or an <error>: a one-line message, a type,
// and the details as text.
type junitProblem struct {
	Message string
	Type    string
	Text    string
}

// MarshalXML writes the problem with its text as lines (see junitText).
func (p junitProblem) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "message"}, Value: p.Message},
		xml.Attr{Name: xml.Name{Local: "type"}, Value: p.Type})
	return junitText(p.Text).MarshalXML(e, start)
}

// junitText is element text written with its line breaks as they are: a
// ",chardata" field would write each one as "&#xA;", one long line to a
// person reading the file. The encoder still escapes <, &, quotes and
// replaces characters XML cannot carry.
type junitText string

func (t junitText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(t)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitTime is every time attribute: the audit takes no measurable time
// worth reporting, and a clock would make the output differ run to run.
const junitTime = "0"

// JUnit writes one report as JUnit XML: one testsuite named after the
// command and store ("audit all (US)"), one testcase per metric entry.
// The document agrees with the exit code: an entry whose status o.FailOn
// (--fail-on) names is a <failure>, and no other is. Of the others, not
// computed, no data and incomplete are <skipped> (no verdict: an
// incomplete one says what to download), and pass, warn and fail pass
// with their status and figures in <system-out>.
func JUnit(w io.Writer, r *health.Report, o Options) error {
	r = safeCopy(r) // text from the files, safe to show (clean.go)
	name := "audit " + r.Command
	if r.Marketplace != "" {
		name += " (" + r.Marketplace + ")"
	}
	doc := junitSuites{Name: "audit", Time: junitTime}
	doc.add(junitReportSuite(name, r.Marketplace, r, o))
	return writeJUnit(w, doc)
}

// JUnitFleet writes the audit of many accounts as JUnit XML: one testsuite
// per account, named after its folder. An account that could not be read
// has one testcase "load" with an <error>.
func JUnitFleet(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(junitFleet)(w, f, o)
}

// junitFleet is JUnitFleet in two steps (fleetwriter.go): an account's
// suite is its part; the document's totals are written once all are done.
var junitFleet = fleetFormat{part: junitFleetPart, finish: junitFleetFinish}

// junitTally is what a suite adds to the document's totals.
type junitTally struct{ tests, failures, errors, skipped int }

// junitFleetPart is the account's testsuite element as the whole document
// has it: one level in, without a line break around it.
func junitFleetPart(a health.Account, c partContext) (fleetPart, error) {
	a = *safeCopy(&a) // text from the files, safe to show (clean.go)
	var s junitSuite
	if a.Report == nil {
		s = junitSuite{
			Name: a.Name, Time: junitTime,
			Properties: junitProps("as_of", c.asOf.String()),
			Cases: []junitCase{{
				Name: "load", Classname: junitClass(a.Name, ""), Time: junitTime,
				Error: &junitProblem{Message: a.Error, Type: "error", Text: a.Error},
			}},
		}
	} else {
		s = junitReportSuite(a.Name, a.Name, a.Report, c.o)
	}
	var one junitSuites
	one.add(s)
	s = one.Suites[0]
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	enc.Indent("  ", "  ")
	if err := enc.EncodeElement(s, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
		return fleetPart{}, err
	}
	return fleetPart{data: b.Bytes(), junit: junitTally{one.Tests, one.Failures, one.Errors, one.Skipped}}, nil
}

// junitFleetFinish writes the document: its totals, then every account's
// suite in name order.
func junitFleetFinish(w io.Writer, f *health.Fleet, parts *fleetParts, _ Options) error {
	doc := junitSuites{Name: "audit", Time: junitTime}
	for i := range f.Accounts {
		t := parts.partAt(i).junit
		doc.Tests += t.tests
		doc.Failures += t.failures
		doc.Errors += t.errors
		doc.Skipped += t.skipped
	}
	var b bytes.Buffer
	if err := writeJUnit(&b, doc); err != nil {
		return err
	}
	if len(f.Accounts) == 0 {
		_, err := w.Write(b.Bytes())
		return err
	}
	end := []byte("</testsuites>\n")
	head, ok := bytes.CutSuffix(b.Bytes(), end)
	if !ok {
		return fmt.Errorf("render: no </testsuites> in %q", b.Bytes())
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	for i := range f.Accounts {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		if err := parts.copyTo(w, i); err != nil {
			return err
		}
	}
	_, err := w.Write(append([]byte("\n"), end...))
	return err
}

// add appends a suite after counting its cases into the suite and the
// document.
func (d *junitSuites) add(s junitSuite) {
	s.Tests = len(s.Cases)
	for _, c := range s.Cases {
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	d.Tests += s.Tests
	d.Failures += s.Failures
	d.Errors += s.Errors
	d.Skipped += s.Skipped
	d.Suites = append(d.Suites, s)
}

// junitReportSuite is the testsuite of one report; group is the middle of
// each classname (the account, or the store of a single report).
func junitReportSuite(name, group string, r *health.Report, o Options) junitSuite {
	s := junitSuite{Name: name, Time: junitTime,
		Properties: junitProps("as_of", r.AsOf.String(), "profile", r.Profile, "marketplace", r.Marketplace)}
	for _, m := range r.Metrics {
		s.Cases = append(s.Cases, junitTestcase(group, m, o.FailOn))
	}
	for _, a := range r.Account {
		s.Cases = append(s.Cases, junitAccountCase(group, a, o.FailOn))
	}
	if feedbackShown(r, o) {
		s.SystemOut = junitText(strings.Join(feedbackLines(r), "\n"))
	}
	return s
}

// junitAccountCase is one thing only Amazon's report tells (the AHR, the
// account status, a policy count): it fails when failOn names its status,
// as the exit code does.
func junitAccountCase(group string, a health.AccountCheck, failOn health.FailOn) junitCase {
	name := a.Kind
	if a.Key != "" {
		name += " " + a.Key
	}
	lines := accountLines([]health.AccountCheck{a})
	c := junitCase{Name: name, Classname: junitClass(group, a.Kind), Time: junitTime}
	switch {
	case failOn.Fails(a.Status):
		c.Failure = &junitProblem{Message: lines[0], Type: a.Status.String(), Text: lines[0] + "\nfrom " + a.File}
	case a.Status == health.NoData:
		c.Skipped = &junitSkipped{Message: lines[0]}
	default:
		c.SystemOut = junitText(lines[0] + "\nfrom " + a.File)
	}
	return c
}

// junitTestcase is one metric entry: named by id and short scope ("odr
// mfn", "late_shipment_rate 10d", "invoice_defect_rate DE"). It fails
// when failOn names its status (the exit code is then 1), with the status
// as the failure's type; not computed never fails.
func junitTestcase(group string, m health.Verdict, failOn health.FailOn) junitCase {
	name := m.ID
	if s := shortScope(m); s != "" {
		name += " " + s
	}
	c := junitCase{Name: name, Classname: junitClass(group, m.ID), Time: junitTime}
	head := figuresLine(m)
	details := strings.Join(append(detailLines(m), flatLines(amazonNotes([]health.Verdict{m}))...), "\n")
	noData := "no data: " + entryName(m) + ": nothing in the window to measure"
	switch {
	case m.Status == health.NotComputed:
		c.Skipped = &junitSkipped{Message: "not computed: " + entryName(m) + ": " + m.NotComputed}
	case failOn.Fails(m.Status) && m.Status == health.NoData:
		c.Failure = &junitProblem{Message: noData, Type: m.Status.String(), Text: noData}
	case failOn.Fails(m.Status) && m.Status == health.Fail:
		c.Failure = &junitProblem{Message: head, Type: m.Status.String(), Text: details}
	case failOn.Fails(m.Status): // warn, incomplete
		c.Failure = &junitProblem{Message: statusText(m) + ": " + head, Type: m.Status.String(), Text: details}
	case m.Status == health.NoData:
		c.Skipped = &junitSkipped{Message: noData}
	case m.Status == health.Incomplete:
		// No verdict: neither a pass nor a failure. The figures on the
		// files given are the output.
		c.Skipped = &junitSkipped{Message: "incomplete: " + entryName(m) + ": " + partialText(m.Partial) + "; " + coverageText(m.Coverage)}
		c.SystemOut = junitText(statusText(m) + ": " + head + "\n" + details)
	default: // pass, warn, and fail when --fail-on does not name it
		c.SystemOut = junitText(statusWord(m.Status) + ": " + head + "\n" + details)
	}
	return c
}

// junitClass is "audit.<group>.<id>". Dots in the group would read as
// packages to Jenkins, so they become underscores; an empty group (a report
// of unknown store) is left out.
func junitClass(group, id string) string {
	parts := []string{"audit"}
	if group != "" {
		parts = append(parts, strings.ReplaceAll(group, ".", "_"))
	}
	if id != "" {
		parts = append(parts, id)
	}
	return strings.Join(parts, ".")
}

// junitProps lists the non-empty name/value pairs as properties.
func junitProps(kv ...string) *junitPropertyList {
	var p junitPropertyList
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			p.Properties = append(p.Properties, junitProperty{kv[i], kv[i+1]})
		}
	}
	if len(p.Properties) == 0 {
		return nil
	}
	return &p
}

func writeJUnit(w io.Writer, doc junitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// entryName is the metric's title with its scope: "Order Defect Rate,
// Seller-fulfilled (MFN)".
func entryName(m health.Verdict) string {
	if s := scope(m); s != "" {
		return metricTitle(m.ID) + ", " + s
	}
	return metricTitle(m.ID)
}

// figuresLine is an entry in one line: "Order Defect Rate, Seller-fulfilled
// (MFN): 1.05% (1/95), target < 1%".
func figuresLine(m health.Verdict) string {
	s := entryName(m) + ": " + rate(m)
	if m.Status != health.NotComputed {
		s += " (" + strconv.Itoa(m.Numerator) + "/" + strconv.Itoa(m.Denominator) + ")"
	}
	return s + ", target " + target(m.Threshold)
}

// detailLines say what was counted, over which window, what the files
// do not show (the days missing, the components not given), the
// forecast, and the orders counted against the entry with the day each
// stops counting.
func detailLines(m health.Verdict) []string {
	wd := metricOf(m.ID)
	counted := strconv.Itoa(m.Numerator) + " " + wd.Counts + " of " + strconv.Itoa(m.Denominator) + " " + wd.Population
	for _, c := range m.Components {
		counted += ", " + label(componentWords, c.Key) + " " + componentText(m, c.Key)
	}
	lines := []string{counted}
	if m.Window.Days > 0 {
		lines = append(lines, "Window: "+wd.KeyedOn+" "+m.Window.From.String()+" to "+m.Window.To.String()+" ("+strconv.Itoa(m.Window.Days)+" days)")
	}
	if m.Uncovered() {
		lines = append(lines, "Incomplete: "+coverageText(m.Coverage)+".")
	}
	if ns := notGivenNouns([]health.Verdict{m}); len(ns) > 0 {
		lines = append(lines, "Not given: "+andList(ns)+": no file among the inputs counts them, so they are unknown (not 0) and the rate leaves them out.")
	}
	if m.Forecast != nil {
		// The table's forecast line, without the entry's name the message
		// already gives.
		lines = append(lines, "Forecast: "+strings.TrimPrefix(forecastLine(m), entryName(m)+": "))
	}
	if m.Status == health.Fail || m.Status == health.Warn || m.Status == health.Incomplete {
		for _, it := range m.Items {
			lines = append(lines, "Order "+it.OrderID+": "+eventsText(it.Events)+"; leaves the window on "+it.LeavesWindowOn.String())
		}
	}
	return lines
}
