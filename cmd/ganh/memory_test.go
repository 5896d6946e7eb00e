package main

import "testing"

func TestIdleTrimReturnsMemoryOnceQuietAfterABurst(t *testing.T) {
	var allocated uint64
	frees := 0
	trim := newIdleTrim(func() uint64 { return allocated }, func() { frees++ })
	steps := []struct {
		name     string
		allocate uint64
		free     bool
	}{
		{"quiet from the start: nothing to return", 0, false},
		{"a burst is not quiet", 40 << 20, false},
		{"quiet after the burst", 100 << 10, true},
		{"still quiet: returned already", 100 << 10, false},
		{"requests keep coming", 2 << 20, false},
		{"quiet after a few MiB: the next collection takes them", 0, false},
		{"a busy spell", 15 << 20, false},
		{"quiet once it adds up to a burst", 0, true},
	}
	for _, s := range steps {
		allocated += s.allocate
		before := frees
		if got := trim.check(); got != s.free || (frees > before) != s.free {
			t.Errorf("%s: returned memory %v, want %v", s.name, got, s.free)
		}
	}
}
