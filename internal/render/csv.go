package render

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// CSVText is a column of text that comes from the files or the command
// line (an order id, a store, a reason, Amazon's words, an account name,
// an error), never a value audit writes itself (a number, a date, an id or
// status of its own). A spreadsheet would run such a text as a formula if
// it starts like one, so it is written escaped (csvCell). Every other
// column is a string audit chose from its own words and figures, and is
// written as it is: "-0.0074" stays a number.
type CSVText string

// MarshalCSV writes the text escaped for a spreadsheet (gocsv calls it).
func (t CSVText) MarshalCSV() (string, error) { return csvCell(string(t)), nil }

// csvCell is a text cell a spreadsheet reads as text (OWASP, "CSV
// Injection"): one that would start a formula gets a single quote in
// front. A formula starts with =, +, - or @, possibly after blanks a
// spreadsheet trims, or the cell starts with a tab or a line break. The
// csv.Writer then quotes the cell where RFC 4180 needs it (a comma, a
// quote, a line break), so the text cannot spill into the next cell.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return "'" + s
	}
	if t := strings.TrimLeft(s, " \t\r\n"); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}

// CSVMetric is one row of -o csv without --details: one metric entry
// (docs/outputs.md, "CSV"). Every value is text already written the way the
// document shows it: a rate as a plain decimal, an absent value empty.
type CSVMetric struct {
	Metric            string  `csv:"metric"`
	Name              CSVText `csv:"name"`
	Fulfillment       string  `csv:"fulfillment"`
	WindowDays        string  `csv:"window_days"`
	Marketplace       CSVText `csv:"marketplace"`
	Value             string  `csv:"value"`
	Numerator         string  `csv:"numerator"`
	Denominator       string  `csv:"denominator"`
	Status            string  `csv:"status"`
	TargetOp          string  `csv:"target_op"`
	Target            string  `csv:"target"`
	WarnAt            string  `csv:"warn_at"`
	WindowFrom        string  `csv:"window_from"`
	WindowTo          string  `csv:"window_to"`
	RecoversOn        string  `csv:"recovers_on"`
	CleanOrdersNeeded string  `csv:"clean_orders_needed"`
	// Reason is why the entry was not computed, why its forecast has no
	// recovers_on or clean_orders_needed, or, when it is incomplete, what
	// the files cover and what to download.
	Reason CSVText `csv:"reason"`
	// StatusOnFilesGiven is an incomplete entry's status on the files
	// given (the JSON's partial_status: gocsv reads a tag that starts
	// with "partial" as an option).
	StatusOnFilesGiven string `csv:"status_on_files_given"`
	// The components, one column each (the JSON's keys): empty on the
	// entries of metrics without that component, and when not given (no
	// file among the inputs counts it: unknown, never 0).
	NegativeFeedback string `csv:"negative_feedback"`
	AtoZClaims       string `csv:"a_to_z_claims"`
	Chargebacks      string `csv:"chargebacks"`
	MissingInvoice   string `csv:"missing_invoice"`
	LateInvoice      string `csv:"late_invoice"`
	LateResponse     string `csv:"late_response"`
	NoResponse       string `csv:"no_response"`
	InvalidRejection string `csv:"invalid_rejection"`
	// MissingDays are the days of the window that the files do not cover
	// (FROM..TO, or a day, separated by spaces): set exactly on incomplete
	// entries.
	MissingDays string `csv:"missing_days"`
	// Amazon's figure of the entry, from its seller performance report,
	// and ours recomputed over its dates (the JSON's amazon): empty on an
	// entry Amazon gives no figure for. On a row of what only Amazon knows
	// (metric account_health_rating, account_status or policy),
	// amazon_status is Amazon's word as written.
	AmazonValue               string  `csv:"amazon_value"`
	AmazonNumerator           string  `csv:"amazon_numerator"`
	AmazonDenominator         string  `csv:"amazon_denominator"`
	AmazonWindowFrom          string  `csv:"amazon_window_from"`
	AmazonWindowTo            string  `csv:"amazon_window_to"`
	AmazonStatus              CSVText `csv:"amazon_status"`
	OursOverAmazonNumerator   string  `csv:"ours_over_amazon_numerator"`
	OursOverAmazonDenominator string  `csv:"ours_over_amazon_denominator"`
	AmazonAgrees              string  `csv:"amazon_agrees"`
	AmazonExplained           string  `csv:"amazon_explained"`
	// Platform is the marketplace whose rule judges the entry (the
	// JSON's platform), and Cycle eBay's evaluation (current, projected):
	// last, so that the columns before keep their places.
	Platform string `csv:"platform"`
	Cycle    string `csv:"cycle"`
}

// csvComponent is the cell of a component: its column in row.
func (row *CSVMetric) csvComponent(key string) *string {
	switch key {
	case metrics.ComponentNegativeFeedback:
		return &row.NegativeFeedback
	case metrics.ComponentClaims:
		return &row.AtoZClaims
	case metrics.ComponentChargebacks:
		return &row.Chargebacks
	case metrics.ComponentMissingInvoice:
		return &row.MissingInvoice
	case metrics.ComponentLateInvoice:
		return &row.LateInvoice
	case metrics.ComponentLateResponse:
		return &row.LateResponse
	case metrics.ComponentNoResponse:
		return &row.NoResponse
	case metrics.ComponentInvalidRejection:
		return &row.InvalidRejection
	}
	return nil
}

// CSVEvent is one row of -o csv with --details or of audit defects: one
// event of one order counted against a metric entry.
type CSVEvent struct {
	Metric      string  `csv:"metric"`
	Fulfillment string  `csv:"fulfillment"`
	WindowDays  string  `csv:"window_days"`
	Marketplace CSVText `csv:"marketplace"`
	OrderID     CSVText `csv:"order_id"`
	OrderDate   string  `csv:"order_date"`
	// WindowDate is the date that places the order in the window: the
	// order date, the expected ship date, the promised delivery date.
	WindowDate     string  `csv:"window_date"`
	Defect         string  `csv:"defect"`
	DefectDate     string  `csv:"defect_date"`
	DefectStatus   CSVText `csv:"defect_status"`
	LeavesWindowOn string  `csv:"leaves_window_on"`
	// On the rows of audit feedback's work list (metric
	// removable_feedback, the JSON's feedback): the buyer's comment, the
	// day a removal request is due by, the grounds Amazon removes it on
	// (separated by spaces) and whether a request is still worth making.
	// Empty on the other rows.
	Comment        CSVText `csv:"comment"`
	RemovableUntil string  `csv:"removable_until"`
	RemovalGrounds string  `csv:"removal_grounds"`
	Removable      string  `csv:"removable"`
}

// csvFleetMetric is a fleet's row: the account, then its entry; an account
// that could not be read has one row, status "error" and the error as the
// reason.
type csvFleetMetric struct {
	Account CSVText `csv:"account"`
	CSVMetric
}

// csvFleetEvent is a fleet's per-order row; an account that could not be
// read has one row with only the account and the error.
type csvFleetEvent struct {
	Account CSVText `csv:"account"`
	CSVEvent
	Error CSVText `csv:"error"`
}

// CSV writes the report as comma-separated values with a header row: one
// row per metric entry, or with o.Details (or o.DetailsOnly) one row per
// order and event of the per-order lists. Never coloured.
func CSV(w io.Writer, r *health.Report, o Options) error {
	r = safeCopyText(r) // text from the files, safe to show (clean.go)
	if o.Details || o.DetailsOnly {
		return writeCSV(w, csvOrders(r, o))
	}
	return writeCSV(w, csvReport(r))
}

// CSVFleet writes the audit of many accounts as CSV: CSV's rows with the
// account's name in a leading column.
func CSVFleet(w io.Writer, f *health.Fleet, o Options) error {
	return fleetRenderer(csvFleet)(w, f, o)
}

// csvFleet is CSVFleet in two steps (fleetwriter.go): an account's rows
// are its part, after the header row.
var csvFleet = fleetFormat{part: csvFleetPart, finish: csvFleetFinish}

// csvFleetPart is the account's rows, without the header row.
func csvFleetPart(a health.Account, c partContext) (fleetPart, error) {
	o := c.o
	a = *safeCopyText(&a) // text from the files, safe to show (clean.go)
	details := o.Details || o.DetailsOnly
	var metricRows []csvFleetMetric
	var eventRows []csvFleetEvent
	switch {
	case a.Report == nil && details:
		eventRows = append(eventRows, csvFleetEvent{Account: CSVText(a.Name), Error: CSVText(a.Error)})
	case a.Report == nil:
		metricRows = append(metricRows, csvFleetMetric{Account: CSVText(a.Name),
			CSVMetric: CSVMetric{Status: health.Error.String(), Reason: CSVText(a.Error)}})
	case details:
		for _, e := range csvOrders(a.Report, o) {
			eventRows = append(eventRows, csvFleetEvent{Account: CSVText(a.Name), CSVEvent: e})
		}
	default:
		for _, m := range csvReport(a.Report) {
			metricRows = append(metricRows, csvFleetMetric{Account: CSVText(a.Name), CSVMetric: m})
		}
	}
	var b bytes.Buffer
	var rows any = metricRows
	if details {
		rows = eventRows
	}
	err := gocsv.MarshalCSVWithoutHeaders(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(&b)))
	return fleetPart{data: b.Bytes()}, err
}

// csvFleetFinish writes the header row, then every account's rows in
// name order.
func csvFleetFinish(w io.Writer, f *health.Fleet, parts *fleetParts, o Options) error {
	var header any = []csvFleetMetric{}
	if o.Details || o.DetailsOnly {
		header = []csvFleetEvent{}
	}
	if err := writeCSV(w, header); err != nil {
		return err
	}
	for i := range f.Accounts {
		if err := parts.copyTo(w, i); err != nil {
			return err
		}
	}
	return nil
}

// writeCSV writes the rows (a slice of structs) with their header, through
// a csv.Writer of its own: gocsv's package settings are left alone.
func writeCSV(w io.Writer, rows any) error {
	return gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}

// csvReport is the rows of a report without --details: its entries, then
// a row per thing only Amazon's report tells (csvAccountChecks).
func csvReport(r *health.Report) []CSVMetric {
	return append(csvMetrics(r.Metrics), csvAccountChecks(r.Account)...)
}

// csvAccountChecks are what only Amazon's report tells, judged, one row
// each in the shape of an entry's: metric is the kind
// (account_health_rating, account_status, policy), name what it is (a
// policy's key), marketplace its store, value the AHR score or the policy
// count, target_op and target Amazon's target for a count, amazon_status
// Amazon's word as written, status and reason audit's verdict.
func csvAccountChecks(cs []health.AccountCheck) []CSVMetric {
	rows := make([]CSVMetric, 0, len(cs))
	for _, c := range cs {
		row := CSVMetric{Metric: c.Kind, Name: CSVText(accountCheckName(c)), Marketplace: CSVText(c.Store), Status: c.Status.String(),
			Reason: CSVText(c.Reason), AmazonStatus: CSVText(c.Value)}
		switch {
		case c.Score != nil:
			row.Value = strconv.Itoa(*c.Score)
		case c.Count != nil:
			row.Value = strconv.Itoa(*c.Count)
		}
		if c.Op != "" {
			row.TargetOp, row.Target = c.Op, decimal(c.Target)
		}
		rows = append(rows, row)
	}
	return rows
}

// csvAmazon fills the amazon_* columns of an entry's row.
func (row *CSVMetric) csvAmazon(a *health.Amazon) {
	if a == nil {
		return
	}
	if a.Rate != nil {
		row.AmazonValue = decimal(*a.Rate)
	}
	if a.Numerator != nil {
		row.AmazonNumerator = strconv.Itoa(*a.Numerator)
	}
	if a.Denominator != nil {
		row.AmazonDenominator = strconv.Itoa(*a.Denominator)
	}
	if a.Window != nil {
		row.AmazonWindowFrom, row.AmazonWindowTo = a.Window.From.String(), a.Window.To.String()
	}
	row.AmazonStatus = CSVText(a.Status)
	row.OursOverAmazonNumerator, row.OursOverAmazonDenominator = strconv.Itoa(a.Ours.Numerator), strconv.Itoa(a.Ours.Denominator)
	row.AmazonAgrees, row.AmazonExplained = strconv.FormatBool(a.Agrees), strconv.FormatBool(a.Explained)
}

func csvMetrics(vs []health.Verdict) []CSVMetric {
	rows := make([]CSVMetric, 0, len(vs))
	for _, m := range vs {
		row := CSVMetric{
			Metric: m.ID, Name: CSVText(metricTitle(m.ID)), Fulfillment: m.Fulfillment, WindowDays: intOrEmpty(m.WindowDays),
			Marketplace: CSVText(m.Marketplace), Status: m.Status.String(), Reason: CSVText(m.NotComputed),
			Platform: m.Platform, Cycle: m.Cycle,
		}
		if m.Status != health.NotComputed { // the counts mean nothing then
			row.Numerator, row.Denominator = strconv.Itoa(m.Numerator), strconv.Itoa(m.Denominator)
			for _, c := range m.Components {
				if cell := row.csvComponent(c.Key); cell != nil && !m.IsNotGiven(c.Key) {
					*cell = strconv.Itoa(c.Count)
				}
			}
		}
		if m.Status == health.Incomplete {
			row.StatusOnFilesGiven = m.Partial.String()
			if !m.Coverage.Complete() {
				row.MissingDays = strings.Join(rangeTexts(m.Coverage.Missing), " ")
				row.Reason = CSVText(coverageText(m.Coverage))
			}
		}
		if v, ok := m.Value(); ok {
			row.Value = decimal(v)
		}
		if t := m.Threshold; t.Op != "" {
			row.TargetOp, row.Target, row.WarnAt = string(t.Op), decimal(t.Value), decimal(t.WarnAt)
		}
		if m.Window.Days > 0 {
			row.WindowFrom, row.WindowTo = m.Window.From.String(), m.Window.To.String()
		}
		if f := m.Forecast; f != nil {
			if f.RecoversOn != nil {
				row.RecoversOn = f.RecoversOn.String()
			}
			if f.CleanOrdersNeeded != nil {
				row.CleanOrdersNeeded = strconv.Itoa(*f.CleanOrdersNeeded)
			}
			if row.Reason == "" {
				row.Reason = CSVText(f.Reason)
			}
		}
		row.csvAmazon(m.Amazon)
		rows = append(rows, row)
	}
	return rows
}

// csvOrders are the per-order rows of a report: the lists of its entries
// (csvEvents), then audit feedback's work list where it is shown
// (csvFeedback, feedbackShown).
func csvOrders(r *health.Report, o Options) []CSVEvent {
	rows := csvEvents(r.Metrics)
	if feedbackShown(r, o) {
		rows = append(rows, csvFeedback(r)...)
	}
	return rows
}

// csvFeedback is audit feedback's work list, a row per negative feedback
// in the shape of an event's: metric removable_feedback, the order's
// channel, the feedback as the event with its date and rating, then its
// comment, removal deadline, grounds and whether it is still removable.
func csvFeedback(r *health.Report) []CSVEvent {
	rows := make([]CSVEvent, len(r.Feedback))
	for i, f := range r.Feedback {
		rows[i] = CSVEvent{Metric: metrics.RemovableFeedback, Fulfillment: f.Fulfillment, OrderID: CSVText(f.OrderID),
			OrderDate: dateOrEmpty(f.OrderDate), Defect: metrics.NegativeFeedback, DefectDate: dateOrEmpty(f.FeedbackDate),
			DefectStatus: CSVText("rating " + strconv.Itoa(f.Rating)), Comment: CSVText(f.Comment),
			RemovableUntil: dateOrEmpty(f.RemovableUntil), RemovalGrounds: strings.Join(f.Grounds, " "),
			Removable: strconv.FormatBool(f.Removable(r.AsOf))}
	}
	return rows
}

// csvEvents are the per-order lists of the entries the table lists
// (listed), one row per order and event; an order without events gets one
// row with the defect columns empty. fulfillment is the order's channel
// where it has one (the ODR), else the entry's.
func csvEvents(vs []health.Verdict) []CSVEvent {
	var rows []CSVEvent
	for _, v := range listed(vs) {
		for _, it := range v.Items {
			base := CSVEvent{
				Metric: v.ID, Fulfillment: v.Fulfillment, WindowDays: intOrEmpty(v.WindowDays), Marketplace: CSVText(v.Marketplace),
				OrderID: CSVText(it.OrderID), OrderDate: dateOrEmpty(it.OrderDate), WindowDate: dateOrEmpty(it.KeyDate),
				LeavesWindowOn: dateOrEmpty(it.LeavesWindowOn),
			}
			if it.Fulfillment != "" {
				base.Fulfillment = it.Fulfillment
			}
			if len(it.Events) == 0 {
				rows = append(rows, base)
			}
			for _, e := range it.Events {
				row := base
				row.Defect, row.DefectDate, row.DefectStatus = e.Type, dateOrEmpty(e.Date), CSVText(e.Status)
				rows = append(rows, row)
			}
		}
	}
	if rows == nil {
		rows = []CSVEvent{}
	}
	return rows
}

// decimal writes a rate or target as the shortest plain decimal that reads
// back as the same number (the digits of the JSON output, never an
// exponent): 0.008695652173913044, 0.01, 1.
func decimal(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func dateOrEmpty(d civil.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}
