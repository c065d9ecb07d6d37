package input

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// writeFile writes body to dir/name and returns the path.
func writeFile(t testing.TB, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tsv joins lines, each a tab-separated row, with "\n" and ends the file
// with one.
func tsv(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// mustLoad loads the paths and fails the test on an error.
func mustLoad(t testing.TB, opt Options, paths ...string) *Loaded {
	t.Helper()
	l, err := Load(paths, opt)
	if err != nil {
		t.Fatalf("Load(%q): %v", paths, err)
	}
	return l
}

// loadErr loads the paths and fails the test unless it fails.
func loadErr(t testing.TB, opt Options, paths ...string) error {
	t.Helper()
	l, err := Load(paths, opt)
	if err == nil {
		t.Fatalf("Load(%q) = %d orders, want an error", paths, l.Data.Orders.Len())
	}
	return err
}

// wantErr checks the error's text and that it is of the type of target
// (a pointer to a *InputError, *MissingColumnsError, ...; nil: any type).
func wantErr(t testing.TB, err error, text string, target any) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", text)
	}
	if err.Error() != text {
		t.Errorf("error text\n got: %s\nwant: %s", err.Error(), text)
	}
	if target != nil && !errors.As(err, target) {
		t.Errorf("error %v is a %T, want it to be a %T", err, err, target)
	}
}

// inputErr checks that err is an *InputError placed at file:line:col with the
// column name, and returns it.
func inputErr(t testing.TB, err error, file string, line, col int, name string) *InputError {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is a %T, want *InputError", err, err)
	}
	if ie.File != file || ie.Line != line || ie.Column != col || ie.Name != name {
		t.Errorf("InputError at %s:%d:%d %q, want %s:%d:%d %q (%v)", ie.File, ie.Line, ie.Column, ie.Name, file, line, col, name, err)
	}
	return ie
}

// order is the comparable view of a records.Order.
type order struct {
	ID       string
	Date     string
	Channel  records.Channel
	Status   string
	Sales    string
	Business bool
	File     string
	Line     int
}

// ordersOf lists the loaded orders by id.
func ordersOf(l *Loaded) []order {
	var out []order
	for o := range l.Data.Orders.All() {
		out = append(out, order{o.ID(), o.Date.String(), o.Channel, o.Status.String(), o.SalesChannel.String(), o.Business, o.Source().File, o.Source().Line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func checkOrders(t testing.TB, l *Loaded, want []order) {
	t.Helper()
	got := ordersOf(l)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("orders\n got: %+v\nwant: %+v", got, want)
	}
}

// checkInputs compares the files read, their kinds and rows; the dates
// they cover (Spans) are checked by coverage_test.go.
func checkInputs(t testing.TB, l *Loaded, want []records.InputFile) {
	t.Helper()
	got := make([]records.InputFile, len(l.Inputs))
	for i, in := range l.Inputs {
		got[i] = records.InputFile{File: in.File, Kind: in.Kind, Rows: in.Rows}
	}
	if (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
		t.Errorf("inputs\n got: %+v\nwant: %+v", got, want)
	}
	if len(l.Inputs) > 0 && !reflect.DeepEqual(l.Data.Files, l.Inputs) {
		t.Errorf("Data.Files %+v differ from Inputs %+v", l.Data.Files, l.Inputs)
	}
}

func checkWarnings(t testing.TB, l *Loaded, want ...string) {
	t.Helper()
	if len(l.Warnings) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(l.Warnings, want) {
		t.Errorf("warnings\n got: %q\nwant: %q", l.Warnings, want)
	}
}
