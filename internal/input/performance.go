package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// Amazon's seller performance report (SP-API
// GET_V2_SELLER_PERFORMANCE_REPORT): a JSON document, not a table, with
// Amazon's own figures and targets per store (metrics.md, "Amazon's own
// figures: the V2 seller performance report"; the schema is
// accountHealthReport-2020-11-18.json).
//
// newTable sniffs it after gzip and the byte-order mark: the first non-space
// byte is '{' and `"performanceMetrics"` is within the first 64 KiB. Such a
// document is read whole (at most MaxPerformanceJSON bytes) and decoded with
// encoding/json: a syntax error, or a value of the wrong JSON type, is an
// *InputError at its line and column, raised when the kind is read (a
// command that does not use the kind skips the file); a valid document without a top-level
// "performanceMetrics" key (a JSON Schema of the report, say) is an
// *UnrecognisedError like any other file. Unknown keys are ignored.
//
// Accepted quirks (the schema's own example and real payloads):
// prefulfillmentCancelRate for preFulfillmentCancellationRate, warningState
// for warningStates, ahrStatus for accountHealthRatingStatus, ahrScore,
// lateShipmentRateList (10- and 30-day entries, whose reportingDateRange may
// be missing), counts larger than their denominators (kept as given), a
// status other than GOOD/BAD/NONE (kept as written), and a document labelled
// gzip that is plain JSON (compression is told by magic bytes, never by name).
var performanceSpec = Spec{
	Kind:  "seller-performance",
	Title: "seller performance report (SP-API V2)",
	// Not a table: recognised by sniffPerformance, never by a header row.
	Anchor: func(map[string]int) bool { return false },
	Read:   readPerformance,
}

// MaxPerformanceJSON bounds a seller performance report: Amazon's are a few
// KiB per store.
const MaxPerformanceJSON = 64 << 20

// sniffPerformance says whether the start of a text is a seller performance
// report: JSON (first non-space byte '{') that names "performanceMetrics".
func sniffPerformance(sample []byte) bool {
	b := bytes.TrimLeft(sample, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && bytes.Contains(sample, []byte(`"performanceMetrics"`))
}

// perfDoc is the decoded report. Keys are matched as encoding/json does
// (exact, else case-insensitively).
type perfDoc struct {
	AccountStatuses    loose[[]perfAccountStatus] `json:"accountStatuses"`
	PerformanceMetrics []perfEntry                `json:"performanceMetrics"`

	// statusLines and entryLines are the lines where each entry of
	// accountStatuses and performanceMetrics starts; statusesLine is the
	// line of accountStatuses itself.
	statusLines, entryLines []int
	statusesLine            int
	// err is why a sniffed document could not be read; readPerformance
	// returns it.
	err *InputError
}

type perfAccountStatus struct {
	MarketplaceID string `json:"marketplaceId"`
	Status        string `json:"status"`
}

type perfEntry struct {
	MarketplaceID   string `json:"marketplaceId"`
	OrderDefectRate *struct {
		AFN *perfMetric `json:"afn"`
		MFN *perfMetric `json:"mfn"`
	} `json:"orderDefectRate"`
	LateShipmentRate     *perfMetric  `json:"lateShipmentRate"`
	LateShipmentRateList []perfMetric `json:"lateShipmentRateList"`
	Cancel               *perfMetric  `json:"preFulfillmentCancellationRate"`
	CancelExample        *perfMetric  `json:"prefulfillmentCancelRate"` // the schema's example
	ValidTrackingRate    *perfMetric  `json:"validTrackingRate"`
	OnTimeDeliveryRate   *perfMetric  `json:"onTimeDeliveryRate"`
	InvoiceDefectRate    *perfMetric  `json:"invoiceDefectRate"`
	// The keys below feed no figure: a value of an unexpected JSON type
	// leaves the key out, with a warning (loose).
	AccountHealthRating loose[*perfHealthRating] `json:"accountHealthRating"`
	WarningStates       loose[[]perfWarning]     `json:"warningStates"`
	WarningState        loose[[]perfWarning]     `json:"warningState"` // the schema's example
}

type perfHealthRating struct {
	Status    loose[string]  `json:"accountHealthRatingStatus"`
	AHRStatus loose[string]  `json:"ahrStatus"` // the example and real payloads
	Score     loose[float64] `json:"ahrScore"`  // real payloads
}

type perfWarning struct {
	Type   string `json:"warningType"`
	Status string `json:"status"`
}

// perfMetric holds the keys of every rate metric; each uses some.
type perfMetric struct {
	Range *struct {
		From *string `json:"reportingDateFrom"`
		To   *string `json:"reportingDateTo"`
	} `json:"reportingDateRange"`
	Status          loose[string] `json:"status"` // feeds no figure
	Rate            *float64      `json:"rate"`
	TargetValue     *float64      `json:"targetValue"`
	TargetCondition *string       `json:"targetCondition"`

	OrderCount                     *float64   `json:"orderCount"`
	ShipmentCount                  *float64   `json:"shipmentCount"`
	ShipmentCountWithValidTracking *float64   `json:"shipmentCountWithValidTracking"`
	LateShipmentCount              *float64   `json:"lateShipmentCount"`
	CancellationCount              *float64   `json:"cancellationCount"`
	ValidTrackingCount             *float64   `json:"validTrackingCount"`
	OnTimeDeliveryCount            *float64   `json:"onTimeDeliveryCount"`
	OrderWithDefects               *perfCount `json:"orderWithDefects"`
	InvoiceDefect                  *perfCount `json:"invoiceDefect"`
}

type perfCount struct {
	Count *float64 `json:"count"`
}

// loose holds the value of a key that feeds no figure (an account status,
// the account health rating, warning states, a metric's status). A value
// of another JSON type than the schema's does not stop the report: the key
// is left out, and readPerformance warns (its type error is kept). The
// keys that give Amazon's targets and figures stay strict.
type loose[T any] struct {
	V   T
	set bool // present, not null, and of its type
	err *json.UnmarshalTypeError
}

func (l *loose[T]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			l.err = te
			return nil
		}
		return err
	}
	l.V, l.set = v, true
	return nil
}

// warn warns about a key left out for its type; path names it.
func (l *loose[T]) warn(s *Sink, file string, line int, path string) {
	if l.err == nil {
		return
	}
	at := path
	if l.err.Field != "" {
		at += "." + l.err.Field
	}
	where := file
	if line > 0 {
		where = fmt.Sprintf("%s:%d", file, line)
	}
	s.Warnf("%s: %s: want %s, got %s; %s is not read (it feeds no figure)", where, at, jsonKind(l.err.Type), l.err.Value, path)
}

// openPerformance reads a sniffed JSON document from r (the text after
// gzip and the byte-order mark) as a table of kind seller-performance. Like
// newTable, it owns s.closer, also when it fails.
func openPerformance(s stream, r io.Reader) (*Table, error) {
	fail := func(err error) (*Table, error) {
		if s.closer != nil {
			s.closer.Close()
		}
		return nil, err
	}
	var spec *Spec
	for _, sp := range specs {
		if sp.Kind == "seller-performance" {
			spec = sp
		}
	}
	doc, err := readPerformanceJSON(s.name, r)
	var ie *InputError
	if errors.As(err, &ie) {
		// A broken report is an error when its kind is read, like a bad
		// row of a table: a command that does not use it skips it.
		doc, err = &perfDoc{err: ie}, nil
	}
	if err != nil {
		return fail(err)
	}
	return &Table{File: s.name, Spec: spec, perf: doc, closer: s.closer}, nil
}

// readPerformanceJSON reads and decodes the document.
func readPerformanceJSON(name string, r io.Reader) (*perfDoc, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPerformanceJSON+1))
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) { // a decompression bomb
			return nil, ie
		}
		return nil, &InputError{File: name, Msg: err.Error()}
	}
	if len(data) > MaxPerformanceJSON {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("a JSON document larger than %s: not a seller performance report", byteSize(MaxPerformanceJSON))}
	}
	return decodePerformance(name, data)
}

// decodePerformance decodes the whole document; see the comment at performanceSpec.
func decodePerformance(name string, data []byte) (*perfDoc, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, ok := top["performanceMetrics"]; !ok {
		return nil, &UnrecognisedError{File: name, Reason: `a JSON document without a top-level "performanceMetrics" key`}
	}
	doc := &perfDoc{}
	if err := json.Unmarshal(data, doc); err != nil {
		return nil, jsonError(name, data, err)
	}
	doc.statusLines = arrayLines(data, "accountStatuses")
	doc.entryLines = arrayLines(data, "performanceMetrics")
	doc.statusesLine = keyLine(data, "accountStatuses")
	return doc, nil
}

// jsonError places a decoding error at its line and column (1-based, the
// column in bytes).
func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the offending one included; at
		// the end of the input, the error is just past the last character.
		off := int(se.Offset) - 1
		if off >= len(bytes.TrimRight(data, " \t\r\n")) {
			off = len(bytes.TrimRight(data, " \t\r\n"))
		}
		line, col := position(data, max(off, 0))
		return &InputError{File: name, Line: line, Column: col, Msg: "malformed JSON: " + se.Error()}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := position(data, valueStart(data, int(te.Offset)))
		return &InputError{File: name, Line: line, Column: col, Msg: fmt.Sprintf("%s: want %s, got %s", te.Field, jsonKind(te.Type), te.Value)}
	}
	return &InputError{File: name, Msg: err.Error()}
}

// position is the 1-based line and byte column of data[off].
func position(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	nl := bytes.LastIndexByte(data[:off], '\n')
	return bytes.Count(data[:off], []byte{'\n'}) + 1, off - nl
}

// valueStart finds the start of the value that ends just before end (where
// encoding/json places a type error): a string back to its opening quote,
// another literal back to the delimiter before it. An object or array
// (whose error is placed at its start) is left as it is.
func valueStart(data []byte, end int) int {
	end = min(max(end, 0), len(data))
	i := end - 1
	for i >= 0 && isJSONSpace(data[i]) {
		i--
	}
	if i < 0 {
		return end
	}
	switch data[i] {
	case '{', '[':
		return i
	case '"':
		for j := i - 1; j >= 0; j-- {
			if data[j] == '"' {
				k := j - 1
				for k >= 0 && data[k] == '\\' {
					k--
				}
				if (j-k)%2 == 1 { // not escaped
					return j
				}
			}
		}
		return i
	}
	j := i
	for j > 0 && !strings.ContainsRune(",:[{ \t\r\n", rune(data[j-1])) {
		j--
	}
	return j
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// arrayLines returns the line where each element of the top-level array
// key starts (the last occurrence of the key, matched as encoding/json
// matches it), nil when there is none. data is valid JSON.
func arrayLines(data []byte, key string) []int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var out []int
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if k, _ := tok.(string); !strings.EqualFold(k, key) {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return out
			}
			continue
		}
		var lines []int
		tok, err = dec.Token()
		if err != nil {
			return out
		}
		if tok == json.Delim('[') {
			for dec.More() {
				off := int(dec.InputOffset())
				for off < len(data) && (isJSONSpace(data[off]) || data[off] == ',') {
					off++
				}
				line, _ := position(data, off)
				lines = append(lines, line)
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return out
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return out
			}
		} else if d, ok := tok.(json.Delim); ok && d == '{' {
			return out // not a list: decoding failed on it already
		}
		out = lines
	}
	return out
}

// keyLine is the line where the value of the top-level key starts (its
// last occurrence, matched as encoding/json matches it), 0 when there is
// none. data is valid JSON.
func keyLine(data []byte, key string) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0
	}
	line := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return line
		}
		off := int(dec.InputOffset())
		for off < len(data) && (isJSONSpace(data[off]) || data[off] == ':') {
			off++
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return line
		}
		if k, _ := tok.(string); strings.EqualFold(k, key) {
			line, _ = position(data, off)
		}
	}
	return line
}

// readPerformance turns the decoded report into records: one
// StorePerformance per performanceMetrics entry, then one per store that
// only accountStatuses names.
func readPerformance(t *Table, s *Sink) error {
	doc := t.perf
	if doc == nil {
		return &InputError{File: t.File, Msg: "not a JSON seller performance report"}
	}
	if doc.err != nil {
		return doc.err
	}
	p := records.Performance{Source: records.Source{File: t.File}}
	doc.AccountStatuses.warn(s, t.File, doc.statusesLine, "accountStatuses")
	status := perfAccountStatuses(doc)
	seen := map[string]bool{}
	for i := range doc.PerformanceMetrics {
		seen[perfMarketplaceKey(doc.PerformanceMetrics[i].MarketplaceID)] = true
		sp, err := readPerfEntry(t, s, doc, i, status)
		if err != nil {
			return err
		}
		p.Stores = append(p.Stores, sp)
	}
	p.Stores = append(p.Stores, perfStatusOnlyStores(t, s, doc, seen)...)
	t.rowsRead = len(doc.PerformanceMetrics)
	s.Data.Performance = append(s.Data.Performance, p)
	return nil
}

// perfMarketplaceKey is a marketplace id as stores are matched by: trimmed, upper case.
func perfMarketplaceKey(id string) string { return strings.ToUpper(strings.TrimSpace(id)) }

// perfAccountStatuses maps each marketplace of accountStatuses to its first status.
func perfAccountStatuses(doc *perfDoc) map[string]string {
	status := map[string]string{}
	for _, a := range doc.AccountStatuses.V {
		id := perfMarketplaceKey(a.MarketplaceID)
		if _, ok := status[id]; !ok {
			status[id] = strings.TrimSpace(a.Status)
		}
	}
	return status
}

// perfPlace is where an entry of the report is, for its errors and warnings.
type perfPlace struct {
	file, path string
	line       int
}

// errorf is an *InputError at key of the entry.
func (at perfPlace) errorf(key string, err error) error {
	return &InputError{File: at.file, Line: at.line, Msg: at.path + "." + key + ": " + fmt.Sprintf("%v", err)}
}

// readPerfEntry reads performanceMetrics[i]: its store, health rating, warnings and targets.
func readPerfEntry(t *Table, s *Sink, doc *perfDoc, i int, status map[string]string) (records.StorePerformance, error) {
	e := &doc.PerformanceMetrics[i]
	at := perfPlace{file: t.File, path: fmt.Sprintf("performanceMetrics[%d]", i), line: lineAt(doc.entryLines, i)}
	id := perfMarketplaceKey(e.MarketplaceID)
	sp := records.StorePerformance{MarketplaceID: strings.TrimSpace(e.MarketplaceID), Store: storeOfID(t, s, at.path, at.line, id), AccountStatus: status[id], Source: records.Source{File: t.File, Line: at.line}}
	readPerfHealthRating(t, s, at, e, &sp)
	e.WarningStates.warn(s, t.File, at.line, at.path+".warningStates")
	e.WarningState.warn(s, t.File, at.line, at.path+".warningState")
	warnings := e.WarningStates.V
	if warnings == nil {
		warnings = e.WarningState.V
	}
	for _, w := range warnings {
		sp.Warnings = append(sp.Warnings, records.PerformanceWarning{Type: strings.TrimSpace(w.Type), Status: strings.TrimSpace(w.Status)})
	}
	for _, src := range perfSources(e) {
		if src.m == nil {
			continue
		}
		tg, err := readPerfTarget(s, at, src)
		if err != nil {
			return records.StorePerformance{}, err
		}
		sp.Targets = append(sp.Targets, tg)
	}
	return sp, nil
}

// readPerfHealthRating reads accountHealthRating, which feeds no figure: a
// key of an unexpected type, or a score with a fraction, is left out with a
// warning.
func readPerfHealthRating(t *Table, s *Sink, at perfPlace, e *perfEntry, sp *records.StorePerformance) {
	path := at.path + ".accountHealthRating"
	e.AccountHealthRating.warn(s, t.File, at.line, path)
	r := e.AccountHealthRating.V
	if r == nil {
		return
	}
	r.Status.warn(s, t.File, at.line, path+".accountHealthRatingStatus")
	r.AHRStatus.warn(s, t.File, at.line, path+".ahrStatus")
	r.Score.warn(s, t.File, at.line, path+".ahrScore")
	switch {
	case r.Status.set:
		sp.HealthRating = strings.TrimSpace(r.Status.V)
	case r.AHRStatus.set:
		sp.HealthRating = strings.TrimSpace(r.AHRStatus.V)
	}
	if r.Score.set {
		score, err := wholeNumber(&r.Score.V)
		if err != nil {
			s.Warnf("%s:%d: %s.ahrScore: %v; it is not read (it feeds no figure)", t.File, at.line, path, err)
			return
		}
		sp.HealthRatingScore = score
	}
}

// perfSource is one rate metric of an entry: its key, the metric and
// fulfillment it is Amazon's target for, and where its counts are.
type perfSource struct {
	key, metric, fulfillment string
	m                        *perfMetric
	num, den                 func(m *perfMetric) (string, *float64)
}

// perfSources lists the rate metrics of an entry in the order their targets are kept.
func perfSources(e *perfEntry) []perfSource {
	orders := func(m *perfMetric) (string, *float64) { return "orderCount", m.OrderCount }
	var list []perfSource
	if odr := e.OrderDefectRate; odr != nil {
		defects := func(m *perfMetric) (string, *float64) {
			if m.OrderWithDefects == nil {
				return "orderWithDefects.count", nil
			}
			return "orderWithDefects.count", m.OrderWithDefects.Count
		}
		list = append(list,
			perfSource{"orderDefectRate.afn", "odr", "afn", odr.AFN, defects, orders},
			perfSource{"orderDefectRate.mfn", "odr", "mfn", odr.MFN, defects, orders})
	}
	late := func(m *perfMetric) (string, *float64) { return "lateShipmentCount", m.LateShipmentCount }
	list = append(list, perfSource{"lateShipmentRate", "late_shipment_rate", "", e.LateShipmentRate, late, orders})
	for j := range e.LateShipmentRateList {
		list = append(list, perfSource{fmt.Sprintf("lateShipmentRateList[%d]", j), "late_shipment_rate", "", &e.LateShipmentRateList[j], late, orders})
	}
	cancelKey, cancel := "preFulfillmentCancellationRate", e.Cancel
	if cancel == nil {
		cancelKey, cancel = "prefulfillmentCancelRate", e.CancelExample
	}
	return append(list,
		perfSource{cancelKey, "prefulfillment_cancel_rate", "", cancel,
			func(m *perfMetric) (string, *float64) { return "cancellationCount", m.CancellationCount }, orders},
		perfSource{"validTrackingRate", "valid_tracking_rate", "", e.ValidTrackingRate,
			func(m *perfMetric) (string, *float64) { return "validTrackingCount", m.ValidTrackingCount },
			func(m *perfMetric) (string, *float64) { return "shipmentCount", m.ShipmentCount }},
		perfSource{"onTimeDeliveryRate", "on_time_delivery_rate", "", e.OnTimeDeliveryRate,
			func(m *perfMetric) (string, *float64) { return "onTimeDeliveryCount", m.OnTimeDeliveryCount },
			func(m *perfMetric) (string, *float64) {
				return "shipmentCountWithValidTracking", m.ShipmentCountWithValidTracking
			}},
		perfSource{"invoiceDefectRate", "invoice_defect_rate", "", e.InvoiceDefectRate,
			func(m *perfMetric) (string, *float64) {
				if m.InvoiceDefect == nil {
					return "invoiceDefect.count", nil
				}
				return "invoiceDefect.count", m.InvoiceDefect.Count
			}, orders})
}

// readPerfTarget reads one rate metric (src.m is not nil) as Amazon's target for it.
func readPerfTarget(s *Sink, at perfPlace, src perfSource) (records.Target, error) {
	m := src.m
	m.Status.warn(s, at.file, at.line, at.path+"."+src.key+".status")
	tg := records.Target{Metric: src.metric, Fulfillment: src.fulfillment, Status: strings.TrimSpace(m.Status.V), Rate: m.Rate}
	if m.TargetCondition != nil && m.TargetValue != nil {
		c := strings.TrimSpace(*m.TargetCondition)
		if op, ok := perfOps[strings.ToUpper(c)]; ok {
			tg.Op, tg.Value = op, *m.TargetValue
		} else {
			s.Warnf("%s:%d: %s.%s: targetCondition %q is none of LESS_THAN, GREATER_THAN, EQUALS; Amazon's target for it is not used", at.file, at.line, at.path, src.key, c)
		}
	}
	for _, c := range []struct {
		f   func(m *perfMetric) (string, *float64)
		out **int
	}{{src.num, &tg.Numerator}, {src.den, &tg.Denominator}} {
		key, v := c.f(m)
		n, err := wholeNumber(v)
		if err != nil {
			return records.Target{}, at.errorf(src.key+"."+key, err)
		}
		*c.out = n
	}
	if r := m.Range; r != nil {
		var err error
		if tg.From, err = perfDate(r.From); err != nil {
			return records.Target{}, at.errorf(src.key+".reportingDateRange.reportingDateFrom", err)
		}
		if tg.To, err = perfDate(r.To); err != nil {
			return records.Target{}, at.errorf(src.key+".reportingDateRange.reportingDateTo", err)
		}
		if tg.From != nil && tg.To != nil && *tg.To >= *tg.From {
			tg.WindowDays = int(*tg.To-*tg.From) + 1
		}
	}
	return tg, nil
}

// perfStatusOnlyStores gives a store for each marketplace only accountStatuses names.
func perfStatusOnlyStores(t *Table, s *Sink, doc *perfDoc, seen map[string]bool) []records.StorePerformance {
	var out []records.StorePerformance
	for i, a := range doc.AccountStatuses.V {
		id := perfMarketplaceKey(a.MarketplaceID)
		if seen[id] {
			continue
		}
		seen[id] = true
		line := lineAt(doc.statusLines, i)
		out = append(out, records.StorePerformance{
			MarketplaceID: strings.TrimSpace(a.MarketplaceID),
			Store:         storeOfID(t, s, fmt.Sprintf("accountStatuses[%d]", i), line, id),
			AccountStatus: strings.TrimSpace(a.Status),
			Source:        records.Source{File: t.File, Line: line},
		})
	}
	return out
}

// perfOps maps targetCondition to the comparison a rate must pass.
var perfOps = map[string]string{"LESS_THAN": "<", "GREATER_THAN": ">", "EQUALS": "="}

// storeOfID is the store code of a marketplace id; an id that is missing
// or not known is warned about and gives "".
func storeOfID(t *Table, s *Sink, path string, line int, id string) string {
	if id == "" {
		s.Warnf("%s:%d: %s has no marketplaceId", t.File, line, path)
		return ""
	}
	m, ok := market.ByID(id)
	if !ok {
		s.Warnf("%s:%d: %s: marketplaceId %q is not a store audit knows", t.File, line, path, id)
		return ""
	}
	return m.Code
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// wholeNumber reads a count: nil stays nil; a number with a fraction is
// an error. Counts are kept as given otherwise (also one larger than its
// denominator).
func wholeNumber(v *float64) (*int, error) {
	if v == nil {
		return nil, nil
	}
	if *v != math.Trunc(*v) || math.Abs(*v) > 1<<53 {
		return nil, fmt.Errorf("want a whole number, got %v", *v)
	}
	n := int(*v)
	return &n, nil
}

// perfDate reads a reportingDateRange end, "2020-11-18T23:59Z" or
// "2021-12-27T23:59:59Z", as its UTC date; nil stays nil.
func perfDate(v *string) (*civil.Date, error) {
	if v == nil {
		return nil, nil
	}
	ts, err := civil.ParseTimestamp(strings.TrimSpace(*v))
	if err != nil {
		return nil, err
	}
	d := ts.Date
	if ts.HasTime() {
		d = civil.DateOf(ts.Instant().UTC())
	}
	return &d, nil
}
