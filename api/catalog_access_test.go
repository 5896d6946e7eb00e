package api_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"
)

// TestOtherSellerGetsNotFound: every write path (and the read-for-write of
// drafts) of seller A's coop answers seller B with 404, and nothing changes.
func TestOtherSellerGetsNotFound(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		var aID string
		e.DB.Raw("SELECT id FROM users WHERE phone = '+84912000001'").Scan(&aID)
		before := dbSnapshot(t, e.DB)
		coop, prod, variant := m.CoopA.ID, m.Draft.ID, m.Draft.Variants[0].ID
		cases := []request{
			{Method: "PATCH", Path: "/api/v1/coops/" + coop, Body: map[string]any{"name": "Của B"}},
			{Method: "GET", Path: "/api/v1/coops/" + coop + "/members"},
			{Method: "POST", Path: "/api/v1/coops/" + coop + "/members", Body: map[string]string{"phone": "0912000002", "role": "member"}},
			{Method: "DELETE", Path: "/api/v1/coops/" + coop + "/members/" + aID},
			{Method: "GET", Path: "/api/v1/coops/" + coop + "/audit"},
			{Method: "GET", Path: "/api/v1/coops/" + coop + "/history"},
			{Method: "POST", Path: "/api/v1/coops/" + coop + "/products", Body: newProductBody("Hàng của B", "active")},
			{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug},
			{Method: "PATCH", Path: "/api/v1/products/" + prod, Body: map[string]any{"name": "Đổi tên"}},
			{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Body: map[string]any{"status": "archived"}},
			{Method: "POST", Path: "/api/v1/products/" + prod + "/variants", Body: map[string]any{"price_vnd": 1, "stock": 1}},
			{Method: "PATCH", Path: "/api/v1/products/" + prod + "/variants/" + variant, Body: map[string]any{"stock": 0}},
		}
		for _, req := range cases {
			req.Token = m.B
			e.ExpectProblem(404, "not_found", req)
		}
		var page struct{ Items []productJSON }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + coop + "/products?status=draft", Token: m.B}).JSON(t, &page)
		if len(page.Items) != 0 {
			t.Fatalf("seller B lists A's drafts: %+v", page.Items)
		}
		if after := dbSnapshot(t, e.DB); after != before {
			t.Fatalf("database changed:\n%s\n%s", before, after)
		}
	})
}

// TestShopperCannotCallStaffPaths: role-gated /admin paths answer 403 to a
// signed-in non-staff caller (their existence is public) and 401 without a
// token; nothing changes.
func TestShopperCannotCallStaffPaths(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		before := dbSnapshot(t, e.DB)
		defer func() {
			if after := dbSnapshot(t, e.DB); after != before {
				t.Errorf("database changed:\n%s\n%s", before, after)
			}
		}()
		cases := []request{
			{Method: "GET", Path: "/api/v1/admin/coops"},
			{Method: "POST", Path: "/api/v1/admin/coops/" + m.CoopA.ID + "/approve"},
			{Method: "POST", Path: "/api/v1/admin/coops/" + m.CoopA.ID + "/reject", Body: map[string]string{"reason": "x"}},
			{Method: "POST", Path: "/api/v1/admin/coops/" + m.CoopA.ID + "/suspend", Body: map[string]string{"reason": "x"}},
			{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Body: map[string]string{"reason": "x"}},
			{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/unhide"},
			{Method: "POST", Path: "/api/v1/admin/categories", Body: map[string]string{"name": "Mới"}},
			{Method: "PATCH", Path: "/api/v1/admin/categories/cat_tra", Body: map[string]string{"name": "Chè"}},
			{Method: "GET", Path: "/api/v1/admin/featured"},
			{Method: "PUT", Path: "/api/v1/admin/featured", Body: map[string]any{"coops": []any{}, "products": []any{}}},
		}
		for _, tok := range []string{m.Shopper, m.A} {
			for _, req := range cases {
				req.Token = tok
				e.ExpectProblem(403, "forbidden", req)
			}
		}
		for _, req := range cases {
			e.ExpectProblem(401, "unauthenticated", req)
		}
	})
}

// TestMemberCannotManageCoop: a member who is not the owner knows the coop
// exists but may not change it, its members or read its audit log.
func TestMemberCannotManageCoop(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/members", Token: m.A, Body: map[string]string{"phone": "0912000003", "role": "member"}})
		before := dbSnapshot(t, e.DB)
		e.ExpectProblem(403, "forbidden", request{Method: "PATCH", Path: "/api/v1/coops/" + m.CoopA.ID, Token: m.Shopper, Body: map[string]any{"name": "Đổi"}})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/members", Token: m.Shopper, Body: map[string]string{"phone": "0912000002", "role": "member"}})
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/coops/" + m.CoopA.ID + "/audit", Token: m.Shopper})
		if after := dbSnapshot(t, e.DB); after != before {
			t.Fatalf("database changed:\n%s\n%s", before, after)
		}
		// Members do write products, and see drafts.
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug, Token: m.Shopper})
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/products/" + m.Draft.ID, Token: m.Shopper, Body: map[string]any{"unit": "bộ"}})
	})
}

// TestNoMassAssignment: status, coop_id, role, owner and hidden cannot be set
// through a body not meant to set them; the body is refused and nothing changes.
func TestNoMassAssignment(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		var bID string
		e.DB.Raw("SELECT id FROM users WHERE phone = '+84912000002'").Scan(&bID)
		withField := func(body map[string]any, k string, v any) map[string]any {
			out := map[string]any{}
			for kk, vv := range body {
				out[kk] = vv
			}
			out[k] = v
			return out
		}
		before := dbSnapshot(t, e.DB)
		cases := []struct {
			req   request
			field string
		}{
			{request{Method: "POST", Path: "/api/v1/coops", Token: m.Shopper, Body: withField(newCoopBody("HTX Tự duyệt"), "status", "approved")}, "status"},
			{request{Method: "POST", Path: "/api/v1/coops", Token: m.Shopper, Body: withField(newCoopBody("HTX Chủ khác"), "owner", bID)}, "owner"},
			{request{Method: "PATCH", Path: "/api/v1/coops/" + m.CoopA.ID, Token: m.A, Body: map[string]any{"status": "approved"}}, "status"},
			{request{Method: "PATCH", Path: "/api/v1/coops/" + m.CoopA.ID, Token: m.A, Body: map[string]any{"slug": "doi-slug"}}, "slug"},
			{request{Method: "PATCH", Path: "/api/v1/coops/" + m.CoopA.ID, Token: m.A, Body: map[string]any{"role": "admin"}}, "role"},
			{request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/members", Token: m.A, Body: map[string]any{"phone": "0912000003", "role": "owner"}}, "role"},
			{request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/products", Token: m.A, Body: withField(newProductBody("Của B", "active"), "coop_id", m.CoopB.ID)}, "coop_id"},
			{request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/products", Token: m.A, Body: withField(newProductBody("Ẩn", "active"), "hidden", false)}, "hidden"},
			{request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Token: m.A, Body: map[string]any{"hidden": false}}, "hidden"},
			{request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Token: m.A, Body: map[string]any{"coop_id": m.CoopB.ID}}, "coop_id"},
			{request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Token: m.A, Body: map[string]any{"status": "approved"}}, "status"},
			{request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID, Token: m.A, Body: map[string]any{"price_vnd": 1}}, "price_vnd"},
			{request{Method: "PATCH", Path: "/api/v1/products/" + m.Active.ID + "/variants/" + m.Active.Variants[0].ID, Token: m.A, Body: map[string]any{"product_id": m.Draft.ID}}, "product_id"},
		}
		for _, c := range cases {
			p := e.ExpectProblem(422, "validation_failed", c.req)
			if len(p.Errors) == 0 || p.Errors[0].Field != c.field {
				t.Errorf("%s %s: problem %+v, want field %q", c.req.Method, c.req.Path, p, c.field)
			}
		}
		if after := dbSnapshot(t, e.DB); after != before {
			t.Fatalf("database changed:\n%s\n%s", before, after)
		}
	})
}

// dbSnapshot summarises the catalog tables so a test can prove nothing changed.
func dbSnapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		"SELECT COUNT(*) FROM coops", "SELECT COUNT(*) FROM coop_members", "SELECT COUNT(*) FROM products",
		"SELECT COUNT(*) FROM product_variants", "SELECT COUNT(*) FROM coop_audit_log", "SELECT COUNT(*) FROM outbox",
		"SELECT COUNT(*) FROM categories", "SELECT COUNT(*) FROM featured_coops", "SELECT COUNT(*) FROM users WHERE role = 'admin'",
		"SELECT COALESCE(MAX(name), '') || MAX(status) || MAX(province) FROM coops",
		"SELECT COALESCE(SUM(stock), 0) FROM product_variants",
		"SELECT COALESCE(MAX(name), '') || MIN(status) || MAX(status) FROM products",
		"SELECT COUNT(*) FROM products WHERE hidden",
	} {
		var s string
		if err := db.Raw("SELECT CAST((" + q + ") AS TEXT)").Scan(&s).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		parts = append(parts, s)
	}
	var updated []string
	db.Raw("SELECT CAST(updated_at AS TEXT) FROM coops UNION ALL SELECT CAST(updated_at AS TEXT) FROM products").Scan(&updated)
	return fmt.Sprint(parts, updated)
}
