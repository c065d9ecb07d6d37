package engine

import (
	"runtime"
	"sync"
)

// parallel calls fn(i) for every i from 0 to n-1, at most runtime.NumCPU
// at a time, and returns once all have returned. A panic in one of them
// is raised again in the caller's goroutine once the others are done, so
// that a caller that recovers (RunFleet: a panic is that account's error)
// still can.
func parallel(n int, fn func(i int)) {
	if n <= 0 {
		return
	}
	if n == 1 {
		fn(0)
		return
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
		next     int
	)
	for range min(runtime.NumCPU(), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					if panicked == nil {
						panicked = p
					}
					next = n // start no more
					mu.Unlock()
				}
			}()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
