package input

import (
	"fmt"
	"strings"
)

// InputError places a bad value: file, line, column (1-based field number)
// and the column's header name. Its text reads like a compiler's,
// "orders.txt:12:3: purchase-date: ...", so editors can jump to it.
type InputError struct {
	File   string
	Line   int
	Column int    // 1-based field number; 0 when the whole line is at fault
	Name   string // header name of the column, when known
	Msg    string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Name != "" {
		fmt.Fprintf(&b, "column %q: ", e.Name)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// MissingColumnsError is a recognised report that lacks columns a metric
// needs. Named on the command line it stops the run; found in a folder or
// a zip archive it is skipped with a warning (it may only resemble the
// kind).
type MissingColumnsError struct {
	File    string
	Kind    Kind
	Missing []string
}

func (e *MissingColumnsError) Error() string { return e.File + ": " + e.Reason() }

// Reason says what the file looked like and what it lacks, for the
// warning that skips it inside a folder or a zip archive.
func (e *MissingColumnsError) Reason() string {
	return fmt.Sprintf("looks like %s but lacks column(s) %s", article(e.Kind.Title()), strings.Join(quoteAll(e.Missing), ", "))
}

// article puts "a" or "an" before a title: "an All Orders report", "a
// Feedback report".
func article(title string) string {
	if title != "" && strings.ContainsRune("AEIOUaeiou", rune(title[0])) {
		return "an " + title
	}
	return "a " + title
}

// UnrecognisedError is a file named on the command line whose header row
// matches no known report.
type UnrecognisedError struct {
	File   string
	Reason string
}

func (e *UnrecognisedError) Error() string {
	return fmt.Sprintf("%s: not a recognised report (%s); see docs/formats.md for the accepted reports", e.File, e.Reason)
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}
