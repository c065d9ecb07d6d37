package records

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// A store keeps its records packed, in fewer bytes than the records the
// metrics read (Order, Shipment), and unpacks one when it is asked for: a
// shipment's timestamps are mostly written in one offset, a few days from
// its purchase date, and an order's file, status, sales channel, channel
// and business flag repeat a few combinations over a whole report. A
// record the packing cannot hold exactly (a timestamp with nanoseconds,
// one in another offset or years away, too many combinations) is kept
// whole beside the packed ones, so unpacking always gives back exactly
// what was stored.

// stampWords are a civil.Timestamp's three 32-bit words (Words): its
// date, its clock (second of the day, offset, flags) and its nanoseconds.
type stampWords [3]uint32

func wordsOf(t civil.Timestamp) stampWords { return t.Words() }

// clockSecBits are the bits of a clock word that hold the second of the
// day; the bits above say the offset, whether the time is set and whether
// it has a time of day.
const clockSecBits = 17

// bareClock is the clock word of a bare date (civil.DateStamp).
var bareClock = wordsOf(civil.DateStamp(0))[1]

// A packed timestamp (other than the purchase date) is 0 when empty, else
// relPresent | relTimed when it has the purchase date's offset and a time
// of day (a bare date otherwise), and the local seconds from the start of
// the purchase date as a 30-bit two's complement number.
const (
	relPresent = 1 << 31
	relTimed   = 1 << 30
	relMask    = 1<<30 - 1
	relLimit   = 1 << 29
)

// packStamp packs t relative to the purchase p; ok is false when it
// cannot be packed exactly.
func packStamp(t civil.Timestamp, p *stampWords) (uint32, bool) {
	w := wordsOf(t)
	if w == (stampWords{}) {
		return 0, true
	}
	if w[2] != 0 {
		return 0, false
	}
	var code uint32 = relPresent
	switch {
	case w[1] == bareClock:
	case w[1]>>clockSecBits == p[1]>>clockSecBits && p[1] != bareClock && p[1] != 0:
		code |= relTimed
	default:
		return 0, false
	}
	rel := (int64(int32(w[0]))-int64(int32(p[0])))*86400 + int64(w[1]&(1<<clockSecBits-1))
	if code&relTimed == 0 {
		rel = (int64(int32(w[0])) - int64(int32(p[0]))) * 86400
	}
	if rel < -relLimit || rel >= relLimit {
		return 0, false
	}
	return code | uint32(rel)&relMask, true
}

// unpackStamp is the timestamp packStamp packed.
func unpackStamp(code uint32, p *stampWords) civil.Timestamp {
	if code == 0 {
		return civil.Timestamp{}
	}
	rel := int64(int32(code<<2) >> 2) // sign-extend 30 bits
	days := rel / 86400
	sec := rel % 86400
	if sec < 0 {
		sec += 86400
		days--
	}
	var w stampWords
	w[0] = uint32(int32(p[0]) + int32(days))
	if code&relTimed != 0 {
		w[1] = p[1]&^(1<<clockSecBits-1) | uint32(sec)
	} else {
		w[1] = bareClock
	}
	return civil.TimestampOfWords(w)
}

// packDay packs an optional date as days from the purchase date: 0 when
// empty; ok is false when it is too far.
func packDay(o civil.OptDate, p civil.Date) (uint16, bool) {
	d, ok := o.Get()
	if !ok {
		return 0, true
	}
	v := int64(d) - int64(p) + 1<<15
	if v <= 0 || v >= 1<<16 {
		return 0, false
	}
	return uint16(v), true
}

func unpackDay(v uint16, p civil.Date) civil.OptDate {
	if v == 0 {
		return 0
	}
	return civil.OptDateOf(p + civil.Date(int(v)-1<<15))
}

// packedShipment is a Shipment in 48 bytes instead of 96.
type packedShipment struct {
	key      OrderKey
	shipping Fingerprint
	clock    uint32    // the purchase time's clock word
	stamps   [4]uint32 // latest ship, confirm, cancel, invoice (packStamp)
	line     int32
	// date is the purchase date as days from orderBase, +1<<15; 0 when
	// the shipment is kept whole (Shipments.whole).
	date      uint16
	promised  uint16 // packDay
	delivered uint16
	attr      uint16 // index of the file, store and flags among the store's
}

// shipmentAttrs are the values of a shipment that repeat a few
// combinations over a file: its file, its store and its flags.
type shipmentAttrs struct {
	file, market Sym
	flags        uint8 // CancelledBy (3 bits), Tracking (2), HasTrackingID, Business
}

const (
	flagTrackingShift = 3
	flagHasTracking   = 1 << 5
	flagBusiness      = 1 << 6
)

// attrPalette numbers the combinations of shipmentAttrs a store holds,
// with a small cache by a hash of the values before the map.
type attrPalette struct {
	vals   []shipmentAttrs
	index  map[shipmentAttrs]uint16
	recent [16]struct {
		a   shipmentAttrs
		at  uint16
		set bool
	}
}

// of is the number of a; ok is false when the palette is full.
func (p *attrPalette) of(a shipmentAttrs) (uint16, bool) {
	c := &p.recent[(uint(a.file)*5+uint(a.market)*3+uint(a.flags)*7)%uint(len(p.recent))]
	if c.set && c.a == a {
		return c.at, true
	}
	at, ok := p.index[a]
	if !ok {
		if len(p.vals) >= 1<<16-1 {
			return 0, false
		}
		if p.index == nil {
			p.index = map[shipmentAttrs]uint16{}
		}
		at = uint16(len(p.vals))
		p.vals = append(p.vals, a)
		p.index[a] = at
	}
	c.a, c.at, c.set = a, at, true
	return at, true
}

// packShipment packs sh; ok is false when it must be kept whole.
func packShipment(sh *Shipment, pal *attrPalette) (packedShipment, bool) {
	p := packedShipment{key: sh.Key, shipping: sh.Shipping, line: sh.Line}
	pw := wordsOf(sh.Purchase)
	if pw[2] != 0 || sh.CancelledBy > 7 || sh.Tracking > 3 {
		return p, false
	}
	d := int64(sh.Purchase.Date) - int64(orderBase) + 1<<15
	if d <= 0 || d >= 1<<16 {
		return p, false
	}
	p.date, p.clock = uint16(d), pw[1]
	var ok bool
	for i, t := range [4]civil.Timestamp{sh.LatestShip, sh.Confirm, sh.Cancel, sh.Invoice} {
		if p.stamps[i], ok = packStamp(t, &pw); !ok {
			return p, false
		}
	}
	if p.promised, ok = packDay(sh.Promised, sh.Purchase.Date); !ok {
		return p, false
	}
	if p.delivered, ok = packDay(sh.Delivered, sh.Purchase.Date); !ok {
		return p, false
	}
	a := shipmentAttrs{file: sh.File, market: sh.Marketplace, flags: uint8(sh.CancelledBy) | uint8(sh.Tracking)<<flagTrackingShift}
	if sh.HasTrackingID {
		a.flags |= flagHasTracking
	}
	if sh.Business {
		a.flags |= flagBusiness
	}
	if p.attr, ok = pal.of(a); !ok {
		return p, false
	}
	var back Shipment
	p.unpack(&back, pal)
	return p, back == *sh // anything the packing cannot hold: whole
}

// unpack fills sh with the shipment p holds (not one kept whole).
func (p *packedShipment) unpack(sh *Shipment, pal *attrPalette) {
	a := &pal.vals[p.attr]
	*sh = Shipment{Key: p.key, Shipping: p.shipping, Line: p.line, File: a.file, Marketplace: a.market,
		CancelledBy: CancelledBy(a.flags & 7), Tracking: TrackingMark(a.flags >> flagTrackingShift & 3),
		HasTrackingID: a.flags&flagHasTracking != 0, Business: a.flags&flagBusiness != 0}
	pw := stampWords{uint32(int32(orderBase) + int32(p.date) - 1<<15), p.clock}
	sh.Purchase = civil.TimestampOfWords(pw)
	sh.LatestShip = unpackStamp(p.stamps[0], &pw)
	sh.Confirm = unpackStamp(p.stamps[1], &pw)
	sh.Cancel = unpackStamp(p.stamps[2], &pw)
	sh.Invoice = unpackStamp(p.stamps[3], &pw)
	sh.Promised = unpackDay(p.promised, sh.Purchase.Date)
	sh.Delivered = unpackDay(p.delivered, sh.Purchase.Date)
}
