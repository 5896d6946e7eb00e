package api_test

import (
	"strings"
	"testing"
)

// TestResubmitAndBanks: a rejected applicant cannot open a second coop
// (409 application_open), edits hers, resubmits it (200, pending, in the
// history), and staff approve it; resubmitting then is 409. GET /banks
// finds Vietcombank by "vietcom" and "ngoai thuong"; a coop update with an
// unknown BIN is 422 unknown_bank.
func TestResubmitAndBanks(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		seller := e.SignUp("0913200001", "Phạm Thị Lan")
		staff := e.UserWithRole("0913200002", "Cán bộ Hội", "staff")
		body := map[string]any{"name": "HTX Miến Dong", "kind": "hop_tac_xa", "province": "ninh-binh",
			"commune": "Xã Kim Sơn", "phone": "0913200001", "shipping_fee_vnd": 30000}
		var coop struct{ ID, Status, StatusReason string }
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: seller, Body: body}).JSON(t, &coop)
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + coop.ID + "/reject", Token: staff, Body: map[string]string{"reason": "Thiếu tài khoản ngân hàng"}})

		body["name"] = "HTX Miến Dong 2"
		e.ExpectProblem(409, "application_open", request{Method: "POST", Path: "/api/v1/coops", Token: seller, Body: body})

		path := "/api/v1/coops/" + coop.ID
		e.ExpectProblem(422, "unknown_bank", request{Method: "PATCH", Path: path, Token: seller,
			Body: map[string]any{"bank": map[string]string{"bin": "123456", "account_number": "0123456789", "account_name": "PHAM THI LAN"}}})
		e.Expect(200, request{Method: "PATCH", Path: path, Token: seller,
			Body: map[string]any{"bank": map[string]string{"bin": "970436", "account_number": "0123456789", "account_name": "Phạm Thị Lan"}}})

		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: path + "/resubmit"})
		e.Expect(200, request{Method: "POST", Path: path + "/resubmit", Token: seller}).JSON(t, &coop)
		if coop.Status != "pending" || coop.StatusReason != "" {
			t.Fatalf("after resubmit: %+v", coop)
		}
		var hist struct{ Items []struct{ From, To string } }
		e.Expect(200, request{Method: "GET", Path: path + "/history", Token: seller}).JSON(t, &hist)
		if n := len(hist.Items); n != 3 || hist.Items[2].From != "rejected" || hist.Items[2].To != "pending" {
			t.Fatalf("history: %+v", hist.Items)
		}
		var audit struct{ Items []struct{ Action string } }
		e.Expect(200, request{Method: "GET", Path: path + "/audit", Token: seller}).JSON(t, &audit)
		if len(audit.Items) == 0 || audit.Items[0].Action != "coop.resubmit" {
			t.Fatalf("audit: %+v", audit.Items)
		}
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + coop.ID + "/approve", Token: staff})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: path + "/resubmit", Token: seller})

		var list []struct{ BIN, ShortName, Name string }
		for _, q := range []string{"vietcom", "ngoai%20thuong", "VIETCOMBANK"} {
			e.Expect(200, request{Method: "GET", Path: "/api/v1/banks?q=" + q}).JSON(t, &list)
			if len(list) != 1 || list[0].BIN != "970436" {
				t.Fatalf("q=%s: %+v", q, list)
			}
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/banks"}).JSON(t, &list)
		if len(list) < 50 {
			t.Fatalf("all banks: %d", len(list))
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/banks?q=" + strings.Repeat("a", 101)})
	})
}

// TestPatchVariantsInOneSave: two variants saved in one PATCH; one bad
// field refuses the whole save, naming the variant; a moved stock is 409
// with every current stock; a stranger gets 404.
func TestPatchVariantsInOneSave(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		va := s.ProductA.Variants[0].ID // "Gói 500 g", 160000 ₫, stock 10
		var p struct {
			Variants []struct{ ID string }
		}
		e.Expect(201, request{Method: "POST", Path: "/api/v1/products/" + s.ProductA.ID + "/variants", Token: s.SellerA,
			Body: map[string]any{"name": "Gói 200 g", "price_vnd": 70000, "stock": 5}}).JSON(t, &p)
		vb := p.Variants[1].ID
		path := "/api/v1/products/" + s.ProductA.ID + "/variants"

		bad := e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"variants": []map[string]any{
			{"id": va, "name": "Hộp 500 g"}, {"id": vb, "price_vnd": 0}}}})
		if len(bad.Errors) != 1 || bad.Errors[0].Field != "variants[1].price_vnd" {
			t.Fatalf("errors: %+v", bad.Errors)
		}
		res := e.Expect(409, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"variants": []map[string]any{
			{"id": va, "name": "Hộp 500 g"}, {"id": vb, "stock": 9, "expected_stock": 4}}}})
		var moved struct {
			Stocks map[string]int `json:"stocks"`
		}
		res.JSON(t, &moved)
		if moved.Stocks[vb] != 5 {
			t.Fatalf("409 body: %s", res.Body)
		}
		if v := variantJSON(t, e, s, va); v.PriceVND != 160000 {
			t.Fatalf("refused save changed a: %+v", v)
		}

		e.ExpectProblem(404, "not_found", request{Method: "PATCH", Path: path, Token: s.SellerB, Body: map[string]any{"variants": []map[string]any{{"id": va, "price_vnd": 1000}}}})
		e.Expect(200, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"variants": []map[string]any{
			{"id": va, "name": "Hộp 500 g", "price_vnd": 150000, "stock": 3, "expected_stock": 10},
			{"id": vb, "stock": 8, "expected_stock": 5}}}})
		if a, b := variantJSON(t, e, s, va), variantJSON(t, e, s, vb); a.PriceVND != 150000 || a.Stock != 3 || b.Stock != 8 {
			t.Fatalf("after one save: %+v %+v", a, b)
		}
	})
}
