package places_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/ganh-market/ganh/places"
)

// BenchmarkResolve: one address checked by name (the common case of a form).
func BenchmarkResolve(b *testing.B) {
	places.Count()
	b.ReportAllocs()
	for b.Loop() {
		if _, prob := places.Resolve("ninh-binh", "Xã Kim Sơn"); prob != nil {
			b.Fatal(prob)
		}
	}
}

// BenchmarkSearch: the type-ahead of the largest province.
func BenchmarkSearch(b *testing.B) {
	places.Count()
	b.ReportAllocs()
	for b.Loop() {
		if len(places.Search("ha-noi", "hoan")) == 0 {
			b.Fatal("nothing found")
		}
	}
}

// TestLoadMemory prints how long the lists take to load and the live heap
// they hold (run with -v); it asserts nothing.
func TestLoadMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	places.Count()
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("loading the places took %v; they hold %.0f KiB of live heap", took.Round(time.Millisecond),
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1024)
}
