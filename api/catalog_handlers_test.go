package api_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// catalogEnv is an app with the catalog wired in, on every engine, without
// the micro-cache so each request sees the database (TestPublicCache covers it).
func catalogEnv(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		fn(t, newEnv(t, db, func(d *api.Deps) { d.Catalog = catalog.NewService(db); d.PublicCacheTTL = -1 }))
	})
}

// market is a small marketplace built through the API: seller A's approved
// coop with an active and a draft product, seller B's approved coop, a
// shopper and a staff member.
type market struct {
	A, B, Shopper, Staff string // tokens
	CoopA, CoopB         coopJSON
	Active, Draft        productJSON
}

type coopJSON struct {
	ID, Slug, Name, Status string
	Bank                   *catalog.Bank
}

type productJSON struct {
	ID, Slug, Status string
	PriceVND         int64 `json:"price_vnd"`
	Hidden           bool
	Variants         []struct {
		ID       string
		Stock    int
		PriceVND int64 `json:"price_vnd"`
	}
}

func newCoopBody(name string) map[string]any {
	return map[string]any{
		"name": name, "kind": "hop_tac_xa", "description": "Sản phẩm làng nghề.", "province": "ninh-binh",
		"commune": "Xã Kim Sơn", "address": "Thôn 3", "phone": "0912 000 111", "zalo": "0912000111",
		"bank":             map[string]string{"bin": "970436", "account_number": "0123456789", "account_name": "NGUYEN THI HOA"},
		"shipping_fee_vnd": 30000, "free_shipping_over_vnd": 500000,
	}
}

func newProductBody(name, status string) map[string]any {
	return map[string]any{
		"name": name, "description": "Đặc sản Ninh Bình.", "category": "dac-san-kho", "unit": "gói",
		"ocop_stars": 4, "ocop_cert_no": "OCOP-NB-001", "tags": []string{"đặc sản"}, "status": status,
		"variants": []map[string]any{
			{"name": "Gói 500 g", "price_vnd": 120000, "compare_at_vnd": 150000, "stock": 10, "weight_grams": 500},
			{"name": "Gói 200 g", "price_vnd": 55000, "stock": 30},
		},
	}
}

func newMarket(t *testing.T, e *testEnv) *market {
	t.Helper()
	m := &market{
		A: e.SignUp("0912000001", "Nguyễn Thị A"), B: e.SignUp("0912000002", "Trần Thị B"),
		Shopper: e.SignUp("0912000003", "Lê Văn Khách"),
		Staff:   e.UserWithRole("0912000004", "Cán bộ Hội", kernel.RoleStaff),
	}
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: m.A, Body: newCoopBody("Hợp tác xã Cói Kim Sơn")}).JSON(t, &m.CoopA)
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: m.B, Body: newCoopBody("HTX Cơm cháy Hoa Lư")}).JSON(t, &m.CoopB)
	for _, id := range []string{m.CoopA.ID, m.CoopB.ID} {
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + id + "/approve", Token: m.Staff})
	}
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/products", Token: m.A,
		Body: newProductBody("Chiếu cói đôi", "active")}).JSON(t, &m.Active)
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/products", Token: m.A,
		Body: newProductBody("Chiếu cói đơn", "")}).JSON(t, &m.Draft)
	return m
}

func TestCoopFlow(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		owner := e.SignUp("0912000001", "Nguyễn Thị Hoa")
		staff := e.UserWithRole("0912000009", "Cán bộ Hội", kernel.RoleStaff)
		var c coopJSON
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: owner, Body: newCoopBody("Hợp tác xã Cói Kim Sơn")}).JSON(t, &c)
		if c.Status != "pending" || c.Slug != "hop-tac-xa-coi-kim-son" || c.Bank == nil {
			t.Fatalf("coop = %+v", c)
		}
		var me struct {
			Role  string
			Coops []struct{ Slug, MemberRole string } `json:"coops"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: owner}).JSON(t, &me)
		if me.Role != "seller" || len(me.Coops) != 1 || me.Coops[0].Slug != c.Slug {
			t.Fatalf("/me = %+v", me)
		}
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/coops/" + c.Slug})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.Slug, Token: owner})

		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/admin/coops/" + c.ID + "/reject", Token: staff, Body: map[string]string{"reason": ""}})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: "/api/v1/admin/coops/" + c.ID + "/suspend", Token: staff, Body: map[string]string{"reason": "Hàng giả"}})
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + c.ID + "/approve", Token: staff})

		// Public view: cacheable, ETag, no bank account.
		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.Slug})
		if strings.Contains(string(res.Body), "account_number") || res.Header.Get("Cache-Control") != "public, max-age=0, must-revalidate" {
			t.Fatalf("public coop leaks or is not cacheable: %s %v", res.Body, res.Header)
		}
		etag := res.Header.Get("ETag")
		if !strings.HasPrefix(etag, `W/"`) {
			t.Fatalf("ETag = %q", etag)
		}
		e.Expect(304, request{Method: "GET", Path: "/api/v1/coops/" + c.Slug, Header: map[string]string{"If-None-Match": etag}})
		if res := e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.Slug, Token: owner}); res.Header.Get("Cache-Control") != "private, no-store" {
			t.Fatalf("signed-in Cache-Control = %q", res.Header.Get("Cache-Control"))
		}

		var page struct {
			Items      []coopJSON
			NextCursor *string `json:"next_cursor"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops?province=ninh-binh&q=coi%20kim%20son&limit=100000"}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].Bank != nil || page.NextCursor != nil {
			t.Fatalf("GET /coops = %+v", page)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/coops?limit=abc"})

		name := "HTX Cói Kim Sơn"
		var upd coopJSON
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/coops/" + c.ID, Token: owner, Body: map[string]any{"name": name, "free_shipping_over_vnd": nil}}).JSON(t, &upd)
		if upd.Name != name || upd.Slug != c.Slug {
			t.Fatalf("PATCH = %+v", upd)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.ID + "/history", Token: owner})

		// Members: by phone, steward must be staff, owner stays.
		helper := e.SignUp("0912000002", "Trần Thị Lụa")
		_ = helper
		var member struct {
			UserID string `json:"user_id"`
		}
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/members", Token: owner, Body: map[string]string{"phone": "0912000002", "role": "member"}}).JSON(t, &member)
		p := e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/members", Token: owner, Body: map[string]string{"phone": "0987654321", "role": "member"}})
		if len(p.Errors) != 1 || p.Errors[0].Field != "phone" {
			t.Fatalf("unknown phone problem = %+v", p)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/members", Token: owner, Body: map[string]string{"phone": "0912000001", "role": "steward"}})
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/members", Token: owner, Body: map[string]string{"phone": "0912000009", "role": "steward"}})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.ID + "/members", Token: owner})
		var ownerID string
		e.DB.Raw("SELECT id FROM users WHERE phone = '+84912000001'").Scan(&ownerID)
		e.ExpectProblem(409, "conflict", request{Method: "DELETE", Path: "/api/v1/coops/" + c.ID + "/members/" + ownerID, Token: staff})
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/coops/" + c.ID + "/audit", Token: helper})
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/coops/" + c.ID + "/members/" + member.UserID, Token: owner})

		var audit struct {
			Items []struct{ Action, ActorRole string } `json:"items"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + c.ID + "/audit", Token: owner}).JSON(t, &audit)
		if len(audit.Items) < 5 || audit.Items[0].Action != "member.remove" {
			t.Fatalf("audit = %+v", audit.Items)
		}
		var admin struct{ Items []coopJSON }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/coops?status=approved", Token: staff}).JSON(t, &admin)
		if len(admin.Items) != 1 || admin.Items[0].Bank == nil {
			t.Fatalf("admin list = %+v", admin.Items)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/admin/coops?status=closed", Token: staff})
	})
}

func TestProductFlow(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		if m.Draft.Status != "draft" || m.Active.PriceVND != 55000 || len(m.Active.Variants) != 2 {
			t.Fatalf("created %+v / %+v", m.Active, m.Draft)
		}
		// Drafts: 404 to the public and other sellers, visible to members and staff.
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug, Token: m.B})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug, Token: m.A})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Draft.Slug, Token: m.Staff})
		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug})
		e.Expect(304, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug, Header: map[string]string{"If-None-Match": res.Header.Get("ETag")}})

		var page struct{ Items []productJSON }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + m.CoopA.Slug + "/products"}).JSON(t, &page)
		if len(page.Items) != 1 {
			t.Fatalf("public coop list = %d items", len(page.Items))
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + m.CoopA.ID + "/products?status=draft", Token: m.A}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != m.Draft.ID {
			t.Fatalf("member draft list = %+v", page.Items)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products?category=thuc-pham&province=ninh-binh&coop=" + m.CoopA.Slug}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != m.Active.ID {
			t.Fatalf("GET /products = %+v", page.Items)
		}
		p := e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/products?category=khong-co"})
		if p.Errors[0].Field != "category" {
			t.Fatalf("problem = %+v", p)
		}

		// Unknown category on create names the field; bad status is 422.
		body := newProductBody("Cơm cháy", "active")
		body["category"] = "khong-co"
		p = e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/products", Token: m.A, Body: body})
		if p.Errors[0].Field != "category" {
			t.Fatalf("problem = %+v", p)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: "/api/v1/products/" + m.Draft.ID, Token: m.A, Body: map[string]any{"status": "sold"}})

		var got productJSON
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/products/" + m.Draft.ID, Token: m.A, Body: map[string]any{"status": "active", "tags": []string{"cói", "quà tặng"}}}).JSON(t, &got)
		if got.Status != "active" {
			t.Fatalf("PATCH product = %+v", got)
		}
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/products/" + m.Draft.ID + "/variants/" + m.Draft.Variants[1].ID, Token: m.A,
			Body: map[string]any{"price_vnd": 45000, "stock": 0}}).JSON(t, &got)
		if got.PriceVND != 45000 || got.Variants[1].Stock != 0 {
			t.Fatalf("PATCH variant = %+v", got)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: "/api/v1/products/" + m.Draft.ID + "/variants/" + m.Draft.Variants[1].ID, Token: m.A, Body: map[string]any{"stock": -1}})
		e.Expect(201, request{Method: "POST", Path: "/api/v1/products/" + m.Draft.ID + "/variants", Token: m.A, Body: map[string]any{"name": "Chiếu 1,8 m", "price_vnd": 350000, "stock": 4}})

		// Staff hide and unhide.
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{}})
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Ảnh vi phạm bản quyền"}}).JSON(t, &got)
		if !got.Hidden {
			t.Fatal("not hidden")
		}
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug})
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + m.Active.ID + "/unhide", Token: m.Staff})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug})
	})
}

func TestCategoriesAndFeatured(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		var tree []struct {
			Slug     string
			Children []struct{ Slug string }
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/categories"}).JSON(t, &tree)
		if len(tree) != 6 || len(tree[0].Children) == 0 {
			t.Fatalf("tree = %+v", tree)
		}
		var cat struct{ ID, Slug, Name string }
		e.Expect(201, request{Method: "POST", Path: "/api/v1/admin/categories", Token: m.Staff, Body: map[string]string{"name": "Nón lá", "parent": "thu-cong-my-nghe"}}).JSON(t, &cat)
		if cat.Slug != "non-la" {
			t.Fatalf("category = %+v", cat)
		}
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: "/api/v1/admin/categories", Token: m.Staff, Body: map[string]string{"name": "Nón", "slug": "non-la"}})
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/admin/categories/" + cat.ID, Token: m.Staff, Body: map[string]string{"name": "Nón lá Huế"}})

		e.Expect(200, request{Method: "PUT", Path: "/api/v1/admin/featured", Token: m.Staff, Body: map[string]any{
			"coops":    []map[string]any{{"coop_id": m.CoopB.ID, "note": "Mùa lễ hội"}, {"coop_id": m.CoopA.ID, "starts_at": "2020-01-01T00:00:00Z"}},
			"products": []map[string]any{{"product_id": m.Draft.ID}, {"product_id": m.Active.ID, "ends_at": "2999-01-01T00:00:00Z"}},
		}})
		var f struct {
			Coops    []coopJSON
			Products []productJSON
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/featured"}).JSON(t, &f)
		if len(f.Coops) != 2 || f.Coops[0].ID != m.CoopB.ID || len(f.Products) != 1 || f.Products[0].ID != m.Active.ID {
			t.Fatalf("featured = %+v", f)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/featured", Token: m.Staff})
		p := e.ExpectProblem(422, "validation_failed", request{Method: "PUT", Path: "/api/v1/admin/featured", Token: m.Staff, Body: map[string]any{
			"coops": []map[string]any{{"coop_id": "khong-co"}}, "products": []map[string]any{}}})
		if p.Errors[0].Field != "coops[0].coop_id" {
			t.Fatalf("problem = %+v", p)
		}
	})
}
