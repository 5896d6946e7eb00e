package media

import (
	"container/list"
	"context"
	"sync"
)

// Limiter bounds the decoding the process does at once, two ways: how many
// images (each keeps a core busy) and how many bytes they may hold together
// (each image's cost is estimated from its header before any pixel buffer
// exists, see decodeCost). A caller that cannot start waits its turn in a
// short first-come-first-served queue, so a large image is not overtaken
// for ever by small ones; a caller beyond the queue is turned away at once
// with a retryable "busy" 503 instead of piling up memory and latency, and a
// queued caller is turned away when its context ends.
type Limiter struct {
	concurrency int
	budget      int64
	maxWaiting  int

	mu      sync.Mutex
	running int
	inUse   int64 // bytes granted to running callers
	peak    int64 // the most inUse has been
	queue   list.List
}

// waiter is a queued caller; ready is closed when it is granted its turn.
type waiter struct {
	cost  int64
	ready chan struct{}
}

// NewLimiter lets concurrency callers work at once within budget bytes, and
// queue more wait.
func NewLimiter(concurrency, queue int, budget int64) *Limiter {
	return &Limiter{concurrency: max(1, concurrency), budget: max(1, budget), maxWaiting: max(0, queue)}
}

// Acquire waits for a turn for work that holds cost bytes. A cost above the
// whole budget is counted as the whole budget: such an image runs alone
// rather than never. On success the caller must call release exactly once
// (extra calls do nothing). A full queue or an ended context gives an
// apperr KindUnavailable error.
func (l *Limiter) Acquire(ctx context.Context, cost int64) (release func(), err error) {
	cost = min(max(cost, 1), l.budget)
	l.mu.Lock()
	if l.queue.Len() == 0 && l.fits(cost) {
		l.grant(cost)
		l.mu.Unlock()
		return l.releaser(cost), nil
	}
	if l.queue.Len() >= l.maxWaiting {
		l.mu.Unlock()
		return nil, errBusy(nil)
	}
	w := &waiter{cost: cost, ready: make(chan struct{})}
	el := l.queue.PushBack(w)
	l.mu.Unlock()

	select {
	case <-w.ready:
		return l.releaser(cost), nil
	case <-ctx.Done():
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-w.ready: // granted just as the context ended: give it back
		l.free(cost)
	default:
		l.queue.Remove(el)
		l.wake() // the callers behind it may fit now
	}
	return nil, errBusy(ctx.Err())
}

// Stats reports the bytes granted now and the most ever granted at once.
func (l *Limiter) Stats() (inUse, peak int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inUse, l.peak
}

func (l *Limiter) fits(cost int64) bool {
	return l.running < l.concurrency && l.inUse+cost <= l.budget
}

// grant and free change the accounts; l.mu is held.
func (l *Limiter) grant(cost int64) {
	l.running++
	l.inUse += cost
	l.peak = max(l.peak, l.inUse)
}

func (l *Limiter) free(cost int64) {
	l.running--
	l.inUse -= cost
	l.wake()
}

// wake grants turns to the queued callers at the front, in order, while
// they fit; l.mu is held.
func (l *Limiter) wake() {
	for el := l.queue.Front(); el != nil; el = l.queue.Front() {
		w := el.Value.(*waiter)
		if !l.fits(w.cost) {
			return
		}
		l.queue.Remove(el)
		l.grant(w.cost)
		close(w.ready)
	}
}

func (l *Limiter) releaser(cost int64) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.free(cost)
		})
	}
}
