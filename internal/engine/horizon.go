package engine

import (
	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/settings"
)

// horizon is the first day any window of the checks can cover on any
// as-of date of the run (s.FirstAsOf to s.AsOf): the earliest start of a
// window of the named profile, or of every profile a store can have when
// none is named, with the user's overrides applied. Records none of whose
// dates reaches it cannot count (input.Options.Since); 0 when it cannot
// be told (a bad override, which Audit then reports).
func horizon(s settings.Settings, ids []string) civil.Date {
	var profiles []profile.Profile
	if s.Profile != "" {
		p, err := profile.ByName(s.Profile)
		if err != nil {
			return 0
		}
		profiles = []profile.Profile{p}
	} else {
		for _, p := range profile.Builtin {
			if p.Platform == "amazon" { // the profiles profile.ForStore gives
				profiles = append(profiles, p)
			}
		}
	}
	span := 0 // lag + longest window, in days
	for _, p := range profiles {
		r, err := profile.Resolve(p, s.Overrides)
		if err != nil {
			return 0
		}
		for _, id := range ids {
			e, ok := r[id]
			if !ok {
				continue
			}
			for _, w := range e.WindowDays {
				span = max(span, e.LagDays+w)
			}
		}
	}
	if span == 0 {
		return 0 // no window: keep everything
	}
	first := s.AsOf
	if s.FirstAsOf != 0 && s.FirstAsOf < first {
		first = s.FirstAsOf
	}
	// A window of w days ending lag days before as-of starts on
	// as-of − lag − w + 1.
	return first.AddDays(-span + 1)
}
