package input

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// eBay's Sell Analytics API responses, saved verbatim as files
// (docs/formats.md, "eBay seller standards and customer service metric";
// the contract is sell_analytics_v1_oas3.json 1.3.2 and, for the metrics
// of a standards profile, the type page ssp:Metric):
//
//   - the seller standards profile: getSellerStandardsProfile's one
//     StandardsProfile object, or findSellerStandardsProfiles'
//     {"standardsProfiles": [...]}. Sniffed as a JSON object naming
//     "standardsProfiles" or "standardsLevel".
//   - the customer service metric: getCustomerServiceMetric's
//     {"dimensionMetrics": [...], "evaluationCycle": {...},
//     "marketplaceId": ...}. Sniffed as a JSON object naming
//     "dimensionMetrics" or "evaluationCycle".
//
// A metric's value and thresholds are a bare number (type NUMBER) or an
// object {"value": "0.78", "numerator": 4, "denominator": 512} (type RATE,
// the value a percent written as a string); both are read. Every metric is
// kept, its key known to audit or not. A value that is neither, a count
// that is not a whole number, a percent that is not a number or a date
// that does not parse is an *InputError at its line and column.
var ebayStandardsSpec = Spec{
	Kind:   "ebay-standards",
	Title:  "eBay seller standards profile (Sell Analytics API JSON)",
	Anchor: func(map[string]int) bool { return false },
	Sniff: func(sample []byte) bool {
		return sniffJSONKeys(sample, "standardsProfiles") || sniffJSONKeys(sample, "standardsLevel")
	},
	Read: readEbayStandards,
}

var ebayServiceSpec = Spec{
	Kind:   "ebay-service-metric",
	Title:  "eBay customer service metric (Sell Analytics API JSON)",
	Anchor: func(map[string]int) bool { return false },
	Sniff: func(sample []byte) bool {
		return sniffJSONKeys(sample, "dimensionMetrics") || sniffJSONKeys(sample, "evaluationCycle")
	},
	Read: readEbayService,
}

type ebayProfileDoc struct {
	Program           string           `json:"program"`
	Cycle             *ebayCycle       `json:"cycle"`
	StandardsLevel    string           `json:"standardsLevel"`
	DefaultProgram    *bool            `json:"defaultProgram"`
	Reason            string           `json:"evaluationReason"`
	Metrics           []ebayMetricDoc  `json:"metrics"`
	StandardsProfiles []ebayProfileDoc `json:"standardsProfiles"`
}

type ebayCycle struct {
	CycleType       string  `json:"cycleType"`
	EvaluationDate  *string `json:"evaluationDate"`
	EvaluationMonth string  `json:"evaluationMonth"`
}

type ebayMetricDoc struct {
	MetricKey string          `json:"metricKey"`
	Name      string          `json:"name"`
	Level     string          `json:"level"`
	Type      string          `json:"type"`
	Value     json.RawMessage `json:"value"`
	Lower     json.RawMessage `json:"thresholdLowerBound"`
	Upper     json.RawMessage `json:"thresholdUpperBound"`
	Bounds    string          `json:"thresholdMetaData"`
	StartDate *string         `json:"lookbackStartDate"`
	EndDate   *string         `json:"lookbackEndDate"`
}

// ebayRateObject is a RATE value or threshold: the percent as a string
// (or, leniently, a number) and the counts.
type ebayRateObject struct {
	Value       json.RawMessage `json:"value"`
	Numerator   *float64        `json:"numerator"`
	Denominator *float64        `json:"denominator"`
}

type ebayServiceDoc struct {
	DimensionMetrics []struct {
		Dimension *struct {
			Key   string `json:"dimensionKey"`
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"dimension"`
		Metrics []struct {
			Key       string  `json:"metricKey"`
			Value     *string `json:"value"`
			Benchmark *struct {
				Adjustment string `json:"adjustment"`
				Basis      string `json:"basis"`
				Metadata   *struct {
					Average *string `json:"average"`
				} `json:"metadata"`
				Rating string `json:"rating"`
			} `json:"benchmark"`
		} `json:"metrics"`
	} `json:"dimensionMetrics"`
	EvaluationCycle *struct {
		StartDate      *string `json:"startDate"`
		EndDate        *string `json:"endDate"`
		EvaluationDate *string `json:"evaluationDate"`
		EvaluationType string  `json:"evaluationType"`
	} `json:"evaluationCycle"`
	MarketplaceID string `json:"marketplaceId"`
}

// ebayDimensionTypes tells a customer service metric's type from its
// dimensionKey (the OAS, Dimension.dimensionKey).
var ebayDimensionTypes = map[string]string{
	"LISTING_CATEGORY": "ITEM_NOT_AS_DESCRIBED",
	"SHIPPING_REGION":  "ITEM_NOT_RECEIVED",
}

// ebayAt places errors in a document: the file, its text, and a path of
// keys and indexes to the value at fault.
type ebayAt struct {
	t    *Table
	idx  *jsonIndex
	path []any
}

func newEbayAt(t *Table) ebayAt { return ebayAt{t: t, idx: newJSONIndex(t.Doc)} }

func (a ebayAt) with(steps ...any) ebayAt {
	return ebayAt{t: a.t, idx: a.idx, path: append(append([]any(nil), a.path...), steps...)}
}

// errorf is an InputError at the value of the path.
func (a ebayAt) errorf(format string, args ...any) error {
	line, col := a.idx.lines.at(a.idx.offset(a.path))
	return &InputError{File: a.t.File, Line: line, Column: col, Msg: pathText(a.path) + ": " + fmt.Sprintf(format, args...)}
}

// line is the line of the value of the path.
func (a ebayAt) line() int {
	line, _ := a.idx.lines.at(a.idx.offset(a.path))
	return line
}

// pathText writes a path as "standardsProfiles[1].metrics[2].value".
func pathText(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			b.WriteString("[" + strconv.Itoa(p) + "]")
		}
	}
	return b.String()
}

// jsonIndex finds the values of a document (valid JSON) by path, each
// object's members and each array's elements read once, however many
// values are asked for: a reader asks for the line of every entry, and a
// walk from the start for each was quadratic in the entries.
type jsonIndex struct {
	data    []byte
	lines   *lineCounter
	start   int                    // the top-level value's offset
	members map[int]map[string]int // an object's offset: its values' offsets by key as written (the last of a key twice)
	items   map[int][]int          // an array's offset: its elements' offsets
}

func newJSONIndex(data []byte) *jsonIndex {
	return &jsonIndex{data: data, lines: newLineCounter(data), start: jsonValueAt(data, 0),
		members: map[int]map[string]int{}, items: map[int][]int{}}
}

// offset is the offset of the value a path of object keys (matched as
// encoding/json matches them: exact, else case-insensitively) and array
// indexes leads to; the offset of the deepest value found when the path
// goes further than the text.
func (x *jsonIndex) offset(path []any) int {
	at := x.start
	for _, step := range path {
		next := -1
		switch s := step.(type) {
		case string:
			ms := x.objectAt(at)
			if off, ok := ms[s]; ok {
				next = off
			} else {
				for k, off := range ms {
					if strings.EqualFold(k, s) && (next < 0 || off > next) {
						next = off // the last written, as encoding/json keeps
					}
				}
			}
		case int:
			if items := x.arrayAt(at); s >= 0 && s < len(items) {
				next = items[s]
			}
		}
		if next < 0 {
			return at
		}
		at = next
	}
	return at
}

// objectAt is the members of the object at off (nil when none starts there).
func (x *jsonIndex) objectAt(off int) map[string]int {
	if m, ok := x.members[off]; ok {
		return m
	}
	var m map[string]int
	if off < len(x.data) && x.data[off] == '{' {
		m = map[string]int{}
		dec := json.NewDecoder(bytes.NewReader(x.data[off:]))
		dec.Token() // '{'
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			k, _ := tok.(string)
			m[k] = jsonValueAt(x.data, off+int(dec.InputOffset()))
			if dec.Decode(&jsonSkip{}) != nil {
				break
			}
		}
	}
	x.members[off] = m
	return m
}

// arrayAt is the elements of the array at off (nil when none starts there).
func (x *jsonIndex) arrayAt(off int) []int {
	if a, ok := x.items[off]; ok {
		return a
	}
	var a []int
	if off < len(x.data) && x.data[off] == '[' {
		dec := json.NewDecoder(bytes.NewReader(x.data[off:]))
		dec.Token() // '['
		for dec.More() {
			a = append(a, jsonValueAt(x.data, off+int(dec.InputOffset())))
			if dec.Decode(&jsonSkip{}) != nil {
				break
			}
		}
	}
	x.items[off] = a
	return a
}

func readEbayStandards(t *Table, s *Sink) error {
	var doc ebayProfileDoc
	if err := decodeDocument(t, &doc); err != nil {
		return err
	}
	root := newEbayAt(t)
	var out []records.EbayStandards
	if doc.StandardsProfiles != nil {
		for i := range doc.StandardsProfiles {
			p, err := readEbayProfile(s, root.with("standardsProfiles", i), &doc.StandardsProfiles[i])
			if err != nil {
				return err
			}
			out = append(out, p)
		}
	} else {
		p, err := readEbayProfile(s, root, &doc)
		if err != nil {
			return err
		}
		out = append(out, p)
	}
	t.rowsRead = len(out)
	s.Data.Ebay.Standards = append(s.Data.Ebay.Standards, out...)
	return nil
}

func readEbayProfile(s *Sink, at ebayAt, d *ebayProfileDoc) (records.EbayStandards, error) {
	p := records.EbayStandards{Source: records.Source{File: at.t.File, Line: at.line()}, Program: strings.TrimSpace(d.Program),
		Level: strings.TrimSpace(d.StandardsLevel), DefaultProgram: d.DefaultProgram, Reason: d.Reason}
	if d.Cycle != nil {
		p.Cycle = strings.ToUpper(strings.TrimSpace(d.Cycle.CycleType))
		p.EvaluationMonth = strings.TrimSpace(d.Cycle.EvaluationMonth)
		date, err := perfDate(d.Cycle.EvaluationDate)
		if err != nil {
			return p, at.with("cycle", "evaluationDate").errorf("%v", err)
		}
		p.EvaluationDate = date
	}
	if p.Cycle == "" {
		s.Warnf("%s:%d: %s has no cycle.cycleType; taken as CURRENT", at.t.File, p.Source.Line, cmp.Or(pathText(at.path), "the standards profile"))
		p.Cycle = "CURRENT"
	}
	for j := range d.Metrics {
		m, err := readEbayMetric(at.with("metrics", j), &d.Metrics[j])
		if err != nil {
			return p, err
		}
		p.Metrics = append(p.Metrics, m)
	}
	return p, nil
}

func readEbayMetric(at ebayAt, d *ebayMetricDoc) (records.EbayStandardsMetric, error) {
	m := records.EbayStandardsMetric{Line: at.line(), Key: strings.TrimSpace(d.MetricKey), Name: strings.TrimSpace(d.Name),
		Level: strings.TrimSpace(d.Level), Type: strings.TrimSpace(d.Type), Bounds: strings.TrimSpace(d.Bounds)}
	if v, ok, err := ebayValue(at.with("value"), d.Value); err != nil {
		return m, err
	} else if ok {
		if v.rate != nil {
			m.Rate, m.Numerator, m.Denominator = v.rate, v.num, v.den
		} else {
			m.Number = v.number
		}
	}
	for _, b := range []struct {
		key string
		raw json.RawMessage
		out **float64
	}{{"thresholdLowerBound", d.Lower, &m.Lower}, {"thresholdUpperBound", d.Upper, &m.Upper}} {
		v, ok, err := ebayValue(at.with(b.key), b.raw)
		if err != nil {
			return m, err
		}
		if ok {
			*b.out = v.number
			if v.rate != nil {
				*b.out = v.rate
			}
		}
	}
	var err error
	if m.From, err = perfDate(d.StartDate); err != nil {
		return m, at.with("lookbackStartDate").errorf("%v", err)
	}
	if m.To, err = perfDate(d.EndDate); err != nil {
		return m, at.with("lookbackEndDate").errorf("%v", err)
	}
	return m, nil
}

// ebayRead is a value or a threshold read: a bare number, or a rate (a
// fraction) with its counts.
type ebayRead struct {
	number   *float64
	rate     *float64
	num, den *int
}

// ebayValue reads a metric's value or threshold: absent or null is not
// given (false); a number is a NUMBER value; an object is a RATE value.
func ebayValue(at ebayAt, raw json.RawMessage) (ebayRead, bool, error) {
	var r ebayRead
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return r, false, nil
	}
	switch b[0] {
	case '{':
		var o ebayRateObject
		if err := json.Unmarshal(b, &o); err != nil {
			return r, false, at.errorf("want {\"value\": \"<percent>\", \"numerator\": n, \"denominator\": n}: %v", err)
		}
		pct, err := ebayPercent(o.Value)
		if err != nil {
			return r, false, at.with("value").errorf("%v", err)
		}
		if pct == nil {
			return r, false, at.errorf("a rate object without a value")
		}
		f := *pct / 100
		r.rate = &f
		if r.num, err = wholeNumber(o.Numerator); err != nil {
			return r, false, at.with("numerator").errorf("%v", err)
		}
		if r.den, err = wholeNumber(o.Denominator); err != nil {
			return r, false, at.with("denominator").errorf("%v", err)
		}
		if (r.num != nil && *r.num < 0) || (r.den != nil && *r.den < 0) {
			return r, false, at.errorf("a negative count")
		}
		return r, true, nil
	case '"', '[', 't', 'f':
		return r, false, at.errorf("want a number or a rate object, got %s", jsonValueKind(b))
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return r, false, at.errorf("want a number or a rate object: %v", err)
	}
	r.number = &f
	return r, true, nil
}

// ebayPercent reads a percent eBay writes as a string ("0.78"), or as a
// number; nil when absent.
func ebayPercent(raw json.RawMessage) (*float64, error) {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	var text string
	switch b[0] {
	case '"':
		if err := json.Unmarshal(b, &text); err != nil {
			return nil, err
		}
	case '{', '[', 't', 'f':
		return nil, fmt.Errorf("want a percent (\"0.78\"), got %s", jsonValueKind(b))
	default:
		text = string(b)
	}
	return parsePercent(text)
}

// parsePercent reads "0.78" (a percent) as 0.78; a trailing "%" is allowed.
func parsePercent(text string) (*float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(text), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return nil, fmt.Errorf("want a percent (\"0.78\"), got %q", clip(text, 40))
	}
	return &f, nil
}

// ebayCount reads a count eBay writes as a string ("488"); nil when absent.
func ebayCount(v *string) (*int, error) {
	if v == nil {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(*v))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("want a count (\"488\"), got %q", clip(*v, 40))
	}
	return &n, nil
}

func readEbayService(t *Table, s *Sink) error {
	var doc ebayServiceDoc
	if err := decodeDocument(t, &doc); err != nil {
		return err
	}
	at := newEbayAt(t)
	sv := records.EbayService{Source: records.Source{File: t.File, Line: 1}, MarketplaceID: strings.TrimSpace(doc.MarketplaceID)}
	if c := doc.EvaluationCycle; c != nil {
		sv.Cycle = strings.ToUpper(strings.TrimSpace(c.EvaluationType))
		var err error
		for _, d := range []struct {
			key string
			v   *string
			out **civil.Date
		}{{"evaluationDate", c.EvaluationDate, &sv.EvaluationDate}, {"startDate", c.StartDate, &sv.From}, {"endDate", c.EndDate, &sv.To}} {
			if *d.out, err = perfDate(d.v); err != nil {
				return at.with("evaluationCycle", d.key).errorf("%v", err)
			}
		}
	}
	if sv.Cycle == "" {
		s.Warnf("%s: evaluationCycle.evaluationType is missing; taken as CURRENT", t.File)
		sv.Cycle = "CURRENT"
	}
	for i, dm := range doc.DimensionMetrics {
		dat := at.with("dimensionMetrics", i)
		d := records.EbayDimension{Line: dat.line()}
		if dm.Dimension != nil {
			d.Key, d.Name, d.Value = strings.TrimSpace(dm.Dimension.Key), strings.TrimSpace(dm.Dimension.Name), strings.TrimSpace(dm.Dimension.Value)
		}
		if typ, ok := ebayDimensionTypes[strings.ToUpper(d.Key)]; ok {
			if sv.Type != "" && sv.Type != typ {
				return dat.with("dimension", "dimensionKey").errorf("%s in a response of %s: one response is one metric type", d.Key, sv.Type)
			}
			sv.Type = typ
		} else {
			s.Warnf("%s:%d: %s.dimension.dimensionKey %q is neither LISTING_CATEGORY nor SHIPPING_REGION", t.File, d.Line, pathText(dat.path), clip(d.Key, 40))
		}
		for j, m := range dm.Metrics {
			mat := dat.with("metrics", j)
			var err error
			switch strings.ToUpper(strings.TrimSpace(m.Key)) {
			case "TRANSACTION_COUNT":
				d.Transactions, err = ebayCount(m.Value)
			case "COUNT":
				d.Count, err = ebayCount(m.Value)
			case "RATE":
				var pct *float64
				if m.Value != nil {
					pct, err = parsePercent(*m.Value)
				}
				if pct != nil {
					f := *pct / 100
					d.Rate = &f
				}
				if b := m.Benchmark; b != nil && err == nil {
					d.Rating, d.Adjustment = strings.ToUpper(strings.TrimSpace(b.Rating)), strings.TrimSpace(b.Adjustment)
					if b.Metadata != nil && b.Metadata.Average != nil {
						avg, aerr := parsePercent(*b.Metadata.Average)
						if aerr != nil {
							return mat.with("benchmark", "metadata", "average").errorf("%v", aerr)
						}
						f := *avg / 100
						d.PeerAverage = &f
					}
				}
			default:
				s.Warnf("%s:%d: %s.metricKey %q is none of TRANSACTION_COUNT, COUNT, RATE; it is not read", t.File, mat.line(), pathText(mat.path), clip(m.Key, 40))
			}
			if err != nil {
				return mat.with("value").errorf("%v", err)
			}
		}
		sv.Dimensions = append(sv.Dimensions, d)
	}
	if sv.Type == "" {
		s.Warnf("%s: no dimension says whether it is ITEM_NOT_AS_DESCRIBED (LISTING_CATEGORY) or ITEM_NOT_RECEIVED (SHIPPING_REGION); it feeds no figure", t.File)
	}
	t.rowsRead = len(sv.Dimensions)
	s.Data.Ebay.Service = append(s.Data.Ebay.Service, sv)
	return nil
}
