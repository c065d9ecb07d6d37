package input

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// Text encodings of Amazon's exports (report-formats.md, "Encodings"):
// NA/EU files are often Windows-1252, sometimes UTF-8; JP files are
// Shift_JIS / Windows-31J. Lines are decoded one at a time, so decoding
// streams with the reading.

// Encoding names a text encoding for --encoding.
type Encoding string

const (
	EncodingAuto        Encoding = "auto"
	EncodingUTF8        Encoding = "utf-8"
	EncodingWindows1252 Encoding = "windows-1252"
	EncodingLatin1      Encoding = "iso-8859-1"
	EncodingShiftJIS    Encoding = "shift_jis"
)

// ParseEncoding reads an --encoding value; common spellings are accepted.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "windows-1252", "cp1252", "win1252":
		return EncodingWindows1252, nil
	case "iso-8859-1", "latin-1", "latin1", "iso8859-1":
		return EncodingLatin1, nil
	case "shift-jis", "sjis", "cp932", "windows-31j", "ms932":
		return EncodingShiftJIS, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want auto, utf-8, windows-1252, iso-8859-1 or shift_jis)", s)
}

// decoder turns a file's lines into UTF-8 text.
type decoder struct {
	name     Encoding
	fallback encoding.Encoding // for lines that are not valid UTF-8; nil: UTF-8 only
	strict   bool              // the user named the encoding: decode every line with it
}

// newDecoder picks the decoding of a file from --encoding and a sample of
// its first bytes: valid UTF-8 stays UTF-8 (lines that are not fall back to
// Windows-1252); otherwise Shift_JIS when the sample reads as Japanese
// text, else Windows-1252.
func newDecoder(enc Encoding, sample []byte) *decoder {
	switch enc {
	case EncodingUTF8:
		return &decoder{name: enc, strict: true}
	case EncodingWindows1252:
		return &decoder{name: enc, fallback: charmap.Windows1252, strict: true}
	case EncodingLatin1:
		return &decoder{name: enc, fallback: charmap.ISO8859_1, strict: true}
	case EncodingShiftJIS:
		return &decoder{name: enc, fallback: japanese.ShiftJIS, strict: true}
	}
	if validUTF8Prefix(sample) {
		return &decoder{name: EncodingUTF8, fallback: charmap.Windows1252}
	}
	if looksShiftJIS(sample) {
		return &decoder{name: EncodingShiftJIS, fallback: japanese.ShiftJIS}
	}
	return &decoder{name: EncodingWindows1252, fallback: charmap.Windows1252}
}

// line decodes one line. Invalid input never fails: undecodable bytes
// become U+FFFD, so a stray byte in a product name cannot stop a report.
func (d *decoder) line(b []byte) string {
	if d.fallback == nil {
		if utf8.Valid(b) {
			return string(b)
		}
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if !d.strict && utf8.Valid(b) {
		return string(b)
	}
	if ascii(b) {
		return string(b)
	}
	out, err := d.fallback.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// identity says whether line(b) is b itself: the bytes are already the
// UTF-8 text line would return, so they can be read in place.
func (d *decoder) identity(b []byte) bool {
	if d.fallback == nil || !d.strict {
		return utf8.Valid(b)
	}
	return ascii(b)
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// validUTF8Prefix is utf8.Valid, forgiving a character cut at the end of
// the sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// looksShiftJIS says whether b is well-formed Shift_JIS that reads as
// Japanese. Windows-1252 text can be well-formed Shift_JIS too ("é" then a
// letter is a kanji pair), so the kind of pairs decides: Japanese text is
// mostly kana and common kanji, whose lead bytes are 0x81-0x9F; accented
// Latin letters land on leads 0xE0-0xFC or on half-width katakana instead.
func looksShiftJIS(b []byte) bool {
	common, rare, i := 0, 0, 0
	for i < len(b) {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c >= 0xA1 && c <= 0xDF: // half-width katakana
			rare++
			i++
		case (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC):
			if i+1 >= len(b) {
				i++ // cut at the end of the sample
				continue
			}
			t := b[i+1]
			if t < 0x40 || t == 0x7F || t > 0xFC {
				return false
			}
			if c <= 0x9F {
				common++
			} else {
				rare++
			}
			i += 2
		default:
			return false
		}
	}
	return common > 0 && common > rare
}
