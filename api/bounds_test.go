package api_test

import (
	"fmt"
	"testing"
)

// TestProbeBoundsAPI replays the probe's attack through HTTP: a product at
// 10¹² ₫ a unit, a cart of 1,000 units, a cart of 51 lines. Each is a 422
// naming the field, and none writes anything.
func TestProbeBoundsAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		body := map[string]any{"name": "Vàng", "description": "x", "category": "dac-san-kho", "unit": "gói", "status": "active",
			"variants": []map[string]any{{"name": "1 chỉ", "price_vnd": int64(1_000_000_000_000), "stock": 999}}}
		p := e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/products", Token: s.SellerA, Body: body})
		if len(p.Errors) != 1 || p.Errors[0].Field != "variants[0].price_vnd" {
			t.Fatalf("errors: %+v", p.Errors)
		}
		va := s.ProductA.Variants[0].ID
		p = e.ExpectProblem(422, "validation_failed", checkoutReq("k-1000", map[string]any{"items": cart(va, 1000), "shipping_address": hanoi}, s.Shopper))
		if len(p.Errors) != 1 || p.Errors[0].Field != "items[0].quantity" {
			t.Fatalf("errors: %+v", p.Errors)
		}
		lines := []any{}
		for i := range 51 {
			lines = append(lines, fmt.Sprintf("0190e000-0000-7000-8000-%012d", i), 1)
		}
		p = e.ExpectProblem(422, "validation_failed", checkoutReq("k-51", map[string]any{"items": cart(lines...), "shipping_address": hanoi}, s.Shopper))
		if len(p.Errors) != 1 || p.Errors[0].Field != "items" {
			t.Fatalf("errors: %+v", p.Errors)
		}
		var list struct{ Items []any }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/products", Token: s.SellerA}).JSON(t, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%d products, want 1", len(list.Items))
		}
		var mine struct{ Items []any }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders", Token: s.Shopper}).JSON(t, &mine)
		if len(mine.Items) != 0 {
			t.Fatalf("%d orders written", len(mine.Items))
		}
	})
}
