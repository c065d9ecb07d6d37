// Package safetext makes text that comes from input files (order ids,
// comments, file and folder names, zip member names, reasons built from
// them) safe to show: on a terminal, where a control character could set
// the window title, clear the screen or move the cursor, and in any viewer,
// where a bidirectional override could reorder what is read.
//
// The characters made visible are the C0 controls (U+0000 to U+001F), DEL
// (U+007F), the C1 controls (U+0080 to U+009F), the bidirectional
// embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069)
// and bytes that are not UTF-8. Each is written as its escape in Go
// notation: ESC as `\x1b`, BEL as `\x07`, U+202E as `\u202e`, a stray byte
// 0x9b as `\x9b`. So nothing is lost from sight and nothing acts. Tabs and
// line breaks (LF, CR LF, a lone CR) are made spaces by Line (a table cell,
// a warning is one line) and kept by Text (a CSV value, an error message
// may span lines), each line break as LF: a lone CR would move the cursor
// back over what was written.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Line is s for one line of output: every character Unsafe names written
// visibly, a tab or a line break (LF, CR LF, CR) as a space.
func Line(s string) string { return clean(s, false) }

// Text is s with every character Unsafe names written visibly, except
// tabs and line breaks, which are kept, each line break as LF.
func Text(s string) string { return clean(s, true) }

// Unsafe says whether r acts rather than shows: a C0 or C1 control, DEL,
// or a bidirectional embedding, override or isolate.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func clean(s string, keepBreaks bool) string {
	if !needsCleaning(s, keepBreaks) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || r == '\n' || r == '\r':
			if r == '\r' && strings.HasPrefix(s[i+1:], "\n") {
				n++ // CR LF is one line break
			}
			switch {
			case !keepBreaks:
				b.WriteByte(' ')
			case r == '\t':
				b.WriteByte('\t')
			default:
				b.WriteByte('\n')
			}
		case Unsafe(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// needsCleaning is the fast path: plain printable ASCII, or valid UTF-8
// without an unsafe rune (but for the tabs and LFs Text keeps), is
// returned as it is.
func needsCleaning(s string, keepBreaks bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) && !(keepBreaks && (r == '\t' || r == '\n')) {
			return true
		}
		i += n
	}
	return false
}
