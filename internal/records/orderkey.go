package records

import (
	"strconv"
	"sync"
)

// OrderKey is an order id in 64 bits. An Amazon order id, three, seven and
// seven digits joined by hyphens ("113-1234567-1234567"), is those 17
// digits as a number: it needs no memory of its own and turns back into
// the same text. Any other id (another platform's, a hand-made test id) is
// interned once in a process-wide table and keyed by its index there, with
// the top bit set.
type OrderKey uint64

const internedKey = OrderKey(1) << 63

var idTable struct {
	sync.RWMutex
	keys map[string]OrderKey
	ids  []string
}

// KeyOf is the key of an order id, interning it if it is not an Amazon id.
func KeyOf(id string) OrderKey {
	if k, ok := amazonKey(id); ok {
		return k
	}
	idTable.RLock()
	k, ok := idTable.keys[id]
	idTable.RUnlock()
	if ok {
		return k
	}
	idTable.Lock()
	defer idTable.Unlock()
	if k, ok := idTable.keys[id]; ok {
		return k
	}
	if idTable.keys == nil {
		idTable.keys = map[string]OrderKey{}
	}
	k = internedKey | OrderKey(len(idTable.ids))
	s := string([]byte(id)) // a copy: id may be a slice of a whole line
	idTable.ids = append(idTable.ids, s)
	idTable.keys[s] = k
	return k
}

// LookupKey is the key of an id already seen, without interning a new one.
func LookupKey(id string) (OrderKey, bool) {
	if k, ok := amazonKey(id); ok {
		return k, true
	}
	idTable.RLock()
	defer idTable.RUnlock()
	k, ok := idTable.keys[id]
	return k, ok
}

// String is the order id as written.
func (k OrderKey) String() string {
	if k&internedKey != 0 {
		idTable.RLock()
		defer idTable.RUnlock()
		return idTable.ids[k&^internedKey]
	}
	var b [19]byte
	n := uint64(k)
	for i := 18; i >= 0; i-- {
		if i == 3 || i == 11 {
			b[i] = '-'
			continue
		}
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// amazonKey packs an id of Amazon's shape, three, seven and seven digits
// joined by hyphens; ok is false for any other id.
func amazonKey(id string) (OrderKey, bool) {
	if len(id) != 19 || id[3] != '-' || id[11] != '-' {
		return 0, false
	}
	var n uint64
	for i := 0; i < 19; i++ {
		if i == 3 || i == 11 {
			continue
		}
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return OrderKey(n), true
}

// Sym is a short, often repeated string (an order status, a sales channel,
// a file name) interned in a process-wide table: two bytes instead of a
// string header in every record.
type Sym uint16

var symTable struct {
	sync.RWMutex
	syms map[string]Sym
	strs []string
}

// Intern returns the symbol of s. Past 65535 distinct values (no column
// that is interned has that many) every further value shares the last
// symbol, which reads as "(many values)".
func Intern(s string) Sym {
	symTable.RLock()
	y, ok := symTable.syms[s]
	symTable.RUnlock()
	if ok {
		return y
	}
	symTable.Lock()
	defer symTable.Unlock()
	if symTable.syms == nil {
		symTable.syms = map[string]Sym{"": 0}
		symTable.strs = []string{""}
	}
	if y, ok := symTable.syms[s]; ok {
		return y
	}
	if len(symTable.strs) >= 1<<16-1 {
		return Sym(1<<16 - 1)
	}
	c := string([]byte(s))
	y = Sym(len(symTable.strs))
	symTable.strs = append(symTable.strs, c)
	symTable.syms[c] = y
	return y
}

// String is the interned text.
func (y Sym) String() string {
	if y == 0 {
		return ""
	}
	symTable.RLock()
	defer symTable.RUnlock()
	if int(y) >= len(symTable.strs) {
		return "(many values)"
	}
	return symTable.strs[y]
}

// keyString is for error messages and tests.
func (k OrderKey) GoString() string { return strconv.Quote(k.String()) }
