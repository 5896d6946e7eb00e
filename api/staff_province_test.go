package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// scopedStaff creates a staff account of province and signs it in.
func scopedStaff(t *testing.T, e *testEnv, phone, province string) string {
	t.Helper()
	if _, err := e.Accounts.CreateUser(context.Background(), accounts.RegisterInput{Phone: phone, Password: testPassword,
		Name: "Cán bộ Hội tỉnh", Province: province}, kernel.RoleStaff); err != nil {
		t.Fatal(err)
	}
	return signIn(t, e, phone, testPassword)
}

// sonLaCoop applies for an approved Sơn La coop through the API, with an
// active and a hidden product; it returns the coop and both products.
func sonLaCoop(t *testing.T, e *testEnv, owner, staff string) (coopJSON, productJSON, productJSON) {
	t.Helper()
	body := newCoopBody("Hợp tác xã Chè Tà Xùa")
	body["province"], body["commune"] = "son-la", "Phường Mộc Châu"
	var c coopJSON
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: owner, Body: body}).JSON(t, &c)
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + c.ID + "/approve", Token: staff})
	var active, hidden productJSON
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/products", Token: owner, Body: newProductBody("Chè shan tuyết", "active")}).JSON(t, &active)
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + c.ID + "/products", Token: owner, Body: newProductBody("Chè búp", "active")}).JSON(t, &hidden)
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + hidden.ID + "/hide", Token: staff, Body: map[string]string{"reason": "Ảnh sai"}})
	return c, active, hidden
}

// networkSnapshot is dbSnapshot with what the network's staff actions
// could also change: featured lists, status history, reset codes, audit.
func networkSnapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	s := dbSnapshot(t, db)
	for _, q := range []string{"featured_products", "coop_status_history", "password_reset_codes", "account_audit_log"} {
		var n int64
		if err := db.Table(q).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		s += fmt.Sprintf(" %s:%d", q, n)
	}
	var provinces []string
	db.Raw("SELECT COALESCE(province, '-') FROM users ORDER BY id").Scan(&provinces)
	return s + fmt.Sprint(provinces)
}

// TestProvinceStaffCrossProvince: through the API, a Ninh Bình staff
// member gets 404 for every staff action on a Sơn La coop, its products
// and its seller, and the database is as it was.
func TestProvinceStaffCrossProvince(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		national := e.UserWithRole("0915000001", "Cán bộ Hội", kernel.RoleStaff)
		owner := e.SignUp("0915000002", "Lò Thị Xuân")
		member := e.SignUp("0915000003", "Cầm Thị Hoa")
		e.UserWithRole("0915000004", "Cán bộ Hội khác", kernel.RoleStaff)
		coop, active, hidden := sonLaCoop(t, e, owner, national)
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + coop.ID + "/members", Token: owner, Body: map[string]string{"phone": "0915000003", "role": "member"}})
		var pending coopJSON
		body := newCoopBody("Hợp tác xã Mận Mộc Châu")
		body["province"], body["commune"] = "son-la", "Phường Mộc Châu"
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: member, Body: body}).JSON(t, &pending)
		ownerID, memberID := userID(t, e, owner), userID(t, e, member)
		scoped := scopedStaff(t, e, "0915000009", "ninh-binh")

		before := networkSnapshot(t, e.DB)
		for _, req := range []request{
			{Method: "POST", Path: "/api/v1/admin/coops/" + pending.ID + "/approve"},
			{Method: "POST", Path: "/api/v1/admin/coops/" + pending.ID + "/reject", Body: map[string]string{"reason": "Thiếu giấy tờ"}},
			{Method: "POST", Path: "/api/v1/admin/coops/" + coop.ID + "/suspend", Body: map[string]string{"reason": "Vi phạm"}},
			{Method: "POST", Path: "/api/v1/admin/products/" + active.ID + "/hide", Body: map[string]string{"reason": "Vi phạm"}},
			{Method: "POST", Path: "/api/v1/admin/products/" + hidden.ID + "/unhide"},
			{Method: "POST", Path: "/api/v1/coops/" + coop.ID + "/members", Body: map[string]string{"phone": "0915000004", "role": "steward"}},
			{Method: "DELETE", Path: "/api/v1/coops/" + coop.ID + "/members/" + memberID},
			{Method: "POST", Path: "/api/v1/coops/" + coop.ID + "/owner", Body: map[string]string{"user_id": memberID}},
			{Method: "PATCH", Path: "/api/v1/coops/" + coop.ID, Body: map[string]any{"name": "Đổi tên"}},
			{Method: "PATCH", Path: "/api/v1/products/" + active.ID, Body: map[string]any{"name": "Đổi tên"}},
			{Method: "GET", Path: "/api/v1/coops/" + pending.ID},
			{Method: "GET", Path: "/api/v1/coops/" + pending.ID + "/history"},
			{Method: "GET", Path: "/api/v1/coops/" + coop.ID + "/members"},
			{Method: "GET", Path: "/api/v1/coops/" + coop.ID + "/audit"},
			{Method: "GET", Path: "/api/v1/coops/" + coop.ID + "/reports/sales"},
			{Method: "GET", Path: "/api/v1/products/" + hidden.ID},
			{Method: "GET", Path: "/api/v1/admin/featured?province=son-la"},
			{Method: "PUT", Path: "/api/v1/admin/featured?province=son-la", Body: map[string]any{"coops": []any{}, "products": []any{}}},
			{Method: "PUT", Path: "/api/v1/admin/featured?province=ninh-binh", Body: map[string]any{"coops": []any{map[string]string{"coop_id": coop.ID}}, "products": []any{}}},
			{Method: "PUT", Path: "/api/v1/admin/featured?province=ninh-binh", Body: map[string]any{"coops": []any{}, "products": []any{map[string]string{"product_id": active.ID}}}},
			{Method: "POST", Path: "/api/v1/admin/users/" + ownerID + "/reset-code"},
		} {
			req.Token = scoped
			e.ExpectProblem(404, "not_found", req)
			if after := networkSnapshot(t, e.DB); after != before {
				t.Fatalf("%s %s changed the database:\n%s\n%s", req.Method, req.Path, before, after)
			}
		}
		var list struct{ Items []coopJSON }
		for _, q := range []string{"", "?province=son-la", "?status=pending"} {
			e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/coops" + q, Token: scoped}).JSON(t, &list)
			if len(list.Items) != 0 {
				t.Errorf("admin coops%s: %+v", q, list.Items)
			}
		}
		// The national list is known to all staff: refused, not hidden.
		e.ExpectProblem(403, "forbidden", request{Method: "PUT", Path: "/api/v1/admin/featured", Token: scoped, Body: map[string]any{"coops": []any{}, "products": []any{}}})
		// Staff of every province do the same.
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + coop.ID + "/suspend", Token: national, Body: map[string]string{"reason": "Vi phạm"}})
		e.Expect(201, request{Method: "POST", Path: "/api/v1/admin/users/" + ownerID + "/reset-code", Token: national})
	})
}

// TestSetStaffProvince: an admin of every province scopes a staff account
// (audited) and clears it; nobody else may; only staff take a province.
func TestSetStaffProvince(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		admin := e.UserWithRole("0915000101", "Quản trị", kernel.RoleAdmin)
		staff := e.UserWithRole("0915000102", "Cán bộ Hội", kernel.RoleStaff)
		shopper := e.SignUp("0915000103", "Người mua")
		staffID, shopperID := userID(t, e, staff), userID(t, e, shopper)
		path := "/api/v1/admin/users/" + staffID

		var got struct{ Province *string }
		e.Expect(200, request{Method: "PATCH", Path: path, Token: admin, Body: map[string]any{"province": "ninh-binh"}}).JSON(t, &got)
		if got.Province == nil || *got.Province != "ninh-binh" {
			t.Fatalf("patched province = %v", got.Province)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: staff}).JSON(t, &got)
		if got.Province == nil || *got.Province != "ninh-binh" {
			t.Fatalf("me.province = %v", got.Province)
		}
		var n int64
		e.DB.Model(&accounts.AuditEntry{}).Where("action = ? AND subject_id = ?", accounts.AuditStaffProvinceSet, staffID).Count(&n)
		if n != 1 {
			t.Fatalf("audit rows = %d", n)
		}
		scopedAdmin := scopedStaff(t, e, "0915000104", "ha-noi")
		e.DB.Exec("UPDATE users SET role = 'admin' WHERE phone = '+84915000104'")
		for _, tok := range []string{staff, scopedAdmin} {
			e.ExpectProblem(403, "forbidden", request{Method: "PATCH", Path: path, Token: tok, Body: map[string]any{"province": nil}})
		}
		e.ExpectProblem(403, "forbidden", request{Method: "PATCH", Path: path, Token: shopper, Body: map[string]any{"province": nil}})
		e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: path, Token: admin, Body: map[string]any{"province": "atlantis"}})
		e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: "/api/v1/admin/users/" + shopperID, Token: admin, Body: map[string]any{"province": "ninh-binh"}})
		e.ExpectProblem(404, "not_found", request{Method: "PATCH", Path: "/api/v1/admin/users/nobody", Token: admin, Body: map[string]any{"province": nil}})
		e.Expect(200, request{Method: "PATCH", Path: path, Token: admin, Body: map[string]any{"province": nil}}).JSON(t, &got)
		if got.Province != nil {
			t.Fatalf("cleared province = %v", *got.Province)
		}
	})
}

// TestFeaturedByProvince: GET /featured?province= answers that province's
// list, and the public micro-cache keeps the lists apart.
func TestFeaturedByProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db, func(d *api.Deps) { d.Catalog = catalog.NewService(db) }) // micro-cache on
		m := newMarket(t, e)
		scoped := scopedStaff(t, e, "0915000201", "ninh-binh")
		e.Expect(200, request{Method: "PUT", Path: "/api/v1/admin/featured?province=ninh-binh", Token: scoped,
			Body: map[string]any{"coops": []any{map[string]string{"coop_id": m.CoopA.ID}}, "products": []any{map[string]string{"product_id": m.Active.ID}}}})
		e.Expect(200, request{Method: "PUT", Path: "/api/v1/admin/featured", Token: m.Staff,
			Body: map[string]any{"coops": []any{map[string]string{"coop_id": m.CoopB.ID}}, "products": []any{}}})
		var nb, all struct {
			Coops    []coopJSON
			Products []productJSON
		}
		for range 2 { // the second answer comes from the cache
			e.Expect(200, request{Method: "GET", Path: "/api/v1/featured?province=ninh-binh"}).JSON(t, &nb)
			e.Expect(200, request{Method: "GET", Path: "/api/v1/featured"}).JSON(t, &all)
			if len(nb.Coops) != 1 || nb.Coops[0].ID != m.CoopA.ID || len(nb.Products) != 1 {
				t.Fatalf("Ninh Bình = %+v", nb)
			}
			if len(all.Coops) != 1 || all.Coops[0].ID != m.CoopB.ID || len(all.Products) != 0 {
				t.Fatalf("national = %+v", all)
			}
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/featured?province=atlantis"})
		var entries struct{ Coops []struct{ CoopID string } }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/featured?province=ninh-binh", Token: scoped}).JSON(t, &entries)
		if len(entries.Coops) != 1 {
			t.Fatalf("entries = %+v", entries)
		}
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/featured", Token: scoped})
	})
}
