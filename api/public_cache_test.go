package api_test

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
)

// cacheEnv is an app over SQLite whose micro-cache has the given TTL and
// byte bound.
func cacheEnv(t *testing.T, ttl time.Duration, maxBytes int) (*testEnv, *market) {
	t.Helper()
	db := dbtest.SQLite(t)
	e := newEnv(t, db, func(d *api.Deps) {
		d.Catalog, d.PublicCacheTTL, d.PublicCacheBytes = catalog.NewService(db), ttl, maxBytes
	})
	return e, newMarket(t, e)
}

// cacheGauge reads one of the micro-cache's gauges from /metrics.
func cacheGauge(t *testing.T, e *testEnv, name string) int {
	t.Helper()
	res := e.Expect(200, request{Method: "GET", Path: "/metrics"})
	sc := bufio.NewScanner(bytes.NewReader(res.Body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s = %q", name, v)
			}
			return int(n)
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}

// TestPublicCacheIgnoresUnreadParameters: parameters the handler does not
// read, their order and the spelling of the limit make no new entry, so a
// flood of ?junk=$i is answered from the one entry of ?limit=100 (it still
// lists a product hidden after that entry was made).
func TestPublicCacheIgnoresUnreadParameters(t *testing.T) {
	e, m := cacheEnv(t, time.Minute, 0)
	first := e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=100&junk=0"})
	if !strings.Contains(string(first.Body), m.Active.ID) {
		t.Fatalf("first answer misses the product: %s", first.Body)
	}
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Kiểm tra"}})
	for i := 1; i <= 300; i++ {
		path := "/api/v1/products?junk=" + strconv.Itoa(i) + "&limit=100"
		switch i % 3 {
		case 1:
			path = "/api/v1/products?limit=0100&utm_source=" + strconv.Itoa(i)
		case 2:
			path = "/api/v1/products?limit=500&cursor=&x" + strconv.Itoa(i) + "=1"
		}
		if res := e.Expect(200, request{Method: "GET", Path: path}); string(res.Body) != string(first.Body) {
			t.Fatalf("%s made a new entry: %s", path, res.Body)
		}
	}
	if n := cacheGauge(t, e, "ganh_public_cache_entries"); n != 1 {
		t.Fatalf("%d entries, want 1", n)
	}
	// A parameter the handler reads is part of the key.
	if res := e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=100&coop=" + m.CoopA.Slug}); strings.Contains(string(res.Body), m.Active.ID) {
		t.Fatalf("?coop= was answered from the entry without it: %s", res.Body)
	}
}

// TestPublicCacheStaysUnderItsByteBound sends thousands of requests with
// distinct keys (each a search of the coop list) and checks after every
// hundred that the entries together stay under the bound.
func TestPublicCacheStaysUnderItsByteBound(t *testing.T) {
	const bound = 64 << 10
	e, _ := cacheEnv(t, time.Minute, bound)
	for i := 0; i < 3000; i++ {
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops?q=hop-tac-" + strconv.Itoa(i)})
		if i%100 == 99 {
			if b := cacheGauge(t, e, "ganh_public_cache_bytes"); b > bound || b <= 0 {
				t.Fatalf("after %d keys the cache holds %d bytes, bound %d", i+1, b, bound)
			}
		}
	}
	if n := cacheGauge(t, e, "ganh_public_cache_entries"); n >= 3000 || n == 0 {
		t.Fatalf("%d entries after 3000 distinct keys under a %d-byte bound", n, bound)
	}
}

// TestPublicCacheDropsExpiredEntries: once their TTL has passed, entries go
// at the next request, however few there are.
func TestPublicCacheDropsExpiredEntries(t *testing.T) {
	e, _ := cacheEnv(t, 100*time.Millisecond, 0)
	for i := 1; i <= 50; i++ {
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=" + strconv.Itoa(i)})
	}
	if n := cacheGauge(t, e, "ganh_public_cache_entries"); n != 50 {
		t.Fatalf("%d entries, want 50", n)
	}
	time.Sleep(150 * time.Millisecond)
	e.Expect(200, request{Method: "GET", Path: "/api/v1/categories"})
	if n := cacheGauge(t, e, "ganh_public_cache_entries"); n != 1 {
		t.Fatalf("%d entries after the TTL, want only the new one", n)
	}
}
