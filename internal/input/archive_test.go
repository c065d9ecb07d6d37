package input

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

const ordersHeader = "amazon-order-id\tpurchase-date\tfulfillment-channel"

// member is one file of a zip archive built by makeZip.
type member struct {
	name, body string
	store      bool   // stored, not deflated
	flags      uint16 // raw header flags (encrypted: 1); with method or crc, body is written raw
	method     uint16
	crc        uint32 // when not 0: the CRC-32 to claim (a wrong one)
}

// makeZip builds a zip archive of the members, in the order given.
func makeZip(t testing.TB, members ...member) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range members {
		var err error
		switch {
		case strings.HasSuffix(m.name, "/"):
			_, err = zw.Create(m.name)
		case m.flags != 0 || m.method != 0 || m.crc != 0:
			crc := m.crc
			if crc == 0 {
				crc = crc32.ChecksumIEEE([]byte(m.body))
			}
			w, e := zw.CreateRaw(&zip.FileHeader{Name: m.name, Method: m.method, Flags: m.flags, CRC32: crc,
				CompressedSize64: uint64(len(m.body)), UncompressedSize64: uint64(len(m.body))})
			if e == nil {
				_, e = w.Write([]byte(m.body))
			}
			err = e
		default:
			method := zip.Deflate
			if m.store {
				method = zip.Store
			}
			w, e := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method})
			if e == nil {
				_, e = w.Write([]byte(m.body))
			}
			err = e
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// gz compresses body with gzip.
func gz(t testing.TB, body string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// setLimits lowers the inflate limits for one test.
func setLimits(t testing.TB, l inflateLimits) {
	t.Helper()
	old := limits
	limits = l
	t.Cleanup(func() { limits = old })
}

// Each member of a zip archive is a report of its own, named
// "archive:member"; the magic bytes make it a zip, not the name. Folders,
// hidden members and __MACOSX are skipped silently; a gzip member is read
// through; a zip inside the zip and a member that is no report are skipped
// with a warning, whether the archive is named or found in a folder.
func TestZipMembers(t *testing.T) {
	inner := makeZip(t, member{name: "orders.txt", body: tsv(ordersHeader, "999-1\t2026-09-01\tAmazon")})
	archive := makeZip(t,
		member{name: "notes.md", body: "# notes\n"},
		member{name: "b/", body: ""},
		member{name: "b/orders b.txt", body: tsv(ordersHeader, "111-3\t2026-09-09\tAmazon")},
		member{name: "a orders.txt.gz", body: gz(t, "\r\n"+tsv(ordersHeader, "111-1\t2026-09-07\tAmazon", "111-2\t2026-09-08\tMerchant")), store: true},
		member{name: "inner.zip", body: inner, store: true},
		member{name: "__MACOSX/._a orders.txt.gz", body: "\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"},
		member{name: ".DS_Store", body: "\x00\x00\x00\x01Bud1"},
		member{name: "b/.hidden.txt", body: tsv(ordersHeader, "999-2\t2026-09-01\tAmazon")},
	)
	dir := t.TempDir()
	p := writeFile(t, dir, "download.dat", archive)
	for _, c := range []struct {
		name string
		path string
	}{{"named", p}, {"in a folder", dir}} {
		t.Run(c.name, func(t *testing.T) {
			l := mustLoad(t, Options{}, c.path)
			checkOrders(t, l, []order{
				{"111-1", "2026-09-07", afn, "", "", false, p + ":a orders.txt.gz", 3},
				{"111-2", "2026-09-08", mfn, "", "", false, p + ":a orders.txt.gz", 4},
				{"111-3", "2026-09-09", afn, "", "", false, p + ":b/orders b.txt", 2},
			})
			checkInputs(t, l, []records.InputFile{{File: p + ":a orders.txt.gz", Kind: "orders", Rows: 2}, {File: p + ":b/orders b.txt", Kind: "orders", Rows: 1}})
			checkWarnings(t, l,
				"skipped "+p+":inner.zip: a zip archive inside a zip archive is not opened (one level is read); unzip it first",
				"skipped "+p+":notes.md: not a recognised report",
			)
		})
	}
}

// An error inside a member is placed at archive:member:line:col, with the
// lines of the member (blank lines and CRLF counted), also through a gzip
// member.
func TestZipMemberErrorPlaced(t *testing.T) {
	body := "\r\n" + ordersHeader + "\r\n111-1\t2026-09-07\tAmazon\r\n\r\n111-2\tyesterday\tAmazon\r\n"
	for _, c := range []struct {
		name string
		m    member
	}{
		{"deflated", member{name: "reports/orders.txt", body: body}},
		{"stored", member{name: "reports/orders.txt", body: body, store: true}},
		{"gzip member", member{name: "reports/orders.txt", body: gz(t, body)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "a.zip", makeZip(t, c.m))
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+`:reports/orders.txt:5:2: column "purchase-date": want an ISO-8601 date or time, got "yesterday"`, new(*InputError))
			inputErr(t, err, p+":reports/orders.txt", 5, 2, "purchase-date")
		})
	}
}

// An archive with no member to read: named, it is no report (exit 2); in a
// folder, a warning.
func TestZipWithoutReports(t *testing.T) {
	cases := []struct {
		name    string
		archive string
		reason  string // named: the UnrecognisedError's reason
		warn    []string
	}{
		{"empty", makeZip(t), "empty zip archive", []string{"skipped %s: empty zip archive"}},
		{"folders and hidden files only", makeZip(t, member{name: "x/"}, member{name: ".hidden.txt", body: "a"}, member{name: "__MACOSX/x", body: "b"}),
			"empty zip archive", []string{"skipped %s: empty zip archive"}},
		{"one member, not a report", makeZip(t, member{name: "notes.md", body: "# notes\n"}),
			`no file in the zip archive is a report: notes.md: header row "# notes" matches no known report`,
			[]string{"skipped %s:notes.md: not a recognised report"}},
		{"five members, none a report", makeZip(t,
			member{name: "a.md", body: "# a\n"},
			member{name: "b.bin", body: "\x01\x02\x03\n"},
			member{name: "c.txt", body: ""},
			member{name: "d.zip", body: makeZip(t)},
			member{name: "e.txt", body: "x\n"}),
			`no file in the zip archive is a report: a.md: header row "# a" matches no known report; b.bin: binary content; c.txt: empty file; and 2 more`,
			[]string{
				"skipped %s:a.md: not a recognised report",
				"skipped %s:b.bin: not a recognised report",
				"skipped %s:c.txt: not a recognised report",
				"skipped %s:d.zip: a zip archive inside a zip archive is not opened (one level is read); unzip it first",
				"skipped %s:e.txt: not a recognised report",
			}},
		{"a member that resembles a kind but lacks its columns", makeZip(t, member{name: "claims.csv", body: "order-id,status\n111-1,granted\n"}),
			`no file in the zip archive is a report: claims.csv: looks like an A-to-z claims file but lacks column(s) "claim-date"`,
			[]string{`skipped %s:claims.csv: looks like an A-to-z claims file but lacks column(s) "claim-date"`}},
		{"a spreadsheet", makeZip(t, member{name: "[Content_Types].xml", body: "<?xml?>"}, member{name: "xl/workbook.xml", body: "<x/>"}),
			"a spreadsheet or document (xlsx, docx, ods), not a text report; save the sheet as tab-delimited text",
			[]string{"skipped %s: not a recognised report"}},
		{"encrypted and unsupported members", makeZip(t,
			member{name: "secret.txt", body: "\x8a\x01garbage", flags: 1},
			member{name: "lzma.txt", body: "\x5d\x00\x00", method: 14}),
			"no file in the zip archive is a report: lzma.txt: compressed with method 14; audit reads stored and deflated members; secret.txt: encrypted",
			[]string{
				"skipped %s:lzma.txt: compressed with method 14; audit reads stored and deflated members",
				"skipped %s:secret.txt: encrypted; audit cannot read it",
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, "export.zip", c.archive)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+": not a recognised report ("+c.reason+"); see docs/formats.md for the accepted reports", new(*UnrecognisedError))

			orders := writeFile(t, dir, "orders.txt", ordersBody)
			l := mustLoad(t, Options{}, dir)
			checkInputs(t, l, []records.InputFile{{File: orders, Kind: "orders", Rows: 1}})
			var want []string
			for _, w := range c.warn {
				want = append(want, strings.ReplaceAll(w, "%s", p))
			}
			checkWarnings(t, l, want...)
		})
	}
}

// A named zip with a report and other members reads the report and warns
// about the rest, like a folder.
func TestZipNamedWithSomeReports(t *testing.T) {
	p := writeFile(t, t.TempDir(), "export.zip", makeZip(t,
		member{name: "orders.txt", body: ordersBody},
		member{name: "readme.txt", body: "read me\n"},
		member{name: "removals.txt", body: "order-id\torder-status\tsku\n"},
		member{name: "secret.txt", body: "x", flags: 1},
	))
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p + ":orders.txt", Kind: "orders", Rows: 1}})
	checkWarnings(t, l,
		"skipped "+p+":readme.txt: not a recognised report",
		"skipped "+p+`:removals.txt: looks like an All Orders report but lacks column(s) "purchase-date", "fulfillment-channel"`,
		"skipped "+p+":secret.txt: encrypted; audit cannot read it",
	)
}

// A zip archive that does not open, or whose member is damaged, is an
// error naming it, in a folder too: it may have held a report.
func TestZipBroken(t *testing.T) {
	good := makeZip(t, member{name: "orders.txt", body: ordersBody, store: true})
	cases := []struct {
		name, body, want string
	}{
		{"magic only", "PK\x03\x04", ": broken zip archive: zip: not a valid zip file"},
		{"cut short", good[:len(good)-30], ": broken zip archive: zip: not a valid zip file"},
		{"empty archive's magic, then garbage", "PK\x05\x06garbage", ": broken zip archive: zip: not a valid zip file"},
		// The member's data do not match its CRC-32: found at its end.
		{"checksum", makeZip(t, member{name: "orders.txt", body: ordersBody, crc: 12345}), ":orders.txt:3: broken zip member: zip: checksum error"},
		{"corrupt deflate data", makeZip(t, member{name: "orders.txt", body: "\xff\xff\xff\xff", method: zip.Deflate}), ":orders.txt:1: broken zip member: flate: corrupt input before offset 1"},
		{"gzip member cut short", makeZip(t, member{name: "orders.txt.gz", body: gz(t, ordersBody)[:30]}), ":orders.txt.gz:1: broken gzip stream: unexpected EOF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, "export.zip", c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+c.want, new(*InputError))
			err = loadErr(t, Options{}, dir)
			wantErr(t, err, p+c.want, new(*InputError))
		})
	}
}

// gzip is told by its magic bytes inside a zip too, and a zip inside gzip
// is no report.
func TestZipInsideGzip(t *testing.T) {
	p := writeFile(t, t.TempDir(), "export.txt.gz", gz(t, makeZip(t, member{name: "orders.txt", body: ordersBody})))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+": not a recognised report (a zip archive inside a gzip stream; unpack it first); see docs/formats.md for the accepted reports", new(*UnrecognisedError))
}

// Several gzip members one after the other (cat a.gz b.gz) are one text,
// with its lines counted across the members.
func TestGzipMultiMember(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt.gz",
		gz(t, ordersHeader+"\n111-1\t2026-09-07\tAmazon\n")+gz(t, "111-2\t2026-09-08\tMerchant\n")+gz(t, "111-3\tnot a date\tAmazon\n"))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`:4:2: column "purchase-date": want an ISO-8601 date or time, got "not a date"`, new(*InputError))

	p = writeFile(t, t.TempDir(), "orders.txt.gz",
		gz(t, ordersHeader+"\n111-1\t2026-09-07\tAmazon\n")+gz(t, "111-2\t2026-09-08\tMerchant\n"))
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, p, 2},
		{"111-2", "2026-09-08", mfn, "", "", false, p, 3},
	})
}

// rows returns an orders file of n rows with distinct ids: it compresses
// like a real report, a few times.
func rows(n int) string {
	var b strings.Builder
	b.WriteString(ordersHeader + "\n")
	for i := 0; i < n; i++ {
		b.WriteString("111-" + strings.Repeat("0", 7-len(itoa(i))) + itoa(i) + "\t2026-09-07T10:00:00+00:00\tAmazon\n")
	}
	return b.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

// A gzip stream or zip member that inflates past MaxInflated, or past
// MaxRatio times its compressed size, is an error naming it, not an
// endless read. The limits are lowered here (limits); the text is generated.
func TestInflateBounded(t *testing.T) {
	big := rows(40000)                                         // 1.6 MB
	blank := ordersHeader + "\n" + strings.Repeat("\n", 8<<20) // 8 MiB of blank lines: ~1000:1
	tooBig := ": inflates to more than 1 MiB: not a report (a decompression bomb?)"
	tooDense := ": inflates to more than 500 times its compressed size: no report compresses that well (a decompression bomb?)"
	cases := []struct {
		name   string
		limits inflateLimits
		file   string
		want   string // after the file name; "" reads
	}{
		{"gzip under the limits", inflateLimits{max: 2 << 20, after: 1 << 20, ratio: 500}, gz(t, big), ""},
		{"gzip past the size limit", inflateLimits{max: 1 << 20, after: 1 << 40, ratio: 500}, gz(t, big), tooBig},
		{"gzip past the ratio", inflateLimits{max: 1 << 40, after: 1 << 20, ratio: 500}, gz(t, blank), tooDense},
		{"gzip of blank lines only", inflateLimits{max: 1 << 40, after: 1 << 20, ratio: 500}, gz(t, strings.Repeat("\n", 8<<20)), tooDense},
		{"zip member under the limits", inflateLimits{max: 2 << 20, after: 1 << 20, ratio: 500}, makeZip(t, member{name: "o.txt", body: big}), ""},
		{"zip member past the size limit", inflateLimits{max: 1 << 20, after: 1 << 40, ratio: 500}, makeZip(t, member{name: "o.txt", body: big}), tooBig},
		{"stored zip member past the size limit", inflateLimits{max: 1 << 20, after: 1 << 40, ratio: 500}, makeZip(t, member{name: "o.txt", body: big, store: true}), tooBig},
		{"zip member past the ratio", inflateLimits{max: 1 << 40, after: 1 << 20, ratio: 500}, makeZip(t, member{name: "o.txt", body: blank}), tooDense},
		{"gzip in a zip past the ratio", inflateLimits{max: 1 << 40, after: 1 << 20, ratio: 500}, makeZip(t, member{name: "o.txt", body: gz(t, blank), store: true}), tooDense},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := c.limits
			l.total, l.members = 1<<40, MaxMembers // not the archive's bounds (zipbomb_test.go)
			setLimits(t, l)
			p := writeFile(t, t.TempDir(), "x", c.file)
			name := p
			if strings.HasPrefix(c.file, "PK") {
				name += ":o.txt"
			}
			if c.want == "" {
				l := mustLoad(t, Options{}, p)
				checkInputs(t, l, []records.InputFile{{File: name, Kind: "orders", Rows: 40000}})
				return
			}
			err := loadErr(t, Options{}, p)
			wantErr(t, err, name+c.want, new(*InputError))
			// In a folder too.
			err = loadErr(t, Options{}, filepath.Dir(p))
			wantErr(t, err, name+c.want, new(*InputError))
		})
	}
}

// With the real limits, a report that compresses well reads, and the
// limits are what the package says.
func TestInflateDefaults(t *testing.T) {
	if limits != (inflateLimits{max: 8 << 30, after: 64 << 20, ratio: 1000, total: 8 << 30, members: 10000}) || MaxInflated != 8<<30 {
		t.Fatalf("limits %+v", limits)
	}
	p := writeFile(t, t.TempDir(), "orders", gz(t, rows(1000)+strings.Repeat("\n", 1<<20)))
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 1000}})
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{8 << 30: "8 GiB", 1 << 20: "1 MiB", 3 << 10: "3 KiB", 1000: "1000 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestHiddenMember(t *testing.T) {
	for name, want := range map[string]bool{
		"orders.txt": false, "a/b/orders.txt": false, ".DS_Store": true, "a/.x": true,
		"__MACOSX/a": true, `win\.hidden`: true, "a..b.txt": false, "x/__MACOSX.txt": false,
	} {
		if got := hiddenMember(name); got != want {
			t.Errorf("hiddenMember(%q) = %v", name, got)
		}
	}
}

// The magic bytes decide, not the name: a .zip that is text is read as
// text, and a plain file is never taken for an archive.
func TestZipByMagicOnly(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "orders.zip", ordersBody)
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 1}})
	if zipMagic([]byte("PK\x03")) || zipMagic([]byte("PK\x01\x02")) || !zipMagic([]byte("PK\x05\x06")) || !zipMagic([]byte("PK\x03\x04")) {
		t.Error("zipMagic")
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
}

// FuzzReadArchive feeds damaged zip archives and gzip streams to Load: an
// error of a documented type naming the file, or reports read, never a
// panic or a hang.
func FuzzReadArchive(f *testing.F) {
	f.Add([]byte(makeZip(f, member{name: "orders.txt", body: ordersBody}, member{name: "x.gz", body: gz(f, ordersBody), store: true})))
	f.Add([]byte(makeZip(f, member{name: "orders.txt", body: ordersBody, store: true}, member{name: "in.zip", body: makeZip(f), store: true})))
	f.Add([]byte(makeZip(f)))
	f.Add([]byte(gz(f, ordersBody) + gz(f, "111-2\t2026-09-08\tMerchant\n")))
	f.Add([]byte(gz(f, claimsHeader+"\n111-1,2026-09-01,granted\n")))
	dir := f.TempDir()
	p := filepath.Join(dir, "archive.bin")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{p, dir} {
			l, err := Load([]string{path}, Options{Marketplace: "US"})
			if err != nil {
				var ie *InputError
				var me *MissingColumnsError
				var ue *UnrecognisedError
				if !errors.As(err, &ie) && !errors.As(err, &me) && !errors.As(err, &ue) {
					t.Fatalf("error %v is a %T", err, err)
				}
				if !strings.HasPrefix(err.Error(), p) {
					t.Fatalf("error %q does not name the file", err)
				}
				continue
			}
			for _, in := range l.Inputs {
				if in.File != p && !strings.HasPrefix(in.File, p+":") {
					t.Fatalf("input %+v", in)
				}
			}
			for o := range l.Data.Orders.All() {
				if !strings.HasPrefix(o.Source().File, p) || o.Source().Line < 2 || o.ID() == "" {
					t.Fatalf("order %+v", o)
				}
			}
		}
	})
}

// Archives made by other tools (testdata/hostile): Python's zipfile writing
// to a stream (sizes in data descriptors after each member, a folder entry,
// a symlink member, __MACOSX and .DS_Store), and Info-ZIP's zip -y (a
// stored gzip member, a symlink member). Line numbers are the member's.
func TestZipFromOtherTools(t *testing.T) {
	py := filepath.Join("testdata", "hostile", "python-streamed.zip")
	l := mustLoad(t, Options{Marketplace: "US"}, py)
	checkInputs(t, l, []records.InputFile{{File: py + ":acme/Feedback.txt", Kind: "feedback", Rows: 1}, {File: py + ":acme/orders.txt", Kind: "orders", Rows: 2}})
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, py + ":acme/orders.txt", 2},
		{"111-2", "2026-09-08", mfn, "", "", false, py + ":acme/orders.txt", 3},
	})
	checkFeedback(t, l, []feedback{{"111-2", "2026-09-20", 1, false, 2}})
	checkWarnings(t, l, "skipped "+py+":acme/latest.txt: not a regular file")

	iz := filepath.Join("testdata", "hostile", "infozip-gzip-member.zip")
	err := loadErr(t, Options{}, iz)
	wantErr(t, err, iz+`:claims.csv.gz:3:2: column "claim-date": want an ISO-8601 date or time, got "2026-09-31"`, new(*InputError))
}
