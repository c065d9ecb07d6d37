package engine

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/records"
)

// readingGC raises a lower percentage while the files are read and puts it
// back; afterRecordsGC raises it once the records are collected, under a
// memory limit, until the next reading. Neither touches a percentage GOGC
// sets, or a higher one.
func TestReadingAndAfterRecordsGC(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set: both leave the percentage alone")
	}
	old := debug.SetGCPercent(10)
	oldLimit := debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(old); debug.SetMemoryLimit(oldLimit) }()

	restore := readingGC()
	if p := debug.SetGCPercent(10); p != readGCPercent {
		t.Errorf("while reading: %d %%, want %d", p, readGCPercent)
	}
	debug.SetGCPercent(readGCPercent)
	restore()
	if p := debug.SetGCPercent(10); p != 10 {
		t.Errorf("after reading: %d %%, want 10 back", p)
	}

	debug.SetGCPercent(400) // higher: left as it is
	readingGC()()
	if p := debug.SetGCPercent(10); p != 400 {
		t.Errorf("a higher percentage: %d %%, want 400 kept", p)
	}

	afterRecordsGC(records.NewDataset()) // unreachable at once
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) == oldLimit { // the cleanup sets it last
		if time.Now().After(deadline) {
			t.Fatal("the memory limit is unchanged: the records' cleanup did not run")
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	p := debug.SetGCPercent(drawGCPercent) // read it
	if p != drawGCPercent {
		t.Errorf("once the records are collected: %d %%, want %d", p, drawGCPercent)
	}
	// The next account read in the process starts from what was before.
	readingGC()()
	if p := debug.SetGCPercent(10); p != 10 {
		t.Errorf("after the next account's reading: %d %%, want 10 back", p)
	}
	if limit := debug.SetMemoryLimit(-1); limit != oldLimit {
		t.Errorf("after the next account's reading: memory limit %d, want %d back", limit, oldLimit)
	}
}
