package media

import (
	"context"
	"sync"
)

// Limiter bounds how many images are decoded at once (each may hold a few
// hundred MB, see Processor) and how many callers may wait for a turn. A
// caller beyond the queue is turned away at once with a "busy" error instead
// of piling up memory and latency; a queued caller waits until its context
// ends.
type Limiter struct {
	slots chan struct{}

	mu         sync.Mutex
	waiting    int
	maxWaiting int
}

// NewLimiter lets concurrency callers work at once and queue more wait.
func NewLimiter(concurrency, queue int) *Limiter {
	return &Limiter{slots: make(chan struct{}, max(1, concurrency)), maxWaiting: max(0, queue)}
}

// Acquire waits for a turn. On success the caller must call release exactly
// once (extra calls do nothing). A full queue or an ended context gives an
// apperr KindUnavailable error.
func (l *Limiter) Acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return l.releaser(), nil
	default:
	}
	l.mu.Lock()
	if l.waiting >= l.maxWaiting {
		l.mu.Unlock()
		return nil, errBusy(nil)
	}
	l.waiting++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.waiting--
		l.mu.Unlock()
	}()
	select {
	case l.slots <- struct{}{}:
		return l.releaser(), nil
	case <-ctx.Done():
		return nil, errBusy(ctx.Err())
	}
}

func (l *Limiter) releaser() func() {
	var once sync.Once
	return func() { once.Do(func() { <-l.slots }) }
}
