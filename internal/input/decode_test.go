package input

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

func sjis(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A Japanese feedback report in Shift_JIS: detected, its header read, its
// YY/M/D dates decided by the Japanese header.
func TestLoadShiftJISFeedback(t *testing.T) {
	body := sjis(t, "日付\t評価\tコメント\t返答\t注文番号\t評価者のメールアドレス\r\n"+
		"26/10/3\t1\t商品が届きませんでした\t\t503-1234567-1234567\tx@marketplace.amazon.co.jp\r\n")
	p := writeFile(t, t.TempDir(), "feedback.txt", body)
	l := mustLoad(t, Options{}, p)
	checkFeedback(t, l, []feedback{{"503-1234567-1234567", "2026-10-03", 1, false, 2}})
}

// --encoding names the encoding when detection cannot: a Shift_JIS file
// read as Windows-1252 is not recognised; read as shift_jis it is.
func TestLoadEncodingOverride(t *testing.T) {
	body := sjis(t, "日付\t評価\tコメント\t返答\t注文番号\t評価者のメールアドレス\n26/10/3\t2\tおそい\t\t503-1\t\n")
	p := writeFile(t, t.TempDir(), "feedback.txt", body)
	if _, err := Load([]string{p}, Options{Encoding: EncodingWindows1252}); err == nil {
		t.Error("Shift_JIS read as Windows-1252 was recognised")
	}
	l := mustLoad(t, Options{Encoding: EncodingShiftJIS}, p)
	checkFeedback(t, l, []feedback{{"503-1", "2026-10-03", 2, false, 2}})
}

// UTF-16 with a byte-order mark (Excel's "Unicode text") streams as UTF-8.
func TestLoadUTF16(t *testing.T) {
	text := "amazon-order-id\tpurchase-date\tfulfillment-channel\r\n111-1\t2026-09-07T10:00:00+00:00\tAmazon\r\n"
	var b strings.Builder
	b.WriteString("\xff\xfe")
	for _, r := range text {
		b.WriteByte(byte(r))
		b.WriteByte(0)
	}
	p := writeFile(t, t.TempDir(), "orders.txt", b.String())
	l := mustLoad(t, Options{}, p)
	if o, _ := l.Data.Orders.Get("111-1"); o == nil || o.Date.String() != "2026-09-07" {
		t.Fatalf("orders %+v", l.Data.Orders)
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{
		"": EncodingAuto, "AUTO": EncodingAuto, "utf8": EncodingUTF8, "UTF-8": EncodingUTF8,
		"cp1252": EncodingWindows1252, "Windows-1252": EncodingWindows1252, "latin1": EncodingLatin1,
		"ISO-8859-1": EncodingLatin1, "Shift_JIS": EncodingShiftJIS, "sjis": EncodingShiftJIS, "cp932": EncodingShiftJIS,
	} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil || !strings.Contains(err.Error(), `"ebcdic"`) {
		t.Errorf("ParseEncoding(ebcdic) = %v", err)
	}
}

// Detection: Japanese text is Shift_JIS; European accents are not, even
// where their bytes happen to form Shift_JIS pairs.
func TestDetectEncoding(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Encoding
	}{
		{"ascii", "order-id,claim-date\n", EncodingUTF8},
		{"utf-8", "Bestellnummer\tBewertung für Größe\n", EncodingUTF8},
		{"utf-8 cut mid-character", "Gr\xc3\xb6\xc3", EncodingUTF8},
		{"japanese", sjis(t, "注文番号\t評価\tコメント\n"), EncodingShiftJIS},
		{"french cp1252", "Num\xe9ro de commande\t\xc9valuation\tTr\xe8s d\xe9\xe7u\n", EncodingWindows1252},
		{"german cp1252", "Gr\xf6\xdfe\tStra\xdfe\tM\xfcller\n", EncodingWindows1252},
		{"curly quotes cp1252", "\x93new\x94 item\n", EncodingWindows1252},
	}
	for _, c := range cases {
		if got := newDecoder(EncodingAuto, []byte(c.in)).name; got != c.want {
			t.Errorf("%s: detected %s, want %s", c.name, got, c.want)
		}
	}
}
