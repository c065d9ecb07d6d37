package records

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

func TestOrderKeyRoundTrip(t *testing.T) {
	for _, id := range []string{
		"113-1234567-1234567", "000-0000000-0000000", "999-9999999-9999999", "011-0000001-0000010",
		// not Amazon's shape: interned, and still written back as given
		"111-1", "KNOWN", "113-1234567-123456", "113-1234567-12345678", "113_1234567_1234567",
		"11a-1234567-1234567", "１１３-1234567-1234567", "",
	} {
		k := KeyOf(id)
		if got := k.String(); got != id {
			t.Errorf("KeyOf(%q).String() = %q", id, got)
		}
		if k2, ok := LookupKey(id); !ok || k2 != k {
			t.Errorf("LookupKey(%q) = %v, %v; want %v", id, k2, ok, k)
		}
	}
	if KeyOf("113-1234567-1234567") == KeyOf("113-1234567-1234568") {
		t.Error("two Amazon ids share a key")
	}
	if KeyOf("KNOWN")&internedKey == 0 || KeyOf("113-1234567-1234567")&internedKey != 0 {
		t.Error("interned and Amazon keys are not told apart")
	}
	if _, ok := LookupKey("never-seen-before-id"); ok {
		t.Error("LookupKey interned a new id")
	}
}

func TestSym(t *testing.T) {
	a, b := Intern("Shipped"), Intern("Cancelled")
	if a == b || Intern("Shipped") != a || a.String() != "Shipped" || b.String() != "Cancelled" {
		t.Errorf("Intern: %d %d %q %q", a, b, a, b)
	}
	if Intern("") != 0 || Sym(0).String() != "" {
		t.Error("the empty string is not symbol 0")
	}
}

// The store agrees with a map through growth, replacement and lookups of
// absent keys, and a copy it handed out is left alone as it grows.
func TestOrdersStore(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var st Orders
	want := map[string]civil.Date{}
	var ids []string
	first := st.Put(Order{Key: KeyOf("KEEP-ME"), Date: 7})
	want["KEEP-ME"] = 7
	ids = append(ids, "KEEP-ME")
	for i := 0; i < 20000; i++ {
		var id string
		if rng.Intn(10) == 0 {
			id = fmt.Sprintf("odd-%d", rng.Intn(3000))
		} else {
			id = fmt.Sprintf("%03d-%07d-%07d", rng.Intn(1000), rng.Intn(10000000), rng.Intn(10000000))
		}
		d := civil.Date(rng.Intn(1000))
		if _, seen := want[id]; !seen {
			ids = append(ids, id)
		}
		want[id] = d
		st.Put(Order{Key: KeyOf(id), Date: d, Line: int32(i)})
	}
	if st.Len() != len(want) {
		t.Fatalf("Len %d, want %d", st.Len(), len(want))
	}
	if first.Key.String() != "KEEP-ME" || first.Date != 7 {
		t.Errorf("a pointer from Put moved: %+v", *first)
	}
	for id, d := range want {
		o, ok := st.Get(id)
		if !ok || o.Date != d || o.ID() != id {
			t.Fatalf("Get(%q) = %+v, %v; want date %d", id, o, ok, d)
		}
	}
	for _, id := range []string{"999-9999999-9999998", "odd-99999", "not there"} {
		if _, ok := st.Get(id); ok {
			t.Errorf("Get(%q) found an order never put", id)
		}
	}
	i := 0
	for o := range st.All() {
		if o.ID() != ids[i] {
			t.Fatalf("All()[%d] = %q, want %q (insertion order)", i, o.ID(), ids[i])
		}
		i++
	}
	var empty Orders
	if _, ok := empty.Get("113-1234567-1234567"); ok || empty.Len() != 0 {
		t.Error("an empty store finds an order")
	}
}

func TestOrderSource(t *testing.T) {
	o := Order{Key: KeyOf("A"), File: Intern("dir/orders.txt"), Line: 12}
	if got := o.Source(); got != (Source{File: "dir/orders.txt", Line: 12}) {
		t.Errorf("Source = %+v", got)
	}
}

// The empty string is symbol 0 even when it is the first value interned
// (a fresh table, as in a process whose first order has no status).
func TestSymEmptyFirst(t *testing.T) {
	symTable.Lock()
	saved, savedStrs := symTable.syms, symTable.strs
	symTable.syms, symTable.strs = nil, nil
	symTable.Unlock()
	defer func() {
		symTable.Lock()
		symTable.syms, symTable.strs = saved, savedStrs
		symTable.Unlock()
	}()
	if y := Intern(""); y != 0 {
		t.Errorf(`Intern("") first = %d, want 0`, y)
	}
	if y := Intern("x"); y != 1 || y.String() != "x" {
		t.Errorf(`Intern("x") = %d %q`, y, y)
	}
}
