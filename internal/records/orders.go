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
// open-addressing table of indices (4 bytes an order at the most load),
// not a map of strings.
type Orders struct {
	chunks [][]Order
	n      int
	slots  []int32 // index+1 of the order in a slot; 0 empty
}

// Len is the number of orders.
func (st *Orders) Len() int { return st.n }

func (st *Orders) at(i int) *Order { return &st.chunks[i/orderChunk][i%orderChunk] }

// hash spreads a key over the table (Fibonacci hashing).
func hash(k OrderKey, bits uint) uint64 { return (uint64(k) * 0x9E3779B97F4A7C15) >> (64 - bits) }

func (st *Orders) bits() uint {
	b := uint(0)
	for 1<<b < len(st.slots) {
		b++
	}
	return b
}

// find returns the slot of k: the one holding it, or the empty one where
// it would go.
func (st *Orders) find(k OrderKey) int {
	if len(st.slots) == 0 {
		return -1
	}
	mask := len(st.slots) - 1
	i := int(hash(k, st.bits()))
	for {
		s := st.slots[i]
		if s == 0 || st.at(int(s-1)).Key == k {
			return i
		}
		i = (i + 1) & mask
	}
}

// Lookup returns the order of key k.
func (st *Orders) Lookup(k OrderKey) (*Order, bool) {
	i := st.find(k)
	if i < 0 || st.slots[i] == 0 {
		return nil, false
	}
	return st.at(int(st.slots[i] - 1)), true
}

// Get returns the order with the id as written.
func (st *Orders) Get(id string) (*Order, bool) {
	k, ok := LookupKey(id)
	if !ok {
		return nil, false
	}
	return st.Lookup(k)
}

// Put adds o, or replaces the order with the same key; it returns the
// stored order, which stays valid as the store grows.
func (st *Orders) Put(o Order) *Order {
	if i := st.find(o.Key); i >= 0 && st.slots[i] != 0 {
		p := st.at(int(st.slots[i] - 1))
		*p = o
		return p
	}
	if (st.n+1)*4 > len(st.slots)*3 { // keep the load under 3/4
		st.grow()
	}
	if st.n%orderChunk == 0 {
		st.chunks = append(st.chunks, make([]Order, orderChunk))
	}
	p := st.at(st.n)
	*p = o
	st.n++
	st.slots[st.find(o.Key)] = int32(st.n)
	return p
}

func (st *Orders) grow() {
	size := max(64, len(st.slots)*2)
	st.slots = make([]int32, size)
	for i := 0; i < st.n; i++ {
		st.slots[st.find(st.at(i).Key)] = int32(i + 1)
	}
}

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
