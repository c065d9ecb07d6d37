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
// GET_V2_SELLER_PERFORMANCE_REPORT; the older V1 XML report is the same kind,
// read by performance_v1.go): a JSON document, not a table, with
// Amazon's own figures and targets per store (metrics.md, "Amazon's own
// figures: the V2 seller performance report"; the schema is
// accountHealthReport-2020-11-18.json).
//
// newTable sniffs it after gzip and the byte-order mark: the first non-space
// byte is '{' and `"performanceMetrics"` is within the first 64 KiB. Such a
// document is read whole (at most MaxPerformanceJSON bytes and maxJSONValues
// values, in time linear in its size) and decoded with
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
// be missing), defectsCount for a count, LESS_THAN_OR_EQUAL and
// GREATER_THAN_OR_EQUAL conditions, warningStates written as a list of
// strings or as an object, documentRequest for documentRequests, counts
// larger than their denominators (kept as given), a status other than
// GOOD/BAD/NONE (kept as written), an entry without marketplaceId (read, with
// a warning), and a document labelled gzip that is plain JSON (compression
// is told by magic bytes, never by name).
//
// Besides the targets, each entry gives the parts of its numerators
// (Target.Components: orderDefectRate's negativeFeedback, claims and
// chargebacks, invoiceDefectRate's missingInvoice and lateInvoice), the
// unit-level on-time delivery rate of US stores (unitOnTimeDeliveryRate, a
// Target whose Metric is unitOnTimeDelivery, which no metric of audit has)
// and its policy-violation objects (StorePerformance.Policies, in the
// entry's order; perfPolicyKeys lists them).
var performanceSpec = Spec{
	Kind:  "seller-performance",
	Title: "seller performance report (SP-API V2 JSON or V1 XML)",
	// Not a table: recognised by sniffPerformance, never by a header row.
	Anchor: func(map[string]int) bool { return false },
	Read:   readPerformance,
}

// MaxPerformanceJSON bounds a seller performance report: Amazon's are a few
// KiB per store.
const MaxPerformanceJSON = 64 << 20

// maxJSONValues bounds the values (objects, arrays, strings other than keys,
// numbers, true, false, null) of a V2 report, as maxXMLElements bounds the
// V1 report's elements: Amazon's has a hundred or so per store. Decoded,
// an empty object "{}" of performanceMetrics is a few hundred bytes, so
// without it a 64 MiB document of them would take gigabytes.
const maxJSONValues = 100_000

// The metric ids Amazon's report names, ours (internal/metrics) except
// unitOnTimeDelivery, which is Amazon's only. They are written here once for
// both readers (this file and performance_v1.go).
const (
	perfODR            = "odr"
	perfLateShipment   = "late_shipment_rate"
	perfCancel         = "prefulfillment_cancel_rate"
	perfValidTracking  = "valid_tracking_rate"
	perfOnTimeDelivery = "on_time_delivery_rate"
	perfInvoiceDefect  = "invoice_defect_rate"
	// unitOnTimeDelivery is unitOnTimeDeliveryRate (US stores only): no
	// metric of audit has this id, so it is shown as Amazon's figure only.
	unitOnTimeDelivery = "unit_on_time_delivery_rate"
	perfContact        = "contact_response_rate"
	perfReturn         = "return_dissatisfaction_rate"
	perfServiceDissat  = "customer_service_dissatisfaction_rate"
)

// The component keys of Target.Components (internal/metrics' own keys).
const (
	compNegativeFeedback = "negative_feedback"
	compClaims           = "a_to_z_claims"
	compChargebacks      = "chargebacks"
	compMissingInvoice   = "missing_invoice"
	compLateInvoice      = "late_invoice"
	compLateResponse     = "late_response"
	compNoResponse       = "no_response"
)

// sniffPerformance says whether the start of a text is a seller performance
// report: the V2 report, JSON (first non-space byte '{') that names
// "performanceMetrics", or the V1 report (sniffPerformanceXML,
// performance_v1.go).
func sniffPerformance(sample []byte) bool {
	b := bytes.TrimLeft(sample, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && bytes.Contains(sample, []byte(`"performanceMetrics"`)) || sniffPerformanceXML(sample)
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
	// entryKeys are the keys of each performanceMetrics entry as written,
	// in their order (for the order of the policy-violation objects).
	entryKeys [][]string
	// err is why a sniffed document could not be read; readPerformance
	// returns it.
	err *InputError
	// v1 is the V1 XML report (performance_v1.go); the fields above are
	// then empty.
	v1 *perfV1Doc
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
	UnitOnTimeDelivery   *perfMetric  `json:"unitOnTimeDeliveryRate"` // US only
	InvoiceDefectRate    *perfMetric  `json:"invoiceDefectRate"`
	// The keys below feed no figure: a value of an unexpected JSON type
	// leaves the key out, with a warning (loose).
	AccountHealthRating loose[*perfHealthRating] `json:"accountHealthRating"`
	WarningStates       loose[perfWarnings]      `json:"warningStates"`
	WarningState        loose[perfWarnings]      `json:"warningState"` // the schema's example

	// The policy-violation objects (perfPolicyKeys).
	ListingPolicyViolations                 *perfPolicy `json:"listingPolicyViolations"`
	ProductAuthenticityCustomerComplaints   *perfPolicy `json:"productAuthenticityCustomerComplaints"`
	ProductConditionCustomerComplaints      *perfPolicy `json:"productConditionCustomerComplaints"`
	ProductSafetyCustomerComplaints         *perfPolicy `json:"productSafetyCustomerComplaints"`
	ReceivedIntellectualPropertyComplaints  *perfPolicy `json:"receivedIntellectualPropertyComplaints"`
	SuspectedIntellectualPropertyViolations *perfPolicy `json:"suspectedIntellectualPropertyViolations"`
	RestrictedProductPolicyViolations       *perfPolicy `json:"restrictedProductPolicyViolations"`
	FoodAndProductSafetyIssues              *perfPolicy `json:"foodAndProductSafetyIssues"`
	CustomerProductReviewsPolicyViolations  *perfPolicy `json:"customerProductReviewsPolicyViolations"`
	OtherPolicyViolations                   *perfPolicy `json:"otherPolicyViolations"`
	DocumentRequests                        *perfPolicy `json:"documentRequests"`
	DocumentRequest                         *perfPolicy `json:"documentRequest"` // the schema's example
	PolicyViolationWarnings                 *perfPolicy `json:"policyViolationWarnings"`
}

// perfPolicyKeys are the policy-violation objects of an entry, as the schema
// (and, for documentRequest, customerProductReviewsPolicyViolations and
// policyViolationWarnings, the example and real payloads) names them. Policies
// keep the entry's order of them.
var perfPolicyKeys = []string{
	"listingPolicyViolations",
	"productAuthenticityCustomerComplaints",
	"productConditionCustomerComplaints",
	"productSafetyCustomerComplaints",
	"receivedIntellectualPropertyComplaints",
	"suspectedIntellectualPropertyViolations",
	"restrictedProductPolicyViolations",
	"foodAndProductSafetyIssues",
	"customerProductReviewsPolicyViolations",
	"otherPolicyViolations",
	"documentRequests",
	"documentRequest",
	"policyViolationWarnings",
}

// policy is the entry's object of one of perfPolicyKeys, nil when absent.
func (e *perfEntry) policy(key string) *perfPolicy {
	switch key {
	case "listingPolicyViolations":
		return e.ListingPolicyViolations
	case "productAuthenticityCustomerComplaints":
		return e.ProductAuthenticityCustomerComplaints
	case "productConditionCustomerComplaints":
		return e.ProductConditionCustomerComplaints
	case "productSafetyCustomerComplaints":
		return e.ProductSafetyCustomerComplaints
	case "receivedIntellectualPropertyComplaints":
		return e.ReceivedIntellectualPropertyComplaints
	case "suspectedIntellectualPropertyViolations":
		return e.SuspectedIntellectualPropertyViolations
	case "restrictedProductPolicyViolations":
		return e.RestrictedProductPolicyViolations
	case "foodAndProductSafetyIssues":
		return e.FoodAndProductSafetyIssues
	case "customerProductReviewsPolicyViolations":
		return e.CustomerProductReviewsPolicyViolations
	case "otherPolicyViolations":
		return e.OtherPolicyViolations
	case "documentRequests":
		return e.DocumentRequests
	case "documentRequest":
		return e.DocumentRequest
	case "policyViolationWarnings":
		return e.PolicyViolationWarnings
	}
	return nil
}

// perfPolicy is a policy-violation object (the schema's
// ListingLevelViolation). Its count is strict; the rest feeds no figure and
// is read leniently.
type perfPolicy struct {
	DefectsCount    *float64            `json:"defectsCount"`
	Count           *float64            `json:"count"`         // real payloads
	WarningsCount   *float64            `json:"warningsCount"` // policyViolationWarnings
	Status          loose[string]       `json:"status"`
	TargetValue     loose[float64]      `json:"targetValue"`
	TargetCondition loose[string]       `json:"targetCondition"`
	Range           loose[perfDateSpan] `json:"reportingDateRange"`
}

// count is the policy's count and its key: defectsCount, else count, else
// warningsCount.
func (p *perfPolicy) count() (string, *float64) {
	switch {
	case p.DefectsCount != nil:
		return "defectsCount", p.DefectsCount
	case p.Count != nil:
		return "count", p.Count
	case p.WarningsCount != nil:
		return "warningsCount", p.WarningsCount
	}
	return "defectsCount", nil
}

// perfDateSpan is reportingDateRange.
type perfDateSpan struct {
	From *string `json:"reportingDateFrom"`
	To   *string `json:"reportingDateTo"`
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

// perfWarnings is warningStates: a list of {warningType, status} as the
// schema has it, or as real payloads also write it, a list of warning
// types (strings), one such object, or an object of warning type to status
// ({"spammingSellerMessaging": "BAD"}). Another shape is a type error,
// which loose turns into a warning.
type perfWarnings []perfWarning

func (w *perfWarnings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var out perfWarnings
	switch {
	case len(b) > 0 && b[0] == '[':
		var list []json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		for _, r := range list {
			x, ok, err := perfWarningOf(r)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, x)
			}
		}
	case len(b) > 0 && b[0] == '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		for k := range m {
			if strings.EqualFold(k, "warningType") {
				var x perfWarning
				if err := json.Unmarshal(b, &x); err != nil {
					return err
				}
				*w = perfWarnings{x}
				return nil
			}
		}
		for _, k := range objectKeys(b) {
			r := bytes.TrimSpace(m[k])
			if len(r) > 0 && r[0] == '{' {
				x, _, err := perfWarningOf(r)
				if err != nil {
					return err
				}
				if x.Type == "" {
					x.Type = k
				}
				out = append(out, x)
				continue
			}
			var status *string
			if err := json.Unmarshal(r, &status); err != nil {
				return err
			}
			x := perfWarning{Type: k}
			if status != nil {
				x.Status = *status
			}
			out = append(out, x)
		}
	default:
		return &json.UnmarshalTypeError{Value: jsonValueKind(b), Type: reflect.TypeFor[perfWarnings]()}
	}
	*w = out
	return nil
}

// perfWarningOf reads one entry of a warningStates list: an object, or a
// string that is its warning type; null is no entry.
func perfWarningOf(r json.RawMessage) (perfWarning, bool, error) {
	r = bytes.TrimSpace(r)
	var x perfWarning
	switch {
	case string(r) == "null":
		return x, false, nil
	case len(r) > 0 && r[0] == '"':
		err := json.Unmarshal(r, &x.Type)
		return x, err == nil, err
	case len(r) > 0 && r[0] == '{':
		err := json.Unmarshal(r, &x)
		return x, err == nil, err
	}
	return x, false, &json.UnmarshalTypeError{Value: jsonValueKind(r), Type: reflect.TypeFor[perfWarning]()}
}

// jsonValueKind names a JSON value's type as encoding/json's errors do.
func jsonValueKind(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "value"
	}
	switch b[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// perfMetric holds the keys of every rate metric; each uses some.
type perfMetric struct {
	Range           *perfDateSpan `json:"reportingDateRange"`
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
	UnitOnTimeDeliveryCount        *float64   `json:"unitOnTimeDeliveryCount"`
	TotalUnitCount                 *float64   `json:"totalUnitCount"`
	OrderWithDefects               *perfCount `json:"orderWithDefects"`
	InvoiceDefect                  *perfCount `json:"invoiceDefect"`

	// The parts of the numerator (Target.Components).
	NegativeFeedback *perfCount `json:"negativeFeedback"`
	Claims           *perfCount `json:"claims"`
	Chargebacks      *perfCount `json:"chargebacks"`
	MissingInvoice   *perfCount `json:"missingInvoice"`
	LateInvoice      *perfCount `json:"lateInvoice"`
}

// perfCount is a {count, status} object; real payloads also write
// defectsCount for count.
type perfCount struct {
	Count        *float64 `json:"count"`
	DefectsCount *float64 `json:"defectsCount"`
}

// countOf is the count of c (nil when c is) and its key path under name:
// name.count, else name.defectsCount.
func countOf(name string, c *perfCount) (string, *float64) {
	switch {
	case c == nil:
		return name + ".count", nil
	case c.Count == nil && c.DefectsCount != nil:
		return name + ".defectsCount", c.DefectsCount
	}
	return name + ".count", c.Count
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
	// The file comes first, alone, so that many of these are one kind (Warnf).
	if line > 0 {
		s.Warnf("%s:%d: %s: want %s, got %s; %s is not read (it feeds no figure)", file, line, at, jsonKind(l.err.Type), l.err.Value, path)
		return
	}
	s.Warnf("%s: %s: want %s, got %s; %s is not read (it feeds no figure)", file, at, jsonKind(l.err.Type), l.err.Value, path)
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
	spec := &performanceSpec
	doc, err := readPerformanceDoc(s.name, r)
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

// readPerformanceDoc reads and decodes the document: the V1 report's XML
// when its first non-space byte is '<', else the V2 report's JSON.
func readPerformanceDoc(name string, r io.Reader) (*perfDoc, error) {
	data, err := io.ReadAll(io.LimitReader(r, max(MaxPerformanceJSON, MaxPerformanceXML)+1))
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) { // a decompression bomb
			return nil, ie
		}
		return nil, &InputError{File: name, Msg: err.Error()}
	}
	if isXMLDoc(data) {
		if len(data) > MaxPerformanceXML {
			return nil, &InputError{File: name, Msg: fmt.Sprintf("an XML document larger than %s: not a seller performance report", byteSize(MaxPerformanceXML))}
		}
		return decodePerformanceV1(name, data)
	}
	if len(data) > MaxPerformanceJSON {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("a JSON document larger than %s: not a seller performance report", byteSize(MaxPerformanceJSON))}
	}
	return decodePerformance(name, data)
}

// decodePerformance decodes the whole document; see the comment at performanceSpec.
func decodePerformance(name string, data []byte) (*perfDoc, error) {
	var top map[string]jsonSkip // the keys only: no copy of the values
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, ok := top["performanceMetrics"]; !ok {
		return nil, &UnrecognisedError{File: name, Reason: `a JSON document without a top-level "performanceMetrics" key`}
	}
	if off := jsonValuesPast(data, maxJSONValues); off >= 0 {
		line, col := position(data, off)
		return nil, &InputError{File: name, Line: line, Column: col, Msg: fmt.Sprintf("a JSON document of more than %d values: not a seller performance report", maxJSONValues)}
	}
	doc := &perfDoc{}
	if err := json.Unmarshal(data, doc); err != nil {
		return nil, jsonError(name, data, err)
	}
	doc.statusLines, _ = arrayLines(data, "accountStatuses")
	doc.entryLines, doc.entryKeys = arrayLines(data, "performanceMetrics")
	doc.statusesLine = keyLine(data, "accountStatuses")
	return doc, nil
}

// jsonValuesPast is the offset of value limit+1 of data, valid JSON (no
// deeper than encoding/json's limit), counting objects, arrays, strings
// other than keys, numbers and literals; -1 when there are no more values.
// It reads data once.
func jsonValuesPast(data []byte, limit int) int {
	n := 0
	var inArray []bool // the open containers: arrays true, objects false
	key := false       // a string here is a key
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case ' ', '\t', '\r', '\n', ':':
		case ',':
			key = len(inArray) > 0 && !inArray[len(inArray)-1]
		case '}', ']':
			if len(inArray) > 0 {
				inArray = inArray[:len(inArray)-1]
			}
			key = false
		case '"':
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if !key {
				if n++; n > limit {
					return i
				}
			}
			i, key = j, false
		default:
			if n++; n > limit {
				return i
			}
			switch c {
			case '{':
				inArray = append(inArray, false)
				key = true
			case '[':
				inArray = append(inArray, true)
			default: // a number or a literal: to its end
				for i+1 < len(data) && !strings.ContainsRune(",:]} \t\r\n", rune(data[i+1])) {
					i++
				}
			}
		}
	}
	return -1
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

// position is the 1-based line and byte column of data[off], for one
// offset; a decoder asking for many uses one lineCounter (positions.go).
func position(data []byte, off int) (line, col int) {
	return newLineCounter(data).at(off)
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
// matches it), nil when there is none, and the keys of each element that
// is an object, as written and in their order. data is valid JSON.
func arrayLines(data []byte, key string) ([]int, [][]string) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil
	}
	var out []int
	var outKeys [][]string
	lines := newLineCounter(data) // the offsets asked for go forward
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out, outKeys
		}
		if k, _ := tok.(string); !strings.EqualFold(k, key) {
			if dec.Decode(&jsonSkip{}) != nil {
				return out, outKeys
			}
			continue
		}
		var starts []int
		var keys [][]string
		tok, err = dec.Token()
		if err != nil {
			return out, outKeys
		}
		if tok == json.Delim('[') {
			for dec.More() {
				off := jsonValueAt(data, int(dec.InputOffset()))
				line, _ := lines.at(off)
				starts = append(starts, line)
				if dec.Decode(&jsonSkip{}) != nil {
					return out, outKeys
				}
				keys = append(keys, objectKeys(data[off:min(int(dec.InputOffset()), len(data))]))
			}
			if _, err := dec.Token(); err != nil { // ']'
				return out, outKeys
			}
		} else if d, ok := tok.(json.Delim); ok && d == '{' {
			return out, outKeys // not a list: decoding failed on it already
		}
		out, outKeys = starts, keys
	}
	return out, outKeys
}

// jsonSkip decodes any JSON value into nothing: what a decoder skips is
// not copied (as into a json.RawMessage).
type jsonSkip struct{}

func (*jsonSkip) UnmarshalJSON([]byte) error { return nil }

// objectKeys are the keys of a JSON object as written, in their order; nil
// when b is not an object.
func objectKeys(b []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		if dec.Decode(&jsonSkip{}) != nil {
			return keys
		}
	}
	return keys
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
	lines := newLineCounter(data) // the offsets asked for go forward
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return line
		}
		off := jsonValueAt(data, int(dec.InputOffset()))
		if dec.Decode(&jsonSkip{}) != nil {
			return line
		}
		if k, _ := tok.(string); strings.EqualFold(k, key) {
			line, _ = lines.at(off)
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
		return &InputError{File: t.File, Msg: "not a seller performance report"}
	}
	if doc.err != nil {
		return doc.err
	}
	if doc.v1 != nil {
		return readPerformanceV1(t, s, doc.v1)
	}
	p := records.Performance{Source: records.Source{File: t.File}, Version: 2}
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
	var keys []string
	if i < len(doc.entryKeys) {
		keys = doc.entryKeys[i]
	}
	var err error
	if sp.Policies, err = readPerfPolicies(s, at, e, keys); err != nil {
		return records.StorePerformance{}, err
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
// fulfillment it is Amazon's target for, where its counts are, and the parts
// of its numerator.
type perfSource struct {
	key, metric, fulfillment string
	m                        *perfMetric
	num, den                 func(m *perfMetric) (string, *float64)
	parts                    []perfPart
}

// perfPart is one part of a numerator: its component key and object.
type perfPart struct {
	component, name string
	of              func(m *perfMetric) *perfCount
}

// The parts of the ODR's and the invoice defect rate's numerators.
var (
	odrParts = []perfPart{
		{compNegativeFeedback, "negativeFeedback", func(m *perfMetric) *perfCount { return m.NegativeFeedback }},
		{compClaims, "claims", func(m *perfMetric) *perfCount { return m.Claims }},
		{compChargebacks, "chargebacks", func(m *perfMetric) *perfCount { return m.Chargebacks }},
	}
	invoiceParts = []perfPart{
		{compMissingInvoice, "missingInvoice", func(m *perfMetric) *perfCount { return m.MissingInvoice }},
		{compLateInvoice, "lateInvoice", func(m *perfMetric) *perfCount { return m.LateInvoice }},
	}
)

// perfSources lists the rate metrics of an entry in the order their targets are kept.
func perfSources(e *perfEntry) []perfSource {
	orders := func(m *perfMetric) (string, *float64) { return "orderCount", m.OrderCount }
	var list []perfSource
	if odr := e.OrderDefectRate; odr != nil {
		defects := func(m *perfMetric) (string, *float64) { return countOf("orderWithDefects", m.OrderWithDefects) }
		list = append(list,
			perfSource{"orderDefectRate.afn", perfODR, "afn", odr.AFN, defects, orders, odrParts},
			perfSource{"orderDefectRate.mfn", perfODR, "mfn", odr.MFN, defects, orders, odrParts})
	}
	late := func(m *perfMetric) (string, *float64) { return "lateShipmentCount", m.LateShipmentCount }
	list = append(list, perfSource{"lateShipmentRate", perfLateShipment, "", e.LateShipmentRate, late, orders, nil})
	for j := range e.LateShipmentRateList {
		list = append(list, perfSource{fmt.Sprintf("lateShipmentRateList[%d]", j), perfLateShipment, "", &e.LateShipmentRateList[j], late, orders, nil})
	}
	cancelKey, cancel := "preFulfillmentCancellationRate", e.Cancel
	if cancel == nil {
		cancelKey, cancel = "prefulfillmentCancelRate", e.CancelExample
	}
	return append(list,
		perfSource{cancelKey, perfCancel, "", cancel,
			func(m *perfMetric) (string, *float64) { return "cancellationCount", m.CancellationCount }, orders, nil},
		perfSource{"validTrackingRate", perfValidTracking, "", e.ValidTrackingRate,
			func(m *perfMetric) (string, *float64) { return "validTrackingCount", m.ValidTrackingCount },
			func(m *perfMetric) (string, *float64) { return "shipmentCount", m.ShipmentCount }, nil},
		perfSource{"onTimeDeliveryRate", perfOnTimeDelivery, "", e.OnTimeDeliveryRate,
			func(m *perfMetric) (string, *float64) { return "onTimeDeliveryCount", m.OnTimeDeliveryCount },
			func(m *perfMetric) (string, *float64) {
				return "shipmentCountWithValidTracking", m.ShipmentCountWithValidTracking
			}, nil},
		perfSource{"unitOnTimeDeliveryRate", unitOnTimeDelivery, "", e.UnitOnTimeDelivery,
			func(m *perfMetric) (string, *float64) { return "unitOnTimeDeliveryCount", m.UnitOnTimeDeliveryCount },
			func(m *perfMetric) (string, *float64) { return "totalUnitCount", m.TotalUnitCount }, nil},
		perfSource{"invoiceDefectRate", perfInvoiceDefect, "", e.InvoiceDefectRate,
			func(m *perfMetric) (string, *float64) { return countOf("invoiceDefect", m.InvoiceDefect) },
			orders, invoiceParts})
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
			s.Warnf("%s:%d: %s.%s: targetCondition %q is none of %s; Amazon's target for it is not used", at.file, at.line, at.path, src.key, clip(c, 40), perfOpNames)
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
	for _, p := range src.parts {
		key, v := countOf(p.name, p.of(m))
		n, err := wholeNumber(v)
		if err != nil {
			return records.Target{}, at.errorf(src.key+"."+key, err)
		}
		addComponent(&tg, p.component, n)
	}
	if r := m.Range; r != nil {
		var err error
		if tg.From, err = perfDate(r.From); err != nil {
			return records.Target{}, at.errorf(src.key+".reportingDateRange.reportingDateFrom", err)
		}
		if tg.To, err = perfDate(r.To); err != nil {
			return records.Target{}, at.errorf(src.key+".reportingDateRange.reportingDateTo", err)
		}
		tg.WindowDays = windowDays(tg.From, tg.To)
	}
	return tg, nil
}

// windowDays is the length of a range in days, both ends counted; 0 when
// an end is missing or the range is reversed.
func windowDays(from, to *civil.Date) int {
	if from != nil && to != nil && *to >= *from {
		return int(*to-*from) + 1
	}
	return 0
}

// readPerfPolicies reads the policy-violation objects of performanceMetrics[i]
// in the entry's order (keys as written). A count that is not a whole
// number is an error; a target, status or range of an unexpected type, or a
// date that does not parse, is left out with a warning (they feed no
// figure).
func readPerfPolicies(s *Sink, at perfPlace, e *perfEntry, keys []string) ([]records.PolicyCount, error) {
	var out []records.PolicyCount
	seen := map[string]bool{}
	order := append(append([]string(nil), keys...), perfPolicyKeys...) // the fixed order: a safety net
	for _, written := range order {
		var key string
		for _, k := range perfPolicyKeys {
			if strings.EqualFold(written, k) {
				key = k
				break
			}
		}
		p := e.policy(key)
		if key == "" || seen[key] || p == nil {
			continue
		}
		seen[key] = true
		path := at.path + "." + written
		pc := records.PolicyCount{Key: written}
		ck, v := p.count()
		n, err := wholeNumber(v)
		if err != nil {
			return nil, at.errorf(written+"."+ck, err)
		}
		pc.Count = n
		p.Status.warn(s, at.file, at.line, path+".status")
		pc.Status = strings.TrimSpace(p.Status.V)
		p.TargetValue.warn(s, at.file, at.line, path+".targetValue")
		p.TargetCondition.warn(s, at.file, at.line, path+".targetCondition")
		if p.TargetValue.set && p.TargetCondition.set {
			c := strings.TrimSpace(p.TargetCondition.V)
			if op, ok := perfOps[strings.ToUpper(c)]; ok {
				pc.Op, pc.Value = op, p.TargetValue.V
			} else {
				s.Warnf("%s:%d: %s: targetCondition %q is none of %s; it is not read (it feeds no figure)", at.file, at.line, path, clip(c, 40), perfOpNames)
			}
		}
		p.Range.warn(s, at.file, at.line, path+".reportingDateRange")
		for _, d := range []struct {
			name string
			v    *string
			out  **civil.Date
		}{{"reportingDateFrom", p.Range.V.From, &pc.From}, {"reportingDateTo", p.Range.V.To, &pc.To}} {
			date, err := perfDate(d.v)
			if err != nil {
				s.Warnf("%s:%d: %s.reportingDateRange.%s: %v; it is not read (it feeds no figure)", at.file, at.line, path, d.name, err)
				continue
			}
			*d.out = date
		}
		out = append(out, pc)
	}
	return out, nil
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

// perfOps maps targetCondition to the comparison a rate must pass. The
// schema names the first three; real payloads also write the last two.
var perfOps = map[string]string{"LESS_THAN": "<", "GREATER_THAN": ">", "EQUALS": "=",
	"LESS_THAN_OR_EQUAL": "<=", "GREATER_THAN_OR_EQUAL": ">="}

// perfOpNames lists the conditions of perfOps, for warnings.
const perfOpNames = "LESS_THAN, GREATER_THAN, EQUALS, LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL"

// storeOfID is the store code of a marketplace id; an id that is missing
// or not known is warned about and gives "".
func storeOfID(t *Table, s *Sink, path string, line int, id string) string {
	if id == "" {
		s.Warnf("%s:%d: %s has no marketplaceId", t.File, line, path)
		return ""
	}
	m, ok := market.ByID(id)
	if !ok {
		s.Warnf("%s:%d: %s: marketplaceId %q is not a store audit knows", t.File, line, path, clip(id, 40))
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

// maxPerfDate is longer than any date or time perfDate reads.
const maxPerfDate = 64

// perfDate reads a reportingDateRange end, "2020-11-18T23:59Z" or
// "2021-12-27T23:59:59Z", as its UTC date; nil stays nil.
func perfDate(v *string) (*civil.Date, error) {
	if v == nil {
		return nil, nil
	}
	text := strings.TrimSpace(*v)
	if len(text) > maxPerfDate {
		// No date is this long; the message quotes only its start.
		return nil, fmt.Errorf("want an ISO-8601 date or time, got %q", clip(text, 40))
	}
	ts, err := civil.ParseTimestamp(text)
	if err != nil {
		return nil, err
	}
	d := ts.Date
	if ts.HasTime() {
		d = civil.DateOf(ts.Instant().UTC())
	}
	return &d, nil
}

// addComponent sets a part of the target's numerator Amazon gives; a part
// not given (n nil) is left out.
func addComponent(tg *records.Target, key string, n *int) {
	if n == nil {
		return
	}
	if tg.Components == nil {
		tg.Components = map[string]int{}
	}
	tg.Components[key] = *n
}
