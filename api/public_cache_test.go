package api_test

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
)

// cacheEnv is an app over SQLite whose micro-cache has the given TTL.
func cacheEnv(t *testing.T, ttl time.Duration) (*testEnv, *market) {
	t.Helper()
	db := dbtest.SQLite(t)
	e := newEnv(t, db, func(d *api.Deps) { d.Catalog, d.PublicCacheTTL = catalog.NewService(db), ttl })
	return e, newMarket(t, e)
}

// TestPublicCacheIgnoresUnreadParameters: parameters the handler does not
// read, their order and the spelling of the limit make no new entry, so a
// flood of ?junk=$i is answered from the one entry of ?limit=100 (it still
// lists a product hidden after that entry was made). The byte bound and the
// expiry are tested on the cache itself (public_cache_internal_test.go).
func TestPublicCacheIgnoresUnreadParameters(t *testing.T) {
	e, m := cacheEnv(t, time.Minute)
	first := e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=100&junk=0"})
	if !strings.Contains(string(first.Body), m.Active.ID) {
		t.Fatalf("first answer misses the product: %s", first.Body)
	}
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Kiểm tra"}})
	if fresh := e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=100", Token: m.Shopper}); strings.Contains(string(fresh.Body), m.Active.ID) {
		t.Fatal("the hidden product is still listed to a signed-in shopper")
	}
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
	// A parameter the handler reads is part of the key.
	if res := e.Expect(200, request{Method: "GET", Path: "/api/v1/products?limit=100&coop=" + m.CoopA.Slug}); strings.Contains(string(res.Body), m.Active.ID) {
		t.Fatalf("?coop= was answered from the entry without it: %s", res.Body)
	}
}

// TestPublicCache: anonymous answers are reused for at most the cache TTL;
// signed-in callers always get fresh ones.
func TestPublicCache(t *testing.T) {
	db := dbtest.SQLite(t)
	e := newEnv(t, db, func(d *api.Deps) { d.Catalog = catalog.NewService(db); d.PublicCacheTTL = 300 * time.Millisecond })
	m := newMarket(t, e)
	path := "/api/v1/products/" + m.Active.Slug
	first := e.Expect(200, request{Method: "GET", Path: path})
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Kiểm tra"}})
	if again := e.Expect(200, request{Method: "GET", Path: path}); string(again.Body) != string(first.Body) || again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatal("a fresh cached answer should be served as is")
	}
	e.Expect(304, request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": first.Header.Get("ETag")}})
	e.Expect(200, request{Method: "GET", Path: path, Token: m.A}) // members bypass the cache …
	time.Sleep(350 * time.Millisecond)
	e.ExpectProblem(404, "not_found", request{Method: "GET", Path: path}) // … and the public sees the change within the TTL
}

// TestPublicCacheGzip: cached answers go out gzipped to clients that accept
// it and plain to the others, with the same ETag.
func TestPublicCacheGzip(t *testing.T) {
	db := dbtest.SQLite(t)
	e := newEnv(t, db, func(d *api.Deps) { d.Catalog, d.PublicCacheTTL = catalog.NewService(db), time.Minute })
	e.Expect(200, request{Method: "GET", Path: "/api/v1/categories"})
	plain := e.Expect(200, request{Method: "GET", Path: "/api/v1/categories"})
	req := httptest.NewRequest("GET", "/api/v1/categories", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	gz, err := e.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Body.Close()
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil || string(body) != string(plain.Body) {
		t.Fatalf("gzipped body differs: %v", err)
	}
	if gz.Header.Get("Content-Encoding") != "gzip" || plain.Header.Get("Content-Encoding") != "" || gz.Header.Get("ETag") != plain.Header.Get("ETag") {
		t.Fatalf("plain %v / gzip %v", plain.Header, gz.Header)
	}
}
