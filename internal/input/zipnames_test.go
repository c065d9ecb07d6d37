package input

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

const outside = `its path leads out of the archive (absolute, or up with ".."); not read`

// A member named "./orders.txt" is orders.txt: read, under its clean
// name. It was taken for a hidden file (".") and dropped, and the archive
// called empty.
func TestZipMemberDotSlash(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "export.zip", makeZip(t,
		member{name: "./"},
		member{name: "./orders.txt", body: ordersBody},
		member{name: "./a/./b.txt", body: tsv(ordersHeader, "111-2\t2026-09-08\tMerchant")},
		member{name: "./.DS_Store", body: "\x00\x00\x00\x01Bud1"},
	))
	for _, path := range []string{p, dir} {
		l := mustLoad(t, Options{}, path)
		checkInputs(t, l, []records.InputFile{{File: p + ":a/b.txt", Kind: "orders", Rows: 1}, {File: p + ":orders.txt", Kind: "orders", Rows: 1}})
		checkWarnings(t, l)
	}
}

// A member whose path leads out of the archive ("../x", "/x", "C:\x") is
// refused, never dropped silently: a warning names it. When every member
// is refused the archive says so, not that it is empty.
func TestZipMemberOutside(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "export.zip", makeZip(t,
		member{name: "orders.txt", body: ordersBody},
		member{name: "../up.txt", body: ordersBody},
		member{name: "/etc/abs.txt", body: ordersBody},
		member{name: `C:\win.txt`, body: ordersBody},
		member{name: "a/../../up2.txt", body: ordersBody},
		member{name: "a/../in.txt", body: tsv(ordersHeader, "111-3\t2026-09-09\tAmazon")},
	))
	for _, path := range []string{p, dir} {
		l := mustLoad(t, Options{}, path)
		checkInputs(t, l, []records.InputFile{{File: p + ":in.txt", Kind: "orders", Rows: 1}, {File: p + ":orders.txt", Kind: "orders", Rows: 1}})
		checkWarnings(t, l,
			"skipped "+p+":../up.txt: "+outside,
			"skipped "+p+":/etc/abs.txt: "+outside,
			"skipped "+p+`:C:\win.txt: `+outside,
			"skipped "+p+":a/../../up2.txt: "+outside,
		)
	}

	dir = t.TempDir()
	q := writeFile(t, dir, "refused.zip", makeZip(t,
		member{name: "../orders.txt", body: ordersBody},
		member{name: "/orders2.txt", body: ordersBody},
	))
	err := loadErr(t, Options{}, q)
	wantErr(t, err, q+`: not a recognised report (every member of the zip archive was refused: ../orders.txt: `+outside+
		`; /orders2.txt: `+outside+`); see docs/formats.md for the accepted reports`, new(*UnrecognisedError))
	orders := writeFile(t, dir, "orders.txt", ordersBody)
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, []records.InputFile{{File: orders, Kind: "orders", Rows: 1}})
	checkWarnings(t, l, "skipped "+q+":../orders.txt: "+outside, "skipped "+q+":/orders2.txt: "+outside)
	for _, w := range l.Warnings {
		if strings.Contains(w, "empty") {
			t.Errorf("warning %q", w)
		}
	}
}

func TestMemberPath(t *testing.T) {
	for name, want := range map[string]string{
		"x": "x", "./x": "x", "a/./b": "a/b", "a//b": "a/b", "a/../b": "b", `a\b`: "a/b", `.\x`: "x",
		"../x": "", "/x": "", "a/../../x": "", `C:\x`: "", "c:x": "", `\\server\x`: "", "..": "",
	} {
		got, ok := memberPath(name)
		if want == "" && ok || want != "" && (!ok || got != want) {
			t.Errorf("memberPath(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
