package api

import (
	"bytes"
	"compress/gzip"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// publicCache is a micro-cache of the answers anonymous callers get from
// public catalog GETs (product pages, lists, featured). The same answers are
// already declared cacheable for 60 s to any shared cache (Cache-Control:
// public, max-age=60), so keeping them for one second in the process serves
// nothing a CDN could not, while a burst of shoppers on one product costs one
// database read per second instead of one per request. Signed-in callers
// (members see drafts) always bypass it, each instance keeps its own copy, and
// nothing needs invalidating across instances: entries simply expire.
type publicCache struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	entries map[string]cachedAnswer
}

type cachedAnswer struct {
	body    []byte // never modified once stored; shared by every hit
	gzipped []byte // body compressed once, for the many clients that accept gzip
	etag    string
	expires time.Time
}

// defaultPublicCacheTTL is the lifetime of a micro-cached answer.
const defaultPublicCacheTTL = time.Second

// newPublicCache returns a cache of ttl (0: the default; negative: off).
func newPublicCache(ttl time.Duration) *publicCache {
	if ttl == 0 {
		ttl = defaultPublicCacheTTL
	}
	if ttl < 0 {
		return nil
	}
	return &publicCache{ttl: ttl, max: 20000, entries: map[string]cachedAnswer{}}
}

// wrap serves anonymous GETs of next from the cache when fresh, and stores
// next's 200 answers.
func (pc *publicCache) wrap(next fiber.Handler) fiber.Handler {
	if pc == nil {
		return next
	}
	return func(c *fiber.Ctx) error {
		if currentUser(c) != nil {
			return next(c)
		}
		key := c.OriginalURL() // only used before the handler returns
		now := time.Now()
		pc.mu.Lock()
		e, ok := pc.entries[key]
		pc.mu.Unlock()
		if ok && now.Before(e.expires) {
			return sendCached(c, e)
		}
		key = strings.Clone(key)
		if err := next(c); err != nil {
			return err
		}
		res := c.Response()
		if res.StatusCode() == fiber.StatusOK && len(res.Header.ContentEncoding()) == 0 {
			body := append([]byte(nil), res.Body()...)
			pc.put(key, cachedAnswer{
				body: body, gzipped: gzipBytes(body), etag: string(res.Header.Peek(fiber.HeaderETag)),
				expires: now.Add(pc.ttl),
			})
		}
		return nil
	}
}

// sendCached answers from the cache, compressed when the client accepts
// gzip (the compress middleware leaves an encoded body alone).
func sendCached(c *fiber.Ctx, e cachedAnswer) error {
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

func (pc *publicCache) put(key string, e cachedAnswer) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if len(pc.entries) >= pc.max {
		now := time.Now()
		for k, old := range pc.entries {
			if now.After(old.expires) {
				delete(pc.entries, k)
			}
		}
		if len(pc.entries) >= pc.max {
			clear(pc.entries)
		}
	}
	pc.entries[key] = e
}
