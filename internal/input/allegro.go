package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Allegro's sales quality: the response of GET /sale/quality
// (https://developer.allegro.pl/swagger.yaml, operationId
// getSaleQualityUsingGET, scope allegro:api:profile:read) saved as a file.
// Its schema, SalesQualityHistoryResponse, is {"quality": [day, ...]}: at
// most 30 days, a day without a result left out, in no stated order. Each
// day (SalesQualityForDay) has resultFor (a date, YYYY-MM-DD), score,
// grade, maxScore and metrics, all required; each metric
// (SalesQualityMetric) has code, name and score, and an optional maxScore
// (docs/formats.md, "Allegro sales quality").
//
// newTable sniffs it: a JSON object that names "quality" and "resultFor"
// in its first 64 KiB (a response with no day at all, which names no
// resultFor, is not recognised: it holds nothing to read). It is read
// whole and decoded with encoding/json; a value of the wrong JSON type,
// or one the schema rules out (no resultFor, a date that does not exist,
// a negative score, a score above maxScore, a maxScore of 0, an empty
// grade or metric code), is an *InputError at its file, line and column.
//
// Read leniently: keys are matched as encoding/json does (exact, else
// case-insensitively) and unknown keys are ignored; scores with decimals
// are kept (the spec types them "number", format "int"); a grade audit
// does not know is kept as written (metrics.AllegroLevelOf); a day without
// metrics (or with "metrics": null) has no components.
//
// Several files merge by day (overlapping 30-day downloads): a day given
// again with the same score, maxScore, grade and components (their names
// aside, which Allegro translates) counts once, silently; a day given
// with another value is a conflict, warned about (conflicts.go), and the
// first file read keeps it.
var allegroSpec = Spec{
	Kind:  "allegro-sales-quality",
	Title: "Allegro sales quality (GET /sale/quality JSON)",
	// Not a table: recognised by Sniff, never by a header row.
	Anchor: func(map[string]int) bool { return false },
	Sniff:  sniffAllegro,
	Read:   readAllegro,
}

// sniffAllegro says whether the start of a text is a GET /sale/quality
// response: a JSON object naming "quality" and "resultFor".
func sniffAllegro(sample []byte) bool { return sniffJSONKeys(sample, "quality", "resultFor") }

type allegroDoc struct {
	Quality *[]allegroDay `json:"quality"`
}

type allegroDay struct {
	ResultFor *string         `json:"resultFor"`
	Score     *float64        `json:"score"`
	Grade     *string         `json:"grade"`
	MaxScore  *float64        `json:"maxScore"`
	Metrics   []allegroMetric `json:"metrics"`
}

type allegroMetric struct {
	Code     *string  `json:"code"`
	Name     *string  `json:"name"`
	Score    *float64 `json:"score"`
	MaxScore *float64 `json:"maxScore"`
}

// readAllegro reads one GET /sale/quality response into d.Allegro, merged
// by day with the files read before.
func readAllegro(t *Table, s *Sink) error {
	var doc allegroDoc
	if err := decodeDocument(t, &doc); err != nil {
		return err
	}
	root := bytes.IndexByte(t.Doc, '{') // the sniff saw it
	top := jsonMembers(t.Doc, root)
	if doc.Quality == nil {
		line, col := position(t.Doc, root)
		return &InputError{File: t.File, Line: line, Column: col, Msg: `no "quality" list: not a GET /sale/quality response`}
	}
	starts := jsonItems(t.Doc, top["quality"])
	lines := newLineCounter(t.Doc)
	for i, d := range *doc.Quality {
		start := 0
		if i < len(starts) {
			start = starts[i]
		}
		p := allegroPlace{t: t, lines: lines, path: fmt.Sprintf("quality[%d]", i), start: start, keys: jsonMembers(t.Doc, start)}
		day, err := allegroDayOf(p, d)
		if err != nil {
			return err
		}
		t.rowsRead++
		t.spans.Add(records.Dated, 0, day.Date)
		mergeAllegroDay(s, day)
	}
	return nil
}

// allegroPlace places the values of one object of the response.
type allegroPlace struct {
	t     *Table
	lines *lineCounter
	path  string         // "quality[3]", "quality[3].metrics[0]"
	start int            // the object's offset
	keys  map[string]int // its values' offsets, by key in lower case
}

// errorf is an error at key's value (at the object's start when the key
// is absent).
func (p allegroPlace) errorf(key, format string, args ...any) error {
	off, ok := p.keys[strings.ToLower(key)]
	if !ok {
		off = p.start
	}
	line, col := p.lines.at(off)
	return &InputError{File: p.t.File, Line: line, Column: col, Msg: p.path + "." + key + ": " + fmt.Sprintf(format, args...)}
}

// line is the line the object starts on.
func (p allegroPlace) line() int {
	line, _ := p.lines.at(p.start)
	return line
}

func allegroDayOf(p allegroPlace, d allegroDay) (records.AllegroQualityDay, error) {
	var day records.AllegroQualityDay
	if d.ResultFor == nil {
		return day, p.errorf("resultFor", "missing (a required date, YYYY-MM-DD)")
	}
	date, err := civil.ParseISODate(strings.TrimSpace(*d.ResultFor))
	if err != nil {
		return day, p.errorf("resultFor", "want a date YYYY-MM-DD, got %q", clip(*d.ResultFor, 40))
	}
	day.Date = date
	if day.MaxScore, err = allegroScore(p, "maxScore", d.MaxScore); err != nil {
		return day, err
	}
	if day.MaxScore == 0 {
		return day, p.errorf("maxScore", "must be above 0")
	}
	if day.Score, err = allegroScore(p, "score", d.Score); err != nil {
		return day, err
	}
	if day.Score > day.MaxScore {
		return day, p.errorf("score", "%s is above maxScore %s", num(day.Score), num(day.MaxScore))
	}
	if d.Grade == nil || strings.TrimSpace(*d.Grade) == "" {
		return day, p.errorf("grade", "missing or empty (the day's sales quality level, e.g. GOOD)")
	}
	day.Grade = strings.TrimSpace(*d.Grade)
	day.Source = records.Source{File: p.t.File, Line: p.line()}
	if len(d.Metrics) > 0 {
		starts := jsonItems(p.t.Doc, p.keys["metrics"])
		day.Metrics = make([]records.AllegroQualityMetric, 0, len(d.Metrics))
		for j, m := range d.Metrics {
			mp := allegroPlace{t: p.t, lines: p.lines, path: fmt.Sprintf("%s.metrics[%d]", p.path, j), start: p.start}
			if j < len(starts) {
				mp.start = starts[j]
				mp.keys = jsonMembers(p.t.Doc, mp.start)
			}
			c, err := allegroMetricOf(mp, m)
			if err != nil {
				return day, err
			}
			day.Metrics = append(day.Metrics, c)
		}
	}
	return day, nil
}

func allegroMetricOf(p allegroPlace, m allegroMetric) (records.AllegroQualityMetric, error) {
	var c records.AllegroQualityMetric
	if m.Code == nil || strings.TrimSpace(*m.Code) == "" {
		return c, p.errorf("code", "missing or empty (the metric's code, e.g. BUYER_SATISFACTION)")
	}
	c.Code = strings.TrimSpace(*m.Code)
	if m.Name != nil {
		c.Name = strings.TrimSpace(*m.Name)
	}
	var err error
	if c.Score, err = allegroScore(p, "score", m.Score); err != nil {
		return c, err
	}
	if m.MaxScore != nil {
		if *m.MaxScore < 0 {
			return c, p.errorf("maxScore", "%s is negative", num(*m.MaxScore))
		}
		if c.Score > *m.MaxScore {
			return c, p.errorf("score", "%s is above maxScore %s", num(c.Score), num(*m.MaxScore))
		}
		v := *m.MaxScore
		c.MaxScore = &v
	}
	return c, nil
}

// allegroScore reads a required score: present, not negative, not huge.
func allegroScore(p allegroPlace, key string, v *float64) (float64, error) {
	switch {
	case v == nil:
		return 0, p.errorf(key, "missing (a required number)")
	case *v < 0:
		return 0, p.errorf(key, "%s is negative", num(*v))
	case *v > 1<<31:
		return 0, p.errorf(key, "%s is too large for a score", num(*v))
	}
	return *v, nil
}

// num writes a score as the response has it: 412, 41.5.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// mergeAllegroDay adds a day to d.Allegro, kept sorted by date: a day
// already read keeps its values, and another value for it is a conflict.
func mergeAllegroDay(s *Sink, day records.AllegroQualityDay) {
	days := s.Data.Allegro
	i, found := slices.BinarySearchFunc(days, day.Date, func(d records.AllegroQualityDay, x civil.Date) int {
		return int(d.Date) - int(x)
	})
	if !found {
		s.Data.Allegro = slices.Insert(days, i, day)
		return
	}
	kept := days[i]
	if sameAllegroDay(kept, day) {
		return
	}
	s.conflictf("Allegro sales quality days", "%s: Allegro sales quality for %s is %s here but %s at %s; using the first read",
		at(day.Source), day.Date, allegroDayText(day, kept), allegroDayText(kept, day), at(kept.Source))
}

// sameAllegroDay says whether two readings of a day agree: score,
// maxScore, grade and the components' codes and scores (their names are
// translated, so they may differ).
func sameAllegroDay(a, b records.AllegroQualityDay) bool {
	return a.Score == b.Score && a.MaxScore == b.MaxScore && a.Grade == b.Grade &&
		slices.EqualFunc(a.Metrics, b.Metrics, func(x, y records.AllegroQualityMetric) bool {
			return x.Code == y.Code && x.Score == y.Score && (x.MaxScore == nil) == (y.MaxScore == nil) &&
				(x.MaxScore == nil || *x.MaxScore == *y.MaxScore)
		})
}

// allegroDayText writes a day's values for a conflict warning: its score
// and grade, and its components when only they differ from other's.
func allegroDayText(d, other records.AllegroQualityDay) string {
	text := fmt.Sprintf("%s of %s, %s", num(d.Score), num(d.MaxScore), clip(d.Grade, 40))
	if d.Score != other.Score || d.MaxScore != other.MaxScore || d.Grade != other.Grade {
		return text
	}
	parts := make([]string, len(d.Metrics))
	for i, m := range d.Metrics {
		parts[i] = clip(m.Code, 40) + " " + num(m.Score)
		if m.MaxScore != nil {
			parts[i] += " of " + num(*m.MaxScore)
		}
	}
	return text + " (" + strings.Join(parts, ", ") + ")"
}

// jsonMembers are the offsets in data of the values of the object that
// starts at off, by key in lower case (the last of a key written twice,
// as encoding/json keeps); nil when no object starts there. data is
// valid JSON.
func jsonMembers(data []byte, off int) map[string]int {
	if off < 0 || off >= len(data) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data[off:]))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	out := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		k, _ := tok.(string)
		out[strings.ToLower(k)] = jsonValueAt(data, off+int(dec.InputOffset()))
		if dec.Decode(&jsonSkip{}) != nil {
			return out
		}
	}
	return out
}

// jsonItems are the offsets in data of the elements of the array that
// starts at off; nil when no array starts there.
func jsonItems(data []byte, off int) []int {
	if off <= 0 || off >= len(data) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data[off:]))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil
	}
	var out []int
	for dec.More() {
		out = append(out, jsonValueAt(data, off+int(dec.InputOffset())))
		if dec.Decode(&jsonSkip{}) != nil {
			return out
		}
	}
	return out
}
