package engine

import (
	"sync/atomic"
	"testing"
)

// parallel calls each index once, and a panic reaches the caller, where
// it can be recovered.
func TestParallel(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		calls := make([]atomic.Int32, n)
		parallel(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
	got := func() (p any) {
		defer func() { p = recover() }()
		parallel(10, func(i int) {
			if i == 3 {
				panic("boom")
			}
		})
		return nil
	}()
	if got != "boom" {
		t.Errorf("recovered %v, want boom", got)
	}
}
