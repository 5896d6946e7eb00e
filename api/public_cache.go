package api

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// publicCache is a micro-cache of the answers anonymous callers get from
// public catalog GETs (product pages, lists, featured), off unless
// GANH_PUBLIC_CACHE_TTL is set. Reads are answered fresh from the database by
// default: a write is seen by the next read on any instance. When on, a burst
// of shoppers on one product costs one database read per TTL instead of one
// per request, and the price is staleness: an anonymous reader of that
// process may see an answer up to the TTL old (a product just hidden, stock
// already sold), each instance keeping its own copy. Signed-in callers
// (members see drafts) always bypass it; nothing is invalidated, entries
// simply expire.
//
// What it may hold is bounded twice: an entry is keyed on the path and the
// query parameters its handler reads (normalised), so parameters nobody reads
// cannot make new entries; and the entries' bytes stay under maxBytes, the
// oldest going first. Every entry lives for the same TTL, so insertion order
// is expiry order: expired entries are dropped from the front of that order
// on every lookup and store, without scanning the map.
type publicCache struct {
	ttl      time.Duration
	maxBytes int
	now      func() time.Time
	// siteBase, when set, adds the address the request came in on to the
	// key: answers hold photo URLs built on it (see siteBase in server.go).
	siteBase func(c *fiber.Ctx) string

	mu      sync.Mutex
	entries map[string]*list.Element // of *cachedAnswer
	order   *list.List               // oldest (first to expire) at the front
	bytes   int
}

type cachedAnswer struct {
	key     string
	body    []byte // never modified once stored; shared by every hit
	gzipped []byte // body compressed once, for the many clients that accept gzip
	etag    string
	expires time.Time
	size    int // what the entry costs, counted against maxBytes
}

// Default bound of the micro-cache, when on: all entries together take at
// most 16 MiB (about eighty first pages of 100 products).
const (
	defaultPublicCacheBytes = 16 << 20
	// entryOverhead approximates what an entry costs besides its bytes:
	// the map slot, the list element, the struct and its strings' headers.
	entryOverhead = 256
	// maxEntryShare keeps one answer from taking more than this fraction of
	// the cache, so a single huge list cannot flush everything else.
	maxEntryShare = 16
)

// newPublicCache returns a cache of ttl (0 or less: none, the default)
// holding at most maxBytes (0 or less: the default).
func newPublicCache(ttl time.Duration, maxBytes int) *publicCache {
	if ttl <= 0 {
		return nil
	}
	if maxBytes <= 0 {
		maxBytes = defaultPublicCacheBytes
	}
	return &publicCache{ttl: ttl, maxBytes: maxBytes, now: time.Now, entries: map[string]*list.Element{}, order: list.New()}
}

// keyOnSite adds the request's site address (siteBase) to every key: with
// no public URL configured, answers link photos on it.
func (pc *publicCache) keyOnSite(site func(c *fiber.Ctx) string) {
	if pc != nil {
		pc.siteBase = site
	}
}

// wrap serves anonymous GETs of next from the cache when fresh, and stores
// next's 200 answers. params are the query parameters next reads: the key is
// made of the path and their values alone.
func (pc *publicCache) wrap(next fiber.Handler, params ...string) fiber.Handler {
	if pc == nil {
		return next
	}
	return func(c *fiber.Ctx) error {
		if httpx.CurrentUser(c) != nil {
			return next(c)
		}
		key := pc.key(c, params)
		now := pc.now()
		if e, ok := pc.get(key, now); ok {
			return sendCached(c, e)
		}
		if err := next(c); err != nil {
			return err
		}
		res := c.Response()
		if res.StatusCode() == fiber.StatusOK && len(res.Header.ContentEncoding()) == 0 {
			body := append([]byte(nil), res.Body()...)
			pc.put(&cachedAnswer{
				key: key, body: body, gzipped: gzipBytes(body), etag: string(res.Header.Peek(fiber.HeaderETag)),
				expires: now.Add(pc.ttl),
			}, now)
		}
		return nil
	}
}

// key is the cache key of a request: the site address (when answers depend
// on it), the path, and the named query parameters in the order given, each
// normalised as its handler reads it. Empty values are left out: every
// handler treats an empty parameter as an absent one.
func (pc *publicCache) key(c *fiber.Ctx, params []string) string {
	var b strings.Builder
	if pc.siteBase != nil {
		b.WriteString(url.QueryEscape(pc.siteBase(c)))
		b.WriteByte(' ')
	}
	b.WriteString(url.PathEscape(c.Path())) // escaped, so no path can end in what looks like parameters
	sep := byte('?')
	for _, p := range params {
		v := c.Query(p)
		if v == "" {
			continue
		}
		if p == "limit" {
			v = limitKey(v)
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(p)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	return b.String() // a new string: nothing in it aliases Fiber's buffers
}

// limitKey is ?limit= as the catalog applies it: "0100" and "500" ask for the
// same page as "100". A value the handler refuses stays as it is (refusals
// are not cached).
func limitKey(v string) string {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return v
	}
	return strconv.Itoa(min(n, kernel.MaxLimit))
}

// get returns the fresh entry under key, dropping expired entries first.
func (pc *publicCache) get(key string, now time.Time) (*cachedAnswer, bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.dropExpired(now)
	el, ok := pc.entries[key]
	if !ok {
		return nil, false
	}
	return el.Value.(*cachedAnswer), true
}

// put stores e, replacing an entry of the same key, then drops the oldest
// entries until the cache is back under its byte bound.
func (pc *publicCache) put(e *cachedAnswer, now time.Time) {
	e.size = len(e.key) + len(e.body) + len(e.gzipped) + len(e.etag) + entryOverhead
	if e.size > pc.maxBytes/maxEntryShare {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if old, ok := pc.entries[e.key]; ok {
		pc.remove(old)
	}
	pc.entries[e.key] = pc.order.PushBack(e)
	pc.bytes += e.size
	pc.dropExpired(now)
	for pc.bytes > pc.maxBytes {
		pc.remove(pc.order.Front())
	}
}

// dropExpired removes the entries whose time has passed, oldest first.
func (pc *publicCache) dropExpired(now time.Time) {
	for el := pc.order.Front(); el != nil && !now.Before(el.Value.(*cachedAnswer).expires); el = pc.order.Front() {
		pc.remove(el)
	}
}

func (pc *publicCache) remove(el *list.Element) {
	e := pc.order.Remove(el).(*cachedAnswer)
	delete(pc.entries, e.key)
	pc.bytes -= e.size
}

// stats reports how many entries the cache holds and what they cost.
func (pc *publicCache) stats() (entries, bytes int) {
	if pc == nil {
		return 0, 0
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return len(pc.entries), pc.bytes
}

// publicCacheGauges show the micro-cache's size on /metrics.
func publicCacheGauges(pc *publicCache) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "ganh_public_cache_entries", Help: "Answers held by the public micro-cache.",
		}, func() float64 { n, _ := pc.stats(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "ganh_public_cache_bytes", Help: "Bytes held by the public micro-cache, counted against its bound.",
		}, func() float64 { _, b := pc.stats(); return float64(b) }),
	}
}

// sendCached answers from the cache, compressed when the client accepts
// gzip (the compress middleware leaves an encoded body alone).
func sendCached(c *fiber.Ctx, e *cachedAnswer) error {
	if e.gzipped != nil && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		if err := sendAnswer(c, e.gzipped, e.etag); err != nil || c.Response().StatusCode() == fiber.StatusNotModified {
			c.Response().Header.Del(fiber.HeaderContentEncoding)
			return err
		}
		return nil
	}
	return sendAnswer(c, e.body, e.etag)
}

// gzipWriters are reused: a flate writer allocates about a megabyte, which
// per cache fill would feed the garbage collector more than the answers do.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(b); err != nil || w.Close() != nil {
		return nil
	}
	return buf.Bytes()
}
