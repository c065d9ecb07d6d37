package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Kaufland's order units (Kaufland Seller API v2, GET /v2/order-units,
// operationId GetOrderUnits; the response schema CollectionApiResponse_
// OrderUnit_ of the API's swagger.json, version 2.17.2): a JSON document
// {"data": [OrderUnit, ...], "pagination": {"offset", "limit", "total"}},
// saved as the API returns it. Pages saved one per file are read as
// several files; the pages joined into one document (one "data" list, as
// audit fetch is to write them) are read the same.
//
// It is sniffed, not detected by a header: a JSON object whose first 64 KiB
// name "data" and "id_order_unit". Of each unit, audit reads id_order_unit
// (a number), id_order, storefront, status, ts_created_iso and
// ts_updated_iso (all required: the schema requires every key of
// OrderUnit), delivery_time_expires_iso and cancel_reason (nullable),
// price (cents) and currency; the other keys, the buyer's and the
// addresses among them, are not read. A key missing, a value of the
// wrong JSON type or a timestamp that is no timestamp is an *InputError at
// its file, line and column. A status or cancel reason the schema does not
// list is kept as written, with one warning per value.
//
// Several files, or one file twice, hold a unit once, by id_order_unit: the
// copy with the later ts_updated_iso wins (it is the unit's newer state:
// need_to_be_sent, then sent). Two copies updated at the same instant that
// differ in a value read are a conflict: the first read is kept, with a
// warning (conflicts.go); so are two copies that differ in a value that
// never changes (id_order, storefront, ts_created_iso), whichever is newer.
var kauflandSpec = Spec{
	Kind:   "kaufland-order-units",
	Title:  "Kaufland order units (Seller API GET /v2/order-units, JSON)",
	Anchor: func(map[string]int) bool { return false }, // a JSON document: sniffed, never a header row
	Sniff:  func(sample []byte) bool { return sniffJSONKeys(sample, "data", "id_order_unit") },
	Read:   readKaufland,
}

// KauflandStatuses are the order unit statuses of the schema
// (OrderUnitStatus).
var KauflandStatuses = []string{"cancelled", "need_to_be_sent", "open", "received", "returned", "returned_paid", "sent", "sent_and_autopaid"}

// KauflandCancelReasons are the cancel reasons of the schema
// (OrderUnitCancelReason).
var KauflandCancelReasons = []string{"BuyerCancelled", "ShippingAddressUndeliverable", "WrongCatalogData", "GeneralAdjustment",
	"MerchandiseNotReceived", "NoInventory", "DelayedInventory", "WrongPrice", "NoReactionBuyer", "UndeliverableRegion"}

// kauflandStorefronts are the storefronts of the schema (Storefront).
var kauflandStorefronts = []string{"DE", "CZ", "SK", "PL", "AT"}

// rawAt is a JSON value and the offset where it starts.
type rawAt struct {
	raw json.RawMessage
	off int
}

// kauflandReader reads one document's units.
type kauflandReader struct {
	t     *Table
	lines *lineCounter
}

// errAt is an InputError at offset off of the document.
func (r *kauflandReader) errAt(off int, format string, args ...any) *InputError {
	line, col := position(r.t.Doc, off)
	return &InputError{File: r.t.File, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func readKaufland(t *Table, s *Sink) error {
	var top map[string]json.RawMessage
	if err := decodeDocument(t, &top); err != nil {
		return err
	}
	if _, ok := top["data"]; !ok {
		return &InputError{File: t.File, Line: 1, Column: 1, Msg: `no top-level "data" list: not a response of GET /v2/order-units`}
	}
	r := &kauflandReader{t: t, lines: newLineCounter(t.Doc)}
	units, err := r.units()
	if err != nil {
		return err
	}
	// The statuses and reasons of the units read before were warned about
	// already, if unknown.
	seen := map[string]bool{}
	for _, u := range s.Data.Kaufland {
		seen["s:"+u.Status], seen["r:"+u.CancelReason], seen["f:"+u.Storefront] = true, true, true
	}
	index := make(map[int64]int, len(s.Data.Kaufland)+len(units))
	for i, u := range s.Data.Kaufland {
		index[u.ID] = i
	}
	for _, u := range units {
		if !seen["s:"+u.Status] && !slices.Contains(KauflandStatuses, u.Status) {
			s.Warnf("%s:%d: Kaufland order unit status %q is not one the API lists (%s): kept, counted by the rules of no known status", t.File, u.Source.Line, u.Status, strings.Join(KauflandStatuses, ", "))
		}
		if u.CancelReason != "" && !seen["r:"+u.CancelReason] && !slices.Contains(KauflandCancelReasons, u.CancelReason) {
			s.Warnf("%s:%d: Kaufland cancel reason %q is not one the API lists: kept, and not counted as the seller's (docs/metrics.md)", t.File, u.Source.Line, u.CancelReason)
		}
		if !seen["f:"+u.Storefront] && !slices.Contains(kauflandStorefronts, u.Storefront) {
			s.Warnf("%s:%d: Kaufland storefront %q is not one the API lists (%s): kept", t.File, u.Source.Line, u.Storefront, strings.Join(kauflandStorefronts, ", "))
		}
		seen["s:"+u.Status], seen["r:"+u.CancelReason], seen["f:"+u.Storefront] = true, true, true
		store := records.Intern(u.Storefront)
		t.spans.Add(records.Ordered, store, u.Created.Date)
		if !u.Expires.IsZero() {
			t.spans.Add(records.ShipBy, store, u.Expires.Date)
		}
		i, ok := index[u.ID]
		if !ok {
			index[u.ID] = len(s.Data.Kaufland)
			s.Data.Kaufland = append(s.Data.Kaufland, u)
			continue
		}
		s.Data.Kaufland[i] = mergeKauflandUnit(s, s.Data.Kaufland[i], u)
	}
	t.rowsRead = len(units)
	return nil
}

// mergeKauflandUnit is the one unit of two copies, old read before u (see
// kauflandSpec).
func mergeKauflandUnit(s *Sink, old, u records.KauflandUnit) records.KauflandUnit {
	for _, f := range [...]struct{ name, a, b string }{
		{"id_order", old.OrderID, u.OrderID},
		{"storefront", old.Storefront, u.Storefront},
		{"ts_created_iso", kauflandStamp(old.Created), kauflandStamp(u.Created)},
	} {
		if f.a != f.b {
			s.conflictf("Kaufland order unit values", "%s: Kaufland order unit %d has %s %q here, %q at %s: the copy updated later is kept",
				at(u.Source), u.ID, f.name, f.b, f.a, at(old.Source))
		}
	}
	switch c := u.Updated.Compare(old.Updated); {
	case c > 0:
		return u
	case c < 0:
		return old
	}
	for _, f := range [...]struct{ name, a, b string }{
		{"status", old.Status, u.Status},
		{"cancel_reason", old.CancelReason, u.CancelReason},
		{"delivery_time_expires_iso", kauflandStamp(old.Expires), kauflandStamp(u.Expires)},
		{"price", fmt.Sprint(old.Price), fmt.Sprint(u.Price)},
	} {
		if f.a != f.b {
			s.conflictf("Kaufland order unit values", "%s: Kaufland order unit %d has %s %q here, %q at %s, both updated at %s: the first read is kept",
				at(u.Source), u.ID, f.name, f.b, f.a, at(old.Source), kauflandStamp(u.Updated))
		}
	}
	return old
}

// stampText writes a timestamp as an instant ("" for none).
func kauflandStamp(ts civil.Timestamp) string {
	if ts.IsZero() {
		return ""
	}
	return ts.Instant().UTC().Format("2006-01-02T15:04:05Z07:00")
}

// units walks the document (valid JSON, its top level an object) and reads
// each element of its top-level "data" list.
func (r *kauflandReader) units() ([]records.KauflandUnit, error) {
	data := r.t.Doc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // '{'
		return nil, jsonError(r.t.File, data, err)
	}
	var out []records.KauflandUnit
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(r.t.File, data, err)
		}
		if tok != "data" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, jsonError(r.t.File, data, err)
			}
			continue
		}
		start := r.valueAt(int(dec.InputOffset()))
		if data[start] != '[' {
			return nil, r.errAt(start, `"data": want a list of order units`)
		}
		dec.Token() // '['
		out = out[:0]
		for dec.More() {
			off := r.valueAt(int(dec.InputOffset()))
			if data[off] != '{' {
				return nil, r.errAt(off, "an order unit: want an object")
			}
			fields, err := r.object(dec)
			if err != nil {
				return nil, err
			}
			u, err := r.unit(off, fields)
			if err != nil {
				return nil, err
			}
			out = append(out, u)
		}
		dec.Token() // ']'
	}
	return out, nil
}

// valueAt is the offset of the next value at or after off: past spaces,
// a colon and a comma.
func (r *kauflandReader) valueAt(off int) int {
	return min(jsonValueAt(r.t.Doc, off), len(r.t.Doc)-1)
}

// object reads one object's keys and values, with where each value starts.
func (r *kauflandReader) object(dec *json.Decoder) (map[string]rawAt, error) {
	dec.Token() // '{'
	fields := map[string]rawAt{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(r.t.File, r.t.Doc, err)
		}
		key, _ := tok.(string)
		off := r.valueAt(int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(r.t.File, r.t.Doc, err)
		}
		fields[key] = rawAt{raw: raw, off: off}
	}
	dec.Token() // '}'
	return fields, nil
}

// unit reads the values audit uses of one order unit, whose object starts
// at off.
func (r *kauflandReader) unit(off int, f map[string]rawAt) (records.KauflandUnit, error) {
	line, _ := r.lines.at(off)
	u := records.KauflandUnit{Source: records.Source{File: r.t.File, Line: line}}
	var err error
	need := func(key string) (rawAt, bool) {
		v, ok := f[key]
		if !ok && err == nil {
			err = r.errAt(off, "an order unit without %q (the API always gives it)", key)
		}
		return v, ok
	}
	str := func(key string, required, nullable bool) string {
		v, ok := f[key]
		if !ok {
			if required {
				need(key)
			}
			return ""
		}
		if string(v.raw) == "null" {
			if !nullable && err == nil {
				err = r.errAt(v.off, "%s: want a string, got null", key)
			}
			return ""
		}
		var s string
		if json.Unmarshal(v.raw, &s) != nil {
			if err == nil {
				err = r.errAt(v.off, "%s: want a string, got %s", key, shortJSON(v.raw))
			}
			return ""
		}
		s = strings.TrimSpace(s)
		if s == "" && required && err == nil {
			err = r.errAt(v.off, "%s: empty", key)
		}
		return s
	}
	stamp := func(key string, nullable bool) civil.Timestamp {
		v, ok := f[key]
		if !ok {
			need(key)
			return civil.Timestamp{}
		}
		s := str(key, true, nullable)
		if s == "" || err != nil {
			return civil.Timestamp{}
		}
		ts, perr := civil.ParseTimestamp(s)
		if perr != nil || !ts.HasTime() {
			err = r.errAt(v.off, "%s: want a timestamp like 2025-06-04T21:59:59Z, got %q", key, s)
		}
		return ts
	}
	integer := func(key string) int64 {
		v, ok := need(key)
		if !ok {
			return 0
		}
		var n int64
		if json.Unmarshal(v.raw, &n) != nil && err == nil {
			err = r.errAt(v.off, "%s: want a whole number, got %s", key, shortJSON(v.raw))
		}
		return n
	}
	u.ID = integer("id_order_unit")
	u.OrderID = str("id_order", true, false)
	u.Storefront = strings.ToUpper(str("storefront", true, false))
	u.Status = str("status", true, false)
	u.Created = stamp("ts_created_iso", false)
	u.Updated = stamp("ts_updated_iso", false)
	u.Expires = stamp("delivery_time_expires_iso", true)
	u.CancelReason = str("cancel_reason", false, true)
	if _, ok := f["price"]; ok {
		u.Price = integer("price")
	}
	u.Currency = str("currency", false, true)
	return u, err
}

// shortJSON is a JSON value for a message, cut at 40 bytes.
func shortJSON(raw json.RawMessage) string {
	s := string(raw)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}
