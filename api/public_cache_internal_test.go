package api

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// TestPublicCacheKeysDocumentedParameters: every query parameter
// openapi.yaml documents for a micro-cached GET is part of its cache key;
// one left out would let two different answers share an entry.
func TestPublicCacheKeysDocumentedParameters(t *testing.T) {
	doc, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	for path, keyed := range map[string][]string{
		"/api/v1/coops":               coopListQuery,
		"/api/v1/coops/{id}":          nil,
		"/api/v1/categories":          nil,
		"/api/v1/coops/{id}/products": coopProductsQuery,
		"/api/v1/products":            productListQuery,
		"/api/v1/products/{id}":       nil,
		"/api/v1/featured":            featuredQuery,
	} {
		item := doc.Paths.Find(path)
		if item == nil || item.Get == nil {
			t.Fatalf("openapi.yaml has no GET %s", path)
		}
		var documented []string
		for _, p := range append(item.Parameters, item.Get.Parameters...) {
			if p.Value.In == "query" {
				documented = append(documented, p.Value.Name)
			}
		}
		slices.Sort(documented)
		if !slices.Equal(documented, keyed) {
			t.Errorf("GET %s documents query parameters %v; the cache keys on %v", path, documented, keyed)
		}
	}
}

// cacheApp serves GET /list through pc: an answer of size bytes that names
// the ?q= it was asked for, and counts how often the handler ran.
func cacheApp(pc *publicCache, size int, calls *int) *fiber.App {
	app := fiber.New()
	app.Get("/list", pc.wrap(func(c *fiber.Ctx) error {
		*calls++
		return sendPublic(c, map[string]string{"q": c.Query("q"), "pad": strings.Repeat("x", size)})
	}, "q"))
	return app
}

func get(t *testing.T, app *fiber.App, path string) {
	t.Helper()
	res, err := app.Test(httptest.NewRequest("GET", path, nil), -1)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", path, res, err)
	}
	res.Body.Close()
}

// TestPublicCacheStaysUnderItsByteBound sends five thousand requests with
// distinct keys and checks after each that the entries together stay under
// the bound, while the newest are still served from the cache.
func TestPublicCacheStaysUnderItsByteBound(t *testing.T) {
	const bound = 256 << 10
	pc := newPublicCache(time.Minute, bound)
	calls := 0
	app := cacheApp(pc, 2000, &calls)
	for i := range 5000 {
		get(t, app, "/list?q="+strconv.Itoa(i))
		if n, b := pc.stats(); b > bound || n == 0 {
			t.Fatalf("after %d keys: %d entries of %d bytes, bound %d", i+1, n, b, bound)
		}
	}
	n, b := pc.stats()
	t.Logf("%d entries, %d bytes", n, b)
	get(t, app, "/list?q=4999")
	if calls != 5000 {
		t.Fatalf("the newest entry was dropped: %d handler calls", calls)
	}
	get(t, app, "/list?q=0")
	if calls != 5001 {
		t.Fatalf("the oldest entry outlived the bound: %d handler calls", calls)
	}
}

// TestPublicCacheDropsExpiredEntries: once the TTL has passed, every entry
// goes at the next request, however few there are and whatever the bound.
func TestPublicCacheDropsExpiredEntries(t *testing.T) {
	pc := newPublicCache(time.Second, 0)
	now := time.Date(2025, 3, 8, 9, 0, 0, 0, time.UTC)
	pc.now = func() time.Time { return now }
	calls := 0
	app := cacheApp(pc, 100, &calls)
	for i := range 50 {
		get(t, app, "/list?q="+strconv.Itoa(i))
	}
	if n, _ := pc.stats(); n != 50 {
		t.Fatalf("%d entries, want 50", n)
	}
	now = now.Add(time.Second)
	get(t, app, "/list?q=new")
	if n, b := pc.stats(); n != 1 || b > 1000 {
		t.Fatalf("%d entries (%d bytes) after the TTL, want only the new one", n, b)
	}
	get(t, app, "/list?q=1")
	if calls != 52 {
		t.Fatalf("an expired entry was served: %d handler calls", calls)
	}
}
