package api_test

import (
	"testing"
)

// TestPatchVariantExpectedStock: with expected_stock, a stock that moved
// since the seller read it (a sale) is a 409 conflict carrying the current
// stock, and nothing changes; without it the write is as before.
func TestPatchVariantExpectedStock(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		va := s.ProductA.Variants[0].ID // stock 10
		e.Expect(201, checkoutReq("k-stock", map[string]any{"items": cart(va, 4), "shipping_address": hanoi}, s.Shopper))
		path := "/api/v1/products/" + s.ProductA.ID + "/variants/" + va

		res := e.Expect(409, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"stock": 12, "expected_stock": 10, "price_vnd": 170000}})
		var p struct {
			Code  string `json:"code"`
			Stock *int   `json:"stock"`
		}
		res.JSON(t, &p)
		if p.Code != "conflict" || p.Stock == nil || *p.Stock != 6 {
			t.Fatalf("conflict body: %s", res.Body)
		}
		if v := variantJSON(t, e, s, va); v.Stock != 6 || v.PriceVND != 160000 {
			t.Fatalf("a refused PATCH changed the variant: %+v", v)
		}

		e.Expect(200, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"price_vnd": 170000}})
		if v := variantJSON(t, e, s, va); v.Stock != 6 || v.PriceVND != 170000 {
			t.Fatalf("price only: %+v", v)
		}
		e.Expect(200, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"stock": 12, "expected_stock": 6}})
		if v := variantJSON(t, e, s, va); v.Stock != 12 {
			t.Fatalf("stock with the right expectation: %+v", v)
		}
		e.Expect(200, request{Method: "PATCH", Path: path, Token: s.SellerA, Body: map[string]any{"stock": 20}})
		if v := variantJSON(t, e, s, va); v.Stock != 20 {
			t.Fatalf("stock without expectation: %+v", v)
		}
	})
}

type variantView struct {
	ID       string `json:"id"`
	Stock    int    `json:"stock"`
	PriceVND int64  `json:"price_vnd"`
}

func variantJSON(t *testing.T, e *testEnv, s *shop, variantID string) variantView {
	t.Helper()
	var p struct{ Variants []variantView }
	e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + s.ProductA.Slug, Token: s.SellerA}).JSON(t, &p)
	for _, v := range p.Variants {
		if v.ID == variantID {
			return v
		}
	}
	t.Fatalf("no variant %s", variantID)
	return variantView{}
}
