package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
)

// manifestVersion is the manifest's layout; a newer one is refused rather
// than overwritten.
const manifestVersion = 1

// Manifest is a folder's .audit-fetch.json (docs/fetch.md): the files audit
// fetch wrote, with the days each covers (which the reader believes,
// input.FetchedFile), and what it asked Amazon for, so that the next run
// asks only for what is missing or may have changed.
type Manifest struct {
	Version int                 `json:"version"`
	Files   []input.FetchedFile `json:"files"`
	// Chunks are the requests made: one per source, store and month.
	Chunks []Chunk `json:"chunks"`
	// Orders is how far the Orders API was read, per region's stores.
	Orders []OrdersState `json:"orders,omitempty"`
}

// Chunk is one request of a source's days that came back: a report of a
// store and a month, or a month of financial events.
type Chunk struct {
	Key       string     `json:"key"` // source/store/YYYY-MM
	From      civil.Date `json:"from"`
	To        civil.Date `json:"to"`
	FetchedAt time.Time  `json:"fetched_at"`
	// Status is DONE, or CANCELLED when Amazon had no data for the days.
	Status   string `json:"status"`
	ReportID string `json:"report_id,omitempty"`
}

// OrdersState is how far the Orders API was read for a set of stores: the
// orders created in [CreatedFrom, ...] and every update until SyncedAt.
type OrdersState struct {
	Stores      string     `json:"stores"` // codes, comma-separated
	CreatedFrom civil.Date `json:"created_from"`
	SyncedAt    time.Time  `json:"synced_at"`
}

func readManifest(dir string) (*Manifest, error) {
	p := filepath.Join(dir, input.ManifestName)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{Version: manifestVersion}, nil
	}
	if err != nil {
		return nil, err
	}
	m := &Manifest{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s: %v (remove it to fetch everything again)", p, err)
	}
	if m.Version > manifestVersion {
		return nil, fmt.Errorf("%s: written by a newer audit (layout %d; this one knows %d)", p, m.Version, manifestVersion)
	}
	m.Version = manifestVersion
	return m, nil
}

// save writes the manifest under a temporary name, then renames it, so a
// run stopped at any point leaves the last complete one.
func (m *Manifest) save(dir string) error {
	slices.SortFunc(m.Files, func(a, b input.FetchedFile) int { return strings.Compare(a.File, b.File) })
	slices.SortFunc(m.Chunks, func(a, b Chunk) int { return strings.Compare(a.Key, b.Key) })
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, _, err = writeAtomic(dir, input.ManifestName, append(b, '\n'))
	return err
}

func (m *Manifest) chunk(key string) *Chunk {
	for i := range m.Chunks {
		if m.Chunks[i].Key == key {
			return &m.Chunks[i]
		}
	}
	return nil
}

func (m *Manifest) setChunk(c Chunk) {
	if old := m.chunk(c.Key); old != nil {
		*old = c
		return
	}
	m.Chunks = append(m.Chunks, c)
}

func (m *Manifest) file(name string) *input.FetchedFile {
	for i := range m.Files {
		if m.Files[i].File == name {
			return &m.Files[i]
		}
	}
	return nil
}

func (m *Manifest) setFile(f input.FetchedFile) {
	if old := m.file(f.File); old != nil {
		*old = f
		return
	}
	m.Files = append(m.Files, f)
}

func (m *Manifest) orders(stores string) *OrdersState {
	for i := range m.Orders {
		if m.Orders[i].Stores == stores {
			return &m.Orders[i]
		}
	}
	m.Orders = append(m.Orders, OrdersState{Stores: stores})
	return &m.Orders[len(m.Orders)-1]
}
