package records

import (
	"iter"

	"github.com/sellerhealth/audit/internal/civil"
)

// Order is one distinct order of the orders report (its item rows folded
// together), in 24 bytes and without pointers, so a million orders cost
// 24 MB and nothing for the garbage collector to scan.
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
// grows block by block, so it never copies what it holds and a pointer to
// an order stays valid.
const orderChunk = 1 << 12

// Orders holds the orders of a dataset by key. Lookups use an
// open-addressing table (linear probing, load between 1/2 and 3/4, grown
// by half) of 4-byte slots, not a map of strings: about 6 bytes an order.
type Orders struct {
	chunks [][]Order
	n      int
	// slots hold index+1 of an order in the low slotIndexBits bits (0:
	// empty) and a few bits of its key's hash above them, so that most
	// probes of another key end before reading an order (a cache miss).
	slots []uint32
}

// slotIndexBits is the width of an order's index in a slot: MaxOrders
// orders at the most.
const slotIndexBits = 26

// MaxOrders is how many orders one dataset can hold (67 million).
const MaxOrders = 1<<slotIndexBits - 1

const slotIndexMask = MaxOrders

// Len is the number of orders.
func (st *Orders) Len() int { return st.n }

func (st *Orders) at(i int) *Order { return &st.chunks[i/orderChunk][i%orderChunk] }

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
		if s == 0 || (s&^slotIndexMask == fp && st.at(int(s&slotIndexMask)-1).Key == k) {
			return i
		}
		if i++; i == len(st.slots) {
			i = 0
		}
	}
}

// Lookup returns the order of key k.
func (st *Orders) Lookup(k OrderKey) (*Order, bool) {
	i := st.find(k)
	if i < 0 || st.slots[i] == 0 {
		return nil, false
	}
	return st.at(int(st.slots[i]&slotIndexMask) - 1), true
}

// Get returns the order with the id as written.
func (st *Orders) Get(id string) (*Order, bool) {
	k, ok := LookupKey(id)
	if !ok {
		return nil, false
	}
	return st.Lookup(k)
}

// Insert returns the order of key k and true, or, when there is none, a
// new order with only its key set, and false: one probe of the table for
// a lookup that may add.
func (st *Orders) Insert(k OrderKey) (*Order, bool) {
	if (st.n+1)*4 > len(st.slots)*3 { // keep the load under 3/4
		st.grow(st.n + 1)
	}
	i := st.find(k)
	if s := st.slots[i]; s != 0 {
		return st.at(int(s&slotIndexMask) - 1), true
	}
	if st.n == MaxOrders {
		panic("records: more than MaxOrders orders") // readers check Full first
	}
	if st.n%orderChunk == 0 {
		st.chunks = append(st.chunks, make([]Order, orderChunk))
	}
	p := st.at(st.n)
	*p = Order{Key: k}
	st.slots[i] = slot(k, st.n)
	st.n++
	return p, false
}

// Reserve sizes the table for n orders, so adding them never rehashes.
func (st *Orders) Reserve(n int) {
	if n*4 > len(st.slots)*3 {
		st.grow(n)
	}
}

// Put adds o, or replaces the order with the same key; it returns the
// stored order, which stays valid as the store grows.
func (st *Orders) Put(o Order) *Order {
	if i := st.find(o.Key); i >= 0 && st.slots[i] != 0 {
		p := st.at(int(st.slots[i]&slotIndexMask) - 1)
		*p = o
		return p
	}
	p, _ := st.Insert(o.Key)
	*p = o
	return p
}

// grow makes the table hold n orders at a load under 3/4.
func (st *Orders) grow(n int) {
	size := max(64, len(st.slots))
	for n*4 > size*3 {
		size += size / 2
	}
	st.slots = make([]uint32, size)
	for i := 0; i < st.n; i++ {
		k := st.at(i).Key
		st.slots[st.find(k)] = slot(k, i)
	}
}

// slot is the table entry of the order at index i with key k.
func slot(k OrderKey, i int) uint32 { return fingerprint(hash(k)) | uint32(i+1) }

// Full says whether the store holds MaxOrders orders: no more can be
// added.
func (st *Orders) Full() bool { return st.n == MaxOrders }

// All yields every order, in the order they were added.
func (st *Orders) All() iter.Seq[*Order] {
	return func(yield func(*Order) bool) {
		for i := 0; i < st.n; i++ {
			if !yield(st.at(i)) {
				return
			}
		}
	}
}
