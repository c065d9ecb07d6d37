package records

import (
	"iter"

	"github.com/sellerhealth/audit/internal/civil"
)

// Order is one distinct order of the orders report (its item rows folded
// together), in 24 bytes and without pointers; the store keeps it packed
// in 16 (Orders), so a million orders cost 16 MB and nothing for the
// garbage collector to scan.
type Order struct {
	Key          OrderKey
	Date         civil.Date // purchase date as written
	Line         int32      // physical line of the first row seen
	File         Sym        // file of the first row seen
	Status       Sym        // order-status as written (Shipped, Cancelled, ...)
	SalesChannel Sym        // Amazon.com, Amazon.de, ...
	Channel      Channel
	Business     bool
}

// ID is the order id as written.
func (o *Order) ID() string { return o.Key.String() }

// Source is where the order's first row was read.
func (o *Order) Source() Source { return Source{File: o.File.String(), Line: int(o.Line)} }

// orderChunk is how many orders one block of the store holds: the store
// grows block by block, so it never copies what it holds.
const orderChunk = 1 << 12

// Orders holds the orders of a dataset by key, packed in 16 bytes each
// (packedOrder) and unpacked when read: All yields each in turn in one
// Order that the next overwrites, and Lookup and Get give a copy. A change
// to an order is made with Set. Lookups use an open-addressing table
// (linear probing, load between 1/2 and 3/4, grown by half) of 4-byte
// slots, not a map of strings: about 6 bytes an order.
type Orders struct {
	chunks [][]packedOrder
	n      int
	// slots hold index+1 of an order in the low slotIndexBits bits (0:
	// empty) and a few bits of its key's hash above them, so that most
	// probes of another key end before reading an order (a cache miss).
	slots []uint32
	// attrs are the combinations of file, status, sales channel, channel
	// and business flag the orders have, which repeat over a report.
	attrs   []orderAttrs
	attrsOf map[orderAttrs]uint16
	uses    []int32         // how many orders have each combination
	recent  [16]recentAttrs // combinations packed lately
	touched uint32          // what Touch read, so that its reads are not dropped
	// whole are the orders the packing cannot hold (a date before 1910 or
	// after 2089, a 65,536th combination), by index.
	whole map[int]Order
}

// orderBase is the date packed dates count from, 2000-01-01.
const orderBase = civil.Date(10957)

// packedOrder is an Order in 16 bytes: its key and line, its date as days
// from orderBase (+1<<15; 0 when the order is kept whole, or when it has
// only its key, just inserted) and the index of its other values among
// the store's combinations.
type packedOrder struct {
	key  OrderKey
	line int32
	date uint16
	attr uint16
}

type recentAttrs struct {
	attrs orderAttrs
	at    uint16
	set   bool
}

func b2u(b bool) uint {
	if b {
		return 1
	}
	return 0
}

type orderAttrs struct {
	file, status, sales Sym
	channel             Channel
	business            bool
}

// slotIndexBits is the width of an order's index in a slot: MaxOrders
// orders at the most.
const slotIndexBits = 26

// MaxOrders is how many orders one dataset can hold (67 million).
const MaxOrders = 1<<slotIndexBits - 1

const slotIndexMask = MaxOrders

// Len is the number of orders.
func (st *Orders) Len() int { return st.n }

func (st *Orders) packed(i int) *packedOrder { return &st.chunks[i/orderChunk][i%orderChunk] }

// get unpacks the i-th order into o.
func (st *Orders) get(i int, o *Order) {
	p := st.packed(i)
	if p.date == 0 {
		w, ok := st.whole[i]
		if !ok {
			w = Order{Key: p.key} // just inserted
		}
		*o = w
		return
	}
	a := &st.attrs[p.attr]
	*o = Order{Key: p.key, Date: orderBase + civil.Date(int(p.date)-1<<15), Line: p.line, File: a.file,
		Status: a.status, SalesChannel: a.sales, Channel: a.channel, Business: a.business}
}

// At is the i-th order, in the order they were added.
func (st *Orders) At(i int) Order {
	var o Order
	st.get(i, &o)
	return o
}

// Set replaces the i-th order (whose key must stay the same: the table
// places it by its key).
func (st *Orders) Set(i int, o *Order) {
	p := st.packed(i)
	if p.date == 0 {
		delete(st.whole, i)
	} else {
		st.uses[p.attr]--
	}
	*p = packedOrder{key: o.Key, line: o.Line}
	a := orderAttrs{file: o.File, status: o.Status, sales: o.SalesChannel, channel: o.Channel, business: o.Business}
	// A few combinations alternate row after row (statuses, channels): a
	// small cache by a hash of the values spares most map lookups.
	c := &st.recent[(uint(a.status)*7+uint(a.sales)*3+uint(a.file)*5+uint(a.channel)*11+b2u(a.business)*13)%uint(len(st.recent))]
	at, ok := c.at, c.set && c.attrs == a
	if !ok {
		if at, ok = st.attrsOf[a]; !ok && len(st.attrs) < 1<<16-1 {
			if st.attrsOf == nil {
				st.attrsOf = map[orderAttrs]uint16{}
			}
			at, ok = uint16(len(st.attrs)), true
			st.attrs = append(st.attrs, a)
			st.uses = append(st.uses, 0)
			st.attrsOf[a] = at
		}
		if ok {
			*c = recentAttrs{attrs: a, at: at, set: true}
		}
	}
	if d := int64(o.Date) - int64(orderBase) + 1<<15; ok && d > 0 && d < 1<<16 {
		p.date, p.attr = uint16(d), at
		st.uses[at]++
		return
	}
	if st.whole == nil {
		st.whole = map[int]Order{}
	}
	st.whole[i] = *o
}

// SalesChannels calls yield with the sales channel of the orders, each
// once, in no particular order: from the combinations the orders have,
// without reading the orders.
func (st *Orders) SalesChannels(yield func(Sym)) {
	seen := map[Sym]bool{}
	see := func(y Sym) {
		if !seen[y] {
			seen[y] = true
			yield(y)
		}
	}
	for i, a := range st.attrs {
		if st.uses[i] > 0 {
			see(a.sales)
		}
	}
	for _, o := range st.whole {
		see(o.SalesChannel)
	}
}

// hash spreads a key over 64 bits (Fibonacci hashing): the top 32 bits
// pick the slot (scaled to the table's size), the lowest ones are the
// fingerprint kept in it.
func hash(k OrderKey) uint64 { return uint64(k) * 0x9E3779B97F4A7C15 }

// fingerprint is the part of k's hash its slot keeps.
func fingerprint(h uint64) uint32 { return uint32(h) << slotIndexBits }

// find returns the slot of k: the one holding it, or the empty one where
// it would go; -1 when the table is empty.
func (st *Orders) find(k OrderKey) int {
	if len(st.slots) == 0 {
		return -1
	}
	h := hash(k)
	fp := fingerprint(h)
	i := int((h >> 32) * uint64(len(st.slots)) >> 32)
	for {
		s := st.slots[i]
		if s == 0 || (s&^slotIndexMask == fp && st.packed(int(s&slotIndexMask)-1).key == k) {
			return i
		}
		if i++; i == len(st.slots) {
			i = 0
		}
	}
}

// Touch reads the slot where the search for each of keys starts, so that
// the searches that follow find them in the cache: the reads of a batch
// of keys are independent, and the processor overlaps their misses, which
// one search after another cannot (the table is far larger than the
// cache).
func (st *Orders) Touch(keys func(yield func(OrderKey) bool)) {
	if len(st.slots) == 0 {
		return
	}
	var sum uint32
	n := uint64(len(st.slots))
	for k := range keys {
		sum += st.slots[int((hash(k)>>32)*n>>32)]
	}
	st.touched = sum
}

// Index is the index of the order of key k (At, Set).
func (st *Orders) Index(k OrderKey) (int, bool) {
	i := st.find(k)
	if i < 0 || st.slots[i] == 0 {
		return 0, false
	}
	return int(st.slots[i]&slotIndexMask) - 1, true
}

// Lookup returns a copy of the order of key k.
func (st *Orders) Lookup(k OrderKey) (*Order, bool) {
	i, ok := st.Index(k)
	if !ok {
		return nil, false
	}
	o := new(Order)
	st.get(i, o)
	return o, true
}

// Get returns a copy of the order with the id as written.
func (st *Orders) Get(id string) (*Order, bool) {
	k, ok := LookupKey(id)
	if !ok {
		return nil, false
	}
	return st.Lookup(k)
}

// Insert returns the index of the order of key k and true, or, when there
// is none, the index of a new order with only its key set, and false: one
// probe of the table for a lookup that may add.
func (st *Orders) Insert(k OrderKey) (int, bool) {
	if (st.n+1)*4 > len(st.slots)*3 { // keep the load under 3/4
		st.grow(st.n + 1)
	}
	i := st.find(k)
	if s := st.slots[i]; s != 0 {
		return int(s&slotIndexMask) - 1, true
	}
	if st.n == MaxOrders {
		panic("records: more than MaxOrders orders") // readers check Full first
	}
	if st.n%orderChunk == 0 {
		st.chunks = append(st.chunks, make([]packedOrder, orderChunk))
	}
	at := st.n
	st.n++
	*st.packed(at) = packedOrder{key: k} // only its key until Set
	st.slots[i] = slot(k, at)
	return at, false
}

// Reserve sizes the table for n orders, so adding them never rehashes:
// to a load of 3/4 at n, not to the next of the sizes growing by half
// gives (up to half as much again).
func (st *Orders) Reserve(n int) {
	if n*4 > len(st.slots)*3 {
		st.resize(max(64, n*4/3+1))
	}
}

// Put adds o, or replaces the order with the same key; it returns a copy
// of the order stored.
func (st *Orders) Put(o Order) *Order {
	i, _ := st.Insert(o.Key)
	st.Set(i, &o)
	return &o
}

// grow makes the table hold n orders at a load under 3/4.
func (st *Orders) grow(n int) {
	size := max(64, len(st.slots))
	for n*4 > size*3 {
		size += size / 2
	}
	st.resize(size)
}

// resize moves the orders to a table of size slots.
func (st *Orders) resize(size int) {
	st.slots = make([]uint32, size)
	for i := 0; i < st.n; i++ {
		k := st.packed(i).key
		st.slots[st.find(k)] = slot(k, i)
	}
}

// slot is the table entry of the order at index i with key k.
func slot(k OrderKey, i int) uint32 { return fingerprint(hash(k)) | uint32(i+1) }

// Full says whether the store holds MaxOrders orders: no more can be
// added.
func (st *Orders) Full() bool { return st.n == MaxOrders }

// All yields every order, in the order they were added. The order yielded
// is valid until the next: it is unpacked into one Order each time.
func (st *Orders) All() iter.Seq[*Order] {
	return func(yield func(*Order) bool) {
		var o Order
		for i := 0; i < st.n; i++ {
			st.get(i, &o)
			if !yield(&o) {
				return
			}
		}
	}
}
