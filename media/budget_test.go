package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentDecodesStayWithinTheBudget uploads six 2000×2000 PNGs at
// once to a processor that would decode all six together by count, but has
// a decode budget of about one and a half of them: the Go heap, sampled
// every millisecond with the collector kept tight, never grows by more than
// the budget plus a little slack, and every upload is stored.
func TestConcurrentDecodesStayWithinTheBudget(t *testing.T) {
	const (
		n      = 6
		budget = 100 << 20
		slack  = 40 << 20 // the collector's headroom, the sampler, the stores' buffers
	)
	photos := make([][]byte, n)
	for i := range photos {
		img := image.NewNRGBA(image.Rect(0, 0, 2000, 2000))
		for y := range 2000 {
			for x := range 2000 {
				img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(i), 255})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		photos[i] = buf.Bytes()
	}
	p := NewProcessor(newDiskStore(t), ProcessorOptions{Concurrency: n, Queue: n, DecodeBudget: budget})

	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, err := p.Process(context.Background(), bytes.NewReader(photos[i])); err != nil {
				t.Errorf("upload %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	close(stop)
	<-sampled

	grew := peak.Load() - base
	t.Logf("heap grew by %d MiB at most, budget %d MiB", grew>>20, budget>>20)
	if grew > budget+slack {
		t.Errorf("heap grew by %d MiB while decoding, budget %d MiB", grew>>20, budget>>20)
	}
	if _, granted := p.DecodeMemory(); granted > budget {
		t.Errorf("the limiter granted %d bytes at once, budget %d", granted, budget)
	}
	if d := p.Decodes(); d != n {
		t.Errorf("%d decodes, want %d", d, n)
	}
}
