package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"114-0000001-0000001", "114-0000001-0000001"},
		{"Müller & Söhne – „gut“ 👍 \\x1b", "Müller & Söhne – „gut“ 👍 \\x1b"}, // printable, and a literal backslash, as they are
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},                             // OSC: set the window title
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},                                   // clear the screen
		{"a\x00b\x7fc", `a\x00b\x7fc`},
		{"csi \u009b2J nel \u0085", `csi \u009b2J nel \u0085`}, // C1 as UTF-8
		{"raw \x9b2J", `raw \x9b2J`},                           // C1 as a stray byte, not UTF-8
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", `\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069`},
		{"two\nlines\r\nand\ta tab\rCR", "two lines and a tab CR"},
		{"pipe | and `code`", "pipe | and `code`"}, // markup is the formats' business
		{"\ufffd stays", "\ufffd stays"},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	if got, want := Text("line 1\r\nline 2\tcol\x1b[2J\u202e\rline 3\n"), "line 1\nline 2\tcol\\x1b[2J\\u202e\nline 3\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// Whatever the input, the output holds no unsafe rune, is valid UTF-8,
// and cleaning it again changes nothing.
func TestNothingUnsafeLeft(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x2100; r++ {
		all.WriteRune(r)
	}
	for b := 0x80; b < 0x100; b++ {
		all.WriteByte(byte(b))
	}
	for _, fn := range []func(string) string{Line, Text} {
		out := fn(all.String())
		if !utf8.ValidString(out) {
			t.Error("not UTF-8")
		}
		for _, r := range out {
			if Unsafe(r) && r != '\t' && r != '\n' {
				t.Errorf("%U left", r)
			}
		}
		if again := fn(out); again != out {
			t.Error("not idempotent")
		}
	}
	if strings.ContainsAny(Line(all.String()), "\t\n\r") {
		t.Error("Line kept a line break or a tab")
	}
	if strings.Contains(Text(all.String()), "\r") {
		t.Error("Text kept a carriage return")
	}
	if s := "a\tb\nc"; Text(s) != s {
		t.Error("Text changed tabs and line feeds")
	}
}
