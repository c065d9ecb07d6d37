package input

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// quotedKinds is a header of each kind whose files may quote values
// (Spec.Quoted), the second column being one a quoted value can open in.
var quotedKinds = []struct{ kind, header string }{
	{"claims", "order-id,claim-reason,claim-date,claim-status"},
	{"chargebacks", "order-id,reason,chargeback-date,chargeback-type"},
	{"shipments", synthHeader},
	{"messages", "message-id,order-id,received-at,response-at,response-kind"},
	{"return-requests", "order-id,request-at,responded-at,response,in-policy,return-feedback"},
	{"ratings", "rater-id,rated-at,score"},
	{"cancellations", "Order ID,Order Date,Impacts Account Health"},
}

// filler streams n bytes of text lines (with commas, without a '"'):
// what follows an opening quote that is never closed.
type filler struct{ n int64 }

func (f *filler) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.EOF
	}
	const line = "lorem ipsum, dolor sit amet, consectetur adipiscing elit\n"
	n := 0
	for n < len(p) && f.n > 0 {
		c := copy(p[n:min(len(p), n+int(f.n))], line)
		n += c
		f.n -= int64(c)
	}
	return n, nil
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

const unclosedMsg = "a quoted value opened here is not closed within 1048576 bytes (an unclosed quote?)"

// An opening quote never closed, followed by 50 MB of text lines, in a
// file of every quoted kind: the quoted value is bounded as a line is
// (MaxLine), and the error is placed where the quote opened. Only about
// MaxLine bytes are read: the rest of the file is neither buffered nor
// read. The generated text streams; it is never held whole.
func TestUnclosedQuoteBounded(t *testing.T) {
	for _, k := range quotedKinds {
		t.Run(k.kind, func(t *testing.T) {
			for _, delim := range []string{",", "\t"} {
				header := strings.ReplaceAll(k.header, ",", delim)
				head := header + "\r\n\r\nx" + delim + `"` + "opened here\r\n"
				src := &countReader{r: io.MultiReader(strings.NewReader(head), &filler{50 << 20})}
				tab, err := newTable(stream{name: "big.csv", r: src}, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if string(tab.Spec.Kind) != k.kind {
					t.Fatalf("read as %s", tab.Spec.Kind)
				}
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				err = tab.Spec.Read(tab, &Sink{Data: records.NewDataset()})
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				name := strings.Split(header, delim)[1]
				wantErr(t, err, fmt.Sprintf("big.csv:3:2: column %q: %s", name, unclosedMsg), new(*InputError))
				if src.n > MaxLine+512<<10 {
					t.Errorf("read %d bytes of the file to find the unclosed quote", src.n)
				}
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
					t.Errorf("allocated %d bytes to find the unclosed quote", alloc)
				}
			}
		})
	}
}

// Loaded from a gzip file (50 MB of text inflated from ~150 KB), the same
// error names the file, as an *InputError (exit 2), named or in a folder.
func TestUnclosedQuoteInGzip(t *testing.T) {
	var body bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&body, gzip.BestSpeed)
	if _, err := io.Copy(zw, &filler{50 << 20}); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	for _, k := range quotedKinds[:2] {
		dir := t.TempDir()
		// Two gzip members one after the other: the header and the row
		// whose quote opens, then the text.
		p := writeFile(t, dir, k.kind+".csv.gz", gz(t, k.header+"\n"+`x,y,"`)+body.String())
		name := strings.Split(k.header, ",")[2]
		want := fmt.Sprintf("%s:2:3: column %q: %s", p, name, unclosedMsg)
		wantErr(t, loadErr(t, Options{}, p), want, new(*InputError))
		wantErr(t, loadErr(t, Options{}, dir), want, new(*InputError))
	}
}

// A row may also run over lines through many quoted values, each closed
// a line later: the row is bounded all the same, and the error names the
// quoted value that first took in a line break.
func TestQuotedValuesSpanningLinesBounded(t *testing.T) {
	for _, k := range []struct{ kind, header string }{quotedKinds[0], quotedKinds[2]} {
		t.Run(k.kind, func(t *testing.T) {
			cells := strings.Repeat(`"a`+"\n"+`b",`, 400000) // 2.4 MB, no line longer than 4 bytes
			src := &countReader{r: strings.NewReader(k.header + "\n" + `"x",y,"z` + "\n" + `w",` + cells + "\n")}
			tab, err := newTable(stream{name: "rows.csv", r: src}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = tab.Spec.Read(tab, &Sink{Data: records.NewDataset()})
			wantErr(t, err, `rows.csv:2:3: column "`+strings.Split(k.header, ",")[2]+
				`": a quoted value opened here takes in a line break, and its row runs on past 1048576 bytes (an unclosed quote?)`, new(*InputError))
			if src.n > MaxLine+512<<10 {
				t.Errorf("read %d bytes of the file", src.n)
			}
		})
	}
}

// A short quoted value spanning lines is still the error it was, naming
// the line it runs on to, and a closed quoted value reads.
func TestQuotedValueShortSpan(t *testing.T) {
	for _, k := range []struct{ kind, header, row string }{
		{"claims", "order-id,claim-reason,claim-date,claim-status", "111-1,\"a, \"\"b\"\"\",2026-09-01,granted"},
		{"shipments", "order-id,purchase-date,latest-ship-date,ship-confirm-date", "\"111-1\",2026-09-01,2026-09-03,\"2026-09-02\""},
	} {
		dir := t.TempDir()
		p := writeFile(t, dir, "ok.csv", k.header+"\n"+k.row+"\n")
		l := mustLoad(t, Options{}, p)
		checkInputs(t, l, []records.InputFile{{File: p, Kind: k.kind, Rows: 1}})
		q := writeFile(t, dir, "open.csv", k.header+"\n"+k.row+"\n111-2,\"x\ny\nz\",2026-09-01,granted\n")
		wantErr(t, loadErr(t, Options{}, q), q+`:3: a quoted value runs on to line 5: a closing '"' is missing, or a value holds a line break (rows must sit on one line)`, new(*InputError))
	}
}

// quoteState, which bounds the rows of decodeCanonical, follows quoting
// as encoding/csv with LazyQuotes does: on random text of quotes,
// delimiters and line breaks, its rows end where encoding/csv's records
// end, and span lines where they do.
func TestQuoteStateMatchesEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	alphabet := []string{`"`, `"`, ",", "a", " ", `""`, "\n", "\r\n", "\r"}
	spanning := 0
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for i := 0; i < rng.IntN(40); i++ {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		body := b.String()

		// The rows quoteState ends, by the offset after their '\n', and
		// whether a quoted value in them took in a line break.
		ends := map[int64]bool{}
		var q quoteState
		line := 1
		for i := 0; i < len(body); i++ {
			spans := q.spanning
			if q.step(body[i], int64(i), ',', line) {
				line++
				if q.state == csvFieldStart {
					ends[int64(i+1)] = spans
				}
			}
		}

		r := csv.NewReader(strings.NewReader(body))
		r.LazyQuotes, r.FieldsPerRecord = true, -1
		for {
			if _, err := r.Read(); err != nil {
				break
			}
			first, _ := r.FieldPos(0)
			end := r.InputOffset()
			if end == int64(len(body)) && q != (quoteState{}) {
				break // the last row, ended by the end of the text
			}
			last := 1 + strings.Count(body[:end-1], "\n")
			spans, ok := ends[end]
			if !ok || spans != (last > first) {
				t.Fatalf("%q: encoding/csv's record of lines %d-%d ends at %d; quoteState: row end %v, spanning %v", body, first, last, end, ok, spans)
			}
			if spans {
				spanning++
			}
		}
	}
	if spanning < 1000 {
		t.Errorf("only %d rows spanning lines", spanning)
	}
}
