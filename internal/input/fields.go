package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
)

// Field readers shared by the report kinds: each trims the value and, when
// it does not parse, returns an InputError placed at the row and column.

// trim is strings.TrimSpace, without the call for a value that starts and
// ends with a printable ASCII byte (nearly every value of a report): such
// a value has no space to trim.
func trim(v string) string {
	if n := len(v); n > 0 && v[0] > ' ' && v[0] < 0x7f && v[n-1] > ' ' && v[n-1] < 0x7f {
		return v
	}
	return strings.TrimSpace(v)
}

// timestampField reads a required ISO-8601 date or time.
func timestampField(t *Table, col, v string) (civil.Timestamp, error) {
	v = trim(v)
	if v == "" {
		return civil.Timestamp{}, t.Errorf(col, "empty date")
	}
	ts, err := civil.ParseTimestamp(v)
	if err != nil {
		return ts, t.Errorf(col, "%v", err)
	}
	return ts, nil
}

// optTimestampField reads an optional ISO-8601 date or time: the zero
// Timestamp when empty.
func optTimestampField(t *Table, col, v string) (civil.Timestamp, error) {
	if trim(v) == "" {
		return civil.Timestamp{}, nil
	}
	return timestampField(t, col, v)
}

// optDateField reads an optional date (a time is accepted; its date as
// written is kept): no date when empty.
func optDateField(t *Table, col, v string) (civil.OptDate, error) {
	ts, err := optTimestampField(t, col, v)
	if ts.IsZero() || err != nil {
		return 0, err
	}
	return civil.OptDateOf(ts.Date), nil
}

// boolField reads a yes/no flag: true/false, Y/N, yes/no, 1/0; empty is
// false.
func boolField(t *Table, col, v string) (bool, error) {
	switch strings.ToLower(trim(v)) {
	case "true", "y", "yes", "1":
		return true, nil
	case "false", "n", "no", "0", "":
		return false, nil
	}
	return false, t.Errorf(col, "want true or false (Y/N), got %q", strings.TrimSpace(v))
}

// enumField maps a value (normalized: case, '-', '_' and spaces ignored) to
// one of names; what names the value and want lists the accepted ones, for
// the error message.
func enumField[T any](t *Table, col, v string, names map[string]T, what, want string) (T, error) {
	if x, ok := names[Normalize(v)]; ok {
		return x, nil
	}
	var zero T
	return zero, t.Errorf(col, "unknown %s %q (want %s)", what, strings.TrimSpace(v), want)
}
