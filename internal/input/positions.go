package input

// byPosition fills in the standard columns of a fixed-order report (Spec
// Positions: the Feedback report's Date, Rating, Comments, Your Response,
// Order ID, Rater Email) that the header does not name, from their
// places. Names come first: a column found by name is never moved, so a
// layout with other columns among the standard ones (Arrived On Time, Item
// As Described, ...) cannot shift the order id. The places are trusted
// only when the header is the standard layout: every standard column found
// by name sits at its place, and no cell past the standard ones is unknown
// (a column the kind knows, such as Removed, may follow them). cols is the
// header's columns by name (resolve), norm its normalised cells.
func byPosition(positions []string, cols map[string]int, norm []string) {
	if len(norm) < len(positions) {
		return
	}
	taken := map[int]bool{}
	for _, i := range cols {
		taken[i] = true
	}
	for place, name := range positions {
		if i, ok := cols[name]; ok && i != place {
			return // another layout: names only
		}
	}
	for i := len(positions); i < len(norm); i++ {
		if !taken[i] && norm[i] != "" {
			return // a cell past the standard ones that no column names
		}
	}
	for place, name := range positions {
		if _, ok := cols[name]; !ok && !taken[place] {
			cols[name] = place
		}
	}
}
