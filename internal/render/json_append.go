package render

import (
	"strconv"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/safetext"
)

// The appenders of this file write the JSON of the long lists (each
// entry's defective orders, the feedback and the risks) straight in the
// bytes json.Encoder with SetEscapeHTML(false) and SetIndent(prefix, "  ")
// gives for them, after jsonSafe: at 10M orders an account's lists hold
// about 100,000 orders, and the encoder's reflection and re-indenting of
// its compact output took about 1 s. TestJSONAppendersMatchTheEncoder and
// FuzzJSONString compare them with the encoder; TestJSONAppendedFields
// fails when a field is added to one of the types they write.
//
// ind is the number of spaces that start the lines of the value (the
// encoder's prefix); its first line is at the cursor.

const jsonSpaces = "                                                                "

// appendNewline starts a line indented by ind spaces.
func appendNewline(b []byte, ind int) []byte {
	b = append(b, '\n')
	for ind > len(jsonSpaces) {
		b = append(b, jsonSpaces...)
		ind -= len(jsonSpaces)
	}
	return append(b, jsonSpaces[:ind]...)
}

// appendKey starts a field of an object whose fields are indented by ind
// spaces: its separator, its line and its name (a plain ASCII name).
func appendKey(b []byte, ind int, first bool, k string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = appendNewline(b, ind)
	b = append(b, '"')
	b = append(b, k...)
	return append(b, '"', ':', ' ')
}

const jsonHex = "0123456789abcdef"

// jsonPlain says which ASCII bytes a string keeps as they are: all but ",
// \, the C0 controls and DEL.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != 0x7f
	}
	return t
}()

// appendJSONString writes s as encoding/json does with EscapeHTML off (",
// \ and the C0 controls escaped, \b \f \n \r \t by name, U+2028 and
// U+2029 escaped, a byte that is not UTF-8 as \ufffd), then as jsonSafe
// rewrites it (DEL, the C1 controls and the bidirectional controls as
// \u escapes).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // the other C0 controls, and DEL (jsonSafe's)
				b = append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || safetext.Unsafe(r):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', jsonHex[r>>12&0xf], jsonHex[r>>8&0xf], jsonHex[r>>4&0xf], jsonHex[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONDate writes d as its MarshalText gives it, a JSON string.
func appendJSONDate(b []byte, d civil.Date) []byte {
	y, m, day := d.YearMonthDay()
	if y < 0 || y > 9999 {
		return appendJSONString(b, d.String())
	}
	return append(b, '"',
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+day/10), byte('0'+day%10), '"')
}

// appendJSONStrings writes a list of strings; nil is null.
func appendJSONStrings(b []byte, ind int, ss []string) []byte {
	switch {
	case ss == nil:
		return append(b, "null"...)
	case len(ss) == 0:
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNewline(b, ind+2)
		b = appendJSONString(b, s)
	}
	b = appendNewline(b, ind)
	return append(b, ']')
}

// appendJSONItem writes the jsonItem jsonItems makes of it: one order
// counted against a metric.
func appendJSONItem(b []byte, ind int, it metrics.Item) []byte {
	f := ind + 2
	b = append(b, '{')
	b = appendKey(b, f, true, "order_id")
	b = appendJSONString(b, it.OrderID)
	if it.OrderDate != 0 {
		b = appendKey(b, f, false, "order_date")
		b = appendJSONDate(b, it.OrderDate)
	}
	if it.Fulfillment != "" {
		b = appendKey(b, f, false, "fulfillment")
		b = appendJSONString(b, it.Fulfillment)
	}
	b = appendKey(b, f, false, "window_date")
	b = appendJSONDate(b, it.KeyDate)
	// types: each event's type once, in the events' order
	b = appendKey(b, f, false, "types")
	if len(it.Events) == 0 {
		b = append(b, '[', ']')
	} else {
		b = append(b, '[')
	types:
		for j, e := range it.Events {
			for _, p := range it.Events[:j] {
				if p.Type == e.Type {
					continue types
				}
			}
			if j > 0 {
				b = append(b, ',')
			}
			b = appendNewline(b, f+2)
			b = appendJSONString(b, e.Type)
		}
		b = appendNewline(b, f)
		b = append(b, ']')
	}
	b = appendKey(b, f, false, "events")
	if len(it.Events) == 0 {
		b = append(b, '[', ']')
	} else {
		b = append(b, '[')
		for j, e := range it.Events {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendNewline(b, f+2)
			b = appendJSONEvent(b, f+2, e)
		}
		b = appendNewline(b, f)
		b = append(b, ']')
	}
	b = appendKey(b, f, false, "leaves_window_on")
	b = appendJSONDate(b, it.LeavesWindowOn)
	b = appendNewline(b, ind)
	return append(b, '}')
}

// appendJSONEvent writes the jsonEvent jsonItems makes of e.
func appendJSONEvent(b []byte, ind int, e metrics.Event) []byte {
	f := ind + 2
	b = append(b, '{')
	b = appendKey(b, f, true, "type")
	b = appendJSONString(b, e.Type)
	b = appendKey(b, f, false, "date")
	if e.Date != 0 {
		b = appendJSONDate(b, e.Date)
	} else {
		b = append(b, "null"...)
	}
	if e.Status != "" {
		b = appendKey(b, f, false, "status")
		b = appendJSONString(b, e.Status)
	}
	b = appendNewline(b, ind)
	return append(b, '}')
}

// appendJSONFeedback writes one entry of the feedback list.
func appendJSONFeedback(b []byte, ind int, x jsonFeedback) []byte {
	f := ind + 2
	b = append(b, '{')
	b = appendKey(b, f, true, "order_id")
	b = appendJSONString(b, x.OrderID)
	b = appendKey(b, f, false, "order_date")
	b = appendJSONDate(b, x.OrderDate)
	if x.Fulfillment != "" {
		b = appendKey(b, f, false, "fulfillment")
		b = appendJSONString(b, x.Fulfillment)
	}
	b = appendKey(b, f, false, "feedback_date")
	b = appendJSONDate(b, x.FeedbackDate)
	b = appendKey(b, f, false, "rating")
	b = strconv.AppendInt(b, int64(x.Rating), 10)
	b = appendKey(b, f, false, "comment")
	b = appendJSONString(b, x.Comment)
	b = appendKey(b, f, false, "removable_until")
	b = appendJSONDate(b, x.RemovableUntil)
	b = appendKey(b, f, false, "removal_grounds")
	b = appendJSONStrings(b, f, x.RemovalGrounds)
	b = appendKey(b, f, false, "removable")
	b = strconv.AppendBool(b, x.Removable)
	b = appendNewline(b, ind)
	return append(b, '}')
}

// appendJSONRisk writes one entry of the risks list.
func appendJSONRisk(b []byte, ind int, x jsonRisk) []byte {
	f := ind + 2
	b = append(b, '{')
	b = appendKey(b, f, true, "kind")
	b = appendJSONString(b, x.Kind)
	b = appendKey(b, f, false, "order_id")
	b = appendJSONString(b, x.OrderID)
	b = appendKey(b, f, false, "date")
	b = appendJSONDate(b, x.Date)
	b = appendKey(b, f, false, "deadline")
	b = appendJSONString(b, x.Deadline)
	b = appendKey(b, f, false, "detail")
	b = appendJSONString(b, x.Detail)
	b = appendNewline(b, ind)
	return append(b, '}')
}
