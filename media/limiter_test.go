package media

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
)

func TestLimiter(t *testing.T) {
	t.Run("QueueFullIsBusyAtOnce", func(t *testing.T) {
		l := NewLimiter(1, 1)
		release, err := l.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() {
			rel, err := l.Acquire(context.Background())
			if err == nil {
				rel()
			}
			waited <- err
		}()
		// Wait until the second caller is queued.
		for deadline := time.Now().Add(5 * time.Second); ; {
			l.mu.Lock()
			n := l.waiting
			l.mu.Unlock()
			if n == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("second caller never queued")
			}
			time.Sleep(time.Millisecond)
		}
		start := time.Now()
		_, err = l.Acquire(context.Background())
		wantKind(t, err, apperr.KindUnavailable, apperr.CodeUnavailable)
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("refusal took %v", d)
		}
		release()
		release() // a second call must not free a turn it does not hold
		if err := <-waited; err != nil {
			t.Errorf("queued caller: %v", err)
		}
		if n := len(l.slots); n != 0 {
			t.Errorf("%d turns still held", n)
		}
	})

	t.Run("ContextEndsWait", func(t *testing.T) {
		l := NewLimiter(1, 4)
		release, _ := l.Acquire(context.Background())
		defer release()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := l.Acquire(ctx)
		wantKind(t, err, apperr.KindUnavailable, apperr.CodeUnavailable)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("cause %v, want the deadline", err)
		}
	})

	t.Run("NeverMoreThanConcurrency", func(t *testing.T) {
		l := NewLimiter(2, 100)
		var running, peak atomic.Int32
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				release, err := l.Acquire(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				defer release()
				n := running.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(2 * time.Millisecond)
				running.Add(-1)
			})
		}
		wg.Wait()
		if p := peak.Load(); p != 2 {
			t.Errorf("peak %d running, want 2", p)
		}
	})
}

func TestProcessBurst(t *testing.T) {
	s := newDiskStore(t)
	p := NewProcessor(s, ProcessorOptions{Concurrency: 1, Queue: 1})
	const n = 8
	photos := make([][]byte, n)
	for i := range photos {
		photos[i] = encodeJPEG(t, noisePhoto(640, 480, uint64(i)), 85)
	}
	var ok, busy atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			out, err := p.Process(context.Background(), bytes.NewReader(photos[i]))
			switch {
			case err == nil && out.Width == 640:
				ok.Add(1)
			case apperr.KindOf(err) == apperr.KindUnavailable:
				busy.Add(1)
			default:
				t.Errorf("upload %d: %+v, %v", i, out, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if ok.Load() == 0 || ok.Load()+busy.Load() != n {
		t.Errorf("%d stored, %d turned away, of %d", ok.Load(), busy.Load(), n)
	}
	if busy.Load() == 0 {
		t.Log("no upload was turned away (the machine was fast enough to drain the queue)")
	}
	t.Logf("%d stored, %d turned away as busy", ok.Load(), busy.Load())
}
