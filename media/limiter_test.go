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
		l := NewLimiter(1, 1, 100)
		release, err := l.Acquire(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() {
			rel, err := l.Acquire(context.Background(), 10)
			if err == nil {
				rel()
			}
			waited <- err
		}()
		// Wait until the second caller is queued.
		for deadline := time.Now().Add(5 * time.Second); ; {
			l.mu.Lock()
			n := l.queue.Len()
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
		_, err = l.Acquire(context.Background(), 10)
		wantKind(t, err, apperr.KindUnavailable, apperr.CodeUnavailable)
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("refusal took %v", d)
		}
		release()
		release() // a second call must not free a turn it does not hold
		if err := <-waited; err != nil {
			t.Errorf("queued caller: %v", err)
		}
		if inUse, _ := l.Stats(); inUse != 0 || l.running != 0 {
			t.Errorf("%d bytes, %d turns still held", inUse, l.running)
		}
	})

	t.Run("ContextEndsWait", func(t *testing.T) {
		l := NewLimiter(1, 4, 100)
		release, _ := l.Acquire(context.Background(), 10)
		defer release()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := l.Acquire(ctx, 10)
		wantKind(t, err, apperr.KindUnavailable, apperr.CodeUnavailable)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("cause %v, want the deadline", err)
		}
	})

	t.Run("NeverMoreThanConcurrency", func(t *testing.T) {
		l := NewLimiter(2, 100, 1000)
		var running, peak atomic.Int32
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				release, err := l.Acquire(context.Background(), 10)
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

	t.Run("NeverMoreThanTheBudget", func(t *testing.T) {
		const budget = 100
		l := NewLimiter(10, 100, budget)
		var held, peak atomic.Int64
		var wg sync.WaitGroup
		for i := range 40 {
			cost := int64(10 + i%5*15) // 10 … 70
			wg.Go(func() {
				release, err := l.Acquire(context.Background(), cost)
				if err != nil {
					t.Error(err)
					return
				}
				n := held.Add(cost)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(time.Millisecond)
				held.Add(-cost)
				release()
			})
		}
		wg.Wait()
		if _, p := l.Stats(); p > budget || peak.Load() > budget {
			t.Errorf("peak %d bytes held (limiter counts %d), budget %d", peak.Load(), p, budget)
		}
	})

	t.Run("OverBudgetRunsAlone", func(t *testing.T) {
		l := NewLimiter(4, 4, 100)
		release, err := l.Acquire(context.Background(), 1000)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if _, err := l.Acquire(ctx, 1); apperr.KindOf(err) != apperr.KindUnavailable {
			t.Fatalf("a second caller got in beside one costing the whole budget: %v", err)
		}
		release()
		if rel, err := l.Acquire(context.Background(), 1); err != nil {
			t.Fatal(err)
		} else {
			rel()
		}
	})

	t.Run("FirstComeFirstServed", func(t *testing.T) {
		// A large caller queued first is not overtaken by a smaller one that
		// would fit beside what is running (60 + 30) but not beside it.
		l := NewLimiter(10, 10, 100)
		first, _ := l.Acquire(context.Background(), 60)
		order := make(chan string, 2)
		go func() {
			rel, err := l.Acquire(context.Background(), 80)
			if err == nil {
				order <- "large"
				rel()
			}
		}()
		for l.queuedLen() != 1 {
			time.Sleep(time.Millisecond)
		}
		go func() {
			rel, err := l.Acquire(context.Background(), 30)
			if err == nil {
				order <- "small"
				rel()
			}
		}()
		for l.queuedLen() != 2 {
			time.Sleep(time.Millisecond)
		}
		first()
		if a, b := <-order, <-order; a != "large" || b != "small" {
			t.Errorf("served %s then %s", a, b)
		}
	})
}

func (l *Limiter) queuedLen() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.queue.Len()
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
