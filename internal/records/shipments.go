package records

import (
	"iter"

	"github.com/sellerhealth/audit/internal/civil"
)

// CancelledBy says who cancelled a seller-fulfilled order.
type CancelledBy uint8

const (
	NotCancelled     CancelledBy = iota
	CancelledSeller              // counts in the pre-fulfillment cancel rate
	CancelledBuyer               // buyer-requested: denominator only
	CancelledAmazon              // Amazon's automatic cancel of an unconfirmed order: counts
	CancelledUnknown             // a cancel date without who: counted, with a warning
)

func (c CancelledBy) String() string {
	return [...]string{"", "seller", "buyer", "amazon", "unknown"}[c]
}

// Tracking validity as the shipments file marks it.
type TrackingMark uint8

const (
	TrackingUnmarked TrackingMark = iota // valid when a tracking id is present
	TrackingValid
	TrackingInvalid
)

// Shipment is one seller-fulfilled order's fulfilment story (the canonical
// shipments file of report-formats.md, one row per order), in 96 bytes
// without pointers, kept packed in 48 (Shipments), so that the shipments
// of a large account cost little memory and nothing for the garbage
// collector to scan. An optional time or date the file leaves empty is the
// zero value (IsZero, Get).
type Shipment struct {
	Key OrderKey
	// Shipping is the fingerprint of the carrier and the tracking id as
	// written: no metric reads them, but two rows of one order are told
	// apart by them.
	Shipping      Fingerprint
	Purchase      civil.Timestamp
	LatestShip    civil.Timestamp // expected ship date: a bare date is a deadline (end of day)
	Confirm       civil.Timestamp // ship confirmation; zero when not confirmed
	Cancel        civil.Timestamp // zero when not cancelled
	Invoice       civil.Timestamp // invoice upload time; zero when none
	Promised      civil.OptDate   // promised delivery date
	Delivered     civil.OptDate   // actual delivery date as written
	Line          int32           // physical line of the row
	File          Sym             // file of the row
	Marketplace   Sym             // store code, "" when unknown
	CancelledBy   CancelledBy
	Tracking      TrackingMark
	HasTrackingID bool
	Business      bool
}

// OrderID is the order id as written.
func (s *Shipment) OrderID() string { return s.Key.String() }

// Source is where the shipment's row was read.
func (s *Shipment) Source() Source { return Source{File: s.File.String(), Line: int(s.Line)} }

// HasValidTracking: a tracking id is present and the export does not mark
// it invalid (metrics.md, Valid Tracking Rate).
func (s *Shipment) HasValidTracking() bool {
	return s.HasTrackingID && s.Tracking != TrackingInvalid
}

// shipmentChunk is how many shipments one block of Shipments holds.
const shipmentChunk = 1 << 12

// Shipments holds a dataset's shipments, one per order, in the order they
// were read. It grows block by block: appending never copies what it holds
// (a slice of half a million shipments would copy 60 MB at each growth and
// hold old and new at once).
//
// Shipments are kept packed (packedShipment, 48 bytes), and unpacked when
// read: All yields each in turn in one Shipment that the next overwrites,
// and At gives a copy. A change to a shipment is made with Set.
type Shipments struct {
	chunks [][]packedShipment
	n      int
	// whole are the shipments the packing cannot hold exactly, by index.
	whole map[int]Shipment
	// attrs are the combinations of file, store and flags the shipments
	// have.
	attrs attrPalette
	// old are the shipments set aside as too old for any window of the
	// run (input.Options.Since), in blocks like chunks.
	old  [][]OldShipment
	nOld int
}

// OldShipment is what is kept of a shipment set aside, 24 bytes instead of
// 96: that its order has a shipment, the store it names (the metrics need
// both), and, for reading a later row of the order, a hash of its values
// and where it was read.
type OldShipment struct {
	Key         OrderKey
	Hash        uint64
	Line        int32
	File        Sym
	Marketplace Sym
}

// SetAside keeps what is needed of a shipment too old to count; hash is
// the reader's hash of its values.
func (st *Shipments) SetAside(sh *Shipment, hash uint64) {
	if st.nOld == len(st.old)*shipmentChunk {
		st.old = append(st.old, make([]OldShipment, shipmentChunk))
	}
	st.old[st.nOld/shipmentChunk][st.nOld%shipmentChunk] = OldShipment{Key: sh.Key, Hash: hash, Line: sh.Line, File: sh.File, Marketplace: sh.Marketplace}
	st.nOld++
}

// OldLen is the number of shipments set aside.
func (st *Shipments) OldLen() int { return st.nOld }

// OldAt is the i-th shipment set aside.
func (st *Shipments) OldAt(i int) *OldShipment { return &st.old[i/shipmentChunk][i%shipmentChunk] }

// Old yields the shipments set aside, in the order they were read.
func (st *Shipments) Old() iter.Seq[*OldShipment] {
	return func(yield func(*OldShipment) bool) {
		for i := 0; i < st.nOld; i++ {
			if !yield(st.OldAt(i)) {
				return
			}
		}
	}
}

// Latest is the latest of the dates that place a shipment in a window:
// its purchase date (cancellations, invoices), expected ship date (late
// shipment) and promised delivery date (tracking, delivery). A shipment
// whose Latest is before every window of a run cannot count in it.
func (s *Shipment) Latest() civil.Date {
	d := max(s.Purchase.Date, s.LatestShip.Date)
	if p, ok := s.Promised.Get(); ok {
		d = max(d, p)
	}
	return d
}

// ShipmentsOf is a store holding list, for tests.
func ShipmentsOf(list ...Shipment) Shipments {
	var st Shipments
	for _, sh := range list {
		st.Append(sh)
	}
	return st
}

// Len is the number of shipments.
func (st *Shipments) Len() int { return st.n }

func (st *Shipments) packed(i int) *packedShipment {
	return &st.chunks[i/shipmentChunk][i%shipmentChunk]
}

// get unpacks the i-th shipment into sh.
func (st *Shipments) get(i int, sh *Shipment) {
	p := st.packed(i)
	if p.date == 0 {
		*sh = st.whole[i]
		return
	}
	p.unpack(sh, &st.attrs)
}

// KeyAt is the order key of the i-th shipment.
func (st *Shipments) KeyAt(i int) OrderKey { return st.packed(i).key }

// At is a copy of the i-th shipment.
func (st *Shipments) At(i int) *Shipment {
	sh := new(Shipment)
	st.get(i, sh)
	return sh
}

// Set replaces the i-th shipment.
func (st *Shipments) Set(i int, sh *Shipment) {
	p := st.packed(i)
	if p.date == 0 && st.whole != nil {
		delete(st.whole, i)
	}
	var ok bool
	if *p, ok = packShipment(sh, &st.attrs); !ok {
		*p = packedShipment{key: sh.Key} // date 0: kept whole
		if st.whole == nil {
			st.whole = map[int]Shipment{}
		}
		st.whole[i] = *sh
	}
}

// Append adds sh (At gives it back).
func (st *Shipments) Append(sh Shipment) {
	if st.n == len(st.chunks)*shipmentChunk {
		st.chunks = append(st.chunks, make([]packedShipment, shipmentChunk))
	}
	st.n++
	st.Set(st.n-1, &sh)
}

// Swap exchanges the i-th and j-th shipments (for tests that shuffle).
func (st *Shipments) Swap(i, j int) {
	a, b := st.At(i), st.At(j)
	st.Set(i, b)
	st.Set(j, a)
}

// All yields every shipment, in order. The shipment yielded is valid
// until the next: it is unpacked into one Shipment each time.
func (st *Shipments) All() iter.Seq[*Shipment] {
	return func(yield func(*Shipment) bool) {
		var sh Shipment
		for i := 0; i < st.n; i++ {
			st.get(i, &sh)
			if !yield(&sh) {
				return
			}
		}
	}
}

// Fingerprint stands for values no metric reads but that tell two rows of
// one order apart (a carrier, a tracking id): their 64-bit FNV-1a hash. It
// costs no memory of its own and, unlike a Sym, no entry in a table that a
// column of unique values would fill.
type Fingerprint uint64

// FingerprintOf is the fingerprint of values as written, in order.
func FingerprintOf(values ...string) Fingerprint {
	h := uint64(14695981039346656037)
	for _, v := range values {
		for i := 0; i < len(v); i++ {
			h ^= uint64(v[i])
			h *= 1099511628211
		}
		h ^= 0xff // a byte no UTF-8 text holds ends each value
		h *= 1099511628211
	}
	return Fingerprint(h)
}

// Cancellation is one row of Amazon's cancellation download (Order Date,
// Order ID, Impacts Account Health).
type Cancellation struct {
	Key     OrderKey
	Date    civil.Date
	Line    int32 // physical line of the row
	File    Sym   // file of the row
	Impacts bool
}

// OrderID is the order id as written.
func (c *Cancellation) OrderID() string { return c.Key.String() }

// Source is where the row was read.
func (c *Cancellation) Source() Source { return Source{File: c.File.String(), Line: int(c.Line)} }

// Invoice is one row of the VAT invoice data report: a business order's
// shipment and whether its invoice was uploaded.
type Invoice struct {
	Key         OrderKey
	Shipped     civil.Timestamp // zero when not shipped
	OrderDate   civil.Date
	Line        int32 // physical line of the order's first row
	File        Sym   // file of the order's first row
	Marketplace Sym   // store code, "" when unknown
	Business    bool
	Uploaded    bool
}

// OrderID is the order id as written.
func (v *Invoice) OrderID() string { return v.Key.String() }

// Source is where the order's first row was read.
func (v *Invoice) Source() Source { return Source{File: v.File.String(), Line: int(v.Line)} }
