package api_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// freshEnv is an app as `ganh serve` builds it by default: the micro-cache
// is left to the configuration, which turns it off.
func freshEnv(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		fn(t, newEnv(t, db, func(d *api.Deps) { d.Catalog = catalog.NewService(db) }))
	})
}

// TestAnonymousReadSeesLastWrite: with the default settings an anonymous
// read right after a write sees it (product page, lists, coop's list), its
// ETag changes so a revalidating browser gets the new answer, and the answer
// may be stored only if revalidated before each use.
func TestAnonymousReadSeesLastWrite(t *testing.T) {
	freshEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		page := "/api/v1/products/" + m.Active.Slug
		lists := []string{"/api/v1/products?limit=20", "/api/v1/coops/" + m.CoopA.Slug + "/products?limit=20"}
		first := e.Expect(200, request{Method: "GET", Path: page})
		if cc := first.Header.Get("Cache-Control"); cc != "public, max-age=0, must-revalidate" {
			t.Fatalf("Cache-Control = %q", cc)
		}
		for _, l := range lists {
			e.Expect(200, request{Method: "GET", Path: l})
		}

		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Token: m.A, Body: map[string]any{"name": "Chiếu cói hoa văn"}})
		second := e.Expect(200, request{Method: "GET", Path: page, Header: map[string]string{"If-None-Match": first.Header.Get("ETag")}})
		if !strings.Contains(string(second.Body), "Chiếu cói hoa văn") || second.Header.Get("ETag") == first.Header.Get("ETag") {
			t.Fatalf("the edit is not seen by the next read: %s (ETag %s)", second.Body, second.Header.Get("ETag"))
		}
		for _, l := range lists {
			if res := e.Expect(200, request{Method: "GET", Path: l}); !strings.Contains(string(res.Body), "Chiếu cói hoa văn") {
				t.Fatalf("%s misses the edit: %s", l, res.Body)
			}
		}

		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Kiểm tra"}})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: page})
		for _, l := range lists {
			if res := e.Expect(200, request{Method: "GET", Path: l}); strings.Contains(string(res.Body), m.Active.ID) {
				t.Fatalf("%s still lists the hidden product: %s", l, res.Body)
			}
		}
	})
}
