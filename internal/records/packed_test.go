package records

import (
	"math/rand"
	"reflect"
	"testing"
	"unsafe"

	"github.com/sellerhealth/audit/internal/civil"
)

// The packing reads a civil.Timestamp as three 32-bit words: date, clock,
// nanoseconds (civil.Timestamp.Words), and gives it back from them.
func TestStampWords(t *testing.T) {
	for _, in := range []string{"2026-11-20T14:05:06.5+01:00", "2026-11-20", "1999-01-01T00:00:00Z", "2026-03-01T23:59:59-08:00"} {
		ts, err := civil.ParseTimestamp(in)
		if err != nil {
			t.Fatal(err)
		}
		w := wordsOf(ts)
		if civil.Date(int32(w[0])) != ts.Date || civil.TimestampOfWords(w) != ts {
			t.Errorf("words %v of %v", w, ts)
		}
	}
	if ts, _ := civil.ParseTimestamp("2026-11-20T14:05:06.5+01:00"); wordsOf(ts)[2] != 500000000 {
		t.Errorf("nanoseconds %d", wordsOf(ts)[2])
	}
	if civil.TimestampOfWords(stampWords{}) != (civil.Timestamp{}) {
		t.Error("zero words are not the zero timestamp")
	}
}

// Every shipment comes back from the store as it went in: packed, or kept
// whole when the packing cannot hold it.
func TestShipmentsPackRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	stamps := []string{"", "2026-08-03", "2026-08-03T14:28:32-08:00", "2026-08-06T23:59:59-08:00", "2026-08-04T05:39:11-08:00",
		"2026-08-04T05:39:11+01:00", "2026-08-04T05:39:11Z", "2026-08-04T05:39", "2026-08-04T05:39:11.25-08:00",
		"2010-01-01T00:00:00-08:00", "2045-12-31", "2026-07-30T00:00:00-08:00", "2026-08-02T23:59:59-08:00", "1970-01-01"}
	ts := func() civil.Timestamp {
		s := stamps[rng.Intn(len(stamps))]
		if s == "" {
			return civil.Timestamp{}
		}
		t, err := civil.ParseTimestamp(s)
		if err != nil {
			panic(err)
		}
		return t
	}
	day := func() civil.OptDate {
		switch rng.Intn(4) {
		case 0:
			return 0
		case 1:
			return civil.OptDateOf(civil.NewDate(2026, 8, 1+rng.Intn(20)))
		case 2:
			return civil.OptDateOf(civil.Date(rng.Intn(200000) - 100000))
		}
		return civil.OptDateOf(civil.NewDate(2026, 7, 25))
	}
	var st Shipments
	var want []Shipment
	for i := 0; i < 3*shipmentChunk; i++ {
		sh := Shipment{Key: OrderKey(rng.Uint64()), Shipping: Fingerprint(rng.Uint64()), Purchase: ts(), LatestShip: ts(),
			Confirm: ts(), Cancel: ts(), Invoice: ts(), Promised: day(), Delivered: day(), Line: rng.Int31(),
			File: Sym(rng.Intn(5)), Marketplace: Sym(rng.Intn(5)), CancelledBy: CancelledBy(rng.Intn(5)),
			Tracking: TrackingMark(rng.Intn(3)), HasTrackingID: rng.Intn(2) == 0, Business: rng.Intn(2) == 0}
		want = append(want, sh)
		st.Append(sh)
	}
	for i := 0; i < 500; i++ { // replacing one, packed or whole, by another
		j, k := rng.Intn(len(want)), rng.Intn(len(want))
		st.Set(j, &want[k])
		want[j] = want[k]
	}
	packed := 0
	i := 0
	for sh := range st.All() {
		if *sh != want[i] {
			t.Fatalf("shipment %d:\n got %+v\nwant %+v", i, *sh, want[i])
		}
		if st.packed(i).date != 0 {
			packed++
		}
		i++
	}
	if packed == 0 || packed == len(want) || len(st.whole) != len(want)-packed {
		t.Errorf("%d of %d packed, %d whole", packed, len(want), len(st.whole))
	}
}

// Every order comes back from the store as it went in: packed, or kept
// whole when the packing cannot hold it; a packed order is 16 bytes.
func TestOrdersPackRoundTrip(t *testing.T) {
	pointerFree(t, reflect.TypeFor[packedOrder]())
	if n := unsafe.Sizeof(packedOrder{}); n > 16 {
		t.Errorf("a packed order is %d bytes, want at most 16", n)
	}
	rng := rand.New(rand.NewSource(9))
	var st Orders
	want := map[OrderKey]Order{}
	var keys []OrderKey
	for i := 0; i < 3*orderChunk; i++ {
		o := Order{Key: OrderKey(rng.Uint64() >> 8), Date: civil.NewDate(2026, 8, 1).AddDays(rng.Intn(120)), Line: rng.Int31(),
			File: Sym(rng.Intn(3)), Status: Sym(rng.Intn(4)), SalesChannel: Sym(rng.Intn(3)), Channel: Channel(rng.Intn(3)), Business: rng.Intn(2) == 0}
		switch rng.Intn(50) {
		case 0:
			o.Date = civil.Date(rng.Intn(1 << 20)) // years away: kept whole
		case 1:
			o.Date = civil.Date(-rng.Intn(1 << 20))
		}
		if _, dup := want[o.Key]; !dup {
			keys = append(keys, o.Key)
		}
		want[o.Key] = o
		st.Put(o)
	}
	for i := 0; i < 500; i++ { // replacing one, packed or whole, by another
		k := keys[rng.Intn(len(keys))]
		o := want[keys[rng.Intn(len(keys))]]
		o.Key = k
		want[k] = o
		st.Put(o)
	}
	i := 0
	for o := range st.All() {
		if *o != want[keys[i]] {
			t.Fatalf("order %d:\n got %+v\nwant %+v", i, *o, want[keys[i]])
		}
		if g, ok := st.Lookup(o.Key); !ok || *g != *o {
			t.Fatalf("Lookup(%d) = %+v, %v", o.Key, g, ok)
		}
		i++
	}
	if i != len(keys) || len(st.whole) == 0 || len(st.whole) == len(keys) {
		t.Errorf("%d orders of %d, %d whole", i, len(keys), len(st.whole))
	}
	// The sales channels are those of the orders, each once, after
	// orders changed channel.
	for _, k := range keys {
		if o, _ := st.Lookup(k); o.SalesChannel == 2 { // channel 2 is gone
			o.SalesChannel = 7
			j, _ := st.Index(k)
			st.Set(j, o)
		}
	}
	var got []Sym
	st.SalesChannels(func(y Sym) { got = append(got, y) })
	channels := map[Sym]bool{}
	for o := range st.All() {
		channels[o.SalesChannel] = true
	}
	seen := map[Sym]bool{}
	for _, y := range got {
		if seen[y] || !channels[y] {
			t.Errorf("SalesChannels gave %d (twice: %v)", y, seen[y])
		}
		seen[y] = true
	}
	if len(seen) != len(channels) || channels[2] {
		t.Errorf("SalesChannels = %v, want %v", got, channels)
	}
}
