package input

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// The shipments file's rows split as encoding/csv with LazyQuotes splits
// them (the reader it replaced on that hot path): random rows of quotes,
// delimiters, spaces and letters give the same fields, and a row that
// encoding/csv would run on to the next line is an error naming the last
// line it takes in.
func TestCSVFieldsMatchEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	alphabet := []string{`"`, `"`, ",", ",", "a", "b", " ", `""`}
	compared, spanning := 0, 0
	defer func() {
		if compared < 20000 || spanning < 1000 {
			t.Errorf("only %d inputs compared, %d with a row spanning lines", compared, spanning)
		}
	}()
	for n := 0; n < 20000; n++ {
		var lines []string
		for l := 0; l < 1+rng.Intn(3); l++ {
			var b strings.Builder
			for i := 0; i < rng.Intn(12); i++ {
				b.WriteString(alphabet[rng.Intn(len(alphabet))])
			}
			lines = append(lines, b.String())
		}
		body := "h\n" + strings.Join(lines, "\n") + "\n"

		// encoding/csv's records, and the line each ends on.
		r := csv.NewReader(strings.NewReader(body))
		r.LazyQuotes, r.FieldsPerRecord = true, -1
		type rec struct {
			fields     []string
			first, end int
			spans      bool
		}
		var want []rec
		for {
			f, err := r.Read()
			if err != nil {
				break
			}
			line, _ := r.FieldPos(0)
			end := 1 + strings.Count(body[:r.InputOffset()-1], "\n")
			want = append(want, rec{f, line, end, end > line})
		}
		if len(want) > 0 && want[0].first == 1 {
			want = want[1:] // the header
		}

		tab := &Table{File: "x.csv", Delim: ',', lines: &lineReader{br: bufio.NewReader(strings.NewReader(body)), file: "x.csv"}}
		if _, err := tab.lines.next(); err != nil { // the header
			t.Fatal(err)
		}
		compared++
		var got []rec
		var gotErr error
		for {
			b, err := tab.lines.next()
			if err != nil {
				break
			}
			tab.line = tab.lines.n
			if len(b) == 0 {
				continue
			}
			var row []string
			if !strings.Contains(string(b), `"`) {
				row = tab.split(b)
			} else if row, _, err = tab.csvFields(b, nil); err != nil {
				gotErr = err
				break
			}
			kept := make([]string, len(row)) // the values share the line buffer
			for i, v := range row {
				kept[i] = strings.Clone(v)
			}
			got = append(got, rec{kept, tab.line, tab.line, false})
		}
		for i, w := range want {
			if w.spans {
				spanning++
				if gotErr == nil || i != len(got) || !strings.Contains(gotErr.Error(), fmt.Sprintf("x.csv:%d: a quoted value runs on to line %d:", w.first, w.end)) {
					t.Fatalf("%q: record %d spans lines in encoding/csv; got %d rows, err %v", body, i, len(got), gotErr)
				}
				break
			}
			if i >= len(got) {
				t.Fatalf("%q: record %d missing (err %v), encoding/csv %q at line %d", body, i, gotErr, w.fields, w.first)
			}
			if !reflect.DeepEqual(got[i].fields, w.fields) || got[i].first != w.first {
				t.Fatalf("%q: record %d = %q at line %d, encoding/csv %q at line %d", body, i, got[i].fields, got[i].first, w.fields, w.first)
			}
		}
	}
}
