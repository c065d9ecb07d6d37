package input

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/pii"
	"github.com/sellerhealth/audit/internal/records"
	"golang.org/x/text/encoding/charmap"
)

// Amazon's V1 seller performance report (SP-API
// GET_V1_SELLER_PERFORMANCE_REPORT, the "XML Customer Metrics Report"): the
// same kind as the V2 JSON report (seller-performance), read into the same
// records with Version 1.
//
// Amazon publishes no schema of it (amzn/selling-partner-api-models#1353):
// the layout read here is built from the element names SP-API's report-type
// page documents (performanceChecklist, orderDefectRate, orderDefectMetrics,
// timeFrame, orderCount, orderWithDefects, negativeFeedbacks, a_z_claims,
// chargebacks, customerExperience, lateShipment, preFulfillmentCancellation,
// refunds, buyerSellerContactResponseTimeMetrics, averageResponseTimeInHours,
// responseUnder24Hours, responseTimeGreaterThan24Hours,
// noResponseForContactsOlderThan24Hours, ...) and from the way public
// readers of the report walk it (sellerPerformanceReports >
// sellerPerformanceReport > orderDefects > orderDefectMetrics[], each with
// timeFrame {start, end} and {count, rate} objects;
// customerExperience > customerExperienceMetrics[];
// trackingInformation > trackingMetrics[]; returnDissatisfaction >
// returnDissatisfactionMetrics[]; buyerSellerContactResponseTimeMetrics >
// responseTimeMetrics; statuses Good, Fair, Poor in performanceChecklist).
// docs/formats.md gives the layout. Because it is not specified, the reader
// looks for the entry elements (orderDefectMetrics, ...) at any depth of a
// sellerPerformanceReport rather than under fixed wrappers, matches names
// without regard to case or namespace, takes a value from a child element
// or an attribute alike, and ignores elements it does not know.
//
// newTable sniffs it like the JSON report (sniffPerformanceXML): after gzip
// and a byte-order mark, the first non-space byte is '<' and
// "sellerPerformanceReport" is within the first 64 KiB. The document is read
// whole (at most MaxPerformanceXML bytes), its tags bounded (maxXMLTag), and
// decoded with encoding/xml into a tree bounded in depth and size
// (maxXMLDepth, maxXMLElements, maxXMLAttrs), so that hostile input ends in
// an error, never in a panic or an exhausted memory. A document whose root is
// neither sellerPerformanceReports nor sellerPerformanceReport is an
// *UnrecognisedError.
//
// Figures are strict, as in the V2 reader: a count that is not a whole
// number, a rate that is not a number or a date that is not one is an
// *InputError at the line of its element, naming its path. The V1 report
// gives no targets (no targetValue): its Targets have Op "".

// MaxPerformanceXML bounds a V1 report as MaxPerformanceJSON bounds a V2
// one.
const MaxPerformanceXML = MaxPerformanceJSON

// Bounds of the V1 document. Amazon's report is a few hundred elements, a
// dozen deep, with hardly an attribute.
const (
	maxXMLDepth    = 64
	maxXMLElements = 100_000
	maxXMLAttrs    = 100_000
	// maxXMLTag bounds one start or end tag (its attributes), so that a
	// tag of millions of attributes is refused before encoding/xml builds
	// them.
	maxXMLTag = 64 << 10
)

// sniffPerformanceXML says whether the start of a text is a V1 seller
// performance report: XML (first non-space byte '<') that names
// sellerPerformanceReport.
func sniffPerformanceXML(sample []byte) bool {
	return isXMLDoc(sample) && bytes.Contains(sample, []byte("sellerPerformanceReport"))
}

// isXMLDoc says whether data, a whole sniffed document, is XML rather than JSON.
func isXMLDoc(data []byte) bool {
	b := bytes.TrimLeft(data, " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// xmlNode is one element of the V1 document.
type xmlNode struct {
	name  string // local name, without namespace
	attrs []xml.Attr
	text  []byte // the character data directly inside, untrimmed
	line  int    // where its start tag begins
	kids  []*xmlNode
}

// perfV1Doc is a decoded V1 report: its sellerPerformanceReport elements.
type perfV1Doc struct {
	root    *xmlNode
	reports []*xmlNode
}

// decodePerformanceV1 decodes the whole V1 document; see the comment at the
// top of this file.
func decodePerformanceV1(name string, data []byte) (*perfDoc, error) {
	if line, ok := xmlTagsBounded(data); !ok {
		return nil, &InputError{File: name, Line: line, Msg: fmt.Sprintf("an XML tag longer than %s: not a seller performance report", byteSize(maxXMLTag))}
	}
	root, err := xmlTree(name, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &UnrecognisedError{File: name, Reason: "an XML document without elements"}
	}
	doc := &perfV1Doc{root: root}
	switch {
	case strings.EqualFold(root.name, "sellerPerformanceReports"):
		for _, k := range root.kids {
			if strings.EqualFold(k.name, "sellerPerformanceReport") {
				doc.reports = append(doc.reports, k)
			}
		}
	case strings.EqualFold(root.name, "sellerPerformanceReport"):
		doc.reports = []*xmlNode{root}
	default:
		return nil, &UnrecognisedError{File: name, Reason: fmt.Sprintf("an XML document whose root element is <%s>, not <sellerPerformanceReports>", clip(root.name, 40))}
	}
	return &perfDoc{v1: doc}, nil
}

// clip cuts s to about n bytes, for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// pii.Cut: on a UTF-8 boundary, never inside an e-mail address or a
	// phone number, which the error's mask must see whole.
	return pii.Cut(s, n) + "..."
}

// xmlTagsBounded checks that no start or end tag (or declaration) is
// longer than maxXMLTag; on failure it gives the tag's line. Comments,
// CDATA sections and processing instructions may be long: they hold no
// attributes. Quotes are followed inside a tag, since an attribute value
// may hold '>'.
func xmlTagsBounded(data []byte) (int, bool) {
	for i := 0; i < len(data); {
		lt := bytes.IndexByte(data[i:], '<')
		if lt < 0 {
			return 0, true
		}
		i += lt
		rest := data[i:]
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end = []byte("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		}
		if end != nil {
			j := bytes.Index(rest[2:], end)
			if j < 0 {
				return 0, true // unterminated: encoding/xml says so
			}
			i += 2 + j + len(end)
			continue
		}
		var quote byte
		j := 1
		for ; j < len(rest); j++ {
			c := rest[j]
			if j > maxXMLTag {
				return bytes.Count(data[:i], []byte{'\n'}) + 1, false
			}
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				goto next
			}
		}
		return 0, true // unterminated: encoding/xml says so
	next:
		i += j + 1
	}
	return 0, true
}

// xmlTree decodes data into a tree of elements, bounded; nil when there is
// no element.
func xmlTree(name string, data []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = xmlCharset
	dec.Entity = xml.HTMLEntity
	var root *xmlNode
	var stack []*xmlNode
	elements, attrs := 0, 0
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, xmlError(name, data, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			attrs += len(t.Attr)
			switch {
			case elements > maxXMLElements:
				return nil, &InputError{File: name, Line: line, Msg: fmt.Sprintf("an XML document of more than %d elements: not a seller performance report", maxXMLElements)}
			case attrs > maxXMLAttrs:
				return nil, &InputError{File: name, Line: line, Msg: fmt.Sprintf("an XML document of more than %d attributes: not a seller performance report", maxXMLAttrs)}
			case len(stack) >= maxXMLDepth:
				return nil, &InputError{File: name, Line: line, Msg: fmt.Sprintf("XML elements nested more than %d deep: not a seller performance report", maxXMLDepth)}
			}
			n := &xmlNode{name: t.Name.Local, attrs: t.Attr, line: line}
			switch {
			case len(stack) > 0:
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			case root != nil:
				return nil, &InputError{File: name, Line: line, Msg: fmt.Sprintf("malformed XML: a second root element <%s>", clip(n.name, 40))}
			default:
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
}

// xmlError places a decoding error at its line; the end of the input at
// the line of its last character, as for JSON.
func xmlError(name string, data []byte, line int, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		at := se.Line
		if se.Msg == "unexpected EOF" {
			at = bytes.Count(bytes.TrimRight(data, " \t\r\n"), []byte{'\n'}) + 1
		}
		return &InputError{File: name, Line: at, Msg: "malformed XML: " + strings.TrimPrefix(se.Msg, "xml: ")}
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{File: name, Line: line, Msg: strings.TrimPrefix(err.Error(), "xml: ")}
}

// xmlCharset decodes the encodings an XML declaration may name besides
// UTF-8: Latin-1 and Windows-1252. UTF-16 was turned into UTF-8 by its
// byte-order mark before (skipBOM), so its declaration is passed over.
func xmlCharset(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-16", "utf-16le", "utf-16be", "utf16":
		return r, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	case "iso-8859-15", "latin9":
		return charmap.ISO8859_15.NewDecoder().Reader(r), nil
	}
	return nil, fmt.Errorf("the XML declaration names encoding %q, which audit does not read: save the report as UTF-8", clip(label, 40))
}

// child is n's first child element of that name (any case), nil when none
// (or when n is nil).
func (n *xmlNode) child(name string) *xmlNode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if strings.EqualFold(k.name, name) {
			return k
		}
	}
	return nil
}

// value is a value of n named name: its child element's text, else its
// attribute; the line it is on; and whether n has it.
func (n *xmlNode) value(name string) (string, int, bool) {
	if n == nil {
		return "", 0, false
	}
	if k := n.child(name); k != nil {
		return k.textValue(), k.line, true
	}
	for _, a := range n.attrs {
		if a.Name.Space != "xmlns" && strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), n.line, true
		}
	}
	return "", 0, false
}

// textValue is n's own text, trimmed; "" when n has child elements.
func (n *xmlNode) textValue() string {
	if len(n.kids) > 0 {
		return ""
	}
	return strings.TrimSpace(string(n.text))
}

// v1Found is an entry element found in a report, with the elements above
// it (the report first) and what makes its path. Siblings share the path
// above them: a path is written when a message needs it, not kept for each
// of a hundred thousand entries.
type v1Found struct {
	n     *xmlNode
	up    string // the path of the element above it
	place string // its siblingPlaces
	above []*xmlNode
}

// path is the entry's path, for messages.
func (f v1Found) path() string { return f.up + "/" + pathName(f.n.name) + f.place }

// pathName is an element's name as a path writes it: clipped, so that a
// path is short whatever the names (a tag may be 64 KiB long, and the
// elements 64 deep).
func pathName(name string) string { return clip(name, 40) }

// find lists the elements named name below n (at any depth, in document
// order), not looking inside performanceChecklist nor inside an element
// found. path is n's own path.
func (n *xmlNode) find(name, path string, above []*xmlNode) []v1Found {
	return n.findInto(nil, name, path, above)
}

// findInto is find appending to out: the elements found deep down are not
// copied once per level on their way up.
func (n *xmlNode) findInto(out []v1Found, name, path string, above []*xmlNode) []v1Found {
	above = append(above[:len(above):len(above)], n)
	places := siblingPlaces(n)
	for i, k := range n.kids {
		switch {
		case strings.EqualFold(k.name, name):
			out = append(out, v1Found{n: k, up: path, place: places[i], above: above})
		case strings.EqualFold(k.name, "performanceChecklist"), len(k.kids) == 0:
		default:
			out = k.findInto(out, name, path+"/"+pathName(k.name)+places[i], above)
		}
	}
	return out
}

// siblingPlaces gives, for each child of p, "[i]", its 1-based place among
// the children named as it is, when there are several (as XPath writes
// it); "" otherwise. It reads the children twice, not once per child: a
// report of 16,000 sibling entries took half a minute so.
func siblingPlaces(p *xmlNode) []string {
	n := make(map[string]int, len(p.kids))
	for _, k := range p.kids {
		n[k.name]++
	}
	places := make([]string, len(p.kids))
	seen := make(map[string]int, len(n))
	for i, k := range p.kids {
		seen[k.name]++
		if n[k.name] > 1 {
			places[i] = "[" + strconv.Itoa(seen[k.name]) + "]"
		}
	}
	return places
}

// v1Reader reads one V1 file's values, placing errors and warnings.
type v1Reader struct {
	t *Table
	s *Sink
}

func (r v1Reader) errorf(line int, path, format string, args ...any) error {
	return &InputError{File: r.t.File, Line: line, Msg: path + ": " + fmt.Sprintf(format, args...)}
}

// count reads the count of a {count, rate} element (its count child) or
// of an element that is itself a count (orderCount): nil when absent or
// empty; an error unless a whole number.
func (r v1Reader) count(n *xmlNode, path string) (*int, error) {
	if n == nil {
		return nil, nil
	}
	v, line := n.textValue(), n.line
	if c := n.child("count"); c != nil {
		v, line, path = c.textValue(), c.line, path+"/"+c.name
	} else if len(n.kids) > 0 {
		return nil, nil
	}
	if v == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, r.errorf(line, path, "want a whole number, got %q", clip(v, 40))
	}
	i, err := wholeNumber(&f)
	if err != nil {
		return nil, r.errorf(line, path, "%v", err)
	}
	return i, nil
}

// rate reads the rate child of a {count, rate} element: a percentage, with
// or without '%' ("0.42%" and "0.42" are 0.42 %), kept as a fraction
// (0.0042). Absent, empty or N/A is nil; anything else that is not a number
// is an error.
func (r v1Reader) rate(n *xmlNode, path string) (*float64, error) {
	c := n.child("rate")
	if c == nil {
		return nil, nil
	}
	v := c.textValue()
	num := strings.TrimSpace(strings.TrimSuffix(v, "%"))
	if num == "" || strings.EqualFold(num, "N/A") {
		return nil, nil
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, r.errorf(c.line, path+"/"+c.name, "want a percentage, got %q", clip(v, 40))
	}
	// The decimal shifted by two places, rounded once: 0.42 gives 0.0042.
	if g, err := strconv.ParseFloat(num+"e-2", 64); err == nil {
		f = g
	} else {
		f /= 100
	}
	return &f, nil
}

// timeFrame reads an entry's timeFrame (start, end; child elements or
// attributes) as UTC dates.
func (r v1Reader) timeFrame(e *xmlNode, path string) (from, to *civil.Date, err error) {
	tf := e.child("timeFrame")
	if tf == nil {
		return nil, nil, nil
	}
	path += "/" + tf.name
	for _, end := range []struct {
		name string
		out  **civil.Date
	}{{"start", &from}, {"end", &to}} {
		v, line, ok := tf.value(end.name)
		if !ok || v == "" {
			continue
		}
		d, err := perfDate(&v)
		if err != nil {
			return nil, nil, r.errorf(line, path+"/"+end.name, "%v", err)
		}
		*end.out = d
	}
	return from, to, nil
}

// v1Checklist is performanceChecklist: each item's status (a status child
// or attribute, or the item's own text), by item name, and the items in
// their order.
type v1Checklist struct {
	status map[string]string // by lower-case name
	items  []*xmlNode
}

func readV1Checklist(rep *xmlNode) v1Checklist {
	c := v1Checklist{status: map[string]string{}}
	for _, list := range rep.kids {
		if !strings.EqualFold(list.name, "performanceChecklist") {
			continue
		}
		for _, item := range list.kids {
			st, _, ok := item.value("status")
			if !ok {
				st = item.textValue()
			}
			key := strings.ToLower(item.name)
			if _, dup := c.status[key]; !dup {
				c.status[key] = st
				c.items = append(c.items, item)
			}
		}
	}
	return c
}

// of is the status of the first of the items named that the checklist has,
// and whether it has one.
func (c v1Checklist) of(names ...string) (string, bool) {
	for _, n := range names {
		if st, ok := c.status[strings.ToLower(n)]; ok {
			return st, true
		}
	}
	return "", false
}

// v1Policies are the checklist's policy items, read into Policies with
// their status only (the V1 report gives no counts).
var v1Policies = []string{"policyViolation", "productAuthenticityStatus", "productSafetyStatus", "listingPolicyStatus", "intellectualPropertyStatus"}

// v1Metric is one figure of the V1 report: the entry elements that hold
// it, the element of its numerator within an entry, its denominator's, and
// the checklist items that give its status.
type v1Metric struct {
	metric    string
	entry     string // orderDefectMetrics, ...
	num, den  string // "" when the entry has none
	checklist []string
	parts     []v1Part
}

// v1Part is a part of a numerator: its component key and element.
type v1Part struct{ component, name string }

// v1Metrics lists the figures in the order their targets are kept. The
// contact response rate is read apart (readV1Contact).
var v1Metrics = []v1Metric{
	{metric: perfODR, entry: "orderDefectMetrics", num: "orderWithDefects", den: "orderCount",
		checklist: []string{"orderDefectRate"},
		parts:     []v1Part{{compNegativeFeedback, "negativeFeedbacks"}, {compClaims, "a_z_claims"}, {compChargebacks, "chargebacks"}}},
	{metric: perfLateShipment, entry: "customerExperienceMetrics", num: "lateShipment", den: "orderCount",
		checklist: []string{"lateShipmentRate"}},
	{metric: perfCancel, entry: "customerExperienceMetrics", num: "preFulfillmentCancellation", den: "orderCount",
		checklist: []string{"orderCancellationRate", "preFulfillmentCancellationRate"}},
	{metric: perfValidTracking, entry: "trackingMetrics", num: "validTracking", den: "shipmentCount",
		checklist: []string{"validTrackingRate"}},
	{metric: perfOnTimeDelivery, entry: "trackingMetrics", num: "onTimeDelivery", den: "shipmentCountWithValidTracking",
		checklist: []string{"onTimeDelivery", "onTimeDeliveryRate"}},
	{metric: perfContact, checklist: []string{"contactResponseTime"}},
	{metric: perfReturn, entry: "returnDissatisfactionMetrics", num: "returnDissatisfaction",
		checklist: []string{"returnDissatisfactionRate"}},
	{metric: perfServiceDissat, checklist: []string{"customerServiceDissatisfactionRate"}},
}

// readPerformanceV1 turns a decoded V1 report into records: one
// StorePerformance per sellerPerformanceReport.
func readPerformanceV1(t *Table, s *Sink, doc *perfV1Doc) error {
	r := v1Reader{t: t, s: s}
	p := records.Performance{Source: records.Source{File: t.File}, Version: 1}
	places := map[*xmlNode]string{}
	for i, p := range siblingPlaces(doc.root) {
		places[doc.root.kids[i]] = p
	}
	for _, rep := range doc.reports {
		sp, err := r.store(doc.root, rep, places[rep])
		if err != nil {
			return err
		}
		p.Stores = append(p.Stores, sp)
	}
	t.rowsRead = len(doc.reports)
	s.Data.Performance = append(s.Data.Performance, p)
	return nil
}

// store reads one sellerPerformanceReport; place is its siblingPlaces
// under root.
func (r v1Reader) store(root, rep *xmlNode, place string) (records.StorePerformance, error) {
	path := "/" + pathName(root.name)
	if rep != root {
		path += "/" + pathName(rep.name) + place
	}
	id, _, _ := rep.value("marketplaceId")
	key := perfMarketplaceKey(id)
	sp := records.StorePerformance{
		MarketplaceID: strings.TrimSpace(id),
		Store:         storeOfID(r.t, r.s, path, rep.line, key),
		Source:        records.Source{File: r.t.File, Line: rep.line},
	}
	checklist := readV1Checklist(rep)
	for _, m := range v1Metrics {
		status, listed := checklist.of(m.checklist...)
		var targets []records.Target
		var err error
		switch {
		case m.metric == perfContact:
			targets, err = r.contact(rep, path, status)
		case m.entry != "":
			targets, err = r.metric(rep, path, m, status)
		}
		if err != nil {
			return records.StorePerformance{}, err
		}
		if len(targets) == 0 && listed {
			// Only the checklist names it: its status alone.
			targets = []records.Target{{Metric: m.metric, Status: status}}
		}
		sp.Targets = append(sp.Targets, targets...)
	}
	for _, item := range checklist.items {
		for _, name := range v1Policies {
			if strings.EqualFold(item.name, name) {
				st, _ := checklist.of(name)
				sp.Policies = append(sp.Policies, records.PolicyCount{Key: item.name, Status: st})
			}
		}
	}
	return sp, nil
}

// metric reads one figure from each of its entries that holds its
// numerator element.
func (r v1Reader) metric(rep *xmlNode, path string, m v1Metric, status string) ([]records.Target, error) {
	var out []records.Target
	for _, f := range rep.find(m.entry, path, nil) {
		num := f.n.child(m.num)
		if num == nil {
			continue
		}
		tg := records.Target{Metric: m.metric, Status: status}
		if m.metric == perfODR {
			tg.Fulfillment = r.channel(f)
		}
		var err error
		path := f.path()
		numPath := path + "/" + num.name
		if tg.Numerator, err = r.count(num, numPath); err != nil {
			return nil, err
		}
		if tg.Rate, err = r.rate(num, numPath); err != nil {
			return nil, err
		}
		if m.den != "" {
			if den := f.n.child(m.den); den != nil {
				if tg.Denominator, err = r.count(den, path+"/"+den.name); err != nil {
					return nil, err
				}
			}
		}
		for _, part := range m.parts {
			el := f.n.child(part.name)
			n, err := r.count(el, path+"/"+part.name)
			if err != nil {
				return nil, err
			}
			addComponent(&tg, part.component, n)
		}
		if tg.From, tg.To, err = r.timeFrame(f.n, path); err != nil {
			return nil, err
		}
		tg.WindowDays = windowDays(tg.From, tg.To)
		out = append(out, tg)
	}
	return out, nil
}

// contact reads the contact response rate from each responseTimeMetrics
// entry, or from buyerSellerContactResponseTimeMetrics itself when it holds
// the counts: Numerator is responseUnder24Hours, Denominator the sum of
// the three counts (when all three are given), and Components late_response
// (responseTimeGreaterThan24Hours) and no_response
// (noResponseForContactsOlderThan24Hours).
func (r v1Reader) contact(rep *xmlNode, path, status string) ([]records.Target, error) {
	entries := rep.find("responseTimeMetrics", path, nil)
	for _, f := range rep.find("buyerSellerContactResponseTimeMetrics", path, nil) {
		if f.n.child("responseUnder24Hours") != nil || f.n.child("responseTimeGreaterThan24Hours") != nil ||
			f.n.child("noResponseForContactsOlderThan24Hours") != nil {
			entries = append(entries, f)
		}
	}
	var out []records.Target
	for _, f := range entries {
		path := f.path()
		var counts [3]*int
		for i, name := range []string{"responseUnder24Hours", "responseTimeGreaterThan24Hours", "noResponseForContactsOlderThan24Hours"} {
			el := f.n.child(name)
			if el == nil {
				continue
			}
			n, err := r.count(el, path+"/"+el.name)
			if err != nil {
				return nil, err
			}
			counts[i] = n
		}
		if counts == [3]*int{} {
			continue
		}
		tg := records.Target{Metric: perfContact, Status: status, Numerator: counts[0]}
		if counts[0] != nil && counts[1] != nil && counts[2] != nil {
			sum := *counts[0] + *counts[1] + *counts[2]
			tg.Denominator = &sum
		}
		for i, comp := range []string{compLateResponse, compNoResponse} {
			addComponent(&tg, comp, counts[i+1])
		}
		var err error
		if tg.From, tg.To, err = r.timeFrame(f.n, path); err != nil {
			return nil, err
		}
		tg.WindowDays = windowDays(tg.From, tg.To)
		out = append(out, tg)
	}
	return out, nil
}

// channel is an ODR entry's fulfillment channel: "afn" or "mfn" from a
// fulfillmentChannel, fulfillmentType or fulfilledBy value of the entry or
// of an element above it, or an element above it named afn or mfn; "" (all
// channels) when none says, or, with a warning, when the value is not one
// audit knows.
func (r v1Reader) channel(f v1Found) string {
	// The entry first, then the elements above it, nearest first.
	order := []*xmlNode{f.n}
	for i := len(f.above) - 1; i >= 0; i-- {
		order = append(order, f.above[i])
	}
	for _, n := range order {
		for _, key := range []string{"fulfillmentChannel", "fulfillmentType", "fulfilledBy"} {
			v, line, ok := n.value(key)
			if !ok || v == "" {
				continue
			}
			switch strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(v)) {
			case "afn", "amazon", "fba", "amazonfulfilled", "fulfilledbyamazon":
				return "afn"
			case "mfn", "merchant", "seller", "fbm", "merchantfulfilled", "sellerfulfilled":
				return "mfn"
			}
			r.s.Warnf("%s:%d: %s: %s %q is neither AFN nor MFN; the entry is read as all channels", r.t.File, line, f.path(), key, clip(v, 40))
			return ""
		}
		if n != f.n {
			switch strings.ToLower(n.name) {
			case "afn":
				return "afn"
			case "mfn":
				return "mfn"
			}
		}
	}
	return ""
}
