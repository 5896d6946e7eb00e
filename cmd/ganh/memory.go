package main

import (
	"context"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/ganh-market/ganh/config"
)

// serveHeadroom is what the server needs besides the photos being decoded:
// connections, the database pool, the search index's caches, the
// micro-cache.
const serveHeadroom = 256 << 20

// limitMemory sets the Go runtime's soft memory limit to the decode budget
// plus serveHeadroom, unless GOMEMLIMIT sets one. The budget bounds the
// live memory of the photos being decoded, but between collections the heap
// may grow to twice what is live; near the limit the collector runs sooner,
// so resident memory stays about the limit however many uploads arrive
// (18 concurrent 49-megapixel PNGs: 597 MiB resident with a 320 MiB budget).
func limitMemory(e env, cfg config.Config, log *slog.Logger) {
	if e.getenv("GOMEMLIMIT") != "" {
		return
	}
	limit := cfg.MediaDecodeBytes + serveHeadroom
	debug.SetMemoryLimit(limit)
	log.Info("soft memory limit", "bytes", limit)
}

// How returnIdleMemory tells a burst of work from quiet.
const (
	idleCheckPeriod = 2 * time.Second
	// idleQuietBytes: allocating less than this in a period is quiet
	// (an idle server allocates tens of KiB a second: the outbox relay's
	// polls, a metrics scrape).
	idleQuietBytes = 1 << 20
	// idleBurstBytes: what must have been allocated since memory was last
	// returned, the runtime's smallest heap goal; less leaves little to
	// return.
	idleBurstBytes = 4 << 20
)

// returnIdleMemory gives the OS back what a burst of work left on the heap
// once the process goes quiet. Go collects when the heap reaches twice what
// was live at the last collection, or every two minutes, and keeps free
// memory up to about that goal: after a burst (the outbox catching up on
// the first start after `ganh seed`, a busy hour) an idle server would hold
// the burst's garbage for minutes (5–7 MiB of VmRSS on the demo data,
// bench/idle). So after a quiet period that follows at least idleBurstBytes
// of allocation it collects and returns the free memory
// (debug.FreeOSMemory: a few milliseconds at this heap size): never while
// requests keep coming, and once per burst.
func returnIdleMemory(ctx context.Context) {
	t := newIdleTrim(allocatedBytes, debug.FreeOSMemory)
	every(idleCheckPeriod, func(context.Context) { t.check() })(ctx)
}

// idleTrim is returnIdleMemory's rule, apart from the clock and the runtime.
type idleTrim struct {
	allocated           func() uint64 // bytes the process has allocated so far
	free                func()
	lastCheck, lastFree uint64
}

func newIdleTrim(allocated func() uint64, free func()) *idleTrim {
	n := allocated()
	return &idleTrim{allocated: allocated, free: free, lastCheck: n, lastFree: n}
}

// check runs once a period and reports whether it returned memory.
func (t *idleTrim) check() bool {
	n := t.allocated()
	quiet := n-t.lastCheck < idleQuietBytes
	t.lastCheck = n
	if !quiet || n-t.lastFree < idleBurstBytes {
		return false
	}
	t.free()
	t.lastFree = n
	return true
}

// allocatedBytes is the heap allocated since the process started.
func allocatedBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
