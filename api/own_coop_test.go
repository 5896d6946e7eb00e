package api_test

import (
	"strings"
	"testing"
)

// TestSellerCannotBuyOwnCoopAPI: a seller's checkout of her own coop's item,
// signed in or as a guest with her phone, is a 422 naming the line.
func TestSellerCannotBuyOwnCoopAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		va, vb := s.ProductA.Variants[0].ID, s.ProductB.Variants[0].ID
		p := e.ExpectProblem(422, "validation_failed", checkoutReq("k-own", map[string]any{"items": cart(vb, 1, va, 1), "shipping_address": hanoi}, s.SellerA))
		if len(p.Errors) != 1 || p.Errors[0].Field != "items[1].variant_id" || !strings.Contains(p.Errors[0].Message, "Chè búp") {
			t.Fatalf("problem: %+v", p)
		}
		// As a guest with her own phone it is the same.
		guest := map[string]any{"items": cart(va, 1), "shipping_address": hanoi, "buyer": map[string]string{"name": "Hoa", "phone": "0913100001"}}
		e.ExpectProblem(422, "validation_failed", checkoutReq("k-own-guest", guest, ""))
		// Another coop's goods she may buy.
		e.Expect(201, checkoutReq("k-other", map[string]any{"items": cart(vb, 1), "shipping_address": hanoi}, s.SellerA))
	})
}
