package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/safetext"
)

// SchemaVersion of the JSON document; docs/json.md is its contract.
const SchemaVersion = 1

type jsonReport struct {
	SchemaVersion int                 `json:"schema_version"`
	Command       string              `json:"command"`
	AsOf          string              `json:"as_of"`
	Marketplace   string              `json:"marketplace,omitempty"`
	Profile       string              `json:"profile,omitempty"`
	Status        health.Status       `json:"status"`
	Metrics       []jsonMetric        `json:"metrics"`
	Account       []jsonAccountCheck  `json:"account_health,omitempty"`
	Unmatched     []metrics.Unplaced  `json:"unmatched"`
	Warnings      []string            `json:"warnings"`
	Inputs        []records.InputFile `json:"inputs"`
}

type jsonMetric struct {
	ID          string            `json:"id"`
	Fulfillment string            `json:"fulfillment,omitempty"`
	WindowDays  int               `json:"window_days,omitempty"`
	Marketplace string            `json:"marketplace,omitempty"`
	Platform    string            `json:"platform,omitempty"`
	Calendar    string            `json:"calendar,omitempty"`
	Cycle       string            `json:"cycle,omitempty"`
	Name        string            `json:"name"`
	Value       *float64          `json:"value"`
	Numerator   int               `json:"numerator"`
	Denominator int               `json:"denominator"`
	Status      health.Status     `json:"status"`
	Partial     *health.Status    `json:"partial_status,omitempty"`
	Target      *jsonTarget       `json:"target,omitempty"`
	WarnAt      *float64          `json:"warn_at,omitempty"`
	Window      *metrics.Window   `json:"window,omitempty"`
	Period      *metrics.Window   `json:"period,omitempty"`
	Components  *jsonComponents   `json:"components,omitempty"`
	Advisory    bool              `json:"advisory,omitempty"`
	Reason      string            `json:"reason,omitempty"`
	Defects     []jsonItem        `json:"defects,omitempty"`
	Forecast    *jsonForecast     `json:"forecast,omitempty"`
	IfRemoved   *jsonIfRemoved    `json:"if_removed,omitempty"`
	Provisional *jsonProvisional  `json:"provisional,omitempty"`
	Coverage    *metrics.Coverage `json:"coverage,omitempty"`
	Amazon      *jsonAmazon       `json:"amazon,omitempty"`
	Inputs      *metrics.Inputs   `json:"inputs,omitempty"`
}

// jsonComponents are an entry's components in order, null for one whose
// inputs were not given (docs/json.md, "Not given is not zero").
type jsonComponents struct {
	cs       metrics.Components
	notGiven []string
}

// MarshalJSON writes {"key": count or null, ...} in order.
func (c jsonComponents) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, x := range c.cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(x.Key)
		b.Write(k)
		b.WriteByte(':')
		if slices.Contains(c.notGiven, x.Key) {
			b.WriteString("null")
			continue
		}
		b.WriteString(strconv.Itoa(x.Count))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonFeedback is one negative feedback of the ODR window and what would
// get it removed (docs/json.md, "feedback").
type jsonFeedback struct {
	OrderID        string     `json:"order_id"`
	OrderDate      civil.Date `json:"order_date"`
	Fulfillment    string     `json:"fulfillment,omitempty"`
	FeedbackDate   civil.Date `json:"feedback_date"`
	Rating         int        `json:"rating"`
	Comment        string     `json:"comment"`
	RemovableUntil civil.Date `json:"removable_until"`
	RemovalGrounds []string   `json:"removal_grounds"`
	Removable      bool       `json:"removable"`
}

func jsonFeedbackOf(f metrics.FeedbackItem, asOf civil.Date) jsonFeedback {
	grounds := f.Grounds
	if grounds == nil {
		grounds = []string{}
	}
	return jsonFeedback{OrderID: f.OrderID, OrderDate: f.OrderDate, Fulfillment: f.Fulfillment, FeedbackDate: f.FeedbackDate,
		Rating: f.Rating, Comment: f.Comment, RemovableUntil: f.RemovableUntil, RemovalGrounds: grounds, Removable: f.Removable(asOf)}
}

// jsonRisk is one entry of audit risks' work list (docs/json.md, "risks").
type jsonRisk struct {
	Kind     string     `json:"kind"`
	OrderID  string     `json:"order_id"`
	Date     civil.Date `json:"date"`
	Deadline string     `json:"deadline"`
	Detail   string     `json:"detail"`
}

func jsonRiskOf(r metrics.Risk) jsonRisk {
	return jsonRisk{Kind: r.Kind, OrderID: r.OrderID, Date: r.Date, Deadline: timestampText(r.Deadline), Detail: r.Detail}
}

// timestampText writes a report time as it was given: a date, or a time
// with its offset (RFC 3339).
func timestampText(t civil.Timestamp) string {
	if t.IsZero() {
		return ""
	}
	if !t.HasTime() {
		return t.Date.String()
	}
	return t.Instant().Format(time.RFC3339)
}

// jsonIfRemoved is the ODR if the removable negative feedback went
// (docs/json.md, "if_removed").
type jsonIfRemoved struct {
	Numerator int      `json:"numerator"`
	Value     *float64 `json:"value"`
}

// jsonProvisional says until when the ODR's orders can still receive
// feedback.
type jsonProvisional struct {
	FinalOn civil.Date `json:"final_on"`
}

// jsonItem is one order counted against a metric (docs/json.md, "defects").
type jsonItem struct {
	OrderID        string      `json:"order_id"`
	OrderDate      *civil.Date `json:"order_date,omitempty"`
	Fulfillment    string      `json:"fulfillment,omitempty"`
	WindowDate     civil.Date  `json:"window_date"`
	Types          []string    `json:"types"`
	Events         []jsonEvent `json:"events"`
	LeavesWindowOn civil.Date  `json:"leaves_window_on"`
}

type jsonEvent struct {
	Type   string      `json:"type"`
	Date   *civil.Date `json:"date"`
	Status string      `json:"status,omitempty"`
}

type jsonForecast struct {
	Goal              string      `json:"goal"`
	Op                health.Op   `json:"op"`
	Line              float64     `json:"line"`
	RecoversOn        *civil.Date `json:"recovers_on"`
	CleanOrdersNeeded *int        `json:"clean_orders_needed"`
	DailyOrders       float64     `json:"daily_orders"`
	Reason            string      `json:"reason,omitempty"`
}

type jsonTarget struct {
	Op    health.Op `json:"op"`
	Value float64   `json:"value"`
}

// JSON writes the report as one indented JSON document (docs/json.md).
//
// The document is written entry by entry, in the bytes json.Encoder would
// give for the whole jsonReport (TestJSONStreamsTheEncodersBytes): an
// account's lists of orders can run to megabytes, which need not all be
// in memory at once. Those lists (each entry's defects, the feedback, the
// risks) are written by the appenders of json_append.go, without
// reflection or re-indenting (TestJSONStreamMatchesTheEncoderOnRandomReports);
// the rest, small, by the encoder.
func JSON(w io.Writer, r *health.Report, _ Options) error {
	js := newJSONStream(w)
	js.field("schema_version", SchemaVersion)
	js.field("command", r.Command)
	js.field("as_of", r.AsOf.String())
	if r.Marketplace != "" {
		js.field("marketplace", r.Marketplace)
	}
	if r.Profile != "" {
		js.field("profile", r.Profile)
	}
	js.field("status", r.Status)
	if r.Feedback != nil {
		js.array("feedback", len(r.Feedback), func(i int) {
			js.write(appendJSONFeedback(js.scratch[:0], 4, jsonFeedbackOf(r.Feedback[i], r.AsOf)))
		})
	}
	if r.Risks != nil {
		js.array("risks", len(r.Risks), func(i int) { js.write(appendJSONRisk(js.scratch[:0], 4, jsonRiskOf(r.Risks[i]))) })
	}
	js.array("metrics", len(r.Metrics), func(i int) { js.metric(4, r.Metrics[i]) })
	if len(r.Account) > 0 {
		js.field("account_health", jsonAccountChecks(r.Account))
	}
	js.field("unmatched", r.Unmatched)
	js.field("warnings", r.Warnings)
	js.field("inputs", r.Inputs)
	return js.close()
}

// jsonStream writes one JSON object field by field, indented as
// writeJSON indents it.
type jsonStream struct {
	w       *bufio.Writer
	buf     bytes.Buffer
	enc     *json.Encoder
	scratch []byte // the appenders' (json_append.go)
	first   bool
	err     error
}

func newJSONStream(w io.Writer) *jsonStream {
	js := &jsonStream{w: bufio.NewWriterSize(w, 64<<10), first: true}
	js.enc = json.NewEncoder(&js.buf)
	js.enc.SetEscapeHTML(false)
	js.w.WriteString("{\n")
	return js
}

// value writes v as json.Encoder indents it at a depth whose lines start
// with prefix (its first line at the cursor).
func (js *jsonStream) value(prefix string, v any) {
	if js.err != nil {
		return
	}
	js.buf.Reset()
	js.enc.SetIndent(prefix, "  ")
	if js.err = js.enc.Encode(v); js.err != nil {
		return
	}
	js.w.Write(jsonSafe(bytes.TrimSuffix(js.buf.Bytes(), []byte("\n"))))
}

// write writes what an appender wrote into js.scratch, which it keeps
// for the next.
func (js *jsonStream) write(b []byte) {
	js.scratch = b[:0]
	if js.err == nil {
		js.w.Write(b)
	}
}

func (js *jsonStream) key(k string) {
	if !js.first {
		js.w.WriteString(",\n")
	}
	js.first = false
	js.w.WriteString("  ")
	js.value("  ", k)
	js.w.WriteString(": ")
}

func (js *jsonStream) field(k string, v any) {
	js.key(k)
	js.value("  ", v)
}

// array writes an array of n elements, each written by elem at the
// cursor, its lines indented by 4 spaces.
func (js *jsonStream) array(k string, n int, elem func(i int)) {
	js.key(k)
	if n == 0 {
		js.w.WriteString("[]")
		return
	}
	js.w.WriteString("[\n")
	for i := 0; i < n; i++ {
		js.w.WriteString("    ")
		elem(i)
		if i < n-1 {
			js.w.WriteString(",")
		}
		js.w.WriteString("\n")
	}
	js.w.WriteString("  ]")
}

// metric writes the jsonMetric of one entry at depth ind, as the encoder
// would: its fields one by one, its list of orders by appendJSONItem.
// TestJSONAppendedFields fails when jsonMetric gains a field this does
// not write.
func (js *jsonStream) metric(ind int, v health.Verdict) {
	m := jsonMetricHead(v)
	f := jsonSpaces[:ind+2]
	first := true
	field := func(k string, x any) {
		js.scratch = appendKey(js.scratch[:0], ind+2, first, k)
		js.w.Write(js.scratch)
		first = false
		js.value(f, x)
	}
	js.w.WriteByte('{')
	field("id", m.ID)
	if m.Fulfillment != "" {
		field("fulfillment", m.Fulfillment)
	}
	if m.WindowDays != 0 {
		field("window_days", m.WindowDays)
	}
	if m.Marketplace != "" {
		field("marketplace", m.Marketplace)
	}
	if m.Platform != "" {
		field("platform", m.Platform)
	}
	if m.Calendar != "" {
		field("calendar", m.Calendar)
	}
	if m.Cycle != "" {
		field("cycle", m.Cycle)
	}
	field("name", m.Name)
	field("value", m.Value)
	field("numerator", m.Numerator)
	field("denominator", m.Denominator)
	field("status", m.Status)
	if m.Partial != nil {
		field("partial_status", m.Partial)
	}
	if m.Target != nil {
		field("target", m.Target)
	}
	if m.WarnAt != nil {
		field("warn_at", m.WarnAt)
	}
	if m.Window != nil {
		field("window", m.Window)
	}
	if m.Period != nil {
		field("period", m.Period)
	}
	if m.Components != nil {
		field("components", m.Components)
	}
	if m.Advisory {
		field("advisory", m.Advisory)
	}
	if m.Reason != "" {
		field("reason", m.Reason)
	}
	if len(v.Items) > 0 { // defects: jsonItems(v.Items)
		js.write(appendKey(js.scratch[:0], ind+2, first, "defects"))
		js.w.WriteByte('[')
		for i, it := range v.Items {
			b := js.scratch[:0]
			if i > 0 {
				b = append(b, ',')
			}
			b = appendNewline(b, ind+4)
			js.write(appendJSONItem(b, ind+4, it))
		}
		js.write(appendNewline(js.scratch[:0], ind+2))
		js.w.WriteByte(']')
	}
	if m.Forecast != nil {
		field("forecast", m.Forecast)
	}
	if m.IfRemoved != nil {
		field("if_removed", m.IfRemoved)
	}
	if m.Provisional != nil {
		field("provisional", m.Provisional)
	}
	if m.Coverage != nil {
		field("coverage", m.Coverage)
	}
	if m.Amazon != nil {
		field("amazon", m.Amazon)
	}
	if m.Inputs != nil {
		field("inputs", m.Inputs)
	}
	js.write(appendNewline(js.scratch[:0], ind))
	js.w.WriteByte('}')
}

func (js *jsonStream) close() error {
	js.w.WriteString("\n}\n")
	if js.err != nil {
		return js.err
	}
	return js.w.Flush()
}

// jsonMetrics converts a report's entries (docs/json.md, "metrics[]"); a
// fleet's accounts use it too.
func jsonMetrics(r *health.Report) []jsonMetric {
	out := make([]jsonMetric, 0, len(r.Metrics))
	for _, m := range r.Metrics {
		out = append(out, jsonMetricOf(m))
	}
	return out
}

// jsonMetricOf converts one entry.
func jsonMetricOf(m health.Verdict) jsonMetric {
	jm := jsonMetricHead(m)
	jm.Defects = jsonItems(m.Items)
	return jm
}

// jsonMetricHead converts one entry but for its list of orders (Defects),
// which the stream writes without converting it (appendJSONItem).
func jsonMetricHead(m health.Verdict) jsonMetric {
	jm := jsonMetric{
		ID: m.ID, Fulfillment: m.Fulfillment, WindowDays: m.WindowDays, Marketplace: m.Marketplace, Platform: m.Platform, Calendar: m.Calendar, Cycle: m.Cycle,
		Name: metricTitle(m.ID), Numerator: m.Numerator, Denominator: m.Denominator,
		Status:   m.Status,
		Advisory: m.Threshold.Advisory, Reason: m.NotComputed,
		Coverage: m.Coverage, Inputs: m.Inputs, Amazon: jsonAmazonOf(m.Amazon),
	}
	if len(m.Components) > 0 {
		jm.Components = &jsonComponents{m.Components, m.NotGiven}
	}
	if m.Status == health.Incomplete {
		p := m.Partial
		jm.Partial = &p
	}
	if m.Window.Days > 0 {
		w := m.Window
		jm.Window = &w
	}
	if m.Threshold.Op != "" { // no target: a metric the profile lacks
		warn := m.Threshold.WarnAt
		jm.Target, jm.WarnAt = &jsonTarget{m.Threshold.Op, m.Threshold.Value}, &warn
	}
	if v, ok := m.Value(); ok {
		jm.Value = &v
	}
	jm.Period = m.Period
	if m.IfRemoved != nil && m.NotComputed == "" {
		jm.IfRemoved = &jsonIfRemoved{Numerator: *m.IfRemoved}
		if v, ok := m.IfRemovedValue(); ok {
			jm.IfRemoved.Value = &v
		}
	}
	if m.FinalOn != nil && m.NotComputed == "" {
		jm.Provisional = &jsonProvisional{FinalOn: *m.FinalOn}
	}
	if f := m.Forecast; f != nil {
		jm.Forecast = &jsonForecast{Goal: f.Goal, Op: f.Op, Line: f.Line, RecoversOn: f.RecoversOn,
			CleanOrdersNeeded: f.CleanOrdersNeeded, DailyOrders: f.DailyOrders, Reason: f.Reason}
	}
	return jm
}

// writeJSON writes one indented document, HTML characters unescaped.
func writeJSON(w io.Writer, doc any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(b.Bytes()))
	return err
}

// jsonSafe writes as \u escapes what encoding/json leaves raw of the
// characters safetext names: DEL, the C1 controls and the bidirectional
// overrides (it escapes the C0 controls itself). The document keeps every
// string as it was in the files, for a program, yet `cat report.json`
// shows no control character to the terminal. Outside its strings a JSON
// document is ASCII, so every such rune is inside a string, where its
// escape means the same.
func jsonSafe(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if safetext.Unsafe(r) {
			out = append(out, b[last:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			last = i + n
		}
		i += n
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// jsonItems converts a metric's per-order list.
func jsonItems(items []metrics.Item) []jsonItem {
	if len(items) == 0 {
		return nil
	}
	out := make([]jsonItem, len(items))
	for i, it := range items {
		ji := jsonItem{OrderID: it.OrderID, Fulfillment: it.Fulfillment, WindowDate: it.KeyDate,
			LeavesWindowOn: it.LeavesWindowOn, Types: []string{}, Events: make([]jsonEvent, len(it.Events))}
		if it.OrderDate != 0 {
			d := it.OrderDate
			ji.OrderDate = &d
		}
		for j, e := range it.Events {
			je := jsonEvent{Type: e.Type, Status: e.Status}
			if e.Date != 0 {
				d := e.Date
				je.Date = &d
			}
			ji.Events[j] = je
			if !slices.Contains(ji.Types, e.Type) {
				ji.Types = append(ji.Types, e.Type)
			}
		}
		out[i] = ji
	}
	return out
}
