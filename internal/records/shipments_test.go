package records

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/sellerhealth/audit/internal/civil"
)

// pointerFree fails when a record type holds anything the garbage
// collector must scan.
func pointerFree(t *testing.T, typ reflect.Type) {
	t.Helper()
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		switch f.Type.Kind() {
		case reflect.Struct:
			pointerFree(t, f.Type)
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("%s.%s is a %s", typ, f.Name, f.Type)
		}
	}
}

// A shipment, a cancellation and an invoice hold no pointers, and a
// shipment is at most 96 bytes: half a million of them are 48 MB that the
// garbage collector never scans.
func TestRecordLayout(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Shipment](), reflect.TypeFor[Cancellation](), reflect.TypeFor[Invoice]()} {
		pointerFree(t, typ)
	}
	if n := unsafe.Sizeof(Shipment{}); n > 96 {
		t.Errorf("Shipment is %d bytes, want at most 96", n)
	}
	pointerFree(t, reflect.TypeFor[packedShipment]())
	if n := unsafe.Sizeof(packedShipment{}); n > 48 {
		t.Errorf("a packed shipment is %d bytes, want at most 48", n)
	}
	if n := unsafe.Sizeof(Cancellation{}); n > 24 {
		t.Errorf("Cancellation is %d bytes, want at most 24", n)
	}
	if n := unsafe.Sizeof(Invoice{}); n > 48 {
		t.Errorf("Invoice is %d bytes, want at most 48", n)
	}
}

func TestShipmentsStore(t *testing.T) {
	var st Shipments
	if st.Len() != 0 {
		t.Fatalf("empty store has %d", st.Len())
	}
	for range st.All() {
		t.Fatal("empty store yields a shipment")
	}
	const n = 2*shipmentChunk + 3 // over two block boundaries
	for i := 0; i < n; i++ {
		sh := Shipment{Key: OrderKey(1000 + i), Line: int32(i + 2)}
		st.Append(sh)
		if sh != *st.At(i) {
			t.Fatalf("At(%d) is not the shipment appended", i)
		}
	}
	if st.Len() != n {
		t.Fatalf("Len = %d, want %d", st.Len(), n)
	}
	if st.At(0).Key != 1000 || st.KeyAt(1) != 1001 {
		t.Error("the first shipments changed as the store grew")
	}
	i := 0
	for sh := range st.All() {
		if sh.Key != OrderKey(1000+i) || sh.Line != int32(i+2) {
			t.Fatalf("shipment %d is %d (line %d)", i, sh.Key, sh.Line)
		}
		i++
	}
	if i != n {
		t.Errorf("All yielded %d, want %d", i, n)
	}
	for range st.All() {
		break // stopping early must not panic
	}
	st.Swap(0, n-1)
	if st.At(0).Key != OrderKey(1000+n-1) || st.At(n-1).Key != 1000 {
		t.Errorf("Swap: %d, %d", st.At(0).Key, st.At(n-1).Key)
	}
	two := ShipmentsOf(Shipment{Key: 7}, Shipment{Key: 9})
	if two.Len() != 2 || two.At(0).Key != 7 || two.At(1).Key != 9 {
		t.Errorf("ShipmentsOf = %d shipments", two.Len())
	}
}

func TestFingerprint(t *testing.T) {
	// FNV-1a over "a" and the 0xff that ends a value: the published
	// vector of "a" (0xaf63dc4c8601ec8c), one step further.
	prime, a := uint64(1099511628211), uint64(0xaf63dc4c8601ec8c)
	if got, want := FingerprintOf("a"), (a^0xff)*prime; uint64(got) != want {
		t.Errorf("FingerprintOf(a) = %#x, want %#x", uint64(got), want)
	}
	seen := map[Fingerprint][]string{}
	for _, v := range [][]string{
		{"UPS", "1Z999AA10123456784"}, {"UPS", "1Z999AA10123456785"}, {"ups", "1Z999AA10123456784"},
		{"DHL", "001"}, {"DHL0", "01"}, {"DHL", ""}, {"", "DHL"}, {"", ""}, {""}, {},
	} {
		f := FingerprintOf(v...)
		if other, dup := seen[f]; dup {
			t.Errorf("FingerprintOf(%q) = %#x, as of %q", v, uint64(f), other)
		}
		seen[f] = v
	}
	if FingerprintOf("DHL", "001") != FingerprintOf("DHL", "001") {
		t.Error("a fingerprint changes")
	}
}

func TestShipmentAccessors(t *testing.T) {
	sh := Shipment{Key: KeyOf("113-1234567-1234567"), File: Intern("ship.csv"), Line: 42}
	if sh.OrderID() != "113-1234567-1234567" || sh.Source() != (Source{File: "ship.csv", Line: 42}) {
		t.Errorf("OrderID %q, Source %+v", sh.OrderID(), sh.Source())
	}
	for _, c := range []struct {
		id   bool
		mark TrackingMark
		want bool
	}{
		{true, TrackingUnmarked, true},
		{true, TrackingValid, true},
		{true, TrackingInvalid, false},
		{false, TrackingValid, false},
		{false, TrackingUnmarked, false},
	} {
		sh := Shipment{HasTrackingID: c.id, Tracking: c.mark}
		if sh.HasValidTracking() != c.want {
			t.Errorf("tracking id %v, mark %v: valid %v", c.id, c.mark, !c.want)
		}
	}
	c := Cancellation{Key: KeyOf("A-1"), File: Intern("c.csv"), Line: 3}
	v := Invoice{Key: KeyOf("A-2"), File: Intern("v.txt"), Line: 4, Shipped: civil.DateStamp(civil.NewDate(2026, 11, 20))}
	if c.OrderID() != "A-1" || c.Source() != (Source{"c.csv", 3}) || v.OrderID() != "A-2" || v.Source() != (Source{"v.txt", 4}) || v.Shipped.IsZero() {
		t.Errorf("cancellation %q %+v, invoice %q %+v", c.OrderID(), c.Source(), v.OrderID(), v.Source())
	}
}
