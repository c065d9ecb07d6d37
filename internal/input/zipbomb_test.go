package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/records"
)

// rawLocal is a member's local header and data as craftZip writes them.
type rawLocal struct {
	name, body string
	deflate    bool
}

// rawEntry is an entry of the central directory craftZip writes: it may
// point at any local header (several at one), and claim a compressed size
// of its own.
type rawEntry struct {
	name  string
	local int // index of its local header
	csize int // 0: the local's own
}

// craftZip writes a zip archive by hand: the local headers with their data,
// then a central directory of the entries given, which archive/zip's
// writer cannot make (entries sharing data, or overlapping).
func craftZip(t testing.TB, locals []rawLocal, entries []rawEntry) string {
	t.Helper()
	var b bytes.Buffer
	le := func(v ...any) {
		for _, x := range v {
			binary.Write(&b, binary.LittleEndian, x)
		}
	}
	type placed struct {
		offset            uint32
		method            uint16
		crc, csize, usize uint32
		name              string
	}
	var at []placed
	for _, l := range locals {
		data, method := []byte(l.body), uint16(zip.Store)
		if l.deflate {
			var z bytes.Buffer
			fw, _ := flate.NewWriter(&z, flate.BestCompression)
			fw.Write(data)
			fw.Close()
			data, method = z.Bytes(), zip.Deflate
		}
		p := placed{uint32(b.Len()), method, crc32.ChecksumIEEE([]byte(l.body)), uint32(len(data)), uint32(len(l.body)), l.name}
		le(uint32(0x04034b50), uint16(20), uint16(0), p.method, uint16(0), uint16(0x21), p.crc, p.csize, p.usize, uint16(len(l.name)), uint16(0))
		b.WriteString(l.name)
		b.Write(data)
		at = append(at, p)
	}
	cd := b.Len()
	for _, e := range entries {
		p := at[e.local]
		csize := p.csize
		if e.csize != 0 {
			csize = uint32(e.csize)
		}
		le(uint32(0x02014b50), uint16(20), uint16(20), uint16(0), p.method, uint16(0), uint16(0x21), p.crc, csize, p.usize,
			uint16(len(e.name)), uint16(0), uint16(0), uint16(0), uint16(0), uint32(0o644<<16), p.offset)
		b.WriteString(e.name)
	}
	le(uint32(0x06054b50), uint16(0), uint16(0), uint16(len(entries)), uint16(len(entries)), uint32(b.Len()-cd), uint32(cd), uint16(0))
	return b.String()
}

// The crafted archives read as archive/zip reads them: a plain one reads.
func TestCraftZip(t *testing.T) {
	p := writeFile(t, t.TempDir(), "x.zip", craftZip(t,
		[]rawLocal{{name: "a.txt", body: ordersBody, deflate: true}, {name: "b.txt", body: ordersBody}},
		[]rawEntry{{name: "a.txt", local: 0}, {name: "b.txt", local: 1}}))
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p + ":a.txt", Kind: "orders", Rows: 1}, {File: p + ":b.txt", Kind: "orders", Rows: 1}})
}

// A zip bomb of entries that share their data: the central directory
// lists many members whose data is one and the same (or overlaps), so the
// archive inflates it once per entry. Refused before anything is read,
// named or in a folder: no tool writes two members over the same bytes.
func TestZipOverlappingMembers(t *testing.T) {
	big := rows(100000) // 4 MB inflated, read ten times over before
	var same []rawEntry
	for i := range 10 {
		same = append(same, rawEntry{name: fmt.Sprintf("orders%d.txt", i), local: 0})
	}
	cases := []struct {
		name, zip, want string
	}{
		{"ten entries, one data", craftZip(t, []rawLocal{{name: "orders.txt", body: big, deflate: true}}, same),
			`members "orders0.txt" and "orders1.txt" share their data: no tool writes that (a zip bomb?)`},
		{"an entry whose data runs into the next member's", craftZip(t,
			[]rawLocal{{name: "a.txt", body: ordersBody}, {name: "b.txt", body: ordersBody}},
			[]rawEntry{{name: "a.txt", local: 0, csize: len(ordersBody) + 40}, {name: "b.txt", local: 1}}),
			`members "a.txt" and "b.txt" share their data: no tool writes that (a zip bomb?)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, "bomb.zip", c.zip)
			start := time.Now()
			wantErr(t, loadErr(t, Options{}, p), p+": "+c.want, new(*InputError))
			wantErr(t, loadErr(t, Options{}, dir), p+": "+c.want, new(*InputError))
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// The members of one archive together inflate to at most MaxArchiveInflated
// (lowered here), each staying under MaxInflated.
func TestZipTotalInflatedBounded(t *testing.T) {
	lim := limits
	lim.max, lim.total = 2<<20, 4<<20
	setLimits(t, lim)
	big := rows(40000) // 1.6 MB
	two := makeZip(t, member{name: "a.txt", body: big}, member{name: "b.txt", body: big})
	p := writeFile(t, t.TempDir(), "two.zip", two)
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p + ":a.txt", Kind: "orders", Rows: 40000}, {File: p + ":b.txt", Kind: "orders", Rows: 40000}})

	dir := t.TempDir()
	q := writeFile(t, dir, "three.zip", makeZip(t, member{name: "a.txt", body: big}, member{name: "b.txt", body: big}, member{name: "c.txt", body: big, store: true}))
	want := q + ": its members inflate to more than 4 MiB in all: not an archive of reports (a decompression bomb?)"
	wantErr(t, loadErr(t, Options{}, q), want, new(*InputError))
	wantErr(t, loadErr(t, Options{}, dir), want, new(*InputError))
}

// An archive of more members than MaxMembers is refused before any is
// read (200,000 tiny members took 96 s): the real bound, and a lowered one
// at its edge.
func TestZipTooManyMembers(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range MaxMembers + 1 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("m%05d.txt", i), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x\n"))
	}
	zw.Close()
	dir := t.TempDir()
	p := writeFile(t, dir, "many.zip", b.String())
	start := time.Now()
	want := p + ": a zip archive of 10001 members: audit reads at most 10000 (a zip bomb?); unzip it, or zip fewer files together"
	wantErr(t, loadErr(t, Options{}, p), want, new(*InputError))
	wantErr(t, loadErr(t, Options{}, dir), want, new(*InputError))
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}

	lim := limits
	lim.members = 2
	setLimits(t, lim)
	two := writeFile(t, t.TempDir(), "two.zip", makeZip(t, member{name: "a/", body: ""}, member{name: "a/o.txt", body: ordersBody}))
	l := mustLoad(t, Options{}, two)
	checkInputs(t, l, []records.InputFile{{File: two + ":a/o.txt", Kind: "orders", Rows: 1}})
	three := writeFile(t, t.TempDir(), "three.zip", makeZip(t, member{name: "a/", body: ""}, member{name: "a/o.txt", body: ordersBody}, member{name: ".x", body: "x"}))
	wantErr(t, loadErr(t, Options{}, three), three+": a zip archive of 3 members: audit reads at most 2 (a zip bomb?); unzip it, or zip fewer files together", new(*InputError))
}
