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

// TestProductETagFollowsEveryChange: the public product answer is 304 to
// its own ETag, and a new answer with a new ETag after an edit, after a
// checkout takes stock (which does not touch the product row) and after
// the coop is suspended (404).
func TestProductETagFollowsEveryChange(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		path := "/api/v1/products/" + s.ProductA.Slug
		read := func(etag string, want int) *response {
			return e.Expect(want, request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": etag}})
		}
		first := read("", 200)
		etag := first.Header.Get("ETag")
		if res := read(etag, 304); len(res.Body) != 0 || res.Header.Get("ETag") != etag {
			t.Fatalf("304 carries %q, ETag %q", res.Body, res.Header.Get("ETag"))
		}
		read(`W/"other", `+etag, 304)

		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/products/" + s.ProductA.ID, Token: s.SellerA, Body: map[string]any{"description": "Chè búp Tân Cương, hái sáng."}})
		edited := read(etag, 200)
		if edited.Header.Get("ETag") == etag || !strings.Contains(string(edited.Body), "hái sáng") {
			t.Fatalf("after the edit: ETag %s, %s", edited.Header.Get("ETag"), edited.Body)
		}
		etag = edited.Header.Get("ETag")

		placeOrder(t, e, checkoutReq("k-etag", guestBody(cart(s.ProductA.Variants[0].ID, 3), "cod"), ""))
		var after productJSON
		bought := read(etag, 200)
		bought.JSON(t, &after)
		if bought.Header.Get("ETag") == etag || after.Variants[0].Stock != 7 {
			t.Fatalf("after the checkout: ETag %s, stock %d", bought.Header.Get("ETag"), after.Variants[0].Stock)
		}
		read(bought.Header.Get("ETag"), 304)

		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + s.CoopA.ID + "/suspend", Token: s.Staff, Body: map[string]string{"reason": "Hàng giả"}})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": bought.Header.Get("ETag")}})
	})
}
