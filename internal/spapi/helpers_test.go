package spapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

// clock records the waits of a client instead of sleeping, and its
// events.
type clock struct {
	mu     sync.Mutex
	waits  []time.Duration
	events []spapi.Event
}

func (c *clock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *clock) notify(e spapi.Event) {
	c.mu.Lock()
	c.events = append(c.events, e)
	c.mu.Unlock()
}

// Events are the events of one kind so far.
func (c *clock) Events(kind string) []spapi.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []spapi.Event
	for _, e := range c.events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// newClient is a client of srv that does not sleep; edit changes its
// configuration first.
func newClient(t *testing.T, srv *spapitest.Server, edit func(*spapi.Config)) (*spapi.Client, *clock) {
	t.Helper()
	clk := &clock{}
	cfg := srv.Config()
	cfg.Sleep = clk.sleep
	cfg.Notify = clk.notify
	if edit != nil {
		edit(&cfg)
	}
	c, err := spapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, clk
}

// sink is a Sink that counts its resets.
type sink struct {
	bytes.Buffer
	resets int
}

func (s *sink) Reset() error {
	s.resets++
	s.Buffer.Reset()
	return nil
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// spec is a report request that the fake accepts.
func spec() spapi.CreateReportSpecification {
	start := time.Now().Add(-30 * 24 * time.Hour).UTC().Truncate(time.Second)
	end := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	return spapi.CreateReportSpecification{
		ReportType:     "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
		MarketplaceIDs: []string{"ATVPDKIKX0DER"},
		DataStartTime:  &start,
		DataEndTime:    &end,
	}
}

func ptr[T any](v T) *T { return &v }
