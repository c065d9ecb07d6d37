package input

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

func writeManifest(t *testing.T, dir string, files ...FetchedFile) {
	t.Helper()
	b, err := json.Marshal(map[string]any{"version": 1, "files": files, "chunks": []string{"fetch's own state, ignored"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func day(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// A file audit fetch wrote covers the days it was asked for, as its
// folder's manifest says, even those without a row: an orders report of
// September with orders on the 7th only covers the whole month, and a
// report Amazon cancelled for lack of data (a header alone) covers its days.
func TestFetchedFilesCoverTheirDays(t *testing.T) {
	dir := t.TempDir()
	orders := writeFile(t, dir, "orders-US-2026-09-01-2026-09-30.tsv", ordersBody)
	header := "amazon-order-id\tpurchase-date\tfulfillment-channel\n"
	empty := writeFile(t, dir, "orders-US-2026-10-01-2026-10-31.tsv", header)
	sep := records.Range{From: day("2026-09-01"), To: day("2026-09-30")}
	oct := records.Range{From: day("2026-10-01"), To: day("2026-10-31")}
	writeManifest(t, dir,
		FetchedFile{File: filepath.Base(orders), Kind: "orders", Store: "US", Field: records.Ordered, Covers: []records.Range{sep}, Size: int64(len(ordersBody))},
		FetchedFile{File: filepath.Base(empty), Kind: "orders", Store: "US", Field: records.Ordered, Covers: []records.Range{oct}, Size: int64(len(header))})
	l, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) > 0 {
		t.Errorf("warnings: %q", l.Warnings)
	}
	got := l.Data.Covered([]string{"orders"}, records.Ordered, "US")
	want := []records.Range{{From: sep.From, To: oct.To}}
	if !slices.Equal(got, want) {
		t.Errorf("covered %v, want %v", got, want)
	}
	// The rows' own span stays, beside the declared one.
	if n := len(l.Inputs[0].Spans); n != 2 || l.Inputs[0].Spans[0].Declared || !l.Inputs[0].Spans[1].Declared {
		t.Errorf("spans of the first file: %+v", l.Inputs[0].Spans)
	}
}

// A manifest is believed only for what it can vouch for: a file whose size
// changed since (edited by hand), or read as another kind, covers the
// days of its rows; a manifest that cannot be read is a warning.
func TestFetchedManifestNotBelieved(t *testing.T) {
	dir := t.TempDir()
	orders := writeFile(t, dir, "orders.tsv", ordersBody)
	sep := []records.Range{{From: day("2026-09-01"), To: day("2026-09-30")}}
	rowsOnly := []records.Range{{From: day("2026-09-07"), To: day("2026-09-07")}}

	writeManifest(t, dir, FetchedFile{File: "orders.tsv", Kind: "orders", Field: records.Ordered, Covers: sep, Size: 3})
	l, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Data.Covered([]string{"orders"}, records.Ordered, ""); !slices.Equal(got, rowsOnly) {
		t.Errorf("changed file: covered %v, want %v", got, rowsOnly)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], orders+": changed since audit fetch wrote it") {
		t.Errorf("warnings %q", l.Warnings)
	}

	writeManifest(t, dir, FetchedFile{File: "orders.tsv", Kind: "feedback", Field: records.Ordered, Covers: sep, Size: int64(len(ordersBody))})
	if l, err = Load([]string{dir}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := l.Data.Covered([]string{"orders"}, records.Ordered, ""); !slices.Equal(got, rowsOnly) {
		t.Errorf("other kind: covered %v, want %v", got, rowsOnly)
	}

	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(`{"files": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if l, err = Load([]string{dir}, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "ignored "+filepath.Join(dir, ManifestName)) {
		t.Errorf("warnings %q", l.Warnings)
	}
	if got := l.Data.Covered([]string{"orders"}, records.Ordered, ""); !slices.Equal(got, rowsOnly) {
		t.Errorf("broken manifest: covered %v, want %v", got, rowsOnly)
	}
}
