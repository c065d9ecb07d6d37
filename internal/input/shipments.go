package input

import (
	"fmt"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// The shipments file is project-defined (report-formats.md, "Canonical
// files"): one row per seller-fulfilled order with its ship-by,
// confirmation, cancellation, tracking, delivery and invoice times, which
// no single Amazon download carries.
var shipmentsSpec = Spec{
	Kind:  "shipments",
	Title: "shipments file",
	Columns: []Column{
		{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number"}},
		{Name: "marketplace", Aliases: []string{"store", "marketplace-code", "sales-channel"}},
		{Name: "purchase-date", Aliases: []string{"order-date", "purchased-at", "ordered-at"}},
		{Name: "latest-ship-date", Aliases: []string{"expected-ship-date", "ship-by-date", "ship-by", "latest-ship-by"}},
		{Name: "ship-confirm-date", Aliases: []string{"ship-confirmation-date", "confirmed-at", "shipped-at", "ship-date", "shipment-date"}},
		{Name: "cancel-date", Aliases: []string{"cancellation-date", "cancelled-at", "canceled-at", "cancelled-date", "canceled-date"}},
		{Name: "cancelled-by", Aliases: []string{"canceled-by", "cancel-initiator", "cancellation-initiator", "cancelled-by-party"}},
		{Name: "carrier", Aliases: []string{"carrier-name"}},
		{Name: "tracking-id", Aliases: []string{"tracking-number", "tracking"}},
		{Name: "tracking-valid", Aliases: []string{"valid-tracking", "tracking-is-valid", "is-tracking-valid"}},
		{Name: "promised-delivery-date", Aliases: []string{"promise-date", "promised-date", "latest-delivery-date", "delivery-promise-date"}},
		{Name: "delivery-date", Aliases: []string{"delivered-at", "delivered-date", "actual-delivery-date"}},
		{Name: "is-business-order", Aliases: []string{"business-order", "is-business"}},
		{Name: "invoice-upload-date", Aliases: []string{"invoice-uploaded-at", "invoice-upload-time", "invoice-uploaded"}},
	},
	Required: []string{"order-id", "purchase-date", "latest-ship-date", "ship-confirm-date"},
	Anchor: func(c map[string]int) bool {
		return has(c, "order-id") && (has(c, "latest-ship-date") || has(c, "ship-confirm-date"))
	},
	Quoted: true,
	Read:   readShipments,
}

var cancelledBy = map[string]records.CancelledBy{
	"seller": records.CancelledSeller, "merchant": records.CancelledSeller,
	"buyer": records.CancelledBuyer, "customer": records.CancelledBuyer, "buyer-requested": records.CancelledBuyer,
	"amazon": records.CancelledAmazon, "system": records.CancelledAmazon, "automatic": records.CancelledAmazon, "auto": records.CancelledAmazon,
}

var trackingMarks = map[string]records.TrackingMark{
	"":  records.TrackingUnmarked,
	"y": records.TrackingValid, "yes": records.TrackingValid, "true": records.TrackingValid, "valid": records.TrackingValid, "1": records.TrackingValid,
	"n": records.TrackingInvalid, "no": records.TrackingInvalid, "false": records.TrackingInvalid, "invalid": records.TrackingInvalid, "0": records.TrackingInvalid,
}

// shipmentCols are the columns readShipments reads, in the order of
// shipmentFields.
var shipmentCols = [...]string{
	"order-id", "marketplace", "purchase-date", "latest-ship-date", "ship-confirm-date", "cancel-date", "cancelled-by",
	"carrier", "tracking-id", "tracking-valid", "promised-delivery-date", "delivery-date", "is-business-order", "invoice-upload-date",
}

// shipmentFields are the values of one row's columns.
type shipmentFields struct {
	OrderID, Marketplace, Purchase, LatestShip, Confirm, Cancel, CancelledBy,
	Carrier, TrackingID, Valid, Promised, Delivered, Business, Invoice string
}

// readShipments reads the file that can hold a row per seller-fulfilled
// order, so it reads without gocsv: encoding/csv, the columns placed once,
// each value parsed into a compact records.Shipment.
func readShipments(t *Table, s *Sink) error {
	idx := make([]int, len(shipmentCols)) // field index of each column, -1 when absent
	var cols []int
	for i, c := range shipmentCols {
		idx[i] = t.Col(c)
		if idx[i] >= 0 {
			cols = append(cols, idx[i])
		}
	}
	field := func(row []string, i int) string {
		if j := idx[i]; j >= 0 && j < len(row) {
			return row[j]
		}
		return ""
	}
	rd := shipmentReader{t: t, file: records.Intern(t.File)}
	hasPromised := t.Has("promised-delivery-date")
	all := &s.Data.Shipments
	index := newShipmentIndex(all, t.estimatedRows())
	// Rows are parsed into a batch, and the batch is added in file order
	// once the index slots of all its orders have been read (touch): their
	// cache misses then overlap instead of coming one row after another.
	var batch []records.Shipment
	flush := func() error {
		line := t.line
		defer func() { t.line = line }()
		index.touch(batch)
		for i := range batch {
			t.line = int(batch[i].Line) // for the warnings and errors of its row
			if err := keepShipment(s, &rd, all, index, &batch[i], hasPromised); err != nil {
				batch = batch[:0]
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	err := eachCanonicalRow(t, cols, func(row []string) error {
		f := shipmentFields{
			field(row, 0), field(row, 1), field(row, 2), field(row, 3), field(row, 4), field(row, 5), field(row, 6),
			field(row, 7), field(row, 8), field(row, 9), field(row, 10), field(row, 11), field(row, 12), field(row, 13),
		}
		sh, err := rd.parse(&f)
		if err != nil {
			if ferr := flush(); ferr != nil { // the rows before it come first
				return ferr
			}
			return err
		}
		t.spans.Add(records.Ordered, sh.Marketplace, sh.Purchase.Date)
		t.spans.Add(records.ShipBy, sh.Marketplace, sh.LatestShip.Date)
		if p, ok := sh.Promised.Get(); ok {
			t.spans.Add(records.Promised, sh.Marketplace, p)
		}
		if batch = append(batch, sh); len(batch) == shipmentBatch {
			return flush()
		}
		return nil
	})
	if ferr := flush(); ferr != nil {
		return ferr
	}
	return err
}

// shipmentBatch is how many rows readShipments parses before it adds them.
const shipmentBatch = 256

// keepShipment adds a parsed row: merged into the row of its order read
// before, set aside, or kept.
func keepShipment(s *Sink, rd *shipmentReader, all *records.Shipments, index *shipmentIndex, sh *records.Shipment, hasPromised bool) error {
	t := rd.t
	// Set aside when no window reaches it. A row without a promised
	// delivery date, in a file that has the column, is kept whole: a
	// later download may give the date and bring the order into a
	// window, and a row set aside keeps too little to be merged with
	// it value by value (merge).
	old := s.since != 0 && sh.Latest() < s.since && (sh.Promised != 0 || !hasPromised)
	if all.Len() >= maxShipments || all.OldLen() >= maxShipments {
		return &InputError{File: t.File, Line: t.line,
			Msg: fmt.Sprintf("more than %d shipments: too many for one audit; split the period", maxShipments)}
	}
	at := all.Len()
	if old {
		at = oldBit | all.OldLen()
	}
	if prev, dup := index.put(all, sh.Key, at); dup {
		// The same order in an overlapping download: one order.
		rd.merge(s, all, index, prev, sh)
		return nil
	}
	if sh.CancelledBy == records.CancelledUnknown {
		s.unknownCancellers.add(sh.File, 1)
	}
	if old {
		// No window of the run reaches it: keep what tells a later
		// row of the order, and its store.
		all.SetAside(sh, oldHash(sh))
		return nil
	}
	all.Append(*sh)
	return nil
}

// shipmentReader turns a row's values into a Shipment, remembering the
// values of the columns that repeat a few values on every row.
type shipmentReader struct {
	t       *Table
	file    records.Sym
	markets map[string]records.Sym // value as written -> store code
	by      enumMemo[records.CancelledBy]
	marks   enumMemo[records.TrackingMark]
}

// enumMemo remembers enumField's answers by the value as written, so that
// a column repeating a few values is normalized once per value.
type enumMemo[T any] map[string]T

func (m *enumMemo[T]) field(t *Table, col, v string, names map[string]T, what, want string) (T, error) {
	if x, ok := (*m)[v]; ok {
		return x, nil
	}
	x, err := enumField(t, col, v, names, what, want)
	if err != nil {
		return x, err
	}
	if *m == nil {
		*m = enumMemo[T]{}
	}
	if len(*m) < 64 { // spellings of a few values, unless the file is odd
		(*m)[strings.Clone(v)] = x
	}
	return x, nil
}

func (rd *shipmentReader) parse(r *shipmentFields) (records.Shipment, error) {
	t := rd.t
	var sh records.Shipment
	id, err := orderID(t, "order-id", r.OrderID)
	if err != nil {
		return sh, err
	}
	sh.Key = records.KeyOf(id) // a copy when it is not an Amazon id
	if mp := trim(r.Marketplace); mp != "" {
		code, ok := rd.markets[mp]
		if !ok {
			m, ok := market.Resolve(mp)
			if !ok {
				return sh, t.Errorf("marketplace", "unknown marketplace %q (want a store code such as US, UK, DE, a sales channel such as Amazon.de or a marketplace id such as A1PA6795UKMFR9)", mp)
			}
			if rd.markets == nil {
				rd.markets = map[string]records.Sym{}
			}
			code = records.Intern(m.Code)
			rd.markets[strings.Clone(mp)] = code
		}
		sh.Marketplace = code
	}
	if sh.Purchase, err = timestampField(t, "purchase-date", r.Purchase); err != nil {
		return sh, err
	}
	if sh.LatestShip, err = timestampField(t, "latest-ship-date", r.LatestShip); err != nil {
		return sh, err
	}
	if sh.Confirm, err = optTimestampField(t, "ship-confirm-date", r.Confirm); err != nil {
		return sh, err
	}
	if sh.Cancel, err = optTimestampField(t, "cancel-date", r.Cancel); err != nil {
		return sh, err
	}
	if trim(r.CancelledBy) != "" {
		if sh.CancelledBy, err = rd.by.field(t, "cancelled-by", r.CancelledBy, cancelledBy, "canceller", "seller, buyer or amazon"); err != nil {
			return sh, err
		}
	}
	if !sh.Cancel.IsZero() && sh.CancelledBy == records.NotCancelled {
		sh.CancelledBy = records.CancelledUnknown
	}
	if sh.Cancel.IsZero() && sh.CancelledBy != records.NotCancelled {
		// Without its date the cancellation cannot be placed against
		// --as-of; dropping it would hide a seller cancellation.
		return sh, t.Errorf("cancel-date", "empty, but cancelled-by says %q: give the cancellation's date", trim(r.CancelledBy))
	}
	trackingID := trim(r.TrackingID)
	sh.HasTrackingID = trackingID != ""
	sh.Shipping = records.FingerprintOf(trim(r.Carrier), trackingID)
	if trim(r.Valid) != "" {
		if sh.Tracking, err = rd.marks.field(t, "tracking-valid", r.Valid, trackingMarks, "tracking validity", "Y, N or empty"); err != nil {
			return sh, err
		}
	}
	if sh.Promised, err = optDateField(t, "promised-delivery-date", r.Promised); err != nil {
		return sh, err
	}
	if sh.Delivered, err = optDateField(t, "delivery-date", r.Delivered); err != nil {
		return sh, err
	}
	if sh.Business, err = boolField(t, "is-business-order", r.Business); err != nil {
		return sh, err
	}
	if sh.Invoice, err = optTimestampField(t, "invoice-upload-date", r.Invoice); err != nil {
		return sh, err
	}
	sh.File, sh.Line = rd.file, int32(t.line)
	return sh, nil
}

// Overlapping downloads hold rows of one order taken at different times: a
// value empty in one and filled in the other is progress (an order
// confirmed, tracked or delivered since), taken silently whichever row
// comes first; only two different filled values conflict, and the first
// row's value is kept, with a warning. The values a later row can fill in
// are these, one bit each in a shipment's filled mask (filledOf).
const (
	sfMarketplace = 1 << iota
	sfPurchase
	sfLatestShip
	sfConfirm
	sfCancel
	sfCancelledBy // seller, buyer or amazon: not unknown
	sfShipping    // carrier and tracking id, one value, filled with a tracking id
	sfTracking    // tracking-valid
	sfPromised
	sfDelivered
	sfBusiness // true: false and empty are alike
	sfInvoice
)

// filledOf is the mask of the values sh holds.
func filledOf(sh *records.Shipment) uint16 {
	var m uint16
	set := func(bit uint16, ok bool) {
		if ok {
			m |= bit
		}
	}
	set(sfMarketplace, sh.Marketplace != 0)
	set(sfPurchase, !sh.Purchase.IsZero())
	set(sfLatestShip, !sh.LatestShip.IsZero())
	set(sfConfirm, !sh.Confirm.IsZero())
	set(sfCancel, !sh.Cancel.IsZero())
	set(sfCancelledBy, sh.CancelledBy != records.NotCancelled && sh.CancelledBy != records.CancelledUnknown)
	set(sfShipping, sh.HasTrackingID)
	set(sfTracking, sh.Tracking != records.TrackingUnmarked)
	set(sfPromised, sh.Promised != 0)
	set(sfDelivered, sh.Delivered != 0)
	set(sfBusiness, sh.Business)
	set(sfInvoice, !sh.Invoice.IsZero())
	return m
}

// sameIn says whether a and b hold the same values in the fields of mask.
func sameIn(a, b *records.Shipment, mask uint16) bool {
	return (mask&sfMarketplace == 0 || a.Marketplace == b.Marketplace) &&
		(mask&sfPurchase == 0 || a.Purchase.Same(b.Purchase)) &&
		(mask&sfLatestShip == 0 || a.LatestShip.Same(b.LatestShip)) &&
		(mask&sfConfirm == 0 || a.Confirm.Same(b.Confirm)) &&
		(mask&sfCancel == 0 || a.Cancel.Same(b.Cancel)) &&
		(mask&sfCancelledBy == 0 || a.CancelledBy == b.CancelledBy) &&
		(mask&sfShipping == 0 || a.Shipping == b.Shipping) &&
		(mask&sfTracking == 0 || a.Tracking == b.Tracking) &&
		(mask&sfPromised == 0 || a.Promised == b.Promised) &&
		(mask&sfDelivered == 0 || a.Delivered == b.Delivered) &&
		(mask&sfInvoice == 0 || a.Invoice.Same(b.Invoice))
	// sfBusiness: filled means true, the same in both.
}

// take copies the fields of mask from src to dst.
func take(dst, src *records.Shipment, mask uint16) {
	if mask&sfMarketplace != 0 {
		dst.Marketplace = src.Marketplace
	}
	if mask&sfPurchase != 0 {
		dst.Purchase = src.Purchase
	}
	if mask&sfLatestShip != 0 {
		dst.LatestShip = src.LatestShip
	}
	if mask&sfConfirm != 0 {
		dst.Confirm = src.Confirm
	}
	if mask&sfCancel != 0 {
		dst.Cancel = src.Cancel
	}
	if mask&sfCancelledBy != 0 {
		dst.CancelledBy = src.CancelledBy
	}
	if mask&sfShipping != 0 {
		dst.Shipping, dst.HasTrackingID = src.Shipping, src.HasTrackingID
	}
	if mask&sfTracking != 0 {
		dst.Tracking = src.Tracking
	}
	if mask&sfPromised != 0 {
		dst.Promised = src.Promised
	}
	if mask&sfDelivered != 0 {
		dst.Delivered = src.Delivered
	}
	if mask&sfBusiness != 0 {
		dst.Business = src.Business
	}
	if mask&sfInvoice != 0 {
		dst.Invoice = src.Invoice
	}
	if !dst.Cancel.IsZero() && dst.CancelledBy == records.NotCancelled {
		dst.CancelledBy = records.CancelledUnknown // a cancel date came, its canceller did not
	}
}

// mergeShipment folds a later row of the order into the first: the values
// the first leaves empty are taken (progress), and the first's values are
// kept where both are filled. It says whether two filled values differ.
func mergeShipment(first, later *records.Shipment) (conflict bool) {
	ff, lf := filledOf(first), filledOf(later)
	conflict = !sameIn(first, later, ff&lf)
	take(first, later, lf&^ff)
	return conflict
}

// hashMasked hashes the values of the fields of mask (the others as if
// empty): with the mask in its low 16 bits, it is what is kept of a
// shipment set aside (oldHash), from which a later row of the order is
// told to be the same row, a row that only fills values in, or another.
func hashMasked(sh *records.Shipment, mask uint16) uint64 {
	h := uint64(14695981039346656037)
	mix := func(v uint64) {
		h ^= v
		h *= 1099511628211
		h ^= h >> 29
	}
	ts := func(bit uint16, t civil.Timestamp) {
		if mask&bit == 0 || t.IsZero() {
			mix(0)
			return
		}
		sec, nsec := t.Unix()
		mix(uint64(t.Date))
		mix(uint64(sec))
		mix(uint64(nsec))
		if t.HasTime() {
			mix(1)
		} else {
			mix(2)
		}
	}
	val := func(bit uint16, v uint64) {
		if mask&bit == 0 {
			mix(0)
			return
		}
		mix(v + 1)
	}
	mix(uint64(sh.Key))
	val(sfMarketplace, uint64(sh.Marketplace))
	ts(sfPurchase, sh.Purchase)
	ts(sfLatestShip, sh.LatestShip)
	ts(sfConfirm, sh.Confirm)
	ts(sfCancel, sh.Cancel)
	val(sfCancelledBy, uint64(sh.CancelledBy))
	val(sfShipping, uint64(sh.Shipping))
	val(sfTracking, uint64(sh.Tracking))
	val(sfPromised, uint64(sh.Promised))
	val(sfDelivered, uint64(sh.Delivered))
	val(sfBusiness, 1)
	ts(sfInvoice, sh.Invoice)
	return h
}

// oldHashWith is hashMasked with the mask in the low 16 bits.
func oldHashWith(sh *records.Shipment, mask uint16) uint64 {
	return hashMasked(sh, mask)&^0xffff | uint64(mask)
}

// oldHash is what is kept of the values of a shipment set aside.
func oldHash(sh *records.Shipment) uint64 { return oldHashWith(sh, filledOf(sh)) }

// firstRow is the row an order was first read from: a shipment kept, or one
// set aside; at is its index entry.
type firstRow struct {
	sh   *records.Shipment // a copy; nil when set aside
	at   int
	line int32
	file records.Sym
}

// merge folds a later row of an order read before (prev) into it; see
// mergeShipment. A row set aside as older than every window keeps only a
// hash of its values and which are filled (oldHash), so a later row is
// compared with it as far as the hash tells: the same row again; a row
// that holds all its values and more (taken whole, and kept in full if it
// now reaches a window); else the new values are taken where it can tell
// (its store), a conflict is warned about when the later row fills every
// value it fills (two filled values then differ), and a row that would
// bring it into a window, which it can no longer be merged with, is used
// in its place with a warning.
func (rd *shipmentReader) merge(s *Sink, all *records.Shipments, x *shipmentIndex, prev firstRow, sh *records.Shipment) {
	t := rd.t
	differs := func() {
		s.Warnf("%s:%d: order %s differs from its row at %s:%d; using the first", t.File, t.line, sh.OrderID(), prev.file.String(), prev.line)
	}
	// An order cancelled without saying by whom is counted under the file
	// of its row kept, once every row is merged (a later one may say).
	recount := func(file records.Sym, was, is bool) {
		switch {
		case was && !is:
			s.unknownCancellers.add(file, -1)
		case is && !was:
			s.unknownCancellers.add(file, 1)
		}
	}
	if f := prev.sh; f != nil {
		was := f.CancelledBy == records.CancelledUnknown
		if mergeShipment(f, sh) {
			differs()
		}
		all.Set(prev.at, f) // f is a copy
		recount(f.File, was, f.CancelledBy == records.CancelledUnknown)
		return
	}
	o := all.OldAt(prev.at &^ oldBit)
	lf := filledOf(sh)
	h := oldHashWith(sh, lf)
	if h == o.Hash {
		return // the same row again
	}
	mask := uint16(o.Hash)
	unknown := func(m uint16) bool { return m&sfCancel != 0 && m&sfCancelledBy == 0 }
	// The merged order reaches a window only by a promised delivery date
	// the row set aside lacks and this row gives: its other dates are the
	// first's, all before every window.
	promised, ok := sh.Promised.Get()
	reaches := ok && mask&sfPromised == 0 && promised >= s.since
	if lf&mask == mask && oldHashWith(sh, mask) == o.Hash {
		// All of its values and more: the later row is the order now.
		recount(o.File, unknown(mask), unknown(lf))
		if !reaches {
			o.Hash, o.Marketplace = h, sh.Marketplace
			return
		}
		kept := *sh
		kept.File, kept.Line = o.File, o.Line
		x.repoint(all, sh.Key, all.Len())
		all.Append(kept)
		return
	}
	if mask&sfMarketplace == 0 && lf&sfMarketplace != 0 {
		o.Marketplace = sh.Marketplace
	}
	if reaches {
		// Its promised delivery date brings the order into a window, but
		// the row set aside (from a file without the column) cannot be
		// merged with it value by value.
		s.Warnf("%s:%d: order %s differs from its row at %s:%d, which is older than every window of the run and was not kept whole; using this row", t.File, t.line, sh.OrderID(), prev.file.String(), prev.line)
		recount(o.File, unknown(mask), false)
		recount(sh.File, false, unknown(lf))
		x.repoint(all, sh.Key, all.Len())
		all.Append(*sh)
		return
	}
	// The values it fills where the row set aside is empty are taken (of
	// them only the store is kept), the others are the first's.
	recount(o.File, unknown(mask), unknown(mask|lf))
	if lf&mask == mask || (mask&lf&sfMarketplace != 0 && o.Marketplace != sh.Marketplace) {
		differs() // a value both rows fill differs
	}
}

// oldBit marks an index entry that is a shipment set aside.
const oldBit = 1 << 27

// maxShipments is how many shipments (kept, or set aside) one dataset can
// hold: an index entry's bits below oldBit.
const maxShipments = oldBit - 1

// shipmentIndex finds an order's row among the shipments read so far, so
// that overlapping downloads count each order once. It is an
// open-addressing table built afresh for each file from the shipments of
// the files before (kept or set aside), at a load under 3/4 (grown by
// half); a slot (4 bytes) holds the entry (a shipment's index, or oldBit
// and the index of one set aside) plus one in its low 28 bits and 4 bits
// of the order key's hash above them, so that most probes of another key
// end before reading a shipment's key (a cache miss).
type shipmentIndex struct {
	slots   []uint32 // fingerprint | entry+1; 0 empty
	n       int
	touched uint32 // what touch read, so that its reads are not dropped
}

const (
	slotEntryBits = 28
	slotEntryMask = 1<<slotEntryBits - 1
)

// newShipmentIndex indexes the shipments read so far, in a table sized for
// rows more (an estimate of the file's rows: no rehash while reading it).
func newShipmentIndex(all *records.Shipments, rows int) *shipmentIndex {
	x := &shipmentIndex{}
	x.reserve(all, all.Len()+all.OldLen()+rows)
	for i := 0; i < all.Len(); i++ {
		x.put(all, all.KeyAt(i), i)
	}
	for i := 0; i < all.OldLen(); i++ {
		x.put(all, all.OldAt(i).Key, oldBit|i)
	}
	return x
}

// reserve sizes the table for n entries at a load under 3/4.
func (x *shipmentIndex) reserve(all *records.Shipments, n int) {
	size := max(64, len(x.slots))
	for n*4 > size*3 {
		size += size / 2
	}
	if size > len(x.slots) {
		x.resize(all, size)
	}
}

// keyHash is k's Fibonacci hash: its top 32 bits place it, its lowest
// ones are the slot's fingerprint.
func keyHash(k records.OrderKey) uint64 { return uint64(k) * 0x9E3779B97F4A7C15 }

// home is the first slot of hash h.
func (x *shipmentIndex) home(h uint64) int { return int((h >> 32) * uint64(len(x.slots)) >> 32) }

func slotFingerprint(h uint64) uint32 { return uint32(h) << slotEntryBits }

// row is the first row of index entry i.
func row(all *records.Shipments, i int) firstRow {
	if i&oldBit != 0 {
		o := all.OldAt(i &^ oldBit)
		return firstRow{at: i, line: o.Line, file: o.File}
	}
	sh := all.At(i)
	return firstRow{sh: sh, at: i, line: sh.Line, file: sh.File}
}

func keyOf(all *records.Shipments, i int) records.OrderKey {
	if i&oldBit != 0 {
		return all.OldAt(i &^ oldBit).Key
	}
	return all.KeyAt(i)
}

// touch reads the home slot of each shipment's order, so that the puts
// that follow find them in the cache (see records.Orders.Touch).
func (x *shipmentIndex) touch(batch []records.Shipment) {
	if len(x.slots) == 0 {
		return
	}
	var sum uint32
	for i := range batch {
		sum += x.slots[x.home(keyHash(batch[i].Key))]
	}
	x.touched = sum
}

// put indexes order k as entry i (a shipment's index, or oldBit|i for the
// i-th set aside; i may be the one about to be added), unless the order is
// indexed already: then it returns that order's first row.
func (x *shipmentIndex) put(all *records.Shipments, k records.OrderKey, i int) (firstRow, bool) {
	if (x.n+1)*4 > len(x.slots)*3 { // keep the load under 3/4
		x.reserve(all, x.n+1)
	}
	h := keyHash(k)
	fp := slotFingerprint(h)
	for s := x.home(h); ; {
		v := x.slots[s]
		if v == 0 {
			x.slots[s] = fp | uint32(i+1)
			x.n++
			return firstRow{}, false
		}
		if v&^slotEntryMask == fp {
			if j := int(v&slotEntryMask) - 1; keyOf(all, j) == k {
				return row(all, j), true
			}
		}
		if s++; s == len(x.slots) {
			s = 0
		}
	}
}

// repoint makes order k, indexed already, index entry i (a row set aside
// that a later row replaces).
func (x *shipmentIndex) repoint(all *records.Shipments, k records.OrderKey, i int) {
	h := keyHash(k)
	fp := slotFingerprint(h)
	for s := x.home(h); ; {
		v := x.slots[s]
		if v == 0 {
			return
		}
		if v&^slotEntryMask == fp && keyOf(all, int(v&slotEntryMask)-1) == k {
			x.slots[s] = fp | uint32(i+1)
			return
		}
		if s++; s == len(x.slots) {
			s = 0
		}
	}
}

// resize moves the entries to a table of size slots, reading each one's
// key again (the slots keep only a few bits of its hash).
func (x *shipmentIndex) resize(all *records.Shipments, size int) {
	old := x.slots
	x.slots = make([]uint32, size)
	for _, v := range old {
		if v == 0 {
			continue
		}
		s := x.home(keyHash(keyOf(all, int(v&slotEntryMask)-1)))
		for x.slots[s] != 0 {
			if s++; s == len(x.slots) {
				s = 0
			}
		}
		x.slots[s] = v
	}
}

// plural writes "1 order" / "2 orders".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
