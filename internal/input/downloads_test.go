package input

import "testing"

// Every kind that is read says where it comes from, and every entry is a
// known kind.
func TestDownloadsComplete(t *testing.T) {
	known := map[Kind]bool{}
	for _, s := range Specs() {
		known[s.Kind] = true
		if d := DownloadOf(s.Kind); s.Read != nil && d.Where == "" {
			t.Errorf("%s: no download", s.Kind)
		}
	}
	for k := range downloads {
		if !known[k] {
			t.Errorf("download of %q, not a kind", k)
		}
	}
}
