package api_test

import (
	"encoding/json"
	"testing"

	"github.com/ganh-market/ganh/privacy/privacytest"
)

// TestExportAndEraseAPI: a shopper who bought signed in and as a guest
// downloads her data, then erases her account: her orders stay
// anonymised, no column of any table holds her phone or name (the
// throttle counters and stored checkout answers included), and the phone
// registers again.
func TestExportAndEraseAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		s := newShop(t, e)
		const phone, name = "+84913100003", "Lê Thị Mai" // newShop's shopper
		e.Expect(201, checkoutReq("k-1", map[string]any{"items": cart(s.ProductA.Variants[0].ID, 1), "shipping_address": hanoi, "payment_method": "cod"}, s.Shopper))
		guest := guestBody(cart(s.ProductB.Variants[0].ID, 1), "cod")
		guest["buyer"] = map[string]string{"name": name, "phone": "0913 100 003"}
		e.Expect(201, checkoutReq("k-2", guest, ""))
		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"phone": "0913100003", "password": "sai mật khẩu rồi"}})

		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/me/export", Token: s.Shopper})
		if cd := res.Header.Get("Content-Disposition"); cd == "" {
			t.Error("the export is not a download")
		}
		var doc struct {
			Account struct{ Phone string }
			Orders  []struct{ Items []map[string]any }
			Consent []map[string]any
		}
		res.JSON(t, &doc)
		if doc.Account.Phone != phone || len(doc.Orders) != 2 || len(doc.Orders[0].Items) != 1 || len(doc.Consent) != 1 {
			t.Fatalf("export: %s", res.Body)
		}
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me/export"})

		e.ExpectProblem(422, "validation_failed", request{Method: "DELETE", Path: "/api/v1/me", Token: s.Shopper, Body: map[string]string{"password": "không đúng"}})
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/me", Token: s.Shopper, Body: map[string]string{"password": testPassword}})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me", Token: s.Shopper})
		for _, needle := range []string{phone, "0913100003", name} {
			if found := privacytest.Traces(t, e.DB, needle); len(found) > 0 {
				t.Errorf("%q is still in %v", needle, found)
			}
		}
		var n int64
		e.DB.Raw("SELECT COUNT(*) FROM orders WHERE buyer_name = 'Khách đã xoá tài khoản'").Scan(&n)
		if n != 2 {
			t.Errorf("%d anonymised orders, want 2", n)
		}
		e.SignUp("0913100003", "Lê Thị Mai")
	})
}

// TestOwnerMustHandOverBeforeErasure: the owner gets 409; she moves
// ownership to a member (a stranger is a 422, a member who is not the
// owner gets 403), stays a member, and can then erase her account.
func TestOwnerMustHandOverBeforeErasure(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		s := newShop(t, e)
		helper := e.SignUp("0913100009", "Phạm Thị Giúp")
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/members", Token: s.SellerA,
			Body: map[string]string{"phone": "0913100009", "role": "member"}})
		helperID := userID(t, e, helper)

		e.ExpectProblem(409, "conflict", request{Method: "DELETE", Path: "/api/v1/me", Token: s.SellerA, Body: map[string]string{"password": testPassword}})
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/owner", Token: s.SellerA,
			Body: map[string]string{"user_id": userID(t, e, s.Shopper)}})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/owner", Token: helper,
			Body: map[string]string{"user_id": helperID}})
		e.Expect(200, request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/owner", Token: s.SellerA,
			Body: map[string]string{"user_id": helperID}})

		var me struct {
			Role  string
			Coops []struct {
				MemberRole string `json:"member_role"`
			}
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: helper}).JSON(t, &me)
		if me.Role != "seller" || len(me.Coops) != 1 || me.Coops[0].MemberRole != "owner" {
			t.Fatalf("the new owner: %+v", me)
		}
		var audit struct {
			Items []struct {
				Action    string
				SubjectID string `json:"subject_id"`
			}
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/audit", Token: helper}).JSON(t, &audit)
		if len(audit.Items) == 0 || audit.Items[0].Action != "coop.owner" || audit.Items[0].SubjectID != helperID {
			b, _ := json.Marshal(audit)
			t.Fatalf("audit: %s", b)
		}
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/me", Token: s.SellerA, Body: map[string]string{"password": testPassword}})
	})
}
