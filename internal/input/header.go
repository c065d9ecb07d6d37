package input

import "strings"

// Normalize turns a header cell into the key the alias tables use:
// lower case, trimmed, with '_', '-' and spaces interchangeable (all become
// '-', runs collapse), surrounding quotes and a stray byte-order mark removed.
func Normalize(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	h = strings.TrimSpace(h)
	h = strings.Trim(h, `"'`)
	h = strings.ToLower(strings.TrimSpace(h))
	var b strings.Builder
	b.Grow(len(h))
	dash := false
	for _, r := range h {
		if r == '_' || r == '-' || r == ' ' || r == '\t' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Column is one column a report kind knows: its canonical name and the other
// header names (any case, '_'/'-'/space interchangeable) that mean it.
type Column struct {
	Name    string
	Aliases []string
}

// resolve maps each canonical column name to its index in the normalized
// header (first match wins), and says which header cells belong to the kind.
// User mappings (--column kind.column=Header) come first, so a user's
// header wins over a built-in alias that happens to match another column.
func resolve(cols []Column, norm []string, user map[string][]string) (idx map[string]int, known int) {
	idx = make(map[string]int, len(cols))
	for _, c := range cols {
		keys := append(append([]string{}, user[c.Name]...), Normalize(c.Name))
		keys = append(keys, c.Aliases...)
		for _, k := range keys {
			k = Normalize(k)
			for i, h := range norm {
				if h == k {
					if _, dup := idx[c.Name]; !dup {
						idx[c.Name] = i
						known++
					}
				}
			}
		}
	}
	return idx, known
}
