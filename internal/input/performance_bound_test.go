package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// perfEntries is a V2 report of n empty entries, sep between them.
func perfEntries(n int, sep string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"performanceMetrics":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString("{}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

// A 3 KB gzipped report of a million empty entries in a folder: every
// entry placed by counting newlines from the start made any command hang
// for hours and print a million warnings. It is refused at its value past
// maxJSONValues, with linear work, when its kind is read; a command that
// does not read the kind skips it without a word.
func TestPerformanceMillionEntries(t *testing.T) {
	doc := perfEntries(1_000_000, ",")
	gz := gzipped(t, doc)
	if len(gz) > 4<<10 {
		t.Fatalf("the report is %d bytes gzipped", len(gz))
	}
	dir := t.TempDir()
	path := writeFile(t, dir, "performance.json.gz", string(gz))
	work := positionWork.Load()
	_, err := Load([]string{dir}, Options{})
	// The value past the limit: the object, the list, and entries.
	col := len(`{"performanceMetrics":[`) + 3*(maxJSONValues-2) + 1
	wantErr(t, err, fmt.Sprintf("%s:1:%d: a JSON document of more than %d values: not a seller performance report", path, col, maxJSONValues), new(*InputError))
	if w := positionWork.Load() - work; w > int64(len(doc)) {
		t.Errorf("placing took %d bytes looked at, for a document of %d", w, len(doc))
	}

	l := mustLoad(t, Options{Kinds: map[string]bool{"orders": true}}, dir)
	if len(l.Warnings) != 0 || len(l.Data.Performance) != 0 {
		t.Errorf("a command that does not read it: warnings %q, %d reports", l.Warnings, len(l.Data.Performance))
	}
}

// As many entries as maxJSONValues allows, one a line and none with a
// marketplaceId: each is read and placed at its line, in linear work, and
// their million warnings are the first maxWarningsLike and one count.
func TestPerformanceManyEntries(t *testing.T) {
	n := maxJSONValues - 2 // the object and the list are values too
	doc := perfEntries(n, ",\n")
	dir := t.TempDir()
	path := writeFile(t, dir, "performance.json.gz", string(gzipped(t, doc)))
	work := positionWork.Load()
	l := mustLoad(t, Options{}, dir)
	if w := positionWork.Load() - work; w > 3*int64(len(doc)) {
		t.Errorf("placing took %d bytes looked at, for a document of %d", w, len(doc))
	}
	stores := onePerformance(t, l).Stores
	if len(stores) != n {
		t.Fatalf("%d stores, want %d", len(stores), n)
	}
	for _, i := range []int{0, 1, n / 2, n - 1} {
		if got := stores[i].Source.Line; got != i+1 {
			t.Errorf("entry %d at line %d, want %d", i, got, i+1)
		}
	}
	var want []string
	for i := range maxWarningsLike {
		want = append(want, fmt.Sprintf("%s:%d: performanceMetrics[%d] has no marketplaceId", path, i+1, i))
	}
	want = append(want, fmt.Sprintf("%s: %d more warnings like these not listed (%d in all)", path, n-maxWarningsLike, n))
	compareLines(t, "warnings", l.Warnings, want)

	// One value more is too many.
	more := writeFile(t, dir, "performance.json.gz", string(gzipped(t, perfEntries(n+1, ",\n"))))
	wantErr(t, loadErr(t, Options{}, more), fmt.Sprintf("%s:%d:1: a JSON document of more than %d values: not a seller performance report", more, n+1, maxJSONValues), nil)
}

// Keys of an entry of the wrong type warn with the file first, so that a
// report of many such entries is one kind of warning (Warnf).
func TestPerformanceLooseWarningsSummarised(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"performanceMetrics":[`)
	const n = 50
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"marketplaceId": "ATVPDKIKX0DER", "accountHealthRating": 7}`)
	}
	b.WriteString("]}")
	path := writeFile(t, t.TempDir(), "p.json", b.String())
	l := mustLoad(t, Options{}, path)
	if len(l.Warnings) != maxWarningsLike+1 {
		t.Fatalf("%d warnings: %q", len(l.Warnings), l.Warnings)
	}
	if got, want := l.Warnings[0], path+":1: performanceMetrics[0].accountHealthRating: want an object, got number; performanceMetrics[0].accountHealthRating is not read (it feeds no figure)"; got != want {
		t.Errorf("warning\n got: %s\nwant: %s", got, want)
	}
	if got, want := l.Warnings[maxWarningsLike], fmt.Sprintf("%s: %d more warnings like these not listed (%d in all)", path, n-maxWarningsLike, n); got != want {
		t.Errorf("count\n got: %s\nwant: %s", got, want)
	}
}

// A value quoted by a warning or an error is clipped: a 64 MiB document
// could otherwise give a warning as long.
func TestPerformanceLongValuesClipped(t *testing.T) {
	long := strings.Repeat("Z", 100<<10)
	path := writeFile(t, t.TempDir(), "p.json", `{"performanceMetrics": [{"marketplaceId": "`+long+`",
"listingPolicyViolations": {"defectsCount": 0, "targetCondition": "`+long+`", "targetValue": 0, "reportingDateRange": {"reportingDateFrom": "`+long+`"}}}]}`)
	l := mustLoad(t, Options{}, path)
	clipped := strings.Repeat("Z", 40) + "..."
	compareLines(t, "warnings", l.Warnings, []string{
		path + `:1: performanceMetrics[0]: marketplaceId "` + clipped + `" is not a store audit knows`,
		path + `:1: performanceMetrics[0].listingPolicyViolations: targetCondition "` + clipped + `" is none of ` + perfOpNames + `; it is not read (it feeds no figure)`,
		path + `:1: performanceMetrics[0].listingPolicyViolations.reportingDateRange.reportingDateFrom: want an ISO-8601 date or time, got "` + clipped + `"; it is not read (it feeds no figure)`,
	})
}

// lineCounter gives what counting from the start gives, whatever the
// order of the offsets, and looks at each byte once while they go forward.
func TestLineCounter(t *testing.T) {
	data := []byte("ab\n\ncd\r\nefg\n\nhij")
	naive := func(off int) (int, int) {
		off = min(max(off, 0), len(data))
		return bytes.Count(data[:off], []byte{'\n'}) + 1, off - bytes.LastIndexByte(data[:off], '\n')
	}
	r := rand.New(rand.NewPCG(1, 2))
	c := newLineCounter(data)
	for range 1000 {
		off := r.IntN(len(data)+4) - 2
		line, col := c.at(off)
		if wl, wc := naive(off); line != wl || col != wc {
			t.Fatalf("at(%d) = %d:%d, want %d:%d", off, line, col, wl, wc)
		}
	}
	c = newLineCounter(data)
	work := positionWork.Load()
	for off := range len(data) + 1 {
		line, col := c.at(off)
		if wl, wc := naive(off); line != wl || col != wc {
			t.Fatalf("at(%d) = %d:%d, want %d:%d", off, line, col, wl, wc)
		}
	}
	if w := positionWork.Load() - work; w != int64(len(data)) {
		t.Errorf("%d bytes looked at, for %d", w, len(data))
	}
}

func TestJSONValuesPast(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		limit int
		want  int // the offset, -1 for none
	}{
		{`{}`, 1, -1},
		{`{}`, 0, 0},
		{`{"a":[1,"x",true,null,{"b":-1.5e3}]}`, 8, -1},
		{`{"a":[1,"x",true,null,{"b":-1.5e3}]}`, 7, strings.Index(`{"a":[1,"x",true,null,{"b":-1.5e3}]}`, "-1.5")},
		{`{"a":[1,"x",true,null,{"b":-1.5e3}]}`, 3, strings.Index(`{"a":[1,"x",true,null,{"b":-1.5e3}]}`, `"x"`)},
		// Keys are no values, also with escaped quotes; strings after a
		// key, and in a list, are.
		{`{"a\"b": "c\\", "d": ["e", "f"]}`, 5, -1},
		{`{"a\"b": "c\\", "d": ["e", "f"]}`, 4, strings.Index(`{"a\"b": "c\\", "d": ["e", "f"]}`, `"f"`)},
		{" [ [ ] , { } , \"\" ] ", 3, strings.Index(" [ [ ] , { } , \"\" ] ", `""`)},
	} {
		if got := jsonValuesPast([]byte(tc.doc), tc.limit); got != tc.want {
			t.Errorf("jsonValuesPast(%s, %d) = %d, want %d", tc.doc, tc.limit, got, tc.want)
		}
	}
}

// Hand the million-entry report to the fuzz targets' own check too.
func TestPerformanceFuzzCheckSeeds(t *testing.T) {
	dir := t.TempDir()
	for _, b := range perfBoundSeeds(t) {
		checkPerformanceLoad(t, filepath.Join(dir, "doc.json"), b)
	}
}

// perfBoundSeeds are the fuzz targets' many-entries seeds: the million
// empty entries gzipped, and entries one a line without a marketplaceId,
// of a type error and of an unknown store.
func perfBoundSeeds(t testing.TB) [][]byte {
	var lines strings.Builder
	lines.WriteString("{\"performanceMetrics\": [\n")
	for i := range 300 {
		if i > 0 {
			lines.WriteString(",\n")
		}
		switch i % 3 {
		case 0:
			lines.WriteString(`{}`)
		case 1:
			lines.WriteString(`{"marketplaceId": "XX", "warningStates": 5}`)
		case 2:
			lines.WriteString(`{"marketplaceId": "ATVPDKIKX0DER", "lateShipmentRate": {"targetCondition": "ABOUT", "targetValue": 0.04}}`)
		}
	}
	lines.WriteString("\n]}\n")
	return [][]byte{gzipped(t, perfEntries(1_000_000, ",")), []byte(lines.String())}
}

// checkPerformanceLoad writes b to path and loads it, as the fuzz targets
// do: it never panics; an error of a sniffed document is an *InputError
// naming the file and a line; the work placing values is linear in the
// document; the warnings name the file and are bounded, whatever the
// number of entries. It returns the load's result.
func checkPerformanceLoad(t *testing.T, path string, b []byte) (*Loaded, error) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	work := positionWork.Load()
	l, err := Load([]string{path}, Options{})
	text := b
	if r, zerr := gzip.NewReader(bytes.NewReader(b)); zerr == nil {
		var out bytes.Buffer
		if _, zerr := out.ReadFrom(io.LimitReader(r, MaxPerformanceJSON+1)); zerr == nil {
			text = out.Bytes()
		}
	}
	// Four passes at most (the two lists, a key, an error), over a text up
	// to twice as long once decoded from UTF-16.
	if w := positionWork.Load() - work; w > 8*int64(len(text))+64 {
		t.Fatalf("placing took %d bytes looked at, for a document of %d", w, len(text))
	}
	if !sniffPerformance(text) && !sniffPerformance(b) {
		return l, err
	}
	if err != nil {
		var ie *InputError
		var ue *UnrecognisedError
		switch {
		case errors.As(err, &ue):
			// a document without performanceMetrics
		case !errors.As(err, &ie):
			t.Fatalf("error %v is a %T, want *InputError", err, err)
		case ie.File != path || ie.Line < 1 && !strings.Contains(ie.Msg, "larger than"):
			t.Fatalf("error %v placed at %s:%d", err, ie.File, ie.Line)
		}
		return l, err
	}
	// Nine formats of warning read a report (performance.go,
	// performance_v1.go); each is listed at most maxWarningsLike times.
	if len(l.Warnings) > 9*(maxWarningsLike+1) {
		t.Fatalf("%d warnings", len(l.Warnings))
	}
	for _, w := range l.Warnings {
		if !strings.HasPrefix(w, path+":") {
			t.Fatalf("warning %q does not name the file first", w)
		}
	}
	return l, err
}

// A V1 report of as many sibling entries as maxXMLElements allows: each
// entry's place among its siblings ("[i]" of its path) was found by
// reading them all, which made such a report take an hour. Their warnings
// are the first maxWarningsLike and one count.
func TestPerformanceV1ManySiblings(t *testing.T) {
	const warned = maxWarningsLike + 5 // two elements each
	empty := maxXMLElements - 1 - 2*warned
	var b strings.Builder
	b.WriteString("<sellerPerformanceReport>\n")
	b.WriteString(strings.Repeat("<orderDefectMetrics/>\n", empty))
	b.WriteString(strings.Repeat("<orderDefectMetrics fulfillmentType=\"Prime\"><orderWithDefects>1</orderWithDefects></orderDefectMetrics>\n", warned))
	b.WriteString("</sellerPerformanceReport>\n")
	path := writeFile(t, t.TempDir(), "v1.xml.gz", string(gzipped(t, []byte(b.String()))))
	l := mustLoad(t, Options{}, path)
	want := []string{path + ":1: /sellerPerformanceReport has no marketplaceId"}
	for i := range maxWarningsLike {
		n := empty + i + 1 // the entry's place, and its line less one
		want = append(want, fmt.Sprintf("%s:%d: /sellerPerformanceReport/orderDefectMetrics[%d]: fulfillmentType \"Prime\" is neither AFN nor MFN; the entry is read as all channels", path, n+1, n))
	}
	want = append(want, fmt.Sprintf("%s: 5 more warnings like these not listed (%d in all)", path, warned))
	compareLines(t, "warnings", l.Warnings, want)
}

// A V1 report of entries below elements of 64 KiB names, 60 deep: each
// entry's path, written for every element visited and copied up every
// level, made a 10 MB report take half an hour and a hundred gigabytes.
// Paths are written when a message needs one, with names clipped.
func TestPerformanceV1DeepLongNames(t *testing.T) {
	const depth = 60
	name := strings.Repeat("x", 60<<10)
	empty := maxXMLElements - 1 - depth - 2
	var b strings.Builder
	b.WriteString("<sellerPerformanceReport>")
	for range depth {
		b.WriteString("<" + name + ">")
	}
	b.WriteString(strings.Repeat("<orderDefectMetrics/>", empty))
	b.WriteString(`<orderDefectMetrics fulfillmentType="Prime"><orderWithDefects>1</orderWithDefects></orderDefectMetrics>`)
	for range depth {
		b.WriteString("</" + name + ">")
	}
	b.WriteString("</sellerPerformanceReport>")
	path := writeFile(t, t.TempDir(), "deep.xml.gz", string(gzipped(t, []byte(b.String()))))
	l := mustLoad(t, Options{}, path)
	at := "/sellerPerformanceReport" + strings.Repeat("/"+name[:40]+"...", depth) + fmt.Sprintf("/orderDefectMetrics[%d]", empty+1)
	compareLines(t, "warnings", l.Warnings, []string{
		path + ":1: /sellerPerformanceReport has no marketplaceId",
		path + ":1: " + at + ": fulfillmentType \"Prime\" is neither AFN nor MFN; the entry is read as all channels",
	})
}
